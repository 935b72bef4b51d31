"""Date normalisation, author cleaning and caption/credit splitting (pure functions)."""

from __future__ import annotations

from datetime import datetime

import pytest

from newscrawl.extract.authors import author_entries, merge_authors
from newscrawl.extract.dates import date_from_url, find_dates, normalise_date, parse_date_text
from newscrawl.extract.images import split_credit
from newscrawl.extract.language import normalise_language


@pytest.mark.parametrize(
    ("raw", "languages", "expected"),
    [
        ("2013-05-30T14:02:00+03:00", None, "2013-05-30T14:02:00+03:00"),
        ("2013-05-30T14:02:00.000+0300", None, "2013-05-30T14:02:00+03:00"),
        ("2013-05-30T11:02:00Z", None, "2013-05-30T11:02:00Z"),
        ("2013-05-30", None, "2013-05-30T00:00:00Z"),  # no zone given: UTC
        ("2013-05-30 14:02:00", None, "2013-05-30T14:02:00Z"),
        ("30 May 2013", ["en"], "2013-05-30T00:00:00Z"),
        ("May 30, 2013 2:02 PM EDT", ["en"], "2013-05-30T14:02:00-04:00"),
        ("الخميس ٣٠ مايو ٢٠١٣", ["ar"], "2013-05-30T00:00:00Z"),
        ("٣٠ كانون الثاني ٢٠١٣", ["ar"], "2013-01-30T00:00:00Z"),
        ("30 Mayıs 2013 Perşembe 14:02", ["tr"], "2013-05-30T14:02:00Z"),
        ("05.01.2012 | 16:58", None, "2012-01-05T16:58:00Z"),  # day first
        ("0000-00-00", None, None),
        ("2024-13-45", None, None),
        ("yesterday", ["en"], None),
        ("", None, None),
        ({"not": "a date"}, None, None),
        (None, None, None),
    ],
)
def test_normalise_date(raw, languages, expected):
    assert normalise_date(raw, languages) == expected


def test_us_pages_read_slashed_dates_month_first():
    assert normalise_date("01/12/2012", ["en"], month_first=True) == "2012-01-12T00:00:00Z"
    assert normalise_date("01/12/2012", ["en"]) == "2012-12-01T00:00:00Z"


def test_date_from_url():
    assert date_from_url("https://x.example/2013/05/30/story") == "2013-05-30T00:00:00Z"
    # one-segment and dotted day-first forms, also inside a %2F-escaped query
    assert date_from_url("https://x.example/article?AID=%2F20120103%2FCITY%2F94") == (
        "2012-01-03T00:00:00Z"
    )
    assert date_from_url("https://x.example/news/asia/05.01.2012/185968/a.html") == (
        "2012-01-05T00:00:00Z"
    )
    assert date_from_url("https://x.example/item/20121399/") is None  # month 13
    assert date_from_url("https://x.example/2013/99/30/story") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # a compact date after a word and an underscore
        ("https://x.example/variety/news_20080113-bigadda.htm", "2008-01-13"),
        ("https://x.example/story_123420080113.html", None),  # digits of an id, not a date
        # the month by its English name, before or after the year
        ("https://x.example/article/2008/Jan/08/br/br789.html", "2008-01-08"),
        ("https://x.example/releases/archive/January2008/06/c6796.html", "2008-01-06"),
        ("https://x.example/archive/2008/Foo/08/", None),
        # day, month and year in one segment: only when one reading makes a date
        ("https://x.example/18012008/1/fulham-wrap.html", "2008-01-18"),
        ("https://x.example/01182008/1/story.html", "2008-01-18"),
        ("https://x.example/05052008/story.html", "2008-05-05"),
        ("https://x.example/01022008/story.html", None),  # 1 February or 2 January
        ("https://x.example/12345678/story.html", None),
    ],
)
def test_date_from_url_other_forms(url, expected):
    value = date_from_url(url)
    assert (value[:10] if value else None) == expected


