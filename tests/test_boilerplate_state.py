"""The per-site boilerplate memory learns within a run and persists with the crawl state."""

import sqlite3
import sys
from pathlib import Path

import pytest
from conftest import LoopbackSite, read_jsonl, run_scrapy

sys.path.insert(0, str(Path(__file__).parent / "sites" / "cron-news-site"))
from newssite import (  # noqa: E402
    MARKETING_BOX,
    NewsSite,
    news_args,
    news_outputs,
)

from newscrawl.extract.boilerplate import BoilerplateMemory  # noqa: E402
from newscrawl.state import StateStore  # noqa: E402

BOX_WORDS = MARKETING_BOX  # the whole box, verbatim


def _by_url(path: Path) -> dict[str, dict]:
    return {line["url"]: line for line in read_jsonl(path)}


@pytest.fixture
def served(tmp_path):
    site = NewsSite(tmp_path / "site")
    with LoopbackSite(site.root) as server:
        yield site, server


def test_recurring_box_is_learnt_in_run_one_and_dropped_from_the_first_article_of_run_two(
    tmp_path, served
):
    site, server = served
    for n in range(5):
        site.add(f"port-authority-tender-report-{n}", box=True)
    site.write(server.url)
    first = run_scrapy(news_args(tmp_path, site.start_url))
    assert first.returncode == 0, first.stderr[-3000:]
    lines = list(_by_url(news_outputs(tmp_path)[0]).values())
    assert len(lines) == 5
    with_box = [line for line in lines if BOX_WORDS in line["articleBody"]]
    # Learnt within the run: the first three articles keep it, later ones lose it.
    assert len(with_box) == 3
    assert all(line["articleBody"].count("note") >= 4 for line in lines)  # story kept

    stored = sqlite3.connect(tmp_path / "state" / "newscrawl.db")
    sites = {row[0] for row in stored.execute("SELECT site FROM boilerplate")}
    assert sites == {"127.0.0.1"}

    # Run 2: only new articles, same box. The very first one crawled loses it.
    for n in range(5, 7):
        site.add(f"port-authority-tender-report-{n}", box=True)
    site.write(server.url)
    second = run_scrapy(news_args(tmp_path, site.start_url))
    assert second.returncode == 0, second.stderr[-3000:]
    new_lines = read_jsonl(news_outputs(tmp_path)[-1])
    assert {line["url"] for line in new_lines} == {
        site.url("port-authority-tender-report-5"),
        site.url("port-authority-tender-report-6"),
    }
    for line in new_lines:
        assert BOX_WORDS not in line["articleBody"], line["url"]
        assert line["articleBody"].count("note") == 4
    assert "'newscrawl/teaser/boilerplate_loaded'" in second.stderr


def test_a_block_in_only_two_articles_is_kept(tmp_path, served):
    site, server = served
    for n in range(5):
        site.add(f"wheat-prices-market-report-{n}", box=n in (1, 3))
    site.write(server.url)
    run = run_scrapy(news_args(tmp_path, site.start_url))
    assert run.returncode == 0, run.stderr[-3000:]
    lines = _by_url(news_outputs(tmp_path)[0])
    boxed = {site.url(f"wheat-prices-market-report-{n}") for n in (1, 3)}
    for url, line in lines.items():
        assert (BOX_WORDS in line["articleBody"]) == (url in boxed), url
    assert "boilerplate_dropped" not in run.stderr


def test_memory_switched_off_with_the_state_learns_only_within_the_run(tmp_path, served):
    site, server = served
    for n in range(4):
        site.add(f"river-dam-electricity-report-{n}", box=True)
    site.write(server.url)
    off = ("-s", "NEWSCRAWL_STATE_ENABLED=False")
    run = run_scrapy(news_args(tmp_path, site.start_url, *off))
    assert run.returncode == 0, run.stderr[-3000:]
    lines = read_jsonl(news_outputs(tmp_path)[0])
    assert sum(BOX_WORDS in line["articleBody"] for line in lines) == 3
    state = tmp_path / "state" / "newscrawl.db"
    if state.exists():  # the run machinery may still create the file; no memory in it
        assert StateStore(state).load_boilerplate("127.0.0.1") == {}


def test_refetching_the_same_article_never_turns_its_own_text_into_chrome():
    memory = BoilerplateMemory(min_articles=2)
    text = "A paragraph that only this one article has, long enough to be judged."
    for _ in range(5):  # e.g. a paywalled article re-checked on five runs
        view = memory.for_article("https://site.example/a")
        assert not view.is_boilerplate("site", text)
        view.observe("site", [text])
    for n in range(2):
        memory.for_article(f"https://site.example/{n}").observe("site", [text])
    assert memory.for_article("https://site.example/new").is_boilerplate("site", text)
    # The first article now sees the text in two *other* articles too.
    assert memory.for_article("https://site.example/a").is_boilerplate("site", text)


def test_memory_is_bounded_keeping_frequent_blocks_and_survives_the_store(tmp_path):
    memory = BoilerplateMemory(min_articles=2, max_blocks=50)
    chrome = "Why read the Ledger: reporters in every capital of the region."
    for n in range(200):
        view = memory.for_article(f"https://site.example/{n}")
        view.observe("site", [chrome, f"Paragraph {n} of a story that nobody else printed."])
    entries = memory.site_entries("site")
    assert len(entries) == 50
    store = StateStore(tmp_path / "state.db")
    store.save_boilerplate("site", entries)
    store.save_boilerplate("other", {"abc": (["x1"], 1)})
    restored = BoilerplateMemory(min_articles=2, max_blocks=50)
    restored.load_site("site", StateStore(tmp_path / "state.db").load_boilerplate("site"))
    assert restored.for_article("https://site.example/999").is_boilerplate("site", chrome)
    assert restored.chrome_count("site") == 1
    assert store.reset("site") == 0  # no articles, but the memory is gone
    assert store.load_boilerplate("site") == {}
    assert store.load_boilerplate("other")
