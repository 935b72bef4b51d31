"""Article metadata from a parsed page: structured data first, then the DOM.

``extract_metadata(page)`` reads, in this order, the JSON-LD article node,
microdata, OpenGraph/``<meta>`` tags and finally the DOM (``h1``,
``<time datetime>``, byline elements, the first ``<figure>``), and records in
``Metadata.sources`` where each field came from. It also hands the cleaning
step the signals it needs (``isAccessibleForFree``, ``hasPart`` selectors,
``wordCount``, structured ``articleBody``, caption texts, declared language).

Nothing here re-parses the HTML: every step works on ``page.tree`` and the
structured data ``Page`` already holds. Malformed values are skipped, never
raised.
"""

from __future__ import annotations

import functools
import html
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from urllib.parse import urljoin, urlsplit

import lxml.etree

from newscrawl.extract.authors import (
    BYLINE_INITIALS,
    BYLINE_START,
    Publication,
    author_entries,
    has_person,
    looks_like_person,
    merge_authors,
    publication_key,
)
from newscrawl.extract.dates import (
    date_from_url,
    find_dates,
    find_partial_dates,
    format_date,
    names_weekday,
    normalise_date,
    parse_date_text,
    with_year,
)
from newscrawl.extract.images import (
    clean_text,
    figure_caption,
    figure_image_url,
    first_figures,
    image_key,
    split_credit,
)
from newscrawl.extract.language import (
    PAGE_SAMPLE_CHARS,
    guess_language,
    letter_count,
    middle_sample,
    normalise_language,
)
from newscrawl.extract.maintext import (
    BYLINE_MARK_RE,
    BYLINE_MARK_WORDS,
    DATE_MARK_RE,
    DATE_MARK_WORDS,
)
from newscrawl.extract.page import Page

logger = logging.getLogger(__name__)

__all__ = ["Metadata", "detect_language", "extract_metadata"]

_EXTRA_ARTICLE_TYPES = {"blogposting", "liveblogposting", "report", "socialmediaposting"}
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|:|«|»|·|•|/)\s+|\s*\|\s*|_")
_DOMAIN = re.compile(r"\w\.(?:com|net|org|co\.\w\w|gr|ru|pl|cn|de|fr|uk|in|au|ca)\b", re.I)
_DOMAIN_PREFIX = re.compile(r"^\s*[\w.-]+\.(?:com|net|org|co\.\w\w)\s*[:\-|]\s+", re.I)
_KEYWORD_SPLIT = re.compile(r"\s*[,;،|]\s*")
_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"\W+")
_TAG = re.compile(r"<[^>]+>")

PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "dc.date.created",
    "date",
    "article.published",
    "og:published_time",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
    "article_date_original",
)
MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "datemodified",
    "og:updated_time",
    "article:updated_time",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "article.updated",
)
AUTHOR_META = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "cxenseparse:author",
    "twitter:creator:name",
)
KEYWORD_META = ("news_keywords", "keywords", "parsely-tags", "sailthru.tags")
SECTION_META = (
    "article:section",
    "parsely-section",
    "section",
    "article.section",
    "cxenseparse:recs:articlesection",
)

_ITEMPROPS = lxml.etree.XPath("//@itemprop")
_PARAGRAPHS = lxml.etree.XPath("//p")
_NOT_ARTICLE = re.compile(
    r"related|recommend|more-|most-|popular|sidebar|widget|footer|comment|nav|teaser|promo|"
    r"trending|latest|aside|(?<![a-z])side(?![a-z])|sidebox|right-?col|col-?right|column-right",
    re.I,
)


@dataclass
class Metadata:
    """Fields for the article item, where each came from, and cleaning signals."""

    fields: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    signals: dict = field(default_factory=dict)
    dom: dict = field(default_factory=dict, repr=False)  # tree lookups shared by the steps

    def has(self, name: str) -> bool:
        """True when ``name`` is set (``put`` would not change it)."""
        return self.fields.get(name) not in (None, "", [])

    def put(self, name: str, value, source: str) -> bool:
        """Set ``name`` unless already set or ``value`` is empty; True when set."""
        if value in (None, "", [], {}) or self.fields.get(name) not in (None, "", []):
            return False
        self.fields[name] = value
        self.sources[name] = source
        return True


# --------------------------------------------------------------------------- entry points


def extract_metadata(page: Page) -> Metadata:
    """All metadata fields of ``page`` with their sources and the cleaning signals."""
    return finish_metadata(start_metadata(page), page)


def start_metadata(page: Page) -> Metadata:
    """Every metadata field but the dates and authors (``finish_metadata``),
    and the cleaning signals: what the main-text walk needs (the headline,
    image captions, hasPart selectors). The walk notes the date and byline
    elements on its way (``Page.marked``), so the dates and authors that are
    read from the DOM cost no second search of the tree when they come after
    it."""
    meta = Metadata(
        fields={"authors": [], "images": [], "breadcrumbs": [], "keywords": [], "mainImage": None},
        signals={
            "article_node": None,
            "is_accessible_for_free": None,
            "paywalled_selectors": [],
            "word_count": None,
            "sd_body": None,
            "captions": [],
            "declared_language": None,
        },
    )
    nodes = _structured_nodes(page)
    article = _choose_article(nodes, page)
    if article:
        article = (article[0], _resolve_refs(article[1], _id_index(nodes)))
    meta.signals["article_node"] = article[1] if article else None
    meta.signals["declared_language"] = declared_language(page, article[1] if article else None)
    meta.dom["steps"] = (article, nodes)
    _run_steps(meta, page, _FIRST_STEPS)
    return meta


def finish_metadata(meta: Metadata, page: Page) -> Metadata:
    """The dates and authors of a ``start_metadata`` result (on the tree as
    the main-text step leaves it before any fallback changes it)."""
    _run_steps(meta, page, (_dates, _authors))
    return meta


def _run_steps(meta: Metadata, page: Page, steps) -> None:
    article, nodes = meta.dom["steps"]
    for step in steps:
        try:
            step(meta, page, article, nodes)
        except Exception:  # one odd value must not cost the other fields
            logger.warning("metadata step %s failed on %s", step.__name__, page.url, exc_info=True)
            page.problems.append(f"metadata-{step.__name__.strip('_')}-failed")


def detect_language(page: Page, body_text: str, declared: str | None) -> tuple[str | None, str]:
    """``(ISO 639-1 code or None, "text" | "declared")`` for the article.

    ``body_text`` is the extracted article text, of which a sample from the
    middle is read (past the datelines and bylines of its start); when it is
    short (a teaser), the page's headline and paragraphs are added so the
    guess has enough text.
    """
    raw = declared
    declared = normalise_language(declared)
    # a declaration we cannot map (e.g. "pcm") rules out the English shortcut
    shortcut = declared == "en" or not (raw.strip() if isinstance(raw, str) else raw)
    text = (body_text or "").strip()
    if letter_count(text[:400]) < 200 and letter_count(text[:PAGE_SAMPLE_CHARS]) < 200:
        text = " ".join([text, *_page_text_sample(page, PAGE_SAMPLE_CHARS)])
        return guess_language(text, declared, PAGE_SAMPLE_CHARS, english_shortcut=shortcut)
    return guess_language(middle_sample(text), declared, english_shortcut=shortcut)


def declared_language(page: Page, article: dict | None = None) -> str | None:
    """What the page says its language is: JSON-LD, html lang, og:locale, header."""
    candidates = [
        article.get("inLanguage") if article else None,
        page.tree.get("lang") or page.tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        page.meta_first("og:locale", "dc.language", "language", "inlanguage"),
    ]
    header = (
        el.get("content")
        for el in page.elements["meta"]
        if (el.get("http-equiv") or "").lower() == "content-language"
        and el.get("content") is not None
    )
    candidates.append(next(header, None))
    for value in candidates:
        code = normalise_language(value)
        if code:
            return code
    return None


