"""One crawl run: run id, per-spider lock, salvage, manifest and exit code.

:class:`RunExtension` (``EXTENSIONS``) does, per spider:

* at open: take the spider's lock (``<state dir>/locks/<spider>.lock``, an
  ``fcntl.flock`` the kernel releases when the process dies), salvage
  ``.part`` files a killed run left in the spider's output folder, check the
  output folder is writable;
* during the run: count what was discovered, fetched, exported, dropped;
* at the end: decide the exit code (:func:`decide_exit_code`), write
  ``<output dir>/<spider>/<run id>.manifest.json`` atomically and log a
  one-paragraph summary.

The exit codes and their precedence are documented in docs/operations.md.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import secrets
import signal
import weakref
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import CloseSpider, NotConfigured

from newscrawl.feeds import fsync_dir, local_part_files, salvage_part
from newscrawl.state import project_dir, state_path_from_settings, store_for_crawler, utc_now

logger = logging.getLogger(__name__)

# -- exit codes -------------------------------------------------------------
OK = 0
SITES_FAILED = 3
TOO_MANY_ERRORS = 4
FEED_FAILED = 5
ZERO_ARTICLES = 6
LOCKED = 7
INTERRUPTED_SIGINT = 130
INTERRUPTED_SIGTERM = 143

MEANING = {
    OK: "success",
    SITES_FAILED: "site failed (connection/DNS errors, only 5xx answers, or robots.txt denied)",
    TOO_MANY_ERRORS: "callback/pipeline/download errors over the threshold",
    FEED_FAILED: "the feed could not be written",
    ZERO_ARTICLES: "zero articles although earlier runs delivered some",
    LOCKED: "another run of the spider holds the lock",
    INTERRUPTED_SIGINT: "interrupted (SIGINT)",
    INTERRUPTED_SIGTERM: "interrupted (SIGTERM)",
}

# Worst first: when several runs (crawlall) or conditions apply, the first wins.
PRECEDENCE = [
    FEED_FAILED,
    INTERRUPTED_SIGTERM,
    INTERRUPTED_SIGINT,
    SITES_FAILED,
    TOO_MANY_ERRORS,
    ZERO_ARTICLES,
    LOCKED,
    OK,
]


def worst(codes) -> int:
    """Combine exit codes: the one earliest in :data:`PRECEDENCE` wins."""
    codes = list(codes) or [OK]
    rank = {code: i for i, code in enumerate(PRECEDENCE)}
    return min(codes, key=lambda c: rank.get(c, -1))


@dataclass
class RunFacts:
    """What a finished run looked like, enough to pick its exit code."""

    locked: bool = False
    feed_failed: bool = False
    signal_received: int | None = None
    finish_reason: str = "finished"
    ok_responses: int = 0
    requests_tried: int = 0
    errors: int = 0
    fetched: int = 0
    articles_seen: int = 0
    earlier_runs_with_articles: int = 0
    max_error_rate: float = 0.1
    max_errors: int = 0


def decide_exit_code(f: RunFacts) -> int:
    """The exit code of one spider's run (see docs/operations.md)."""
    if f.locked:
        return LOCKED
    if f.feed_failed:
        return FEED_FAILED
    if f.signal_received == signal.SIGINT:
        return INTERRUPTED_SIGINT
    if f.signal_received is not None or f.finish_reason == "shutdown":
        return INTERRUPTED_SIGTERM
    if f.ok_responses == 0:
        return SITES_FAILED
    if f.errors and (
        (f.max_errors and f.errors > f.max_errors)
        or f.errors / max(1, f.fetched + f.errors) > f.max_error_rate
    ):
        return TOO_MANY_ERRORS
    if f.articles_seen == 0 and f.earlier_runs_with_articles > 0:
        return ZERO_ARTICLES
    return OK


