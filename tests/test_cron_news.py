"""Cron-grade runs with the real ``news`` spider and the default pipelines.

A loopback site (robots.txt with a ``Sitemap:`` line, a sitemap with
``lastmod``, a listing page) is built in ``tmp_path`` and changed between runs.
"""

import json
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import PROJECT_ROOT, LoopbackSite, read_jsonl, run_scrapy

from newscrawl.state import StateStore

sys.path.insert(0, str(Path(__file__).parent / "sites" / "cron-news-site"))
from newssite import (  # noqa: E402
    PAYWALL_PROMPT,
    NewsSite,
    article_hits,
    news_args,
    news_manifests,
    news_outputs,
    paragraphs_for,
)

SCHEMA = json.loads((PROJECT_ROOT / "newscrawl/schema/article.schema.json").read_text())


def assert_schema_valid(lines: list[dict]) -> None:
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for line in lines:
        errors = [e.message for e in validator.iter_errors(line)]
        assert not errors, (line.get("url"), errors)


@pytest.fixture
def served(tmp_path):
    site = NewsSite(tmp_path / "site")
    with LoopbackSite(site.root) as server:
        yield site, server


def crawl(tmp_path, site, *extra):
    return run_scrapy(news_args(tmp_path, site.start_url, *extra))


def test_second_run_exports_exactly_the_new_and_the_edited_article(tmp_path, served):
    site, server = served
    slugs = [f"canal-tariff-talks-update-{n}" for n in range(5)]
    for slug in slugs:
        site.add(slug)
    site.write(server.url)
    first = crawl(tmp_path, site)
    assert first.returncode == 0, first.stderr[-3000:]
    lines1 = read_jsonl(news_outputs(tmp_path)[0])
    assert {line["url"] for line in lines1} == {site.url(s) for s in slugs}
    assert {line["version"] for line in lines1} == {1}
    assert_schema_valid(lines1)
    old = {line["url"]: line for line in lines1}

    site.add("desalination-plant-opens-in-aqaba")
    edited = site.edit(slugs[2], "An update: the talks were postponed to next week.")
    site.write(server.url)
    server.hits.clear()
    second = crawl(tmp_path, site)
    assert second.returncode == 0, second.stderr[-3000:]

    run2 = news_outputs(tmp_path)[-1]
    lines2 = read_jsonl(run2)
    assert_schema_valid(lines2)
    by_url = {line["url"]: line for line in lines2}
    new_url, edited_url = site.url("desalination-plant-opens-in-aqaba"), site.url(slugs[2])
    assert set(by_url) == {new_url, edited_url}
    assert by_url[new_url]["version"] == 1 and by_url[new_url]["previousHash"] is None
    changed = by_url[edited_url]
    assert changed["version"] == 2
    assert changed["previousHash"] == old[edited_url]["contentHash"]
    assert changed["contentHash"] != changed["previousHash"]
    assert "postponed to next week" in changed["articleBody"]
    assert changed["dateModified"][:19] == edited.modified[:19]
    assert changed["firstSeen"] == old[edited_url]["firstSeen"]
    # The listing and the sitemap were read again; unchanged articles were not.
    assert {"/robots.txt", "/sitemap.xml", "/news/"} <= set(server.hits)
    assert article_hits(server.hits) == {
        site.path("desalination-plant-opens-in-aqaba"),
        site.path(slugs[2]),
    }
    manifest = json.loads(news_manifests(tmp_path)[-1].read_text())
    counts = manifest["sites"]["news"]
    assert manifest["exit_code"] == 0
    assert (counts["new"], counts["updated"], counts["skipped_unchanged"]) == (1, 1, 4)
    assert counts["discovered"] == 6  # each URL once, from the listing and the sitemap
    # The sitemap's newest lastmod is kept as its watermark.
    store = StateStore(tmp_path / "state" / "newscrawl.db")
    try:
        watermarks = [r for r in store.export() if r["table"] == "watermarks"]
    finally:
        store.close()
    assert [w["source"] for w in watermarks] == [f"{server.url}/sitemap.xml"]
    assert watermarks[0]["newest"][:19] >= edited.modified[:19]


def test_robots_txt_denying_everything_exits_site_failed_and_says_why(tmp_path):
    site = NewsSite(tmp_path / "site", disallow_all=True)
    site.add("border-crossing-reopens-for-trucks")
    with LoopbackSite(site.root) as server:
        site.write(server.url)
        run = crawl(tmp_path, site)
        hits = list(server.hits)
    assert run.returncode == 3, run.stderr[-3000:]
    assert not article_hits(hits) and "/news/" not in hits
    assert news_outputs(tmp_path) == []
    [manifest_path] = news_manifests(tmp_path)
    manifest = json.loads(manifest_path.read_text())
    assert manifest["exit_code"] == 3
    assert "robots.txt denied" in manifest["failure"]
    assert "robots.txt denied" in manifest["sites"]["news"]["failure"]
    assert "robots.txt denied" in run.stderr  # the summary paragraph says it too


def test_paywalled_teaser_is_exported_then_rechecked_and_exported_with_full_text(tmp_path, served):
    site, server = served
    site.add("olive-harvest-falls-short-again")
    slug = "inside-the-rail-corridor-negotiations"
    teaser = site.add(slug, free=False, word_count=900, after=PAYWALL_PROMPT)
    teaser.paragraphs = teaser.paragraphs[:2]
    site.write(server.url)
    first = crawl(tmp_path, site)
    assert first.returncode == 0, first.stderr[-3000:]
    lines1 = {line["url"]: line for line in read_jsonl(news_outputs(tmp_path)[0])}
    assert_schema_valid(list(lines1.values()))
    paywalled = lines1[site.url(slug)]
    assert paywalled["access"] == "paywalled", paywalled["accessEvidence"]
    assert PAYWALL_PROMPT.lower() not in paywalled["articleBody"].lower()
    assert lines1[site.url("olive-harvest-falls-short-again")]["access"] == "free"

    # The full text appears (still flagged not free: a metered page); the
    # sitemap lastmod does not move, as on many sites.
    teaser.paragraphs = paragraphs_for(slug, count=20)
    teaser.after = ""
    site.write(server.url)
    server.hits.clear()
    second = crawl(tmp_path, site)
    assert second.returncode == 0, second.stderr[-3000:]
    assert article_hits(server.hits) == {site.path(slug)}  # only the re-check
    [full] = read_jsonl(news_outputs(tmp_path)[-1])
    assert_schema_valid([full])
    assert full["url"] == site.url(slug)
    assert full["access"] in ("metered", "free"), full["accessEvidence"]
    assert full["version"] == 2 and full["previousHash"] == paywalled["contentHash"]
    assert len(full["articleBody"].split()) > 800
