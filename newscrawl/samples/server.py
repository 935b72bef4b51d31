"""A loopback HTTP server for the sample sites (``http.server`` in a thread).

A request for ``/<host>/<path>`` is answered from ``sites/<host>/<path>``;
extension-less paths (``/originals/2024/05/slug``, ``/rss``) are looked up as
``<path>.html`` then ``<path>.xml``, so the sample sites can use the URL shapes
of the real outlets. Query strings are ignored.
"""

from __future__ import annotations

import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newscrawl.samples import SITES_DIR

_TYPES = {".xml": "application/xml", ".atom": "application/atom+xml", ".txt": "text/plain"}


class _SampleHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the crawl log says enough
        pass

    def translate_path(self, path):
        base = Path(self.directory)
        rel = unquote(urlsplit(path).path).lstrip("/")
        target = (base / rel).resolve()
        if base.resolve() not in target.parents and target != base.resolve():
            return str(base / "__outside__")
        if target.is_dir() or target.is_file():
            return str(target)
        for suffix in (".html", ".xml"):
            candidate = target.with_name(target.name + suffix)
            if candidate.is_file():
                return str(candidate)
        return str(target)

    def guess_type(self, path):
        suffix = Path(str(path)).suffix.lower()
        if suffix == ".html":
            return "text/html; charset=utf-8"
        return _TYPES.get(suffix) or super().guess_type(path)


class SampleServer:
    """The bundled sample sites on a loopback port: ``with SampleServer() as server:``
    serves ``https://www.al-monitor.com/rss`` at ``{server.url}/www.al-monitor.com/rss``."""

    def __init__(self, root: Path = SITES_DIR, port: int = 0):
        handler = lambda *a, **kw: _SampleHandler(*a, directory=str(root), **kw)  # noqa: E731
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> SampleServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
