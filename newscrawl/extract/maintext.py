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
flag; ``body.body_blocks`` falls back to trafilatura when it is low.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate

import lxml.etree

from newscrawl.extract.chrome import (
    MARKED,
    NEVER_CHROME,
    PROSE_MIN_WORDS,
    chrome_reason,
    element_verdict,
    paragraph_prose_words,
)
from newscrawl.extract.teaser import (
    MARKUP_KINDS,
    ahocorasick,
    classify_text,
    is_rights_notice,
    markup_kind_folded,
    pattern_strings,
    says_text_continues,
    word_count,
)

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
# Chrome regions: class/id tokens (split on - _ space and camelCase). Each
# list is a finite set of words (literals, alternatives, optional parts: see
# ``_AttributeWords``), matched between word boundaries.
_NEGATIVE_WORDS = (
    r"comments?|commentlist|disqus|respond|reply|replies|sidebar|side-bar"
    r"|widget|footer|foot|masthead|navbar|nav|navigation|menu|breadcrumbs?|related|relacionad"
    r"|recommended|recommendations|more-stories|most-read|most-popular|popular|trending"
    r"|share|sharing|social|sharebar|shariff|newsletter|promo|advert|advertisement|ads?|ad-slot"
    r"|banner|sponsor|sponsored|outbrain|taboola|cookie|consent|modal|popup|subscribe-box"
    r"|tags?|tag-list|keywords|author-bio|byline-bio|teaser-list|pagination|pager|print"
    r"|hidden|visually-hidden|sr-only|skip|toolbar|rating|poll|gallery-thumbs"
)
_POSITIVE_WORDS = (
    r"article-?body|articlebody|article-?text|article-?content|story-?body"
    r"|story-?text|story-?content|entry-?content|entry-?body|post-?body|post-?content"
    r"|post-?text|body-?text|text-?body|main-?text|news-?text|news-?body|content-?body"
    r"|articletext|storytext|bodytext|artikel|rich-?text|paywall|article|story|entry"
    r"|post|content|text|body|main"
)
_STRONG_POSITIVE_WORDS = (
    r"article-?body|articlebody|article-?text|article-?content|story-?body"
    r"|story-?text|story-?content|entry-?content|post-?body|post-?content|body-?text"
    r"|articletext|storytext|bodytext|news-?text|rich-?text"
)
_COMMENTS_WORDS = r"comments?|commentlist|comment-list|disqus|respond|replies"
# Date and byline marks for the metadata step (``Page.marked``): anywhere in
# the lower-cased value, no word boundary needed ("pubdate", "entry-author").
DATE_MARK_WORDS = r"date|publish|timestamp"
BYLINE_MARK_WORDS = r"byline|author"


def _words_re(words: str) -> re.Pattern:
    return re.compile(rf"(?<![a-z0-9])({words})(?![a-z0-9])")


_NEGATIVE = _words_re(_NEGATIVE_WORDS)
_POSITIVE = _words_re(_POSITIVE_WORDS)
_STRONG_POSITIVE = _words_re(_STRONG_POSITIVE_WORDS)
_COMMENTS = _words_re(_COMMENTS_WORDS)
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
PLAIN_ITEM_COST = 0.5  # share of its length that a list item without links costs


@dataclass(slots=True)
class Segment:
    """A run of text between two block-level boundaries."""

    text: str
    link_chars: int
    tag: str  # the block element that holds it
    owner: object  # that element (for list grouping)
    chrome: bool  # inside a region the markup names as chrome
    protected: bool = False  # inside a hasPart section (article text)
    prose: bool = False
    removed: bool = False  # inside an element judged markup chrome
    words: int = -1  # word count, filled when the chrome check needs it
    prose_words: int = -1  # words when it reads as prose to the chrome check

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


@dataclass
class MainText:
    """The chosen segments, how sure the choice is, and the markup chrome dropped."""

    segments: list[Segment] = field(default_factory=list)
    prose_chars: int = 0
    confident: bool = False
    container: object = None
    dropped: list[tuple] = field(default_factory=list)  # (reason, text, stage), page order
    dropped_elements: list = field(default_factory=list)
    paywall_marks: int = 0  # elements carrying paywall class/id tokens
    text_after: list[str] = field(default_factory=list)  # short texts after the main text
    # elements whose class or id names a date or byline mark (``Page.marked``)
    marked: list = field(default_factory=list)


# Skipped elements whose text and markup never matter (not even as chrome).
_OPAQUE = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "head", "title", "iframe"}
)


# How the walk treats each tag (one dict lookup): inline is the default.
_INLINE, _BLOCK, _LINK, _BREAK, _SKIP = range(5)
_TAG_KIND = {
    **{tag: _BLOCK for tag in BLOCK_TAGS},
    **{tag: _SKIP for tag in SKIP_TAGS},
    "a": _LINK,
    "br": _BREAK,
    "hr": _BREAK,
}
# Attributes _classify reads, and those that can hide an element.
_NO_HINT_ATTRS = frozenset({"class", "id", "itemprop", "role", "aria-label"})
_HIDING_ATTRS = frozenset({"hidden", "style"})
# _classify's answer for an element with none of its attributes.
_BARE_HINT = {"article": 1, "main": 1}


