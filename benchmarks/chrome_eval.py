"""Paywall and chrome evaluation: labelled pages in ``benchmarks/chrome/``.

Runs ``newscrawl.extract_article(html, url)`` on every page listed in
``benchmarks/chrome/labels.json`` and scores it against the labels:

- must-keep %: the headline (``must_keep[0]``, looked for in ``headline``) and
  the body fragments (the rest, looked for in ``articleBody``) that are present;
- leak %: share of the must-drop strings (subscription, newsletter, promo,
  cookie, related, share, app, donation ... copy) found in ``headline``,
  ``description`` or ``articleBody``;
- duplicated blocks: ``articleBody`` blocks (blank-line separated) emitted twice;
- access accuracy (``access`` equal to the label) and paywalled recall (share
  of pages labelled ``paywalled`` that come out ``paywalled``);
- date right to the day: ``datePublished[:10]`` equal to ``date_published`` on
  the pages whose label has a date; tz kept: on the pages whose label has
  ``date_published_tz``, the exported value ends with that offset (``Z`` counts
  as ``+00:00``); spurious dates: pages labelled ``null`` (no publication date
  shown to a reader or stated in structured data) that export one anyway;
- authors exact: the list of ``authors[*].name`` equal to ``authors``, in order
  (``[]`` when the page has no byline).

Strings (author names too) are compared after Unicode NFKC, case folding,
straight quotes and whitespace folding. Run from the project root::

    python benchmarks/chrome_eval.py               # summary + per-page failures
    python benchmarks/chrome_eval.py --json out.json
    python benchmarks/chrome_eval.py --check-labels  # labels agree with the pages
    python benchmarks/chrome_eval.py --extractor trafilatura  # baseline, same pages
    python benchmarks/chrome_eval.py --set benchmarks/chrome_holdout --summary-only

``--set DIR`` scores another labelled folder with the same label format.
``benchmarks/chrome_holdout/`` is the held-out set: score it only at the end
of a round of extraction changes, with ``--summary-only`` so that its per-page
failures are not printed (it must not become something to tune on).

The trafilatura baseline (``bare_extraction``, metadata on, comments off) has
no access decision; it is scored as answering ``free`` on every page. Its
``date`` (asked for as ``%Y-%m-%dT%H:%M:%S%z``, so that an offset it found is
kept) stands for ``datePublished`` and its ``author`` string, split on ``;``,
for the authors.

Targets (issue 3): must-keep >= 98%, leak <= 1%, no duplicated block, access
>= 95%, paywalled recall >= 85%; ``datePublished`` right to the day on >= 95%
of the pages that show a date, time zone kept when the page has one; every
author a separate entry, no "By", no role suffixes, no dates in names.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newscrawl import extract_article  # noqa: E402

SET_DIR = Path(__file__).resolve().parent / "chrome"
LABELS = SET_DIR / "labels.json"
ACCESS_VALUES = ("free", "metered", "paywalled")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")
# The UTC offset that ends an ISO date-time ("...T10:41:00+03:00", "...Z").
_OFFSET = re.compile(r"[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")
_LABEL_OFFSET = re.compile(r"[+-]\d{2}:\d{2}")
_BYLINE_WORDS = ("by ", "von ", "par ")


def normalise(text: str) -> str:
    """Fold a string for comparison: NFKC, case, quotes, whitespace."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return _SPACE.sub(" ", text.casefold()).strip()


def load_labels(path: Path = LABELS) -> list[dict]:
    """The labelled pages, in file order."""
    return json.loads(path.read_text(encoding="utf-8"))["pages"]


def read_page(label: dict, set_dir: Path = SET_DIR) -> str:
    """The HTML of one labelled page."""
    return (set_dir / label["file"]).read_text(encoding="utf-8")


