"""Main text of a page in one pass over the parsed tree, without copying it.

:func:`segment` walks the tree once, in document order, and cuts its text
into *segments* at block-level elements (``p``, ``div``, ``li``, ``td``,
headings, ``br`` ...). Each segment knows its text, how much of it is link
text, and whether it sits in a region the markup names as chrome (comments,
sidebars, navigation, share bars ...). Every block-level element becomes a
candidate container; since segments come in document order, a container's
segments are one contiguous range, and its totals come from prefix sums.

:func:`find_main_text` scores each container by the prose it holds (long,
link-poor, sentence-like segments) minus a share of everything else (link
lists, short labels, chrome regions), with a bonus for article-like markup
(``itemprop=articleBody``, ``article``, ``story-body``, ``entry-content`` ...),
picks the best, drops link lists and chrome inside it, trims labels at its
edges, and returns the segments as :class:`MainText` with a confidence
flag; ``body.extract_blocks`` falls back to trafilatura when it is low.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Elements whose text is never article text.
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "canvas",
        "map",
        "head",
        "title",
        "button",
        "select",
        "option",
        "textarea",
        "input",
        "label",
        "nav",
        "aside",
        "figcaption",
        "menu",
        "dialog",
    }
)
# Elements that start and end a segment.
BLOCK_TAGS = frozenset(
    {
        "html",
        "body",
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "form",
        "fieldset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "figure",
        "center",
        "address",
        "hr",
        "br",
        "details",
        "summary",
    }
)
# Inline elements and the document root: their markup names no region.
_NO_HINT = frozenset(
    {"html", "body", "a", "span", "b", "i", "em", "strong", "font", "img", "small", "sup", "sub"}
)
_HEADINGS = {"h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
# Chrome regions: class/id tokens (split on - _ space and camelCase).
_NEGATIVE = re.compile(
    r"(?<![a-z0-9])(comments?|commentlist|disqus|respond|reply|replies|sidebar|side-bar"
    r"|widget|footer|foot|masthead|navbar|nav|navigation|menu|breadcrumbs?|related|relacionad"
    r"|recommended|recommendations|more-stories|most-read|most-popular|popular|trending"
    r"|share|sharing|social|sharebar|shariff|newsletter|promo|advert|advertisement|ads?|ad-slot"
    r"|banner|sponsor|sponsored|outbrain|taboola|cookie|consent|modal|popup|subscribe-box"
    r"|tags?|tag-list|keywords|author-bio|byline-bio|teaser-list|pagination|pager|print"
    r"|hidden|visually-hidden|sr-only|skip|toolbar|rating|poll|gallery-thumbs)(?![a-z0-9])"
)
_POSITIVE = re.compile(
    r"(?<![a-z0-9])(article-?body|articlebody|article-?text|article-?content|story-?body"
    r"|story-?text|story-?content|entry-?content|entry-?body|post-?body|post-?content"
    r"|post-?text|body-?text|text-?body|main-?text|news-?text|news-?body|content-?body"
    r"|articletext|storytext|bodytext|artikel|rich-?text|paywall|article|story|entry"
    r"|post|content|text|body|main)(?![a-z0-9])"
)
_STRONG_POSITIVE = re.compile(
    r"(?<![a-z0-9])(article-?body|articlebody|article-?text|article-?content|story-?body"
    r"|story-?text|story-?content|entry-?content|post-?body|post-?content|body-?text"
    r"|articletext|storytext|bodytext|news-?text|rich-?text)(?![a-z0-9])"
)
_COMMENTS = re.compile(
    r"(?<![a-z0-9])(comments?|commentlist|comment-list|disqus|respond|replies)(?![a-z0-9])"
)
STICKY = -2
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPACE = re.compile(r"\s+")
# Sentence ends in Latin, Arabic, CJK, Devanagari and Greek scripts.
_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4\u3002\uff01\uff1f\u0964;:\u00bb\"'\u201d)]\s*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"\w+")

PROSE_MIN_CHARS = 120  # a segment this long (and link-poor) reads as prose
PROSE_MIN_CHARS_SENTENCE = 40  # shorter prose must end like a sentence
LINK_DENSE = 0.5  # share of link text above which a segment is a link list
CHROME_WEIGHT = 1.0  # how much non-prose text inside a container costs
CONFIDENT_CHARS = 250  # prose characters below which the result is weak
SEGMENT_COST = 30  # each label, link or date counts as this many characters more
REGION_PAGE_SHARE = 0.5  # a chrome-named region with this share of the page's prose is not chrome
REGION_PROSE_CHARS = 400  # a chrome-named region with this much prose is article text


@dataclass
class Segment:
    """A run of text between two block-level boundaries."""

    text: str
    link_chars: int
    tag: str  # the block element that holds it
    owner: object  # that element (for list grouping)
    chrome: bool  # inside a region the markup names as chrome
    protected: bool = False  # inside a hasPart section (article text)
    prose: bool = False

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


@dataclass
class MainText:
    """The chosen segments and how sure the choice is."""

    segments: list[Segment] = field(default_factory=list)
    prose_chars: int = 0
    confident: bool = False
    container: object = None


class _Walker:
    """One recursive pass: segments, chrome regions and candidate containers."""

    def __init__(self, protected_roots: set):
        self.segments: list[Segment] = []
        self.candidates: list[tuple] = []  # (element, start, end, hint)
        self.regions: list[tuple] = []  # chrome regions: (start, end, sticky)
        self.protected_roots = protected_roots
        self._parts: list[str] = []
        self._links = 0
        self._owner = None
        self._protected = 0
        self._link_depth = 0

    def add(self, text: str) -> None:
        self._parts.append(text)
        if self._link_depth:
            self._links += len(text.strip())

    def flush(self) -> None:
        if not self._parts:
            return
        text = _SPACE.sub(" ", "".join(self._parts)).strip()
        links = self._links
        self._parts = []
        self._links = 0
        if not text:
            return
        owner = self._owner
        seg = Segment(
            text,
            min(links, len(text)),
            owner.tag if owner is not None else "div",
            owner,
            False,
            self._protected > 0,
        )
        seg.prose = is_prose(seg)
        self.segments.append(seg)

    def walk(self, el) -> None:
        tag = el.tag
        if not isinstance(tag, str):  # comment, processing instruction
            if el.tail:
                self.add(el.tail)
            return
        if tag in SKIP_TAGS or _hidden(el):
            if el.tail:
                self.add(el.tail)
            return
        if tag == "br" or tag == "hr":
            self.flush()
            if el.tail:
                self.add(el.tail)
            return
        block = tag in BLOCK_TAGS
        hint = 0
        if tag not in _NO_HINT and el.attrib:
            hint = _hint(el)
        protected = el in self.protected_roots
        if tag == "a":
            self._link_depth += 1
        self._protected += protected
        if block or hint < 0:
            self.flush()
            saved_owner = self._owner
            if block:
                self._owner = el
        start = len(self.segments)
        if el.text:
            self.add(el.text)
        for child in el:
            self.walk(child)
        if block or hint < 0:
            self.flush()
            self._owner = saved_owner
            end = len(self.segments)
            if block and end > start:
                self.candidates.append((el, start, end, hint))
            if hint < 0 and end > start:
                self.regions.append((start, end, hint == STICKY))
        self._protected -= protected
        if tag == "a":
            self._link_depth -= 1
        if el.tail:
            self.add(el.tail)


def _hidden(el) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style and "none" in style:
        style = style.replace(" ", "").lower()
        return "display:none" in style or "visibility:hidden" in style
    return False


def _hint(el) -> int:
    """+2 strong article markup, +1 article-like, 0 neither, -1 chrome region,
    -2 (STICKY) reader comments: chrome however much prose they hold."""
    get = el.get
    key = (el.tag, get("class"), get("id"), get("itemprop"), get("role"))
    hint = _HINTS.get(key)
    if hint is None:
        if len(_HINTS) > 20000:
            _HINTS.clear()
        hint = _HINTS[key] = _hint_of(*key)
    return hint


_HINTS: dict[tuple, int] = {}


def _hint_of(tag, cls, id_, itemprop, role) -> int:
    if itemprop == "articleBody":
        return 2
    if role in ("navigation", "complementary", "contentinfo", "banner", "menu", "dialog"):
        return -1
    attrs = " ".join(p for p in (cls, id_, itemprop) if p)
    if not attrs:
        return 1 if tag in ("article", "main") else 0
    low = _CAMEL.sub("-", attrs).lower().replace("_", "-")
    if _STRONG_POSITIVE.search(low):
        return 2
    if _COMMENTS.search(low):
        return STICKY
    if _NEGATIVE.search(low):
        return 0 if _POSITIVE.search(low) and tag in ("article", "main") else -1
    if _POSITIVE.search(low) or tag in ("article", "main"):
        return 1
    return 0


def is_prose(seg: Segment) -> bool:
    """Long or sentence-like, link-poor text (chrome regions aside)."""
    text = seg.text
    n = len(text)
    if seg.link_chars > n * LINK_DENSE or seg.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return False
    if _CJK.search(text[:40]):
        n *= 3  # one CJK character carries about a word
    if n >= PROSE_MIN_CHARS:
        return len(_WORD.findall(text)) >= 5 or n >= 3 * PROSE_MIN_CHARS
    return n >= PROSE_MIN_CHARS_SENTENCE and bool(_SENTENCE_END.search(text))


def segment(root, protected_roots: set | None = None) -> _Walker:
    """Walk ``root`` once; mark chrome regions (a region that is mostly
    prose is article text whatever its class says, reader comments aside)."""
    walker = _Walker(protected_roots or set())
    walker.walk(root)
    walker.flush()
    segments = walker.segments
    marks = [0] * (len(segments) + 1)
    page_prose = sum(len(s.text) for s in segments if s.prose)
    for start, end, sticky in walker.regions:
        if not sticky and _mostly_prose(segments[start:end], page_prose):
            continue
        marks[start] += 1
        marks[end] -= 1
    depth = 0
    for i, seg in enumerate(segments):
        depth += marks[i]
        if depth > 0:
            seg.chrome = True
            seg.prose = seg.prose and seg.protected
    return walker


def _mostly_prose(segments: list[Segment], page_prose: int) -> bool:
    """A region holding most of the page's prose, or mostly prose itself."""
    prose = sum(len(s.text) for s in segments if s.prose)
    if prose >= REGION_PAGE_SHARE * page_prose and prose >= REGION_PROSE_CHARS:
        return True
    total = sum(len(s.text) for s in segments)
    return prose >= REGION_PROSE_CHARS and prose >= 0.6 * total


