"""Discovery through the real engine: robots → sitemap index → news sitemap, RSS,
Atom, listing pagination, robots.txt Disallow and file:// links."""

from datetime import UTC, datetime, timedelta

from crawlsupport import crawl, page_paths, serve_fixture


def test_robots_sitemap_index_and_news_sitemap(tmp_path):
    recent = (datetime.now(UTC) - timedelta(hours=5)).replace(microsecond=0)
    with serve_fixture("sitemapsite", tmp_path, RECENT=recent.isoformat()) as site:
        result = crawl(
            ["crawl", "news", "-a", f"url={site.url}/", "-a", "sitemap_max_age=30"], tmp_path
        )
    hits = page_paths(site.hits)
    # the chain robots.txt -> index -> both sitemaps was walked
    assert {
        "/robots.txt",
        "/sitemap_index.xml",
        "/news-sitemap.xml",
        "/sitemap-articles.xml",
    } <= hits
    by_url = {item["url"].removeprefix(site.url): item for item in result.items}
    assert set(by_url) == {
        "/news/2024/05/20/ceasefire-talks-resume-in-cairo.html",
        "/news/2024/05/21/bare-page-without-metadata.html",
        "/news/recent-analysis-of-the-regional-grain-market.html",
    }
    # a page without headline/date markup gets them from news:title / news:publication_date
    bare = by_url["/news/2024/05/21/bare-page-without-metadata.html"]
    assert bare["headline"] == "Port workers strike over unpaid wages"
    assert datetime.fromisoformat(bare["datePublished"]) == recent
    assert bare["metadata"]["sources"]["headline"] == "sitemap"
    # a page's own headline wins over the sitemap's
    cairo = by_url["/news/2024/05/20/ceasefire-talks-resume-in-cairo.html"]
    assert cairo["headline"] == "Ceasefire talks resume in Cairo"
    # sitemap_max_age=30: the 2015 entry is skipped, robots.txt Disallow is honoured
    assert "/news/archived-report-on-the-old-harbour-project.html" not in hits
    assert result.stat("newscrawl/spider/old_entry") == 1
    assert "/private/2024/05/21/disallowed-by-robots-story.html" not in hits
    assert result.stat("robotstxt/forbidden") >= 1


def test_rss_atom_and_listing_pagination(tmp_path):
    with serve_fixture("feedsite", tmp_path) as site:
        result = crawl(
            ["crawl", "news", "-a", f"url={site.url}/section/", "-a", "max_pages=2"], tmp_path
        )
    hits = page_paths(site.hits)
    paths = {u.removeprefix(site.url) for u in result.urls()}
    assert paths == {
        "/section/2024/05/10/first-listed-story-on-page-one.html",  # listing page 1
        "/section/2024/05/11/second-listed-story-on-page-two.html",  # page 2 via rel=next
        "/section/2024/05/13/story-only-in-the-rss-feed.html",  # RSS found by <link rel=alternate>
        "/section/2024/05/14/story-only-in-the-atom-feed.html",  # Atom found the same way
    }
    # max_pages=2: the "Next" link of page 2 is not followed
    assert "/section/page2.html" in hits and "/section/page3.html" not in hits
    # robots.txt Disallow honoured; a file:// link is never fetched
    assert "/section/private/2024/05/10/robots-disallowed-story.html" not in hits
    assert "file://" not in result.log
    assert not any(item["url"].startswith("file:") for item in result.items)


def test_generic_spider_finds_articles_with_plain_urls(tmp_path):
    """URLs that do not look like articles are opened and judged by the page itself."""
    with serve_fixture("plainsite", tmp_path) as site:
        result = crawl(["crawl", "news", "-a", f"url={site.url}/"], tmp_path)
    assert {u.removeprefix(site.url) for u in result.urls()} == {
        "/posts/1.html",
        "/posts/2.html",
        "/posts/3.html",  # only linked from the /water/ section page
    }
    hits = page_paths(site.hits)
    assert "/water/" in hits
    assert "/about/" not in hits and "/tag/water/" not in hits
