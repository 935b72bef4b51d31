"""Per-site boilerplate memory: blocks that recur verbatim across articles.

A block (its normalised text) seen in at least ``min_articles`` *different*
articles of the same site is chrome ("Why <site>?" blurbs, sign-up prompts,
standard disclaimers), even when its markup gives nothing away. The memory
learns during a crawl; ``to_dict``/``from_dict`` and ``site_entries`` /
``load_site`` let the crawl state keep it between runs (``TeaserPipeline``
does, in the state's ``boilerplate`` table).

Articles are told apart by an identity (their canonical URL) when the caller
gives one (:meth:`BoilerplateMemory.for_article`): the same article fetched
again on a later run (a paywall re-check, an edit) does not count twice, so
its own paragraphs never become "chrome". Without an identity every call to
:meth:`observe` counts as a new article.

Bounded: at most ``max_blocks`` blocks per site are kept. When a site grows
past that, the blocks seen in the fewest articles go first, the least
recently seen first among equals, so learnt chrome stays and one-off
paragraphs make room.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from newscrawl.extract.teaser import normalize_text

DEFAULT_MIN_ARTICLES = 3
DEFAULT_MAX_BLOCKS = 10_000  # per site
MIN_BLOCK_CHARS = 20  # very short blocks ("Photo", "Reuters") are not judged
_PRUNE_SLACK = 0.1  # prune once a site exceeds max_blocks by 10% (amortised)


def block_key(text: str) -> str | None:
    """A short hash of the block's normalised text (None for tiny blocks)."""
    norm = normalize_text(text)
    if len(norm) < MIN_BLOCK_CHARS:
        return None
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


def _anonymous_id() -> str:
    """An id for an article observed without an identity (unique, never stored twice)."""
    return "~" + secrets.token_hex(5)


def article_id(identity: str) -> str:
    """A short, stable id for an article identity (canonical URL)."""
    return hashlib.blake2b(identity.encode("utf-8"), digest_size=5).hexdigest()


class BlockEntry:
    """One block of one site: up to ``min_articles + 1`` article ids and when last seen."""

    __slots__ = ("articles", "last_seen")

    def __init__(self, articles: list[str] | None = None, last_seen: int = 0):
        self.articles = articles or []
        self.last_seen = last_seen


class BoilerplateMemory:
    """Remembers, per site, in which articles each block was seen."""

    def __init__(
        self, min_articles: int = DEFAULT_MIN_ARTICLES, max_blocks: int = DEFAULT_MAX_BLOCKS
    ):
        self.min_articles = min_articles
        self.max_blocks = max_blocks
        self._sites: dict[str, dict[str, BlockEntry]] = {}

    # -- judging and learning ------------------------------------------------
    def is_boilerplate(self, site: str, text: str, article: str | None = None) -> bool:
        """Whether ``text`` was seen in ``min_articles`` articles of ``site`` but ``article``."""
        key = block_key(text)
        entry = self._sites.get(site, {}).get(key) if key else None
        if entry is None:
            return False
        others = sum(1 for a in entry.articles if a != article)
        return others >= self.min_articles

    def observe(self, site: str, texts, article: str | None = None) -> None:
        """Record the blocks of one article (each block counts once per article)."""
        blocks = self._sites.setdefault(site, {})
        ident = article or _anonymous_id()
        now = int(time.time())
        cap = self.min_articles + 1  # enough to judge "min_articles others"
        for key in {k for k in map(block_key, texts) if k}:
            entry = blocks.get(key)
            if entry is None:
                entry = blocks[key] = BlockEntry()
            if ident not in entry.articles and len(entry.articles) < cap:
                entry.articles.append(ident)
            entry.last_seen = now
        if len(blocks) > self.max_blocks * (1 + _PRUNE_SLACK):
            self.prune(site)

    def for_article(self, identity: str | None) -> ArticleView:
        """The memory as seen by one article (its identity is not counted against it)."""
        return ArticleView(self, article_id(identity) if identity else None)

    def prune(self, site: str) -> None:
        """Keep the ``max_blocks`` blocks seen in most articles, most recent first."""
        blocks = self._sites.get(site, {})
        if len(blocks) <= self.max_blocks:
            return
        ranked = sorted(
            blocks.items(), key=lambda kv: (len(kv[1].articles), kv[1].last_seen), reverse=True
        )
        self._sites[site] = dict(ranked[: self.max_blocks])

    def chrome_count(self, site: str) -> int:
        """How many distinct blocks of ``site`` are currently judged chrome."""
        return sum(
            1 for e in self._sites.get(site, {}).values() if len(e.articles) >= self.min_articles
        )

    def sites(self) -> list[str]:
        return list(self._sites)

    # -- persistence ---------------------------------------------------------
    def site_entries(self, site: str) -> dict[str, tuple[list[str], int]]:
        """``{block key: (article ids, last seen)}`` of one site, pruned to the bound."""
        self.prune(site)
        return {k: (list(e.articles), e.last_seen) for k, e in self._sites.get(site, {}).items()}

    def load_site(self, site: str, entries: dict) -> None:
        """Merge stored entries of ``site`` (``site_entries`` shape) into the memory."""
        blocks = self._sites.setdefault(site, {})
        cap = self.min_articles + 1
        for key, (articles, last_seen) in entries.items():
            entry = blocks.setdefault(key, BlockEntry())
            for ident in articles:
                if ident not in entry.articles and len(entry.articles) < cap:
                    entry.articles.append(ident)
            entry.last_seen = max(entry.last_seen, int(last_seen or 0))

    def to_dict(self) -> dict:
        return {
            "min_articles": self.min_articles,
            "max_blocks": self.max_blocks,
            "sites": {
                s: {k: [a, t] for k, (a, t) in self.site_entries(s).items()} for s in self._sites
            },
        }

    @classmethod
    def from_dict(cls, data: dict) -> BoilerplateMemory:
        memory = cls(
            min_articles=int(data.get("min_articles", DEFAULT_MIN_ARTICLES)),
            max_blocks=int(data.get("max_blocks", DEFAULT_MAX_BLOCKS)),
        )
        for site, entries in (data.get("sites") or {}).items():
            memory.load_site(site, {k: _entry_from_json(v) for k, v in entries.items()})
        return memory


class ArticleView:
    """``is_boilerplate``/``observe`` of a memory, bound to one article's id."""

    def __init__(self, memory: BoilerplateMemory, article: str | None):
        self.memory = memory
        self.article = article

    def is_boilerplate(self, site: str, text: str) -> bool:
        return self.memory.is_boilerplate(site, text, self.article)

    def observe(self, site: str, texts) -> None:
        self.memory.observe(site, texts, self.article)


def _entry_from_json(value) -> tuple[list[str], int]:
    articles, last_seen = value
    return [str(a) for a in articles], int(last_seen or 0)
