"""Assemble the article dict (first, minimal version; to be replaced)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from html import escape
from urllib.parse import urlsplit

import trafilatura

from newscrawl.extract.page import load_page
from newscrawl.extract.rules import SiteRules


def parse_article(html, url, *, site=None, rules: SiteRules | None = None) -> dict:
    page = load_page(html, url)
    doc = trafilatura.bare_extraction(page.tree, url=url, with_metadata=True, include_comments=False)
    paragraphs = [] if doc is None else [p for p in (doc.text or "").split("\n") if p.strip()]
    return {
        "url": url,
        "headline": (doc.title if doc else None) or None,
        "articleBody": "\n\n".join(paragraphs),
        "articleBodyHtml": "".join(f"<p>{escape(p)}</p>" for p in paragraphs),
        "authors": [],
        "site": site or urlsplit(url).hostname or "unknown",
        "metadata": {"dateDownloaded": datetime.now(UTC).isoformat(timespec="seconds")},
        "_signals": {},
    }


def clean_article(article: dict, *, rules: SiteRules | None = None, boilerplate=None) -> dict:
    article = dict(article)
    article.pop("_signals", None)
    article.setdefault("access", "unknown")
    article.setdefault("accessEvidence", [])
    body = article.get("articleBody") or ""
    article["contentHash"] = "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()
    return article


def extract_article(html, url, *, site=None, rules: SiteRules | None = None) -> dict:
    return clean_article(parse_article(html, url, site=site, rules=rules), rules=rules)