class _Walker:
    """One pass over the tree: segments, chrome regions, candidate containers
    and markup-chrome candidates (judged after the walk, from the segments)."""

    def __init__(self, protected_roots: set, protected: set, captions_norm: list[str]):
        self.segments: list[Segment] = []
        self.candidates: list[tuple] = []  # (element, start, end, hint)
        self.regions: list[tuple] = []  # chrome-named regions: (start, end, sticky)
        self.marked: list[tuple] = []  # (element, kind, start, end, skip_lo, skip_hi)
        self.skipped: list[list] = []  # [text, alive] of skipped elements in marked ones
        self.dropped: list[tuple] = []  # (position, reason, text, stage, element)
        # elements whose class or id names a date or byline mark, in document order
        self.mark_elements: list = []
        self.paywall_marks = 0
        self.headline_at: int | None = None  # the segment showing the page's headline
        self.protected_roots = protected_roots
        self.protected = protected
        self.captions_norm = captions_norm
        self._in_marked = 0

    def run(self, root) -> None:
        """Walk ``root`` in document order (hot loop: lxml's ``iterwalk``
        gives the start and end of each element, state lives in local
        variables, one dict lookup sorts each tag, attribute names are read
        once)."""
        segments = self.segments
        candidates = self.candidates
        regions = self.regions
        marked = self.marked
        skipped = self.skipped
        mark_elements = self.mark_elements
        roots = self.protected_roots
        tag_kind = _TAG_KIND.get
        classify = _classify
        no_hint_attrs = _NO_HINT_ATTRS.isdisjoint
        no_hiding_attrs = _HIDING_ATTRS.isdisjoint
        parts: list[str] = []
        links = 0  # characters of link text in ``parts``
        owner = None  # the block element the text in ``parts`` belongs to
        protected = 0  # depth of hasPart roots around the walk
        link_depth = 0
        # one entry per open element: None, or what its end must undo
        # (boundary, is_root, is_link, saved_owner, start, skip_lo, kind, hint)
        opened: list = []
        push = opened.append
        pop = opened.pop
        flush = self._flush
        walker = lxml.etree.iterwalk(root, events=("start", "end", "comment", "pi"))
        skip_subtree = walker.skip_subtree
        for event, el in walker:
            if event == "start":
                tag = el.tag
                sort = tag_kind(tag, _INLINE)
                if sort is _SKIP:
                    self.skip(el)
                    skip_subtree()
                    push(None)
                    continue
                keys = el.keys()
                if keys and not no_hiding_attrs(keys) and _hidden(el):
                    self.skip(el)
                    skip_subtree()
                    push(None)
                    continue
                if sort is _BREAK:
                    if parts:
                        flush(parts, links, owner, protected)
                        links = 0
                    if keys and _class_id_marks(el):
                        mark_elements.append(el)
                    skip_subtree()
                    push(None)
                    continue
                hint = 0
                kind = None
                if keys:
                    if no_hint_attrs(keys):  # href, src ...: no class, id, role ...
                        hint = _BARE_HINT.get(tag, 0)
                    else:
                        hint, kind, marks = classify(el, tag, keys)
                        if marks:
                            mark_elements.append(el)
                        if kind is not None:
                            kind = self._chrome_kind(el, tag, hint, kind, len(segments))
                            if kind == "":  # an inline element judged chrome, gone
                                if len(el):
                                    self._marks_below(el)
                                skip_subtree()
                                push(None)
                                continue
                block = sort is _BLOCK
                is_root = bool(roots) and el in roots
                is_link = sort is _LINK
                if is_root:
                    protected += 1
                if is_link:
                    link_depth += 1
                if block or hint < 0 or kind is not None:
                    if parts:
                        flush(parts, links, owner, protected)
                        links = 0
                    push((True, is_root, is_link, owner, len(segments), len(skipped), kind, hint))
                    if block:
                        owner = el
                    if kind is not None:
                        self._in_marked += 1
                elif is_root or is_link:
                    push((False, is_root, is_link))
                else:
                    push(None)
                text = el.text
                if text and (parts or not text.isspace()):
                    parts.append(text)
                    if link_depth:
                        links += len(text.strip())
                continue
            if event == "end":
                state = pop()
                if state is not None:
                    if state[0]:
                        _, is_root, is_link, saved_owner, start, skip_lo, kind, hint = state
                        if parts:
                            flush(parts, links, owner, protected)
                            links = 0
                        end = len(segments)
                        if end > start:
                            if owner is el:
                                candidates.append((el, start, end, hint))
                            if hint < 0:
                                regions.append((start, end, hint == STICKY))
                        owner = saved_owner
                        if kind is not None:
                            self._in_marked -= 1
                            marked.append((el, kind, start, end, skip_lo, len(skipped)))
                    else:
                        is_root, is_link = state[1], state[2]
                    if is_root:
                        protected -= 1
                    if is_link:
                        link_depth -= 1
            # the end of an element, a comment or a processing instruction
            tail = el.tail
            if tail and (parts or not tail.isspace()):  # leading blanks never count
                parts.append(tail)
                if link_depth:
                    links += len(tail.strip())
        if parts:
            flush(parts, links, owner, protected)

    def _flush(self, parts: list[str], links: int, owner, protected: int) -> None:
        """Close the text gathered in ``parts`` (``links`` characters of it
        link text) as one segment of block ``owner``; empties ``parts``."""
        joined = "".join(parts)
        parts.clear()
        if joined.isspace():
            return
        text = " ".join(joined.split())
        if text:
            if links > len(text):
                links = len(text)
            tag = owner.tag if owner is not None else "div"
            prose = is_prose(text, links, tag)
            self.segments.append(Segment(text, links, tag, owner, False, protected > 0, prose))

    def _chrome_kind(self, el, tag: str, hint: int, kind: str, position: int) -> str | None:
        """The markup-chrome kind to judge after the walk (block elements), ""
        when an inline element is judged chrome right away, None otherwise."""
        if tag in NEVER_CHROME or (self.protected and el in self.protected):
            return None
        self.paywall_marks += kind == "paywall"
        if tag in BLOCK_TAGS or hint < 0:
            return kind
        reason = element_verdict(el, kind, self.captions_norm)
        if reason is None:
            return None
        self._drop(reason, el.text_content(), kind, el, position)
        return ""

    def _drop(self, reason: str, text: str, kind: str, el, position: int) -> None:
        self.dropped.append((position, reason, _SPACE.sub(" ", text).strip(), "markup:" + kind, el))

    def skip(self, el) -> None:
        """An element whose text is never article text: judge the chrome marks
        inside it (prompts there still tell of a paywall), note its date and
        byline marks. Of the ``_OPAQUE`` elements only those holding page
        markup are searched for marks (``_MARKUP_HOLDERS``: a ``<meta
        class="author" content=...>`` in the head, a byline in a
        ``noscript``); code, styles, drawings and frames name none."""
        if el.tag in _MARKUP_HOLDERS:
            self.mark_elements += filter(_class_id_marks, MARKED(el))
        elif el.tag not in _OPAQUE:
            self_dropped = False
            if len(el):
                found = MARKED(el)
            else:  # a leaf (input, button, label ...): no search
                found = [el] if not _MARK_ATTRS.isdisjoint(el.keys()) else ()
            judged = [(marked, *_kind_and_marks(marked)) for marked in found]
            self.mark_elements += [marked for marked, _kind, marks in judged if marks]
            for marked, kind, _marks in reversed(judged):
                if kind is None or marked.tag in NEVER_CHROME:
                    continue
                if self.protected and marked in self.protected:
                    continue
                self.paywall_marks += kind == "paywall"
                reason = element_verdict(marked, kind, self.captions_norm)
                if reason:
                    self._drop(reason, marked.text_content(), kind, marked, len(self.segments))
                    self_dropped = self_dropped or marked is el
            if self._in_marked and not self_dropped:
                self.skipped.append([el.text_content(), True])

    def _marks_below(self, el) -> None:
        """Note the date and byline marks below ``el``, an inline element
        judged chrome whose subtree the walk does not enter."""
        self.mark_elements += filter(_class_id_marks, _CLASS_OR_ID_BELOW(el))

    def judge_marked(self) -> None:
        """Judge every markup-chrome candidate from its segments, innermost first."""
        for el, kind, start, end, skip_lo, skip_hi in self.marked:
            segs = [s for s in self.segments[start:end] if not s.removed]
            skipped = [s for s in self.skipped[skip_lo:skip_hi] if s[1]]
            if not segs and not skipped:
                continue
            total = sum(_seg_words(s) for s in segs) + sum(word_count(s[0]) for s in skipped)
            prose = self._prose_words(segs, skipped, total // 2 + 1)

            def text(segs=segs, skipped=skipped):
                return " ".join([s.text for s in segs] + [s[0] for s in skipped])

            reason = chrome_reason(kind, total, prose, text)
            if reason is None:
                continue
            for s in segs:
                s.removed = True
            for s in skipped:
                s[1] = False
            self._drop(reason, text(), kind, el, position=start)

    def _prose_words(self, segs: list[Segment], skipped: list, stop_at: int) -> int:
        """Words in paragraphs that read as article prose (see ``chrome``)."""
        paragraphs = [s for s in segs if s.tag == "p"]
        if not paragraphs:
            text = " ".join([s.text for s in segs] + [s[0] for s in skipped])
            links = sum(s.link_chars for s in segs)
            return paragraph_prose_words(text, links, self.captions_norm)
        words = 0
        i = 0
        while i < len(paragraphs):
            seg = paragraphs[i]
            j = i + 1
            while j < len(paragraphs) and paragraphs[j].owner is seg.owner:
                j += 1
            if j == i + 1:
                words += _seg_prose_words(seg, self.captions_norm)
            else:
                group = paragraphs[i:j]
                text = " ".join(s.text for s in group)
                links = sum(s.link_chars for s in group)
                words += paragraph_prose_words(text, links, self.captions_norm)
            if words >= stop_at:
                break
            i = j
        return words


def _seg_words(seg: Segment) -> int:
    if seg.words < 0:
        seg.words = word_count(seg.text)
    return seg.words


def _seg_prose_words(seg: Segment, captions_norm: list[str]) -> int:
    """``chrome.paragraph_prose_words`` of one segment, memoised on it."""
    if seg.prose_words < 0:
        if len(seg.text) < 2 * PROSE_MIN_WORDS or _seg_words(seg) < PROSE_MIN_WORDS:
            seg.prose_words = 0
        else:
            seg.prose_words = paragraph_prose_words(seg.text, seg.link_chars, captions_norm)
    return seg.prose_words


def _classify(el, tag: str, keys: list) -> tuple[int, str | None, int]:
    """(main-text hint, markup-chrome kind, date/byline mark flags of its
    class and id) of an element with attributes, from its attribute values
    (each classified once, ``_value``). Most elements name a class or an id
    only: two attribute reads."""
    get = el.get
    cls = get("class")
    id_ = get("id")
    flags, kind = (_VALUES.get(cls) or _value(cls)) if cls else _NOTHING
    if id_:
        id_flags, id_kind = _VALUES.get(id_) or _value(id_)
        flags |= id_flags
        kind = kind or id_kind
    if _NO_RARE_ATTRS(keys):
        hint = _hint(tag, flags) if tag in _TAG_HINTS else _FLAG_HINTS[flags & _HINT_FLAGS]
        return hint, kind, flags & _MARKS
    marks = flags & _MARKS
    itemprop = get("itemprop")
    role = get("role")
    aria = get("aria-label")
    if itemprop:
        flags |= _value(itemprop)[0]
    for value in (role, aria):
        if value and kind is None:
            kind = _value(value)[1]
    if tag in _NO_HINT:
        return 0, kind, marks
    if itemprop == "articleBody":
        return 2, kind, marks
    if role in _CHROME_ROLES:
        return -1, kind, marks
    return _hint(tag, flags), kind, marks


def _class_id_marks(el) -> int:
    """The date/byline mark flags of an element's class and id values."""
    return _kind_and_marks(el)[1]


def _hint(tag: str, flags: int) -> int:
    """The main-text hint of an element from its class/id/itemprop token flags."""
    if tag in _NO_HINT:
        return 0
    if flags & _STRONG:
        return 2
    if flags & _COMMENT:
        return STICKY
    if flags & _NEG:
        return 0 if flags & _POS and tag in ("article", "main") else -1
    if flags & _POS or tag in ("article", "main"):
        return 1
    return 0


def _markup_kind(el) -> str | None:
    """The markup-chrome kind (``teaser.markup_kind``) an element's class, id,
    role or aria-label names: the first among their tokens, from the memoised
    attribute values."""
    return _kind_and_marks(el)[0]


def _kind_and_marks(el) -> tuple[str | None, int]:
    """``_markup_kind`` of an element and the date/byline mark flags of its
    class and id (``_class_id_marks``), from one read of each value: what
    ``_classify`` answers for an inline element, which names no region."""
    _hint, kind, marks = _classify(el, "span", el.keys())
    return kind, marks


_CLASS_OR_ID_BELOW = lxml.etree.XPath("descendant::*[@class or @id]")
_MARKUP_HOLDERS = frozenset({"head", "noscript", "template"})
_MARK_ATTRS = frozenset({"class", "id", "role", "aria-label"})  # what chrome.MARKED looks for
_NOTHING = (0, None)
_NO_RARE_ATTRS = frozenset({"itemprop", "role", "aria-label"}).isdisjoint
_CHROME_ROLES = frozenset(
    {"navigation", "complementary", "contentinfo", "banner", "menu", "dialog"}
)
_VALUES: dict[str, tuple[int, str | None]] = {}
_STRONG, _COMMENT, _NEG, _POS = 1, 2, 4, 8
_HINT_FLAGS = _STRONG | _COMMENT | _NEG | _POS
# ``_hint`` of every flag combination for the tags it does not single out.
_TAG_HINTS = _NO_HINT | {"article", "main"}
_FLAG_HINTS = tuple(_hint("div", flags) for flags in range(_HINT_FLAGS + 1))
DATE_MARK, BYLINE_MARK = 16, 32  # flags of values naming a date or byline mark
_MARKS = DATE_MARK | BYLINE_MARK
DATE_MARK_RE = re.compile(DATE_MARK_WORDS)
BYLINE_MARK_RE = re.compile(BYLINE_MARK_WORDS)


def _marks_by_regex(low: str) -> int:
    """The mark flags of a lower-cased value."""
    return (DATE_MARK if DATE_MARK_RE.search(low) else 0) | (
        BYLINE_MARK if BYLINE_MARK_RE.search(low) else 0
    )


def _value(value: str) -> tuple[int, str | None]:
    """(hint and mark flags, first markup-chrome kind) of one class, id,
    itemprop, role or aria-label value, memoised (see ``_AttributeWords``)."""
    found = _VALUES.get(value)
    if found is None:
        if len(_VALUES) > 50000:
            _VALUES.clear()
        folded = value if value.islower() else _CAMEL.sub("-", value).lower()
        found = _classify_folded(folded)
        if len(folded) != len(value):  # camel-split: marks read the value unsplit
            found = (found[0] & ~_MARKS | _marks_by_regex(value.lower()), found[1])
        _VALUES[value] = found
    return found


def _value_by_regex(folded: str) -> tuple[int, str | None]:
    """What ``_AttributeWords.classify`` answers, by regular expressions: the
    reference it is tested against, and the fallback without pyahocorasick.

    The whole value is searched at once: no pattern spans a space and each
    starts at a word boundary, so a search of the value finds what a search
    of each token would, and its first markup kind is the first token's.
    Every strong token is also a positive one and every comments token a
    negative one, so those two patterns are tried only after the broader one
    matched."""
    low = folded.replace("_", "-")
    flags = _marks_by_regex(folded)
    if _POSITIVE.search(low):
        flags |= _POS | _STRONG * bool(_STRONG_POSITIVE.search(low))
    if _NEGATIVE.search(low):
        flags |= _NEG | _COMMENT * bool(_COMMENTS.search(low))
    return flags, markup_kind_folded(folded)


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


class _AttributeWords:
    """Classifies a class/id/role value (camel-split, lower-cased) by one
    automaton pass: every word of the hint lists and markup kinds is a key.

    A hint word counts between word boundaries (no ``[a-z0-9]`` either side)
    in the value with "_" read as "-"; a markup word needs the boundary before
    it only, in the value as it is, and the leftmost one names the kind (at
    one position, the first kind in ``MARKUP_KINDS`` order), as
    ``teaser.markup_kind_folded`` finds it; a date or byline mark word
    counts anywhere. The same answers as
    ``_value_by_regex``, without a regex search per pattern: a value costs
    one pass whatever the number of words (most values hold none).
    """

    def __init__(self) -> None:
        keys: dict[str, list] = {}  # word -> [hint flags, markup kind rank, mark flags]
        for words, flag in (
            (_POSITIVE_WORDS, _POS),
            (_STRONG_POSITIVE_WORDS, _STRONG),
            (_NEGATIVE_WORDS, _NEG),
            (_COMMENTS_WORDS, _COMMENT),
        ):
            for word in pattern_strings(words):
                keys.setdefault(word, [0, None, 0])[0] |= flag
        self.kinds = list(MARKUP_KINDS)
        for rank, words in enumerate(MARKUP_KINDS.values()):
            for word in pattern_strings(words):
                entry = keys.setdefault(word, [0, None, 0])
                if entry[1] is None:
                    entry[1] = rank
        for words, flag in ((DATE_MARK_WORDS, DATE_MARK), (BYLINE_MARK_WORDS, BYLINE_MARK)):
            for word in pattern_strings(words):
                keys.setdefault(word, [0, None, 0])[2] |= flag
        self.automaton = ahocorasick.Automaton()
        for word, (flags, rank, marks) in keys.items():
            self.automaton.add_word(word, (len(word), flags, rank, marks))
        self.automaton.make_automaton()

    def classify(self, folded: str) -> tuple[int, str | None]:
        if "_" in folded:  # hint words read "_" as "-", markup and mark words do not
            flags, kind = self._scan(folded)
            return self._scan(folded.replace("_", "-"))[0] & ~_MARKS | flags & _MARKS, kind
        return self._scan(folded)

    def _scan(self, text: str) -> tuple[int, str | None]:
        flags = 0
        kind_at = -1
        kind_rank = 0
        last = len(text) - 1
        word_chars = _WORD_CHARS
        for end, (length, word_flags, rank, marks) in self.automaton.iter(text):
            if marks:  # a mark word needs no boundary
                flags |= marks
            start = end - length + 1
            if start and text[start - 1] in word_chars:
                continue
            if word_flags and (end == last or text[end + 1] not in word_chars):
                flags |= word_flags
            if rank is not None and (
                kind_at < 0 or start < kind_at or (start == kind_at and rank < kind_rank)
            ):
                kind_at, kind_rank = start, rank
        return flags, (self.kinds[kind_rank] if kind_at >= 0 else None)


# A camel-split, lower-cased value -> (hint flags, markup kind).
_classify_folded = _AttributeWords().classify if ahocorasick is not None else _value_by_regex


def _hidden(el) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style and "none" in style:
        style = style.replace(" ", "").lower()
        return "display:none" in style or "visibility:hidden" in style
    return False


def is_prose(text: str, link_chars: int, tag: str) -> bool:
    """Long or sentence-like, link-poor text (chrome regions aside) in a
    block element ``tag``, ``link_chars`` of it link text."""
    n = len(text)
    if link_chars > n * LINK_DENSE or tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return False
    head = text[:40]
    if not head.isascii() and _CJK.search(head):
        n *= 3  # one CJK character carries about a word
    if n >= PROSE_MIN_CHARS:
        # the length test first: counting the words of a long text costs
        return n >= 3 * PROSE_MIN_CHARS or len(_WORD.findall(text)) >= 5
    return n >= PROSE_MIN_CHARS_SENTENCE and bool(_SENTENCE_END.search(text))


def segment(
    root,
    protected_roots: set | None = None,
    *,
    protected: set | None = None,
    captions_norm: list[str] | None = None,
    headline: str | None = None,
) -> _Walker:
    """Walk ``root`` once; drop markup chrome whose text agrees (``chrome``);
    mark chrome regions (a region that is mostly prose is article text
    whatever its class says, and so is one that shows the page's
    ``headline``; reader comments aside)."""
    walker = _Walker(protected_roots or set(), protected or set(), captions_norm or [])
    walker.run(root)
    if walker.marked:
        walker.judge_marked()
        _compact(walker)
    segments = walker.segments
    walker.headline_at = _headline_index(segments, headline, walker.regions)
    marks = [0] * (len(segments) + 1)
    regions = _RegionJudge(walker)
    for start, end, sticky in walker.regions:
        if not sticky and regions.is_text(start, end):
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


class _RegionJudge:
    """Decides whether a chrome-named region is article text all the same:
    it is when it shows the page's headline, or when it is mostly prose
    (``_mostly_prose``), except

    - a page footer below the headline (blog footers with disclosures and
      policies hold more prose than a short post), and
    - a region named by chrome tokens only inside an article-body element
      that has prose of its own before it (a promo slideshow of teasers
      with summaries inside the story's body).
    """

    def __init__(self, walker: _Walker):
        self.segments = walker.segments
        self.page_prose = sum(len(s.text) for s in self.segments if s.prose)
        self.at = walker.headline_at
        candidates = walker.candidates
        self.bodies = [(start, end) for _el, start, end, hint in candidates if hint == 2]
        self.named = {(start, end): el for el, start, end, hint in candidates if hint < 0}
        self.prose_sum: list[int] = []  # prose characters before each segment (when needed)

    def is_text(self, start: int, end: int) -> bool:
        at = self.at
        if at is not None:
            if start <= at < end:
                return True
            if start > at and self._is_footer(start, end):
                return False
        if self.bodies and self._body_prose_before(start, end) and self._plain(start, end):
            return False
        return _mostly_prose(self.segments[start:end], self.page_prose)

    def _is_footer(self, start: int, end: int) -> bool:
        el = self.named.get((start, end))
        return el is not None and (el.tag == "footer" or _names(el, _FOOTER))

    def _plain(self, start: int, end: int) -> bool:
        """Named by chrome tokens only (no article-like token beside them)."""
        el = self.named.get((start, end))
        return el is not None and not _names(el, _POSITIVE)

    def _body_prose_before(self, start: int, end: int) -> bool:
        prose_sum = self.prose_sum
        for body_start, body_end in self.bodies:
            if body_start < start and end <= body_end:
                if not prose_sum:
                    prose_sum.append(0)
                    for seg in self.segments:
                        prose_sum.append(prose_sum[-1] + (len(seg.text) if seg.prose else 0))
                if prose_sum[start] - prose_sum[body_start] >= REGION_PROSE_CHARS:
                    return True
        return False


def _names(el, pattern: re.Pattern) -> bool:
    """Whether a class or id token of ``el`` matches ``pattern``."""
    for value in (el.get("class"), el.get("id")):
        if value and pattern.search(_CAMEL.sub("-", value).lower().replace("_", "-")):
            return True
    return False


_FOOTER = re.compile(r"(?<![a-z0-9])(footer|foot)(?![a-z0-9])")


def _compact(walker: _Walker) -> None:
    """Forget segments judged markup chrome; renumber candidates and regions."""
    segments = walker.segments
    if not any(s.removed for s in segments):
        return
    new_index = [0]
    for seg in segments:
        new_index.append(new_index[-1] + (not seg.removed))
    walker.segments = [s for s in segments if not s.removed]
    walker.candidates = [
        (el, new_index[start], new_index[end], hint)
        for el, start, end, hint in walker.candidates
        if new_index[end] > new_index[start]
    ]
    walker.regions = [
        (new_index[start], new_index[end], sticky)
        for start, end, sticky in walker.regions
        if new_index[end] > new_index[start]
    ]


def _mostly_prose(segments: list[Segment], page_prose: int) -> bool:
    """A region holding most of the page's prose, or mostly prose itself."""
    prose = sum(len(s.text) for s in segments if s.prose)
    if prose >= REGION_PAGE_SHARE * page_prose and prose >= REGION_PROSE_CHARS:
        return True
    total = sum(len(s.text) for s in segments)
    return prose >= REGION_PROSE_CHARS and prose >= 0.6 * total


def _score(prose: int, other: int, hint: int | None) -> float:
    bonus = {2: 1.5, 1: 1.1}.get(hint, 1.0)
    return (prose - CHROME_WEIGHT * other) * bonus


def _cost(seg: Segment) -> float:
    """What a non-prose segment (link list, label, chrome) costs the container;
    a list item without links (a step, a title, a point of the story's own
    list) costs a share of its length only."""
    if seg.prose:
        return 0.0
    if seg.tag == "li" and not seg.link_chars and not seg.chrome:
        return len(seg.text) * PLAIN_ITEM_COST
    return len(seg.text) + SEGMENT_COST


def find_main_text(
    root,
    protected_roots: set | None = None,
    *,
    protected: set | None = None,
    captions_norm: list[str] | None = None,
    sd_body: str | None = None,
    headline: str | None = None,
) -> MainText:
    """The main-text segments of ``root`` (see the module docstring).

    ``headline``: the article's headline (metadata); the text that follows
    it on the page is preferred to prose far away from it.

    ``sd_body``: the page's structured-data ``articleBody``; when it is long
    and the page's text agrees with it, it checks the container choice.

    ``protected_roots``: hasPart section elements; ``protected``: those, their
    ancestors and descendants (never markup chrome); ``captions_norm``:
    normalised image captions (never prose to the chrome check).
    """
    walker = segment(
        root, protected_roots, protected=protected, captions_norm=captions_norm, headline=headline
    )
    found = _choose(walker, sd_body if sd_body and len(sd_body) >= SD_BODY_MIN_CHARS else None)
    dropped = sorted(walker.dropped, key=lambda d: d[0])
    found.dropped = [(reason, text, stage) for _pos, reason, text, stage, _el in dropped]
    found.dropped_elements = [d[4] for d in dropped]
    found.paywall_marks = walker.paywall_marks
    found.text_after = _text_after(walker.segments, found.segments)
    found.marked = walker.mark_elements
    return found


TEXT_AFTER_SEGMENTS = 4  # how far past the main text a paywall prompt is looked for


def _text_after(segments: list[Segment], chosen: list[Segment]) -> list[str]:
    """Short texts right after the main text (where a wall prompt sits when
    its markup says nothing), for the access decision only."""
    if not chosen:
        return []
    last = chosen[-1]
    index = next((i for i in range(len(segments) - 1, -1, -1) if segments[i] is last), None)
    if index is None:
        return []
    after = segments[index + 1 : index + 1 + TEXT_AFTER_SEGMENTS]
    return [s.text for s in after if len(s.text) < 400]


def _choose(walker: _Walker, sd_body: str | None = None) -> MainText:
    """Score the candidate containers, take the best, select its segments."""
    segments = walker.segments
    anchors = _after_headline(segments, walker.headline_at)
    best = _best_candidate(segments, walker.candidates, anchors)
    if best is None:
        return MainText(segments=[s for s in segments if s.protected])
    chosen_by_sd = None
    if sd_body:
        chosen_by_sd = _agree_with_structured_body(segments, walker.candidates, best, sd_body)
    el, start, end = (chosen_by_sd or best)[:3]
    if chosen_by_sd is None:  # the structured body says where the text ends
        start, end = _extend_over_prose(segments, start, end)
    end = _stop_at_next_headline(segments, start, end)
    end = _stop_at_teaser_list(segments, start, end)
    end = _stop_at_comments(segments, start, end)
    notices = _rights_notices(segments, start, end)
    start, end = _cover_protected(segments, start, end)
    end = _stop_at_truncation(segments, start, end)
    chosen = _select(segments, start, end)
    if notices:  # after the edges are trimmed: what the notice closes stays
        chosen = [s for s in chosen if not any(s is n for n in notices)]
    chosen = [s for s in chosen if not _not_story_text(s)]
    lead = _standfirst(segments, walker.headline_at, start)
    if lead is not None and chosen and not _repeated(lead, chosen):
        chosen.insert(0, lead)
    prose_chars = sum(len(s.text) - s.link_chars for s in chosen if s.prose)
    return MainText(chosen, prose_chars, prose_chars >= CONFIDENT_CHARS, el)


def _best_candidate(
    segments: list[Segment], candidates: list[tuple], anchors: list[int] | None = None
) -> tuple | None:
    """The best-scoring container, or a run of paragraphs when its parent
    scores poorly; when the page names article sections (hasPart), only
    containers that hold some of them compete."""
    prose_sum = [0, *accumulate(len(s.text) - s.link_chars if s.prose else 0 for s in segments)]
    other_sum = [0, *accumulate(map(_cost, segments))]
    protected_sum = [0, *accumulate(s.protected for s in segments)]
    need_protected = protected_sum[-1] > 0
    best, best_score = None, 0.0
    near, near_score = None, 0.0  # the best holding prose right after the headline
    scores = {}
    for cand in candidates + _paragraph_runs(segments):
        el, start, end, hint = cand
        prose = prose_sum[end] - prose_sum[start]
        if not prose or (need_protected and protected_sum[end] == protected_sum[start]):
            continue
        score = _score(prose, other_sum[end] - other_sum[start], hint)
        if hint is RUN:
            if scores.get(el, 0) > RUN_PARENT_SHARE * score:
                continue
        else:
            scores[el] = score
        if best is None or score > best_score:
            best, best_score = cand, score
        if (
            anchors
            and (near is None or score > near_score)
            and any(start <= a < end for a in anchors)
            and prose_sum[end] - prose_sum[start] >= CONFIDENT_CHARS
        ):
            near, near_score = cand, score
    if near is not None and near_score > 0 and near_score >= HEADLINE_SHARE * best_score:
        return near
    return best


def _headline_index(segments: list[Segment], headline: str | None, regions) -> int | None:
    """Index of the segment showing the page's headline: the first one
    outside chrome-named regions, else the first inside a region that is
    not reader comments (None when the page does not show it)."""
    if not headline:
        return None
    wanted = " ".join(_WORD.findall(headline.casefold()))
    if len(wanted) < HEADLINE_MIN_CHARS:
        return None
    longest = 3 * len(headline) + 40
    shortest = min(len(headline) // 2, HEADLINE_MIN_CHARS)
    fallback = None
    for i, seg in enumerate(segments):
        if not shortest <= len(seg.text) <= longest or seg.link_chars * 2 > len(seg.text):
            continue
        words = " ".join(_WORD.findall(seg.text.casefold()))
        if words == wanted or (
            seg.tag == "h1" and len(words) >= HEADLINE_MIN_CHARS and words in wanted
        ):
            inside = [sticky for start, end, sticky in regions if start <= i < end]
            if not inside:
                return i
            if fallback is None and not any(inside):
                fallback = i
    return fallback


def _after_headline(segments: list[Segment], found: int | None) -> list[int]:
    """Indexes of the first prose segments shortly after the headline's own
    segment (none when the page does not show the headline)."""
    if found is None:
        return []
    window = segments[found + 1 : found + 1 + HEADLINE_WINDOW]
    return [found + 1 + i for i, s in enumerate(window) if s.prose][:HEADLINE_ANCHORS]


def _paragraph_runs(segments: list[Segment]) -> list[tuple]:
    """Runs of sibling paragraphs as extra candidates: an article whose
    paragraphs sit loose in a column it shares with comments or link lists
    has no element of its own."""
    runs = []
    i = 0
    n = len(segments)
    while i < n:
        seg = segments[i]
        if seg.tag != "p" or seg.chrome:
            i += 1
            continue
        parent = seg.owner.getparent()
        j = i + 1
        while (
            j < n
            and segments[j].tag == "p"
            and not segments[j].chrome
            and segments[j].owner.getparent() is parent
        ):
            j += 1
        if j - i >= RUN_MIN_PARAGRAPHS:
            runs.append((parent, i, j, RUN))
        i = j
    return runs


RUN_MIN_PARAGRAPHS = 3
HEADLINE_MIN_CHARS = 12  # a shorter headline is not looked for on the page
HEADLINE_WINDOW = 25  # segments after the headline in which its text must start
HEADLINE_ANCHORS = 3  # prose segments after the headline that anchor the choice
HEADLINE_SHARE = 0.2  # the headline's container wins with this share of the best score
RUN = None  # the hint of a paragraph run (scored as no hint)
RUN_PARENT_SHARE = 0.3  # a run competes only when its parent scores below this share of it
SD_BODY_MIN_CHARS = 400  # a structured-data body shorter than this checks nothing
SD_PAGE_AGREES = 0.6  # share of its 4-grams the page's own text must hold
SD_CHOICE_COVERS = 0.6  # share of its 4-grams below which the container is re-chosen


def _shingles(text: str) -> list[tuple]:
    words = _WORD.findall(text.casefold())
    return list(zip(words, words[1:], words[2:], words[3:], strict=False))


def _agree_with_structured_body(segments, candidates, best, sd_body: str):
    """The candidate container that best covers the structured-data body,
    when the chosen one (``best``) covers little of it and the page's text
    agrees with it (a teaser page's longer structured body does not agree:
    the served page counts then); None to keep ``best``."""
    wanted = set(_shingles(sd_body))
    if not wanted:
        return None
    matched = []
    total = []
    for seg in segments:
        grams = _shingles(seg.text) if not seg.chrome else []
        matched.append(sum(map(wanted.__contains__, grams)))
        total.append(len(grams))
    page = sum(matched)
    if page < SD_PAGE_AGREES * len(wanted):
        return None
    match_sum = [0]
    extra_sum = [0]
    for m, t in zip(matched, total, strict=True):
        match_sum.append(match_sum[-1] + m)
        extra_sum.append(extra_sum[-1] + t - m)
    _el, start, end, _hint = best
    if match_sum[end] - match_sum[start] >= SD_CHOICE_COVERS * len(wanted):
        return None
    return max(
        candidates,
        key=lambda c: (match_sum[c[2]] - match_sum[c[1]]) - (extra_sum[c[2]] - extra_sum[c[1]]),
    )


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


def _stop_at_next_headline(segments: list[Segment], start: int, end: int) -> int:
    """End the range at a page headline (``h1``) that follows the article's
    prose: the next story of an endless-scroll page, or a shop or teaser
    block under its own headline, shares the column with the article."""
    prose = 0
    for i in range(start, end):
        seg = segments[i]
        if seg.tag == "h1" and prose >= CONFIDENT_CHARS and not seg.protected:
            return i
        if seg.prose:
            prose += len(seg.text) - seg.link_chars
    return end


def _stop_at_teaser_list(segments: list[Segment], start: int, end: int) -> int:
    """End the range before a list of teasers at its end: linked headlines,
    each with a short summary (links to other stories that the page put in
    the article's column)."""
    i = end - 1
    pairs = 0
    cut = end
    while i >= start:
        seg = segments[i]
        if _is_link_title(seg):
            cut = i
            i -= 1
            continue
        if seg.protected:
            break
        if seg.prose:
            if len(seg.text) > TEASER_SUMMARY_CHARS:
                break
            j = i - 1
            while j >= start and _is_filler(segments[j]):
                j -= 1
            if j < start or not _is_link_title(segments[j]):
                break
            pairs += 1
            cut = j
            i = j - 1
            continue
        if not _is_filler(seg):
            break
        i -= 1
    if pairs < TEASER_MIN_PAIRS:
        return end
    prose = sum(len(s.text) - s.link_chars for s in segments[start:cut] if s.prose)
    return cut if prose >= CONFIDENT_CHARS else end


def _is_link_title(seg: Segment) -> bool:
    """A segment that is one link, headline-long."""
    return (
        seg.link_chars >= TEASER_TITLE_LINKED * len(seg.text)
        and 12 <= len(seg.text) <= 200
        and not seg.protected
    )


def _is_filler(seg: Segment) -> bool:
    """A short label between teasers (a date, a dot, a section name)."""
    return not seg.prose and len(seg.text) <= 40 and not seg.protected and not _is_link_title(seg)


def _stop_at_comments(segments: list[Segment], start: int, end: int) -> int:
    """End the range at a label that opens the reader comments ("Leave a
    comment", "12 comments") after the article's prose."""
    before = 0
    for i in range(start, end):
        seg = segments[i]
        if seg.prose:
            before += len(seg.text) - seg.link_chars
        elif before >= CONFIDENT_CHARS and len(seg.text) <= 60 and _COMMENTS_LABEL.search(seg.text):
            return i
    return end


_COMMENTS_LABEL = re.compile(
    r"^\W*(\d+\s+)?(comments|responses|replies)\b"
    r"|^\W*(leave|post|add|write|show|view|read)\s+(a\s+|your\s+|all\s+)?(comments?|responses?|reply)\b"
    r"|^\W*((оставить|добавить|написать)\s+)?комментари"
    r"|^\W*(kommentare|kommentar schreiben|commentaires|laisser un commentaire|komentarze"
    r"|dodaj komentarz|yorumlar|yorum yap|σχόλια|comentarios|commenti|التعليقات|تعليقات"
    r"|评论|評論|コメント|댓글)(?!\w)",
    re.IGNORECASE,
)


def _stop_at_truncation(segments: list[Segment], start: int, end: int) -> int:
    """End the range at a prompt saying the rest of the article is for
    subscribers ("Il vous reste 57 % de cet article à lire", "to continue
    reading") when what follows it holds less long prose than half of the
    prose before it (the wall's own boxes, not the rest of a metered
    article). Only the tail where that can hold is searched, from the end."""
    before = sum(len(s.text) - s.link_chars for s in segments[start:end] if s.prose)
    after = 0
    cut = end
    for i in range(end - 1, start - 1, -1):
        seg = segments[i]
        if seg.prose:
            before -= len(seg.text) - seg.link_chars
        if after >= TRUNCATION_REST_SHARE * before or before < CONFIDENT_CHARS:
            break
        if (
            len(seg.text) <= TRUNCATION_PROMPT_CHARS
            and says_text_continues(seg.text)
            and classify_text(seg.text) == "wall"
        ):
            cut = i
        if _long_prose(seg):
            after += len(seg.text)
    return cut


TRUNCATION_PROMPT_CHARS = 300  # a longer segment is prose that mentions reading on
TRUNCATION_REST_SHARE = 0.5  # prose after the prompt, as a share of the prose before it


def _rights_notices(segments: list[Segment], start: int, end: int) -> list[Segment]:
    """Copyright or rights notices among the last segments of the range,
    after the article's prose (a wire service's or the site's; left out of
    the article)."""
    tail = max(start, end - RIGHTS_TAIL_SEGMENTS)
    before = sum(len(s.text) - s.link_chars for s in segments[start:tail] if s.prose)
    out = []
    for seg in segments[tail:end]:
        if (
            before >= CONFIDENT_CHARS
            and len(seg.text) <= RIGHTS_MAX_CHARS
            and not seg.protected
            and is_rights_notice(seg.text)
        ):
            out.append(seg)
        if seg.prose:
            before += len(seg.text) - seg.link_chars
    return out


RIGHTS_TAIL_SEGMENTS = 10  # how far from the end of the range a notice is looked for
RIGHTS_MAX_CHARS = 400  # a longer paragraph is text, even when it names a copyright
TEASER_MIN_PAIRS = 3  # linked headlines with a summary that make a teaser list
TEASER_SUMMARY_CHARS = 320  # a longer paragraph is not a teaser's summary
TEASER_TITLE_LINKED = 0.8  # share of a teaser headline that is link text


def _standfirst(segments: list[Segment], headline_at: int | None, start: int) -> Segment | None:
    """The standfirst: the first prose right after the page's headline when
    the chosen range starts a little further down (a dateline, a byline, a
    picture or a box of links put between the lead and the story's own
    element); captions and boxes named as chrome (a promo, a sign-up
    prompt) are passed over; None when there is none."""
    if headline_at is None or headline_at >= start:
        return None
    for i in range(headline_at + 1, min(start, headline_at + 1 + LEAD_AFTER_HEADLINE)):
        seg = segments[i]
        owner = seg.owner
        if not seg.prose or seg.chrome or owner is None:
            continue
        if _is_caption_like(owner) or _markup_kind(owner):
            continue
        if start - i > LEAD_GAP or seg.protected:
            return None
        text = seg.text
        if len(_WORD.findall(text)) < LEAD_MIN_WORDS:
            return None
        if len(text) < PROSE_MIN_CHARS and not _SENTENCE_END.search(text):
            return None
        return seg
    return None


def _not_story_text(seg: Segment) -> bool:
    """A segment that is a picture's caption or credit, part of the author's
    box or of a post embedded from a social network, by the names of its
    element and its ancestors (captions outside ``figcaption``; a bio under
    the story; a quoted tweet); hasPart sections included."""
    if seg.owner is None or seg.tag in _HEADINGS:
        return False
    short = len(seg.text) <= CAPTION_MAX_CHARS
    for depth, node in enumerate([seg.owner, *seg.owner.iterancestors()]):
        if depth > AUTHOR_BOX_DEPTH or node.tag in ("body", "html"):
            return False
        mark = _box_mark(node.get("class"), node.get("id"))
        if mark == "box" or (mark == "caption" and short and depth <= CAPTION_DEPTH):
            return True
    return False


def _box_mark(cls: str | None, id_: str | None) -> str | None:
    """Mark of a class/id pair: "caption" for a caption or credit, "box" for
    an author's box or a social-network embed, else None (memoised)."""
    key = (cls, id_)
    found = _BOX_MARKS.get(key, False)
    if found is False:
        if len(_BOX_MARKS) > 20000:
            _BOX_MARKS.clear()
        value = " ".join(filter(None, key))
        low = _CAMEL.sub("-", value).lower().replace("_", "-") if value else ""
        if low and _NOT_STORY_BOX.search(low):
            found = "box"
        elif low and _CAPTION.search(low):
            found = "caption"
        else:
            found = None
        _BOX_MARKS[key] = found
    return found


_BOX_MARKS: dict[tuple, str | None] = {}
CAPTION_MAX_CHARS = 400  # a longer text is not a caption, whatever its class
CAPTION_DEPTH = 1  # how many ancestors of a segment's element may name a caption
AUTHOR_BOX_DEPTH = 3  # how many ancestors may name an author's box or an embed
_CAPTION = re.compile(
    r"(?<![a-z0-9])(caption|captions|credit|credits|cutline|legend|legende|bildtext"
    r"|bildunterschrift)(?![a-z0-9])"
)
# The author's box under a story, and posts embedded from social networks.
_NOT_STORY_BOX = re.compile(
    r"(?<![a-z0-9])(author-?box|author-?bio|author-?info|author-?details|about-(the-)?author"
    r"|post-?author|autor-?box|autoren-?box|bio|twitter-tweet|instagram-media|tiktok-embed"
    r"|fb-post)(?![a-z0-9])"
)


def _repeated(lead: Segment, chosen: list[Segment]) -> bool:
    """Whether the story repeats the standfirst (a summary that is also its
    first paragraph)."""
    head = lead.text[:LEAD_REPEAT_CHARS]
    return any(seg.text[:LEAD_REPEAT_CHARS] == head for seg in chosen)


def _is_caption_like(el) -> bool:
    """An element (or one of its two nearest ancestors) named as a caption,
    a credit or a picture's box, or that sits beside a picture."""
    for depth, node in enumerate([el, *el.iterancestors()]):
        if depth > 2 or node.tag in ("body", "html", "article", "main", "header"):
            break
        if node.tag in ("figure", "picture") or _names(node, _CAPTION_BOX):
            return True
        if depth == 1 and any(child.tag in ("img", "picture") for child in node):
            return True
    return False


LEAD_AFTER_HEADLINE = 5  # segments after the headline in which a standfirst starts
LEAD_GAP = 10  # segments at most between a standfirst and the chosen range
LEAD_MIN_WORDS = 10  # a shorter text after the headline is a dateline or a byline
LEAD_REPEAT_CHARS = 80  # a story paragraph opening like the standfirst repeats it
_CAPTION_BOX = re.compile(
    r"(?<![a-z0-9])(caption|captions|credit|credits|image|img|photo|picture|media|figure"
    r"|gallery|bild|foto|legend|legende)(?![a-z0-9])"
)


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