@dataclass
class PageResult:
    """How one page fared: what is missing, what leaked, access."""

    file: str
    access_expected: str
    access_got: str
    access_evidence: list[str]
    keep_total: int
    missing: list[tuple[str, str]] = field(default_factory=list)  # (string, field)
    drop_total: int = 0
    leaked: list[tuple[str, str]] = field(default_factory=list)  # (string, field)
    duplicated: list[str] = field(default_factory=list)
    date_expected: str | None = None  # label day, YYYY-MM-DD
    tz_expected: str | None = None  # label offset, +HH:MM
    date_got: str | None = None  # exported datePublished, as exported
    authors_expected: list[str] = field(default_factory=list)
    authors_got: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when nothing is missing, leaked or duplicated and access is right."""
        return not (self.missing or self.leaked or self.duplicated) and self.access_ok

    @property
    def access_ok(self) -> bool:
        return self.access_got == self.access_expected

    @property
    def date_ok(self) -> bool:
        """The exported day equals the label's (no date exported when the label has none)."""
        return date_day(self.date_got) == self.date_expected

    @property
    def tz_ok(self) -> bool:
        """The exported value ends with the labelled offset (True when none is labelled)."""
        return self.tz_expected is None or utc_offset(self.date_got) == self.tz_expected

    @property
    def spurious_date(self) -> bool:
        """A date exported for a page that states none (shown or structured)."""
        return self.date_expected is None and bool(self.date_got)

    @property
    def authors_ok(self) -> bool:
        """The exported names equal the labelled list, in order (folded as ``normalise``)."""
        return same_names(self.authors_got, self.authors_expected)

    def metadata_problems(self) -> list[str]:
        """The date/author disagreements with the label, one line each."""
        problems = []
        if not self.date_ok or not self.tz_ok:
            problems.append(
                f"date {self.date_got!r} (label {self.date_expected!r}, tz {self.tz_expected!r})"
            )
        if not self.authors_ok:
            problems.append(f"authors {self.authors_got!r} (label {self.authors_expected!r})")
        return problems


def body_blocks(article_body: str) -> list[str]:
    """The blocks of an ``articleBody`` (blank-line separated), normalised."""
    return [normalise(b) for b in re.split(r"\n\s*\n", article_body or "") if b.strip()]


def duplicated_blocks(article_body: str) -> list[str]:
    """Blocks that occur more than once in the body (each reported once)."""
    seen: set[str] = set()
    dups: list[str] = []
    for block in body_blocks(article_body):
        if block in seen and block not in dups:
            dups.append(block)
        seen.add(block)
    return dups


def date_day(value: str | None) -> str | None:
    """The day of an exported ISO date or date-time (its first 10 characters)."""
    return value[:10] if value else None


def utc_offset(value: str | None) -> str | None:
    """The UTC offset an ISO date-time ends with, as ``+HH:MM`` (``Z`` is ``+00:00``);
    None for a bare day or a time without a zone."""
    found = _OFFSET.search(value or "")
    if not found:
        return None
    offset = found.group(1)
    if offset == "Z":
        return "+00:00"
    return offset if ":" in offset else f"{offset[:3]}:{offset[3:]}"


def same_names(got: list[str], expected: list[str]) -> bool:
    """Two author lists are the same names in the same order (folded as ``normalise``)."""
    return [normalise(n) for n in got] == [normalise(n) for n in expected]


def score_article(label: dict, article: dict) -> PageResult:
    """Compare one extracted article with its label."""
    fields = {name: normalise(article.get(name) or "") for name in ("headline", "description")}
    fields["articleBody"] = normalise(article.get("articleBody") or "")
    result = PageResult(
        file=label["file"],
        access_expected=label["access"],
        access_got=article.get("access", ""),
        access_evidence=list(article.get("accessEvidence") or []),
        keep_total=len(label["must_keep"]),
        drop_total=len(label["must_drop"]),
        date_expected=label.get("date_published"),
        tz_expected=label.get("date_published_tz"),
        date_got=article.get("datePublished") or None,
        authors_expected=list(label.get("authors") or []),
        authors_got=[a["name"] for a in article.get("authors") or []],
    )
    for i, string in enumerate(label["must_keep"]):
        where = "headline" if i == 0 else "articleBody"
        if normalise(string) not in fields[where]:
            result.missing.append((string, where))
    for string in label["must_drop"]:
        for name, text in fields.items():
            if normalise(string) in text:
                result.leaked.append((string, name))
    result.duplicated = duplicated_blocks(article.get("articleBody") or "")
    return result


def trafilatura_article(html: str, url: str) -> dict:
    """trafilatura's headline, description, text, date and authors in newscrawl's field names."""
    import trafilatura
    from trafilatura.settings import set_date_params

    # trafilatura's own date settings, asked for the time and offset too
    dates = {**set_date_params(), "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, date_extraction_params=dates
    )
    doc = doc.as_dict() if doc is not None else {}
    return {
        "headline": doc.get("title"),
        "description": doc.get("description"),
        "articleBody": (doc.get("text") or "").replace("\n", "\n\n"),
        "access": "free",
        "datePublished": doc.get("date"),
        "authors": [{"name": n.strip()} for n in (doc.get("author") or "").split(";") if n.strip()],
    }


EXTRACTORS = {"newscrawl": extract_article, "trafilatura": trafilatura_article}


def evaluate_page(label: dict, set_dir: Path = SET_DIR, extractor: str = "newscrawl") -> PageResult:
    """Extract one labelled page (newscrawl unless told otherwise) and score it."""
    article = EXTRACTORS[extractor](read_page(label, set_dir), label["url"])
    return score_article(label, article)


