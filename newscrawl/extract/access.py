"""Decide whether the served article is free, metered, paywalled or unknown.

``paywalled`` means the body served is a teaser of a longer article; the
schema.org flag ``isAccessibleForFree=false`` alone is not enough (most such
pages are metered and serve the full text). Truncation cues:

- JSON-LD ``wordCount`` (or ``articleBody``) far above the words served;
- the page's ``hasPart`` paywalled section absent or nearly empty;
- a wall/pricing prompt right after the last paragraph of a short body;
- a trailing ellipsis on the last paragraph of a flagged page;
- a body under ``SHORT_BODY_WORDS`` words together with a paywall signal.

``metered``: flagged (``isAccessibleForFree=false``, a wall prompt such as
"subscribe to continue reading" or a per-site teaser rule) but served in
full. ``free``: no such flag.

Paywall *markup* (class/id tokens such as ``subscribe``, ``premium``,
``piano``) and pricing copy ("free trial", "$1 a week") are weak cues: they
sit on free pages too (newsletter and subscribe buttons, house ads), on about
a quarter of the dev corpus's free pages. They never flag a page alone; they
count only together with hard truncation evidence (``wordCount`` or
``articleBody`` far above the text served, an empty ``hasPart`` section, a
prompt right after the last paragraph of a short body).
``unknown``: no body and no flag.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SHORT_BODY_WORDS = 80
TEASER_MAX_WORDS = 350  # a wall prompt after a body this short means a teaser
WORDCOUNT_RATIO = 1.5
WORDCOUNT_MARGIN = 100
HASPART_MIN_WORDS = 50
COMPLETE_SHARE = 0.8  # served / declared words above which the text is complete
# Prompt reasons that also appear on free pages: house ads (pricing) and bare
# "Sign in" / "Become a member" labels (see article._prompt_reason).
WEAK_PROMPTS = frozenset({"pricing", "login-link"})


@dataclass
class AccessCues:
    """What the cleaning step observed about one article."""

    served_words: int = 0
    last_text: str = ""
    is_accessible_for_free: bool | None = None
    paywall_markup: int = 0  # elements carrying paywall class/id tokens
    prompts: list[str] = field(default_factory=list)  # wall/pricing reasons dropped
    prompt_after_last: bool = False
    prompt_says_truncated: bool = False  # "78 % of this article left", "to continue reading"
    word_count: int | None = None
    sd_body_words: int | None = None
    haspart_words: int | None = None  # None when the page declares no hasPart


def decide_access(cues: AccessCues) -> tuple[str, list[str]]:
    """Return ``(access, evidence)`` for the cues of one article."""
    flags = _flags(cues)
    weak = _weak_cues(cues)
    if cues.served_words == 0:
        if flags:
            return "paywalled", [*flags, "empty-body"]
        return "unknown", ["empty-body"]
    hard, soft = _truncation(cues)
    if _complete(cues):  # the structured data's length is served: nothing is cut
        hard, soft = [], []
    if flags and (hard or soft):
        return "paywalled", flags + weak + hard + soft
    if hard and (weak or soft):
        return "paywalled", weak + hard + soft
    if flags:
        return "metered", [*flags, *weak, f"full-text-served ({cues.served_words} words)"]
    return "free", []


def _complete(cues: AccessCues) -> bool:
    """The page declares its length (``wordCount``, ``articleBody``) and about
    that much is served."""
    expected = cues.word_count or cues.sd_body_words
    return bool(expected) and cues.served_words >= COMPLETE_SHARE * expected


def _flags(cues: AccessCues) -> list[str]:
    """What says the page is for subscribers: its structured data, a wall prompt."""
    out = []
    if cues.is_accessible_for_free is False:
        out.append("isAccessibleForFree=false")
    for reason in dict.fromkeys(cues.prompts):
        if reason not in WEAK_PROMPTS:
            out.append(f"paywall-prompt:{reason}")
    return out


def _weak_cues(cues: AccessCues) -> list[str]:
    out = ["paywall-markup"] if cues.paywall_markup else []
    for reason in dict.fromkeys(cues.prompts):
        if reason in WEAK_PROMPTS:
            out.append(f"paywall-prompt:{reason}")
    return out


def _truncation(cues: AccessCues) -> tuple[list[str], list[str]]:
    """(hard, soft) signs that the served body is cut short."""
    served = cues.served_words
    hard = []
    for name, expected in (("wordCount", cues.word_count), ("articleBody", cues.sd_body_words)):
        if (
            expected
            and expected >= WORDCOUNT_RATIO * served
            and expected - served >= WORDCOUNT_MARGIN
        ):
            hard.append(f"{name} {expected} > served {served}")
    if cues.haspart_words is not None and cues.haspart_words < HASPART_MIN_WORDS:
        hard.append(f"hasPart section absent or short ({cues.haspart_words} words)")
    meter = "meter" in cues.prompts  # a meter's page is served in full
    if cues.prompt_after_last and served <= TEASER_MAX_WORDS and not meter:
        hard.append("prompt-after-last-paragraph")
    if cues.prompt_says_truncated and not meter:
        hard.append("prompt-says-text-continues")
    soft = []
    if served < SHORT_BODY_WORDS and (cues.prompts or cues.is_accessible_for_free is False):
        soft.append(f"short body ({served} words) with paywall signal")
    if cues.last_text.rstrip().endswith(("…", "...")):
        soft.append("trailing-ellipsis")
    return hard, soft
