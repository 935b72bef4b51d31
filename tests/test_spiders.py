"""Every spider loads and declares what the base spider needs; page-type verdicts;
the sample-site download handler's URL mapping."""

import re

import pytest
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from newscrawl.extract import load_page
from newscrawl.extract.pagetype import article_verdict
from newscrawl.samples import DEMO_CRAWLS, SITES_DIR, sample_hosts
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.news import GenericNewsSpider, scope_prefix

REQUIRED = {
    "almonitor", "middleeasteye", "thenational", "arabnews", "aawsat", "dailysabah",
    "timesofisrael", "haaretz", "lorientoday", "ahramonline", "newarab", "aljazeera",
    "aljazeera_ar", "aawsat_ar", "news",
}  # fmt: skip
LOADER = SpiderLoader.from_settings(get_project_settings())
SITE_SPIDERS = [n for n in LOADER.list() if n != "news"]


def test_every_required_spider_is_listed():
    assert REQUIRED <= set(LOADER.list())


@pytest.mark.parametrize("name", SITE_SPIDERS)
def test_site_spider_declaration(name):
    cls = LOADER.load(name)
    assert issubclass(cls, NewsSpider) and cls.name == name
    assert re.fullmatch(r"[a-z][a-z0-9_]*", name)
    assert cls.allowed_domains, "a site spider names its domains"
    starts = list(cls.sitemap_urls) + list(cls.feed_urls) + list(cls.listing_urls)
    assert starts, "a site spider has at least one entry point"
    for url in starts:
        host = url.split("/")[2]
        assert url.startswith("https://")
        assert any(host == d or host.endswith("." + d) for d in cls.allowed_domains), url
    assert cls.article_url_patterns
    for pattern in cls.article_url_patterns:
        re.compile(pattern)
    spider = cls()
    assert spider.allows(starts[0], "sitemap") and not spider.allows(
        "file:///etc/passwd", "article"
    )


def test_generic_spider_needs_a_url_and_scopes_to_it():
    with pytest.raises(ValueError):
        GenericNewsSpider()
    spider = GenericNewsSpider(url="http://127.0.0.1:8000/world/index.html")
    assert spider.scope_prefixes == ["http://127.0.0.1:8000/world/"]
    assert spider.sitemap_urls == ["http://127.0.0.1:8000/robots.txt"]
    assert spider.allows("http://127.0.0.1:8000/robots.txt", None)
    assert spider.allows("http://127.0.0.1:8000/sitemap.xml", "sitemap")
    assert not spider.allows("http://127.0.0.1:8000/sport/a.html", "article")
    assert not spider.allows("http://127.0.0.1:8000/sport/", "listing")
    assert not spider.allows("http://127.0.0.1:9999/sitemap.xml", "sitemap")
    several = GenericNewsSpider(urls="https://a.test/x/,https://b.test/")
    assert several.allowed_domains == ["a.test", "b.test"]
    assert scope_prefix("https://A.test/x?y=1#z") == "https://a.test/x"


def _verdict(html, url="https://s.test/a"):
    return article_verdict(load_page(html, url))


def test_page_type_verdicts():
    ld = '<script type="application/ld+json">{"@type": ["ReportageNewsArticle"]}</script>'
    assert _verdict(f"<html><head>{ld}</head><body></body></html>") == (True, "structured-data")
    og = '<meta property="og:type" content="article">'
    assert _verdict(f"<html><head>{og}</head><body></body></html>")[0]
    # every *Article type counts, as it does for reading the article's fields
    for kind in ("ScholarlyArticle", "newsarticle", "LiveBlogPosting"):
        typed = f'<script type="application/ld+json">{{"@type": "{kind}"}}</script>'
        assert _verdict(f"<html><head>{typed}</head><body></body></html>")[0], kind
    listing = '<script type="application/ld+json">{"@type": "CollectionPage"}</script>'
    assert not _verdict(f"<html><head>{listing}</head><body></body></html>")[0]
    para = "<p>" + "word " * 60 + "</p>"
    assert _verdict(f"<html><body><article>{para * 3}</article></body></html>") == (
        True,
        "text-shape",
    )
    teasers = "".join(f"<article>{para}</article>" for _ in range(5))
    assert not _verdict(f"<html><body>{teasers}</body></html>")[0]
    assert not _verdict("<html><body><p>Short.</p></body></html>")[0]


def test_sample_sites_are_marked_as_written_for_newscrawl():
    assert {"www.al-monitor.com", "www.aljazeera.net"} <= set(sample_hosts())
    for path in SITES_DIR.rglob("*"):
        if path.is_file():
            head = path.read_text(encoding="utf-8")[:600]
            assert "Written for newscrawl" in head, path
    assert {name for name, _ in DEMO_CRAWLS} <= set(LOADER.list())


def test_sample_handler_maps_hosts_to_loopback():
    from newscrawl.samples.handler import SampleSitesDownloadHandler

    handler = SampleSitesDownloadHandler.__new__(SampleSitesDownloadHandler)
    handler.samples_url, handler.hosts = "http://127.0.0.1:9", {"www.al-monitor.com"}
    assert (
        handler.loopback_url("https://www.al-monitor.com/rss?utm_source=x")
        == "http://127.0.0.1:9/www.al-monitor.com/rss?utm_source=x"
    )
    assert handler.loopback_url("https://example.com/") is None


def test_served_at_reads_the_date_header_and_ignores_a_wrong_clock():
    from datetime import UTC, datetime

    from scrapy.http import HtmlResponse

    from newscrawl.spiders.base import served_at

    def response(date: bytes | None):
        headers = {"Date": date} if date else {}
        return HtmlResponse("http://127.0.0.1/a", body=b"<html></html>", headers=headers)

    assert served_at(response(b"Tue, 15 Jan 2008 10:00:00 GMT")) == datetime(2008, 1, 15, 10)
    now = datetime.now(UTC).replace(tzinfo=None)
    for bad in (b"Mon, 31 Dec 9999 23:00:00 -0100", b"Thu, 01 Jan 1970 00:00:00 GMT", b"soon"):
        assert abs((served_at(response(bad)) - now).total_seconds()) < 60
    assert abs((served_at(response(None)) - now).total_seconds()) < 60
