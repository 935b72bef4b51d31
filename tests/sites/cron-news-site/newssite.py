"""A news site for two-run crawls with the real ``news`` spider, built in ``tmp_path``.

:class:`NewsSite` writes ``robots.txt`` (with a ``Sitemap:`` line), ``sitemap.xml``
(one ``<url>`` with ``lastmod`` per article), the listing page ``/news/`` and one
page per article under ``/news/2025/03/``, from the templates in this folder.
Tests add, edit and re-write articles between runs; :meth:`NewsSite.write`
replaces every file atomically, so a running server never serves half a page.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
PUBLISHED = "2025-03-01T08:00:00+00:00"
# A marketing box with innocuous markup: no class, no teaser phrase. Only its
# recurrence across articles of the site gives it away.
MARKETING_BOX = (
    "The Ledger has kept correspondents in eleven cities of the region since 1998,"
    " and every one of them lives in the place they write about."
)
PAYWALL_PROMPT = "Subscribe to continue reading"

_SUBJECTS = (
    "The port authority", "Farmers near the river", "The central bank", "Local officials",
    "Aid workers", "The ministry of water", "Residents of the old city", "Union leaders",
    "Shipping firms", "University researchers", "The regional governor", "Fishermen",
)  # fmt: skip
_VERBS = (
    "said on Tuesday that", "warned that", "expect that", "reported that", "agreed that",
    "argued in a statement that", "told reporters that", "confirmed that",
)  # fmt: skip
_CLAUSES = (
    "the new desalination plant will double supply by next summer",
    "wheat prices have risen for the third month in a row",
    "the ceasefire along the northern border is holding",
    "the tender for the rail corridor will reopen in April",
    "electricity cuts have shortened to four hours a day",
    "the olive harvest came in well below last year's",
    "talks over the canal tariffs will resume after the holiday",
    "the museum will reopen its archaeology wing to visitors",
    "hospital wards in the south are short of basic supplies",
    "the drought has pushed herders towards the coast",
    "a solar farm in the desert has started feeding the grid",
    "inflation eased slightly in February after a long climb",
)  # fmt: skip


def paragraphs_for(seed: str, count: int = 4) -> list[str]:
    """Distinct, readable paragraphs (about 45 words each) for one article."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        sentences = [
            f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_CLAUSES)}."
            for _ in range(3)
        ]
        out.append(" ".join(sentences) + f" ({seed}, note {rng.randrange(10_000)})")
    return out


@dataclass
class Article:
    slug: str
    title: str
    paragraphs: list[str]
    modified: str = PUBLISHED
    lastmod: str = PUBLISHED
    free: bool = True
    word_count: int | None = None
    box: bool = False  # the recurring marketing box after the body
    after: str = ""  # a block after the box, e.g. the paywall prompt
    extra: dict = field(default_factory=dict)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class NewsSite:
    """The site's files under ``root``, served under ``/news/`` by a loopback server."""

    def __init__(self, root: Path, disallow_all: bool = False):
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self.base_url = ""
        self.disallow_all = disallow_all
        self.articles: dict[str, Article] = {}

    def add(self, slug: str, **kwargs) -> Article:
        """A new free article with distinct text; ``kwargs`` override :class:`Article` fields."""
        title = slug.replace("-", " ").capitalize()
        article = Article(slug, title, paragraphs_for(slug), **kwargs)
        self.articles[slug] = article
        return article

    def edit(self, slug: str, text: str) -> Article:
        """Append a paragraph; move ``dateModified`` and the sitemap ``lastmod`` to now."""
        article = self.articles[slug]
        article.paragraphs.append(text)
        article.modified = article.lastmod = now_iso()
        return article

    def path(self, slug: str) -> str:
        return f"/news/2025/03/{slug}.html"

    def url(self, slug: str) -> str:
        return self.base_url + self.path(slug)

    @property
    def start_url(self) -> str:
        return self.base_url + "/news/"

    # -- writing -------------------------------------------------------------
    def write(self, base_url: str) -> None:
        """(Re)write robots.txt, the sitemap, the listing and every article page."""
        self.base_url = base_url
        template = (HERE / "article.html.tmpl").read_text(encoding="utf-8")
        for article in self.articles.values():
            self._put(self.path(article.slug), self._article_html(template, article))
        links = "\n".join(
            f'<li><a href="{self.path(a.slug)}">{a.title}</a></li>' for a in self.articles.values()
        )
        listing = (HERE / "listing.html.tmpl").read_text(encoding="utf-8")
        self._put("/news/index.html", listing.format(links=links))
        entries = "\n".join(
            f"<url><loc>{self.url(a.slug)}</loc><lastmod>{a.lastmod}</lastmod></url>"
            for a in self.articles.values()
        )
        self._put(
            "/sitemap.xml",
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}\n</urlset>\n',
        )
        rule = "Disallow: /" if self.disallow_all else "Allow: /"
        self._put("/robots.txt", f"User-agent: *\n{rule}\n\nSitemap: {base_url}/sitemap.xml\n")

    def _article_html(self, template: str, a: Article) -> str:
        jsonld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": a.title,
            "datePublished": PUBLISHED,
            "dateModified": a.modified,
            "isAccessibleForFree": a.free,
            "author": {"@type": "Person", "name": "Rana Haddad"},
            "publisher": {"@type": "Organization", "name": "Levant Ledger"},
            **({"wordCount": a.word_count} if a.word_count else {}),
            **a.extra,
        }
        return template.format(
            title=a.title,
            canonical=self.url(a.slug),
            description=a.paragraphs[0][:150],
            published=PUBLISHED,
            modified=a.modified,
            jsonld=json.dumps(jsonld, indent=1),
            paragraphs="\n".join(f"<p>{p}</p>" for p in a.paragraphs),
            box=f"<div><p>{MARKETING_BOX}</p></div>" if a.box else "",
            after=f"<p>{a.after}</p>" if a.after else "",
        )

    def _put(self, path: str, text: str) -> None:
        target = self.root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)


# -- running the real `news` spider, default pipelines, state and output in tmp_path --
def news_args(tmp_path: Path, start_url: str, *extra: str) -> list[str]:
    """``scrapy crawl news -a url=...`` with state and output inside ``tmp_path``."""
    return [
        "crawl", "news", "-a", f"url={start_url}",
        "-s", f"NEWSCRAWL_STATE_URI=sqlite:///{tmp_path}/state/newscrawl.db",
        "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path}/output",
        "-s", "DOWNLOAD_DELAY=0",
        "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "RETRY_TIMES=0",
        "-s", "LOG_LEVEL=INFO",
        *extra,
    ]  # fmt: skip


def news_outputs(tmp_path: Path) -> list[Path]:
    """The final JSONL files of the ``news`` spider, oldest run first."""
    return sorted((tmp_path / "output" / "news").glob("*.jsonl"))


def news_manifests(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "output" / "news").glob("*.manifest.json"))


def article_hits(hits: list[str]) -> set[str]:
    """Article pages the server was asked for (not robots, sitemap or listing)."""
    return {h.split("?", 1)[0] for h in hits if h.startswith("/news/2025/")}
