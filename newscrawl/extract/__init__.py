"""Article extraction as a library: html + url -> article dict, no Scrapy needed.

Contract (the spiders and pipelines call exactly these):

- ``parse_article(html, url, *, site=None, rules=None, served=None) -> dict``
  Parses the page once and returns every article field (see
  ``newscrawl/schema/article.schema.json``) plus ``articleBodyHtml`` and one
  internal key ``_signals`` (what the cleaning step needs: structured-data
  paywall flags, hasPart selectors, wordCount, caption text, ...). The spider
  yields this. ``served`` (when the page was fetched, naive UTC) dates a
  dateline shown without a year.
- ``clean_article(article, *, rules=None, boilerplate=None) -> dict``
  Removes teaser/marketing/chrome blocks and repeated blocks from the body,
  decides ``access``/``accessEvidence``, computes ``contentHash`` and drops
  internal keys. ``TeaserPipeline`` calls this.
- ``extract_article(html, url, *, site=None, rules=None, served=None) -> dict``
  ``clean_article(parse_article(...))``: what a crawl of that page exports,
  dedupe against other pages aside.
"""

from newscrawl.extract.article import clean_article, extract_article, parse_article
from newscrawl.extract.page import EmptyPage, Page, load_page
from newscrawl.extract.rules import SiteRules

__all__ = [
    "EmptyPage",
    "Page",
    "SiteRules",
    "clean_article",
    "extract_article",
    "load_page",
    "parse_article",
]
