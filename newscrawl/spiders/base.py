"""The base spider: discovery (robots, sitemaps, feeds, listings) and the article callback.

A site spider only declares where to start and what its article URLs look like::

    class AlMonitorSpider(NewsSpider):
        name = "almonitor"
        allowed_domains = ["al-monitor.com"]
        sitemap_urls = ["https://www.al-monitor.com/robots.txt"]
        article_url_patterns = [r"/originals/\\d{4}/\\d{2}/"]

Spider attributes (all optional, each can also be given with ``-a name=value``):

``sitemap_urls``   sitemaps, sitemap indexes or robots.txt files (``Sitemap:`` lines)
``feed_urls``      RSS 2.0 / RSS 1.0 / Atom feeds
``listing_urls``   section pages (``start_urls`` are treated the same way); feeds they
                   advertise are read, article links and pagination are followed
``article_url_patterns``  regexes an article URL matches (searched); without them a
                   URL-shape heuristic decides (``discovery.looks_like_article_url``)
``sitemap_follow`` regexes: which sitemaps of an index to read (default: all)
``sitemap_max_age`` days: skip sitemap entries with an older ``lastmod``
``max_pages``      how many pages of one listing to walk (default 5)
``follow_unknown_links``, ``max_depth``  without URL patterns, also follow links of
                   unknown kind (article or listing, decided on the page) up to
                   ``max_depth`` (default 2) links from a start page; the generic spider does
``site_rules``     ``SiteRules`` for the extraction library

Request meta set here (read by the crawl-state middleware): ``newscrawl_kind``
(``"article"``, ``"listing"``, ``"feed"``, ``"sitemap"``), ``newscrawl_lastmod``
(ISO date from the sitemap/feed entry, when known), ``newscrawl_hint`` (headline
and date from the sitemap/feed entry), ``newscrawl_page`` (listing page number),
``newscrawl_depth`` (links followed from a start page, for unknown pages).

Stats: ``newscrawl/spider/<event>`` with events ``article``, ``not_article``,
``non_html``, ``empty_body``, ``extract_error``, ``bad_sitemap``, ``bad_feed``,
``old_entry``, ``out_of_scope``, ``download_error``, ``http_error``,
``unknown_page_as_listing``.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urldefrag, urljoin, urlsplit

import scrapy
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.httperror import HttpError

from newscrawl import discovery
from newscrawl.extract import EmptyPage, load_page, parse_article
from newscrawl.extract.page import charsets_conflict, declared_charsets, utf8_despite_header
from newscrawl.extract.pagetype import article_verdict, structured_type
from newscrawl.extract.rules import SiteRules

logger = logging.getLogger(__name__)

SCOPE_MIDDLEWARE = "newscrawl.spiders.scope.ScopeMiddleware"
DISCOVERY_KINDS = ("sitemap", "feed")


class NewsSpider(scrapy.Spider):
    """Discovery and article parsing shared by every newscrawl spider."""

    sitemap_urls: list[str] = []
    feed_urls: list[str] = []
    listing_urls: list[str] = []
    article_url_patterns: list[str] = []
    sitemap_follow: list[str] = []
    sitemap_max_age: float | None = None
    max_pages: int = 5
    # Without article_url_patterns: also follow in-scope links whose URL does not
    # look like an article, up to max_depth links away from a start page.
    follow_unknown_links: bool = False
    max_depth: int = 2
    site_rules: SiteRules | None = None
    # URL prefixes (scheme, host, port, path) outside which no article or listing
    # is fetched; empty = ``allowed_domains`` alone decides (see ScopeMiddleware).
    scope_prefixes: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_pages = int(self.max_pages)
        self.max_depth = int(self.max_depth)
        self.follow_unknown_links = str(self.follow_unknown_links).lower() in ("1", "true", "yes")
        self.sitemap_max_age = discovery.max_age(self.sitemap_max_age)
        self.scope_prefixes = _as_list(self.scope_prefixes)  # "-a" gives a string
        self._article_res = [re.compile(p) for p in _as_list(self.article_url_patterns)]
        self._follow_res = [re.compile(p) for p in _as_list(self.sitemap_follow)]

    @classmethod
    def update_settings(cls, settings):
        """Switch on the scope middleware, keeping every other middleware setting."""
        super().update_settings(settings)
        mws = settings.getdict("DOWNLOADER_MIDDLEWARES")
        if SCOPE_MIDDLEWARE not in mws:
            mws[SCOPE_MIDDLEWARE] = 40  # before robots.txt (100): never ask an off-scope host
            # "spider" priority at least: a runner re-applies project settings of
            # equal priority to a crawler (CrawlerRunner.create_crawler)
            priority = settings.getpriority("DOWNLOADER_MIDDLEWARES") or 0
            settings.set("DOWNLOADER_MIDDLEWARES", mws, priority=max(priority, 30))

    # ------------------------------------------------------------------ start

    async def start(self):
        for url in _as_list(self.sitemap_urls):
            yield self.discovery_request(url, "sitemap")
        for url in _as_list(self.feed_urls):
            yield self.discovery_request(url, "feed")
        for url in _as_list(self.listing_urls) + _as_list(self.start_urls):
            yield self.listing_request(url, 1)

    # ------------------------------------------------------------------ requests

    def discovery_request(self, url: str, kind: str) -> scrapy.Request:
        """A request for a robots.txt, sitemap or feed (never skipped as unchanged)."""
        callback = self.parse_feed if kind == "feed" else self.parse_sitemap
        if kind == "sitemap" and urlsplit(url).path.endswith("/robots.txt"):
            callback = self.parse_robots
        return scrapy.Request(
            url, callback=callback, errback=self.on_error, meta={"newscrawl_kind": kind}
        )

    def listing_request(self, url: str, page: int, depth: int = 0) -> scrapy.Request:
        meta = {"newscrawl_kind": "listing", "newscrawl_page": page, "newscrawl_depth": depth}
        return scrapy.Request(url, callback=self.parse_listing, errback=self.on_error, meta=meta)

    def candidate_request(self, url: str, depth: int) -> scrapy.Request:
        """A page that may be an article or a listing; ``parse_candidate`` decides."""
        meta = {"newscrawl_kind": "listing", "newscrawl_depth": depth}
        return scrapy.Request(url, callback=self.parse_candidate, errback=self.on_error, meta=meta)

    def article_request(self, url: str, lastmod=None, hint=None, source=None) -> scrapy.Request:
        """An article request; ``source`` is the sitemap/feed URL that dated it."""
        meta = {"newscrawl_kind": "article"}
        if lastmod:
            meta["newscrawl_lastmod"] = lastmod
            if source:
                meta["newscrawl_source"] = source
        if hint:
            meta["newscrawl_hint"] = hint
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error, meta=meta)

    # ------------------------------------------------------------------ scope

    def allows(self, url: str, kind: str | None) -> bool:
        """Whether a request of this kind may be made (HTTP(S) only, scope prefixes)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        prefixes = self.scope_prefixes
        if not prefixes:
            return True
        if any(discovery.in_prefix(url, p) for p in prefixes):
            return True
        # robots.txt, sitemaps and feeds of the same origin are read (their
        # entries are then checked one by one); articles and listings are not.
        discovery_doc = kind in DISCOVERY_KINDS or parts.path == "/robots.txt"
        return discovery_doc and any(discovery.same_origin(url, p) for p in prefixes)

    def is_article_url(self, url: str) -> bool:
        """The site's ``article_url_patterns``, or the URL-shape heuristic."""
        if self._article_res:
            return any(r.search(url) for r in self._article_res)
        return discovery.looks_like_article_url(url)

    def _count(self, event: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"newscrawl/spider/{event}", n)

    # ------------------------------------------------------------------ robots / sitemaps

    def parse_robots(self, response):
        """robots.txt → its ``Sitemap:`` lines (or ``/sitemap.xml`` when it has none)."""
        sitemaps = discovery.robots_sitemaps(response.text, response.url)
        if not sitemaps:
            sitemaps = [discovery.root_url(response.url, "/sitemap.xml")]
        for url in sitemaps:
            if self.allows(url, "sitemap"):
                yield self.discovery_request(url, "sitemap")

    def parse_sitemap(self, response):
        """Sitemap index → sitemaps; urlset → article requests (news fields as hints)."""
        try:
            sitemap = discovery.parse_sitemap(response.body)
        except ValueError as exc:
            sitemap = discovery.Sitemap("invalid")
            logger.warning("unreadable sitemap %s: %s", response.url, exc)
        if sitemap.kind == "invalid":
            if discovery.looks_like_feed(response.body):
                yield from self.parse_feed(response)
                return
            self._count("bad_sitemap")
            logger.warning("not a sitemap, skipped: %s", response.url)
            return
        for entry in sitemap.entries:
            if not discovery.is_recent(entry.date, self.sitemap_max_age):
                self._count("old_entry")
                continue
            if sitemap.kind == "index":
                if self.allows(entry.loc, "sitemap") and self._wanted_sitemap(entry.loc):
                    yield self.discovery_request(entry.loc, "sitemap")
            elif self._wanted_entry(entry):
                hint = {"headline": entry.news_title, "datePublished": entry.news_date}
                hint["inLanguage"] = entry.news_language
                yield self.article_request(
                    entry.loc, entry.date, _hint(hint, "sitemap"), source=response.url
                )

    def _wanted_sitemap(self, url: str) -> bool:
        return not self._follow_res or any(r.search(url) for r in self._follow_res)

    def _wanted_entry(self, entry: discovery.SitemapEntry) -> bool:
        if not self.allows(entry.loc, "article"):
            self._count("out_of_scope")
            return False
        if entry.is_news:
            return not self._article_res or self.is_article_url(entry.loc)
        return self.is_article_url(entry.loc)

    # ------------------------------------------------------------------ feeds

    def parse_feed(self, response):
        """RSS/Atom feed → article requests (entry title and date as hints)."""
        entries = discovery.parse_feed(response.body, response.url)
        if not entries:
            self._count("bad_feed")
            logger.warning("feed without entries (or not a feed): %s", response.url)
        for entry in entries:
            if not self.allows(entry.link, "article"):
                self._count("out_of_scope")
                continue
            if not discovery.is_recent(entry.published, self.sitemap_max_age):
                self._count("old_entry")
                continue
            hint = _hint({"headline": entry.title, "datePublished": entry.published}, "feed")
            yield self.article_request(entry.link, entry.published, hint, source=response.url)

    # ------------------------------------------------------------------ listings

    def parse_listing(self, response, page=None):
        """Section page → advertised feeds, article links and the next page
        (``page``: the response already loaded by the caller)."""
        if page is None:
            page = self._load(response)
            if page is None:
                return
        for url in discovery.feed_links(page.tree, response.url):
            if self.allows(url, "feed"):
                yield self.discovery_request(url, "feed")
        links = self._page_links(page.tree, response.url)
        next_pages = discovery.next_page_urls(page.tree, response.url)
        depth = response.meta.get("newscrawl_depth", 0)
        for url in links:
            if not self.allows(url, "article"):
                continue
            if self.is_article_url(url):
                yield self.article_request(url)
            elif self._is_candidate(url, next_pages, depth):
                yield self.candidate_request(url, depth + 1)
        yield from self._next_page(next_pages, response)
        if structured_type(page) == "article":  # a start URL that is itself an article
            yield from self.parse_article(response, page)

    def _page_links(self, tree, base_url: str) -> list[str]:
        out: dict[str, None] = {}
        for a in tree.iter("a"):
            href = (a.get("href") or "").strip()
            if href and not href.startswith(("#", "javascript:", "mailto:", "tel:")):
                out[urldefrag(urljoin(base_url, href))[0]] = None
        return list(out)

    def _is_candidate(self, url: str, next_pages: list[str], depth: int) -> bool:
        """Follow a link of unknown kind? Only without URL rules, within ``max_depth``."""
        return (
            self.follow_unknown_links
            and not self._article_res
            and depth < self.max_depth
            and url not in next_pages
            and discovery.page_number(url) is None
            and discovery.could_be_page(url)
        )

    def _next_page(self, next_pages: list[str], response):
        page = response.meta.get("newscrawl_page", 1)
        if page >= self.max_pages:
            return
        candidates = list(next_pages)
        number = discovery.page_number(response.url)
        if not candidates and number is not None:
            candidates = [discovery.page_param_url(response.url, number + 1)]
        for url in candidates:
            if self.allows(url, "listing") and url != response.url:
                yield self.listing_request(url, page + 1, response.meta.get("newscrawl_depth", 0))
                return

    def parse_candidate(self, response):
        """A page of unknown kind: an article when it looks like one, else a listing."""
        page = self._load(response)
        if page is None:
            return
        if article_verdict(page, self._article_res)[0]:
            yield from self.parse_article(response, page)
            return
        self._count("unknown_page_as_listing")
        yield from self.parse_listing(response, page)

    # ------------------------------------------------------------------ articles

    def site_name(self, url: str) -> str:
        """The ``site`` of an item or state record for ``url`` (the spider's name)."""
        return self.name

    def parse_article(self, response, page=None):
        """Article page → one item (or a counted reason why not).

        ``page`` is the response already loaded by the caller, so that a page
        is parsed once whichever callback sees it first.
        """
        try:
            if page is None:
                page = self._load(response)
                if page is None:
                    return
            verdict, reason = article_verdict(page, self._article_res)
            if not verdict:
                self._count("not_article")
                logger.info("not an article (%s): %s", reason, response.url)
                return
            item = parse_article(
                page,
                response.url,
                site=self.site_name(response.url),
                rules=self.site_rules,
            )
        except Exception as exc:  # extraction must never stop the crawl
            self._count("extract_error")
            logger.error("extraction failed on %s: %r", response.url, exc, exc_info=True)
            return
        _apply_hint(item, response.meta.get("newscrawl_hint"))
        self._count("article")
        yield item

    def _load(self, response):
        """The response parsed once (``load_page``), or None when it is not
        HTML or has no document in it (counted and logged)."""
        if not _is_html(response):
            self._count("non_html")
            ctype = response.headers.get("Content-Type", b"").decode("latin-1")
            logger.info("not HTML (%s), skipped: %s", ctype or "no content type", response.url)
            return None
        try:
            page = load_page(self.response_text(response), response.url)
        except EmptyPage:
            self._count("empty_body")
            logger.info("empty body, skipped: %s", response.url)
            return None
        page.served = served_at(response)
        return page

    def response_text(self, response) -> str:
        """The page as text; a conflicting charset is logged, counted and resolved.

        Browsers let the HTTP header win over ``<meta charset>``; when the two
        disagree and the body is valid UTF-8 that one of them names, the page
        is UTF-8 (a server default header in front of a UTF-8 page is the
        common case), otherwise Scrapy's decoding (header first) stands.
        """
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        header, declared = declared_charsets(response.body, ctype)
        if not charsets_conflict(header, declared):
            return response.text
        self._count("charset_conflict")
        text = utf8_despite_header(response.body, header, declared)
        if text is not None:
            logger.info(
                "charset conflict (header %s, page %s), body is UTF-8: %s",
                header, declared, response.url,
            )  # fmt: skip
            return text
        logger.info(
            "charset conflict (header %s, page %s), using the header's: %s",
            header, declared, response.url,
        )  # fmt: skip
        return response.text

    def on_error(self, failure):
        """Count and log a failed download (HTTP error status, DNS, timeout...)."""
        request = failure.request
        if failure.check(HttpError):
            status = failure.value.response.status
            self._count("http_error")
            self._count(f"http_error/{status}")
            logger.info("HTTP %s for %s", status, request.url)
        else:
            self._count("download_error")
            logger.info("download failed for %s: %s", request.url, failure.getErrorMessage())


