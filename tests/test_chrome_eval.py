"""The paywall/chrome evaluation set (``benchmarks/chrome/``), one test per page.

Each labelled page must come out of ``newscrawl.extract_article`` with its
headline and body fragments, none of its subscription/newsletter/promo/cookie/
related strings in ``headline``, ``description`` or ``articleBody``, no block
twice, and the labelled ``access``; and with the labelled publication day in
``datePublished`` (none when the page shows a reader none) and the labelled
byline names in ``authors``. Pages newscrawl gets wrong today are strict
xfails naming the failure, so a fix turns them into passes (and the strict
mark then asks for the entry to be removed). Numbers for the whole set:
``python benchmarks/chrome_eval.py``. The held-out set
(``benchmarks/chrome_holdout/``) only has its labels checked here; it is scored,
never tested page by page.
"""

from __future__ import annotations

import functools

import pytest

from benchmarks.chrome_eval import (
    SET_DIR,
    PageResult,
    date_day,
    evaluate_page,
    label_problems,
    load_labels,
    read_page,
    same_names,
)

LABELS = load_labels()
HOLDOUT_DIR = SET_DIR.parent / "chrome_holdout"

# file -> why newscrawl fails it today (see docs/extraction.md, "Paywall and
# chrome evaluation set").
KNOWN_FAILURES: dict[str, str] = {}

# file -> why newscrawl's datePublished day or authors differ from the label
# today. The labels take what a reader sees, else what the page's structured
# data states (see the "about" text of benchmarks/chrome/labels.json).
KNOWN_DATE_AUTHOR_FAILURES: dict[str, str] = {}


@functools.cache
def _result(file: str) -> PageResult:
    """One extraction per page, shared by the tests that look at it."""
    return evaluate_page(next(lb for lb in LABELS if lb["file"] == file))


def _param(label: dict, known: dict[str, str] = KNOWN_FAILURES):
    reason = known.get(label["file"])
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(label, id=label["file"].removesuffix(".html"), marks=marks)


@pytest.mark.parametrize("known", [KNOWN_FAILURES, KNOWN_DATE_AUTHOR_FAILURES])
def test_known_failures_name_labelled_pages(known):
    """Every xfail entry names a page of the set (no stale entries)."""
    assert set(known) <= {label["file"] for label in LABELS}


@pytest.mark.parametrize(
    ("set_dir", "label"),
    [pytest.param(SET_DIR, lb, id=lb["file"]) for lb in LABELS]
    + [
        pytest.param(HOLDOUT_DIR, lb, id=f"holdout-{lb['file']}")
        for lb in load_labels(HOLDOUT_DIR / "labels.json")
    ],
)
def test_label_agrees_with_page(set_dir, label):
    """Labelled strings, byline names and the date's year are on the page, access and
    the date fields are well formed, the page says it is ours (both sets)."""
    assert label_problems(label, read_page(label, set_dir)) == []


@pytest.mark.parametrize("label", [_param(lb) for lb in LABELS])
def test_page_extracted_as_labelled(label):
    """Headline and body kept, chrome dropped, no block twice, access right."""
    result = _result(label["file"])
    assert result.missing == []
    assert result.leaked == []
    assert result.duplicated == []
    assert result.access_got == label["access"], result.access_evidence


@pytest.mark.parametrize("label", [_param(lb, KNOWN_DATE_AUTHOR_FAILURES) for lb in LABELS])
def test_page_date_and_authors_as_labelled(label):
    """datePublished's day is the labelled one (no date when the label has none) and
    the author names are the labelled list, in order."""
    result = _result(label["file"])
    assert date_day(result.date_got) == label["date_published"], result.date_got
    assert same_names(result.authors_got, label["authors"]), result.authors_got
