"""Chrome named by markup, confirmed by text.

An element whose class, id, role or ARIA label carries a chrome token
(``teaser.markup_kind``: paywall prompts, newsletter boxes, share bars,
related lists, cookie notices, promos) is chrome only when its text agrees:

- it has a teaser phrase and less than half of its words are clean prose
  paragraphs (>= ``PROSE_MIN_WORDS`` words, few links, no teaser phrase, not
  an image caption), or
- its token is a *hard* one (newsletter, cookie, share, related, promo) and
  it holds no prose at all.

A *soft* token (paywall, subscri..., premium, meter ...) alone never makes an
element chrome: such classes also sit on real paragraphs.

The main-text walk (``maintext``) judges block elements from the segments it
has already cut (no second pass over their text); :func:`element_verdict`
judges small inline elements and elements in skipped subtrees from the DOM.
"""

from __future__ import annotations

import lxml.etree

from newscrawl.extract.teaser import (
    HARD_MARKUP_KINDS,
    is_caption,
    normalize_text,
    phrase_reasons,
    word_count,
)

PROSE_MIN_WORDS = 25
# Elements never removed as chrome, whatever their class says.
NEVER_CHROME = frozenset({"html", "body", "head", "main", "script", "style"})
MARKED = lxml.etree.XPath("descendant-or-self::*[@class or @id or @role or @aria-label]")


def chrome_reason(kind: str, total: int, prose: int, text) -> str | None:
    """Why an element of markup ``kind`` is chrome, or None.

    ``total`` words in it, ``prose`` words of them in prose paragraphs (may
    stop counting past half of ``total``), ``text()`` gives its text (only
    called when the phrases can decide).
    """
    if total == 0:
        return kind if kind in HARD_MARKUP_KINDS else None
    if prose * 2 >= total:
        return None
    reasons = phrase_reasons(text())
    if reasons:
        return reasons[0]
    if kind in HARD_MARKUP_KINDS and prose == 0:
        return kind
    return None


def paragraph_prose_words(text: str, link_chars: int, captions_norm: list[str]) -> int:
    """Words of one paragraph when it reads as article prose, else 0."""
    n = word_count(text)
    if n < PROSE_MIN_WORDS or link_chars * 2 > len(text):
        return 0
    norm = normalize_text(text)
    if is_caption(norm, captions_norm) or phrase_reasons(norm, normalized=True):
        return 0
    return n


def element_verdict(el, kind: str, captions_norm: list[str]) -> str | None:
    """:func:`chrome_reason` of one element, read from its DOM subtree."""
    text = el.text_content()
    total = word_count(text)
    if total == 0:
        return chrome_reason(kind, 0, 0, lambda: text)
    stop_at = total // 2 + 1
    prose = 0
    for p in list(el.iter("p")) or [el]:
        ptext = p.text_content()
        links = sum(len(a.text_content()) for a in p.iter("a"))
        prose += paragraph_prose_words(ptext, links, captions_norm)
        if prose >= stop_at:
            break
    return chrome_reason(kind, total, prose, lambda: text)
