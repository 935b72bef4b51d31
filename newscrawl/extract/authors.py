"""Clean author values into a list of ``{"name": ...}`` entries.

Pages give authors in many shapes: a JSON-LD ``Person`` list, one string
"By Jane Doe and John Roe, Staff Writers", a byline with a date and an e-mail,
``بقلم محمد علي``. ``clean_author_names(raw)`` returns each person once, without
the "By"/"Par"/"Von"/"بقلم" prefix, role suffixes, dates or e-mail addresses.
A wire or organisation name is kept only when it is all there is.

A dateline caught with a name goes ("الرياض: فهد العتيبي", "Beirut – Jane
Doe"; "New York – Jane Doe" when the caller says which words name a place of
the story, ``is_place``), and so does the publication's own credit ("Enab
Baladi – Aleppo", "Daily Sabah with AA" -> "AA") when the caller says how the
page names its publication (``Publication``). Honorifics go ("Dr. Jane Doe"),
and all-capitals names are title-cased ("JEFFREY McMURRAY" -> "Jeffrey McMurray").
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable

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
# A line that opens as a byline does ("By Jane Doe", "Von ...", "بقلم ..."), or
# the byline word alone ("By" before a linked name: group 1 is empty): how a
# byline without byline markup is told from other short lines.
BYLINE_START = re.compile(
    r"^(?:(?:written|reported|story|words|text)\s+by|by|von|par|por|door|yazan"
    r"|بقلم|كتب|كتبت|מאת)\s*:?(?:\s+(\S)|$)",
    re.I,
)
BYLINE_INITIALS = frozenset("wrstbvpdyبكמ")  # the first letters of those words
_DATE_TAIL = re.compile(
    r"\s*(?:[|,·•\-–—]\s*|\b(?:on|updated|published)\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?,?\s+)?(?:\d{1,2}\.?\s+\w+\.?,?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
    r".*$",
    re.I,
)
# "Opinion by Jane Doe", "capital von Jemima Kelly": a kicker or brand before the
# byline word; after a lower-case word only for "von", a particle in names.
# The name after it must not start in lower case ("More by this author").
_KICKER = re.compile(
    r"^(?:\S+(?:\s+\S+)?\s+(?:[Bb]y|[Pp]ar|[Pp]or|[Dd]oor)|[^\W\d_A-Z]\S*\s+von)\s+"
    r"(?=[^\W\d_])(?![a-zß-ÿ])"
)
# "at CES", "in Las Vegas", "for The Times": where or for whom, not who.
_PLACE_PART = re.compile(r"^(?:at|in|from|for)\s")
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s*$")
_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|\band\b|\bAND\b|\bund\b|\bet\b|\bve\b|\by\b|\be\b|\bog\b|\ben\b"
    r"|\s+و\s+|،)\s*"
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
# The last word of a role phrase: "Digital Channel Editor", "Associated Press Writer".
_ROLE_NOUNS = {
    "writer", "writers", "correspondent", "correspondents", "reporter", "reporters", "editor",
    "editors", "columnist", "contributor", "journalist", "photographer", "producer", "analyst",
    "manager", "team",
}  # fmt: skip
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
    "canadian press",
    "the canadian press",
    "press association",
    "pa media",
    "press trust of india",
    "pti",
    "aap",
    "australian associated press",
    "ians",
    "kyodo",
    "kyodo news",
    "yonhap",
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
    r"|all posts|view all posts|books|profile|view profile|view full profile|follow|contact"
    r"|share|email|comments?"
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
_OPEN_PARENTHESIS = re.compile(r"\s+\([^)]*$")  # "Jane Doe (Senior Editor" once edges are cut
# Photo credits and links that end up in author fields.
_NOT_A_NAME = re.compile(
    r"^(?:image|photo|picture|foto|credit|source)s?\s*:|https?://|www\.|/", re.I
)
# A company by its legal form or trade ("AltumNet sp. z o.o", "Pegasus
# Interactive", "... Λαμπράκη Α.Ε"): the site's owner or its web agency in an
# author tag, never the article's author nor a credit.
_COMPANY = re.compile(
    r"(?:\b(?:ltd|limited|inc|llc|gmbh|plc|pty|sp\.? z o\.?o|s\.a|a\.e|α\.ε|b\.v|s\.r\.l)\.?"
    r"|\b(?:interactive|web solutions|web design|webdesign))$",
    re.I,
)


# A byline's own separators between a name and its place, desk or publication:
# "Beirut – Jane Doe", "Riyadh - Asharq Al-Awsat", "JANE DOE · ISTANBUL"
# (spaced, so "Al-Khalidi" and "Col·lectiu" stay whole).
_PIECES = re.compile(r"\s+[-–—·•]\s+")
# "Daily Sabah with AA", "Jane Doe with AFP": split only before a wire.
_WITH = re.compile(r"\s+with\s+", re.I)
# "Riyadh: Jane Doe", "Reporting: Jane Doe": a short label or place, then the name.
_LEAD_COLON = re.compile(r"^([^:：]{1,40}?)\s*[:：]\s*(\S.*)$")
_LEAD_WORDS = 3
# Name particles written in lower case ("Clémence de la Tour", "Ursula von der Leyen").
_PARTICLES = {
    "de", "da", "di", "do", "dos", "das", "del", "della", "du", "des", "la", "le", "van",
    "von", "der", "den", "ter", "ten", "zu", "y", "e", "al", "el", "bin", "ibn", "bint",
}  # fmt: skip
_PARTICLE_PREFIX = re.compile(r"^[a-z]{1,3}-\w")  # "al-Khalidi", "el-Sisi"
# Honorifics before a name: "Dr. Jane Doe", "Prof. Dr. Hans Müller", "Dr.Αναστασία
# ...", "Mme Dupont", "Dott.ssa Rossi", "Doç. Dr. Ayşe Kaya", "د. محمد". With a
# dot in any case; without one only as written in running text ("Dr Jane Doe",
# Polish "dr Jan Kowalski"), so "MS Dhoni" keeps his initials.
_HONORIFIC = re.compile(
    r"^(?:(?i:dr|dra|prof|mr|mrs|ms|mx|sr|sra|srta|sig|sig\.ra|dott|dott\.ssa|doç|op|av"
    r"|hab|mme|mlle|δρ|καθ|д-р|проф)\.\s*|د\.\s*"
    r"|(?:Dr|Dra|Prof|Mr|Mrs|Ms|Mme|Mlle|Sra|dr|prof|الدكتور|الدكتورة)\s+)+(?=\w)"
)
# "McMURRAY", "MacDONALD": a capitalised prefix written so in an all-capitals name.
_MC_CAPS = re.compile(r"^(Mc|Mac)([A-Z][A-Z'’-]+)$")
_ROMAN = re.compile(r"^(?:I{2,3}|IV|VI{0,3})$")  # "John Smith III"


class Publication:
    """How a page names its own publication, as ``publication_key`` values.

    An author value that is the publication's name is the site crediting
    itself, not a person ("Hürriyet Daily News", "Enab Baladi Aleppo").
    ``declared`` names are the page's statements about itself (og:site_name,
    the JSON-LD publisher or WebSite): any author equal to one is a credit.
    ``hinted`` names only suggest it (the labels of the host name, the
    ``<title>``'s last part, an Organization node), one entry per source: a
    personal site is named after its author, so one hint alone drops a name
    only where it is no person's anyway (a typed Organization author, a piece
    of "<place> – <publication>" or "<publication> with <wire>", a longer
    name holding it, a host name); two hints agreeing drop it everywhere.

    ``build``, when given, returns ``(declared, hinted)`` on first use: half
    the pages have no author value to compare, and pay nothing.
    """

    __slots__ = ("_build", "_declared", "_hinted")

    def __init__(self, declared=frozenset(), hinted=(), build=None):
        self._declared: frozenset[str] = frozenset(declared)
        self._hinted: tuple[str, ...] = tuple(hinted)
        self._build = build

    @property
    def declared(self) -> frozenset[str]:
        self._load()
        return self._declared

    @property
    def hinted(self) -> tuple[str, ...]:
        self._load()
        return self._hinted

    def declaring(self, keys: frozenset[str]) -> Publication:
        """This publication with ``keys`` declared too."""
        return Publication(self.declared | keys, self.hinted) if keys else self

    def _load(self) -> None:
        if self._build is not None:
            declared, hinted = self._build()
            self._declared, self._hinted, self._build = frozenset(declared), tuple(hinted), None

    def __repr__(self) -> str:
        return f"Publication(declared={set(self.declared)!r}, hinted={self.hinted!r})"


NO_PUBLICATION = Publication()
_NOT_ALNUM = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=4096)  # a site's names come back on each of its pages
def publication_key(text: str) -> str:
    """``text`` folded for comparing names: no case, accents, spaces or punctuation."""
    if text.isascii():
        return _NOT_ALNUM.sub("", text.lower())
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text.casefold()))


def clean_author_names(
    raw: str,
    publication: Publication = NO_PUBLICATION,
    organisation: bool = False,
    is_place: Callable[[str], bool] | None = None,
) -> list[str]:
    """Split one raw author string into clean person (or organisation) names.

    ``publication``: how the page names itself, to drop its own credits;
    ``organisation``: the value is a typed Organization (structured data);
    ``is_place``: whether words name a place of the story (the headline or
    description names it), for a dateline of several words before a name.
    """
    text = _prepare(raw)
    if not text:
        return []
    parts = _SPLIT.split(text)
    companies = [_COMPANY.search(part.strip(" ,;")) is not None for part in parts]
    names: list[str] = []
    for part, company in zip(parts, companies, strict=True):
        if not company:
            names += _part_names(part, publication, organisation, is_place)
    if any(companies):  # "e-go.gr, Pegasus Interactive": who made the site, and its pieces
        names = [name for name in names if looks_like_person(name)]
    return names


def looks_like_person(name: str) -> bool:
    """Two to five words, none of them in lower case but name particles: what a
    byline found by its wording alone must look like ("By the numbers" is no one)."""
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    return not any(
        word[0].islower() and word not in _PARTICLES and not _PARTICLE_PREFIX.match(word)
        for word in words
    )


def has_person(entries: list[dict]) -> bool:
    """Whether ``entries`` name someone other than a wire, desk or site."""
    return any(not _is_organisation(e["name"].casefold()) for e in entries)


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


def author_entries(
    raw: str,
    url: str | None = None,
    publication: Publication = NO_PUBLICATION,
    organisation: bool = False,
    is_place: Callable[[str], bool] | None = None,
) -> list[dict]:
    """``{"name", "nameRaw"?, "url"?}`` entries for one raw author value
    (``publication``, ``organisation``, ``is_place``: as for ``clean_author_names``)."""
    raw = raw or ""
    if "<" in raw or "&" in raw:
        raw = html.unescape(_TAG.sub(" ", raw))
    raw_text = " ".join(raw.split())  # as ``\s+`` -> " " and strip()
    entries = []
    for name in clean_author_names(raw_text, publication, organisation, is_place):
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


def _part_names(
    part: str, publication: Publication, organisation: bool, is_place=None
) -> list[str]:
    """The names in one part of a split author value.

    A part made of pieces ("Beirut – Jane Doe", "Daily Sabah with AA",
    "JANE DOE · ISTANBUL") loses the publication's own name and, next to a
    name of two words or more (or the publication), its one-word pieces: the
    place or desk of a dateline. Wires stay, for ``merge_authors`` to weigh.
    Two one-word pieces ("Jakarta – Sutrisno") cannot be told apart and stay
    one value, as given. A first piece of up to three words that ``is_place``
    says the story names ("New York – Jane Doe") is a dateline's place too.
    """
    pieces = [p for piece in _PIECES.split(part) for p in _with_wire(piece)]
    if len(pieces) == 1:
        return _whole_name(part, publication, organisation, piece=False)
    if is_place is not None and len(pieces[0].split()) <= _LEAD_WORDS and is_place(pieces[0]):
        pieces = pieces[1:]  # the dateline's place
        if len(pieces) == 1:
            return _whole_name(pieces[0], publication, organisation, piece=True)
    names = [n for n in map(_clean_one, pieces) if n and not _is_role(n)]
    credits = [n for n in names if _is_credit(n, publication, organisation, True)]
    kept = [n for n in names if n not in credits]
    if credits or any(len(n.split()) > 1 for n in kept):
        return [n for n in kept if len(n.split()) > 1 or n.casefold() in _ORGS]
    name = _clean_one(part)
    return [name] if name and not _is_role(name) else []


def _whole_name(text: str, publication: Publication, organisation: bool, piece: bool) -> list[str]:
    """``text`` as one name, unless it is a role or the publication's credit."""
    name = _clean_one(text)
    if not name or _is_role(name) or _is_credit(name, publication, organisation, piece):
        return []
    return [name]


