"""Parse a page once and give every extraction step the same tree.

``load_page(html, url)`` decodes bytes (BOM, HTTP header, ``<meta charset>``,
then detection, via w3lib), builds one lxml tree and exposes the page's
structured data lazily: JSON-LD objects (``@graph`` and lists unpacked,
broken scripts skipped and counted), microdata and ``<meta>`` values.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

import lxml.etree
import lxml.html
from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    resolve_encoding,
)

logger = logging.getLogger(__name__)

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# The tags the metadata step looks up; ``Page.elements`` finds them in one walk.
INDEXED_TAGS = ("meta", "link", "title", "h1", "h2", "h3", "time", "figure", "script")
_HEADING_TAGS = ("h1", "h2", "h3")
_COMMENT_LINE = re.compile(r"^\s*(//.*|<!--.*-->)\s*$", re.M)


_PARSERS = threading.local()


def html_parser() -> lxml.etree.HTMLParser:
    """lxml's HTML parser, one per thread, making ``lxml.html.HtmlElement``
    nodes through a C-level class lookup.

    ``lxml.html``'s own parser picks the element class in Python for every
    element proxy (``FormElement``, ``InputElement`` ...), which costs about
    as much as the walk over the tree itself; no step here needs those
    classes, and ``text_content``, ``cssselect`` etc. work the same.

    Comments and processing instructions are dropped while parsing: the
    texts around a comment join as they would on screen, and no step reads
    them any more (htmldate's last-resort search used to take a cache
    plugin's "generated on" stamp in a comment for the publication date).
    libxml2 keeps no index of the ``id`` attributes (about 6% of a parse):
    the one reader of XPath ``id()``, microdata ``itemref``, gets a tree of
    its own (``Page.microdata``).
    """
    return _parser("parser", remove_comments=True, remove_pis=True, collect_ids=False)


# (libxml2 lower-cases HTML attribute names: itemRef is found too)
_ITEMREF = lxml.etree.XPath("//*[@itemref][1]")


def _parser(name: str, **options) -> lxml.etree.HTMLParser:
    parser = getattr(_PARSERS, name, None)
    if parser is None:
        parser = lxml.etree.HTMLParser(**options)
        setattr(_PARSERS, name, parser)
        parser.set_element_class_lookup(
            lxml.etree.ElementDefaultClassLookup(
                element=lxml.html.HtmlElement,
                comment=lxml.html.HtmlComment,
                pi=lxml.html.HtmlProcessingInstruction,
                entity=lxml.html.HtmlEntity,
            )
        )
    return parser


class EmptyPage(ValueError):
    """The input has no HTML document in it (empty or whitespace only)."""


def decode_html(html: str | bytes, content_type: str | None = None) -> str:
    """Return the page as text; bytes are decoded the way browsers do
    (BOM, then the HTTP header's charset, then ``<meta charset>``, then
    detection), except for one common server mistake: see
    :func:`utf8_despite_header`."""
    if isinstance(html, str):
        return html
    text = utf8_despite_header(html, *declared_charsets(html, content_type))
    if text is not None:
        return text
    _encoding, text = html_to_unicode(content_type, html)
    return text


def declared_charsets(body: bytes, content_type: str | None) -> tuple[str | None, str | None]:
    """(HTTP header charset, ``<meta>`` charset) of a page, as normalised codec
    names, or None where one is missing or unknown."""
    header = http_content_type_encoding(content_type or "")
    declared = html_body_declared_encoding(body[:4096])
    return (
        resolve_encoding(header) if header else None,
        resolve_encoding(declared) if declared else None,
    )


def charsets_conflict(header: str | None, declared: str | None) -> bool:
    """Whether the HTTP header and ``<meta>`` name two different charsets."""
    return bool(header and declared and header != declared)


def utf8_despite_header(body: bytes, header: str | None, declared: str | None) -> str | None:
    """The page decoded as UTF-8 when its HTTP header and its ``<meta>``
    charset disagree, one of them names UTF-8 and the body is valid UTF-8
    (a server's default header in front of a UTF-8 page); None otherwise,
    and the header's charset stands."""
    if not charsets_conflict(header, declared) or "utf-8" not in (header, declared):
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


@dataclass
class Page:
    """One parsed page: its URL, text, lxml tree and structured data."""

    url: str
    html: str
    tree: lxml.html.HtmlElement
    problems: list[str] = field(default_factory=list)
    # When the page was served (a naive UTC datetime), if the caller knows:
    # dates a dateline without a year ("16 янв").
    served: datetime | None = None
    # Elements whose class or id names a date or byline mark ("pubdate",
    # "entry-author"), in document order, once the main-text walk has noted
    # them on its way (``maintext``); None before, and the metadata step
    # searches the tree itself.
    marked: list | None = None

    @cached_property
    def elements(self) -> dict[str, list]:
        """The page's ``INDEXED_TAGS`` elements by tag, in document order, plus
        ``"headings"`` (``h1``-``h3`` together), taken before any step changes
        the tree.

        One ``iter()`` over the tree, whose tag test runs in C, serves every
        lookup of the metadata step (meta tags, links, title, headings, time
        elements, figures, JSON-LD scripts) instead of one XPath search each.
        """
        found: dict[str, list] = {tag: [] for tag in INDEXED_TAGS}
        headings = found["headings"] = []
        for el in self.tree.iter(*INDEXED_TAGS):
            tag = el.tag
            found[tag].append(el)
            if tag in _HEADING_TAGS:
                headings.append(el)
        return found

    @cached_property
    def jsonld(self) -> list[dict]:
        """Every JSON-LD object of the page, flattened (``@graph``, lists)."""
        out: list[dict] = []
        for script in self.elements["script"]:
            if script.get("type") != "application/ld+json":
                continue
            raw = (script.text or "").strip()
            if not raw:
                continue
            data = _loads_lenient(raw)
            if data is None:
                self.problems.append("jsonld-unparseable")
                logger.debug("unparseable JSON-LD on %s", self.url)
                continue
            _flatten_jsonld(data, out)
        return out

    @cached_property
    def microdata(self) -> list[dict]:
        """Microdata items (extruct's uniform form), or [] when there are none."""
        if not self.tree.xpath("//*[@itemscope][1]"):
            return []
        from extruct.w3cmicrodata import LxmlMicrodataExtractor

        tree = self.tree
        if _ITEMREF(tree):  # resolved by XPath id(): a tree with the id index
            tree = lxml.html.document_fromstring(self.html, parser=_parser("ids"))
        try:
            return LxmlMicrodataExtractor().extract_items(tree, self.url)
        except Exception:  # extruct raises many kinds on odd markup
            self.problems.append("microdata-unparseable")
            return []

    @cached_property
    def meta(self) -> dict[str, list[str]]:
        """``<meta>`` values by lower-cased ``property``/``name``/``itemprop``."""
        out: dict[str, list[str]] = {}
        for el in self.elements["meta"]:
            key = el.get("property") or el.get("name") or el.get("itemprop")
            content = el.get("content")
            if key and content and content.strip():
                out.setdefault(key.strip().lower(), []).append(content.strip())
        return out

    def meta_first(self, *keys: str) -> str | None:
        for key in keys:
            values = self.meta.get(key)
            if values:
                return values[0]
        return None


def load_page(html: str | bytes, url: str, content_type: str | None = None) -> Page:
    """Decode and parse ``html`` once. Raises ``EmptyPage`` for empty input."""
    text = decode_html(html, content_type)
    text = _XML_DECL.sub("", text, count=1)
    if not text or text.isspace():  # (no copy of the page, as strip() makes)
        raise EmptyPage("empty document")
    try:
        tree = lxml.html.document_fromstring(text, parser=html_parser())
    except (lxml.etree.ParserError, ValueError) as exc:
        raise EmptyPage(str(exc)) from exc
    return Page(url=url, html=text, tree=tree)


def _loads_lenient(raw: str):
    for candidate in (raw, _COMMENT_LINE.sub("", raw), raw.replace("\n", " ")):
        try:
            return json.loads(candidate, strict=False)
        except ValueError:
            continue
    # A common breakage: several objects pasted one after another.
    try:
        return json.loads("[" + re.sub(r"}\s*{", "},{", raw) + "]", strict=False)
    except ValueError:
        return None


def _flatten_jsonld(data, out: list[dict]) -> None:
    if isinstance(data, list):
        for item in data:
            _flatten_jsonld(item, out)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, (list, dict)):
            _flatten_jsonld(graph, out)
        if "@type" in data:
            out.append(data)
