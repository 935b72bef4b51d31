"""Assemble the article dict: parse once, extract, clean, decide access.

- :func:`parse_article` parses the page once (``load_page``), reads the
  structured metadata, then one walk over the same tree judges markup-marked
  chrome (never the schema.org ``hasPart`` article sections) and finds the
  main text; the dates and authors come after the walk, which notes the date
  and byline elements on its way (``Page.marked``), and before a fallback
  extractor may change the tree (before the walk when site rules remove
  elements, so that they read the page as served). It returns every field plus
  ``articleBodyHtml`` and the internal ``_signals`` (plain data: the blocks
  as records, paywall cues, the chrome dropped). Per-site ``SiteRules``
  selectors act here, on the DOM.
- :func:`clean_article` works block by block on the carried blocks: drops
  the headline, repeated blocks, repeated image captions, per-site
  boilerplate and teaser text, decides ``access``, computes ``contentHash``
  and removes internal keys. :func:`explain_article` returns the same plus
  the decision for every block.
- :func:`extract_article` is both in one call.

Empty input (nothing but whitespace) raises ``newscrawl.extract.page.EmptyPage``;
any other page, however broken, gives an article (empty body and
``access: "unknown"`` when no text is found).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from newscrawl.extract.access import AccessCues, decide_access
from newscrawl.extract.body import (
    Block,
    Dropped,
    blocks_from_html,
    blocks_html,
    blocks_text,
    body_blocks,
    clean_space,
    haspart_roots,
    protected_elements,
    remove_selected,
)
from newscrawl.extract.boilerplate import BoilerplateMemory
from newscrawl.extract.maintext import MainText, find_main_text
from newscrawl.extract.metadata import (
    Metadata,
    detect_language,
    finish_metadata,
    start_metadata,
)
from newscrawl.extract.page import Page, load_page
from newscrawl.extract.rules import SiteRules
from newscrawl.extract.teaser import (
    PROMPT_REASONS,
    classify_text,
    is_caption,
    normalize_text,
    says_text_continues,
    word_count,
)
from newscrawl.urls import canonical_url

logger = logging.getLogger(__name__)

# Fields the metadata step may fill, in the exported order.
METADATA_FIELDS = (
    "canonicalUrl",
    "headline",
    "description",
    "datePublished",
    "datePublishedRaw",
    "dateModified",
    "dateModifiedRaw",
    "authors",
    "mainImage",
    "images",
    "breadcrumbs",
    "section",
    "keywords",
)
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")


# --- parse -------------------------------------------------------------------------


def parse_article(
    html, url, *, site=None, rules: SiteRules | None = None, served: datetime | None = None
) -> dict:
    """Every article field of one page, plus ``articleBodyHtml`` and ``_signals``.

    ``html`` is the page as ``str`` or ``bytes``, or a ``Page`` already loaded
    with ``load_page`` (so a caller that looked at the page first does not
    parse it twice; the tree may be changed). ``served``, when the page was
    fetched (naive UTC), dates a dateline that shows no year ("16 янв");
    without it the page's own "today" bar or copyright year does.
    """
    page = html if isinstance(html, Page) else load_page(html, url)
    if served is not None:
        page.served = served
    meta = _start_metadata(page)
    rules = rules or SiteRules()
    # Dates and authors are read from the page as served: before the site's
    # rules remove anything (a byline in an author box they drop), else after
    # the walk, which notes their elements, and before a fallback changes it.
    edits = bool(rules.drop_selectors or rules.teaser_selectors)
    if edits:
        _finish_metadata(meta, page)
    walk = _walk(page, meta.signals, rules, meta.fields.get("headline"))
    if not edits:
        _finish_metadata(meta, page)
    fields, sources, signals = dict(meta.fields), dict(meta.sources), meta.signals
    blocks, dropped, cues = _main_text(page, walk, signals, rules)
    article: dict = {"url": url}
    for key in METADATA_FIELDS:
        if fields.get(key) is not None:
            article[key] = fields[key]
    if article.get("headline") is None:
        article["headline"] = _fallback_headline(page)
    article["articleBody"] = blocks_text(blocks)
    article["articleBodyHtml"] = blocks_html(blocks)
    article["inLanguage"] = _language(page, article["articleBody"], signals, sources)
    article["authors"] = article.get("authors") or []
    article["site"] = site or urlsplit(url).hostname or "unknown"
    article["metadata"] = {
        "dateDownloaded": datetime.now(UTC).isoformat(timespec="seconds"),
        "sources": {k: str(v) for k, v in sources.items()},
    }
    article["_signals"] = {**cues, "dom_dropped": [d.as_dict() for d in dropped]}
    if page.problems:
        article["_signals"]["problems"] = list(page.problems)
    return article


def _start_metadata(page: Page) -> Metadata:
    """The metadata step's first part (``start_metadata``): every field but
    the dates and authors, and the cleaning signals (paywall cues, captions)."""
    try:
        meta = start_metadata(page)
    except Exception:  # metadata must never cost us the body
        logger.exception("metadata extraction failed on %s", page.url)
        page.problems.append("metadata-failed")
        meta = Metadata()
    if not meta.signals.get("captions"):
        captions = [clean_space(f.text_content()) for f in page.tree.iter("figcaption")]
        meta.signals["captions"] = captions
    return meta


def _finish_metadata(meta: Metadata, page: Page) -> None:
    """The dates and authors (``finish_metadata``), with the date and byline
    elements the walk noted."""
    if "steps" not in meta.dom:  # the first part failed
        return
    try:
        finish_metadata(meta, page)
    except Exception:
        logger.exception("metadata extraction failed on %s", page.url)
        page.problems.append("metadata-failed")


@dataclass
class _Walk:
    """What the main-text walk found, and what the body step needs from before it."""

    main: MainText
    dropped: list[Dropped]  # by site rules, before the walk
    captions_norm: list[str]
    protected_texts: list[str]
    haspart_words: int | None


def _walk(page: Page, signals: dict, rules: SiteRules, headline: str | None) -> _Walk:
    """Remove the site rules' chrome from the tree, then walk it once for the
    main text (``headline`` helps find where the article text starts); the
    date and byline elements the walk noted go to ``page.marked``."""
    tree = page.tree
    captions_norm = [normalize_text(c) for c in signals.get("captions") or [] if c]
    selectors = list(signals.get("paywalled_selectors") or [])
    roots = haspart_roots(tree, selectors)
    protected = protected_elements(roots)
    protected_texts, haspart_words = _protected_texts(protected)
    dropped: list[Dropped] = []
    dropped += remove_selected(tree, rules.drop_selectors, protected=protected, reason="site-drop")
    dropped += remove_selected(
        tree, rules.teaser_selectors, protected=protected, reason="site-teaser"
    )
    sd_body = signals.get("sd_body")
    main = find_main_text(
        tree,
        set(roots),
        protected=protected,
        captions_norm=captions_norm,
        sd_body=sd_body,
        headline=headline,
    )
    page.marked = main.marked
    return _Walk(
        main, dropped, captions_norm, protected_texts, haspart_words if selectors else None
    )


def _main_text(
    page: Page, walk: _Walk, signals: dict, rules: SiteRules
) -> tuple[list[Block], list, dict]:
    """The body blocks from the walk's result (``body.body_blocks``), the
    chrome dropped, and the cues the cleaning step weighs."""
    method: list[str] = []
    blocks, marked, paywall_marks = body_blocks(
        page.tree, page.url, walk.main, body_selector=rules.body_selector, method=method
    )
    sd_body = signals.get("sd_body")
    cues = {
        "is_accessible_for_free": signals.get("is_accessible_for_free"),
        "word_count": signals.get("word_count"),
        "sd_body_words": word_count(sd_body) if sd_body else None,
        "haspart_words": walk.haspart_words,
        "paywall_markup": paywall_marks,
        "captions": walk.captions_norm,
        "protected_texts": walk.protected_texts,
        "main_text": method[0] if method else None,
        "text_after": list(walk.main.text_after),
        "blocks": [b.as_record() for b in blocks],
    }
    return blocks, walk.dropped + marked, cues


def _protected_texts(protected: set) -> tuple[list[str], int]:
    """Normalised paragraph texts inside hasPart sections, and their word total."""
    texts: list[str] = []
    words = 0
    for el in protected:
        if el.tag in ("p", "li", "blockquote", "h2", "h3"):
            text = el.text_content()
            words += word_count(text)
            texts.append(normalize_text(text))
    return texts, words


def _fallback_headline(page: Page) -> str | None:
    for candidate in (
        page.meta_first("og:title", "twitter:title"),
        next((h.text_content() for h in page.tree.iter("h1")), None),
        page.tree.findtext(".//title"),
    ):
        text = clean_space(candidate or "")
        if text:
            return text
    return None


def _language(page: Page, body: str, signals: dict, sources: dict) -> str | None:
    declared = signals.get("declared_language") or page.tree.get("lang")
    try:
        lang, source = detect_language(page, body, declared)
        if lang:
            sources["inLanguage"] = source
            return lang
    except Exception:
        logger.exception("language detection failed on %s", page.url)
    lang = (declared or "").strip().split("-")[0].lower()
    return lang if _LANG.match(lang) else None


# --- clean -------------------------------------------------------------------------


def clean_article(
    article: dict, *, rules: SiteRules | None = None, boilerplate: BoilerplateMemory | None = None
) -> dict:
    """Strip teaser/chrome blocks, decide access, hash, drop internal keys."""
    return explain_article(article, rules=rules, boilerplate=boilerplate)[0]


def explain_article(
    article: dict, *, rules: SiteRules | None = None, boilerplate: BoilerplateMemory | None = None
) -> tuple[dict, list[dict]]:
    """``clean_article`` plus one ``{"action", "reason", "stage", "text"}`` per block.

    ``rules`` is accepted for symmetry with ``parse_article``; its CSS
    selectors act on the DOM there, not on the simple block HTML here.
    """
    out = {k: v for k, v in article.items() if not k.startswith("_")}
    signals = article.get("_signals") or {}
    site = out.get("site") or "unknown"
    blocks = _parsed_blocks(signals, out)
    if not blocks and out.get("articleBody"):
        blocks = [Block("p", clean_space(t)) for t in out["articleBody"].split("\n\n") if t.strip()]
    kept, decisions = _filter_blocks(blocks, out.get("headline"), signals, site, boilerplate)
    dom_dropped = signals.get("dom_dropped") or []
    out["articleBody"] = blocks_text(kept)
    out["articleBodyHtml"] = blocks_html(kept)
    out["access"], out["accessEvidence"] = decide_access(
        _access_cues(kept, decisions, dom_dropped, signals, out["articleBody"])
    )
    out["contentHash"] = content_hash(out["articleBody"])
    out.setdefault("headline", None)
    out.setdefault("url", "")
    if out["url"]:
        out["canonicalUrl"] = canonical_url(out["url"], out.get("canonicalUrl"))
    out["site"] = site
    metadata = dict(out.get("metadata") or {})
    metadata.setdefault("dateDownloaded", datetime.now(UTC).isoformat(timespec="seconds"))
    dropped_here = sum(1 for d in decisions if d["action"] == "drop")
    metadata["droppedBlocks"] = len(dom_dropped) + dropped_here
    out["metadata"] = metadata
    explained = [{"action": "drop", **d} for d in dom_dropped] + decisions
    return out, explained


def _parsed_blocks(signals: dict, article: dict) -> list[Block]:
    """The blocks ``parse_article`` found (carried in ``_signals``); an item
    without them is read back from its ``articleBodyHtml``."""
    records = signals.get("blocks")
    if isinstance(records, list):
        return [Block.from_record(r) for r in records if isinstance(r, dict) and r.get("text")]
    return blocks_from_html(article.get("articleBodyHtml"))


def _filter_blocks(blocks, headline, signals, site, boilerplate):
    """Decide keep/drop for each block; returns kept blocks and the decisions."""
    captions = signals.get("captions") or []
    protected = set(signals.get("protected_texts") or [])
    headline_norm = normalize_text(headline or "")
    seen: set[str] = set()
    kept: list[Block] = []
    decisions: list[dict] = []
    for block in blocks:
        norm = normalize_text(block.text)
        reason, stage = _block_verdict(norm, block, headline_norm, seen, captions, protected)
        if (
            reason is None
            and boilerplate is not None
            and boilerplate.is_boilerplate(site, block.text)
        ):
            reason, stage = "boilerplate", "site-memory"
        seen.add(norm)
        action = "keep" if reason is None else "drop"
        decisions.append(
            {"action": action, "reason": reason or stage, "stage": stage, "text": block.text[:200]}
        )
        if reason is None:
            kept.append(block)
    if boilerplate is not None:
        boilerplate.observe(site, [b.text for b in blocks])
    return kept, decisions


def _block_verdict(norm, block, headline_norm, seen, captions, protected):
    """(reason, stage) for a dropped block, or (None, why-kept)."""
    if norm in protected:
        # hasPart names the article's section; a prompt inside it is still a prompt
        reason = classify_text(block.text, norm) if len(norm) < 400 else None
        if reason in PROMPT_REASONS or reason in ("newsletter", "cookie"):
            return reason, "text"
        if reason and word_count(block.text) <= PROTECTED_LABEL_WORDS:
            return reason, "text"  # "Read more", "Trusted by ..." labels
        return None, "hasPart"
    if headline_norm and norm == headline_norm:
        return "headline", "text"
    if norm in seen:
        return "repeat", "text"
    if is_caption(norm, captions):
        return "caption", "text"
    reason = classify_text(block.text, norm)
    if reason:
        return reason, "text"
    return None, "article"


def _prompt_reason(reason: str, text: str) -> str:
    """A wall phrase in a bare label ("Sign in", "Login", "Become a member")
    is site navigation, a weak cue; in a sentence it is a wall prompt. (A
    prompt that counts the reader's free articles has the reason "meter".)"""
    if reason == "wall" and word_count(text) < WALL_PROMPT_MIN_WORDS:
        return "login-link"
    return reason


def _access_cues(kept, decisions, dom_dropped, signals, body: str) -> AccessCues:
    """What ``decide_access`` weighs; ``body`` is ``blocks_text(kept)`` (its
    words are the kept blocks' words: no word runs across the blank lines)."""
    prompts: list[str] = []
    says_truncated = False
    for d in dom_dropped:
        if d["reason"] in PROMPT_REASONS:
            prompts.append(_prompt_reason(d["reason"], d.get("text") or ""))
            says_truncated = says_truncated or _says_truncated(d)
        elif d["reason"] == "site-teaser":
            prompts.append(d["reason"])
    last_kept = max((i for i, d in enumerate(decisions) if d["action"] == "keep"), default=-1)
    after = False
    last_prose = next(  # from the end: the words of earlier blocks are never counted
        (
            i
            for i in range(len(decisions) - 1, -1, -1)
            if decisions[i]["action"] == "keep" and _is_prose(decisions[i]["text"])
        ),
        -1,
    )
    text_goes_on = False  # article prose follows a wall prompt: the prompt cut nothing
    for i, d in enumerate(decisions):
        if d["action"] == "drop" and d["reason"] in PROMPT_REASONS:
            prompts.append(_prompt_reason(d["reason"], d.get("text") or ""))
            truncated = _says_truncated(d)
            says_truncated = says_truncated or truncated
            after = after or (i > last_kept and d["reason"] == "wall")
            text_goes_on = text_goes_on or (i < last_prose and truncated)
    # Right after the chosen container, in markup that names nothing: a wall
    # prompt counts when it says the text goes on, or with a second one (house
    # ads for subscriptions sit there on free pages too).
    walls_after = [t for t in signals.get("text_after") or [] if classify_text(t) == "wall"]
    for text in walls_after:
        truncated = _says_truncated({"reason": "wall", "text": text})
        if truncated or len(walls_after) >= 2:
            prompts.append(_prompt_reason("wall", text))
            after = True
            says_truncated = says_truncated or truncated
    return AccessCues(
        served_words=word_count(body),
        last_text=kept[-1].text if kept else "",
        is_accessible_for_free=signals.get("is_accessible_for_free"),
        paywall_markup=signals.get("paywall_markup") or 0,
        prompts=prompts,
        prompt_after_last=after and last_kept >= 0,
        prompt_says_truncated=says_truncated and not text_goes_on,
        word_count=signals.get("word_count"),
        sd_body_words=signals.get("sd_body_words"),
        haspart_words=signals.get("haspart_words"),
    )


def _is_prose(text: str) -> bool:
    return word_count(text) >= PROSE_AFTER_PROMPT_WORDS


PROSE_AFTER_PROMPT_WORDS = 20


def _says_truncated(decision: dict) -> bool:
    """A wall prompt (not a meter's count) that says the text goes on."""
    return decision["reason"] == "wall" and says_text_continues(decision.get("text") or "")


WALL_PROMPT_MIN_WORDS = 4
PROTECTED_LABEL_WORDS = 12


def content_hash(body: str) -> str:
    """``sha256:<hex>`` of the body with whitespace folded."""
    folded = clean_space(body)
    return "sha256:" + hashlib.sha256(folded.encode("utf-8")).hexdigest()


def extract_article(
    html, url, *, site=None, rules: SiteRules | None = None, boilerplate=None, served=None
) -> dict:
    """What a crawl of this page exports (dedupe against other pages aside)."""
    article = parse_article(html, url, site=site, rules=rules, served=served)
    return clean_article(article, rules=rules, boilerplate=boilerplate)