# --------------------------------------------------------------------------- structured data


def _structured_nodes(page: Page) -> list[tuple[str, dict]]:
    """JSON-LD objects (with nested ``mainEntity`` articles) then microdata items."""
    out: list[tuple[str, dict]] = []
    for node in page.jsonld:
        out.append(("json-ld", node))
        for key in ("mainEntity", "mainEntityOfPage"):
            inner = node.get(key)
            for item in inner if isinstance(inner, list) else [inner]:
                if isinstance(item, dict) and "@type" in item:
                    out.append(("json-ld", item))
    microdata = page.microdata if "itemscope" in page.html else []  # skips a tree search
    for item in microdata:
        converted = _from_microdata(item)
        if isinstance(converted, dict):
            out.append(("microdata", converted))
    return out


def _id_index(nodes) -> dict[str, dict]:
    """``@id`` -> node, for resolving Yoast-style ``{"@id": ...}`` references."""
    index = {}
    for _source, node in nodes:
        node_id = node.get("@id")
        if isinstance(node_id, str) and len(node) > 2:
            index.setdefault(node_id, node)
    return index


def _resolve_refs(article: dict, index: dict[str, dict]) -> dict:
    """A copy of ``article`` whose author/image/publisher references point to nodes."""
    if not index:
        return article
    resolved = dict(article)
    for key in ("author", "creator", "image", "publisher", "isPartOf", "mainEntityOfPage"):
        value = article.get(key)
        if isinstance(value, list):
            resolved[key] = [_lookup(v, index) for v in value]
        elif value is not None:
            resolved[key] = _lookup(value, index)
    return resolved


def _lookup(value, index: dict[str, dict]):
    if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
        return index.get(value.get("@id"), value)
    return value


def _from_microdata(item):
    """extruct's ``{"type", "properties"}`` form -> a JSON-LD-like dict."""
    if isinstance(item, list):
        return [_from_microdata(v) for v in item]
    if not isinstance(item, dict) or "properties" not in item:
        return item
    types = item.get("type")
    types = types if isinstance(types, list) else [types]
    out = {"@type": [str(t).rsplit("/", 1)[-1] for t in types if t]}
    for key, value in (item.get("properties") or {}).items():
        out[key] = _from_microdata(value)
    if "value" in item and "name" not in out:
        out["name"] = item["value"]
    return out


def types_of(node: dict) -> set[str]:
    """The node's ``@type`` values without the schema.org prefix."""
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def is_article_type(name: str) -> bool:
    """A schema.org article type: any ``*Article`` (``NewsArticle``,
    ``ScholarlyArticle`` ...) and the postings and reports, in any case. The
    one list for both reading a page's article node and telling an article
    page (``pagetype``)."""
    low = name.lower()
    return low.endswith("article") or low in _EXTRA_ARTICLE_TYPES


def is_article(node: dict) -> bool:
    return any(is_article_type(t) for t in types_of(node))


def _choose_article(nodes, page: Page) -> tuple[str, dict] | None:
    """The page's own article node: URL match, then body, then headline, then first."""
    own = {_url_key(page.url), *(_url_key(h) for h in _canonical_hrefs(page)[:1])}
    best, best_score = None, -1
    for source, node in nodes:
        if not is_article(node):
            continue
        score = 4 if _node_urls(node) & own else 0
        score += 2 if isinstance(node.get("articleBody"), str) else 0
        score += 1 if node.get("headline") else 0
        score += 1 if source == "json-ld" else 0
        if score > best_score:
            best, best_score = (source, node), score
    return best


def _node_urls(node: dict) -> set[str]:
    urls = [node.get("url"), node.get("@id")]
    page_ref = node.get("mainEntityOfPage")
    urls.append(page_ref.get("@id") if isinstance(page_ref, dict) else page_ref)
    return {_url_key(u) for u in urls if isinstance(u, str) and u}


def _url_key(url: str | None) -> str:
    parts = urlsplit(url or "")
    return (parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")) or "-"


def _first_string(value) -> str | None:
    """A clean string from a str, a list of str, or a dict with a name."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | dict)), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if not isinstance(value, str):
        return None
    if "<" in value:
        value = _TAG.sub(" ", value)
    return clean_text(html.unescape(value))


# --------------------------------------------------------------------------- fields


def _headline(meta: Metadata, page: Page, article, nodes) -> None:
    """Structured data, then og:title, then ``<title>`` (both without the site's
    name), then the first heading; the headings and site names are only read
    when structured data has no headline."""
    if article:
        value = _first_string(article[1].get("headline")) or _first_string(article[1].get("name"))
        if value and value.endswith(("...", "…")):
            stem = value.rstrip(".… ")
            value = next((h for h in _headings(page) if h.startswith(stem)), value)  # cut at 110
        meta.put("headline", value, article[0])
    if meta.has("headline"):
        return
    site_names = _site_names(page, nodes)
    headings = _headings(page)
    og = page.meta_first("og:title", "twitter:title")
    if og:
        meta.put("headline", clean_title(html.unescape(og), site_names, headings), "opengraph")
    if not meta.has("headline"):
        title = clean_title(_page_title(page), site_names, headings)
        meta.put("headline", title or (headings[0] if headings else None), "dom")


def _page_title(page: Page) -> str | None:
    """Text of the page's first ``<title>``."""
    titles = page.elements["title"]
    return titles[0].text_content() if titles else None


def _headings(page: Page) -> list[str]:
    """Texts of the page's first headings, article ``h1`` first."""
    out = []
    for el in page.elements["headings"][:15]:
        text = clean_text(el.text_content())
        if text and len(text) < 300 and text not in out:
            out.append(text)
    return out


def _site_names(page: Page, nodes) -> list[str]:
    names = [page.meta_first("og:site_name", "application-name", "twitter:site") or ""]
    for _source, node in nodes:
        publisher = node.get("publisher")
        if isinstance(publisher, dict):
            names.append(_first_string(publisher) or "")
        if types_of(node) & {"WebSite", "Organization", "NewsMediaOrganization"}:
            names.append(_first_string(node.get("name")) or "")
    host = (urlsplit(page.url or "").hostname or "").removeprefix("www.")
    names.append(host.split(".")[0])
    return [_squash(n.lstrip("@")) for n in names if n]


def _squash(text: str) -> str:
    return _NON_WORD.sub("", text).casefold()


def clean_title(title: str | None, site_names: list[str], headings=()) -> str | None:
    """A ``<title>``/og:title without the " | Site Name" or "Site - " part.

    A heading of the page that matches part of the title wins; otherwise the
    parts that look like the site's name are dropped, and of several parts
    left the longest is kept.
    """
    title = clean_text(title)
    if not title:
        return None
    title_key = _squash(title)
    for heading in headings:
        key = _squash(heading)
        if key and key in title_key and len(key) >= 0.4 * len(title_key):
            return heading
    title = _DOMAIN_PREFIX.sub("", title)
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) == 1:
        return title
    kept = [p for p in parts if not _looks_like_site(p, site_names)] or parts
    if len(kept) == 1:
        return kept[0]
    return max(kept, key=len)


def _looks_like_site(part: str, site_names: list[str]) -> bool:
    squashed = _squash(part)
    if not squashed or _DOMAIN.search(part):
        return True
    return any(
        name and (squashed in name or name in squashed) and len(part.split()) <= 5
        for name in site_names
    )


def _description(meta: Metadata, page: Page, article, nodes) -> None:
    if article:
        meta.put("description", _first_string(article[1].get("description")), article[0])
    og = page.meta_first("og:description", "twitter:description")
    meta.put("description", clean_text(html.unescape(og or "")), "opengraph")
    meta.put("description", clean_text(page.meta_first("description", "dc.description")), "meta")


