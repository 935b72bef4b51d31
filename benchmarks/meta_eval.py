"""Publication dates and authors of the dev corpus against hand labels.

``benchmarks/dev_labels.json`` labels, by hand, the publication date and the
credited authors of every page of ``../shared/corpus/dev`` (see its
``about``; no extractor was run to make them). This scores
``newscrawl.extract_article`` (or, for comparison, htmldate's date or
trafilatura's date and author) on them.

Dates (``datePublished``), on the pages that show one:

- right: the day equals the label (a ``YYYY-MM`` label: the month);
- wrong: another day; missed: no date although the page shows one;
- spurious: a date on a page labelled ``null`` (it shows none).

Reported for all pages and for the 83 "hard" ones, whose date is not in
structured data, ``<meta>`` tags, ``<time>`` elements, a date class, the
dateline right by the headline or the URL (newscrawl's last resorts).

Authors, on every page: names are compared case-insensitively, spacing and
Unicode forms aside. A page's list is

- exact: every labelled author given, and nothing else but optional names
  (``authors_optional``), or a non-person credit (``org_credit``) on a page
  that credits no person;
- missing: a labelled author not given; extra: a name given that is none of
  those (both can hold on one page).

Run from the project root, ``../shared`` beside it::

    python benchmarks/meta_eval.py [--extractor newscrawl|htmldate|trafilatura] [--list]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LABELS = Path(__file__).with_name("dev_labels.json")
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def newscrawl_meta(html: str, url: str) -> tuple[str | None, list[str] | None]:
    from newscrawl.extract import extract_article

    article = extract_article(html, url)
    return article.get("datePublished"), [a["name"] for a in article.get("authors") or []]


def htmldate_meta(html: str, url: str) -> tuple[str | None, list[str] | None]:
    from htmldate import find_date

    found = find_date(html.encode("utf-8"), extensive_search=True, original_date=True, url=url)
    return found, None


def trafilatura_meta(html: str, url: str) -> tuple[str | None, list[str] | None]:
    from trafilatura import extract_metadata

    meta = extract_metadata(html, default_url=url)
    if meta is None:
        return None, []
    names = [n.strip() for n in (meta.author or "").split(";") if n.strip()]
    return meta.date, names


EXTRACTORS = {
    "newscrawl": newscrawl_meta,
    "htmldate": htmldate_meta,
    "trafilatura": trafilatura_meta,
}


def name_key(name: str) -> str:
    """A name as compared: Unicode-normalised, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split()).strip(".,;:")


def date_verdict(want: str | None, got: str | None) -> str:
    got = (got or "")[:10]
    if want is None:
        return "spurious" if got else "none_right"
    if not got:
        return "missed"
    return "right" if got[: len(want)] == want else "wrong"


def author_verdicts(label: dict, names: list[str]) -> set[str]:
    """``{"exact"}``, or some of ``{"missing", "extra"}``."""
    required = {name_key(n) for n in label["authors"]}
    allowed = required | {name_key(n) for n in label["authors_optional"]}
    if not required:
        allowed |= {name_key(n) for n in label["org_credit"]}
    given = {name_key(n) for n in names}
    out = set()
    if required - given:
        out.add("missing")
    if given - allowed:
        out.add("extra")
    return out or {"exact"}


def date_summary(rows: list[tuple[dict, str]], title: str) -> str:
    counts = {v: 0 for v in ("right", "wrong", "missed", "spurious", "none_right")}
    for _label, verdict in rows:
        counts[verdict] += 1
    shown = counts["right"] + counts["wrong"] + counts["missed"]
    return (
        f"  {title}: {len(rows)} pages, {shown} show a date: right to the day "
        f"{counts['right']}/{shown} ({100 * counts['right'] / max(shown, 1):.1f}%), wrong "
        f"{counts['wrong']}, missed {counts['missed']}; showing none: "
        f"{counts['none_right']} without a date, {counts['spurious']} with one"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extractor", choices=sorted(EXTRACTORS), default="newscrawl")
    ap.add_argument("--list", action="store_true", help="print every page that is not right")
    args = ap.parse_args()
    gold_file = CORPUS / "gold.jsonl"
    if not gold_file.exists():
        print("../shared/corpus/dev is not present", file=sys.stderr)
        return 2
    gold = {row["id"]: row for row in map(json.loads, gold_file.read_text("utf-8").splitlines())}
    labels = json.loads(LABELS.read_text("utf-8"))["labels"]
    find = EXTRACTORS[args.extractor]
    dates, authors, problems = [], [], []
    for label in labels:
        row = gold[label["id"]]
        with gzip.open(CORPUS / "html" / f"{row['id']}.html.gz", "rb") as f:
            html = f.read().decode(row["encoding"] or "utf-8", "replace")
        date, names = find(html, row["url"] or "http://localhost/")
        verdict = date_verdict(label["date"], date)
        dates.append((label, verdict))
        if verdict not in ("right", "none_right"):
            problems.append(f"  date {verdict:8s} {label['id']}: label {label['date']}, got {date}")
        if names is not None:
            verdicts = author_verdicts(label, names)
            authors.append(verdicts)
            if "exact" not in verdicts:
                problems.append(
                    f"  authors {'+'.join(sorted(verdicts)):13s} {label['id']}: label "
                    f"{label['authors']} (optional {label['authors_optional']}, "
                    f"org {label['org_credit']}), got {names}"
                )
    print(f"{args.extractor}, dev corpus ({len(labels)} pages):")
    print(date_summary(dates, "datePublished, all pages"))
    print(date_summary([d for d in dates if d[0].get("hard")], "datePublished, hard pages"))
    if authors:
        exact = sum("exact" in v for v in authors)
        credited = [v for v, label in zip(authors, labels, strict=True) if label["authors"]]
        print(
            f"  authors: exact list on {exact}/{len(authors)} pages "
            f"({100 * exact / len(authors):.1f}%); on the {len(credited)} pages crediting "
            f"a person {sum('exact' in v for v in credited)}; missing a name on "
            f"{sum('missing' in v for v in authors)}, an extra name on "
            f"{sum('extra' in v for v in authors)}"
        )
    if args.list:
        print("\n".join(problems))
    return 0


if __name__ == "__main__":
    sys.exit(main())