def _with_wire(piece: str) -> list[str]:
    """``"<credit> with <wire>"`` as two pieces; any other "with" stays."""
    head, *rest = _WITH.split(piece)
    if len(rest) == 1 and _EDGES.sub("", rest[0]).casefold() in _ORGS:
        return [head, rest[0]]
    return [piece]


def _is_credit(name: str, publication: Publication, organisation: bool, piece: bool) -> bool:
    """``name`` is the publication crediting itself (see ``Publication``).

    ``piece``: ``name`` is one piece of a dateline or "with" credit.
    """
    if not publication.declared and not publication.hinted:
        return False
    key = publication_key(name)
    if not key:
        return False
    hinted = publication.hinted
    if key in publication.declared or hinted.count(key) > 1:
        return True
    if (organisation or piece) and key in hinted:
        return True
    if _HOSTNAME.match(name):  # "STERN.de", "HealthierWorld.gr"
        labels = (publication_key(label) for label in name.split(".")[:-1])
        return any(label in hinted or label in publication.declared for label in labels)
    words = name.split()
    known = publication.declared.union(hinted)
    return any(
        publication_key(" ".join(words[i : i + size])) in known
        for size in range(2, len(words))
        for i in range(len(words) - size + 1)
    )  # "Enab Baladi Aleppo": the name and a place or desk