def _canonical(meta: Metadata, page: Page, article, nodes) -> None:
    for href in _canonical_hrefs(page)[:1]:
        meta.put("canonicalUrl", _absolute(page.url, href), "meta")
    meta.put("canonicalUrl", _absolute(page.url, page.meta_first("og:url")), "opengraph")
    if article:
        url = article[1].get("url")
        meta.put(
            "canonicalUrl", _absolute(page.url, url if isinstance(url, str) else None), article[0]
        )


def _canonical_hrefs(page: Page) -> list[str]:
    """``<link rel=canonical>`` targets."""
    return [
        el.get("href", "")
        for el in page.elements["link"]
        if (el.get("rel") or "").strip().lower() == "canonical"
    ]


def _absolute(base: str, href: str | None) -> str | None:
    href = (href or "").strip()
    if not href:
        return None
    url = urljoin(base or "", href)
    return url if url.startswith(("http://", "https://")) else None


def _dates(meta: Metadata, page: Page, article, nodes) -> None:
    langs = [meta.signals["declared_language"]] if meta.signals["declared_language"] else None
    langs = _DateHints(langs, _month_first(page, langs))
    for name, sd_keys, meta_keys in (
        ("datePublished", ("datePublished", "dateCreated"), PUBLISHED_META),
        ("dateModified", ("dateModified",), MODIFIED_META),
    ):
        candidates = []
        if article:
            candidates += [(article[1].get(k), article[0]) for k in sd_keys]
        candidates += [(v, _meta_source(k)) for k in meta_keys for v in page.meta.get(k, [])[:1]]
        if any(_put_date(meta, name, raw, source, langs) for raw, source in candidates):
            continue
        if name == "datePublished" and ("datePublished" in page.html or _pubdate_times(page)):
            for raw in _time_published(page)[:2]:  # microdata outside an itemscope
                if _put_date(meta, name, raw, "dom", langs):
                    break
    if not meta.fields.get("datePublished"):
        _dom_published(meta, page, langs)
    elif meta.sources.get("datePublished") == "meta":
        _prefer_url_date(meta, page)


URL_DATE_SLACK_DAYS = 1  # time zones move a date by a day


def _prefer_url_date(meta: Metadata, page: Page) -> None:
    """A generic ``<meta name="date">``-style value days after the date in the
    article's URL is a later edit (the URL keeps the day the story was filed):
    the URL's day wins then. Structured data and ``article:published_time``
    are trusted as they are."""
    url_date = date_from_url(page.url) or date_from_url(meta.fields.get("canonicalUrl"))
    published = meta.fields.get("datePublished")
    if not url_date or not published:
        return
    try:
        gap = date.fromisoformat(published[:10]) - date.fromisoformat(url_date[:10])
    except ValueError:
        return
    if gap.days > URL_DATE_SLACK_DAYS:
        meta.fields["datePublished"] = url_date
        meta.fields["datePublishedRaw"] = url_date[:10]
        meta.sources["datePublished"] = meta.sources["datePublishedRaw"] = "url"


def _pubdate_times(page: Page) -> bool:
    """Whether the page has a ``<time pubdate>``."""
    return any(el.get("pubdate") is not None for el in page.elements["time"])


def _time_published(page: Page) -> list[str]:
    """The ``datetime``/``content`` values of ``itemprop="datePublished"`` elements
    and the ``datetime`` of ``<time pubdate>``, in document order.

    As the XPath ``//*[@itemprop='datePublished']/@datetime | ... |
    //time[@pubdate]/@datetime`` would find them, without its test of every
    element of the page: libxml2 collects the few ``itemprop`` attributes.
    """
    marked = [value.getparent() for value in _ITEMPROPS(page.tree) if value == "datePublished"]
    times = [el for el in page.elements["time"] if el.get("pubdate") is not None]
    if marked and times:
        elements = sorted(dict.fromkeys(marked + times), key=_document_key)
    else:
        elements = marked or times
    itemprop = set(marked)
    return [
        value
        for el in elements
        for key, value in el.items()
        if key == "datetime" or (key == "content" and el in itemprop)
    ]


class _DateHints(list):
    """The declared language(s), plus whether slashed dates are month first."""

    def __init__(self, langs, month_first: bool):
        super().__init__(langs or [])
        self.month_first = month_first


def _month_first(page: Page, langs) -> bool:
    """US English pages write 01/12/2012 for 12 January; most others day first."""
    host = urlsplit(page.url or "").hostname or ""
    english = not langs or langs[0] == "en"
    return english and host.rsplit(".", 1)[-1] in ("com", "org", "net", "us", "edu", "gov")


def _normalise(raw, hints) -> str | None:
    return normalise_date(raw, list(hints), getattr(hints, "month_first", False))


def _put_date(meta: Metadata, name: str, raw, source: str, langs) -> bool:
    raw_text = raw if isinstance(raw, int | float) else _first_string(raw)
    value = _normalise(raw_text, langs)
    if value and meta.put(name, value, source):
        meta.fields[name + "Raw"] = str(raw_text)
        meta.sources[name + "Raw"] = source
        return True
    return False


def _meta_source(key: str) -> str:
    return "opengraph" if key.startswith(("og:", "article:")) else "meta"


def _dom_published(meta: Metadata, page: Page, langs) -> None:
    """From the DOM: the dateline near the headline, the date in the URL, then htmldate.

    Candidates are ``<time datetime>`` elements, elements whose class or id says
    date/publish/timestamp and the short texts right after the headline; the
    first one after the headline in document order wins, else the nearest one
    before it inside the headline's own block (never a "today" date in the page
    header). A date in the article's URL (``/2013/05/30/``) is reliable to the
    day, so a DOM date is taken only when it agrees with it.
    """
    url_date = None
    for url in (page.url, meta.fields.get("canonicalUrl")):
        url_date = url_date or date_from_url(url)
    for value, raw in _dom_date_candidates(meta, page, langs):
        if url_date is None or value[:10] == url_date[:10]:
            _put_published(meta, value, raw, "dom")
            return
    if url_date:
        _put_published(meta, url_date, url_date[:10], "url")
        return
    if not _text_published(meta, page, langs):
        _htmldate_published(meta, page, langs)


def _put_published(meta: Metadata, value: str | None, raw: str, source: str) -> None:
    """``datePublished`` (when not set yet) with the text it was read from."""
    if meta.put("datePublished", value, source):
        meta.fields["datePublishedRaw"] = raw
        meta.sources["datePublishedRaw"] = source


def _dom_date_candidates(meta: Metadata, page: Page, langs) -> list[tuple[str, str]]:
    """``(iso, raw)`` dates of the DOM, best first (see ``_dom_published``)."""
    month_first = getattr(langs, "month_first", False)
    heading = _heading(meta, page)
    found = []  # (element, iso, raw)
    for el in page.elements["time"]:
        raw = el.get("datetime")
        value = _normalise(raw, langs) if raw else None
        if value:
            found.append((el, value, raw))
    for el in _marked_elements(meta, page, "date")[:15]:
        if heading is not None and heading in el.iterdescendants():
            continue  # a wrapper of the whole article header, not a dateline
        text = clean_text(el.text_content()) or ""
        dates = find_dates(text, langs, month_first)[:1] if len(text) <= 300 else []
        found += [(el, value, text) for value, _raw in dates]
        title = el.get("title")
        if not dates and title:  # microformats: <abbr class="published" title="2012-...">
            value = _normalise(title, langs)
            found += [(el, value, title)] if value else []
    if heading is not None:
        found += _dateline_dates(heading, _after_heading(meta, heading), langs, month_first)
    if any(isinstance(c[1], tuple) for c in found):
        served = _served_date(page, langs)
        found = [(el, with_year(v, served) if isinstance(v, tuple) else v, raw)
                 for el, v, raw in found if served or not isinstance(v, tuple)]  # fmt: skip
    now = format_date(datetime.now(UTC) + timedelta(days=1))
    seen = _article_boxes(heading)
    found = [c for c in found if c[1] and c[1] <= now and not _in_chrome(c[0], seen)]
    return _by_closeness(found, heading)


