"""Skip downloading known article URLs that a sitemap or feed says are unchanged.

:class:`IncrementalMiddleware` (a downloader middleware) looks at requests the
spider marks ``meta["newscrawl_kind"] = "article"`` and that carry
``meta["newscrawl_lastmod"]`` (the sitemap ``lastmod``/``news:publication_date``
or the feed entry's date). When the crawl state already delivered that
article and last fetched it after that date, the request is dropped as it is
scheduled, before the duplicate filter and without calling the errback (stat
``newscrawl/incremental/skipped``). Listing pages, feeds, sitemaps and
robots.txt (any other kind) always go through. Articles delivered as
``paywalled`` are fetched again for ``NEWSCRAWL_PAYWALL_RECHECK_DAYS`` days
after they were first seen, in case the full text appears.

A known article found through a listing page carries no date, and listings
are often read before the sitemap. Such a request is held back (stat
``newscrawl/incremental/held``) until the spider is idle, i.e. every sitemap and
feed of the run has been read: if one of them dated the same URL, that dated
request has already decided (fetched or skipped); otherwise the held request
is released and fetched (stat ``newscrawl/incremental/released``), and the
state pipeline drops it when it is unchanged.

It also raises the per-source watermark (``meta["newscrawl_source"]``, the
sitemap/feed URL) to the newest date seen.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest, NotConfigured

from newscrawl.state import StateStore, store_for_crawler

logger = logging.getLogger(__name__)


def parse_lastmod(value: str | None) -> datetime | None:
    """An aware datetime from a sitemap/feed date; a bare date means its end (safe side)."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        if len(text) == 10:
            day = datetime.fromisoformat(text).replace(tzinfo=UTC)
            return day + timedelta(days=1) - timedelta(seconds=1)
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def latest_meant(lastmod: datetime) -> datetime:
    """The latest moment a sitemap/feed date can mean: discovery writes a bare
    date (``2024-05-01``) as midnight UTC, so midnight UTC counts as the end of
    that day (an edit later that day is not missed; a real midnight only errs
    towards fetching)."""
    if lastmod.utcoffset() == timedelta(0) and lastmod.time() == time(0):
        return lastmod + timedelta(days=1) - timedelta(seconds=1)
    return lastmod


def should_skip(
    known: dict | None,
    last_checked: str | None,
    lastmod: datetime | None,
    now: datetime,
    paywall_recheck_days: float,
) -> bool:
    """Whether an article request can be skipped as unchanged since we last fetched it."""
    if known is None or lastmod is None or last_checked is None:
        return False
    checked = parse_lastmod(last_checked)
    if checked is None or lastmod >= checked:
        return False
    if known.get("access") == "paywalled":
        first_seen = parse_lastmod(known.get("first_seen"))
        if first_seen is None or now - first_seen < timedelta(days=paywall_recheck_days):
            return False
    return True


class IncrementalMiddleware:
    """Downloader middleware: drop requests for known, unchanged articles."""

    def __init__(self, store: StateStore, stats, crawler=None, recheck_days=7.0):
        self.store = store
        self.stats = stats
        self.crawler = crawler
        self.recheck_days = recheck_days
        self.dates: dict[str, str] = {}  # article URL -> sitemap/feed date seen this run
        self.held: dict[str, object] = {}  # undated requests for known articles

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_INCREMENTAL_ENABLED", True):
            raise NotConfigured
        if not settings.getbool("NEWSCRAWL_STATE_ENABLED", True):
            raise NotConfigured
        mw = cls(
            store_for_crawler(crawler),
            crawler.stats,
            crawler=crawler,
            recheck_days=settings.getfloat("NEWSCRAWL_PAYWALL_RECHECK_DAYS", 7),
        )
        crawler.signals.connect(mw.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(mw.remember_date, signal=signals.request_dropped)
        crawler.signals.connect(mw.spider_idle, signal=signals.spider_idle)
        return mw

    # -- at scheduling time (before the duplicate filter) ----------------------
    def remember_date(self, request, spider=None) -> str | None:
        """Keep the sitemap/feed date of an article URL (also of duplicate requests)."""
        raw = request.meta.get("newscrawl_lastmod")
        if raw and request.meta.get("newscrawl_kind") == "article":
            self.dates[request.url] = raw
        return raw

    def request_scheduled(self, request, spider=None):
        """Skip a dated, unchanged known article; hold an undated known one until idle."""
        if request.meta.get("newscrawl_kind") != "article":
            return
        raw = self.remember_date(request)
        if request.meta.get("newscrawl_released"):
            return
        if raw:
            self._check(request, raw)  # raises IgnoreRequest to skip
        elif self.store.latest_by_url(request.url) is not None:
            self.held.setdefault(request.url, request)
            self.stats.inc_value("newscrawl/incremental/held")
            raise IgnoreRequest(f"held until the sitemaps and feeds are read: {request.url}")

    def spider_idle(self, spider=None):
        """Release held requests that no sitemap or feed of this run dated."""
        released = [r for url, r in self.held.items() if url not in self.dates]
        self.held.clear()
        for request in released:
            meta = {**request.meta, "newscrawl_released": True}
            self.crawler.engine.crawl(request.replace(meta=meta))
        if released:
            self.stats.inc_value("newscrawl/incremental/released", len(released))
            raise DontCloseSpider

    # -- at download time (requests scheduled some other way) ------------------
    def process_request(self, request):
        if request.meta.get("newscrawl_kind") != "article":
            return None
        raw = request.meta.get("newscrawl_lastmod") or self.dates.get(request.url)
        if raw:
            self._check(request, raw)
        return None

    def _check(self, request, raw: str) -> None:
        """Raise ``IgnoreRequest`` when the dated article is known and unchanged since."""
        if request.meta.get("newscrawl_checked"):
            return
        request.meta["newscrawl_checked"] = True
        lastmod = parse_lastmod(raw)
        if lastmod is None:
            self.stats.inc_value("newscrawl/incremental/bad_lastmod")
            logger.info("Unreadable lastmod %r for %s: fetching it", raw, request.url)
            return
        source = request.meta.get("newscrawl_source")
        known = self.store.latest_by_url(request.url)
        if source:
            spider = self.crawler.spider
            site_name = getattr(spider, "site_name", None)
            site = site_name(source) if site_name else getattr(spider, "name", "")
            self.store.raise_watermark(site, source, lastmod.isoformat())
        last_checked = known and self.store.last_checked(known["site"], known["key"])
        now = datetime.now(UTC)
        if should_skip(known, last_checked, latest_meant(lastmod), now, self.recheck_days):
            self.stats.inc_value("newscrawl/incremental/skipped")
            raise IgnoreRequest(f"unchanged since {last_checked}: {request.url}")
