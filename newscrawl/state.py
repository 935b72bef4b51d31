"""Crawl state kept across runs: delivered articles and per-source watermarks.

One SQLite file in WAL mode, created on first use. :class:`StateStore` is a
plain class (a path in, no Scrapy needed); :func:`store_for_crawler` shares one
store between the components of a crawl.

An article counts as *delivered* only once its line is durably in an output
file: the feed storage (``newscrawl/feeds.py``) calls
:meth:`StateStore.mark_delivered` with the exported lines after it fsync'ed
them, and the salvage of a leftover ``.part`` file does the same.
"""

from __future__ import annotations

import json
import sqlite3
import weakref
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_STATE_URI = "sqlite:///state/newscrawl.db"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    site TEXT NOT NULL,
    key TEXT NOT NULL,            -- canonical URL, or the fetch URL without one
    version INTEGER NOT NULL,
    url TEXT,
    content_hash TEXT,
    previous_hash TEXT,
    date_published TEXT,
    date_modified TEXT,
    access TEXT,
    first_seen TEXT NOT NULL,
    delivered_at TEXT NOT NULL,
    PRIMARY KEY (site, key, version)
);
CREATE INDEX IF NOT EXISTS articles_url ON articles (url);
CREATE INDEX IF NOT EXISTS articles_key ON articles (key);
CREATE TABLE IF NOT EXISTS checks (
    site TEXT NOT NULL,
    key TEXT NOT NULL,
    last_checked TEXT NOT NULL,   -- last time the page was fetched and compared
    PRIMARY KEY (site, key)
);
CREATE TABLE IF NOT EXISTS runs (
    spider TEXT NOT NULL,
    run_id TEXT NOT NULL,
    started TEXT NOT NULL,
    ended TEXT NOT NULL,
    articles_seen INTEGER NOT NULL,   -- exported + dropped + skipped as unchanged
    exported INTEGER NOT NULL,
    exit_code INTEGER NOT NULL,
    PRIMARY KEY (spider, run_id)
);
CREATE TABLE IF NOT EXISTS watermarks (
    site TEXT NOT NULL,
    source TEXT NOT NULL,         -- sitemap or feed URL
    newest TEXT NOT NULL,         -- newest lastmod/publication/feed date seen
    updated_at TEXT NOT NULL,
    PRIMARY KEY (site, source)
);
CREATE TABLE IF NOT EXISTS boilerplate (
    site TEXT NOT NULL,
    block TEXT NOT NULL,          -- hash of the block's normalised text
    articles TEXT NOT NULL,       -- ids of the articles it was seen in (space-separated)
    last_seen INTEGER NOT NULL,   -- unix time
    PRIMARY KEY (site, block)
);
"""


def utc_now() -> str:
    """The current time as an ISO 8601 string in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def state_path_from_uri(uri: str, base: Path | None = None) -> Path:
    """Map ``sqlite:///relative.db`` / ``sqlite:////abs.db`` / a plain path to a file path.

    Relative paths are resolved against ``base`` (the project folder).
    """
    if uri.startswith("sqlite:///"):
        raw = uri[len("sqlite:///") :]
    elif "://" in uri:
        raise ValueError(f"unsupported state URI {uri!r}: only sqlite:/// is supported")
    else:
        raw = uri
    path = Path(raw)
    if not path.is_absolute() and base is not None:
        path = base / path
    return path


def article_key(line: dict) -> str | None:
    """The identity of an exported article: its canonical URL, else its URL."""
    return line.get("canonicalUrl") or line.get("url")