def _clean_one(part: str) -> str | None:
    name = _PREFIX.sub("", part.strip())
    name = _KICKER.sub("", name)
    name = _IN_PLACE.sub("", name)
    name = _EDGES.sub("", name)
    name = _PARENTHESES.sub(" ", name).strip()  # "(Reuters)", "(@handle)"
    name = _OPEN_PARENTHESIS.sub("", name)
    cut = _LABEL_TAIL.sub("", name).strip(" -–—:")  # "JANE DOE Published"
    if len(cut.split()) >= 2:  # but "Mark Share" is a name
        name = cut
    if not name or _LABEL_ONLY.match(name) or _PLACE_PART.match(name):
        return None
    if not name or any(ch.isdigit() for ch in name) or "@" in name or _URL.match(name):
        return None
    if _NOT_A_NAME.search(name):
        return None
    name = _lead_colon(name)
    name = _HONORIFIC.sub("", name) or name
    if len(name.split()) > MAX_NAME_WORDS or len(name) < 2:
        return None
    return _title_case(name)


def _title_case(name: str) -> str:
    """An all-capitals Latin name title-cased, not a wire's: "JANE DOE" -> "Jane
    Doe", "JEFFREY McMURRAY" -> "Jeffrey McMurray", "SEAN O'NEILL" -> "Sean
    O'Neill", "MARY MCKAY-SMITH" -> "Mary McKay-Smith". A name in mixed case
    is as its owner writes it."""
    if len(name) <= 4 or not name.isupper() and "Mc" not in name and "Mac" not in name:
        return name
    if not _latin(name) or name.casefold() in _ORGS:
        return name
    words = name.split(" ")
    if not name.isupper() and not all(w.isupper() or _MC_CAPS.match(w) for w in words):
        return name  # "Jane McDONALD", "Mary McKay"
    return " ".join(map(_title_word, words))


