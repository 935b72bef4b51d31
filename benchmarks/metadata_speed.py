"""Time and coverage of ``extract_metadata`` over the dev corpus.

Run from the project root:

    python benchmarks/metadata_speed.py [--corpus ../shared/corpus/dev] [--repeat 3]

Prints, per page medians: a bare ``lxml.html.fromstring`` parse, ``load_page``
(the shared parse), ``extract_metadata`` on a freshly loaded page (it pays for
reading JSON-LD, microdata and meta tags), and ``detect_language``; then how
many pages got a ``datePublished`` (by source) and the language accuracy against
the gold ``lang`` field, with the page's own text and with the gold body text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newscrawl.extract import dates  # noqa: E402
from newscrawl.extract.metadata import detect_language, extract_metadata  # noqa: E402
from newscrawl.extract.page import load_page  # noqa: E402

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def bare_parse(html: str):
    """The baseline: what ``../shared/eval/extract_eval.py`` times."""
    try:
        return lxml.html.fromstring(html)
    except ValueError:  # str input with an XML encoding declaration
        return lxml.html.fromstring(_XML_DECL.sub("", html, count=1))


def best_of(repeat: int, func):
    """Smallest wall time of ``repeat`` calls (seconds) and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def fresh_metadata(page):
    """``extract_metadata`` without help from the date cache of earlier calls."""
    dates._dateparser_parse.cache_clear()
    return extract_metadata(page)


def measure(row: dict, html: str, repeat: int) -> dict:
    url = row["url"] or "https://unknown.invalid/"
    bare, _ = best_of(repeat, lambda: bare_parse(html))
    load, _ = best_of(repeat, lambda: load_page(html, url))
    pages = [load_page(html, url) for _ in range(repeat)]
    meta_time, meta = best_of(repeat, lambda: fresh_metadata(pages.pop()))
    page = load_page(html, url)
    declared = meta.signals["declared_language"]
    lang_time, (lang_page, _src) = best_of(repeat, lambda: detect_language(page, "", declared))
    lang_gold, _src = detect_language(page, row["body"], declared)
    return {
        "bare": bare, "load": load, "meta": meta_time, "lang": lang_time,
        "date_source": meta.sources.get("datePublished"),
        "lang_page": lang_page == row["lang"], "lang_gold": lang_gold == row["lang"],
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="../shared/corpus/dev")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = Path(args.corpus)
    rows = [json.loads(line) for line in (corpus / "gold.jsonl").read_text("utf-8").splitlines()]
    results = []
    for row in rows:
        with gzip.open(corpus / "html" / f"{row['id']}.html.gz", "rb") as f:
            html = f.read().decode(row["encoding"], "replace")
        results.append(measure(row, html, args.repeat))

    def median_ms(key):
        return statistics.median(r[key] for r in results) * 1000

    ratio = statistics.median(r["meta"] / r["bare"] for r in results)
    print(f"pages: {len(results)}")
    print(f"bare lxml.html.fromstring: {median_ms('bare'):.2f} ms median")
    print(f"load_page (shared parse):  {median_ms('load'):.2f} ms median")
    print(f"extract_metadata:          {median_ms('meta'):.2f} ms median, {ratio:.2f}x bare parse")
    print(f"detect_language:           {median_ms('lang'):.2f} ms median")
    sources = Counter(r["date_source"] for r in results)
    dated = sum(n for source, n in sources.items() if source)
    print(f"datePublished found: {dated}/{len(results)} by source {dict(sources.most_common())}")
    for key, label in (("lang_page", "page text"), ("lang_gold", "gold body text")):
        right = sum(r[key] for r in results)
        print(f"language accuracy ({label}): {right}/{len(results)} = {right / len(results):.3f}")


if __name__ == "__main__":
    main()
