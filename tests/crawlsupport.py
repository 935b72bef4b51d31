"""Crawl-test support: templated fixture sites and one-call crawls with stats.

``serve_fixture(name, tmp_path, **values)`` copies ``tests/sites/<name>`` to
``tmp_path``, replacing ``{{BASE}}`` (the server's own URL), ``{{PORT}}`` and
any ``{{KEY}}`` given, and returns a ``LoopbackSite`` ready to start.
``crawl(args, tmp_path)`` runs a real ``scrapy`` subprocess with ``FAST``
settings, output and state inside ``tmp_path``, and returns its items, the
stats it logged and the log itself.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import FAST, LoopbackSite, read_jsonl, run_scrapy

SITES = Path(__file__).resolve().parent / "sites"
_STAT = re.compile(r"^ *['\"]([^'\"]+)['\"]: (\d+),?$", re.M)


def serve_fixture(name: str, tmp_path: Path, **values: str) -> LoopbackSite:
    """A loopback server for a copy of ``tests/sites/<name>`` with placeholders filled."""
    root = tmp_path / "sites" / name
    shutil.copytree(SITES / name, root)
    site = LoopbackSite(root)
    values = {
        "BASE": site.url,
        "PORT": site.url.rsplit(":", 1)[1],
        "RECENT": (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="seconds"),
        **values,
    }
    for path in root.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            for key, value in values.items():
                text = text.replace("{{" + key + "}}", value)
            path.write_text(text, encoding="utf-8")
    return site


@dataclass
class Crawl:
    returncode: int
    items: list[dict]
    stats: dict[str, int]
    log: str

    def stat(self, name: str) -> int:
        return self.stats.get(name, 0)

    def urls(self) -> set[str]:
        return {item["url"] for item in self.items}


def parse_stats(log: str) -> dict[str, int]:
    """The integer stats of the ``Dumping Scrapy stats`` block(s) of a crawl log."""
    stats: dict[str, int] = {}
    for block in log.split("Dumping Scrapy stats:")[1:]:
        for key, value in _STAT.findall(block.split("Spider closed", 1)[0]):
            stats[key] = stats.get(key, 0) + int(value)
    return stats


def crawl(args: list[str], tmp_path: Path, timeout: int = 90) -> Crawl:
    """``scrapy <args>`` through the real engine; output and state under ``tmp_path``."""
    out = tmp_path / "output"
    settings = [
        "-s", f"NEWSCRAWL_OUTPUT_DIR={out}",
        "-s", f"NEWSCRAWL_STATE_URI=sqlite:///{tmp_path / 'state' / 'state.db'}",
        "-s", "RETRY_ENABLED=False",
    ]  # fmt: skip
    proc = run_scrapy([*args, *FAST, *settings], timeout=timeout)
    items = [item for path in sorted(out.rglob("*.jsonl")) for item in read_jsonl(path)]
    return Crawl(proc.returncode, items, parse_stats(proc.stderr), proc.stderr)


def page_paths(hits: list[str]) -> set[str]:
    """Hit paths without query strings."""
    return {h.split("?", 1)[0] for h in hits}