def _article_boxes(heading) -> dict:
    """A ``_in_chrome`` cache saying "not chrome" for every box holding the
    headline: they hold the article, whatever their class says (a Blogger
    post column is a "widget Blog")."""
    return dict.fromkeys(heading.iterancestors(), False) if heading is not None else {}


def _dateline_dates(heading, texts_after, langs, month_first: bool) -> list[tuple]:
    """Dates in the few short lines right after (``texts_after``, as
    ``_texts_after(heading)`` gives them), then right before, the headline (a
    dateline without markup); the nearest line with a date on each side.

    A long line is a sentence of the article or a caption, and only a wire
    dateline opening it is read ("BEIRUT, Jan 8 (Reuters) - ..."). A line
    whose date has no year ("16 янв | 17:10", "DEC 30") gives
    ``(month, day, hour, minute)`` for ``_served_date`` to date.
    """
    out = []
    after = islice(texts_after, 25)
    before = islice(_texts_before(heading), 8)  # nearest first
    for texts, limit in ((after, _DATELINE_CHARS), (before, 150)):
        seen = 0
        for text, parent in texts:
            if _holder(text, parent).tag in _NOT_DATELINE_TAGS:
                continue
            seen += len(text)
            line = text.strip()
            if len(line) > _DATELINE_CHARS // 3:
                opening = _WIRE_DATELINE.match(line)
                if not opening or any(c.islower() for c in opening[1]):
                    continue  # a place in capitals, in any script
                line = opening[2]
            dates = find_dates(line, langs, month_first)[:1]
            if not dates and len(line) <= _PARTIAL_DATELINE_CHARS and _DIGIT.search(line):
                line = _whole_line(_holder(text, parent), heading) or line
                dates = find_dates(line, langs, month_first)[:1]
                if not dates and len(line) <= _PARTIAL_DATELINE_CHARS:
                    dates = find_partial_dates(line, langs)[:1]
            out += [(parent, value, clean_text(line)) for value, _raw in dates]
            if dates or seen > limit:
                break
    return out


def _whole_line(el, heading) -> str | None:
    """The text of the line ``el`` is part of: that of its nearest ancestor
    (or itself) that is not inline markup, when short and not holding the
    headline; else that of its outermost inline ancestor ("<b>16 <em>янв</em></b>
    | 17:10" is one line); None when that would be the box holding the
    headline, or longer than a dateline."""
    inline = None
    while el is not None and el.tag in _INLINE_TAGS:
        inline, el = el, el.getparent()
    if el is None or any(a is el for a in heading.iterancestors()) or el is heading:
        if inline is None:
            return None
        el = inline
    limit, size, parts = _DATELINE_CHARS // 3, 0, []
    for part in el.itertext():  # stops early in a long container
        size += len(part)
        if size > 2 * limit:
            return None
        parts.append(part)
    text = clean_text("".join(parts)) or ""
    return text if len(text) <= limit else None


_INLINE_TAGS = {"b", "i", "em", "strong", "span", "a", "font", "small", "time", "abbr", "u"}
_DIGIT = re.compile(r"\d")


def _holder(text: str, el):
    """The element holding ``text``: ``el`` itself, or its parent when the
    text is ``el``'s tail (the words after a link are not in the link)."""
    if el.text == text:
        return el
    parent = el.getparent()
    return parent if parent is not None else el


# "BEIRUT, Jan 8 (Reuters) - ...", "BY HERALD REPORTER MARGAO, DEC 30 — ...":
# a place in capitals, a date and a dash opening the first paragraph.
_WIRE_DATELINE = re.compile(
    r"^(?:BY\s[^,]{1,40})?([^a-z,]{2,40}),\s*([^,(—–-]{3,30}?)\s*(?:\([^)]{1,30}\)\s*)?[-–—]"
)
# A line with a day and month but no year is a dateline when it is this short.
_PARTIAL_DATELINE_CHARS = 40


def _served_date(page: Page, langs) -> datetime | None:
    """The day the page was served, to date a dateline without a year.

    ``page.served`` when the crawl knows it (the response's ``Date``); else
    the latest full date written with its weekday in a short line of the page
    (a site-wide "Monday, December 31, 2007" bar); else the end of the last
    year its copyright notice names ("© 2005-2012"); else the latest full
    date shown in a short line; None without any.
    """
    if page.served is not None:
        return page.served
    month_first = getattr(langs, "month_first", False)
    latest = today = None
    limit = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=1)
    for text in _YEAR_TEXTS(page.tree):
        if len(text.strip()) <= _DATELINE_CHARS // 3:
            for value, _raw in find_dates(text, langs, month_first):
                day = datetime.fromisoformat(value[:10])
                if day > limit:
                    continue
                latest = max(latest or day, day)
                if names_weekday(text, day, langs):
                    today = max(today or day, day)
    lines = _COPYRIGHT_TEXTS(page.tree)
    years = [int(y) for t in lines for m in _COPYRIGHT.finditer(t) for y in m.groups() if y]
    year = max((y for y in years if y <= limit.year), default=None)
    if today is None and year is not None and (latest is None or latest.year < year):
        return min(datetime(year, 12, 31), limit)
    return today or latest


# The page's visible text nodes naming a copyright (not a script's licence comment).
_COPYRIGHT_TEXTS = lxml.etree.XPath(
    "//body//text()[contains(., '©') or contains(., 'opyright')]"
    "[not(parent::script or parent::style or parent::noscript)]"
)
_COPYRIGHT = re.compile(
    r"(?:©|&copy;|&#169;|[Cc]opyright)[^<\d]{0,40}((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?"
)


# Text nodes around an element, as XPath's ``following::text()[normalize-space()]``
# and ``preceding::text()[...]`` (nearest first) would find them, but produced
# one at a time: the dateline search reads a few and stops, where libxml2 would
# test every text node of the rest of the page. Each comes with the element
# lxml calls its parent: the element holding it, or the one it is the tail of.


class _ReadOnce:
    """An iterator's items, read from it once and kept: each ``iter()`` starts
    again from the first, reading on only past what was kept."""

    def __init__(self, items: Iterator):
        self._items = items
        self._kept: list = []

    def __iter__(self) -> Iterator:
        kept = self._kept
        index = 0
        while True:
            if index == len(kept):
                item = next(self._items, _END)
                if item is _END:
                    return
                kept.append(item)
            yield kept[index]
            index += 1


_END = object()


def _after_heading(meta: Metadata, heading) -> _ReadOnce:
    """``_texts_after(heading)``, walked once for the dateline and byline steps."""
    if "after_heading" not in meta.dom:
        meta.dom["after_heading"] = _ReadOnce(_texts_after(heading))
    return meta.dom["after_heading"]


def _texts_after(el) -> Iterator[tuple[str, object]]:
    """Non-blank text nodes after ``el`` (not inside it), in document order."""
    node = el
    while node is not None:
        if _has_text(node.tail):
            yield node.tail, node
        for sibling in node.itersiblings():
            yield from _subtree_texts(sibling)
        node = node.getparent()


def _subtree_texts(el) -> Iterator[tuple[str, object]]:
    """Non-blank texts of ``el`` and its subtree, then its tail, in document order."""
    if isinstance(el.tag, str) and _has_text(el.text):
        yield el.text, el
    for child in el:
        yield from _subtree_texts(child)
    if _has_text(el.tail):
        yield el.tail, el


def _texts_before(el) -> Iterator[tuple[str, object]]:
    """Non-blank text nodes before ``el`` (not its ancestors' tails), nearest first."""
    node = el
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            yield from _subtree_texts_reversed(sibling)
        node = node.getparent()
        if node is not None and isinstance(node.tag, str) and _has_text(node.text):
            yield node.text, node


