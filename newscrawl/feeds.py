"""Local JSONL feeds that survive a kill: ``.part`` file, fsync, atomic rename.

:class:`AtomicFileFeedStorage` replaces Scrapy's ``FileFeedStorage`` for
``file://`` URIs and plain paths (``FEED_STORAGES``). Lines go to
``<final>.part`` in the destination folder; every
``NEWSCRAWL_FEEDS_FLUSH_ITEMS`` lines or ``NEWSCRAWL_FEEDS_FLUSH_SECONDS``
seconds (and at the end) the file is flushed and fsync'ed, and the complete
lines written so far are reported to the crawl state as delivered. At the end
of the run the ``.part`` is renamed to its final name (``-o`` onto an existing
file appends atomically: the old content plus the new lines are written to a
new file that replaces the old one). A run that exports nothing leaves no file.

``-O FILE`` (overwrite) never replaces an earlier run's file: when FILE exists
the lines go to ``<stem>.<run id><suffix>`` next to it, with a warning.

:func:`salvage_part` turns a ``.part`` left by a killed run into a final file:
complete JSON lines are kept (and marked delivered), the rest is quarantined.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from w3lib.url import file_uri_to_path

logger = logging.getLogger(__name__)

PART_SUFFIX = ".part"
QUARANTINE_DIR = "quarantine"
MERGE_SUFFIX = ".merge" + PART_SUFFIX


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def deliver_file(part: Path, final: Path) -> Path:
    """Move ``part`` to ``final`` atomically; append to ``final`` if it already exists.

    The append case writes old content + new lines into a temporary file that
    replaces ``final`` with one ``os.replace``: a reader sees old or old+new.
    """
    if final.exists():
        merged = final.with_name(final.name + MERGE_SUFFIX)
        with open(merged, "wb") as out:
            for source in (final, part):
                with open(source, "rb") as f:
                    shutil.copyfileobj(f, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(merged, final)
        part.unlink()
    else:
        os.replace(part, final)
    fsync_dir(final.parent)
    return final


def complete_lines(data: bytes) -> tuple[list[bytes], bytes]:
    """Split ``data`` into complete, valid JSON lines and the rejected rest.

    Everything from the first line that is unterminated or not valid JSON on
    is rejected: lines are appended in order, so only the tail can be torn.
    """
    good: list[bytes] = []
    offset = 0
    while offset < len(data):
        end = data.find(b"\n", offset)
        if end < 0:
            break
        line = data[offset : end + 1]
        if line.strip():
            try:
                json.loads(line)
            except ValueError:
                break
        good.append(line)
        offset = end + 1
    return good, data[offset:]


def parse_lines(lines: list[bytes]) -> list[dict]:
    """Decode JSON lines, skipping blanks and anything that is not an object."""
    records = []
    for line in lines:
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict):
            records.append(value)
    return records


def salvage_part(part: Path, on_delivered: Callable[[list[dict]], object] | None = None) -> dict:
    """Deliver what a killed run left in ``part``; quarantine its torn tail.

    Returns ``{"final": path or None, "lines": n, "rejected_bytes": n}``.
    ``on_delivered`` receives the salvaged records *before* the final rename,
    so a crash in between leaves the ``.part`` for the next salvage (marking
    is idempotent).
    """
    final = part.with_name(part.name[: -len(PART_SUFFIX)])
    data = part.read_bytes()
    good, rest = complete_lines(data)
    result = {"final": None, "lines": sum(1 for g in good if g.strip()), "rejected_bytes": 0}
    if rest:
        quarantine = part.parent / QUARANTINE_DIR
        quarantine.mkdir(exist_ok=True)
        rejected = quarantine / (final.name + ".rejected")
        with open(rejected, "ab") as f:
            f.write(rest)
            f.flush()
            os.fsync(f.fileno())
        result["rejected_bytes"] = len(rest)
    if result["lines"] == 0:
        part.unlink()
        return result
    if rest:
        with open(part, "r+b") as f:
            f.truncate(len(data) - len(rest))
            os.fsync(f.fileno())
    if on_delivered is not None:
        on_delivered(parse_lines(good))
    result["final"] = deliver_file(part, final)
    return result


class DurableFile:
    """The file object handed to the exporter: counts lines, fsyncs in batches.

    After each durable flush, ``on_durable`` receives the records of the
    complete lines that became durable since the previous flush.
    """

    def __init__(self, path: Path, flush_items: int, flush_seconds: float, on_durable=None):
        self.path = path
        self._file = open(path, "wb")  # noqa: SIM115 - closed by store()
        self.flush_items = max(1, flush_items)
        self.flush_seconds = flush_seconds
        self.on_durable = on_durable
        self.lines_written = 0
        self._pending: list[bytes] = []
        self._tail = b""
        self._last_sync = time.monotonic()

    def write(self, data: bytes) -> int:
        written = self._file.write(data)
        chunk = self._tail + bytes(data)
        *done, self._tail = chunk.split(b"\n")
        self._pending.extend(line + b"\n" for line in done)
        self.lines_written += len(done)
        if len(self._pending) >= self.flush_items or (
            self._pending and time.monotonic() - self._last_sync >= self.flush_seconds
        ):
            self.sync()
        return written

    def sync(self) -> None:
        """Flush + fsync, then report the newly durable lines."""
        self._file.flush()
        os.fsync(self._file.fileno())
        self._last_sync = time.monotonic()
        pending, self._pending = self._pending, []
        if pending and self.on_durable is not None:
            self.on_durable(parse_lines(pending))

    def flush(self) -> None:
        self._file.flush()

    def fileno(self) -> int:
        return self._file.fileno()

    def close(self) -> None:
        if not self._file.closed:
            self.sync()
            self._file.close()

    @property
    def closed(self) -> bool:
        return self._file.closed

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._file.tell()


class AtomicFileFeedStorage:
    """Scrapy feed storage: ``.part`` + regular fsync + atomic rename at the end."""

    def __init__(
        self,
        uri: str,
        *,
        feed_options: dict | None = None,
        flush_items: int = 20,
        flush_seconds: float = 5.0,
        run_id: str | None = None,
        on_durable=None,
        on_failure=None,
        on_stored=None,
    ):
        self.uri = uri
        self.path = Path(file_uri_to_path(uri) if uri.startswith("file:") else uri)
        self.feed_options = feed_options or {}
        self.overwrite = bool(self.feed_options.get("overwrite", False))
        self.flush_items = flush_items
        self.flush_seconds = flush_seconds
        self.run_id = run_id
        self.on_durable = on_durable
        self.on_failure = on_failure
        self.on_stored = on_stored
        self.tracks_lines = "postprocessing" not in self.feed_options
        self.final: Path | None = None
        self.part: Path | None = None

    @classmethod
    def from_crawler(cls, crawler, uri: str, *, feed_options: dict | None = None):
        from newscrawl.runs import run_for_crawler
        from newscrawl.state import store_for_crawler

        settings = crawler.settings
        run = run_for_crawler(crawler)

        def on_durable(records: list[dict]) -> None:
            crawler.stats.inc_value("newscrawl/feeds/lines_durable", len(records))
            if settings.getbool("NEWSCRAWL_STATE_ENABLED", True):
                store_for_crawler(crawler).mark_delivered(records)

        def on_failure(exc: BaseException) -> None:
            crawler.stats.inc_value("newscrawl/feeds/failed")

        return cls(
            uri,
            feed_options=feed_options,
            flush_items=settings.getint("NEWSCRAWL_FEEDS_FLUSH_ITEMS", 20),
            flush_seconds=settings.getfloat("NEWSCRAWL_FEEDS_FLUSH_SECONDS", 5.0),
            run_id=run.run_id,
            on_durable=on_durable,
            on_failure=on_failure,
            on_stored=run.outputs.append,
        )

    def final_path(self) -> Path:
        """Where the lines end up; ``-O`` onto an existing file picks a new name."""
        if self.overwrite and self.path.exists():
            suffix = "".join(self.path.suffixes) or ""
            stem = self.path.name[: len(self.path.name) - len(suffix)] if suffix else self.path.name
            new = self.path.with_name(f"{stem}.{self.run_id}{suffix}")
            logger.warning(
                "%s exists and is an earlier run's output: not overwriting it, writing %s",
                self.path,
                new,
            )
            return new
        return self.path

    def open(self, spider):
        try:
            self.final = self.final_path()
            self.final.parent.mkdir(parents=True, exist_ok=True)
            self.part = self.final.with_name(self.final.name + PART_SUFFIX)
            if self.part.exists():  # left by a killed run not salvaged (no lock?)
                salvage_part(self.part, self.on_durable)
            on_durable = self.on_durable if self.tracks_lines else None
            return DurableFile(self.part, self.flush_items, self.flush_seconds, on_durable)
        except OSError as exc:
            logger.error("Cannot write feed %s: %s", self.path, exc)
            if self.on_failure is not None:
                self.on_failure(exc)
            raise

    def store(self, file) -> None:
        try:
            file.close()
            if self.part.stat().st_size == 0:
                self.part.unlink()
                logger.info("Nothing exported: no file written for %s", self.final)
                return None
            deliver_file(self.part, self.final)
            if self.on_stored is not None:
                self.on_stored(self.final)
        except OSError as exc:
            logger.error("Cannot store feed %s: %s", self.final, exc)
            if self.on_failure is not None:
                self.on_failure(exc)
            raise
        return None


def local_part_files(folder: Path) -> list[Path]:
    """Leftover ``.part`` files in ``folder``, oldest name first.

    An unfinished append (``*.merge.part``) is deleted: its inputs are still there.
    """
    if not folder.is_dir():
        return []
    parts = []
    for path in sorted(folder.glob("*" + PART_SUFFIX)):
        if path.name.endswith(MERGE_SUFFIX):
            path.unlink(missing_ok=True)
        elif path.is_file():
            parts.append(path)
    return parts
