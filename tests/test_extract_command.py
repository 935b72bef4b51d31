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


SITE_BOX_PAGE = """<!DOCTYPE html>
<!-- Written for newscrawl tests, in the shape of an Al-Monitor article. -->
<html lang="en"><head><meta charset="utf-8"><title>Iraq budget talks stall</title></head>
<body><article><h1>Iraq budget talks stall</h1><div class="article-body">
<p>Negotiations over Iraq's federal budget stalled again on Monday as Kurdish and federal
officials failed to agree on oil revenue sharing, lawmakers said after a closed session.</p>
<p>The dispute centres on how much of the Kurdistan Region's oil income should flow to the
federal treasury and how salaries in the region will be paid while the talks continue.</p>
<div class="why-almonitor"><p>Trusted reporting from the region since 2012, relied on by
diplomats, analysts and business leaders in more than fifty countries.</p></div>
<p>A committee will meet again next week, the speaker's office said in a statement.</p>
</div></article></body></html>"""


def test_extract_applies_the_site_spiders_rules_to_its_urls(tmp_path):
    """The almonitor spider's site rules drop its unmarked marketing box in
    ``scrapy extract`` as in a crawl; on another site's URL the box is text."""
    page = tmp_path / "iraq-budget.html"
    page.write_text(SITE_BOX_PAGE, encoding="utf-8")
    box = "Trusted reporting from the region"
    url = "https://www.al-monitor.com/originals/2024/05/iraq-budget.html"
    proc = run_scrapy(["extract", str(page), "--url", url, "--explain"], check=True)
    article = json.loads(proc.stdout)
    assert article["site"] == "almonitor"
    assert box not in article["articleBody"]
    assert "A committee will meet again next week" in article["articleBody"]
    assert any("site-teaser" in line and box in line for line in proc.stderr.splitlines())
    other = run_scrapy(["extract", str(page), "--url", "https://example.com/iraq"], check=True)
    assert box in json.loads(other.stdout)["articleBody"]


def test_extract_missing_file_is_a_usage_error():
    proc = run_scrapy(["extract", "no-such-page.html"])
    assert proc.returncode != 0
    assert "no such file" in proc.stderr
