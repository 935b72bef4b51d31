"""Strip teaser/paywall/chrome blocks and decide ``access`` for each article.

A thin adapter around ``newscrawl.extract.clean_article``. Settings:

``NEWSCRAWL_TEASER_ENABLED`` (default True)
    switch the pipeline off (items then keep their internal keys and fail
    schema validation, so only do this with your own replacement).
``NEWSCRAWL_BOILERPLATE_MIN_ARTICLES`` (default 3)
    a block seen verbatim in this many articles of one site is chrome and is
    dropped from later articles of that site (0 switches the memory off).
``NEWSCRAWL_BOILERPLATE_MAX_BLOCKS`` (default 10000)
    blocks remembered per site; past that the blocks seen in the fewest
    articles, least recently seen first, are forgotten.

The memory persists with the crawl state (``NEWSCRAWL_STATE_URI``, table
``boilerplate``) unless ``NEWSCRAWL_STATE_ENABLED`` is false: a site's memory
is loaded when the spider opens (site spiders, whose ``site`` is their name)
or with the site's first article (the generic spider names sites by host), and
saved when the spider closes. ``scrapy state reset <site>`` forgets it.

A spider's ``site_rules`` act on the page's DOM in the spider
(``parse_article``); the blocks cleaned here need none.
Stats: ``newscrawl/teaser/blocks_dropped``, ``newscrawl/teaser/boilerplate_dropped``,
``newscrawl/teaser/access/<free|metered|paywalled|unknown>``,
``newscrawl/teaser/empty_body``, ``newscrawl/teaser/error``,
``newscrawl/teaser/boilerplate_loaded`` (blocks loaded from the state),
``newscrawl/teaser/boilerplate_saved``.
"""

from __future__ import annotations

import logging

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.extract.article import content_hash, explain_article
from newscrawl.extract.boilerplate import DEFAULT_MAX_BLOCKS, BoilerplateMemory
from newscrawl.state import article_key, store_for_crawler

logger = logging.getLogger(__name__)


class TeaserPipeline:
    """Cleans each article; owns one per-site boilerplate memory per crawl."""

    def __init__(
        self,
        stats=None,
        boilerplate: BoilerplateMemory | None = None,
        persist: bool = False,
    ):
        self.stats = stats
        self.boilerplate = boilerplate
        self.persist = persist and boilerplate is not None
        self.store = None  # the crawl state, from spider_opened when persisting
        self._loaded: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_TEASER_ENABLED", True):
            raise NotConfigured
        min_articles = settings.getint("NEWSCRAWL_BOILERPLATE_MIN_ARTICLES", 3)
        max_blocks = settings.getint("NEWSCRAWL_BOILERPLATE_MAX_BLOCKS", DEFAULT_MAX_BLOCKS)
        memory = BoilerplateMemory(min_articles, max_blocks) if min_articles > 0 else None
        persist = settings.getbool("NEWSCRAWL_STATE_ENABLED", True)
        pipeline = cls(crawler.stats, memory, persist=persist)
        pipeline.crawler = crawler
        if pipeline.persist:
            crawler.signals.connect(pipeline.spider_opened, signal=signals.spider_opened)
            crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    # -- boilerplate memory in the crawl state ---------------------------------
    def spider_opened(self, spider):
        self.store = store_for_crawler(self.crawler)
        self._load_site(spider.name)

    def _load_site(self, site: str) -> None:
        """Merge the stored memory of ``site`` once per run (when persisting)."""
        if self.store is None or site in self._loaded:
            return
        self._loaded.add(site)
        try:
            entries = self.store.load_boilerplate(site)
        except Exception:
            logger.exception("Could not load the boilerplate memory of %s", site)
            self._inc("newscrawl/teaser/boilerplate_load_error")
            return
        self.boilerplate.load_site(site, entries)
        self._inc("newscrawl/teaser/boilerplate_loaded", len(entries))

    def spider_closed(self, spider):
        """Save the memory of every site this run loaded or learnt."""
        if self.store is None:
            return
        for site in self.boilerplate.sites():
            entries = self.boilerplate.site_entries(site)
            try:
                self.store.save_boilerplate(site, entries)
            except Exception:
                logger.exception("Could not save the boilerplate memory of %s", site)
                self._inc("newscrawl/teaser/boilerplate_save_error")
                continue
            self._inc("newscrawl/teaser/boilerplate_saved", len(entries))

    def process_item(self, item):
        article = ItemAdapter(item).asdict()
        try:
            cleaned, decisions = explain_article(article, boilerplate=self._memory_for(article))
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

    def _memory_for(self, article: dict):
        """The site's memory, as seen by this article (its own blocks never count against it)."""
        if self.boilerplate is None:
            return None
        self._load_site(article.get("site") or "unknown")
        return self.boilerplate.for_article(article_key(article))

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None and count:
            self.stats.inc_value(key, count)


def _fallback(article: dict) -> dict:
    """The article without internal keys, marked unknown (cleaning failed)."""
    out = {k: v for k, v in article.items() if not k.startswith("_")}
    out["access"], out["accessEvidence"] = "unknown", ["cleaning-failed"]
    out["contentHash"] = content_hash(out.get("articleBody") or "")
    return out
