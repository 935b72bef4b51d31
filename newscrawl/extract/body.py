"""Main text of a page as a list of simple blocks.

Order of work on the one parsed tree (``Page.tree``):

1. :func:`strip_marked_chrome` removes elements whose class/id/role/ARIA
   tokens mark them as chrome (paywall prompts, newsletter boxes, share bars,
   related lists, cookie notices) *and* whose text agrees (a teaser phrase, or
   no prose at all). Elements under the page's schema.org ``hasPart``
   ``cssSelector`` are article text and are never removed.
2. :func:`extract_blocks` finds the main text on that tree with our own
   one-pass extractor (``maintext.find_main_text``) and turns its segments
   into :class:`Block`s; trafilatura runs only when that one is not
   confident (it cleans the tree in place, so it comes last).

Blocks render to plain text (``articleBody``: paragraphs separated by a blank
line) and to simple HTML (``articleBodyHtml``); :func:`blocks_from_html`
reads that HTML back, which is what ``clean_article`` works on.
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

from newscrawl.extract.maintext import Segment, find_main_text
from newscrawl.extract.teaser import (
    HARD_MARKUP_KINDS,
    is_caption,
    markup_kind,
    normalize_text,
    phrase_reasons,
    word_count,
)

logger = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")
_MARKED = lxml.etree.XPath("//*[@class or @id or @role or @aria-label]")
_SKIP_TAGS = frozenset({"html", "body", "head", "main", "script", "style"})
PROSE_MIN_WORDS = 25


@dataclass
class Block:
    """One block of article text: a paragraph, heading, list, quote, table."""

    kind: str  # p, h2, h3, ul, ol, blockquote, pre, table
    text: str
    items: list[str] = field(default_factory=list)  # list items / table rows

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
    return _SPACE.sub(" ", text or "").strip()


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


def protected_elements(tree, selectors=None, *, roots=None) -> set:
    """Elements the page's structured data names as article text (hasPart):
    the matched elements, their ancestors and their descendants."""
    out: set = set()
    for el in roots if roots is not None else haspart_roots(tree, selectors):
        out.add(el)
        out.update(el.iterancestors())
        out.update(el.iterdescendants())
    return out


def strip_marked_chrome(
    tree, *, protected: set, captions_norm: list[str]
) -> tuple[list[Dropped], int]:
    """Remove chrome elements named by their markup and confirmed by their text.

    An element with a teaser phrase goes when less than half of its words are
    clean prose; a "hard" chrome mark (newsletter, cookie, share, related,
    promo) is enough when it holds no prose at all. A "soft" paywall mark alone
    never removes anything: such classes also sit on real paragraphs.

    Returns the removed elements and how many elements carry paywall marks.
    """
    dropped: list[Dropped] = []
    paywall_marks = 0
    for el in reversed(_MARKED(tree)):
        if el.tag in _SKIP_TAGS or not isinstance(el.tag, str) or el in protected:
            continue
        kind = _markup_kind(el)
        if kind is None or el.getparent() is None:
            continue
        paywall_marks += kind == "paywall"
        reason = _chrome_verdict(el, kind, captions_norm)
        if reason:
            dropped.append(Dropped(reason, clean_space(el.text_content()), "markup:" + kind))
            _remove(el)
    dropped.reverse()  # document order
    return dropped, paywall_marks


_KINDS: dict[tuple, str | None] = {}


def _markup_kind(el) -> str | None:
    """``teaser.markup_kind`` of the element's class/id/role/aria-label, memoised
    (pages repeat the same class strings many times)."""
    get = el.get
    key = (get("class"), get("id"), get("role"), get("aria-label"))
    try:
        return _KINDS[key]
    except KeyError:
        if len(_KINDS) > 20000:
            _KINDS.clear()
        kind = _KINDS[key] = markup_kind(" ".join(filter(None, key)))
        return kind


def _chrome_verdict(el, kind: str, captions_norm: list[str]) -> str | None:
    text = el.text_content()
    total = word_count(text)
    if total == 0:
        return kind if kind in HARD_MARKUP_KINDS else None
    reasons = phrase_reasons(text)
    prose = _prose_words(el, captions_norm, stop_at=total // 2 + 1)
    if reasons and prose * 2 < total:
        return reasons[0]
    if kind in HARD_MARKUP_KINDS and prose == 0:
        return kind
    return None


def _prose_words(el, captions_norm: list[str], stop_at: int) -> int:
    """Words in paragraphs that read as article prose (long, few links, no teaser)."""
    paragraphs = list(el.iter("p")) or [el]
    words = 0
    for p in paragraphs:
        text = p.text_content()
        n = word_count(text)
        if n < PROSE_MIN_WORDS:
            continue
        link_chars = sum(len(a.text_content()) for a in p.iter("a"))
        norm = normalize_text(text)
        if link_chars * 2 > len(text) or is_caption(norm, captions_norm):
            continue
        if phrase_reasons(norm, normalized=True):
            continue
        words += n
        if words >= stop_at:
            break
    return words


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
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# --- 2. main text --------------------------------------------------------------


def extract_blocks(
    tree,
    url: str,
    *,
    body_selector: str | None = None,
    protected_roots: set | None = None,
    method: list | None = None,
) -> list[Block]:
    """Main-text blocks of the (already de-chromed) tree.

    ``SiteRules.body_selector`` first; then our own one-pass extractor
    (``maintext.find_main_text``); trafilatura only when that one is not
    confident (little prose, no clear container). The method used is
    appended to ``method`` when given ("site-rule", "dom", "fallback").
    """
    method = method if method is not None else []
    if body_selector:
        try:
            found = tree.cssselect(body_selector)
        except (SelectorError, ValueError, TypeError):
            found = []
        if found:
            method.append("site-rule")
            return dom_blocks(found[0])
    main = find_main_text(tree, protected_roots)
    if main.confident:
        method.append("dom")
        return segment_blocks(main.segments)
    fallback = trafilatura_main_text(tree, url)
    if _words(fallback) > _words(blocks := segment_blocks(main.segments)):
        method.append("fallback")
        return fallback
    method.append("dom")
    return blocks


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
        node.tail = " " + (node.tail or "")
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