def names(raw: str) -> list[str]:
    return [a["name"] for a in merge_authors(author_entries(raw))]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe and John Roe, Staff Writers", ["Jane Doe", "John Roe"]),
        ("Ann Lee, Bob Ray & Cy Twombly", ["Ann Lee", "Bob Ray", "Cy Twombly"]),
        ("بقلم محمد علي و أحمد حسن", ["محمد علي", "أحمد حسن"]),
        ("Par Jean Dupont", ["Jean Dupont"]),
        ("SAEED SHAH Special to The Globe and Mail", ["Saeed Shah"]),
        ("作者：王建琦", ["王建琦"]),
        ("Von Hans Müller", ["Hans Müller"]),
        ("Jane Doe | Reuters", ["Jane Doe"]),
        ("Jane Doe, Correspondent", ["Jane Doe"]),
        ("<a href='/a'>By JANE DOE</a>", ["Jane Doe"]),
        ("Jane Doe jane@example.com", ["Jane Doe"]),
        ("Jane Doe, Thursday, May 30, 2013", ["Jane Doe"]),
        ("By Dan Williams in Jerusalem", ["Dan Williams"]),
        ("Reuters", ["Reuters"]),  # an organisation when that is all there is
        ("https://www.facebook.com/someone", []),
        ("Staff Writer", []),
        ("Image: Getty Images/Cultura RF", []),
    ],
)
def test_author_names(raw, expected):
    assert names(raw) == expected


def test_authors_deduped_and_raw_kept():
    entries = merge_authors(author_entries("By Jane Doe") + author_entries("JANE DOE"))
    assert entries == [{"name": "Jane Doe", "nameRaw": "By Jane Doe"}]


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "Smoke over the city.   REUTERS/ Rami Bleible  (SYRIA - Tags: CONFLICT) - RTX106EZ",
            ("Smoke over the city.", "REUTERS/ Rami Bleible"),
        ),
        ("Protesters in Istanbul (AFP)", ("Protesters in Istanbul", "AFP")),
        ("A man walks. Photo: Jane Doe", ("A man walks.", "Jane Doe")),
        ("A view of Beirut. © Jane Doe", ("A view of Beirut.", "© Jane Doe")),
        ("Smoke rises over Gaza. Getty Images", ("Smoke rises over Gaza.", "Getty Images")),
        ("متظاهرون في بيروت (رويترز)", ("متظاهرون في بيروت", "رويترز")),
        ("متظاهرون في بيروت. صورة: أ ف ب", ("متظاهرون في بيروت.", "أ ف ب")),
        ("Just a caption.", ("Just a caption.", None)),
    ],
)
def test_split_credit(caption, expected):
    assert split_credit(caption) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en-US", "en"), ("tr_TR", "tr"), ("ar", "ar"), ("iw", "he"), ("English", "en"),
     ({"@type": "Language", "name": "Arabic"}, "ar"), ("x", None), (7, None)],
)  # fmt: skip
def test_normalise_language(value, expected):
    assert normalise_language(value) == expected


@pytest.mark.parametrize(
    ("text", "languages", "expected"),
    [
        ("Δημοσίευση: 12-1-2012, 14:20 Ανανέωση: 13-1-2012", ["el"], "2012-01-12T14:20:00Z"),
        ("Dodano: 27 lipca 2011, 21:15 Autor: Beata Nowak", ["pl"], "2011-07-27T21:15:00Z"),
        ("Data publikacji: 2012-01-03 09:38:47 | Data aktualizacji: 2012-01-04", ["pl"],
         "2012-01-03T09:38:47Z"),
        ("Posted Thursday, January 17th, 2008", ["en"], "2008-01-17T00:00:00Z"),
        ("نشر في: الخميس ٣٠ أيار ٢٠١٣", ["ar"], "2013-05-30T00:00:00Z"),
        ("15 de marzo de 2012", ["es"], "2012-03-15T00:00:00Z"),
        ("Share this article", ["en"], None),
        ("3 comments on 45 items in 2012", ["en"], None),
    ],
)  # fmt: skip
def test_find_dates_in_datelines(text, languages, expected):
    """The first date written in a dateline, in the page's language, without dateparser."""
    found = find_dates(text, languages)
    assert (found[0][0] if found else None) == expected


def test_free_text_dates_for_htmldate_are_read_in_the_script_languages():
    """The stand-in for htmldate's dateparser call: full dates in the
    languages the letters suggest; a date without a year is no date."""
    assert parse_date_text("Σάββατο 14 Ιανουαρίου 2012") == datetime(2012, 1, 14)
    assert parse_date_text("04 Января 2012 14:11") == datetime(2012, 1, 4, 14, 11)
    assert parse_date_text("Monday , December 31 , 2007").date() == datetime(2007, 12, 31).date()
    assert parse_date_text("28 ноября в 16:39") is None
    assert parse_date_text("on Tuesday July 24, @11:25AM") is None
