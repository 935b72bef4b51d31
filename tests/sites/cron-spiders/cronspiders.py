"""Small sitemap spiders for the cron-grade run tests (test-only; not in the project).

They follow the request-meta contract of the project's spiders
(``newscrawl_kind``, ``newscrawl_lastmod``, ``newscrawl_source``) and export
items shaped like the project's (the schema's required fields), without the
extraction library, so the run machinery is tested on its own.

``cronsite`` reads ``-a url=`` or the ``CRON_SITE_URL`` setting;
``cronsite_b`` reads ``CRON_SITE_B_URL`` (for ``scrapy crawlall``).
A page with ``<meta name="raise-in-callback">`` makes the callback raise.
"""

import hashlib
import re
from datetime import UTC, datetime

import scrapy

_LOC = re.compile(r"<url>\s*<loc>([^<]+)</loc>(?:\s*<lastmod>([^<]+)</lastmod>)?", re.S)


class CronSiteSpider(scrapy.Spider):
    name = "cronsite"
    url_setting = "CRON_SITE_URL"

    async def start(self):
        base = getattr(self, "url", None) or self.settings.get(self.url_setting)
        sitemap = base.rstrip("/") + "/sitemap.xml"
        yield scrapy.Request(sitemap, self.parse_sitemap, meta={"newscrawl_kind": "sitemap"})

    def parse_sitemap(self, response):
        for loc, lastmod in _LOC.findall(response.text):
            meta = {"newscrawl_kind": "article", "newscrawl_source": response.url}
            if lastmod:
                meta["newscrawl_lastmod"] = lastmod.strip()
            yield scrapy.Request(loc.strip(), self.parse_article, meta=meta)

    def parse_article(self, response):
        if response.css('meta[name="raise-in-callback"]'):
            raise ValueError(f"test page asks the callback to fail: {response.url}")
        body = "\n\n".join(t.strip() for t in response.css("article p::text").getall())
        modified = response.css('meta[property="article:modified_time"]::attr(content)').get()
        published = response.css('meta[property="article:published_time"]::attr(content)').get()
        yield {
            "url": response.url,
            "canonicalUrl": response.css('link[rel="canonical"]::attr(href)').get() or response.url,
            "headline": response.css("h1::text").get("").strip() or None,
            "articleBody": body,
            "datePublished": published,
            "dateModified": modified,
            "access": response.css('meta[name="access"]::attr(content)').get("free"),
            "accessEvidence": [],
            "site": self.name,
            "contentHash": "sha256:" + hashlib.sha256(body.encode()).hexdigest(),
            "metadata": {
                "dateDownloaded": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        }


class CronSiteBSpider(CronSiteSpider):
    name = "cronsite_b"
    url_setting = "CRON_SITE_B_URL"
