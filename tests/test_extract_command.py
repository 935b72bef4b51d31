"""``scrapy extract`` as a user runs it: a real subprocess, files and a loopback URL."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_scrapy

PAGES = Path(__file__).parent / "pages"


def test_extract_file_prints_the_article_as_utf8_json():
    proc = run_scrapy(
        [
            "extract",
            str(PAGES / "teaser-newsletter-ar.html"),
            "--url",
            "https://www.aljazeera.net/news/2025/8/12/water",
        ],
        check=True,
    )
    article = json.loads(proc.stdout)
    assert article["url"] == "https://www.aljazeera.net/news/2025/8/12/water"
    assert "التقى مسؤولون أتراك وعراقيون" in proc.stdout  # readable, not \\u escapes
    assert "النشرة البريدية" not in article["articleBody"]
    assert "_signals" not in article


def test_extract_explain_names_every_dropped_block_and_why():
    proc = run_scrapy(["extract", str(PAGES / "almonitor-qusair.html"), "--explain"], check=True)
    article = json.loads(proc.stdout)  # stdout stays pure JSON
    assert article["access"] == "paywalled"
    lines = [line for line in proc.stderr.splitlines() if line.startswith(("DROP", "KEEP"))]
    assert any("caption" in line and "Forces of Syrian" in line for line in lines)
    assert any("markup:paywall" in line and "Subscribe for less than" in line for line in lines)
    assert len(lines) == article["metadata"]["droppedBlocks"]


def test_extract_url_is_fetched_through_scrapy(loopback_site):
    with loopback_site(PAGES) as site:
        proc = run_scrapy(["extract", f"{site.url}/access-paywalled.html"], check=True)
        assert "/access-paywalled.html" in site.hits
    article = json.loads(proc.stdout)
    assert article["url"] == f"{site.url}/access-paywalled.html"
    assert article["access"] == "paywalled"


def test_extract_url_decodes_a_conflicting_charset_as_a_crawl_does(loopback_site, tmp_path):
    """A UTF-8 page behind a server's ``charset=iso-8859-1`` header: ``scrapy
    extract URL`` reads it as UTF-8, as the spiders do (not as mojibake)."""
    page = (PAGES / "teaser-newsletter-ar.html").read_bytes()
    assert b'charset="utf-8"' in page.lower() or b"charset=utf-8" in page.lower()
    with loopback_site(tmp_path) as site:
        site.override(
            "/story.html", body=page, headers={"Content-Type": "text/html; charset=iso-8859-1"}
        )
        proc = run_scrapy(["extract", f"{site.url}/story.html"], check=True)
    article = json.loads(proc.stdout)
    assert "التقى مسؤولون أتراك وعراقيون" in article["articleBody"]


def test_extract_missing_file_is_a_usage_error():
    proc = run_scrapy(["extract", "no-such-page.html"])
    assert proc.returncode != 0
    assert "no such file" in proc.stderr
