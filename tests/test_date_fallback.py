"""Publication dates of pages whose date is a line of text away from the
headline, without structured data or a date class (the last resorts of
``metadata._dom_published``), and the date formats ``find_dates`` reads."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from newscrawl.extract.dates import find_dates, find_partial_dates, with_year
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


# --------------------------------------------------- datelines with no year, read by weekday

# Pages written for these tests, modelled on public newspaper and portal markup:
# a site-wide "today" bar or a copyright line, and a dateline by the headline.


def _dated_page(dateline: str, *, today: str = "", footer: str = "", sidebar: str = "") -> str:
    return (
        "<!-- written for newscrawl's tests -->"
        "<html><head><title>Council approves the harbour plan</title></head><body>"
        f"<div id='top'>{today}</div>"
        "<div id='main'><div class='story'><h1>Council approves the harbour plan</h1>"
        f"{dateline}"
        f"<p>{'The council voted for the plan after a long debate on Tuesday night. ' * 4}</p>"
        f"</div><div class='more'>{sidebar}</div></div>"
        f"<div id='bottom'>{footer}</div></body></html>"
    )


def _published(html: str, url: str = "https://www.example-news.com/item?id=7", served=None):
    page = load_page(html, url)
    page.served = served
    return extract_metadata(page).fields.get("datePublished")


def test_a_dateline_without_a_year_takes_it_from_the_today_bar():
    """ "DEC 30" under the headline, a "Tuesday, January 15, 2008" bar: the
    latest 30 December not after that day."""
    html = _dated_page("<p>Dec. 30</p>", today="Tuesday, January 15, 2008")
    assert _published(html)[:10] == "2007-12-30"


def test_a_dateline_without_a_year_split_over_inline_markup_takes_the_copyright_year():
    """ "<b>16 <em>янв</em></b> | 17:10" is one line; "© 2005-2012" gives the
    year, not an older full date in the sidebar (a Russian portal's layout)."""
    html = _dated_page(
        "<b class='ts'>16 <em>янв</em> | 17:10</b>",
        sidebar="<p>12 янв 2011 | 09:19</p><p>Popular story</p>",
        footer="© 2005-2012, Example Portal",
    )
    assert _published(html, "https://example-portal.ru/news/?id=5") == "2012-01-16T17:10:00Z"


def test_the_crawl_date_dates_a_dateline_without_a_year():
    """In a crawl the response's date is the reference: it wins over the page's own bar."""
    html = _dated_page("<p>Dec. 30</p>", today="Tuesday, January 15, 2008")
    assert _published(html, served=datetime(2009, 1, 2))[:10] == "2008-12-30"


def test_a_dateline_without_a_year_and_nothing_to_date_it_is_not_read():
    html = _dated_page("<p>Dec. 30</p>")
    assert (_published(html) or "")[:10] != "2026-12-30"
    assert not (_published(html) or "").endswith("-12-30T00:00:00Z")


def test_a_numeric_day_and_month_with_a_time_takes_the_more_recent_reading():
    """ "08/01 13:27" a week before the "today" bar is 8 January, not 1 August."""
    html = _dated_page("<div class='when'>08/01 13:27 CET</div>", today="15 January 2008")
    assert _published(html, "https://www.example-news.net/item?id=7") == "2008-01-08T13:27:00Z"


def test_wire_dateline_opening_the_first_paragraph():
    """ "MARGAO, DEC 30 — ..." opens a long first paragraph: its date is read."""
    story = "MARGAO, DEC 30 — " + "The chief minister said the zones may go, officials said. " * 4
    html = _dated_page(f"<p>{story}</p>", today="Tuesday, January 15, 2008")
    assert _published(html)[:10] == "2007-12-30"


def test_a_date_after_a_link_in_the_byline_line_is_read():
    """ "Submitted by <a>Jane Doe</a> on Thu, 01/12/2012 - 09:52": the words
    after the link are not link text, and Thursday makes it 12 January; the
    sidebar's "Wed, 01/11/2012" is further away."""
    html = _dated_page(
        "<div class='submitted'>Submitted by <a href='/u/1'>Jane Doe</a>"
        " on Thu, 01/12/2012 - 09:52</div>",
        sidebar="<p>Wed, 01/11/2012 - 10:05</p>",
    )
    assert _published(html, "https://www.example-news.co.za/item?id=7") == "2012-01-12T09:52:00Z"


@pytest.mark.parametrize(
    ("text", "month_first", "expected"),
    [
        ("Thu, 01/12/2012 - 09:52", False, "2012-01-12T09:52:00Z"),  # Thursday: 12 January
        ("Sat, 01/12/2012", True, "2012-12-01T00:00:00Z"),  # Saturday: 1 December
        ("01/12/2012", False, "2012-12-01T00:00:00Z"),
        ("| Nov 06 2012 | 2:49 pm |", False, "2012-11-06T14:49:00Z"),
        ("Last Updated: 12:01am GMT 08/01/2008", True, "2008-08-01T00:00:00Z"),
        ("Published: 01.09.2008", True, "2008-01-09T00:00:00Z"),  # a US page: month first
        ("Published: 01.09.2008", False, "2008-09-01T00:00:00Z"),
        ("Monday , December 31 , 2007", False, "2007-12-31T00:00:00Z"),
    ],
)  # fmt: skip
def test_find_dates_weekday_half_day_and_month_first(text, month_first, expected):
    found = find_dates(text, ["en"], month_first)
    assert (found[0][0] if found else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16 янв | 17:10", [((1, 16, 17, 10),)]),
        ("MARGAO, DEC 30", [((12, 30, 0, 0),)]),
        ("Jan. 8, 2:49 pm", [((1, 8, 14, 49),)]),
        ("08/01 13:27 CET", [((1, 8, 13, 27), (8, 1, 13, 27))]),
        ("12 Jan 2008", []),  # a full date is find_dates's
        ("17 января 12 (16:49)", []),  # a two-digit year: not "января 12"
        ("Kevin 12", []),
        ("Top 10 stories", []),
        ("At 12.5 per cent", []),
    ],
)  # fmt: skip
def test_find_partial_dates(text, expected):
    assert [readings for readings, _raw in find_partial_dates(text, ["ru"])] == expected


