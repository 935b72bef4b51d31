"""Drop articles already exported in this run (or this process).

Three keys, checked in order, each a stat ``newscrawl/dedupe/<kind>``:

``canonical_url``
    the same article under several URLs (AMP, print, tracking parameters,
    rel=canonical); the item's ``canonicalUrl`` is set here.
``exact_body``
    the same body text (``contentHash``) under different canonical URLs.
``near_body``
    a syndicated or lightly edited copy: a SimHash of the body's 3-word
    shingles within ``NEWSCRAWL_DEDUPE_NEAR_BITS`` bits of an earlier one.

Bodies shorter than ``NEWSCRAWL_DEDUPE_MIN_WORDS`` (teasers, empty paywalled
bodies) are only deduplicated by URL: two different paywalled stories often
share the same teaser text.

The index is shared by every crawler of one process, so ``scrapy crawlall``
also drops syndicated copies across sites. Duplicates across runs are the
crawl state's concern (``newscrawl.pipelines.state``).
"""

from __future__ import annotations

import logging
import re

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured
from trafilatura.deduplication import Simhash

from newscrawl.urls import canonical_url

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\w+", re.UNICODE)


def body_fingerprint(text: str) -> int:
    """64-bit SimHash of the text's 3-word shingles (case and punctuation folded)."""
    words = [w.lower() for w in _WORD.findall(text)]
    shingles = ["".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))]
    return Simhash(" ".join(shingles)).hash


class DedupeIndex:
    """What one process has exported so far: URLs, body hashes, fingerprints."""

    def __init__(self, near_bits: int = 4):
        self.near_bits = near_bits
        self.urls: dict[str, str] = {}
        self.hashes: dict[str, str] = {}
        self.fingerprints: list[tuple[int, str]] = []

    def find(self, url: str, content_hash: str | None, fingerprint: int | None):
        """Return ``(kind, first_url)`` of an earlier copy, or ``None``."""
        if url in self.urls:
            return "canonical_url", self.urls[url]
        if content_hash and content_hash in self.hashes:
            return "exact_body", self.hashes[content_hash]
        if fingerprint is not None:
            for other, other_url in self.fingerprints:
                if (fingerprint ^ other).bit_count() <= self.near_bits:
                    return "near_body", other_url
        return None

    def add(self, url: str, content_hash: str | None, fingerprint: int | None) -> None:
        self.urls[url] = url
        if content_hash:
            self.hashes[content_hash] = url
        if fingerprint is not None:
            self.fingerprints.append((fingerprint, url))


_PROCESS_INDEXES: dict[int, DedupeIndex] = {}


class DedupePipeline:
    """Exports each article once per run; see the module docstring."""

    def __init__(self, stats, index: DedupeIndex, min_words: int = 50):
        self.stats = stats
        self.index = index
        self.min_words = min_words
        self._logged_kinds: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_DEDUPE_ENABLED", True):
            raise NotConfigured
        near_bits = settings.getint("NEWSCRAWL_DEDUPE_NEAR_BITS", 4)
        index = _PROCESS_INDEXES.setdefault(near_bits, DedupeIndex(near_bits))
        return cls(crawler.stats, index, settings.getint("NEWSCRAWL_DEDUPE_MIN_WORDS", 50))

    def process_item(self, item):
        adapter = ItemAdapter(item)
        url = canonical_url(adapter["url"], adapter.get("canonicalUrl"))
        adapter["canonicalUrl"] = url
        body = adapter.get("articleBody") or ""
        long_enough = len(_WORD.findall(body)) >= self.min_words
        content_hash = adapter.get("contentHash") if long_enough else None
        fingerprint = body_fingerprint(body) if long_enough else None
        found = self.index.find(url, content_hash, fingerprint)
        if found:
            kind, first = found
            self.stats.inc_value(f"newscrawl/dedupe/{kind}")
            if kind not in self._logged_kinds:
                self._logged_kinds.add(kind)
                logger.info(
                    "Dropping duplicate articles (%s), first: %s duplicate of %s "
                    "(further ones only counted in stats)",
                    kind,
                    adapter["url"],
                    first,
                )
            raise DropItem(f"duplicate ({kind}) of {first}", log_level="DEBUG")
        self.index.add(url, content_hash, fingerprint)
        return item
