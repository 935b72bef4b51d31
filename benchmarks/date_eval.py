"""Publication dates where newscrawl needs its last resorts: labelled dev pages.

``benchmarks/dev_dates.json`` labels, by hand, the publication date shown on
the 83 pages of ``../shared/corpus/dev`` whose date is not in structured data,
``<meta>`` tags, ``<time>`` elements, a date class, the dateline right by the
headline or the URL (see its ``about``). This scores ``datePublished`` of
``newscrawl.extract_article`` on them:

- right: the day equals the label (a ``YYYY-MM`` label: the month);
- wrong: another day; missed: no date although the page shows one;
- spurious: a date on a page labelled ``null`` (it shows none).

``--extractor htmldate`` scores htmldate alone on the same pages (extensive
search, ``original_date``: what newscrawl used as its last resort before the
text scan), for comparison. Run from the project root, ``../shared`` beside it::

    python benchmarks/date_eval.py [--extractor newscrawl|htmldate] [--list]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LABELS = Path(__file__).with_name("dev_dates.json")
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def newscrawl_date(html: str, url: str) -> str | None:
    from newscrawl.extract import extract_article

    return extract_article(html, url).get("datePublished")


def htmldate_date(html: str, url: str) -> str | None:
    from htmldate import find_date

    return find_date(html.encode("utf-8"), extensive_search=True, original_date=True, url=url)


def score(labels: list[dict], dates: dict[str, str | None]) -> dict:
    """Counts of right/wrong/missed (pages showing a date) and spurious (none shown)."""
    out = {"right": 0, "wrong": 0, "missed": 0, "spurious": 0, "none_right": 0, "pages": []}
    for label in labels:
        want, got = label["date"], (dates.get(label["id"]) or "")[:10]
        if want is None:
            verdict = "spurious" if got else "none_right"
        elif not got:
            verdict = "missed"
        else:
            verdict = "right" if got[: len(want)] == want else "wrong"
        out[verdict] += 1
        out["pages"].append((label["id"], verdict, want, got))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extractor", choices=["newscrawl", "htmldate"], default="newscrawl")
    ap.add_argument("--list", action="store_true", help="print every page that is not right")
    args = ap.parse_args()
    gold_file = CORPUS / "gold.jsonl"
    if not gold_file.exists():
        print("../shared/corpus/dev is not present", file=sys.stderr)
        return 2
    gold = {row["id"]: row for row in map(json.loads, gold_file.read_text("utf-8").splitlines())}
    labels = json.loads(LABELS.read_text("utf-8"))["labels"]
    find = newscrawl_date if args.extractor == "newscrawl" else htmldate_date
    dates = {}
    for label in labels:
        row = gold[label["id"]]
        with gzip.open(CORPUS / "html" / f"{row['id']}.html.gz", "rb") as f:
            html = f.read().decode(row["encoding"] or "utf-8", "replace")
        dates[row["id"]] = find(html, row["url"] or "http://localhost/")
    result = score(labels, dates)
    shown = result["right"] + result["wrong"] + result["missed"]
    print(
        f"{args.extractor}: {len(labels)} pages, {shown} show a date: right to the day "
        f"{result['right']}/{shown} ({100 * result['right'] / shown:.1f}%), wrong "
        f"{result['wrong']}, missed {result['missed']}; pages showing none: "
        f"{result['none_right']} without a date, {result['spurious']} with one"
    )
    if args.list:
        for page_id, verdict, want, got in result["pages"]:
            if verdict not in ("right", "none_right"):
                print(f"  {verdict:8s} {page_id}: label {want}, got {got or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