def _as_list(value) -> list[str]:
    """Spider attributes may come from ``-a`` as comma-separated strings."""
    if not value:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


def served_at(response) -> datetime:
    """When the server sent ``response`` (its ``Date`` header, naive UTC), else
    now: dates a dateline that shows no year ("16 янв")."""
    now = datetime.now(UTC).replace(tzinfo=None)
    header = response.headers.get("Date")
    try:
        served = parsedate_to_datetime(header.decode("latin-1")) if header else None
        if served is not None and served.tzinfo is not None:
            served = served.astimezone(UTC).replace(tzinfo=None)
    except (TypeError, ValueError, OverflowError):
        served = None
    if served is None or not 1990 <= served.year <= now.year + 1:
        return now  # no header, or a clock that is plainly wrong
    return served


def _is_html(response) -> bool:
    ctype = response.headers.get("Content-Type", b"").decode("latin-1").lower()
    if ctype:
        return "html" in ctype
    return isinstance(response, HtmlResponse)


def _hint(values: dict, source: str) -> dict | None:
    values = {k: v for k, v in values.items() if v}
    return {**values, "source": source} if values else None


def _apply_hint(item: dict, hint: dict | None) -> None:
    """Fill headline/datePublished/inLanguage from the sitemap/feed entry when missing.

    A date guessed from the URL alone (day precision) gives way to the entry's.
    """
    if not hint:
        return
    sources = item.setdefault("metadata", {}).setdefault("sources", {})
    for field in ("headline", "datePublished", "inLanguage"):
        weak = field == "datePublished" and sources.get(field) == "url"
        if hint.get(field) and (weak or not item.get(field)):
            item[field] = hint[field]
            sources[field] = hint["source"]