def _subtree_texts_reversed(el) -> Iterator[tuple[str, object]]:
    """``_subtree_texts(el)`` backwards."""
    if _has_text(el.tail):
        yield el.tail, el
    for child in reversed(el):
        yield from _subtree_texts_reversed(child)
    if isinstance(el.tag, str) and _has_text(el.text):
        yield el.text, el


def _has_text(text: str | None) -> bool:
    """XPath's ``normalize-space()`` test: more than XML white space."""
    return bool(text) and bool(text.strip(" \t\r\n"))


def _by_closeness(found: list[tuple], heading) -> list[tuple[str, str]]:
    """Candidates ordered by closeness to the headline.

    First those in the headline's own block (up to three levels above it),
    after it in document order, then before it nearest first; then those after
    the block. Without a headline: all, in document order, outside the page
    header.
    """
    keyed = [(_document_key(el), el, value, raw) for el, value, raw in found]
    if heading is None:
        keyed = [k for k in keyed if not _in_page_header(k[1])]
        return [(value, raw) for _key, _el, value, raw in sorted(keyed, key=lambda k: k[0])]
    head_key = _document_key(heading)
    block = heading
    for _ in range(3):
        block = block.getparent() if block.getparent() is not None else block
    inside = [k for k in keyed if _is_inside(k[1], block)]
    ordered = sorted((k for k in inside if k[0] > head_key), key=lambda k: k[0])
    ordered += sorted((k for k in inside if k[0] < head_key), key=lambda k: k[0], reverse=True)
    ordered += sorted((k for k in keyed if k[0] > head_key and k not in inside), key=lambda k: k[0])
    return [(value, raw) for _key, _el, value, raw in ordered]


def _document_key(el) -> tuple[int, ...]:
    """Child indices from the root: sorts elements in document order."""
    path = []
    parent = el.getparent()
    while parent is not None:
        path.append(parent.index(el))
        el, parent = parent, parent.getparent()
    return tuple(reversed(path))


def _is_inside(el, block) -> bool:
    return el is block or any(a is block for a in el.iterancestors())


def _in_page_header(el) -> bool:
    """Inside a ``<header>``/``<nav>`` that is not part of an article."""
    for ancestor in el.iterancestors():
        if ancestor.tag in ("article", "main"):
            return False
        if ancestor.tag in ("header", "nav"):
            return True
    return False


def _heading(meta: Metadata, page: Page):
    """``_headline_element`` for the page's headline, found once for the date
    and byline steps; on a page without one (an old layout's ``<strong>`` or
    ``<span>`` title), the first element outside the page header whose own
    text is the headline."""
    if "heading" not in meta.dom:
        headline = meta.fields.get("headline")
        heading = _headline_element(page, headline)
        if heading is None and headline:
            headline = " ".join(headline.split())
            texts = _HEADLINE_TEXTS(page.tree, headline=headline)
            heading = next(
                (
                    t.getparent()
                    for t in texts
                    if _is_headline(t, headline)
                    and t.getparent().tag != "a"
                    and not _in_chrome(t.getparent())
                ),
                None,
            )
        meta.dom["heading"] = heading
    return meta.dom["heading"]


def _headline_element(page: Page, headline: str | None):
    """The heading showing the headline, else the first ``h1``; None without one."""
    headings = page.elements["headings"][:15]
    key = _squash(headline or "")
    for el in headings:
        text = _squash(el.text_content())
        if key and text and (text in key or key in text) and len(text) >= 0.4 * len(key):
            return el
    return next((el for el in headings if el.tag == "h1"), None)


def _marked_elements(meta: Metadata, page: Page, kind: str) -> list:
    """Elements whose class/id says ``kind`` ("date" or "byline"), in document order.

    One search of the tree serves both kinds (see ``_find_marked``); pages
    whose dates and authors come from structured data never pay for it.
    """
    if "marked" not in meta.dom:
        meta.dom["marked"] = _find_marked(page)
    return meta.dom["marked"][kind]


def _find_marked(page: Page) -> dict[str, list]:
    """Date and byline elements: those with a class or id value naming a mark
    (any case), and ``rel``/``itemprop="author"`` elements.

    The main-text walk notes the class and id marks on its way
    (``Page.marked``). Before it, or on a page with ``rel``/``itemprop``
    authors, libxml2 collects the attributes in one pass over the tree; only
    their values are tested here, in Python, all distinct values in one regex
    search (walking the elements in Python, or ``contains()`` tests in XPath,
    cost several times more). A page with more than ``_MAX_MARKS`` distinct
    ``(tag, attribute, value)`` marks (a portal page listing many stories)
    keeps the first ones in that order.
    """
    out: dict[str, list] = {"date": [], "byline": []}
    text = page.html
    if '="author"' in text and ('rel="author"' in text or 'itemprop="author"' in text):
        found = _marks_by_xpath(page, _MARK_ATTRIBUTES_AUTHOR)
    elif page.marked is not None:
        found = _marks_of(page.marked)
    else:
        found = _marks_by_xpath(page, _MARK_ATTRIBUTES)
    marks = {mark for _el, mark in found}
    if len(marks) > _MAX_MARKS:
        kept = set(sorted(marks)[:_MAX_MARKS])
        found = [(el, mark) for el, mark in found if mark in kept]
    for el in dict.fromkeys(el for el, _mark in found):
        words = f"{el.get('class', '')} {el.get('id', '')}".lower()
        if _DATE_WORDS.search(words) and el.tag != "body":
            out["date"].append(el)
        if _BYLINE_WORDS.search(words) or "author" in (el.get("rel"), el.get("itemprop")):
            out["byline"].append(el)
    return out


def _marks_by_xpath(page: Page, xpath) -> list[tuple]:
    """``(element, (tag, attribute, value))`` of every marked attribute."""
    values = xpath(page.tree)
    marked = _mark_values(values)
    found = []
    for value in filter(marked.__contains__, values) if marked else ():
        el = value.getparent()
        found.append((el, (el.tag, value.attrname, value)))
    return found


def _marks_of(elements: list) -> list[tuple]:
    """``_marks_by_xpath`` of the elements the walk noted (``Page.marked``)."""
    found = []
    for el in elements:
        for name in ("class", "id"):
            value = el.get(name)
            if value and _MARK_WORDS.search(value.lower()):
                found.append((el, (el.tag, name, value)))
    return found


def _mark_values(values: list[str]) -> set[str]:
    """The distinct ``values`` naming a mark in any case (``_MARK_WORDS``).

    They are lower-cased and searched joined by NUL, which no attribute value
    holds, so a match never spans two values: one regex scan per page instead
    of one per value.
    """
    distinct = list(set(values))
    lowered = "\0".join(distinct).lower()
    return {distinct[lowered.count("\0", 0, m.start())] for m in _MARK_WORDS.finditer(lowered)}


# Case-sensitive patterns: Python's re is many times slower with re.I.
# ``//*/@class`` rather than ``//@class``: libxml2 then skips text nodes.
_MARK_ATTRIBUTES = lxml.etree.XPath("//*/@class | //*/@id")
_MARK_ATTRIBUTES_AUTHOR = lxml.etree.XPath(
    "//*/@class | //*/@id | //@rel[. = 'author'] | //@itemprop[. = 'author']"
)
_MAX_MARKS = 60
_DATE_WORDS = DATE_MARK_RE
_BYLINE_WORDS = BYLINE_MARK_RE
_MARK_WORDS = re.compile(f"{DATE_MARK_WORDS}|{BYLINE_MARK_WORDS}")
_DATELINE_CHARS = 400
_NOT_DATELINE_TAGS = {"script", "style", "noscript", "figcaption", "figure", "a", "title"}


