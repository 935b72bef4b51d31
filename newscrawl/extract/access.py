"""Decide whether the served article is free, metered, paywalled or unknown.

``paywalled`` means the body served is a teaser of a longer article; the
schema.org flag ``isAccessibleForFree=false`` alone is not enough (most such
pages are metered and serve the full text). Truncation cues:

- JSON-LD ``wordCount`` (or ``articleBody``) far above the words served;
- the page's ``hasPart`` paywalled section absent or nearly empty;
- a wall/pricing prompt right after the last paragraph of a short body;
- a trailing ellipsis on the last paragraph of a flagged page;
- a body under ``SHORT_BODY_WORDS`` words together with a paywall signal.

``metered``: flagged (``isAccessibleForFree=false``, paywall markup or a
wall prompt) but served in full. ``free``: no paywall signal at all.
``unknown``: no body and no paywall signal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SHORT_BODY_WORDS = 80
TEASER_MAX_WORDS = 350  # a wall prompt after a body this short means a teaser
WORDCOUNT_RATIO = 1.5
WORDCOUNT_MARGIN = 100
HASPART_MIN_WORDS = 50


@dataclass
class AccessCues:
    """What the cleaning step observed about one article."""

    served_words: int = 0
    last_text: str = ""
    is_accessible_for_free: bool | None = None
    paywall_markup: int = 0  # elements carrying paywall class/id tokens
    prompts: list[str] = field(default_factory=list)  # wall/pricing reasons dropped
    prompt_after_last: bool = False
    word_count: int | None = None
    sd_body_words: int | None = None
    haspart_words: int | None = None  # None when the page declares no hasPart


def decide_access(cues: AccessCues) -> tuple[str, list[str]]:
    """Return ``(access, evidence)`` for the cues of one article."""
    flags = _flags(cues)
    if cues.served_words == 0:
        if flags:
            return "paywalled", [*flags, "empty-body"]
        return "unknown", ["empty-body"]
    truncation = _truncation(cues) if flags else []
    if truncation:
        return "paywalled", flags + truncation
    if flags:
        return "metered", [*flags, f"full-text-served ({cues.served_words} words)"]
    return "free", []


def _flags(cues: AccessCues) -> list[str]:
    out = []
    if cues.is_accessible_for_free is False:
        out.append("isAccessibleForFree=false")
    if cues.paywall_markup:
        out.append("paywall-markup")
    for reason in dict.fromkeys(cues.prompts):
        out.append(f"paywall-prompt:{reason}")
    return out


def _truncation(cues: AccessCues) -> list[str]:
    served = cues.served_words
    out = []
    for name, expected in (("wordCount", cues.word_count), ("articleBody", cues.sd_body_words)):
        if (
            expected
            and expected >= WORDCOUNT_RATIO * served
            and expected - served >= WORDCOUNT_MARGIN
        ):
            out.append(f"{name} {expected} > served {served}")
    if cues.haspart_words is not None and cues.haspart_words < HASPART_MIN_WORDS:
        out.append(f"hasPart section absent or short ({cues.haspart_words} words)")
    if served < SHORT_BODY_WORDS and (cues.prompts or cues.is_accessible_for_free is False):
        out.append(f"short body ({served} words) with paywall signal")
    if cues.prompt_after_last and served <= TEASER_MAX_WORDS:
        out.append("prompt-after-last-paragraph")
    if cues.last_text.rstrip().endswith(("…", "...")):
        out.append("trailing-ellipsis")
    return out
