"""Shared test fixtures: loopback HTTP servers and a real ``scrapy`` subprocess.

Everything here talks to 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = PROJECT_ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "dev"


class _Handler(SimpleHTTPRequestHandler):
    """Serves a folder; ``server.overrides`` maps a path to (status, headers, body)."""

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def do_GET(self):
        self.server.hits.append(self.path)
        override = self.server.overrides.get(self.path.split("?", 1)[0])
        if override is None:
            return super().do_GET()
        status, headers, body = override
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def guess_type(self, path):
        if str(path).endswith(".xml"):
            return "application/xml"
        return super().guess_type(path)


class LoopbackSite:
    """A real HTTP server on 127.0.0.1 serving ``root`` on a free port."""

    def __init__(self, root: Path):
        handler = lambda *a, **kw: _Handler(*a, directory=str(root), **kw)  # noqa: E731
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.overrides = {}
        self.server.hits = []
        self.root = root
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def hits(self) -> list[str]:
        return self.server.hits

    def override(self, path: str, status: int = 200, body: bytes = b"", headers=None):
        """Answer ``path`` with a fixed status/body instead of the file."""
        self.server.overrides[path] = (status, dict(headers or {}), body)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def loopback_site():
    """Factory: ``with loopback_site(folder) as site: site.url``."""
    return LoopbackSite


def run_scrapy(args, cwd=PROJECT_ROOT, env=None, timeout=180, check=False):
    """Run ``scrapy <args>`` in a real subprocess from the project folder."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env.setdefault("PYTHONPATH", str(PROJECT_ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"scrapy {args} exited {proc.returncode}:\n{proc.stderr[-4000:]}")
    return proc


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# Settings that make test crawls fast but keep every component switched on.
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"]
