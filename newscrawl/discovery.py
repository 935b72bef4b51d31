"""Finding articles on a news site: pure functions, no Scrapy, no network.

- ``robots_sitemaps(text, base_url)``: the ``Sitemap:`` lines of a robots.txt.
- ``parse_sitemap(body)``: a sitemap index or urlset, with ``lastmod`` and the
  Google News fields (``news:title``, ``news:publication_date``) that Scrapy's
  own sitemap parser drops. Parsed with lxml safely: no entities, no network.
- ``parse_feed(body, base_url)``: RSS 2.0, RSS 1.0 (RDF) and Atom entries.
- ``feed_links(tree, base_url)``: feeds a page advertises with
  ``<link rel="alternate" type="application/rss+xml">``.
- ``next_page_urls(tree, url)``: pagination of a listing page (``rel=next``,
  "next"/"older" links, ``?page=N``).
- ``looks_like_article_url(url)``: URL-shape heuristic (dated paths, long slugs,
  numeric ids) for sites that declare no ``article_url_patterns``.
- ``in_prefix(url, prefix)``: the generic spider's scope test.
"""

from __future__ import annotations

import gzip
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.etree

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit, uncompressed

_XML_PARSER = lxml.etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_comments=True
)


# --------------------------------------------------------------------------- dates


def iso_date(raw: str | None) -> str | None:
    """Normalise a sitemap/feed date (W3C, RFC 822 or ISO) to ISO 8601 with a zone.

    Dates without a zone are taken as UTC; unparseable input gives ``None``.
    """
    if not raw or not raw.strip():
        return None
    raw = raw.strip()
    parsed = _parse_w3c(raw)
    if parsed is None:
        try:
            parsed = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.isoformat()


def _parse_w3c(raw: str) -> datetime | None:
    text = raw.replace("Z", "+00:00").replace("z", "+00:00")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        text += "T00:00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def is_recent(iso: str | None, max_age: timedelta | None, now: datetime | None = None) -> bool:
    """True when ``iso`` is unknown, no ``max_age`` is set, or it is newer than ``max_age``."""
    if max_age is None or not iso:
        return True
    now = now or datetime.now(UTC)
    return datetime.fromisoformat(iso) >= now - max_age


# --------------------------------------------------------------------------- robots


def robots_sitemaps(text: str, base_url: str) -> list[str]:
    """Absolute URLs of the ``Sitemap:`` lines of a robots.txt (any case, any place)."""
    out = []
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            url = urljoin(base_url, value.split("#", 1)[0].strip())
            if url not in out:
                out.append(url)
    return out


