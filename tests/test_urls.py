"""canonical_url(): one key for the same story under many URLs."""

import pytest

from newscrawl.urls import canonical_url, same_site

ARTICLE = "https://www.al-monitor.com/originals/2013/05/qusair-battle.html"


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE,
        ARTICLE + "?utm_source=twitter&utm_medium=social",
        ARTICLE + "?fbclid=IwAR0abc&gclid=xyz",
        ARTICLE + "#comments",
        ARTICLE + "/amp",
        "https://www.al-monitor.com/amp/originals/2013/05/qusair-battle.html",
        ARTICLE.replace(".html", ".amp.html"),
        ARTICLE + "?amp=1",
        ARTICLE + "?outputType=amp",
        ARTICLE + "?print=1",
        ARTICLE + ";jsessionid=0A1B2C3D",
        "https://WWW.AL-MONITOR.COM:443/originals/2013/05/qusair-battle.html",
    ],
)
def test_variants_of_one_article_share_one_url(variant):
    assert canonical_url(variant) == ARTICLE


def test_meaningful_query_parameters_are_kept_and_sorted():
    url = "https://example.com/article?id=42&page=2&utm_campaign=x"
    assert canonical_url(url) == "https://example.com/article?id=42&page=2"
    assert canonical_url("https://example.com/a?b=2&a=1") == "https://example.com/a?a=1&b=2"


def test_declared_canonical_on_same_site_wins():
    amp = "https://amp.example.com/story/123"
    assert canonical_url(amp, "https://www.example.com/news/story-123") == (
        "https://www.example.com/news/story-123"
    )


def test_declared_canonical_on_another_site_is_ignored():
    own = "https://www.thenational.ae/world/mena/story"
    syndicated_from = "https://www.reuters.com/world/story"
    assert canonical_url(own, syndicated_from) == own


def test_declared_canonical_must_be_http():
    own = "https://example.com/a"
    assert canonical_url(own, "javascript:alert(1)") == own
    assert canonical_url(own, "/relative/path") == own


def test_loopback_sites_differ_by_port():
    assert same_site("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b")
    assert not same_site("http://127.0.0.1:8000/a", "http://127.0.0.1:9000/a")
    assert same_site("https://english.aawsat.com/a", "https://aawsat.com/b")
    assert not same_site("https://aawsat.com/a", "https://aljazeera.net/a")
    # one host in two spellings needs no suffix-list lookup, and is one site
    assert same_site("https://WWW.Example.co.uk/a", "https://www.example.co.uk./b")
    assert not same_site("https://www.example.co.uk/a", "http://www.example.co.uk:8080/b")


def test_extract_article_exports_the_same_canonical_url_as_a_crawl():
    from newscrawl import extract_article

    html = (
        "<html><head><title>Story</title>"
        '<link rel="canonical" href="https://site.example/news/story?utm_source=feed#top">'
        "</head><body><article><h1>Story</h1><p>"
        + "A paragraph of the story with enough words to be the body. " * 8
        + "</p></article></body></html>"
    )
    article = extract_article(html, "https://site.example/amp/news/story?fbclid=1")
    assert article["canonicalUrl"] == "https://site.example/news/story"
