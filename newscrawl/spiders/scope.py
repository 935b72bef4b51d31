"""Keep every request of a newscrawl spider inside the spider's scope.

``NewsSpider`` switches this downloader middleware on itself (priority 40, before
the robots.txt middleware, so an off-scope host is never even asked for its
robots.txt). It runs for every request, including sitemap entries and the
targets of redirects, and asks the spider's ``allows(url, kind)``. Spiders
without ``scope_prefixes`` are only held to HTTP(S) here; ``allowed_domains``
does the rest. Dropped requests are counted as ``newscrawl/spider/out_of_scope``.
"""

from __future__ import annotations

import logging

from scrapy.exceptions import IgnoreRequest

logger = logging.getLogger(__name__)


class ScopeMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        spider = self.crawler.spider
        allows = getattr(spider, "allows", None)
        if allows is None or allows(request.url, request.meta.get("newscrawl_kind")):
            return None
        self.crawler.stats.inc_value("newscrawl/spider/out_of_scope")
        logger.info("out of scope, not fetched: %s", request.url)
        raise IgnoreRequest(f"out of scope: {request.url}")
