"""Clean author values into a list of ``{"name": ...}`` entries.

Pages give authors in many shapes: a JSON-LD ``Person`` list, one string
"By Jane Doe and John Roe, Staff Writers", a byline with a date and an e-mail,
``بقلم محمد علي``. ``clean_author_names(raw)`` returns each person once, without
the "By"/"Par"/"Von"/"بقلم" prefix, role suffixes, dates or e-mail addresses.
A wire or organisation name is kept only when it is all there is.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"^(https?:)?//|^www\.", re.I)
_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|reported|reporting|compiled|edited|story|text|words)\s+by"
    r"|by|par|von|door|por|di|da|av|af|yazan|yazar|bakeng|"
    r"author|authors|auteur|autor|autorin|byline|writer|"
    r"بقلم|كتب|كتبت|كتبه|إعداد|اعداد|تحرير|مراسل)\s*[:：\-–—]?\s+|^\s*(?:作者|记者|撰文)\s*[:：]\s*",
    re.I,
)
_DATE_TAIL = re.compile(
    r"\s*(?:[|,·•\-–—]\s*|\b(?:on|updated|published)\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?,?\s+)?(?:\d{1,2}\s+\w+\.?,?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
    r".*$",
    re.I,
)
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s*$")
_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\bve\b|\by\b|\be\b|\bog\b|\ben\b|\s+و\s+|،)\s*"
)
_ROLE_WORDS = {
    "staff",
    "writer",
    "writers",
    "correspondent",
    "correspondents",
    "reporter",
    "reporters",
    "editor",
    "editors",
    "contributor",
    "contributing",
    "columnist",
    "senior",
    "chief",
    "bureau",
    "news",
    "desk",
    "special",
    "associate",
    "deputy",
    "managing",
    "political",
    "diplomatic",
    "economic",
    "economics",
    "foreign",
    "defense",
    "defence",
    "security",
    "affairs",
    "middle",
    "east",
    "analyst",
    "journalist",
    "photographer",
    "producer",
    "team",
    "the",
    "of",
    "for",
    "and",
    "our",
    "online",
    "digital",
    "web",
    "international",
    "regional",
    "national",
    "global",
    "business",
    "sports",
    "culture",
    "opinion",
    "guest",
    "freelance",
    "reporting",
    "additional",
    "with",
    "contributed",
    "to",
    "this",
    "report",
    "report.",
    "story",
    "at",
    "large",
    "video",
    "photo",
    "photos",
    "editorial",
    "board",
    "مراسل",
    "مراسلة",
    "محرر",
    "الكاتب",
    "كاتب",
    "صحفي",
}
_ORGS = {
    "reuters",
    "afp",
    "ap",
    "associated press",
    "the associated press",
    "dpa",
    "anadolu",
    "anadolu agency",
    "aa",
    "upi",
    "bloomberg",
    "xinhua",
    "efe",
    "ansa",
    "wam",
    "spa",
    "qna",
    "kuna",
    "mena",
    "ips",
    "tass",
    "ria novosti",
    "agencies",
    "agence france-presse",
    "agence france presse",
    "staff",
    "news desk",
    "web desk",
    "rss",
    "admin",
    "editor",
    "رويترز",
    "أ ف ب",
    "ا ف ب",
    "وكالات",
    "الأناضول",
}
# Page labels that byline markup catches along with (or instead of) a name:
# "Posted on", "Published", "Website", "Other Articles", in several languages.
_LABEL = (
    r"published|posted|posted on|updated|last updated|website|other articles|more articles"
    r"|all posts|view all posts|books|profile|follow|contact|share|email|comments?"
    r"|publié|publié le|veröffentlicht|aktualisiert|yayınlanma|güncelleme|opublikowano"
    r"|опубликовано|обновлено|δημοσιεύτηκε|δημοσίευση|نشر|نشر في|تاريخ النشر|פורסם"
)
_LABEL_ONLY = re.compile(rf"^(?:{_LABEL})$", re.I)
_LABEL_TAIL = re.compile(rf"\s+(?:{_LABEL})\s*:?$", re.I)
# "text: Jane Doe photo: John Roe": the photographer is not an author.
_CREDIT_TAIL = re.compile(r"\s*\b(?:foto|photo|photos|fot|zdjęcia|bild|image)\s*:.*$", re.I)
_CREDIT_HEAD = re.compile(r"^\s*(?:tekst|text|texte|tekstas|metin)\s*:\s*", re.I)
# "example.gr", "Lrt.lt": a site name, an organisation (not "M.Ali": one-letter labels).
_HOSTNAME = re.compile(r"^(?:[\w-]+\.)*[\w-]{2,}\.[a-z]{2,6}$", re.I)
# "Jane Doe, Special to The Globe and Mail": the publication, not a second author.
_SPECIAL_TO = re.compile(r"[\s,]+(?:special|exclusive)\s+to\s+.*$", re.I)
MAX_NAME_WORDS = 6
_EDGES = re.compile(r"^[\s(\[]+|[\s)\].:]+$")
_PARENTHESES = re.compile(r"\s*\([^)]*\)\s*")
# Photo credits and links that end up in author fields.
_NOT_A_NAME = re.compile(
    r"^(?:image|photo|picture|foto|credit|source)s?\s*:|https?://|www\.|/", re.I
)


def clean_author_names(raw: str) -> list[str]:
    """Split one raw author string into clean person (or organisation) names."""
    text = _prepare(raw)
    if not text:
        return []
    names: list[str] = []
    for part in _SPLIT.split(text):
        name = _clean_one(part)
        if name and not _is_role(name):
            names.append(name)
    return names


def merge_authors(entries: list[dict]) -> list[dict]:
    """Dedupe by name (case-insensitive); drop organisations when people are listed."""
    seen: dict[str, dict] = {}
    for entry in entries:
        key = entry["name"].casefold()
        if key not in seen:
            seen[key] = entry
        elif entry.get("url") and not seen[key].get("url"):
            seen[key]["url"] = entry["url"]
    people = [e for k, e in seen.items() if not _is_organisation(k)]
    named = [e for k, e in seen.items() if k not in _NOBODY]
    return people or named


def author_entries(raw: str, url: str | None = None) -> list[dict]:
    """``{"name", "nameRaw"?, "url"?}`` entries for one raw author value."""
    raw_text = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", raw or ""))).strip()
    entries = []
    for name in clean_author_names(raw_text):
        entry = {"name": name}
        if name != raw_text:
            entry["nameRaw"] = raw_text
        if url and isinstance(url, str) and _URL.match(url):
            entry["url"] = url
        entries.append(entry)
    return entries


def _prepare(raw) -> str:
    if not isinstance(raw, str):
        return ""
    text = html.unescape(_TAG.sub(" ", raw))
    text = _SPACE.sub(" ", text).strip(" \t\n|-–—:·•")
    if not text or _URL.match(text) or len(text) > 300:
        return ""
    text = _EMAIL.sub(" ", text)
    text = _CREDIT_HEAD.sub("", _CREDIT_TAIL.sub("", text))
    text = _PREFIX.sub("", text)
    text = _DATE_TAIL.sub("", text)
    text = _SPECIAL_TO.sub("", text)
    return _SPACE.sub(" ", text).strip(" ,|-–—:·•")


def _clean_one(part: str) -> str | None:
    name = _PREFIX.sub("", part.strip())
    name = _IN_PLACE.sub("", name)
    name = _EDGES.sub("", name)
    name = _PARENTHESES.sub(" ", name).strip()  # "(Reuters)", "(@handle)"
    cut = _LABEL_TAIL.sub("", name).strip(" -–—:")  # "JANE DOE Published"
    if len(cut.split()) >= 2:  # but "Mark Share" is a name
        name = cut
    if not name or _LABEL_ONLY.match(name):
        return None
    if not name or any(ch.isdigit() for ch in name) or "@" in name or _URL.match(name):
        return None
    if _NOT_A_NAME.search(name):
        return None
    if len(name.split()) > MAX_NAME_WORDS or len(name) < 2:
        return None
    if name.isupper() and _latin(name) and len(name) > 4 and name.casefold() not in _ORGS:
        name = name.title()
    return name


def _latin(text: str) -> bool:
    """Only Latin letters (accented ones included): safe to title-case."""
    return all(ord(ch) < 0x250 for ch in text)


# Values that name nobody, not even an organisation.
_NOBODY = {"admin", "administrator", "webmaster", "editor", "staff", "rss", "user", "guest"}


def _is_organisation(key: str) -> bool:
    """A wire, desk or site name (``key`` is case-folded)."""
    return key in _ORGS or key in _NOBODY or bool(_HOSTNAME.match(key))


def _is_role(name: str) -> bool:
    words = [w.strip(".,").casefold() for w in name.split()]
    return bool(words) and all(w in _ROLE_WORDS for w in words)
