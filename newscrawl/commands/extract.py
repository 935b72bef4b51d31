"""``scrapy extract <file-or-url> [--url URL] [--explain]``: one page -> article JSON.

Prints what a crawl of that page would export (``newscrawl.extract_article``)
as UTF-8 JSON on stdout. A file is read as bytes (its charset is detected
like a download's); give ``--url`` for the address it was saved from
(default ``http://localhost/<file name>``). An http(s) argument is fetched
through Scrapy with the project's settings (robots.txt, User-Agent ...).
When one of the project's site spiders covers the URL's host (its
``allowed_domains``), its ``site_rules`` and site name apply, as in a crawl.
``--explain`` writes, block by block, what was kept or dropped and why, on
stderr, so stdout stays valid JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import scrapy
from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.url import url_is_from_any_domain

from newscrawl.extract.article import explain_article, parse_article
from newscrawl.extract.page import EmptyPage, load_page
from newscrawl.spiders.base import served_at


class _FetchOnce(scrapy.Spider):
    """Downloads one URL and hands the response to ``sink``."""

    name = "newscrawl-extract"

    def __init__(self, url: str, sink: list, **kwargs):
        super().__init__(**kwargs)
        self.url = url
        self.sink = sink

    async def start(self):
        yield scrapy.Request(self.url, callback=self.keep, errback=self.failed, dont_filter=True)

    def keep(self, response):
        self.sink.append(response)

    def failed(self, failure):
        self.logger.error("Could not fetch %s: %s", self.url, failure.value)


class Command(ScrapyCommand):
    requires_project = True

    def syntax(self) -> str:
        return "<file-or-url> [--url URL] [--explain]"

    def short_desc(self) -> str:
        return "Print the article newscrawl extracts from one page, as JSON"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="URL the saved file was fetched from")
        parser.add_argument(
            "--explain", action="store_true", help="show every block kept/dropped and why (stderr)"
        )

    def process_options(self, args, opts) -> None:
        super().process_options(args, opts)
        if not opts.loglevel:
            self.settings.set("LOG_LEVEL", "WARNING", priority="cmdline")

    def run(self, args, opts) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one file or URL")
        target = args[0]
        if target.startswith(("http://", "https://")):
            html, content_type, url, served = self._fetch(target)
            if html is None:
                self.exitcode = 1
                return
        else:
            path = Path(target)
            if not path.is_file():
                raise UsageError(f"no such file: {target}")
            html, content_type, url = path.read_bytes(), None, f"http://localhost/{path.name}"
            served = None  # a saved page: its own "today" bar or copyright dates it
        url = opts.url or url
        spider = self._site_spider(url)
        if opts.explain and spider is not None:
            print(f"site: {spider.name} (its site rules apply)", file=sys.stderr)
        self.exitcode = _print_article(
            html,
            url,
            content_type,
            explain=opts.explain,
            site=spider.name if spider else None,
            rules=getattr(spider, "site_rules", None),
            served=served,
        )

    def _site_spider(self, url: str):
        """The project's site spider for ``url``'s host (the most specific
        ``allowed_domains`` entry wins), so that its ``site_rules`` and site
        name apply as in a crawl; None for a host no site spider covers."""
        loader = self.crawler_process.spider_loader
        best, best_len = None, -1
        for name in loader.list():
            spider = loader.load(name)
            for domain in getattr(spider, "allowed_domains", None) or ():
                if len(domain) > best_len and url_is_from_any_domain(url, [domain]):
                    best, best_len = spider, len(domain)
        return best

    def _fetch(self, url: str):
        """Fetch ``url`` with Scrapy: (body bytes, content type, final url, when
        served), or Nones."""
        # A one-page fetch: no feeds, no run bookkeeping, no incremental skipping.
        for name in ("FEEDS", "EXTENSIONS", "DOWNLOADER_MIDDLEWARES", "ITEM_PIPELINES"):
            self.settings.set(name, {}, priority="cmdline")
        sink: list = []
        self.crawler_process.crawl(_FetchOnce, url=url, sink=sink)
        self.crawler_process.start()
        if not sink:
            return None, None, None, None
        response = sink[0]
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        return response.body, content_type, response.url, served_at(response)


def _print_article(
    html, url: str, content_type: str | None, *, explain: bool, site=None, rules=None, served=None
) -> int:
    try:
        page = load_page(html, url, content_type)
        article = parse_article(page, url, site=site, rules=rules, served=served)
        article, decisions = explain_article(article)
    except EmptyPage:
        print(f"empty page: {url}", file=sys.stderr)
        return 1
    if explain:
        for d in decisions:
            reason = d["reason"] or ""
            print(
                f"{d['action'].upper():4}  {d['stage']:<16} {reason:<12} {d['text'][:90]}",
                file=sys.stderr,
            )
    sys.stdout.buffer.write(json.dumps(article, ensure_ascii=False, indent=2).encode("utf-8"))
    sys.stdout.buffer.write(b"\n")
    sys.stdout.flush()
    return 0
