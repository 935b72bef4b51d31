"""DedupePipeline: each article once per run, every drop counted."""

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from newscrawl.pipelines.dedupe import DedupeIndex, DedupePipeline, body_fingerprint

STORY = (
    "Syrian government forces backed by Hezbollah fighters pressed their assault on the town "
    "of Qusair on Thursday, as rebels under siege near the Lebanese border appealed for help. "
    "Residents described heavy shelling overnight and said that hundreds of wounded people were "
    "trapped without medical care, while opposition leaders accused foreign fighters of leading "
    "the offensive. The battle is seen as decisive for control of the corridor between Damascus "
    "and the coast, and both sides have sent reinforcements in recent days."
)
OTHER = (
    "Turkey's central bank held its policy rate steady on Thursday, surprising economists who "
    "had expected another cut after inflation slowed for a third month. The bank said it would "
    "keep a tight stance until price growth is firmly on a downward path, and markets reacted "
    "with a rally in the lira. Analysts said the decision reflects concern about energy prices "
    "and wage increases due in January, which could push inflation up again next year."
)


def article(url, body, canonical=None):
    import hashlib

    return {
        "url": url,
        "canonicalUrl": canonical,
        "articleBody": body,
        "contentHash": "sha256:" + hashlib.sha256(body.encode()).hexdigest(),
    }


@pytest.fixture
def pipeline():
    crawler = get_crawler()
    stats = MemoryStatsCollector(crawler)
    return DedupePipeline(stats, DedupeIndex(near_bits=4), min_words=50)


def drops(pipeline, items):
    kept = []
    for item in items:
        try:
            kept.append(pipeline.process_item(item))
        except DropItem:
            pass
    return kept


def test_same_article_under_amp_and_tracking_urls_is_kept_once(pipeline):
    base = "https://site.example/news/2024/05/story"
    kept = drops(
        pipeline,
        [
            article(base + "?utm_source=rss", STORY),
            article(base + "/amp", STORY, canonical=base),
            article(base + "?fbclid=abc", STORY),
        ],
    )
    assert [k["canonicalUrl"] for k in kept] == [base]
    assert pipeline.stats.get_value("newscrawl/dedupe/canonical_url") == 2


def test_same_body_under_unrelated_urls_is_kept_once(pipeline):
    kept = drops(
        pipeline,
        [article("https://a.example/x", STORY), article("https://a.example/y", STORY)],
    )
    assert len(kept) == 1
    assert pipeline.stats.get_value("newscrawl/dedupe/exact_body") == 1


def test_syndicated_copy_with_a_changed_line_is_a_near_duplicate(pipeline):
    copy = STORY.replace("on Thursday", "on Thursday, witnesses said") + " (Reuters)"
    kept = drops(
        pipeline,
        [article("https://a.example/x", STORY), article("https://b.example/y", copy)],
    )
    assert len(kept) == 1
    assert pipeline.stats.get_value("newscrawl/dedupe/near_body") == 1


def test_different_stories_are_all_kept(pipeline):
    kept = drops(
        pipeline,
        [article("https://a.example/x", STORY), article("https://a.example/y", OTHER)],
    )
    assert len(kept) == 2


def test_identical_short_teasers_of_different_articles_are_kept(pipeline):
    teaser = "Subscriber-only analysis of the region."
    kept = drops(
        pipeline,
        [article("https://a.example/x", teaser), article("https://a.example/y", teaser)],
    )
    assert len(kept) == 2


def test_fingerprints_of_different_stories_are_far_apart():
    assert (body_fingerprint(STORY) ^ body_fingerprint(OTHER)).bit_count() > 12
