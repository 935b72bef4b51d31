"""Strip teaser/paywall/chrome blocks and decide ``access`` for each article.

A thin adapter around ``newscrawl.extract.clean_article``. Settings:

``NEWSCRAWL_TEASER_ENABLED`` (default True)
    switch the pipeline off (items then keep their internal keys and fail
    schema validation, so only do this with your own replacement).
``NEWSCRAWL_BOILERPLATE_MIN_ARTICLES`` (default 3)
    a block seen verbatim in this many articles of one site is chrome and is
    dropped from later articles of that site (0 switches the memory off).

A spider may declare ``site_rules`` (a ``SiteRules``); it is passed on.
Stats: ``newscrawl/teaser/blocks_dropped``, ``newscrawl/teaser/boilerplate_dropped``,
``newscrawl/teaser/access/<free|metered|paywalled|unknown>``,
``newscrawl/teaser/empty_body``, ``newscrawl/teaser/error``.
"""

from __future__ import annotations

import logging

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from newscrawl.extract.article import content_hash, explain_article
from newscrawl.extract.boilerplate import BoilerplateMemory

logger = logging.getLogger(__name__)


class TeaserPipeline:
    """Cleans each article; owns one per-site boilerplate memory per crawl."""

    def __init__(self, stats=None, boilerplate: BoilerplateMemory | None = None, rules=None):
        self.stats = stats
        self.boilerplate = boilerplate
        self.rules = rules

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_TEASER_ENABLED", True):
            raise NotConfigured
        min_articles = settings.getint("NEWSCRAWL_BOILERPLATE_MIN_ARTICLES", 3)
        memory = BoilerplateMemory(min_articles) if min_articles > 0 else None
        pipeline = cls(crawler.stats, memory)
        pipeline.crawler = crawler
        return pipeline

    def _site_rules(self):
        if self.rules is not None:
            return self.rules
        spider = getattr(getattr(self, "crawler", None), "spider", None)
        return getattr(spider, "site_rules", None)

    def process_item(self, item):
        article = ItemAdapter(item).asdict()
        try:
            cleaned, decisions = explain_article(
                article, rules=self._site_rules(), boilerplate=self.boilerplate
            )
        except Exception:
            logger.exception(
                "Could not clean article %s; exporting it as access=unknown", article.get("url")
            )
            self._inc("newscrawl/teaser/error")
            return _fallback(article)
        self._inc("newscrawl/teaser/blocks_dropped", cleaned["metadata"]["droppedBlocks"])
        boiler = sum(1 for d in decisions if d["reason"] == "boilerplate")
        if boiler:
            self._inc("newscrawl/teaser/boilerplate_dropped", boiler)
        self._inc(f"newscrawl/teaser/access/{cleaned['access']}")
        if not cleaned["articleBody"]:
            self._inc("newscrawl/teaser/empty_body")
            logger.info("Empty article body (access=%s): %s", cleaned["access"], cleaned["url"])
        return cleaned

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None and count:
            self.stats.inc_value(key, count)


def _fallback(article: dict) -> dict:
    """The article without internal keys, marked unknown (cleaning failed)."""
    out = {k: v for k, v in article.items() if not k.startswith("_")}
    out["access"], out["accessEvidence"] = "unknown", ["cleaning-failed"]
    out["contentHash"] = content_hash(out.get("articleBody") or "")
    return out
