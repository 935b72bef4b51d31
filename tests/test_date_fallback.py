"""Publication dates of pages whose date is a line of text away from the
headline, without structured data or a date class (the last resorts of
``metadata._dom_published``), and the date formats ``find_dates`` reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.extract.dates import find_dates
from newscrawl.extract.metadata import extract_metadata
from newscrawl.extract.page import load_page

PAGES = Path(__file__).parent / "pages"


def _meta(name: str, url: str = "https://www.example-news.com/story?id=7"):
    return extract_metadata(load_page((PAGES / name).read_text("utf-8"), url))


def test_date_line_under_the_story_beats_header_date_and_dates_in_sentences():
    """The "posted ... - CITY" line in the story column is the date; the page
    header's "today" and a story sentence about another day are not."""
    meta = _meta("meta-date-line-away.html")
    assert meta.fields["datePublished"][:10] == "2008-01-15"
    assert meta.sources["datePublished"] == "dom"
    assert "January 15, 2008" in meta.fields["datePublishedRaw"]


def test_blog_date_header_above_the_post_title_is_the_date():
    """A blog's date header above the post title, in a post column whose class
    says "widget", dates the post; the sidebar's archive dates do not."""
    meta = _meta("meta-date-blog-header.html")
    assert meta.fields["datePublished"] == "2012-10-20T00:00:00Z"


def test_hatom_published_abbr_title_gives_the_date_and_zone():
    """``<abbr class="published" title="...">`` (hAtom): the title holds the date."""
    html = (PAGES / "meta-date-blog-header.html").read_text("utf-8")
    title = '<h3 class="post-title entry-title">Pumpkin ravioli with roasted broccoli</h3>'
    assert title in html
    abbr = '<abbr class="published" title="2012-10-21T19:15:00-04:00">7:15 PM</abbr>'
    html = html.replace(title, f'{title}\n<div class="post-header">Posted at {abbr}</div>')
    meta = extract_metadata(load_page(html, "https://example.com/p"))
    assert meta.fields["datePublished"] == "2012-10-21T19:15:00-04:00"


def test_page_without_a_date_line_gets_no_date_from_its_sentences():
    """Only a story sentence names a date: it is an event, not the publication
    date, and the text scan leaves it (htmldate may still answer)."""
    html = (PAGES / "meta-date-line-away.html").read_text("utf-8")
    line = "posted 8:58 am Tue January 15, 2008 - HARBOUR CITY"
    html = html.replace(line, "").replace("Tuesday, January 22, 2008", "Weather")
    meta = extract_metadata(load_page(html, "https://www.example-news.com/story?id=7"))
    assert (meta.fields["datePublished"] or "")[:10] != "2007-12-28"


def _old_layout(title_cell: str) -> str:
    """A 2008-era table layout, written for this test (modelled on public
    newspaper markup of the time): no heading element, the site's "today"
    date at the top, the headline in a ``<strong>``, its date line under it."""
    return (
        "<!-- written for newscrawl's tests -->"
        "<html><head><title>RSP to follow own policy - Example Press</title></head><body>"
        "<table><tr><td>Kerala</td><td>Jan 15, 2008</td></tr></table>"
        f"<table><tr><td>{title_cell}"
        "<p>Monday January 7 2008 09:43 IST</p><p>Express News Service</p>"
        f"<p>{'KOLLAM: The party will follow its own policy, the secretary said. ' * 5}</p>"
        "</td><td class='sidebar'>Most read</td></tr></table></body></html>"
    )


def test_a_page_without_heading_elements_is_dated_under_its_headline():
    """The element whose text is the headline stands in for a heading: the date
    line under it wins over the site-wide "today" date above it."""
    html = _old_layout("<small><strong>RSP to follow own policy</strong></small>")
    meta = extract_metadata(load_page(html, "https://www.example-press.com/item.asp?id=7"))
    assert meta.fields["datePublished"] == "2008-01-07T09:43:00Z"
    # no element shows the headline: the first date line of the page, as before
    html = _old_layout("<small><strong>Policy row</strong></small>")
    meta = extract_metadata(load_page(html, "https://www.example-press.com/item.asp?id=7"))
    assert meta.fields["datePublished"][:10] == "2008-01-15"


@pytest.mark.parametrize(
    ("text", "languages", "expected"),
    [
        ("2012/01/16 10:43:00 来源：投资者报", [], "2012-01-16T10:43:00Z"),
        ("2012年01月17日 20:39 已有0人阅读", [], "2012-01-17T20:39:00Z"),
        ("2012년 1월 17일", [], "2012-01-17T00:00:00Z"),
        ("Updated 2012.03.05", ["en"], "2012-03-05T00:00:00Z"),
        # a Greek or Russian month name on a page that declares no language
        ("05 Ιανουαρίου 2012, 18:05", [], "2012-01-05T18:05:00Z"),
        ("Опубликовано 04 января 2012 14:11", [], "2012-01-04T14:11:00Z"),
        ("version 1.2012.3.4", ["en"], None),
        ("2012/13/45", [], None),
    ],
)  # fmt: skip
def test_find_dates_reads_slashed_cjk_and_undeclared_script_dates(text, languages, expected):
    found = find_dates(text, languages)
    assert (found[0][0] if found else None) == expected
