"""Is this page an article? Structured data first, then the page's shape.

``article_verdict(page, url_rules=None)`` returns ``(is_article, reason)``;
the reason is logged by the spider so a wrong guess can be traced.
"""

from __future__ import annotations

import re

from newscrawl.extract.metadata import is_article_type, types_of
from newscrawl.extract.page import Page

LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage", "profilepage"}

# A page with no structured data is an article when its main text is long
# enough and it does not look like a list of teasers.
MIN_ARTICLE_WORDS = 120
MIN_PARAGRAPHS = 3


def _types(obj: dict) -> set[str]:
    return {t.lower() for t in types_of(obj)}


def structured_type(page: Page) -> str | None:
    """``"article"``, ``"listing"`` or ``None`` from JSON-LD, microdata and og:type."""
    jsonld_types = set()
    for obj in page.jsonld:
        jsonld_types |= _types(obj)
    for item in page.microdata:
        jsonld_types |= _types({"@type": item.get("type")})
    if any(is_article_type(t) for t in jsonld_types):
        return "article"
    og_type = (page.meta_first("og:type") or "").lower()
    if og_type == "article" or og_type.startswith("article"):
        return "article"
    if jsonld_types & LISTING_TYPES:
        return "listing"
    return None


def _paragraph_stats(page: Page) -> tuple[int, int]:
    """(words, paragraphs) of the longest ``<article>``/``<main>``/body text block."""
    best = (0, 0)
    containers = page.tree.xpath("//article | //main | //body")
    for node in containers:
        texts = [" ".join(p.itertext()) for p in node.iter("p")]
        paragraphs = [t.split() for t in texts if len(t) > 40]
        words = sum(len(p) for p in paragraphs)
        best = max(best, (words, len(paragraphs)))
    return best


def article_verdict(page: Page, url_rules: list[re.Pattern] | None = None) -> tuple[bool, str]:
    """Decide whether ``page`` is an article; returns ``(verdict, reason)``.

    Order: structured data (``NewsArticle`` & co, ``og:type=article``) → the
    site's declared URL patterns → text shape (one main block with at least
    ``MIN_ARTICLE_WORDS`` words in ``MIN_PARAGRAPHS`` paragraphs, and not many
    ``<article>`` teasers).
    """
    kind = structured_type(page)
    if kind == "article":
        return True, "structured-data"
    if kind == "listing":
        return False, "structured-data-listing"
    if url_rules and any(r.search(page.url) for r in url_rules):
        return True, "url-pattern"
    teasers = len(page.tree.xpath("//article"))
    words, paragraphs = _paragraph_stats(page)
    if teasers > 2:
        return False, f"{teasers}-teasers"
    if words >= MIN_ARTICLE_WORDS and paragraphs >= MIN_PARAGRAPHS:
        return True, "text-shape"
    return False, f"short-text({words}w/{paragraphs}p)"