# --------------------------------------------------------------------------- sitemaps


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` or ``<sitemap>`` of a sitemap file."""

    loc: str
    lastmod: str | None = None  # ISO 8601
    news_title: str | None = None
    news_date: str | None = None  # ISO 8601, from news:publication_date
    news_language: str | None = None

    @property
    def is_news(self) -> bool:
        return self.news_title is not None or self.news_date is not None

    @property
    def date(self) -> str | None:
        """The best date known for the entry (publication first)."""
        return self.news_date or self.lastmod


@dataclass(frozen=True)
class Sitemap:
    kind: str  # "index" | "urlset" | "invalid"
    entries: tuple[SitemapEntry, ...] = ()


def maybe_gunzip(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """Decompress a gzip body (``sitemap.xml.gz``), refusing more than ``limit`` bytes."""
    if body[:2] != b"\x1f\x8b":
        return body
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"gzip sitemap larger than {limit} bytes")
    return data


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _xml_root(body: bytes):
    body = maybe_gunzip(body).lstrip()
    if not body:
        return None
    try:
        return lxml.etree.fromstring(body, parser=_XML_PARSER)
    except lxml.etree.XMLSyntaxError:
        return None


def parse_sitemap(body: bytes) -> Sitemap:
    """Parse a sitemap index or urlset (namespaces ignored, ``news:*`` kept)."""
    root = _xml_root(body)
    if root is None or _local(root.tag) not in ("urlset", "sitemapindex"):
        return Sitemap("invalid")
    kind = "index" if _local(root.tag) == "sitemapindex" else "urlset"
    entries = []
    for node in root:
        if _local(node.tag) not in ("url", "sitemap"):
            continue
        entry = _sitemap_entry(node)
        if entry is not None:
            entries.append(entry)
    return Sitemap(kind, tuple(entries))


def _sitemap_entry(node) -> SitemapEntry | None:
    fields: dict[str, str] = {}
    for child in node.iter():
        name = _local(child.tag)
        text = (child.text or "").strip()
        if text and name in ("loc", "lastmod", "title", "publication_date", "language"):
            parent = child.getparent()
            # news:title/news:language live in news:news/news:publication; image:title does not
            if name in ("title", "language") and "news" not in str(parent.tag) + str(child.tag):
                continue
            fields.setdefault(name, text)
    loc = fields.get("loc")
    if not loc:
        return None
    return SitemapEntry(
        loc=loc,
        lastmod=iso_date(fields.get("lastmod")),
        news_title=fields.get("title"),
        news_date=iso_date(fields.get("publication_date")),
        news_language=fields.get("language"),
    )


# --------------------------------------------------------------------------- feeds


@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str | None = None
    published: str | None = None  # ISO 8601


def looks_like_feed(body: bytes) -> bool:
    head = body[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def parse_feed(body: bytes, base_url: str) -> list[FeedEntry]:
    """Entries of an RSS 2.0, RSS 1.0 or Atom feed; ``[]`` when it is none of these."""
    root = _xml_root(body)
    if root is None:
        return []
    out = []
    for node in root.iter():
        name = _local(node.tag)
        if name == "item":
            entry = _rss_item(node, base_url)
        elif name == "entry":
            entry = _atom_entry(node, base_url)
        else:
            continue
        if entry is not None:
            out.append(entry)
    return out


def _child_text(node, *names: str) -> str | None:
    for child in node:
        if _local(child.tag) in names and (child.text or "").strip():
            return child.text.strip()
    return None


def _rss_item(node, base_url: str) -> FeedEntry | None:
    link = _child_text(node, "link")
    if not link:
        guid = [c for c in node if _local(c.tag) == "guid"]
        if guid and guid[0].get("isPermaLink", "true") != "false":
            link = (guid[0].text or "").strip() or None
    if not link:
        return None
    date = _child_text(node, "pubdate", "date", "published", "updated")
    return FeedEntry(urljoin(base_url, link), _child_text(node, "title"), iso_date(date))


def _atom_entry(node, base_url: str) -> FeedEntry | None:
    links = [c for c in node if _local(c.tag) == "link" and c.get("href")]
    preferred = [c for c in links if c.get("rel", "alternate") == "alternate"]
    chosen = (preferred or links or [None])[0]
    if chosen is None:
        return None
    date = _child_text(node, "published", "issued", "updated")
    return FeedEntry(
        urljoin(base_url, chosen.get("href")), _child_text(node, "title"), iso_date(date)
    )


_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def feed_links(tree, base_url: str) -> list[str]:
    """Feeds advertised by an HTML page with ``<link rel="alternate" type=...>``."""
    out = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in _FEED_TYPES and link.get("href"):
            url = urljoin(base_url, link.get("href").strip())
            if url not in out:
                out.append(url)
    return out


# --------------------------------------------------------------------------- pagination

_NEXT_TEXT = re.compile(
    r"^\s*(next|next page|older|older posts|older articles|more|load more|»|›|>|التالي|"
    r"الصفحة التالية|المزيد|suivant|page suivante|sonraki)\s*[»›>]?\s*$",
    re.I,
)
_PAGE_PARAM = ("page", "p", "pg", "paged", "pagenum")


def next_page_urls(tree, url: str) -> list[str]:
    """Candidate "next page" URLs of a listing page, best first, absolute."""
    out: list[str] = []

    def add(href):
        if href:
            full = urljoin(url, href.strip())
            if full != url and full not in out:
                out.append(full)

    for el in tree.iter("link", "a"):
        if "next" in (el.get("rel") or "").lower().split():
            add(el.get("href"))
    for a in tree.iter("a"):
        label = " ".join(a.itertext()).strip() or a.get("aria-label") or a.get("title") or ""
        classes = (a.get("class") or "").lower()
        if _NEXT_TEXT.match(label) or "next" in classes.split() or "pagination-next" in classes:
            add(a.get("href"))
    return out


def page_param_url(url: str, number: int) -> str:
    """``url`` with its ``?page=`` (or ``p``, ``pg``...) parameter set to ``number``."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    names = [k for k, _ in query if k.lower() in _PAGE_PARAM]
    name = names[0] if names else "page"
    query = [(k, v) for k, v in query if k != name] + [(name, str(number))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def page_number(url: str) -> int | None:
    """The page number a listing URL names (``?page=3`` or ``/page/3/``), if any."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query):
        if key.lower() in _PAGE_PARAM and value.isdigit():
            return int(value)
    match = re.search(r"/page/(\d+)/?$", parts.path)
    return int(match.group(1)) if match else None


# --------------------------------------------------------------------------- URL shapes

_NOT_ARTICLE_SEGMENTS = {
    "tag", "tags", "topic", "topics", "category", "categories", "author", "authors", "writer",
    "page", "search", "about", "about-us", "contact", "contact-us", "privacy", "privacy-policy",
    "terms", "subscribe", "subscription", "login", "register", "newsletter", "newsletters",
    "account", "feed", "rss", "sitemap", "video-gallery", "podcasts", "careers", "advertise",
}  # fmt: skip
_NON_HTML_EXT = re.compile(
    r"\.(jpe?g|png|gif|webp|svg|ico|pdf|zip|gz|mp3|mp4|m4a|avi|mov|css|js|json|xml|rss|atom|txt"
    r"|docx?|xlsx?|pptx?)$",
    re.I,
)
_DATED = re.compile(r"/(19|20)\d{2}[/-](0?[1-9]|1[0-2])([/-](0?[1-9]|[12]\d|3[01]))?(/|$)")
_COMPACT_DATE = re.compile(r"(^|[/-])(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([/-]|$)")
_ARTICLE_WORDS = {"article", "articles", "story", "stories", "news", "amp", "opinion", "analysis"}


def looks_like_article_url(url: str) -> bool:
    """URL-shape guess for sites without declared patterns.

    Dated paths (``/2024/05/12/...``, ``/20240512-...``), long slugs (four or more
    words) and long numeric ids look like articles; tag/author/search/static-file
    URLs and section roots do not.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    path = parts.path
    if _NON_HTML_EXT.search(path):
        return False
    segments = [s for s in path.lower().split("/") if s]
    if not segments or any(s in _NOT_ARTICLE_SEGMENTS for s in segments[:-1]):
        return False
    if segments[-1] in _NOT_ARTICLE_SEGMENTS or segments[-1] in ("index.html", "index.htm"):
        return False
    last = re.sub(r"\.(s?html?|php|aspx?)$", "", segments[-1])
    if _DATED.search(path) or _COMPACT_DATE.search(path):
        return True
    words = [w for w in re.split(r"[-_+]", last) if w]
    if len(words) >= 4:
        return True
    if re.search(r"\d{5,}", path):  # numeric article ids: /node/2512345/..., /5012345-slug
        return True
    return len(segments) >= 2 and segments[-2] in _ARTICLE_WORDS and len(words) >= 2


def could_be_page(url: str) -> bool:
    """An HTTP(S) link that may lead to an article or a listing (not a file, tag, login...)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or _NON_HTML_EXT.search(parts.path):
        return False
    segments = [s for s in parts.path.lower().split("/") if s]
    return not any(s in _NOT_ARTICLE_SEGMENTS for s in segments)


def in_prefix(url: str, prefix: str) -> bool:
    """True when ``url`` has the scheme, host, port and path prefix of ``prefix``."""
    u, p = urlsplit(url), urlsplit(prefix)
    if (u.scheme, u.hostname, _port(u)) != (p.scheme, p.hostname, _port(p)):
        return False
    base = p.path or "/"
    if not base.endswith("/"):
        # "/news" covers "/news", "/news/..." and "/news.html", not "/newsletter"
        return u.path == base or u.path.startswith(base + "/") or u.path.startswith(base + ".")
    return (u.path or "/").startswith(base)


def same_origin(url: str, other: str) -> bool:
    u, o = urlsplit(url), urlsplit(other)
    return (u.scheme, u.hostname, _port(u)) == (o.scheme, o.hostname, _port(o))


def _port(parts) -> int | None:
    try:
        return parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None


def root_url(url: str, path: str = "/") -> str:
    """``scheme://host[:port]`` + ``path`` of ``url``."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def max_age(days: float | str | None) -> timedelta | None:
    """A spider's ``sitemap_max_age`` (days, maybe a string from ``-a``) as a timedelta."""
    if days in (None, "", 0, "0"):
        return None
    return timedelta(days=float(days))