# -- run id -----------------------------------------------------------------
def new_run_id(now: datetime | None = None) -> str:
    """``20261124T161811.042Z-1a2b``: sorts by start time (to the millisecond,
    so two runs started in the same second still sort in order); the random
    suffix keeps ids unique."""
    now = now or datetime.now(UTC)
    millis = now.microsecond // 1000
    return f"{now.strftime('%Y%m%dT%H%M%S')}.{millis:03d}Z-{secrets.token_hex(2)}"


@dataclass
class Run:
    run_id: str
    started: str
    outputs: list = field(default_factory=list)


_RUNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def run_for_crawler(crawler) -> Run:
    """The :class:`Run` of a crawler (its run id is created on first use)."""
    run = _RUNS.get(crawler)
    if run is None:
        run = Run(
            run_id=crawler.settings.get("NEWSCRAWL_RUN_ID") or new_run_id(), started=utc_now()
        )
        _RUNS[crawler] = run
    return run


def output_dir(settings) -> Path:
    """``NEWSCRAWL_OUTPUT_DIR``, relative to the project folder."""
    path = Path(settings.get("NEWSCRAWL_OUTPUT_DIR") or "output")
    return path if path.is_absolute() else project_dir() / path


def feed_uri_params(params: dict, spider) -> dict:
    """``FEEDS`` ``uri_params``: adds ``%(run_id)s`` and ``%(output_dir)s``."""
    params["run_id"] = run_for_crawler(spider.crawler).run_id
    params["output_dir"] = str(output_dir(spider.crawler.settings))
    return params


# -- lock -------------------------------------------------------------------
_HELD: dict[str, int] = {}


def lock_path(settings, spider_name: str) -> Path:
    return state_path_from_settings(settings).parent / "locks" / f"{spider_name}.lock"


def acquire_lock(path: Path) -> bool:
    """Take an exclusive ``flock`` on ``path`` for the life of the process.

    Returns ``False`` at once when another process holds it. Taking a lock
    this process already holds succeeds.
    """
    key = str(path)
    if key in _HELD:
        return True
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return False
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    _HELD[key] = fd
    return True


def release_lock(path: Path) -> None:
    fd = _HELD.pop(str(path), None)
    if fd is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


