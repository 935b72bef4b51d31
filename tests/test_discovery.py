"""Pure discovery functions: robots, sitemaps (news:*), feeds, pagination, URL shapes, scope."""

import gzip
from datetime import UTC, datetime, timedelta

import lxml.html

from newscrawl import discovery

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>https://news.test/a/2024/05/01/story</loc>
    <image:image><image:loc>https://news.test/i.jpg</image:loc><image:title>Photo</image:title></image:image>
    <news:news><news:publication><news:name>T</news:name><news:language>ar</news:language></news:publication>
      <news:publication_date>2024-05-01T10:00:00+03:00</news:publication_date>
      <news:title>The headline</news:title></news:news></url>
  <url><loc>https://news.test/b</loc><lastmod>2024-05-02</lastmod></url>
</urlset>"""


def test_robots_sitemap_lines_any_case_relative_and_commented():
    text = "User-agent: *\nDisallow: /x\nSITEMAP: /news.xml # news\nsitemap:https://s.test/a.xml\n"
    assert discovery.robots_sitemaps(text, "https://s.test/robots.txt") == [
        "https://s.test/news.xml",
        "https://s.test/a.xml",
    ]


def test_news_sitemap_fields_are_read():
    sitemap = discovery.parse_sitemap(NEWS_SITEMAP)
    assert sitemap.kind == "urlset"
    first, second = sitemap.entries
    assert first.news_title == "The headline"  # not the image:title
    assert first.news_date == "2024-05-01T10:00:00+03:00"
    assert first.news_language == "ar"
    assert first.is_news and not second.is_news
    assert second.lastmod == "2024-05-02T00:00:00+00:00"


def test_sitemap_index_gzip_and_garbage():
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://s.test/1.xml</loc></sitemap></sitemapindex>'
    parsed = discovery.parse_sitemap(gzip.compress(index))
    assert parsed.kind == "index" and parsed.entries[0].loc == "https://s.test/1.xml"
    assert discovery.parse_sitemap(b"<html><body>not a sitemap</body></html>").kind == "invalid"
    assert discovery.parse_sitemap(b"").kind == "invalid"


def test_sitemap_entities_are_not_resolved():
    evil = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>https://s.test/&x;</loc></url></urlset>"""
    entries = discovery.parse_sitemap(evil).entries
    assert all("root:" not in e.loc for e in entries)


def test_rss_and_atom_entries():
    rss = b"""<rss version="2.0"><channel><item><title>T1</title><link>/a/1</link>
    <pubDate>Mon, 13 May 2024 09:00:00 GMT</pubDate></item>
    <item><guid isPermaLink="true">https://s.test/a/2</guid></item></channel></rss>"""
    entries = discovery.parse_feed(rss, "https://s.test/feed")
    assert [(e.link, e.title, e.published) for e in entries] == [
        ("https://s.test/a/1", "T1", "2024-05-13T09:00:00+00:00"),
        ("https://s.test/a/2", None, None),
    ]
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title>
    <link rel="enclosure" href="/x.mp3"/><link rel="alternate" href="/a/3"/>
    <updated>2024-05-14T09:00:00Z</updated></entry></feed>"""
    (entry,) = discovery.parse_feed(atom, "https://s.test/atom")
    assert entry.link == "https://s.test/a/3" and entry.published == "2024-05-14T09:00:00+00:00"
    assert discovery.parse_feed(b"<html></html>", "https://s.test/") == []


def test_feed_links_and_next_pages():
    tree = lxml.html.fromstring(
        """<html><head><link rel="alternate" type="application/rss+xml" href="/rss">
        <link rel="alternate" type="text/html" hreflang="ar" href="/ar/">
        <link rel="next" href="?page=2"></head><body>
        <a href="/s/older">Older articles</a><a href="/s/x">Sport</a>
        <a class="next" href="/s/p3">»</a><a href="/s/ar">التالي</a></body></html>"""
    )
    assert discovery.feed_links(tree, "https://s.test/s/") == ["https://s.test/rss"]
    assert discovery.next_page_urls(tree, "https://s.test/s/") == [
        "https://s.test/s/?page=2",
        "https://s.test/s/older",
        "https://s.test/s/p3",
        "https://s.test/s/ar",
    ]
    assert (
        discovery.page_param_url("https://s.test/s/?page=2&x=1", 3)
        == "https://s.test/s/?x=1&page=3"
    )
    assert discovery.page_number("https://s.test/s/page/4/") == 4


def test_article_url_shapes():
    yes = [
        "https://s.test/news/2024/05/12/a-story",
        "https://s.test/world/20240512-story",
        "https://s.test/politics/turkey-and-iraq-sign-water-deal",
        "https://s.test/node/2512345/middle-east",
        "https://s.test/news/ceasefire-talks",
    ]
    no = [
        "https://s.test/",
        "https://s.test/world/",
        "https://s.test/tag/turkey-and-iraq-water-deal",
        "https://s.test/author/jane-doe-smith-jones",
        "https://s.test/2024/05/12/photo.jpg",
        "mailto:desk@s.test",
        "https://s.test/about-us",
    ]
    assert [u for u in yes if not discovery.looks_like_article_url(u)] == []
    assert [u for u in no if discovery.looks_like_article_url(u)] == []


def test_prefix_scope():
    prefix = "http://127.0.0.1:8000/world/"
    assert discovery.in_prefix("http://127.0.0.1:8000/world/2024/a.html", prefix)
    assert not discovery.in_prefix("http://127.0.0.1:8000/worldwide/a.html", prefix)
    assert not discovery.in_prefix("http://127.0.0.1:8001/world/a.html", prefix)
    assert not discovery.in_prefix("https://127.0.0.1:8000/world/a.html", prefix)
    assert not discovery.in_prefix("http://localhost:8000/world/a.html", prefix)
    assert discovery.in_prefix("https://s.test/news/x", "https://s.test/news")
    assert not discovery.in_prefix("https://s.test/newsletter", "https://s.test/news")
    assert discovery.in_prefix("https://s.test:443/a", "https://s.test/")


def test_dates_and_max_age():
    assert discovery.iso_date("2024-05-01") == "2024-05-01T00:00:00+00:00"
    assert discovery.iso_date("Wed, 15 May 2024 07:20:00 GMT") == "2024-05-15T07:20:00+00:00"
    assert discovery.iso_date("yesterday-ish") is None
    now = datetime(2024, 6, 1, tzinfo=UTC)
    age = discovery.max_age("7")
    assert age == timedelta(days=7)
    assert discovery.is_recent("2024-05-30T00:00:00+00:00", age, now)
    assert not discovery.is_recent("2024-05-01T00:00:00+00:00", age, now)
    assert discovery.is_recent(None, age, now) and discovery.is_recent(
        "2000-01-01T00:00:00+00:00", None
    )
