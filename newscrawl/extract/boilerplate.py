"""Per-site boilerplate memory: blocks that recur verbatim across articles.

A block (its normalised text) seen in at least ``min_articles`` different
articles of the same site is chrome ("Why <site>?" blurbs, sign-up prompts,
standard disclaimers), even when its markup gives nothing away. The memory
learns during a crawl; ``to_dict``/``from_dict`` let the crawl state keep it
between runs.
"""

from __future__ import annotations

import hashlib

from newscrawl.extract.teaser import normalize_text

DEFAULT_MIN_ARTICLES = 3
MAX_BLOCKS_PER_SITE = 50_000  # oldest-first eviction keeps memory bounded
MIN_BLOCK_CHARS = 20  # very short blocks ("Photo", "Reuters") are not judged


def block_key(text: str) -> str | None:
    """A short hash of the block's normalised text (None for tiny blocks)."""
    norm = normalize_text(text)
    if len(norm) < MIN_BLOCK_CHARS:
        return None
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


class BoilerplateMemory:
    """Counts, per site, in how many articles each block was seen."""

    def __init__(self, min_articles: int = DEFAULT_MIN_ARTICLES):
        self.min_articles = min_articles
        self._counts: dict[str, dict[str, int]] = {}

    def is_boilerplate(self, site: str, text: str) -> bool:
        """True when ``text`` was already seen in ``min_articles`` articles of ``site``."""
        key = block_key(text)
        if key is None:
            return False
        return self._counts.get(site, {}).get(key, 0) >= self.min_articles

    def observe(self, site: str, texts) -> None:
        """Record the blocks of one article (each block counts once per article)."""
        counts = self._counts.setdefault(site, {})
        for key in {k for k in map(block_key, texts) if k}:
            counts[key] = counts.get(key, 0) + 1
        while len(counts) > MAX_BLOCKS_PER_SITE:
            del counts[next(iter(counts))]

    def chrome_count(self, site: str) -> int:
        """How many distinct blocks of ``site`` are currently judged chrome."""
        return sum(1 for n in self._counts.get(site, {}).values() if n >= self.min_articles)

    def to_dict(self) -> dict:
        return {
            "min_articles": self.min_articles,
            "sites": {s: dict(c) for s, c in self._counts.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> BoilerplateMemory:
        memory = cls(min_articles=int(data.get("min_articles", DEFAULT_MIN_ARTICLES)))
        for site, counts in (data.get("sites") or {}).items():
            memory._counts[site] = {str(k): int(v) for k, v in counts.items()}
        return memory
