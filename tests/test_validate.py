"""SchemaValidationPipeline: bad optional fields repaired, bad required ones dropped."""

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from newscrawl.pipelines.validate import SchemaValidationPipeline, schema_errors

GOOD = {
    "url": "https://example.com/a",
    "headline": "A headline",
    "articleBody": "Body.",
    "access": "free",
    "accessEvidence": [],
    "site": "example",
    "contentHash": "sha256:" + "0" * 64,
    "metadata": {"dateDownloaded": "2026-11-24T10:00:00+00:00"},
    "datePublished": "2026-11-23T09:30:00+03:00",
}


@pytest.fixture
def pipeline():
    return SchemaValidationPipeline(MemoryStatsCollector(get_crawler()))


def test_valid_article_passes_untouched(pipeline):
    assert schema_errors(GOOD) == []
    assert pipeline.process_item(dict(GOOD)) == GOOD


def test_date_without_time_zone_is_removed_and_counted(pipeline):
    item = dict(GOOD, datePublished="2026-11-23 09:30")
    out = pipeline.process_item(item)
    assert "datePublished" not in out
    assert out["headline"] == "A headline"
    assert pipeline.stats.get_value("newscrawl/validate/field/datePublished") == 1
    assert pipeline.stats.get_value("newscrawl/validate/repaired") == 1


def test_internal_keys_never_reach_the_feed(pipeline):
    out = pipeline.process_item(dict(GOOD, _signals={"x": 1}))
    assert "_signals" not in out


def test_missing_required_field_drops_and_counts(pipeline):
    item = dict(GOOD)
    del item["contentHash"]
    with pytest.raises(DropItem):
        pipeline.process_item(item)
    assert pipeline.stats.get_value("newscrawl/validate/dropped") == 1


def test_unknown_access_value_drops(pipeline):
    with pytest.raises(DropItem):
        pipeline.process_item(dict(GOOD, access="maybe"))