def _in_chrome(el, seen: dict | None = None) -> bool:
    """Inside an aside/nav/footer or an element whose class/id says related,
    sidebar, comments ... (``seen`` keeps the verdict on each ancestor for the
    next element: candidates share most of their ancestors)."""
    seen = {} if seen is None else seen
    for ancestor in el.iterancestors():
        chrome = seen.get(ancestor)
        if chrome is None:
            chrome = seen[ancestor] = ancestor.tag in ("aside", "nav", "footer") or bool(
                _NOT_ARTICLE.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}")
            )
        if chrome:
            return True
    return False


def _text_published(meta: Metadata, page: Page, langs) -> bool:
    """A full date in a short line of the page's text, the one nearest the
    headline (ranked as the dateline candidates are, then the nearest above
    it); never in chrome, a link, a caption or the page header. True when one
    was taken.

    For pages whose date line has no markup and is away from the headline
    ("posted 8:58 am Tue January 15, 2008", "2012/01/16 10:43:00 来源: ...",
    a blog's date header above the post title). It runs before htmldate,
    which costs several times more, and is right more often on the dev pages
    labelled by hand (``benchmarks/meta_eval.py``, docs/metadata.md). A line longer
    than a third of ``_DATELINE_CHARS`` is a sentence, maybe of the story
    about another day, and is not read. libxml2 selects the text nodes
    holding "19"/"20"; only those are read in Python.

    A page without a heading element showing the headline (an old layout's
    ``<strong>`` title) is ranked around the element whose text is the
    headline, found in the same pass: else a site-wide "today" date at the
    top of the page would come first in document order.
    """
    month_first = getattr(langs, "month_first", False)
    heading = _heading(meta, page)
    seen = _article_boxes(heading)
    found = []
    for text in _YEAR_TEXTS(page.tree):
        if len(text.strip()) > _DATELINE_CHARS // 3:
            continue  # a sentence (of the story, maybe about another day), not a date line
        parent = text.getparent()
        holder = parent.getparent() if text.is_tail else parent
        if holder is None or holder.tag in _NOT_DATELINE_TAGS:
            continue
        dates = find_dates(text, langs, month_first)[:1]
        if dates and not _in_chrome(parent, seen):
            found += [(parent, value, raw) for value, raw in dates]
    now = format_date(datetime.now(UTC) + timedelta(days=1))
    found = [c for c in found if c[1] <= now]
    ranked = _by_closeness(found, heading) or _nearest_above(found, heading)
    if not ranked:
        return False
    _put_published(meta, *ranked[0], "dom")
    return True


def _is_headline(text, headline: str) -> bool:
    """The text node ``text`` is the headline (the text of its element, not
    the tail after one), outside the page header."""
    if text.is_tail or " ".join(text.split()) != headline:
        return False
    return not _in_page_header(text.getparent())


def _nearest_above(found: list[tuple], heading) -> list[tuple[str, str]]:
    """Candidates above the headline, nearest first, outside the page header:
    a blog's date header sits above the post title, outside its block."""
    if heading is None:
        return []
    head_key = _document_key(heading)
    above = []
    for el, value, raw in found:
        key = _document_key(el)
        if key < head_key and not _in_page_header(el):
            above.append((key, value, raw))
    return [(value, raw) for _key, value, raw in sorted(above, key=lambda c: c[0], reverse=True)]


# Text nodes of the body holding "19"/"20" (a year's first digits, Western or
# Arabic-Indic), outside scripts, styles and form options.
_YEAR_TEXTS = lxml.etree.XPath(
    "//body//text()[contains(., '20') or contains(., '19') or contains(., '٢٠')]"
    "[not(parent::script or parent::style or parent::option or parent::noscript)]"
)
# The text nodes that are the headline ($headline).
_HEADLINE_TEXTS = lxml.etree.XPath(
    "//body//text()[normalize-space(.) = $headline]"
    "[not(parent::script or parent::style or parent::option or parent::noscript)]"
)


def _htmldate_published(meta: Metadata, page: Page, langs) -> None:
    """htmldate on the existing tree (it works on a copy): the slow last resort.

    Its free-text date strings go to :func:`parse_date_text` instead of its
    own dateparser call, which tries every locale dateparser knows.
    """
    try:
        import htmldate.extractors
        from htmldate import find_date

        own_parser = htmldate.extractors._external_date
        htmldate.extractors._external_date = parse_date_text
        try:
            found = find_date(
                page.tree,
                extensive_search=True,
                original_date=True,
                outputformat="%Y-%m-%d",
                url=page.url,
            )
        finally:
            htmldate.extractors._external_date = own_parser
    except Exception:
        logger.debug("htmldate failed on %s", page.url, exc_info=True)
        return
    _put_published(meta, _normalise(found, langs), found, "dom")


def _authors(meta: Metadata, page: Page, article, nodes) -> None:
    """Structured data, then ``<meta>`` tags, then the byline in the DOM.

    The publication's own credits are dropped on the way (see
    ``_publication_names``); a typed ``Organization`` author dropped so names
    the publication for the later sources too. Structured data naming only
    organisations (a typed ``Organization``, a wire) gives way to a person the
    visible byline names: a page's ``NewsMediaOrganization`` author stands for
    "no byline" or for the desk.
    """
    publication = Publication(build=lambda: _publication_names(page, article, nodes))
    is_place = functools.partial(_names_place, meta)  # a dateline's place
    entries, source, people = [], None, False
    if article:
        for key in ("author", "creator"):
            value = article[1].get(key)
            entries, people, credits = _sd_authors(value, publication, is_place)
            publication = publication.declaring(credits)
            if entries:
                source = article[0]
                break
    if not entries:
        for key in AUTHOR_META:
            values = page.meta.get(key, [])
            for value in values:
                entries += author_entries(value, publication=publication, is_place=is_place)
            if entries:
                source, people = _meta_source(key), True
                break
    if not entries or not people:
        dom = _dom_authors(meta, page, publication, is_place)
        if not entries or has_person(dom):
            entries, source = dom, "dom"
    meta.put("authors", merge_authors(entries), source)


def _sd_authors(
    value, publication: Publication, is_place=None
) -> tuple[list[dict], bool, frozenset[str]]:
    """``(entries, whether any names a person, the keys of typed Organization
    authors dropped as the publication's credits)``: a typed Organization or a
    wire's name names no person. ``is_place``: see ``authors.clean_author_names``."""
    items = value if isinstance(value, list) else [value]
    entries, people, credits = [], False, set()
    for item in items:
        found, organisation = [], False
        if isinstance(item, str):
            found = author_entries(item, publication=publication, is_place=is_place)
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = " and ".join(n for n in name if isinstance(n, str))
            url = item.get("url") or item.get("sameAs")
            url = url[0] if isinstance(url, list) and url else url
            if not url and "#" not in str(item.get("@id", "#")):
                url = item.get("@id")
            types = types_of(item)
            organisation = "Person" not in types and any(t.endswith("Organization") for t in types)
            if isinstance(name, str):
                url = url if isinstance(url, str) else None
                found = author_entries(name, url, publication, organisation, is_place)
                if organisation and not found and author_entries(name):
                    credits.add(publication_key(name))
        entries += found
        people = people or (not organisation and has_person(found))
    return entries, people, frozenset(credits)


def _dom_authors(meta: Metadata, page: Page, publication: Publication, is_place) -> list[dict]:
    """Byline elements (class/id, ``rel``/``itemprop="author"``), else a byline
    line right after the headline (``_headline_byline``). A byline element
    showing only a link to a section page ("Politics") names no one.
    ``is_place``: see ``authors.clean_author_names``.
    """
    credits = []  # a byline element naming no person ("The Times"), kept for want of one
    seen = _article_boxes(_heading(meta, page))
    for el in _marked_elements(meta, page, "byline")[:6]:
        if _in_chrome(el, seen):
            continue
        text = clean_text(el.get("content") or el.text_content())
        if text and len(text) < 120 and not _section_link(el, text):
            href = el.get("href")
            url = _absolute(page.url, href) if href else None
            entries = author_entries(text, url, publication, is_place=is_place)
            if has_person(entries):
                return entries
            credits = credits or entries
    return _headline_byline(meta, page, publication, is_place) or credits


