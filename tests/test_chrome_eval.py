"""The paywall/chrome evaluation set (``benchmarks/chrome/``), one test per page.

Each labelled page must come out of ``newscrawl.extract_article`` with its
headline and body fragments, none of its subscription/newsletter/promo/cookie/
related strings in ``headline``, ``description`` or ``articleBody``, no block
twice, and the labelled ``access``. Pages newscrawl gets wrong today are
strict xfails naming the failure, so a fix turns them into passes (and the
strict mark then asks for the entry to be removed). Numbers for the whole set:
``python benchmarks/chrome_eval.py``.
"""

from __future__ import annotations

import pytest

from benchmarks.chrome_eval import evaluate_page, label_problems, load_labels, read_page

LABELS = load_labels()

# file -> why newscrawl fails it today (see docs/extraction.md, "Paywall and
# chrome evaluation set").
KNOWN_FAILURES: dict[str, str] = {}


def _param(label: dict):
    reason = KNOWN_FAILURES.get(label["file"])
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(label, id=label["file"].removesuffix(".html"), marks=marks)


def test_known_failures_name_labelled_pages():
    """Every xfail entry names a page of the set (no stale entries)."""
    assert set(KNOWN_FAILURES) <= {label["file"] for label in LABELS}


@pytest.mark.parametrize("label", [pytest.param(lb, id=lb["file"]) for lb in LABELS])
def test_label_agrees_with_page(label):
    """Labelled strings are on the page, access is a known value, the page says it is ours."""
    assert label_problems(label, read_page(label)) == []


@pytest.mark.parametrize("label", [_param(lb) for lb in LABELS])
def test_page_extracted_as_labelled(label):
    """Headline and body kept, chrome dropped, no block twice, access right."""
    result = evaluate_page(label)
    assert result.missing == []
    assert result.leaked == []
    assert result.duplicated == []
    assert result.access_got == label["access"], result.access_evidence
