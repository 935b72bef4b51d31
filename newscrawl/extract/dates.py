"""Turn the date strings that pages declare into ISO 8601 with a time zone.

``normalise_date(raw)`` returns e.g. ``2013-05-30T14:02:00+03:00``. The page's
own offset is kept; a date without one is taken as UTC and written with ``Z``.
ISO-like strings are parsed with the standard library (fast path, no
dateparser); other text ("30 May 2013", "الخميس ٣٠ مايو ٢٠١٣") goes through
``dateparser`` with the page's declared language as a hint. Implausible values
("0000-00-00", years before 1990 or more than a year ahead) give ``None``.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache

logger = logging.getLogger(__name__)

MIN_YEAR = 1990
# Arabic-Indic (U+0660..) and Extended Arabic-Indic / Persian (U+06F0..) digits.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ISO = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$",
    re.I,
)
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*(Z)?\s*$")
_EPOCH = re.compile(r"^\s*(\d{10})(\d{3})?\s*$")
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)"
)
# "/20120103/", "%2F20120103%2F" or "/news_20120103-slug" (publishing systems
# that put the day in one segment, alone or after a word and an underscore).
_URL_COMPACT_DATE = re.compile(
    r"(?:/|%2F|_)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|%2F|[-_.]|$)", re.I
)
# "/30.05.2013/" (day first).
_URL_DOTTED_DATE = re.compile(r"/(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.((?:19|20)\d{2})/")
# "/18012008/": day, month and year in one segment; taken only when a single
# reading (day first or month first) makes a date, or both make the same one.
_URL_COMPACT_DMY = re.compile(r"/(\d{2})(\d{2})((?:19|20)\d{2})(?:/|[-_.]|$)")
# The month by its English name: "/2008/Jan/08/", "/January2008/06/".
_URL_NAMED_MONTH = re.compile(
    r"/(?:((?:19|20)\d{2})/([A-Za-z]{3,9})|([A-Za-z]{3,9})[-_]?((?:19|20)\d{2}))"
    r"/(0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)"
)
_HAS_LETTER_OR_DIGIT = re.compile(r"\w")
# Free text must name a year: "yesterday" or "3 hours ago" is not a publication date.
_NUMERIC = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_SLASHED = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_HAS_YEAR = re.compile(r"\d{4}|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b")


def normalise_date(
    raw, languages: list[str] | None = None, month_first: bool = False
) -> str | None:
    """Return ``raw`` as an ISO 8601 date-time with offset, or None if unusable.

    Numeric dates are read day first ("05.01.2012" is 5 January) unless
    ``month_first`` is set (US English pages with slashes: "01/12/2012").
    """
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        return None
    text = str(raw).translate(_DIGITS).strip()
    if not text or not _HAS_LETTER_OR_DIGIT.search(text) or len(text) > 200:
        return None
    if _ISO.match(text) or _COMPACT.match(text):
        value = _parse_iso(text)  # invalid ISO ("0000-00-00") is not guessed at
    else:
        order = "MDY" if month_first and _SLASHED.search(text) else "DMY"
        value = _parse_epoch(text) or _parse_text(text, tuple(languages or ()), order)
    if value is None or not _plausible(value):
        return None
    return format_date(value)


def format_date(value: datetime) -> str:
    """ISO 8601 with seconds; naive values are UTC (written ``Z``)."""
    if value.tzinfo is None:
        return value.replace(microsecond=0).isoformat() + "Z"
    text = value.replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") and value.tzinfo is UTC else text


def date_from_url(url: str | None) -> str | None:
    """A ``/2013/05/30/``, ``/20130530/``, ``/30.05.2013/``, ``/30052013/``,
    ``/2013/May/30/`` or ``/May2013/30/`` date in the URL, as midnight UTC."""
    url = url or ""
    groups = None
    if match := _URL_DATE.search(url) or _URL_COMPACT_DATE.search(url):
        groups = match.groups()
    elif match := _URL_DOTTED_DATE.search(url):
        groups = match.groups()[::-1]
    elif match := _URL_NAMED_MONTH.search(url):
        year_a, name_a, name_b, year_b, day = match.groups()
        month = _MONTHS.get((name_a or name_b).lower())
        groups = (year_a or year_b, month, day) if month else None
    elif match := _URL_COMPACT_DMY.search(url):
        groups = _day_month_segment(*match.groups())
    if not groups:
        return None
    try:
        value = datetime(*(int(g) for g in groups))
    except ValueError:
        return None
    return format_date(value) if _plausible(value) else None


def _day_month_segment(first: str, second: str, year: str) -> tuple | None:
    """``(year, month, day)`` of a ``ddmmyyyy``/``mmddyyyy`` segment, None when
    the two readings give two different dates (01022008: 1 February or 2 January)."""
    readings = {
        (int(year), int(month), int(day))
        for day, month in ((first, second), (second, first))
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31
    }
    return readings.pop() if len(readings) == 1 else None


def _parse_iso(text: str) -> datetime | None:
    match = _ISO.match(text) or _COMPACT.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        value = datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        return None
    return _with_zone(value, zone)


def _with_zone(value: datetime, zone: str | None) -> datetime:
    if not zone:
        return value
    if zone.upper() in ("Z", "UTC", "GMT"):
        return value.replace(tzinfo=UTC)
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        return value
    return value.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))


def _parse_epoch(text: str) -> datetime | None:
    match = _EPOCH.match(text)
    if not match:
        return None
    return datetime.fromtimestamp(int(match.group(1)), tz=UTC)


# Levantine/Iraqi month names, which dateparser does not know, to the Egyptian ones it does.
_LEVANTINE_MONTHS = [
    ("كانون الثاني", "يناير"), ("كانون الأول", "ديسمبر"), ("كانون الاول", "ديسمبر"),
    ("تشرين الأول", "أكتوبر"), ("تشرين الاول", "أكتوبر"), ("تشرين الثاني", "نوفمبر"),
    ("شباط", "فبراير"), ("آذار", "مارس"), ("اذار", "مارس"), ("نيسان", "أبريل"),
    ("أيار", "مايو"), ("ايار", "مايو"), ("حزيران", "يونيو"), ("تموز", "يوليو"),
    ("آب", "أغسطس"), ("أيلول", "سبتمبر"), ("ايلول", "سبتمبر"),
]  # fmt: skip
# A label before the date: "Published:", "نشر في:", "Yayınlanma:".
_LABEL = re.compile(r"^[^\d:]{1,30}:\s*(?=\S)")


_MONTHS = {
    name: number
    for number, names in enumerate(
        ["jan january", "feb february", "mar march", "apr april", "may", "jun june",
         "jul july", "aug august", "sep sept september", "oct october", "nov november",
         "dec december"], start=1)
    for name in names.split()
}  # fmt: skip
_TIME = r"(?:[T,\s|at-]+(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?"
_DAY_MONTH_YEAR = re.compile(
    r"^(?:[A-Za-z]+\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})" + _TIME,
    re.I,
)
_MONTH_DAY_YEAR = re.compile(
    r"^(?:[A-Za-z]+\.?,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _TIME,
    re.I,
)
_NUMBERS = re.compile(r"^(?:[A-Za-z]+\.?,?\s+)?(\d{1,2})([./-])(\d{1,2})\2(\d{4})" + _TIME, re.I)


def _parse_common(text: str, order: str) -> datetime | None:
    """English month names and numeric dates without dateparser (the usual cases)."""
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        day, month, year = match.group(1), _MONTHS.get(match.group(2).lower()), match.group(3)
    elif match := _MONTH_DAY_YEAR.match(text):
        month, day, year = _MONTHS.get(match.group(1).lower()), match.group(2), match.group(3)
    elif match := _NUMBERS.match(text):
        first, second, year = match.group(1), match.group(3), match.group(4)
        day, month = (second, first) if order == "MDY" else (first, second)
    else:
        return None
    if text[match.end() :].strip(" ,|-"):
        return None  # a zone name or more words after it: leave it to dateparser
    hour, minute, second_, ampm = match.groups()[-4:]
    if not month:
        return None
    hour = int(hour or 0)
    if ampm:
        hour = hour % 12 + (12 if ampm[0].lower() == "p" else 0)
    try:
        return datetime(int(year), int(month), int(day), hour, int(minute or 0), int(second_ or 0))
    except ValueError:
        return None


def _parse_text(text: str, languages: tuple[str, ...], order: str) -> datetime | None:
    if not _HAS_YEAR.search(text):
        return None
    text = _LABEL.sub("", text)
    common = _parse_common(text, order)
    if common is not None:
        return common
    for name, standard in _LEVANTINE_MONTHS:
        if name in text:
            text = text.replace(name, standard)
    try:
        return _dateparser_parse(text, languages, order if _NUMERIC.search(text) else None)
    except Exception:  # dateparser raises assorted errors on odd input
        logger.debug("dateparser failed on %r", text)
        return None


def parse_date_text(text: str) -> datetime | None:
    """A full date (day, month, year) written in ``text``, in the languages its
    letters suggest, or None: dateparser told which languages to try, instead
    of testing every locale it knows (seconds on first use in a process)."""
    try:
        return _dateparser_parse(str(text).translate(_DIGITS), (), None)
    except Exception:  # dateparser raises assorted errors on odd input
        logger.debug("dateparser failed on %r", text)
        return None


@lru_cache(maxsize=2048)
def _dateparser_parse(text: str, languages: tuple[str, ...], order: str | None):
    import dateparser

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
    if order:
        settings["DATE_ORDER"] = order
    by_script = _languages_by_script(text)
    for langs in ([lang for lang in languages if lang], by_script):
        if not langs or (langs is by_script and set(languages) >= set(by_script)):
            continue
        try:
            value = dateparser.parse(text, languages=langs, settings=settings)
        except ValueError:  # a language dateparser does not know
            value = None
        if value is not None:
            return value
    return None


def _languages_by_script(text: str) -> list[str]:
    """Likely languages from the letters used (dateparser is slow when it must try all)."""
    for low, high, langs in _SCRIPTS:
        if any(low <= ch <= high for ch in text):
            return langs
    return ["en", "fr", "de", "es", "it", "pt", "nl", "tr", "pl", "sv", "da", "nb", "id"]


_SCRIPTS = [
    ("\u0600", "\u06ff", ["ar", "fa", "ur"]),
    ("\u0590", "\u05ff", ["he"]),
    ("\u0370", "\u03ff", ["el"]),
    ("\u0400", "\u04ff", ["ru", "uk", "bg", "sr"]),
    ("\u3040", "\u30ff", ["ja"]),
    ("\u4e00", "\u9fff", ["zh", "ja"]),
    ("\uac00", "\ud7af", ["ko"]),
]


# ----------------------------------------------------------------- dates inside free text

_TEXT_TIME = (
    r"(?:[\sT,|at-]{1,5}(\d{1,2})[:.](\d{2})(?![\d.])(?::(\d{2}))?(?:\s?([AaPp])\.?[Mm]\b\.?)?)?"
)
_TEXT_DATES = [
    ("ymd", re.compile(
        r"(?<![\d.])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.])" + _TEXT_TIME)),
    ("dmy", re.compile(
        r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)?\d{2})(?![\d.])" + _TEXT_TIME)),
    ("d-month-y", re.compile(
        r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\.?,?\s*(?:de\s+)?([^\W\d_]{3,12})\.?,?\s*(?:de\s+)?"
        r"((?:19|20)\d{2})(?!\d)" + _TEXT_TIME)),
    ("y年m月d日", re.compile(
        r"(?<!\d)((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"
        + _TEXT_TIME)),
    ("month-d-y", re.compile(
        r"(?<![^\W\d_])([^\W\d_]{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s?,?\s+((?:19|20)\d{2})(?!\d)"
        + _TEXT_TIME)),
]  # fmt: skip
# What every pattern of ``_TEXT_DATES`` needs (``\d`` is any script's digit).
_TWO_DIGITS = re.compile(r"\d\d")


def find_dates(text: str, languages=(), month_first: bool = False) -> list[tuple[str, str]]:
    """Dates written inside a short free text, in order: ``[(iso, raw), ...]``.

    For datelines such as "Published: 12-1-2012, 14:20 | Updated: ...",
    "2012/01/16 10:43", "2012年01月17日" or "Σάββατο 14 Ιανουαρίου 2012".
    Month names are those of English and of the ``languages`` given (from
    dateparser's locale data, without its parser); a non-ASCII month name
    not found there is looked up in the languages its script suggests.
    """
    if not text or not _TWO_DIGITS.search(text):
        return []  # every pattern needs a year of two or four digits
    text = text.translate(_DIGITS)
    months = _month_names(tuple(languages or ()))
    # English declared, or nothing declared and the line is plain ASCII
    # ("Published: 01.09.2008", not "Опубликовано 05.12.2012").
    english = "en" in (languages or ()) or (not languages and text.isascii())
    found = []
    for kind, pattern in _TEXT_DATES:
        for match in pattern.finditer(text):
            value = _text_match_date(kind, match, months, month_first, text, english)
            if value is not None and _plausible(value):
                found.append((match.start(), format_date(value), match.group(0).strip()))
    return [(iso, raw) for _start, iso, raw in sorted(found)]


def _text_match_date(
    kind: str, match, months: dict, month_first: bool, text: str = "", english: bool = False
) -> datetime | None:
    """The date ``match`` (of pattern ``kind``) writes. ``month_first``: a US
    page, where slashed dates are month first, and dotted or dashed ones too
    in English (``english``); a weekday before a numeric
    date picks the reading that falls on it."""
    groups = match.groups()
    if kind == "ymd":
        year, month, day = groups[0], groups[2], groups[3]
    elif kind == "y年m月d日":
        year, month, day = groups[0], groups[1], groups[2]
    elif kind == "dmy":
        first, second, year = groups[0], groups[2], groups[3]
        year = year if len(year) == 4 else f"20{year}"
        us = month_first and (groups[1] == "/" or english)
        day, month = (second, first) if us else (first, second)
        if int(month) > 12 >= int(day):  # "25.12.2012" on a US page: only day first makes a date
            day, month = month, day
        weekday = _weekday_before(text, match.start())
        if weekday is not None and first != second:
            day, month = _by_weekday(weekday, int(year), (day, month), (month, day))
    elif kind == "d-month-y":
        day, month, year = groups[0], _month(groups[1], months), groups[2]
    else:
        month, day, year = _month(groups[0], months), groups[1], groups[2]
    hour, minute, second_, half = groups[-4:]
    hour = _half_day(hour, half)
    try:
        numbers = (year, month or 0, day, hour or 0, minute or 0, second_ or 0)
        return datetime(*(int(n) for n in numbers))
    except ValueError:
        return None


def _half_day(hour: str | None, half: str | None):
    """``hour`` on a 24-hour clock: "2:49 pm" is 14, "12:01am" is 0; a
    24-hour time stays ("14:20 am" in German is no 12-hour time)."""
    if hour and half and 1 <= int(hour) <= 12:
        return int(hour) % 12 + (12 if half in "Pp" else 0)
    return hour


def _weekday_before(text: str, start: int) -> int | None:
    """The weekday (Monday 0) an English name right before ``start`` gives:
    "Thu, 01/12/2012"."""
    match = _WEEKDAY_BEFORE.search(text[max(0, start - 14) : start])
    return _WEEKDAYS[match[1].lower()[:3]] if match else None


def _by_weekday(weekday: int, year: int, reading: tuple, other: tuple) -> tuple:
    """``(day, month)``: the other reading of a numeric date when only it
    falls on the weekday written before it."""

    def on(day_month) -> bool:
        try:
            return datetime(year, int(day_month[1]), int(day_month[0])).weekday() == weekday
        except ValueError:
            return False

    return other if on(other) and not on(reading) else reading


_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = {key[:3]: number for number, key in enumerate(_WEEKDAY_KEYS)}  # "mon": 0
_WEEKDAY_BEFORE = re.compile(
    r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday|s|r|rs)?\.?,?\s*$", re.I
)


# ------------------------------------------------------------- dates without a year

# "16 янв | 17:10", "DEC 30", "Jan. 8", "25 ноября в 16:27", "08/01 13:27" (a
# numeric day and month only with a time after them). Read only where a
# dateline stands, and dated by ``with_year``.
_PARTIAL_DATES = [
    ("d-month", re.compile(
        r"(?<![\d.,:/])(\d{1,2})(?:st|nd|rd|th)?\.?\s*(?:de\s+)?([^\W\d_]{3,12})\.?"
        r"(?!\s*,?\s*(?:de\s+)?\d(?!\d?[:.]\d\d))" + _TEXT_TIME)),
    ("month-d", re.compile(
        r"(?<![^\W\d_])(?<!\d\s)([^\W\d_]{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d.,:/]*\d)"
        r"(?!,?\s+(?:19|20)\d\d)" + _TEXT_TIME)),
    ("dm-time", re.compile(
        r"(?<![\d.,:/])(\d{1,2})[./](\d{1,2})\.?\s+(\d{1,2}):(\d{2})(?![\d.:/])")),
]  # fmt: skip


def find_partial_dates(text: str, languages=()) -> list[tuple[tuple, str]]:
    """Day-and-month dates without a year in a short ``text``, in order:
    ``[(readings, raw), ...]``, each reading a ``(month, day, hour, minute)``
    (two for "08/01 13:27", which may be day or month first; ``with_year``
    takes the more recent). A month name must be one (English or of
    ``languages``, as in ``find_dates``): "May 5" is read, "Kevin 12" is not."""
    if not text or not any(c.isdigit() for c in text):
        return []
    text = text.translate(_DIGITS)
    months = _month_names(tuple(languages or ()))
    found = []
    for kind, pattern in _PARTIAL_DATES:
        for match in pattern.finditer(text):
            groups = match.groups()
            if kind == "d-month":
                pairs = [(_month(groups[1], months), groups[0])]
            elif kind == "month-d":
                pairs = [(_month(groups[0], months), groups[1])]
            else:
                pairs = [(groups[1], groups[0]), (groups[0], groups[1])]
            half = groups[5] if len(groups) > 5 else None  # "dm-time" has no am/pm
            hour, minute = int(_half_day(groups[2], half) or 0), int(groups[3] or 0)
            readings = tuple(
                (int(month), int(day), hour, minute)
                for month, day in pairs
                if month and 1 <= int(day) <= 31 and 1 <= int(month) <= 12
            )
            if readings and hour <= 23 and minute <= 59:
                found.append((match.start(), readings, match.group(0).strip()))
    return [(readings, raw) for _start, readings, raw in sorted(found)]


def with_year(readings: tuple, reference: datetime) -> str | None:
    """The ISO date of a day-and-month date (``find_partial_dates``): the
    latest one not after ``reference`` (the day the page was served) by more
    than a day."""
    found = []
    for month, day, hour, minute in readings:
        for year in (reference.year, reference.year - 1):
            try:
                value = datetime(year, month, day, hour, minute)
            except ValueError:  # 29 February
                continue
            if value.date() <= reference.date() + timedelta(days=1) and _plausible(value):
                found.append(value)
                break
    return format_date(max(found)) if found else None


def names_weekday(text: str, value: datetime, languages=()) -> bool:
    """``text`` names the weekday of ``value`` ("Monday, December 31, 2007",
    "Σάββατο 14 Ιανουαρίου 2012"), in English, ``languages`` or those of its
    script."""
    words = _WORD.findall(text.casefold())
    languages = tuple(languages or ()) + tuple(_languages_by_script(text))
    names = _weekday_names(languages)
    return any(names.get(word) == value.weekday() for word in words)


@lru_cache(maxsize=64)
def _weekday_names(languages: tuple[str, ...]) -> dict[str, int]:
    """Lower-cased weekday names and abbreviations -> weekday (Monday 0), English always."""
    out = dict(_WEEKDAYS) | {key: number for number, key in enumerate(_WEEKDAY_KEYS)}
    for lang in languages:
        for number, key in enumerate(_WEEKDAY_KEYS):
            for name in _locale_info(lang).get(key, []):
                if len(name) >= 2:
                    out.setdefault(name.casefold().rstrip("."), number)
    return out


_WORD = re.compile(r"[^\W\d_]+")


def _month(name: str, months: dict) -> int | None:
    """The month ``name`` stands for: in the languages asked for, else (for a
    non-ASCII word) in those its script suggests, e.g. a Greek month name on a
    page that declares no language."""
    name = name.casefold()
    number = months.get(name)
    if number is None and not name.isascii():
        number = _month_names(tuple(_languages_by_script(name))).get(name)
    return number


@lru_cache(maxsize=64)
def _month_names(languages: tuple[str, ...]) -> dict[str, int]:
    """Lower-cased month names and abbreviations -> month number, English always."""
    out = dict(_MONTHS)
    for lang in languages:
        for name, number in _locale_months(lang).items():
            out.setdefault(name, number)
    return out


@lru_cache(maxsize=64)
def _locale_months(lang: str) -> dict[str, int]:
    info = _locale_info(lang)
    out = {}
    for number, key in enumerate(_MONTH_KEYS, start=1):
        for name in info.get(key, []):
            if len(name) >= 3:
                out.setdefault(name.casefold().rstrip("."), number)
    if lang == "ar":
        for name, standard in _LEVANTINE_MONTHS:
            out.setdefault(name, out.get(standard, 0))
    return {name: number for name, number in out.items() if number}


@lru_cache(maxsize=64)
def _locale_info(lang: str) -> dict:
    """dateparser's locale data for ``lang`` (month and weekday names), or {}."""
    try:
        from dateparser.languages.loader import default_loader

        return default_loader.get_locale(lang).info
    except Exception:  # a language dateparser does not know
        return {}


_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def _plausible(value: datetime) -> bool:
    now = datetime.now(UTC)
    return MIN_YEAR <= value.year <= now.year + 1