_SECTION_PATH = re.compile(r"/(?:categor(?:y|ies)|sections?|tags?|topics?|rubri[ck]\w*)/", re.I)


def _section_link(el, text: str) -> bool:
    """``el``'s whole ``text`` is a link to a category/section/tag page."""
    links = [el] if el.tag == "a" else el.iter("a")
    return any(
        _SECTION_PATH.search(a.get("href") or "") and clean_text(a.text_content()) == text
        for a in links
    )


# Bylines without markup: the short lines under the headline, before the text.
_BYLINE_TEXTS = 8
_BYLINE_SCAN_CHARS = 500
_BYLINE_MAX_CHARS = 120
_NOT_BYLINE_TAGS = {"script", "style", "noscript", "figcaption", "figure", "time"}
_LINES = re.compile(r"\s*[\r\n]+\s*")  # a line break in a byline ends a piece
# "Beirut – Jane Doe": a dateline's place of one to three words, a dash, the rest.
_DATELINE_BYLINE = re.compile(r"^(\w[\w'’.-]*(?:\s+[\w'’.-]+){0,2})\s+[–—-]\s+(\S.*)$")


def _headline_byline(meta: Metadata, page: Page, publication: Publication, is_place) -> list[dict]:
    """A byline only its wording shows, among the few short lines right after
    the headline: "By Jane Doe" (``BYLINE_START``; "By" alone takes the text
    of the element holding it, "By <a>Jane Doe</a>"), or a dateline
    "<place> – <name>" whose place the headline or description names (a
    dateline is where the story happened). Each name must look like a
    person's (``looks_like_person``): "By the numbers" is no byline.
    """
    heading = _heading(meta, page)
    if heading is None:
        return []
    seen, long_lines = 0, 0
    for text, parent in islice(_after_heading(meta, heading), _BYLINE_TEXTS):
        seen += len(text)
        line = " ".join(text.split()) if len(text) <= 2 * _BYLINE_MAX_CHARS else text
        if len(line) > _BYLINE_MAX_CHARS:
            long_lines += 1
            if long_lines > 1:  # a standfirst, then the story: no byline to come
                break
            continue
        if seen > _BYLINE_SCAN_CHARS:
            break
        if not line:
            continue
        byline = BYLINE_START.match(line) if line[0].lower() in BYLINE_INITIALS else None
        if not byline and " – " not in line and " — " not in line and " - " not in line:
            continue
        if parent.tag in _NOT_BYLINE_TAGS:
            continue
        raw = text
        if byline and byline[1] is None:  # "By <a>Jane Doe</a>": the holder's text
            raw = _holder(text, parent).text_content()
            if len(raw) > 2 * _BYLINE_MAX_CHARS:
                continue
        elif not byline:
            dateline = _DATELINE_BYLINE.match(line)
            if not dateline or not is_place(dateline[1]):
                continue
        if _in_chrome(parent):
            continue
        found = author_entries(
            _LINES.sub(" | ", raw.strip()), publication=publication, is_place=is_place
        )
        entries = [e for e in found if looks_like_person(e["name"])]
        if entries:
            return entries
    return []


def _names_place(meta: Metadata, place: str) -> bool:
    """The headline or description names ``place`` (three letters or more)."""
    place = place.casefold()
    if len(place) < 3:
        return False
    return any(place in (meta.fields.get(k) or "").casefold() for k in ("headline", "description"))


# Host name labels that name no publication: "www.example.co.uk" -> "example".
_GENERIC_LABELS = {"www", "m", "amp", "mobile", "com", "co", "org", "net", "gov", "ac", "edu"}
# What follows the ``<title>``'s last separator (``_TITLE_SEPARATORS``):
# "... | Daily Sabah"; the greedy start finds the last one from the end.
_TITLE_TAIL = re.compile(r".*(?:\||\s(?:[-–—:«»·•/]|::)\s)\s*(\S.*?)\s*$", re.S)
_ORGANISATION_TYPES = {"Organization", "NewsMediaOrganization", "Corporation", "NewsAgency"}


def _publication_names(page: Page, article, nodes) -> tuple[set[str], list[str]]:
    """How the page names its own publication: ``(declared, hinted)``
    ``publication_key`` values (see ``authors.Publication``).

    Declared: og:site_name, application-name, the JSON-LD publisher (not a
    ``Person``: a blog's author is its publisher) and ``WebSite`` names.
    Hinted: ``Organization`` nodes, the last part of the ``<title>`` ("... |
    Daily Sabah"), the labels of the host name. A site that declares the
    name of its subdomain ("U.S. News" on usnews.nbcnews.com) is a section of
    the publication its domain names: that name is declared too.
    """
    declared = [page.meta_first("og:site_name"), page.meta_first("application-name")]
    organisations = []
    publishers = [article[1].get("publisher")] if article else []
    for _source, node in nodes:
        types = types_of(node)
        if "WebSite" in types:
            declared.append(node.get("name"))
        elif not types.isdisjoint(_ORGANISATION_TYPES):
            organisations.append(node.get("name"))
        if "publisher" in node:
            publishers.append(node["publisher"])
    for publisher in publishers:
        for item in publisher if isinstance(publisher, list) else (publisher,):
            if isinstance(item, dict) and "Person" not in types_of(item):
                declared.append(item.get("name"))
    hints = list(dict.fromkeys(_keys(organisations)))  # each source counts once
    titles = page.elements["title"]
    tail = _TITLE_TAIL.match(titles[0].text or "") if titles else None
    if tail and len(tail[1].split()) <= 5:
        hints += _keys((tail[1],))
    host_keys = _host_keys(urlsplit(page.url or "").hostname or "")
    hints += host_keys
    declared = set(_keys(declared))
    if len(host_keys) > 1 and not declared.isdisjoint(host_keys[:-1]):
        declared.add(host_keys[-1])  # "U.S. News" on usnews.nbcnews.com: NBC News too
    return declared, hints


@functools.lru_cache(maxsize=1024)  # a site's pages share their host
def _host_keys(host: str) -> tuple[str, ...]:
    """The ``publication_key`` values of a host's labels, without the top-level
    domain and generic ones: "www.example.co.uk" -> ("example",)."""
    labels = host.split(".")[:-1]
    return tuple(dict.fromkeys(_keys(lb for lb in labels if lb not in _GENERIC_LABELS)))


def _keys(names) -> list[str]:
    """The ``publication_key`` values of the string ``names``, two characters or more."""
    keys = (publication_key(n) for n in names if isinstance(n, str))
    return [k for k in keys if len(k) > 1]


def _images(meta: Metadata, page: Page, article, nodes) -> None:
    images: list[dict] = []  # {"url", "caption", "credit"} candidates, lead first
    source = None
    if article:
        images = _sd_images(article[1].get("image"), page.url)
        source = article[0] if images else None
    for key in ("og:image:secure_url", "og:image", "twitter:image", "twitter:image:src"):
        for value in page.meta.get(key, [])[:1]:
            url = _absolute(page.url, value)
            if url:
                images.append({"url": url, "caption": None, "credit": None})
                source = source or ("opengraph" if key.startswith("og:") else "meta")
    found = first_figures(page.elements["figure"])
    figures = [(f, figure_image_url(f, page.url)) for f in found]
    _attach_captions(images, figures, meta)
    if not images:
        for figure, url in figures:
            if url:
                caption, credit, _raw = figure_caption(figure)
                images.append({"url": url, "caption": caption, "credit": credit})
                source = "dom"
                break
    if images:
        lead = images[0]
        meta.put("mainImage", {k: lead.get(k) for k in ("url", "caption", "credit")}, source)
        seen, unique = set(), []
        for image in images:
            if image_key(image["url"]) not in seen:
                seen.add(image_key(image["url"]))
                unique.append({"url": image["url"]})
        meta.put("images", unique, source)


