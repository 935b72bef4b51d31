"""Where the time of ``extract_article`` goes, per page, against a bare parse.

Run from the project root (reads ../shared/corpus at run time)::

    python benchmarks/extract_speed.py [--limit 120]

Prints the median milliseconds per page of each step and its multiple of a
bare ``lxml.html.fromstring`` of the same page: load_page (decode + parse),
metadata (all but the dates and authors), DOM chrome stripping + main text
(the walk, which also notes the date and byline elements), the dates and
authors, language, block cleaning, and the whole ``extract_article``. Times
are CPU time of this process (``time.process_time``), so other work on the
machine does not count; each step runs once per page in the order above (the
main-text step meets a new site's class names first, ``extract_article``
last).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newscrawl.extract import article as art  # noqa: E402
from newscrawl.extract.page import load_page  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


def load(limit: int) -> list[tuple[str, str]]:
    with open(CORPUS / "gold.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    step = max(1, len(rows) // limit)
    pages = []
    for row in rows[::step][:limit]:
        raw = gzip.open(CORPUS / "html" / f"{row['id']}.html.gz").read()
        pages.append((raw.decode(row.get("encoding") or "utf-8", "replace"), row["url"] or ""))
    return pages


def timed(func, *args):
    start = time.process_time()
    result = func(*args)
    return result, time.process_time() - start


def measure(html: str, url: str) -> dict[str, float]:
    url = url or "http://localhost/"
    _, bare = timed(lxml.html.fromstring, html.encode("utf-8"))
    page, t_load = timed(load_page, html, url)
    meta, t_meta = timed(art._start_metadata, page)
    rules = art.SiteRules()
    walk, t_walk = timed(art._walk, page, meta.signals, rules, meta.fields.get("headline"))
    _, t_dates = timed(art._finish_metadata, meta, page)
    (blocks, dropped, cues), t_body = timed(art._main_text, page, walk, meta.signals, rules)
    body = art.blocks_text(blocks)
    _, t_lang = timed(art._language, page, body, meta.signals, dict(meta.sources))
    raw = {
        "url": url,
        "articleBodyHtml": art.blocks_html(blocks),
        "headline": meta.fields.get("headline"),
        "_signals": {**cues, "dom_dropped": [d.as_dict() for d in dropped]},
    }
    _, t_clean = timed(art.clean_article, raw)
    _, t_all = timed(art.extract_article, html, url)
    return {
        "bare parse": bare,
        "load_page": t_load,
        "metadata": t_meta,
        "chrome+main text": t_walk + t_body,
        "dates+authors": t_dates,
        "language": t_lang,
        "clean": t_clean,
        "extract_article": t_all,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=120)
    args = parser.parse_args()
    pages = load(args.limit)
    measure(*pages[0])  # warm-up: imports, caches
    rows = [measure(html, url) for html, url in pages]
    bare = statistics.median(r["bare parse"] for r in rows)
    print(f"{len(rows)} pages; bare lxml parse median {bare * 1000:.2f} ms")
    for step in rows[0]:
        med = statistics.median(r[step] for r in rows)
        print(f"{step:<18} {med * 1000:8.2f} ms  {med / bare:6.1f} x parse")


if __name__ == "__main__":
    main()