def _score(prose: int, other: int, hint: int) -> float:
    bonus = {2: 1.5, 1: 1.1}.get(hint, 1.0)
    return (prose - CHROME_WEIGHT * other) * bonus


def _cost(seg: Segment) -> float:
    """What a non-prose segment (link list, label, chrome) costs the container."""
    return 0.0 if seg.prose else len(seg.text) + SEGMENT_COST


def find_main_text(root, protected_roots: set | None = None) -> MainText:
    """The main-text segments of ``root`` (see the module docstring)."""
    walker = segment(root, protected_roots)
    segments = walker.segments
    prose_sum = [0]
    other_sum = [0]
    for seg in segments:
        good = len(seg.text) - seg.link_chars if seg.prose else 0
        prose_sum.append(prose_sum[-1] + good)
        other_sum.append(other_sum[-1] + _cost(seg))
    best, best_score = None, 0.0
    for cand in walker.candidates:
        _el, start, end, hint = cand
        prose = prose_sum[end] - prose_sum[start]
        if not prose:
            continue
        score = _score(prose, other_sum[end] - other_sum[start], hint)
        if best is None or score > best_score:
            best, best_score = cand, score
    if best is None:
        return MainText(segments=[s for s in segments if s.protected])
    el, start, end = best[0], best[1], best[2]
    start, end = _extend_over_prose(segments, start, end)
    start, end = _cover_protected(segments, start, end)
    chosen = _select(segments, start, end)
    prose_chars = sum(len(s.text) - s.link_chars for s in chosen if s.prose)
    return MainText(chosen, prose_chars, prose_chars >= CONFIDENT_CHARS, el)


