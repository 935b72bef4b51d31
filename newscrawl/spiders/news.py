"""The generic spider: ``scrapy crawl news -a url=https://example.com/section/``.

Crawls any news site with the base spider's discovery, kept inside the given
URL prefix (scheme, host, port and path): the host's robots.txt and the
sitemaps/feeds it names are read, but only in-prefix articles and listing pages
are fetched. Several prefixes: ``-a urls=URL1,URL2`` or ``-a url_file=FILE``
(one URL a line, ``#`` comments).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from newscrawl import discovery
from newscrawl.spiders.base import NewsSpider, _as_list


def scope_prefix(url: str) -> str:
    """The scope of a start URL: ``/a/b/page.html`` → ``/a/b/``; no query or fragment."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    last = path.rsplit("/", 1)[-1]
    if "." in last:
        path = path[: len(path) - len(last)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))


class GenericNewsSpider(NewsSpider):
    name = "news"
    follow_unknown_links = True

    @classmethod
    def check_arguments(cls, spargs: dict) -> str | None:
        """A usage problem with the ``-a`` arguments, or None (used by ``scrapy crawl``)."""
        if not any(spargs.get(k) for k in ("url", "urls", "url_file")):
            return "the news spider needs -a url=https://site/section/ (or urls=, url_file=)"
        return None

    def __init__(self, url=None, urls=None, url_file=None, *args, **kwargs):
        start = _as_list(url) + _as_list(urls)
        if url_file:
            lines = Path(url_file).read_text(encoding="utf-8").splitlines()
            start += [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]
        if not start:
            raise ValueError(self.check_arguments({}))
        kwargs.setdefault("scope_prefixes", [scope_prefix(u) for u in start])
        kwargs.setdefault("listing_urls", start)
        roots = dict.fromkeys(discovery.root_url(u, "/robots.txt") for u in start)
        kwargs.setdefault("sitemap_urls", list(roots))
        kwargs.setdefault("allowed_domains", sorted({urlsplit(u).hostname for u in start}))
        super().__init__(*args, **kwargs)

    def site_name(self, url: str) -> str:
        """Items of the generic spider name the site by its host."""
        return urlsplit(url).hostname or self.name