def test_with_year_takes_the_latest_day_not_after_the_reference():
    assert with_year(((12, 30, 0, 0),), datetime(2008, 1, 15)) == "2007-12-30T00:00:00Z"
    assert with_year(((1, 16, 0, 0),), datetime(2012, 12, 31)) == "2012-01-16T00:00:00Z"
    assert (
        with_year(((1, 16, 0, 0),), datetime(2012, 1, 15)) == "2012-01-16T00:00:00Z"
    )  # a day ahead
    assert with_year(((2, 29, 0, 0),), datetime(2013, 3, 1)) == "2012-02-29T00:00:00Z"
    both = ((1, 8, 13, 27), (8, 1, 13, 27))
    assert with_year(both, datetime(2008, 1, 15)) == "2008-01-08T13:27:00Z"
    assert with_year(both, datetime(2008, 9, 1)) == "2008-08-01T13:27:00Z"


def test_a_page_without_heading_elements_finds_the_byline_under_its_headline():
    """The element whose text is the headline stands in for a heading for
    the byline too."""
    html = _old_layout("<small><strong>RSP to follow own policy</strong></small>").replace(
        "<p>Express News Service</p>", "<p>By Jane Doe</p>"
    )
    meta = extract_metadata(load_page(html, "https://www.example-press.com/item.asp?id=7"))
    assert [a["name"] for a in meta.fields.get("authors") or []] == ["Jane Doe"]


def test_the_headline_and_the_title_are_not_datelines():
    """Words after a link in the box holding the headline are not read with
    the headline ("Sept. 11 memorial"), nor is the ``<title>``."""
    html = (
        "<!-- written for newscrawl's tests -->"
        "<html><head><title>Sept. 11 memorial opens</title></head><body><div class='hd'>"
        "<h1>Sept. 11 memorial opens</h1><a href='/c'>Comments</a> 3</div>"
        f"<p>{'The memorial opened to visitors on a grey morning downtown. ' * 4}</p>"
        "<span class='date'>Posted June 1, 2012</span></body></html>"
    )
    assert _published(html, served=datetime(2012, 6, 2))[:10] == "2012-06-01"


def test_a_sentence_in_another_script_is_no_wire_dateline():
    story = "Напомним, 5 мая – в день выборов – " + "в городе прошли митинги и шествия. " * 4
    html = _dated_page(f"<p>{story}</p>", footer="© 2012 Пример")
    assert not (_published(html, "https://example.ru/n/1") or "").startswith("2012-05-05")


def test_copyright_in_a_script_and_a_future_year_are_no_reference():
    html = _dated_page(
        "<p>Dec. 30</p>", footer="© 2008 Example<script>/*! Copyright 2015 Lib */</script>"
    )
    assert _published(html)[:10] == "2008-12-30"
    year = datetime.now().year
    html = _dated_page("<p>Dec. 30</p>", footer=f"© {year + 1} Example")
    assert not (_published(html) or "").startswith(f"{year + 1}-12-30")


@pytest.mark.parametrize(
    ("text", "languages", "month_first", "expected"),
    [
        ("Sunset 07/01/2012", ["en"], False, "2012-01-07T00:00:00Z"),  # "Sun..." is no weekday
        ("Опубликовано 05.12.2012", [], True, "2012-12-05T00:00:00Z"),  # not English
        ("25.12.2012", ["en"], True, "2012-12-25T00:00:00Z"),  # only day first is a date
        ("12.01.2012 14:20 am", ["de"], False, "2012-01-12T14:20:00Z"),  # German "am"
    ],
)  # fmt: skip
def test_find_dates_keeps_day_first_where_month_first_cannot_be(
    text, languages, month_first, expected
):
    found = find_dates(text, languages, month_first)
    assert (found[0][0] if found else None) == expected
