"""Per-site extraction knowledge that a spider may declare."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SiteRules:
    """What generic extraction cannot infer about one site.

    body_selector: CSS selector of the article body container, when the
        generic main-text step picks the wrong block.
    teaser_selectors: CSS selectors of blocks that are never article text on
        this site (paywall prompts, marketing boxes, ...).
    drop_selectors: CSS selectors of other chrome to remove before extraction.
    """

    body_selector: str | None = None
    teaser_selectors: tuple[str, ...] = field(default_factory=tuple)
    drop_selectors: tuple[str, ...] = field(default_factory=tuple)
