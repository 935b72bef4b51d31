"""The access decision: free, metered, paywalled, unknown, with evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.access import AccessCues, decide_access
from newscrawl.extract.metadata import extract_metadata
from newscrawl.extract.page import load_page

PAGES = Path(__file__).parent / "pages"


def _extract(name: str) -> dict:
    return extract_article((PAGES / name).read_bytes(), f"https://news.example.org/{name}")


def test_flagged_page_serving_full_text_is_metered():
    article = _extract("access-metered.html")
    assert article["access"] == "metered"
    assert "isAccessibleForFree=false" in article["accessEvidence"]
    assert "Water officials in Jordan said" in article["articleBody"]
    assert "free articles left" not in article["articleBody"]


def test_two_paragraphs_and_a_wall_with_wordcount_1200_is_paywalled():
    article = _extract("access-paywalled.html")
    assert article["access"] == "paywalled"
    assert any(e.startswith("wordCount 1200") for e in article["accessEvidence"])
    # exported with its teaser text, never dropped
    assert article["articleBody"].startswith("Israel's cabinet approved on Sunday")
    assert "Subscribe to continue" not in article["articleBody"]
    assert "Already a subscriber" not in article["articleBody"]


def test_paragraphs_with_paywall_class_but_full_prose_are_kept():
    article = _extract("access-paywall-class-prose.html")
    body = article["articleBody"]
    assert "Water officials in Jordan said" in body
    assert "The ministry replied that the consortium" in body
    # inside the page's hasPart section: article text even though it says "newsletter"
    assert "Subscribers to the water board newsletter" in body
    assert article["access"] == "metered"


def test_page_without_paywall_signal_is_free():
    article = _extract("access-free.html")
    assert article["access"] == "free"
    assert article["accessEvidence"] == []
    assert "Share on Facebook" not in article["articleBody"]


def test_page_without_text_is_unknown():
    article = extract_article("<html><body><nav>Home</nav></body></html>", "https://x.org/a")
    assert article["articleBody"] == ""
    assert article["access"] == "unknown"


@pytest.mark.parametrize(
    "cues,expected",
    [
        (AccessCues(served_words=900, is_accessible_for_free=False), "metered"),
        (AccessCues(served_words=60, is_accessible_for_free=False), "paywalled"),
        (AccessCues(served_words=900), "free"),
        (AccessCues(served_words=900, prompts=["wall"], word_count=2500), "paywalled"),
        (AccessCues(served_words=200, prompts=["wall"], prompt_after_last=True), "paywalled"),
        (AccessCues(served_words=900, prompts=["wall"], prompt_after_last=True), "metered"),
        (AccessCues(served_words=300, paywall_markup=1, word_count=1400), "paywalled"),
        # subscribe buttons and house ads sit on free pages too: weak cues alone
        (AccessCues(served_words=300, paywall_markup=1, last_text="and then…"), "free"),
        (AccessCues(served_words=900, paywall_markup=3, prompts=["pricing"]), "free"),
        (AccessCues(served_words=200, prompts=["pricing"], prompt_after_last=True), "paywalled"),
        # "78 % of this article left to read": the prompt says the text is cut
        (AccessCues(served_words=400, prompts=["wall"], prompt_says_truncated=True), "paywalled"),
        # a meter ("2 more free articles") is served in full, prompt or not
        (
            AccessCues(served_words=200, prompts=["meter", "pricing"], prompt_after_last=True),
            "metered",
        ),
        # about as many words as the structured data declares: nothing is cut
        (AccessCues(served_words=300, is_accessible_for_free=False, word_count=320), "metered"),
        # declared length far above the served teaser, which ends in an ellipsis
        (AccessCues(served_words=50, word_count=1200, last_text="the minister said…"), "paywalled"),
        (AccessCues(served_words=300, is_accessible_for_free=False, haspart_words=0), "paywalled"),
        (AccessCues(served_words=0), "unknown"),
        # a wordCount far above the text alone is an extraction miss, not a paywall
        (AccessCues(served_words=100, word_count=1000), "free"),
    ],
)
def test_decide_access(cues, expected):
    access, evidence = decide_access(cues)
    assert access == expected
    assert bool(evidence) == (expected != "free")


def test_jsonld_flags_in_string_and_url_forms():
    signals = _signals_of_jsonld(
        [
            {
                "@type": ["NewsArticle"],
                "isAccessibleForFree": "http://schema.org/False",
                "wordCount": "1,250",
                "hasPart": [
                    {
                        "@type": "WebPageElement",
                        "isAccessibleForFree": "False",
                        "cssSelector": ".paid",
                    }
                ],
            }
        ]
    )
    assert signals["is_accessible_for_free"] is False
    assert signals["word_count"] == 1250
    assert signals["paywalled_selectors"] == [".paid"]


def _signals_of_jsonld(objects: list[dict]) -> dict:
    """The paywall signals the metadata step reads from a page with this JSON-LD."""
    script = f'<script type="application/ld+json">{json.dumps(objects)}</script>'
    html = f"<html><head>{script}</head><body></body></html>"
    return extract_metadata(load_page(html, "https://e.org/a")).signals


def test_free_page_with_subscribe_buttons_login_link_and_house_ad_is_free():
    article = _extract("access-free-subscribe-links.html")
    assert article["access"] == "free"
    body = article["articleBody"]
    assert "once financing from two Gulf funds is signed" in body
    assert "free trial" not in body
    assert "morning newsletter" not in body
    assert "Sign in" not in body
