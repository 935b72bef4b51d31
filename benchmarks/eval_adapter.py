"""Adapters for ``../shared/eval/extract_eval.py``.

``extract`` scores newscrawl (``newscrawl.extract_article``, every cleaning
step included); ``trafilatura_baseline`` scores plain trafilatura on the same
pages, for comparison. Run from the project root::

    python ../shared/eval/extract_eval.py --corpus ../shared/corpus/dev \\
        --extractor benchmarks.eval_adapter:extract
    python ../shared/eval/extract_eval.py --corpus ../shared/corpus/dev \\
        --extractor benchmarks.eval_adapter:trafilatura_baseline
"""

from __future__ import annotations

import lxml.html
import trafilatura

from newscrawl.extract import extract_article
from newscrawl.extract.page import EmptyPage


def extract(html: str, url: str) -> str:
    """newscrawl's article body for one page ("" for an empty page)."""
    try:
        return extract_article(html, url or "http://localhost/")["articleBody"]
    except EmptyPage:
        return ""


def trafilatura_baseline(html: str, url: str) -> str:
    """trafilatura 2.x on a tree parsed once, comments excluded."""
    tree = lxml.html.fromstring(html)
    return trafilatura.extract(tree, url=url or None, include_comments=False) or ""
