"""Main text of a page as a list of simple blocks.

One walk over the parsed tree (``Page.tree``, ``maintext.find_main_text``)
both judges markup-named chrome (class, id, role or ARIA tokens *and*
agreeing text, see ``chrome``; elements under the page's schema.org
``hasPart`` ``cssSelector`` are never chrome) and finds the main-text
container; :func:`body_blocks` turns its segments into :class:`Block`s.
trafilatura runs only when that walk is not confident (it cleans the tree in
place, so it comes last, after the chrome is removed from the tree).

Blocks render to plain text (``articleBody``: paragraphs separated by a blank
line) and to simple HTML (``articleBodyHtml``). ``parse_article`` carries them
to ``clean_article`` as plain records (:meth:`Block.as_record`);
:func:`blocks_from_html` reads the HTML back for items that lack them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from html import escape

import lxml.etree
import lxml.html
import trafilatura
from cssselect import SelectorError

from newscrawl.extract.maintext import MainText, Segment
from newscrawl.extract.teaser import word_count

logger = logging.getLogger(__name__)


@dataclass
class Block:
    """One block of article text: a paragraph, heading, list, quote, table."""

    kind: str  # p, h2, h3, ul, ol, blockquote, pre, table
    text: str
    items: list[str] = field(default_factory=list)  # list items / table rows

    def as_record(self) -> dict:
        """Plain data for the item's ``_signals`` (picklable, JSON-able)."""
        record = {"kind": self.kind, "text": self.text}
        if self.items:
            record["items"] = list(self.items)
        return record

    @classmethod
    def from_record(cls, record: dict) -> Block:
        return cls(
            str(record.get("kind") or "p"),
            str(record.get("text") or ""),
            list(record.get("items") or []),
        )

    def to_html(self) -> str:
        if self.kind in ("ul", "ol"):
            inner = "".join(f"<li>{escape(i)}</li>" for i in self.items)
            return f"<{self.kind}>{inner}</{self.kind}>"
        if self.kind == "table":
            rows = "".join(f"<tr><td>{escape(r)}</td></tr>" for r in self.items)
            return f"<table>{rows}</table>"
        return f"<{self.kind}>{escape(self.text)}</{self.kind}>"


@dataclass
class Dropped:
    """A block or element removed from the body, and why."""

    reason: str
    text: str
    stage: str  # "markup", "site-rule", "text", "repeat", "caption", "boilerplate", ...

    def as_dict(self) -> dict:
        return {"reason": self.reason, "stage": self.stage, "text": self.text[:200]}


def clean_space(text: str) -> str:
    return " ".join((text or "").split())


def blocks_text(blocks: list[Block]) -> str:
    """``articleBody``: block texts separated by a blank line."""
    return "\n\n".join(b.text for b in blocks if b.text)


def blocks_html(blocks: list[Block]) -> str:
    """``articleBodyHtml``: the same blocks as simple HTML."""
    return "".join(b.to_html() for b in blocks if b.text)


# --- 1. markup-marked chrome ---------------------------------------------------


def haspart_roots(tree, selectors) -> list:
    """Elements matched by the page's structured-data hasPart cssSelectors."""
    out: list = []
    for selector in selectors or ():
        try:
            out.extend(tree.cssselect(selector))
        except (SelectorError, ValueError, TypeError):
            logger.debug("unusable hasPart cssSelector %r", selector)
    return out


def protected_elements(roots) -> set:
    """Elements the page's structured data names as article text (hasPart):
    the matched elements, their ancestors and their descendants."""
    out: set = set()
    for el in roots:
        out.add(el)
        out.update(el.iterancestors())
        out.update(el.iterdescendants())
    return out


def remove_selected(tree, selectors, *, protected: set, reason: str) -> list[Dropped]:
    """Remove elements matching per-site CSS selectors (SiteRules)."""
    dropped: list[Dropped] = []
    for selector in selectors or ():
        try:
            found = tree.cssselect(selector)
        except (SelectorError, ValueError, TypeError):
            logger.warning("bad site selector %r", selector)
            continue
        for el in found:
            if el in protected or el.getparent() is None:
                continue
            dropped.append(Dropped(reason, clean_space(el.text_content()), "site-rule"))
            _remove(el)
    return dropped


def _remove(el) -> None:
    """Detach ``el`` but keep its tail text in the document."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail and tail.strip():
        if prev is not None:
            prev.tail = _xml_safe((prev.tail or "") + tail)
        else:
            parent.text = _xml_safe((parent.text or "") + tail)
    parent.remove(el)


# Characters libxml2's HTML parser keeps in text but lxml refuses to set.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(text: str) -> str:
    """``text`` with the control characters lxml cannot store as spaces."""
    return _NOT_XML.sub(" ", text)


# --- 2. main text --------------------------------------------------------------


def body_blocks(
    tree, url: str, main: MainText, *, body_selector: str | None = None, method: list | None = None
) -> tuple[list[Block], list[Dropped], int]:
    """Main-text blocks once the walk has found ``main``, the markup chrome it
    dropped, and how many elements carry paywall marks: the site's body
    selector (``SiteRules.body_selector``) when it matches, our segments, or
    trafilatura's text when ours is weak (which changes the tree: read
    anything else from it first). The method used is appended to ``method``
    when given ("site-rule", "dom", "fallback")."""
    method = method if method is not None else []
    dropped = [Dropped(reason, text, stage) for reason, text, stage in main.dropped]
    if body_selector:
        found = _select_body(tree, body_selector, main.dropped_elements)
        if found is not None:
            method.append("site-rule")
            return dom_blocks(found), dropped, main.paywall_marks
    blocks = segment_blocks(main.segments)
    if main.confident:
        method.append("dom")
        return blocks, dropped, main.paywall_marks
    for el in main.dropped_elements:
        _remove(el)
    fallback = trafilatura_main_text(tree, url)
    if _words(fallback) > _words(blocks):
        method.append("fallback")
        return fallback, dropped, main.paywall_marks
    method.append("dom")
    return blocks, dropped, main.paywall_marks


def _select_body(tree, selector: str, chrome: list):
    """The element a site's body_selector names, markup chrome removed from it."""
    try:
        found = tree.cssselect(selector)
    except (SelectorError, ValueError, TypeError):
        return None
    if not found:
        return None
    for el in chrome:
        _remove(el)
    return found[0]


