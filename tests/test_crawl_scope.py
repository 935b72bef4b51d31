"""The generic spider's scope: scheme, host, port and path prefix, for every request."""

from conftest import LoopbackSite
from crawlsupport import SITES, crawl, page_paths, serve_fixture


def test_generic_spider_never_leaves_its_prefix(tmp_path):
    with LoopbackSite(SITES / "othersite") as other:
        site = serve_fixture("scopesite", tmp_path, OTHER=other.url)
        site.override(
            "/world/2024/05/03/redirect-out-of-scope-story.html",
            status=301,
            headers={"Location": f"{other.url}/world/2024/05/03/redirect-target-story.html"},
        )
        site.override(
            "/world/2024/05/04/redirect-within-scope-story.html",
            status=302,
            headers={"Location": "/world/2024/05/04/redirect-within-target-story.html"},
        )
        with site:
            result = crawl(["crawl", "news", "-a", f"url={site.url}/world/"], tmp_path)
    hits = page_paths(site.hits)
    exported = {u.removeprefix(site.url) for u in result.urls()}
    assert exported == {
        "/world/2024/05/01/in-prefix-sitemap-story.html",  # from the sitemap at the host root
        "/world/2024/05/05/in-prefix-feed-story.html",  # from a feed at the host root
        "/world/2024/05/02/in-prefix-listed-story.html",  # linked from the start page
        "/world/2024/05/04/redirect-within-target-story.html",  # a redirect inside the prefix
    }
    # robots.txt and the sitemap/feed at the host root are read...
    assert {"/robots.txt", "/sitemap.xml", "/feed.xml"} <= hits
    # ...but nothing outside the prefix is fetched: sitemap entry, feed entry,
    # plain link, look-alike prefix ("/worldwide/")
    for path in (
        "/sport/2024/05/01/out-of-prefix-sitemap-story.html",
        "/business/2024/05/05/out-of-prefix-feed-story.html",
        "/other/2024/05/02/out-of-prefix-listed-story.html",
        "/worldwide/2024/05/02/lookalike-prefix-story.html",
    ):
        assert path not in hits
    # the other origin (same IP, other port; or the same port under "localhost")
    # is never contacted, not even by the redirect
    assert other.hits == []
    assert not any("localhost" in line for line in result.log.splitlines() if "Crawled" in line)
    # counted: the sitemap entry, the feed entry and the redirect (page links
    # outside the prefix are simply not followed)
    assert result.stat("newscrawl/spider/out_of_scope") == 3
    assert "file://" not in result.log
