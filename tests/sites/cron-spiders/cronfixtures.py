"""Builds and edits the cron-grade test site in a test's ``tmp_path``.

The article template is ``tests/sites/cron-news/article.html.tmpl``; the
sitemap lists every article with its ``lastmod``, which an edit moves to now.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent / "cron-news" / "article.html.tmpl"
PUBLISHED = "2025-03-01T08:00:00+00:00"
_WORDS = (
    "minister talks border ceasefire parliament election port harbour drought wheat prices"
    " protest court ruling envoy summit oil pipeline refinery tourism museum festival"
    " earthquake relief aid convoy shipping canal tariff currency bank inflation budget"
    " university students hospital doctors vaccine river dam electricity grid solar wind"
    " desert farmers olive harvest coast fishing navy airport airline strike union mayor"
).split()


@dataclass
class Article:
    slug: str
    title: str
    paragraphs: list[str]
    modified: str = PUBLISHED
    lastmod: str = PUBLISHED
    access: str = "free"
    extra_head: str = ""


class CronSite:
    """A folder of article pages plus ``sitemap.xml``, rewritten by :meth:`write`."""

    def __init__(self, root: Path, count: int = 0):
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self.base_url = ""
        self.articles: dict[str, Article] = {}
        for i in range(count):
            self.add(f"story-{i:03d}")

    def add(self, slug: str) -> Article:
        rng = random.Random(slug)  # distinct bodies, so in-run dedupe keeps them apart
        paragraphs = [" ".join(rng.choices(_WORDS, k=40)).capitalize() + "." for _ in range(3)]
        article = Article(slug, f"Report on {slug.replace('-', ' ')}", paragraphs)
        self.articles[slug] = article
        return article

    def edit(self, slug: str, text: str) -> Article:
        """Append a paragraph and move ``dateModified`` and the sitemap ``lastmod`` to now."""
        article = self.articles[slug]
        article.paragraphs.append(text)
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        article.modified = article.lastmod = now
        return article

    def url(self, slug: str) -> str:
        return f"{self.base_url}/news/{slug}.html"

    def write(self, base_url: str) -> None:
        """(Re)write every page and the sitemap for a server at ``base_url``."""
        self.base_url = base_url
        template = TEMPLATE.read_text(encoding="utf-8")
        (self.root / "news").mkdir(exist_ok=True)
        entries = []
        for a in self.articles.values():
            html = template.format(
                title=a.title,
                canonical=self.url(a.slug),
                published=PUBLISHED,
                modified=a.modified,
                access=a.access,
                extra_head=a.extra_head,
                paragraphs="\n".join(f"<p>{p}</p>" for p in a.paragraphs),
            )
            (self.root / "news" / f"{a.slug}.html").write_text(html, encoding="utf-8")
            entries.append(
                f"<url><loc>{self.url(a.slug)}</loc><lastmod>{a.lastmod}</lastmod></url>"
            )
        sitemap = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(entries)
            + "\n</urlset>\n"
        )
        tmp = self.root / "sitemap.xml.tmp"
        tmp.write_text(sitemap, encoding="utf-8")
        tmp.replace(self.root / "sitemap.xml")


# -- running the project's crawl command against the test site ----------------
SPIDERS_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = SPIDERS_DIR.parent.parent.parent
# The project's pipelines that the run machinery relies on (versioning between
# the in-run dedupe and the schema check), independent of the extraction ones.
PIPELINES = (
    '{"newscrawl.pipelines.dedupe.DedupePipeline": 400,'
    ' "newscrawl.pipelines.state.StatePipeline": 600,'
    ' "newscrawl.pipelines.validate.SchemaValidationPipeline": 900}'
)


def crawl_args(tmp_path: Path, url: str | None = None, spider: str = "cronsite", *extra: str):
    """``scrapy crawl`` arguments with state and output inside ``tmp_path``."""
    args = ["crawl", spider] if spider else []
    if url:
        args += ["-a", f"url={url}"]
    return [*args, *settings_args(tmp_path), *extra]


def settings_args(tmp_path: Path) -> list[str]:
    return [
        "-s", "SPIDER_MODULES=cronspiders",
        "-s", f"NEWSCRAWL_STATE_URI=sqlite:///{tmp_path}/state/newscrawl.db",
        "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path}/output",
        "-s", f"ITEM_PIPELINES={PIPELINES}",
        "-s", "DOWNLOAD_DELAY=0",
        "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "RETRY_TIMES=0",
        "-s", "LOG_LEVEL=INFO",
    ]  # fmt: skip


def crawl_env() -> dict:
    import os

    return {"PYTHONPATH": os.pathsep.join([str(PROJECT_ROOT), str(SPIDERS_DIR)])}


def outputs(tmp_path: Path, spider: str = "cronsite") -> list[Path]:
    """The final JSONL files of a spider, oldest run first."""
    return sorted((tmp_path / "output" / spider).glob("*.jsonl"))


def manifests(tmp_path: Path, spider: str = "cronsite") -> list[Path]:
    return sorted((tmp_path / "output" / spider).glob("*.manifest.json"))