def _words(blocks: list[Block]) -> int:
    return sum(word_count(b.text) for b in blocks)


def segment_blocks(segments: list[Segment]) -> list[Block]:
    """Blocks from main-text segments; items of one list become one block."""
    blocks: list[Block] = []
    list_parent = None
    for seg in segments:
        if seg.tag == "li":
            parent = seg.owner.getparent()
            if parent is list_parent and blocks:
                blocks[-1].items.append(seg.text)
                blocks[-1].text += "\n" + seg.text
                continue
            list_parent = parent
            kind = "ol" if parent is not None and parent.tag == "ol" else "ul"
            blocks.append(Block(kind, seg.text, [seg.text]))
            continue
        list_parent = None
        blocks.append(Block(_SEGMENT_KIND.get(seg.tag, "p"), seg.text))
    return blocks


_SEGMENT_KIND = {
    "h2": "h2",
    "h3": "h3",
    "h4": "h3",
    "h5": "h3",
    "h6": "h3",
    "blockquote": "blockquote",
    "pre": "pre",
}


def trafilatura_main_text(tree, url: str) -> list[Block]:
    """trafilatura on the tree (it cleans the tree in place: call it last)."""
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url or None, include_comments=False, with_metadata=False
        )
    except Exception:  # trafilatura raises many kinds on odd markup
        logger.exception("main-text extraction failed on %s", url)
        return []
    if doc is None or doc.body is None:
        return []
    return trafilatura_blocks(doc.body)


def _inline_text(el) -> str:
    """Text of an element; a line break separates words like a space."""
    for node in el.iter("lb", "br"):
        node.tail = _xml_safe(" " + (node.tail or ""))
    return clean_space("".join(el.itertext()))


def trafilatura_blocks(body) -> list[Block]:
    """Turn trafilatura's XML body (head, p, list, quote, table ...) into blocks."""
    blocks: list[Block] = []
    for child in body:
        tag = child.tag
        if tag == "list":
            items = [t for t in (_inline_text(i) for i in child.iter("item")) if t]
            if items:
                kind = "ol" if (child.get("rend") or "").startswith("ol") else "ul"
                blocks.append(Block(kind, "\n".join(items), items))
        elif tag == "table":
            rows = [_row_text(r) for r in child.iter("row")]
            rows = [r for r in rows if r]
            if rows:
                blocks.append(Block("table", "\n".join(rows), rows))
        else:
            text = _inline_text(child)
            if text:
                blocks.append(Block(_KIND.get(tag, "p"), text))
            if tag == "head" and child.get("rend") in ("h3", "h4", "h5", "h6"):
                blocks[-1].kind = "h3" if text else blocks[-1].kind
    return blocks


_KIND = {"p": "p", "head": "h2", "quote": "blockquote", "code": "pre"}


def _row_text(row) -> str:
    return " ".join(t for t in (_inline_text(c) for c in row) if t)


_DOM_BLOCK_TAGS = {
    "p": "p",
    "h2": "h2",
    "h3": "h3",
    "h4": "h3",
    "blockquote": "blockquote",
    "pre": "pre",
    "ul": "ul",
    "ol": "ol",
}


def dom_blocks(root) -> list[Block]:
    """Blocks straight from a DOM subtree (used with a site's body_selector)."""
    blocks: list[Block] = []
    for el in root.iter(*_DOM_BLOCK_TAGS):
        if any(a.tag in _DOM_BLOCK_TAGS for a in el.iterancestors() if a is not root):
            continue
        kind = _DOM_BLOCK_TAGS[el.tag]
        if kind in ("ul", "ol"):
            items = [t for t in (_inline_text(li) for li in el.iter("li")) if t]
            if items:
                blocks.append(Block(kind, "\n".join(items), items))
        else:
            text = _inline_text(el)
            if text:
                blocks.append(Block(kind, text))
    return blocks


def blocks_from_html(html: str | None) -> list[Block]:
    """Read ``articleBodyHtml`` back into blocks (inverse of :func:`blocks_html`)."""
    if not html or not html.strip():
        return []
    try:
        fragments = lxml.html.fragments_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    blocks: list[Block] = []
    for el in fragments:
        if not isinstance(el, lxml.html.HtmlElement):
            continue
        if el.tag in ("ul", "ol"):
            items = [clean_space(li.text_content()) for li in el.iter("li")]
            blocks.append(Block(el.tag, "\n".join(items), items))
        elif el.tag == "table":
            rows = [clean_space(tr.text_content()) for tr in el.iter("tr")]
            blocks.append(Block("table", "\n".join(rows), rows))
        else:
            kind = el.tag if el.tag in ("p", "h2", "h3", "blockquote", "pre") else "p"
            blocks.append(Block(kind, clean_space(el.text_content())))
    return [b for b in blocks if b.text]
