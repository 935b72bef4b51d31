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
  of pages labelled ``paywalled`` that come out ``paywalled``).

Strings are compared after Unicode NFKC, case folding, straight quotes and
whitespace folding. Run from the project root::

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
no access decision; it is scored as answering ``free`` on every page.

Targets (issue 3): must-keep >= 98%, leak <= 1%, no duplicated block, access
>= 95%, paywalled recall >= 85%.
"""

from __future__ import annotations

import argparse
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

    @property
    def passed(self) -> bool:
        """True when nothing is missing, leaked or duplicated and access is right."""
        return not (self.missing or self.leaked or self.duplicated) and self.access_ok

    @property
    def access_ok(self) -> bool:
        return self.access_got == self.access_expected


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
    """trafilatura's headline, description and text in newscrawl's field names."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    doc = doc.as_dict() if doc is not None else {}
    return {
        "headline": doc.get("title"),
        "description": doc.get("description"),
        "articleBody": (doc.get("text") or "").replace("\n", "\n\n"),
        "access": "free",
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
    }


def label_problems(label: dict, html: str) -> list[str]:
    """Ways a label disagrees with its page (strings absent from it, bad values)."""
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
        f"access (label -> got): {json.dumps(summary['access_confusion'], sort_keys=True)}",
        file=out,
    )
    if not per_page:
        return
    for r in results:
        if r.passed:
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
