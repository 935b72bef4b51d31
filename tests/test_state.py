"""The crawl state (a real SQLite file) and the ``scrapy state`` command."""

import json
import sys
from pathlib import Path

from conftest import LoopbackSite, run_scrapy

from newscrawl.state import StateStore, state_path_from_uri

sys.path.insert(0, str(Path(__file__).parent / "sites" / "cron-spiders"))
from cronfixtures import CronSite, crawl_args, crawl_env, settings_args  # noqa: E402


def article(n: int, site: str = "s", version: int = 1, access: str = "free") -> dict:
    return {
        "url": f"http://127.0.0.1/a{n}?utm=x",
        "canonicalUrl": f"http://127.0.0.1/a{n}",
        "site": site,
        "contentHash": f"sha256:{n:064x}",
        "version": version,
        "access": access,
        "metadata": {"dateDownloaded": "2026-11-24T10:00:00Z"},
    }


def test_state_file_is_created_in_wal_mode(tmp_path):
    store = StateStore(tmp_path / "deep" / "state.db")
    assert (tmp_path / "deep" / "state.db").exists()
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_mark_delivered_is_idempotent_and_keeps_versions(tmp_path):
    store = StateStore(tmp_path / "s.db")
    assert store.mark_delivered([article(1), article(2)]) == 2
    store.mark_delivered([article(1)])  # salvage after a crash: same lines again
    store.mark_delivered([article(1, version=2)])
    assert store.latest("s", "http://127.0.0.1/a1")["version"] == 2
    assert store.latest_by_url("http://127.0.0.1/a2?utm=x")["key"] == "http://127.0.0.1/a2"
    assert store.delivered_count("s") == 3
    assert store.last_checked("s", "http://127.0.0.1/a1") == "2026-11-24T10:00:00Z"
    assert store.mark_delivered([{"site": "s"}]) == 0  # no identity: ignored


def test_reset_one_site_keeps_the_others(tmp_path):
    store = StateStore(tmp_path / "s.db")
    store.mark_delivered([article(1, "one"), article(2, "two")])
    store.raise_watermark("one", "http://127.0.0.1/sitemap.xml", "2026-11-20T00:00:00+00:00")
    assert store.reset("one") == 1
    assert store.latest("one", "http://127.0.0.1/a1") is None
    assert store.watermark("one", "http://127.0.0.1/sitemap.xml") is None
    assert store.latest("two", "http://127.0.0.1/a2") is not None


def test_watermark_only_moves_forward(tmp_path):
    store = StateStore(tmp_path / "s.db")
    store.raise_watermark("s", "feed", "2026-11-20T00:00:00+00:00")
    store.raise_watermark("s", "feed", "2026-11-10T00:00:00+00:00")
    assert store.watermark("s", "feed") == "2026-11-20T00:00:00+00:00"


def test_state_uri_forms(tmp_path):
    assert state_path_from_uri("sqlite:///state/x.db", base=tmp_path) == tmp_path / "state/x.db"
    assert state_path_from_uri("sqlite:////var/lib/x.db", base=tmp_path) == Path("/var/lib/x.db")


def test_state_command_show_export_reset(tmp_path):
    site = CronSite(tmp_path / "site", count=4)
    with LoopbackSite(site.root) as server:
        site.write(server.url)
        crawled = run_scrapy(crawl_args(tmp_path, server.url), env=crawl_env())
        assert crawled.returncode == 0, crawled.stderr[-3000:]

        def state(*args):
            return run_scrapy(["state", *args, *settings_args(tmp_path)], env=crawl_env())

        shown = state("show")
        assert shown.returncode == 0, shown.stderr
        assert "cronsite: 4 articles, 4 versions" in shown.stdout

        exported = state("export", "cronsite")
        rows = [json.loads(x) for x in exported.stdout.splitlines()]
        articles = [r for r in rows if r["table"] == "articles"]
        assert sorted(r["key"] for r in articles) == sorted(site.url(s) for s in site.articles)
        assert any(r["table"] == "watermarks" for r in rows)

        assert state("reset").returncode != 0  # needs a site or --all
        reset = state("reset", "cronsite")
        assert reset.returncode == 0 and "forgot 4" in reset.stdout
        assert "no delivered articles" in state("show").stdout
        # After a reset the site's articles are delivered again.
        again = run_scrapy(crawl_args(tmp_path, server.url), env=crawl_env())
        assert again.returncode == 0
        assert "cronsite: 4 articles" in state("show").stdout