def _sd_images(value, base: str) -> list[dict]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items[:10]:
        if isinstance(item, str):
            url, caption, credit = item, None, None
        elif isinstance(item, dict):
            url = item.get("url") or item.get("contentUrl")
            url = url[0] if isinstance(url, list) and url else url
            if not url and "#" not in str(item.get("@id", "#")):
                url = item.get("@id")
            caption = _first_string(item.get("caption")) or _first_string(item.get("description"))
            credit = (
                _first_string(item.get("creditText"))
                or _first_string(item.get("copyrightHolder"))
                or _first_string(item.get("author"))
            )
        else:
            continue
        url = _absolute(base, url if isinstance(url, str) else None)
        if not url:
            continue
        if caption and not credit:
            caption, credit = split_credit(caption)
        out.append({"url": url, "caption": caption, "credit": credit})
    return out


def _attach_captions(images: list[dict], figures, meta: Metadata) -> None:
    """Fill missing captions and credits from the figure showing the same image.

    A figure matches an image when it shows the same file (size suffixes
    ignored) or, for another rendition, when its caption contains the image's
    structured caption. Every figure's caption is noted for the cleaning step.
    """
    found_figures = []  # (image key, caption, credit, raw caption text)
    for figure, url in figures:
        caption, credit, raw = figure_caption(figure)
        if raw:
            meta.signals["captions"].append(raw)
            if caption and caption != raw:
                meta.signals["captions"].append(caption)
        found_figures.append((image_key(url) if url else None, caption, credit, raw or ""))
    for image in images:
        match = _figure_for(image, found_figures)
        if match:  # the structured data may give a caption but no credit, or neither
            image["caption"] = image.get("caption") or match[1]
            image["credit"] = image.get("credit") or match[2]
    for image in images:
        if image.get("caption") and image["caption"] not in meta.signals["captions"]:
            meta.signals["captions"].append(image["caption"])


def _figure_for(image: dict, found_figures):
    key, caption = image_key(image["url"]), image.get("caption")
    for found in found_figures:
        if found[0] == key:
            return found
    if caption and len(caption) >= 20:
        return next((f for f in found_figures if caption in f[3]), None)
    return None


def _breadcrumbs(meta: Metadata, page: Page, article, nodes) -> None:
    for source, node in nodes:
        if "BreadcrumbList" not in types_of(node):
            continue
        crumbs = []
        items = node.get("itemListElement")
        items = items if isinstance(items, list) else [items]
        items = [i for i in items if isinstance(i, dict)]
        for item in sorted(items, key=_position):
            target = item.get("item")
            name = _first_string(item.get("name")) or _first_string(target)
            url = target.get("@id") or target.get("url") if isinstance(target, dict) else target
            if name:
                crumb = {"name": name}
                url = _absolute(page.url, url if isinstance(url, str) else None)
                if url:
                    crumb["url"] = url
                crumbs.append(crumb)
        if meta.put("breadcrumbs", crumbs, source):
            return


def _position(item: dict) -> float:
    try:
        return float(item.get("position"))
    except (TypeError, ValueError):
        return 0.0


def _section(meta: Metadata, page: Page, article, nodes) -> None:
    if article:
        meta.put("section", _first_string(article[1].get("articleSection")), article[0])
    for key in SECTION_META:
        meta.put("section", clean_text(page.meta_first(key)), _meta_source(key))
    crumbs = [c["name"] for c in meta.fields.get("breadcrumbs") or []]
    headline = meta.fields.get("headline") or ""
    crumbs = [
        c
        for c in crumbs
        if c.casefold() not in ("home", "الرئيسية", "anasayfa", "accueil")
        and _squash(c) != _squash(headline)
    ]
    if crumbs:
        meta.put("section", crumbs[-1], meta.sources.get("breadcrumbs", "json-ld"))


def _keywords(meta: Metadata, page: Page, article, nodes) -> None:
    if article:
        meta.put("keywords", split_keywords(article[1].get("keywords")), article[0])
    meta.put("keywords", split_keywords(page.meta.get("article:tag")), "opengraph")
    for key in KEYWORD_META:
        meta.put("keywords", split_keywords(page.meta.get(key)), "meta")


def split_keywords(value) -> list[str]:
    """Keywords from a comma-separated string or a list, deduped; [] for odd shapes."""
    parts: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            parts += _KEYWORD_SPLIT.split(html.unescape(item))
    seen, out = set(), []
    for part in parts:
        word = clean_text(part.strip(" #\"'"))
        if word and len(word) <= 100 and word.casefold() not in seen:
            seen.add(word.casefold())
            out.append(word)
    return out


def _access_signals(meta: Metadata, page: Page, article, nodes) -> None:
    signals = meta.signals
    ordered = ([article] if article else []) + [n for n in nodes if n is not article]
    for _source, node in ordered:
        if not (is_article(node) or types_of(node) & {"WebPage", "ItemPage"}):
            continue
        flag = as_bool(node.get("isAccessibleForFree"))
        if flag is not None and signals["is_accessible_for_free"] is None:
            signals["is_accessible_for_free"] = flag
        signals["paywalled_selectors"] += _paywalled_selectors(node.get("hasPart"))
    if signals["is_accessible_for_free"] is None:
        signals["is_accessible_for_free"] = as_bool(page.meta_first("isaccessibleforfree"))
    signals["paywalled_selectors"] = list(dict.fromkeys(signals["paywalled_selectors"]))
    if article:
        signals["word_count"] = _as_int(article[1].get("wordCount"))
        body = article[1].get("articleBody")
        signals["sd_body"] = body.strip() if isinstance(body, str) and body.strip() else None


def _paywalled_selectors(parts) -> list[str]:
    out = []
    for part in parts if isinstance(parts, list) else [parts]:
        if isinstance(part, dict) and as_bool(part.get("isAccessibleForFree")) is False:
            selector = part.get("cssSelector")
            for sel in selector if isinstance(selector, list) else [selector]:
                if isinstance(sel, str) and sel.strip():
                    out.append(sel.strip())
    return out


def as_bool(value) -> bool | None:
    """JSON-LD booleans: true/false, "True"/"false", "http://schema.org/False"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, list) and value:
        return as_bool(value[0])
    if isinstance(value, str):
        word = value.strip().rsplit("/", 1)[-1].casefold()
        return {"true": True, "false": False, "yes": True, "no": False}.get(word)
    return None


def _as_int(value) -> int | None:
    try:
        number = int(str(value).replace(",", "").strip())
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _page_text_sample(page: Page, limit: int = 2000) -> list[str]:
    """Headline and paragraph text from the tree, for language guessing on teasers."""
    out, total = [], 0
    for el in _PARAGRAPHS(page.tree):
        text = el.text_content().strip()
        if len(text) > 40:
            out.append(text)
            total += len(text)
            if total > limit:
                break
    if total < 200:
        out += [page.meta_first("og:title", "description", "og:description") or ""]
        title = _page_title(page)
        if title is not None:
            out.append(title)
        out.append(_visible_text(page, limit))
    return out


def _visible_text(page: Page, limit: int) -> str:
    """Text of the page body without scripts and styles (pages without paragraphs)."""
    body = page.tree.find("body")
    if body is None:
        return ""
    parts, total = [], 0
    for el in body.iter():
        if el.tag not in ("script", "style", "noscript") and isinstance(el.tag, str) and el.text:
            parts.append(el.text)
            total += len(el.text)
        if el.tail and el is not body:
            parts.append(el.tail)
            total += len(el.tail)
        if total > limit:
            break
    return " ".join(parts)


# The steps ``start_metadata`` runs, in order (``finish_metadata`` runs the rest).
_FIRST_STEPS = (
    _headline,
    _description,
    _canonical,
    _images,
    _breadcrumbs,
    _section,
    _keywords,
    _access_signals,
)
