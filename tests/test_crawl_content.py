"""Pages as they come: duplicates under several URLs, Arabic text, and bad input."""

import lxml.html
from crawlsupport import SITES, crawl, serve_fixture


def test_duplicates_arabic_and_bad_pages(tmp_path):
    site = serve_fixture("contentsite", tmp_path)
    site.override(
        "/news/2024/05/07/json-not-html-story.html",
        body=b'{"headline": "not a page"}',
        headers={"Content-Type": "application/json"},
    )
    site.override(
        "/news/2024/05/08/empty-body-story.html", body=b"", headers={"Content-Type": "text/html"}
    )
    with site:
        result = crawl(["crawl", "news", "-a", f"url={site.url}/news/"], tmp_path)
    requested = [h for h in site.hits if "water-talks-story" in h]

    # the AMP copy and the utm_ link were requested, but the story is exported once
    assert len(requested) == 3
    water = [
        i for i in result.items if i.get("headline") == "Neighbours agree to share river water data"
    ]
    assert len(water) == 1
    assert water[0]["canonicalUrl"] == f"{site.url}/news/2024/05/05/water-talks-story.html"

    # the Arabic page comes out intact
    fixture = lxml.html.parse(str(SITES / "contentsite/news/2024/05/06/arabic-story.html"))
    paragraphs = [p.text_content().strip() for p in fixture.xpath("//div[@class='article-body']/p")]
    assert len(paragraphs) == 3
    arabic = [i for i in result.items if i["url"].endswith("/arabic-story.html")]
    assert len(arabic) == 1
    assert arabic[0]["inLanguage"] == "ar"
    assert [p.strip() for p in arabic[0]["articleBody"].split("\n\n")] == paragraphs

    # bad input: no crash, a counted stat for each
    assert "Traceback" not in result.log and "Spider error" not in result.log
    assert result.stat("newscrawl/spider/non_html") == 1
    assert result.stat("newscrawl/spider/empty_body") == 1
    assert result.stat("newscrawl/spider/http_error/404") >= 1
    assert result.stat("newscrawl/spider/not_article") == 1
    malformed = [i for i in result.items if i["url"].endswith("/malformed-html-story.html")]
    extracted = len(malformed) + result.stat("newscrawl/spider/extract_error")
    assert extracted == 1  # either extracted or counted, never lost silently


def test_a_dateline_without_a_year_is_dated_by_the_server_date(tmp_path):
    """A story showing "Dec. 30" and no year: the crawl dates it by the
    response's ``Date`` header (15 January 2008), not by the clock."""
    site = serve_fixture("plainsite", tmp_path)
    story = (
        "<!DOCTYPE html><!-- written for newscrawl's tests -->"
        "<html lang='en'><head><meta charset='utf-8'><title>Harbour plan approved</title>"
        "<meta property='og:type' content='article'></head>"
        "<body><main><article><h1>Harbour plan approved</h1><p class='when'>Dec. 30</p>"
        + "<p>The council approved the harbour plan after a long debate on the budget.</p>" * 4
        + "</article></main></body></html>"
    ).encode()
    site.override(
        "/posts/2.html",
        body=story,
        headers={"Content-Type": "text/html", "Date": "Tue, 15 Jan 2008 10:00:00 GMT"},
    )
    with site:
        result = crawl(["crawl", "news", "-a", f"url={site.url}/"], tmp_path)
    story_items = [i for i in result.items if i["url"].endswith("/posts/2.html")]
    assert len(story_items) == 1
    assert story_items[0]["datePublished"][:10] == "2007-12-30"