def _title_word(word: str) -> str:
    if _ROMAN.match(word):
        return word
    if match := _MC_CAPS.match(word):
        return match[1] + match[2].title()
    if word.startswith("MC") and len(word) > 3 and word[2].isalpha():
        return "Mc" + word[2:].title()  # Mc is always a prefix; Mac is not (MACHADO)
    return word.title()


def _lead_colon(name: str) -> str:
    """Drop the dateline or label before a colon: "Riyadh: Jane Doe" -> "Jane Doe".

    No name holds a colon, so the few words before one are a dateline's place
    or a label; "Jane Doe: Correspondent" keeps the name before a role.
    """
    match = _LEAD_COLON.match(name)
    if not match or len(match[1].split()) > _LEAD_WORDS:
        return name
    head, tail = match[1].strip(), _PREFIX.sub("", match[2]).strip()
    return head if _is_role(tail) else tail


def _latin(text: str) -> bool:
    """Only Latin letters (accented ones included): safe to title-case."""
    return all(ord(ch) < 0x250 for ch in text)


# Values that name nobody, not even an organisation.
_NOBODY = {"admin", "administrator", "webmaster", "editor", "staff", "rss", "user", "guest"}


def _is_organisation(key: str) -> bool:
    """A wire, desk or site name (``key`` is case-folded); "The Times": no
    person's name starts with "The"."""
    return key in _ORGS or key in _NOBODY or key.startswith("the ") or bool(_HOSTNAME.match(key))


def _is_role(name: str) -> bool:
    """Role words only ("Staff Writer"), or a phrase ending in a role noun
    ("Digital Channel Editor", "Associated Press Writer"): no surname is one."""
    words = [w.strip(".,").casefold() for w in name.split()]
    if not words:
        return False
    return all(w in _ROLE_WORDS for w in words) or (len(words) > 1 and words[-1] in _ROLE_NOUNS)