def leak_pct(results: list[PageResult]) -> float:
    """Share of must-drop strings found in any checked field (each string counted once)."""
    drop = sum(r.drop_total for r in results)
    leaked = sum(len({s for s, _ in r.leaked}) for r in results)
    return 100.0 * leaked / max(drop, 1)


def summarise(results: list[PageResult]) -> dict:
    """The set's numbers, as the issue-3 targets state them."""
    keep = sum(r.keep_total for r in results)
    paywalled = [r for r in results if r.access_expected == "paywalled"]
    confusion: dict[str, dict[str, int]] = {}
    for r in results:
        row = confusion.setdefault(r.access_expected, {})
        row[r.access_got] = row.get(r.access_got, 0) + 1
    return {
        "pages": len(results),
        "must_keep_pct": 100.0 * (keep - sum(len(r.missing) for r in results)) / max(keep, 1),
        "leak_pct": leak_pct(results),
        "leak_pct_paywalled": leak_pct(paywalled),
        "pages_with_duplicated_blocks": sum(1 for r in results if r.duplicated),
        "access_accuracy_pct": 100.0 * sum(r.access_ok for r in results) / max(len(results), 1),
        "paywalled_recall_pct": 100.0
        * sum(r.access_got == "paywalled" for r in paywalled)
        / max(len(paywalled), 1),
        "pages_passing": sum(r.passed for r in results),
        "access_confusion": confusion,
        **date_author_counts(results),
    }


def date_author_counts(results: list[PageResult]) -> dict:
    """Dates right to the day, time zones kept, spurious dates, exact author lists."""
    dated = [r for r in results if r.date_expected]
    zoned = [r for r in results if r.tz_expected]
    return {
        "date_right": sum(r.date_ok for r in dated),
        "date_labelled": len(dated),
        "date_right_pct": 100.0 * sum(r.date_ok for r in dated) / max(len(dated), 1),
        "tz_kept": sum(r.tz_ok for r in zoned),
        "tz_labelled": len(zoned),
        "spurious_dates": sum(r.spurious_date for r in results),
        "undated_pages": len(results) - len(dated),
        "authors_exact": sum(r.authors_ok for r in results),
        "authors_exact_pct": 100.0 * sum(r.authors_ok for r in results) / max(len(results), 1),
    }


