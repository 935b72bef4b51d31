"""Download handler that fetches the sample sites from the loopback server.

Enabled only by ``scrapy demo`` (or by hand)::

    DOWNLOAD_HANDLERS = {"http": "newscrawl.samples.handler.SampleSitesDownloadHandler",
                         "https": "newscrawl.samples.handler.SampleSitesDownloadHandler"}
    NEWSCRAWL_SAMPLES_URL = "http://127.0.0.1:8123"

A request for a host that has a sample site (``https://www.al-monitor.com/rss``)
is sent over real HTTP to ``NEWSCRAWL_SAMPLES_URL/www.al-monitor.com/rss`` and
the response comes back under the original URL, so every spider, middleware
and pipeline sees the site's own URLs. Requests for loopback addresses go out
unchanged; any other host is refused (``newscrawl/samples/refused``), so an
offline demo never touches the internet.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import IgnoreRequest, NotConfigured

from newscrawl.samples import sample_hosts

logger = logging.getLogger(__name__)

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class SampleSitesDownloadHandler(BaseDownloadHandler):
    lazy = False

    def __init__(self, crawler, samples_url: str, hosts: list[str]):
        super().__init__(crawler)
        self.samples_url = samples_url.rstrip("/")
        self.hosts = set(hosts)
        self.http = HTTP11DownloadHandler(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        samples_url = crawler.settings.get("NEWSCRAWL_SAMPLES_URL")
        if not samples_url:
            raise NotConfigured("NEWSCRAWL_SAMPLES_URL is not set")
        return cls(crawler, samples_url, sample_hosts())

    def loopback_url(self, url: str) -> str | None:
        """Where ``url`` is served from, or None when it has no sample site."""
        parts = urlsplit(url)
        if parts.hostname not in self.hosts:
            return None
        query = f"?{parts.query}" if parts.query else ""
        return f"{self.samples_url}/{parts.hostname}{parts.path or '/'}{query}"

    async def download_request(self, request):
        target = self.loopback_url(request.url)
        if target is None:
            if urlsplit(request.url).hostname in LOOPBACK_HOSTS:
                return await self.http.download_request(request)
            self.crawler.stats.inc_value("newscrawl/samples/refused")
            logger.info("offline sample crawl: not fetching %s", request.url)
            raise IgnoreRequest(f"no sample site for {request.url}")
        response = await self.http.download_request(request.replace(url=target))
        return response.replace(url=request.url)

    async def close(self):
        await self.http.close()
