"""Only what is new: a second run exports exactly the added and the edited article."""

import json
import sys
from pathlib import Path

import pytest
from conftest import LoopbackSite, read_jsonl, run_scrapy

sys.path.insert(0, str(Path(__file__).parent / "sites" / "cron-spiders"))
from cronfixtures import CronSite, crawl_args, crawl_env, manifests, outputs  # noqa: E402

from newscrawl.incremental import latest_meant, parse_lastmod, should_skip  # noqa: E402


def crawl(tmp_path, url, *extra):
    return run_scrapy(crawl_args(tmp_path, url, "cronsite", *extra), env=crawl_env())


@pytest.fixture
def served(tmp_path):
    site = CronSite(tmp_path / "site", count=6)
    with LoopbackSite(site.root) as server:
        site.write(server.url)
        yield site, server


def test_second_run_exports_only_the_added_and_the_edited_article(tmp_path, served):
    site, server = served
    first = crawl(tmp_path, server.url)
    assert first.returncode == 0, first.stderr[-3000:]
    [run1] = outputs(tmp_path)
    lines1 = read_jsonl(run1)
    assert len(lines1) == 6
    assert {line["version"] for line in lines1} == {1}
    old = {line["canonicalUrl"]: line for line in lines1}

    site.add("story-new")
    site.edit("story-002", "An update: the talks were postponed to next week.")
    site.write(server.url)
    server.hits.clear()
    second = crawl(tmp_path, server.url)
    assert second.returncode == 0, second.stderr[-3000:]

    run2 = outputs(tmp_path)[-1]
    assert run2 != run1
    lines2 = {line["canonicalUrl"]: line for line in read_jsonl(run2)}
    assert set(lines2) == {site.url("story-new"), site.url("story-002")}
    added, edited = lines2[site.url("story-new")], lines2[site.url("story-002")]
    assert added["version"] == 1 and added["previousHash"] is None
    assert edited["version"] == 2
    assert edited["previousHash"] == old[site.url("story-002")]["contentHash"]
    assert edited["contentHash"] != edited["previousHash"]
    assert edited["firstSeen"] == old[site.url("story-002")]["firstSeen"]
    # The unchanged articles were not downloaded again: the sitemap said so.
    fetched = {hit for hit in server.hits if hit.startswith("/news/")}
    assert fetched == {"/news/story-new.html", "/news/story-002.html"}
    manifest = json.loads(manifests(tmp_path)[-1].read_text())
    counts = manifest["sites"]["cronsite"]
    assert (counts["new"], counts["updated"], counts["skipped_unchanged"]) == (1, 1, 5)


def test_refetched_unchanged_article_is_dropped_not_exported(tmp_path, served):
    site, server = served
    assert crawl(tmp_path, server.url).returncode == 0
    # Without incremental skipping every page is fetched again, and the state
    # pipeline recognises all of them as already delivered.
    again = crawl(tmp_path, server.url, "-s", "NEWSCRAWL_INCREMENTAL_ENABLED=False")
    assert again.returncode == 0, again.stderr[-3000:]
    assert len(outputs(tmp_path)) == 1  # no second (empty) file
    assert "'newscrawl/state/unchanged': 6" in again.stderr


def test_paywalled_article_is_rechecked_and_exported_when_full_text_appears(tmp_path, served):
    site, server = served
    teaser = site.articles["story-001"]
    teaser.access, teaser.paragraphs = "paywalled", teaser.paragraphs[:1]
    site.write(server.url)
    assert crawl(tmp_path, server.url).returncode == 0
    # Full text appears; the sitemap lastmod does not move (as on many sites).
    teaser.access = "free"
    teaser.paragraphs.append("The rest of the story, now open to every reader.")
    site.write(server.url)
    server.hits.clear()
    assert crawl(tmp_path, server.url).returncode == 0
    assert "/news/story-001.html" in server.hits
    [line] = read_jsonl(outputs(tmp_path)[-1])
    assert (line["canonicalUrl"], line["access"], line["version"]) == (
        site.url("story-001"),
        "free",
        2,
    )


def test_skip_rule():
    now = parse_lastmod("2026-11-24T12:00:00Z")
    known = {"access": "free", "first_seen": "2026-11-01T00:00:00Z"}
    checked = "2026-11-20T10:00:00Z"
    assert should_skip(known, checked, parse_lastmod("2026-11-19"), now, 7)
    assert not should_skip(known, checked, parse_lastmod("2026-11-20"), now, 7)  # end of day
    assert not should_skip(known, checked, parse_lastmod("2026-11-21T00:00Z"), now, 7)
    assert not should_skip(None, checked, parse_lastmod("2026-11-19"), now, 7)
    assert not should_skip(known, checked, None, now, 7)
    paywalled = {"access": "paywalled", "first_seen": "2026-11-20T00:00:00Z"}
    assert not should_skip(paywalled, checked, parse_lastmod("2026-11-19"), now, 7)
    assert should_skip(paywalled, checked, parse_lastmod("2026-11-19"), now, 3)


def test_a_bare_sitemap_date_keeps_meaning_its_whole_day():
    """A sitemap's ``<lastmod>2026-11-20</lastmod>`` reaches the middleware as
    midnight UTC (discovery writes ISO dates); an article checked at 10:00 that
    day may have changed later the same day, so it is fetched again."""
    from newscrawl.discovery import iso_date

    now = parse_lastmod("2026-11-24T12:00:00Z")
    known = {"access": "free", "first_seen": "2026-11-01T00:00:00Z"}
    checked = "2026-11-20T10:00:00Z"
    lastmod = latest_meant(parse_lastmod(iso_date("2026-11-20")))
    assert not should_skip(known, checked, lastmod, now, 7)
    assert should_skip(known, checked, latest_meant(parse_lastmod(iso_date("2026-11-19"))), now, 7)
    timed = parse_lastmod("2026-11-20T08:30:00+00:00")
    assert latest_meant(timed) == timed  # a real time stays as it is
