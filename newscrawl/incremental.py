"""Skip downloading known article URLs that a sitemap or feed says are unchanged.

:class:`IncrementalMiddleware` (a downloader middleware) looks at requests the
spider marks ``meta["newscrawl_kind"] = "article"`` and that carry
``meta["newscrawl_lastmod"]`` (the sitemap ``lastmod``/``news:publication_date``
or the feed entry's date). When the crawl state already delivered that
article and last fetched it after that date, the request is dropped (stat
``newscrawl/incremental/skipped``). Listing pages, feeds, sitemaps and
robots.txt (any other kind) always go through. Articles delivered as
``paywalled`` are fetched again for ``NEWSCRAWL_PAYWALL_RECHECK_DAYS`` days
after they were first seen, in case the full text appears.

It also raises the per-source watermark (``meta["newscrawl_source"]``, the
sitemap/feed URL) to the newest date seen.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from scrapy.exceptions import IgnoreRequest, NotConfigured

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

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_INCREMENTAL_ENABLED", True):
            raise NotConfigured
        if not settings.getbool("NEWSCRAWL_STATE_ENABLED", True):
            raise NotConfigured
        return cls(
            store_for_crawler(crawler),
            crawler.stats,
            crawler=crawler,
            recheck_days=settings.getfloat("NEWSCRAWL_PAYWALL_RECHECK_DAYS", 7),
        )

    def process_request(self, request):
        if request.meta.get("newscrawl_kind") != "article":
            return None
        raw = request.meta.get("newscrawl_lastmod")
        lastmod = parse_lastmod(raw)
        if raw and lastmod is None:
            self.stats.inc_value("newscrawl/incremental/bad_lastmod")
            logger.info("Unreadable lastmod %r for %s: fetching it", raw, request.url)
        source = request.meta.get("newscrawl_source")
        known = self.store.latest_by_url(request.url)
        if source and lastmod is not None:
            site = known["site"] if known else getattr(self.crawler.spider, "name", "")
            self.store.raise_watermark(site, source, lastmod.isoformat())
        last_checked = known and self.store.last_checked(known["site"], known["key"])
        if should_skip(known, last_checked, lastmod, datetime.now(UTC), self.recheck_days):
            self.stats.inc_value("newscrawl/incremental/skipped")
            raise IgnoreRequest(f"unchanged since {last_checked}: {request.url}")
        return None