def _extend_over_prose(segments: list[Segment], start: int, end: int) -> tuple[int, int]:
    """Take in prose right next to the container (a lead or a last paragraph
    that the markup put one level off)."""
    while end < len(segments) and _long_prose(segments[end]):
        end += 1
    while start > 0 and _long_prose(segments[start - 1]):
        start -= 1
    return start, end


def _long_prose(seg: Segment) -> bool:
    return seg.prose and len(seg.text) >= PROSE_MIN_CHARS


def _cover_protected(segments, start: int, end: int) -> tuple[int, int]:
    idx = [i for i, s in enumerate(segments) if s.protected]
    if not idx:
        return start, end
    return min(start, idx[0]), max(end, idx[-1] + 1)


def _select(segments: list[Segment], start: int, end: int) -> list[Segment]:
    """Segments of the range that are article text, edges trimmed."""
    kept = []
    for seg in segments[start:end]:
        if seg.protected:
            kept.append(seg)
            continue
        if seg.chrome or seg.tag == "h1":
            continue
        if seg.link_chars > len(seg.text) * LINK_DENSE:
            continue
        kept.append(seg)
    # labels, datelines and link stubs before the first / after the last prose
    first = next((i for i, s in enumerate(kept) if s.prose or s.protected), None)
    if first is None:
        return []
    last = max(i for i, s in enumerate(kept) if s.prose or s.protected)
    lead = [s for s in kept[:first] if _keeps_at_edge(s)]
    tail = [s for s in kept[last + 1 :] if _keeps_at_edge(s)]
    return lead + kept[first : last + 1] + tail


def _keeps_at_edge(seg: Segment) -> bool:
    return seg.tag in _HEADINGS and len(seg.text) >= 20