def label_problems(label: dict, html: str) -> list[str]:
    """Ways a label disagrees with its page (strings, byline names or the date's year
    absent from it, bad values)."""
    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script | //style"):
        bad.drop_tree()
    page_text = normalise(
        tree.text_content() + " " + " ".join(tree.xpath("//meta/@content | //img/@alt"))
    )
    problems = []
    if label.get("access") not in ACCESS_VALUES:
        problems.append(f"access {label.get('access')!r} not one of {ACCESS_VALUES}")
    if not label.get("url", "").startswith("http://"):
        problems.append("url must be an http:// URL")
    if not html.lstrip().startswith("<!DOCTYPE html>\n<!-- written for newscrawl"):
        problems.append("page does not start with its 'written for newscrawl' comment")
    if not 3 <= len(label.get("must_drop", [])) <= 8:
        problems.append(f"{len(label.get('must_drop', []))} must_drop strings (want 3-8)")
    if not 4 <= len(label.get("must_keep", [])) <= 7:
        problems.append(f"{len(label.get('must_keep', []))} must_keep strings (want 4-7)")
    for string in label.get("must_keep", []) + label.get("must_drop", []):
        if normalise(string) not in page_text:
            problems.append(f"not on the page: {string!r}")
    keep_text = " ".join(normalise(s) for s in label.get("must_keep", []))
    for string in label.get("must_drop", []):
        if normalise(string) in keep_text:
            problems.append(f"must_drop string inside a must_keep one: {string!r}")
    problems += date_label_problems(label, page_text)
    # an author may come from the structured data when the page shows no byline
    return problems + author_label_problems(label, page_text + " " + normalise(html))


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit (Arabic-Indic, Persian ...) written 0-9."""
    return re.sub(r"\d", lambda m: str(unicodedata.digit(m.group())), text)


def date_label_problems(label: dict, page_text: str) -> list[str]:
    """The date labels are well formed and the year is on the page (``2025``, or
    ``.25``/``/25`` as in ``30.01.25``)."""
    if "date_published" not in label or "date_published_tz" not in label:
        return ["date_published or date_published_tz missing (null when the page has none)"]
    day, tz = label["date_published"], label["date_published_tz"]
    if day is None:
        return ["date_published_tz given without date_published"] if tz is not None else []
    try:
        year = datetime.date.fromisoformat(day).year
    except (TypeError, ValueError):
        return [f"date_published {day!r} is not YYYY-MM-DD"]
    problems = []
    if len(day) != 10:
        problems.append(f"date_published {day!r} is not YYYY-MM-DD")
    text = ascii_digits(page_text)
    if not re.search(rf"(?<!\d){year}(?!\d)|[./]{year % 100:02d}(?!\d)", text):
        problems.append(f"the year of date_published {day!r} is not on the page")
    if tz is not None and not _LABEL_OFFSET.fullmatch(tz):
        problems.append(f"date_published_tz {tz!r} is not +HH:MM / -HH:MM")
    return problems


def author_label_problems(label: dict, page_text: str) -> list[str]:
    """Each labelled author is a bare name that is on the page or in its
    structured data (no "By", no digits)."""
    authors = label.get("authors")
    if not isinstance(authors, list):
        return ["authors missing (a list; [] when the page has no byline)"]
    problems = []
    for name in authors:
        folded = normalise(name if isinstance(name, str) else "")
        if not folded:
            problems.append(f"empty author {name!r}")
            continue
        if folded not in page_text:
            problems.append(f"author not on the page: {name!r}")
        if folded.startswith(_BYLINE_WORDS) or re.search(r"\d", folded):
            problems.append(f"author is not a bare name: {name!r}")
    if len({normalise(n) for n in authors if isinstance(n, str)}) != len(authors):
        problems.append("an author is listed twice")
    return problems


def _print_report(results: list[PageResult], summary: dict, out, *, per_page: bool = True) -> None:
    """Summary first, then (unless ``per_page`` is off) one block per failing page."""
    print(
        f"pages {summary['pages']}  passing {summary['pages_passing']}\n"
        f"must-keep  {summary['must_keep_pct']:.1f}%   (target >= 98%)\n"
        f"leak       {summary['leak_pct']:.1f}%   (target <= 1%; "
        f"{summary['leak_pct_paywalled']:.1f}% on paywalled pages)\n"
        f"duplicated blocks on {summary['pages_with_duplicated_blocks']} pages (target 0)\n"
        f"access     {summary['access_accuracy_pct']:.1f}%   (target >= 95%)\n"
        f"paywalled recall {summary['paywalled_recall_pct']:.1f}%   (target >= 85%)\n"
        f"access (label -> got): {json.dumps(summary['access_confusion'], sort_keys=True)}\n"
        f"date right to the day {summary['date_right']}/{summary['date_labelled']} "
        f"({summary['date_right_pct']:.1f}%; target >= 95%)\n"
        f"tz kept    {summary['tz_kept']}/{summary['tz_labelled']} "
        f"pages whose label has an offset\n"
        f"spurious dates on {summary['spurious_dates']} of {summary['undated_pages']} pages "
        f"labelled with no date\n"
        f"authors exact {summary['authors_exact']}/{summary['pages']} "
        f"({summary['authors_exact_pct']:.1f}%)",
        file=out,
    )
    if not per_page:
        return
    for r in results:
        if r.passed and not r.metadata_problems():
            continue
        print(f"\n{r.file}", file=out)
        if not r.access_ok:
            print(
                f"  access {r.access_got} (label {r.access_expected}) evidence {r.access_evidence}",
                file=out,
            )
        for string, where in r.missing:
            print(f"  MISSING from {where}: {string[:90]!r}", file=out)
        for string, where in r.leaked:
            print(f"  LEAKED into {where}: {string[:90]!r}", file=out)
        for block in r.duplicated:
            print(f"  DUPLICATED block: {block[:90]!r}", file=out)
        for problem in r.metadata_problems():
            print(f"  WRONG {problem}", file=out)


def main(argv: list[str] | None = None) -> int:
    """Command line: score the set, or check its labels."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--set", type=Path, default=SET_DIR, help="folder with labels.json")
    parser.add_argument("--json", type=Path, help="write summary and per-page results here")
    parser.add_argument("--extractor", choices=sorted(EXTRACTORS), default="newscrawl")
    parser.add_argument("--check-labels", action="store_true", help="only check the labels")
    parser.add_argument(
        "--summary-only",
        action="store_true",
        help="print the numbers only, no per-page failures (for the held-out set)",
    )
    args = parser.parse_args(argv)
    labels = load_labels(args.set / "labels.json")
    if args.check_labels:
        bad = 0
        for label in labels:
            for problem in label_problems(label, read_page(label, args.set)):
                bad += 1
                print(f"{label['file']}: {problem}")
        print(f"{len(labels)} pages, {bad} label problems")
        return 1 if bad else 0
    results = [evaluate_page(label, args.set, args.extractor) for label in labels]
    summary = summarise(results)
    _print_report(results, summary, sys.stdout, per_page=not args.summary_only)
    if args.json:
        payload = {"summary": summary, "pages": [asdict(r) for r in results]}
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