# -- manifest ---------------------------------------------------------------
def write_json_atomic(path: Path, data: dict) -> None:
    """Write ``data`` to ``path`` via a temporary file, fsync and rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False, sort_keys=True)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def drop_reason(exception: BaseException) -> str:
    """A short reason for a dropped item: its message up to ``:``, `` of `` or `` [``."""
    text = str(exception).strip() or type(exception).__name__
    return re.split(r":| of | \[", text, maxsplit=1)[0].strip()[:60]


def failure_reason(stats: dict, fetched: int) -> str:
    """Why no page answered below 500 (for a "site failed" run), in one line."""
    forbidden = stats.get("robotstxt/forbidden", 0)
    server_errors = sum(
        v for k, v in stats.items() if k.startswith("downloader/response_status_count/5")
    )
    download_errors = stats.get("downloader/exception_count", 0)
    if forbidden and not fetched:
        return f"robots.txt denied every request ({forbidden} denied)"
    if server_errors and fetched:
        return f"only 5xx answers ({server_errors} responses)"
    if download_errors:
        return f"no answer ({download_errors} download errors: connection refused, DNS, timeouts)"
    return "no page answered"


def summary_paragraph(manifest: dict) -> str:
    """The human summary logged at the end of a run."""
    parts = []
    for site, c in manifest["sites"].items():
        dropped = ", ".join(f"{n} {r}" for r, n in sorted(c["dropped"].items())) or "none"
        parts.append(
            f"{site}: {c['discovered']} article URLs discovered, {c['skipped_unchanged']} skipped "
            f"as unchanged, {c['fetched']} pages fetched, {c['new']} new and {c['updated']} "
            f"updated articles exported ({c['paywalled']} paywalled), dropped: {dropped}, "
            f"{c['errors']} errors"
        )
    outputs = ", ".join(manifest["outputs"]) or "no output file (nothing new)"
    why = f": {manifest['failure']}" if manifest.get("failure") else ""
    return (
        f"Run {manifest['run_id']} of {manifest['spider']} ended ({manifest['finish_reason']}) "
        f"with exit code {manifest['exit_code']} ({manifest['exit_meaning']}{why}). "
        + "; ".join(parts)
        + f". Output: {outputs}."
    )


class RunExtension:
    """Lock, salvage, counters, manifest and exit code for each spider run."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.settings = crawler.settings
        self.run = run_for_crawler(crawler)
        self.counts = Counter()
        self.dropped = Counter()
        self.discovered: set[str] = set()  # article URLs (a URL scheduled twice counts once)
        self.facts = RunFacts(
            max_error_rate=self.settings.getfloat("NEWSCRAWL_MAX_ERROR_RATE", 0.1),
            max_errors=self.settings.getint("NEWSCRAWL_MAX_ERRORS", 0),
        )
        self.exit_code: int | None = None
        self.manifest_path: Path | None = None
        self._previous_handlers: dict[int, object] = {}
        self.engine_running = False

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("NEWSCRAWL_RUNS_ENABLED", True):
            raise NotConfigured
        ext = cls(crawler)
        for handler, sig in (
            (ext.spider_opened, signals.spider_opened),
            (ext.engine_started, signals.engine_started),
            (ext.request_scheduled, signals.request_scheduled),
            (ext.response_received, signals.response_received),
            (ext.item_scraped, signals.item_scraped),
            (ext.item_dropped, signals.item_dropped),
            (ext.item_error, signals.item_error),
            (ext.spider_error, signals.spider_error),
            (ext.spider_closed, signals.spider_closed),
            (ext.engine_stopped, signals.engine_stopped),
        ):
            crawler.signals.connect(handler, signal=sig)
        return ext

    # -- start ----------------------------------------------------------------
    def spider_opened(self, spider):
        self.spider_dir = output_dir(self.settings) / spider.name
        if not acquire_lock(lock_path(self.settings, spider.name)):
            self.facts.locked = True
            logger.error(
                "Another run of %s holds the lock %s: exiting",
                spider.name,
                lock_path(self.settings, spider.name),
            )
            raise CloseSpider("locked")
        self._salvage(spider)
        if not self._output_writable():
            self.crawler.stats.inc_value("newscrawl/feeds/failed")
            raise CloseSpider("feed_unwritable")

    def _salvage(self, spider) -> None:
        store = store_for_crawler(self.crawler)
        for part in local_part_files(self.spider_dir):
            result = salvage_part(part, store.mark_delivered)
            self.crawler.stats.inc_value("newscrawl/feeds/salvaged_lines", result["lines"])
            self.counts["salvaged"] += result["lines"]
            if result["rejected_bytes"]:
                self.crawler.stats.inc_value(
                    "newscrawl/feeds/quarantined_bytes", result["rejected_bytes"]
                )
            logger.warning(
                "Salvaged %s complete lines from %s left by a killed run into %s"
                " (%s torn bytes quarantined)",
                result["lines"],
                part,
                result["final"],
                result["rejected_bytes"],
            )

    def _output_writable(self) -> bool:
        try:
            self.spider_dir.mkdir(parents=True, exist_ok=True)
            probe = self.spider_dir / f".probe-{self.run.run_id}"
            probe.write_bytes(b"")
            probe.unlink()
            return True
        except OSError as exc:
            logger.error("Output folder %s is not writable: %s", self.spider_dir, exc)
            return False

    def engine_started(self):
        self.engine_running = True
        for signum in (signal.SIGTERM, signal.SIGINT):
            try:
                self._previous_handlers[signum] = signal.getsignal(signum)
                signal.signal(signum, self._record_signal)
            except ValueError:  # not in the main thread
                pass

    def _record_signal(self, signum, frame):
        if self.facts.signal_received is None:
            self.facts.signal_received = signum
        previous = self._previous_handlers.get(signum)
        if callable(previous):
            previous(signum, frame)

    # -- counting -------------------------------------------------------------
    def request_scheduled(self, request, spider):
        if request.meta.get("newscrawl_kind") == "article":
            self.discovered.add(request.url)

    def response_received(self, response, request, spider):
        if request.url.endswith("/robots.txt"):
            return
        self.counts["fetched"] += 1
        if response.status < 500:
            self.facts.ok_responses += 1

    def item_scraped(self, item, response, spider):
        item = dict(item)
        self.counts["updated" if (item.get("version") or 1) > 1 else "new"] += 1
        if item.get("access") == "paywalled":
            self.counts["paywalled"] += 1

    def item_dropped(self, item, response, exception, spider):
        reason = drop_reason(exception)
        self.dropped[reason] += 1
        if "duplicate" in reason.lower():
            self.counts["duplicate"] += 1

    def item_error(self, item, response, spider, failure):
        self.counts["errors"] += 1

    def spider_error(self, failure, response, spider):
        self.counts["errors"] += 1

    # -- end --------------------------------------------------------------------
    def spider_closed(self, spider, reason):
        self.facts.finish_reason = reason
        self.spider_name = spider.name
        if not self.engine_running:  # closed while opening (lock, unwritable output)
            self.engine_stopped()

    def engine_stopped(self):
        if not hasattr(self, "spider_name") or self.exit_code is not None:
            return
        stats = self.crawler.stats
        self.counts["errors"] += stats.get_value("retry/max_reached", 0)
        self.counts["discovered"] = len(self.discovered)
        self.counts["skipped_unchanged"] = stats.get_value("newscrawl/incremental/skipped", 0)
        self.facts.errors = self.counts["errors"]
        self.facts.fetched = self.counts["fetched"]
        self.facts.feed_failed = bool(
            stats.get_value("newscrawl/feeds/failed")
            or any(k.startswith("feedexport/failed_count/") for k in stats.get_stats())
        )
        self.facts.articles_seen = (
            self.counts["new"]
            + self.counts["updated"]
            + sum(self.dropped.values())
            + self.counts["skipped_unchanged"]
        )
        store = None if self.facts.locked else store_for_crawler(self.crawler)
        if store is not None:
            self.facts.earlier_runs_with_articles = store.runs_with_articles(self.spider_name)
        self.exit_code = decide_exit_code(self.facts)
        if store is not None:
            store.record_run(
                self.spider_name,
                self.run.run_id,
                self.run.started,
                utc_now(),
                articles_seen=self.facts.articles_seen,
                exported=self.counts["new"] + self.counts["updated"],
                exit_code=self.exit_code,
            )
        stats.set_value("newscrawl/run/exit_code", self.exit_code)
        manifest = self._manifest()
        if self.exit_code == SITES_FAILED:
            manifest["failure"] = failure_reason(stats.get_stats(), self.counts["fetched"])
            manifest["sites"][self.spider_name]["failure"] = manifest["failure"]
        if not self.facts.locked:
            self._write_manifest(manifest)
        logger.log(
            logging.INFO if self.exit_code == OK else logging.ERROR, summary_paragraph(manifest)
        )

    def _manifest(self) -> dict:
        c = self.counts
        site = {
            key: c[key]
            for key in (
                "discovered",
                "skipped_unchanged",
                "fetched",
                "new",
                "updated",
                "duplicate",
                "paywalled",
                "errors",
                "salvaged",
            )
        }
        site["dropped"] = dict(self.dropped)
        return {
            "run_id": self.run.run_id,
            "spider": self.spider_name,
            "start": self.run.started,
            "end": utc_now(),
            "finish_reason": self.facts.finish_reason,
            "exit_code": self.exit_code,
            "exit_meaning": MEANING[self.exit_code],
            "outputs": [str(p) for p in self.run.outputs],
            "sites": {self.spider_name: site},
        }

    def _write_manifest(self, manifest: dict) -> None:
        path = output_dir(self.settings) / self.spider_name / f"{self.run.run_id}.manifest.json"
        try:
            write_json_atomic(path, manifest)
            self.manifest_path = path
        except OSError as exc:
            logger.error("Cannot write the run manifest %s: %s", path, exc)