class StateStore:
    """Delivered articles, check times and source watermarks in one SQLite file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- delivered articles -------------------------------------------------
    def latest(self, site: str, key: str) -> dict | None:
        """The newest delivered version of an article, or ``None``."""
        row = self.db.execute(
            "SELECT * FROM articles WHERE site=? AND key=? ORDER BY version DESC LIMIT 1",
            (site, key),
        ).fetchone()
        return dict(row) if row else None

    def latest_by_url(self, url: str) -> dict | None:
        """The newest delivered version of the article fetched from or canonical at ``url``."""
        row = self.db.execute(
            "SELECT * FROM articles WHERE url=? OR key=? ORDER BY version DESC LIMIT 1",
            (url, url),
        ).fetchone()
        return dict(row) if row else None

    def mark_delivered(self, lines: Iterable[dict]) -> int:
        """Record exported lines as delivered, in one transaction. Idempotent.

        Returns how many lines carried an article identity.
        """
        now = utc_now()
        rows = []
        for line in lines:
            key = article_key(line)
            if not key or not line.get("site"):
                continue
            rows.append(
                (
                    line["site"],
                    key,
                    int(line.get("version") or 1),
                    line.get("url"),
                    line.get("contentHash"),
                    line.get("previousHash"),
                    line.get("datePublished"),
                    line.get("dateModified"),
                    line.get("access"),
                    line.get("firstSeen") or now,
                    now,
                    (line.get("metadata") or {}).get("dateDownloaded") or now,
                )
            )
        if not rows:
            return 0
        with self._transaction():
            self.db.executemany(
                "INSERT OR IGNORE INTO articles (site, key, version, url, content_hash,"
                " previous_hash, date_published, date_modified, access, first_seen,"
                " delivered_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [r[:-1] for r in rows],
            )
            self.db.executemany(
                "INSERT INTO checks (site, key, last_checked) VALUES (?,?,?)"
                " ON CONFLICT(site, key) DO UPDATE SET last_checked ="
                " max(last_checked, excluded.last_checked)",
                [(r[0], r[1], r[-1]) for r in rows],
            )
        return len(rows)

    def mark_checked(self, site: str, key: str, when: str | None = None) -> None:
        """Record that a known article was fetched again and found unchanged."""
        self.db.execute(
            "INSERT INTO checks (site, key, last_checked) VALUES (?,?,?)"
            " ON CONFLICT(site, key) DO UPDATE SET last_checked = excluded.last_checked",
            (site, key, when or utc_now()),
        )

    def last_checked(self, site: str, key: str) -> str | None:
        row = self.db.execute(
            "SELECT last_checked FROM checks WHERE site=? AND key=?", (site, key)
        ).fetchone()
        return row[0] if row else None

    def delivered_count(self, site: str) -> int:
        return self.db.execute("SELECT count(*) FROM articles WHERE site=?", (site,)).fetchone()[0]

    # -- runs ---------------------------------------------------------------
    def record_run(self, spider: str, run_id: str, started: str, ended: str, **counts) -> None:
        """Remember a finished run (``articles_seen``, ``exported``, ``exit_code``)."""
        self.db.execute(
            "INSERT OR REPLACE INTO runs (spider, run_id, started, ended, articles_seen,"
            " exported, exit_code) VALUES (?,?,?,?,?,?,?)",
            (
                spider,
                run_id,
                started,
                ended,
                counts.get("articles_seen", 0),
                counts.get("exported", 0),
                counts.get("exit_code", 0),
            ),
        )

    def runs_with_articles(self, spider: str) -> int:
        """How many earlier finished runs of ``spider`` saw at least one article."""
        return self.db.execute(
            "SELECT count(*) FROM runs WHERE spider=? AND articles_seen > 0", (spider,)
        ).fetchone()[0]

    def last_runs(self, spider: str | None = None, limit: int = 5) -> list[dict]:
        where, args = ("WHERE spider=?", (spider,)) if spider else ("", ())
        rows = self.db.execute(
            f"SELECT * FROM runs {where} ORDER BY started DESC LIMIT ?", (*args, limit)
        ).fetchall()
        return [dict(r) for r in rows]

    # -- watermarks ---------------------------------------------------------
    def watermark(self, site: str, source: str) -> str | None:
        row = self.db.execute(
            "SELECT newest FROM watermarks WHERE site=? AND source=?", (site, source)
        ).fetchone()
        return row[0] if row else None

    def raise_watermark(self, site: str, source: str, newest: str) -> None:
        """Keep the newest date seen in a sitemap/feed (ISO strings compare in order)."""
        self.db.execute(
            "INSERT INTO watermarks (site, source, newest, updated_at) VALUES (?,?,?,?)"
            " ON CONFLICT(site, source) DO UPDATE SET newest = max(newest, excluded.newest),"
            " updated_at = excluded.updated_at",
            (site, source, newest, utc_now()),
        )

    # -- per-site boilerplate memory (newscrawl.extract.boilerplate) ---------
    def load_boilerplate(self, site: str) -> dict[str, tuple[list[str], int]]:
        """The stored boilerplate memory of ``site``: ``{block: (article ids, last seen)}``."""
        rows = self.db.execute(
            "SELECT block, articles, last_seen FROM boilerplate WHERE site=?", (site,)
        )
        return {r[0]: (r[1].split(), r[2]) for r in rows}

    def save_boilerplate(self, site: str, entries: dict[str, tuple[list[str], int]]) -> None:
        """Replace the stored boilerplate memory of ``site`` (one transaction)."""
        rows = [(site, k, " ".join(a), int(t)) for k, (a, t) in entries.items()]
        with self._transaction():
            self.db.execute("DELETE FROM boilerplate WHERE site=?", (site,))
            self.db.executemany(
                "INSERT INTO boilerplate (site, block, articles, last_seen) VALUES (?,?,?,?)",
                rows,
            )

    def boilerplate_blocks(self, site: str) -> int:
        return self.db.execute("SELECT count(*) FROM boilerplate WHERE site=?", (site,)).fetchone()[
            0
        ]

    # -- the `scrapy state` command -----------------------------------------
    def summary(self, site: str | None = None) -> list[dict]:
        """Per site: articles, versions, paywalled, first/last delivery, sources, memory."""
        where, args = ("WHERE site=?", (site,)) if site else ("", ())
        rows = self.db.execute(
            "SELECT site, count(DISTINCT key) AS articles, count(*) AS versions,"
            " sum(access='paywalled') AS paywalled_versions, min(delivered_at) AS first_delivery,"
            f" max(delivered_at) AS last_delivery FROM articles {where} GROUP BY site"
            " ORDER BY site",
            args,
        ).fetchall()
        result = [dict(r) for r in rows]
        for entry in result:
            entry["sources"] = self.db.execute(
                "SELECT count(*) FROM watermarks WHERE site=?", (entry["site"],)
            ).fetchone()[0]
            entry["boilerplate_blocks"] = self.boilerplate_blocks(entry["site"])
        return result

    def export(self, site: str | None = None) -> Iterator[dict]:
        """Every delivered article version and watermark, as dicts tagged by ``table``."""
        where, args = ("WHERE site=?", (site,)) if site else ("", ())
        for table, order in (("articles", "site, key, version"), ("watermarks", "site, source")):
            for row in self.db.execute(f"SELECT * FROM {table} {where} ORDER BY {order}", args):
                yield {"table": table, **dict(row)}

    def reset(self, site: str | None = None) -> int:
        """Forget one site (or everything). Returns the number of article rows removed."""
        where, args = ("WHERE site=?", (site,)) if site else ("", ())
        with self._transaction():
            removed = self.db.execute(f"DELETE FROM articles {where}", args).rowcount
            self.db.execute(f"DELETE FROM checks {where}", args)
            self.db.execute(f"DELETE FROM watermarks {where}", args)
            self.db.execute(f"DELETE FROM boilerplate {where}", args)
            runs_where = where.replace("site", "spider")
            self.db.execute(f"DELETE FROM runs {runs_where}", args)
        return removed

    def _transaction(self):
        return _Transaction(self.db)


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (or ``ROLLBACK`` on error)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, exc, tb):
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")
        return False


# -- Scrapy adapter ---------------------------------------------------------
_STORES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def project_dir() -> Path:
    """The folder holding ``scrapy.cfg`` (relative state/output paths start there)."""
    from scrapy.utils.conf import closest_scrapy_cfg

    cfg = closest_scrapy_cfg()
    return Path(cfg).parent if cfg else Path.cwd()


def state_path_from_settings(settings) -> Path:
    uri = settings.get("NEWSCRAWL_STATE_URI") or DEFAULT_STATE_URI
    return state_path_from_uri(uri, base=project_dir())


def store_for_crawler(crawler) -> StateStore:
    """One :class:`StateStore` per crawler, opened from ``NEWSCRAWL_STATE_URI``."""
    store = _STORES.get(crawler)
    if store is None:
        store = StateStore(state_path_from_settings(crawler.settings))
        _STORES[crawler] = store
    return store


def dumps_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True)
