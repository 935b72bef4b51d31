"""Tell article blocks from teaser, paywall, marketing and chrome blocks.

Two kinds of signal live here:

- markup: class/id/role/ARIA tokens (``paywall``, ``newsletter``, ``share``,
  ``related`` ...), see :func:`markup_kind`; used on the DOM before main-text
  extraction (``newscrawl.extract.body``);
- text: phrase lists in English, Arabic, French, German, Turkish and Hebrew,
  see :func:`classify_text`; used on the extracted blocks by
  ``clean_article``.

Every verdict is a short *reason* string (``"newsletter"``, ``"wall"`` ...)
so that ``scrapy extract --explain`` and ``accessEvidence`` can name it.
"""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parser
import unicodedata
from operator import itemgetter

try:  # optional: one pass over a text finds every literal (pyahocorasick)
    import ahocorasick
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick = None

# Reasons that mean "the page stands between the reader and the text".
WALL_REASONS = frozenset({"wall", "pricing"})
# Prompts that flag a page as for subscribers (WALL_REASONS plus the meter).
PROMPT_REASONS = WALL_REASONS | {"meter"}
# A wall prompt that itself says the text is cut: "78 % of this article left to
# read", "subscribe to continue reading", "while we verify access".
TRUNCATION_PROMPT = re.compile(
    r"(?<!\d)\d+ ?% (de cet article|of (this|the) (article|story))|il vous reste \d+"
    r"|(to|or) (continue|keep) reading|continue reading (this|the)|verify(ing)? (your )?access"
    r"|the rest of (this|the) (article|story)|la suite est reservee|la suite est réservée"
    r"|(weiterlesen|lesen sie weiter) mit|okumaya devam|להמשיך לקרוא|להמשך (ה)?קריאה"
    r"|(لمواصلة|لمتابعة|اكمال) (ال)?قراءة",
    re.I,
)


def ascii_gated_search(pattern: re.Pattern, literals: tuple[str, ...], text: str) -> bool:
    """``pattern.search(text)`` of a case-insensitive ``pattern``, answered
    without the regex for ASCII text that holds none of ``literals`` once
    lower-cased (every match in ASCII text holds one of them; an ASCII
    letter has no case partner in ASCII but its own)."""
    if text.isascii():
        low = text.lower()
        if not any(lit in low for lit in literals):
            return False
    return pattern.search(text) is not None


# Copyright and rights notices (the sign, the word with a year or sign, the
# formula): the "footer" reason below, and the main-text step's check of the
# story's last segments. Written case- and NFKC-safe (PHRASES are folded);
# ⓒ is escaped because NFKC folds it to "c".
RIGHTS_NOTICE = [
    r"^[^\w]{0,3}(©|\u24d2|\(c\)\s*\d{4})|copyright\s*(©|\u24d2|\(c\)|\d{4})",
    r"all rights reserved|alle rechte vorbehalten|tous droits r[ée]serv[ée]s"
    r"|todos los derechos reservados|tutti i diritti riservati|wszelkie prawa zastrzeżone"
    r"|tüm hakları saklıdır|جميع الحقوق محفوظة|כל הזכויות שמורות|版权所有|無断転載",
]
_RIGHTS_NOTICE = re.compile("|".join(RIGHTS_NOTICE), re.IGNORECASE)


def is_rights_notice(text: str) -> bool:
    """Whether ``text`` holds a copyright or rights notice (raw text)."""
    return ascii_gated_search(_RIGHTS_NOTICE, _RIGHTS_LITERALS, text)


def says_text_continues(text: str) -> bool:
    """Whether ``text`` holds a TRUNCATION_PROMPT ("to continue reading" ...)."""
    return ascii_gated_search(TRUNCATION_PROMPT, _TRUNCATION_LITERALS, text)


_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # tashkeel and tatweel
_ARABIC = re.compile("[\u0600-\u06ff]")
_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي"})


def normalize_text(text: str) -> str:
    """Fold case, whitespace, Arabic diacritics and alef forms for matching."""
    text = text or ""
    if not text.isascii():  # ASCII text needs none of these (and most is ASCII)
        text = unicodedata.normalize("NFKC", text)
        if _ARABIC.search(text):
            text = _ARABIC_MARKS.sub("", text).translate(_ALEFS)
        text = text.replace("\u2019", "'").replace("\u00a0", " ")
    return " ".join(text.split()).casefold()  # split() breaks where r"\s" matches


def word_count(text: str) -> int:
    """How many ``\\w+`` runs ``text`` holds (``len(_WORD.findall(text))``).

    Counted on bytes: the non-ASCII characters that are not word characters
    (curly quotes, dashes, Arabic commas ...) become spaces, then every other
    byte becomes ``a`` (a word byte) or a space, and each run starts either
    the text or after a space: ``b" a"`` occurrences, which ``bytes.count``
    finds without building the words (several times faster than the regex)."""
    if not text:
        return 0
    if not text.isascii():
        text = _ODD.sub(" ", text)
    folded = text.encode().translate(_WORD_BYTES)
    return folded.count(b" a") + (folded[0] == 97)


# Non-ASCII characters that are not word characters.
_ODD = re.compile(r"[^\x00-\x7f\w]+")
# Byte -> b"a" for ASCII word characters and the bytes of non-ASCII characters
# (all word characters after _ODD), b" " for other ASCII.
_WORD_BYTES = bytes(
    (97 if chr(c).isalnum() or c == 95 else 32) if c < 128 else 97 for c in range(256)
)


# --- text phrases ------------------------------------------------------------
# reason -> patterns (regular expressions, matched against normalize_text()).
# Patterns starting with "^" must match the start of a block (headings,
# labels); the others may occur anywhere in a short block.
PHRASES: dict[str, list[str]] = {
    "pricing": [
        # en
        r"subscribe (now |today )?for (only |just |less than )?[$€£\d]",
        r"[$€£]\s?\d+([.,]\d\d|,-)?\s?(/|per|a|pro|par|im) ?(month|mo|week|year|monat|woche|jahr"
        r"|mois|semaine|an)\b",
        r"\d+([.,]\d\d)?\s?[$€£] ?(/|per|pro|par) ?(month|monat|mois|woche|semaine)\b",
        r"subscribe for unlimited access",
        r"(get|enjoy|with|for|includes?) unlimited (digital )?access|^unlimited (digital )?access",
        r"free trial",
        r"cancel any ?time",
        r"subscription (plans|offer)",
        r"^subscribe now\b",
        # ar
        r"اشترك (الان|مقابل|بـ)",
        r"اشتراك (شهري|سنوي)",
        r"وصول غير محدود",
        r"^اشترك\b.{0,20}$",
        r"اشترك .{0,40}(لقراءة|للوصول|لمواصلة|لمتابعة)",
        # fr / de / tr / he
        r"abonnez-vous",
        r"offre (d'abonnement|speciale)",
        r"jetzt abonnieren",
        r"\babo (abschließen|testen)",
        r"abone ol(un)?\b",
        r"הצטרפו למנוי",
        r"^(רכשו|עשו) מנוי",
    ],
    "wall": [
        # en
        r"continue reading (this|the) (article|story)",
        r"(subscribe|register|sign up|log ?in|sign in) to (continue|read|keep reading|access)",
        r"already (a subscriber|subscribed|have an account)",
        r"already a member( ?\?| ?[.!]?$| log| sign)",
        r"or continue reading",
        r"to continue reading",
        r"(this|the) (article|story|content) is (only )?(available|reserved|exclusive)"
        r" (to|for) [\w .'-]{0,30}?(subscribers|members|premium)",
        r"(subscribers|members)[- ]only (content|article|story)",
        r"you (have|'ve) (reached|used) (your|all) [\w ]{0,20}(limit|free|articles?|stories)",
        r"create (a|your) free account",
        r"to access this (story|article)",
        r"(subscribe|sign in|log ?in|register) to unlock",
        r"unlock (this|the full) (article|story)",
        r"verify(ing)? (your )?access",
        r"^want (all of|unlimited|full access)",
        r"the rest of (this|the) (article|story) is (available|reserved|for)",
        r"become a subscriber",
        r"become a member( (today|now))?[.!]?$|become a member (to|and) (read|get|support|enjoy)",
        r"by becoming an? [\w .&'-]{0,40}subscriber",
        r"^(log|sign) ?in\b.{0,20}$",
        # ar
        r"سجل الدخول",
        r"تسجيل الدخول",
        r"(هل انت|انت) مشترك",
        r"مشترك بالفعل",
        r"(لمواصلة|لمتابعة|اكمل|تابع|اكمال) (ال)?قراءة",
        r"لقراءة (المقال|المقالة|الخبر|التقرير) (كاملا|كاملة|بالكامل)",
        r"(مخصص|متاح) (فقط )?للمشتركين",
        r"للمشتركين فقط",
        r"انشئ حساب",
        # fr / de / tr / he
        r"deja abonne|déjà abonné",
        r"^(s'abonner|se connecter)( (s'abonner|se connecter))?$",
        r"reservee? aux abonnes|réservée? aux abonnés",
        r"il vous reste \d+ ?% de cet article",
        r"sur un seul appareil [àa] la fois",
        r"^lire la suite",
        r"bereits abonnent",
        r"(weiterlesen|lesen sie weiter) mit",
        r"zaten abone",
        r"okumaya devam",
        r"כבר מנויים?",
        r"להמשך (ה)?קריאה",
        r"להמשיך לקרוא",
        # fa
        r"برای ادامه (مطالعه|خواندن)",
        r"(مشترک|عضو) (شوید|شده اید|هستید)",
        r"להצטרף למינוי",
    ],
    # A meter: the page counts free reads, and this one is served in full.
    "meter": [
        r"free (articles?|stories|reads) (left|remaining|per month|this month)",
        r"access \d+ free articles?",
        r"(read|you have|you've got) \d+ (more )?free (articles?|stories)",
        r"(this is|you are reading) your (last )?free (article|story)",
        r"you('ve| have) (read|used) (your|\d+ of \d+) (last )?free (articles?|stories)",
        r"kostenlose artikel (übrig|verbleibend)",
        r"(sie lesen|du liest) (einen|\d+) von \d+ kostenlosen artikeln",
        r"vous lisez (un|\d+) des? \d+ articles? gratuits?",
        r"articles? gratuits? restants?",
        r"ücretsiz haber hakkınız",
        r"مقالات مجانية (متبقية|متبقيه)",
        r"כתבות חינם",
    ],
    "newsletter": [
        r"sign up (for|to) (our|the|a)? ?[\w .&'-]{0,40}newsletters?",
        r"subscribe to (our|the) [\w .&'-]{0,40}newsletters?",
        r"by (entering|submitting|providing) your email",
        r"by (signing up|subscribing|registering),? (you|i) agree",
        r"^sign up( now| here| today| for free)?[.!]?$",
        r"your (daily|weekly|morning|evening) (roundup|briefing|digest)",
        r"^the [\w .'-]{2,40} (morning|evening|daily|weekly) (briefing|newsletter|digest)$",
        r"enter your e-?mail",
        r"(get|delivered|sent|straight|directly|news|headlines|stories|briefing|roundup"
        r"|newsletter|updates)\b.{0,60}\b(in|to|into) your inbox",
        r"by submitting (my|your) (information|details|e-?mail)",
        r"(i|you) agree to (the|our) privacy (policy|notice)",
        r"never miss (a|another) (story|update|thing)",
        r"^newsletter\b.{0,40}$",
        r"in (ihr|ihrem|dein|deinem) (e-mail-)?postfach",
        r"kostenlos (anmelden|abonnieren)",
        r"dans votre boite (mail|e-mail|de reception)|dans votre boîte (mail|e-mail|de réception)",
        r"^newsletters?$",
        r"النشرة (البريدية|الاخبارية)",
        r"اشترك في (نشرتنا|النشرة)",
        r"(ادخل|اكتب) بريدك الالكتروني",
        r"inscrivez-vous (a|à) (notre|la) newsletter",
        r"newsletter abonnieren",
        r"bültenimize",
        r"e-?bülten",
        r"ניוזלטר",
        r"(عضویت|ثبت ?نام|اشتراک) (در )?خبرنامه",
    ],
    "marketing": [
        r"^why (?!(now|not|this|that|it|does|do|did|is|are|was|were|should|would|can|could"
        r"|has|have|had|we|they|he|she|you|i|so|then|there|here)\b)[\w .&'-]{2,30}\?$",
        r"support (independent|quality) (journalism|reporting)",
        r"monthly contribution",
        r"give from (just|only)",
        r"keeps? our journalism (free|open)",
        r"republish(ing)? this (content|article|story)",
        r"readers pay to read",
        r"^see why (over|more than)",
        r"^لماذا [\w .-]{2,30}[؟?]$",
        r"ادعم الصحافة المستقلة",
        r"pourquoi s'abonner",
        r"warum [\w .-]{2,20} abonnieren",
        r"neden abone",
    ],
    "logos": [
        r"(\blogo\b.*){3,}",
        r"^(read|trusted|used) by( [\w .,&'-]{0,40})?$",
        r"^as seen (in|on)$",
        r"(شعار.*){3,}",
        r"^(يقرأه|يثق به)",
    ],
    # An author's bio box: "<Name> is a journalist based in Amman who ...".
    "bio": [
        r"^[\w .'-]{3,40},? (is|ist|est|es|è) (a|an|ein|eine|un|une|una)? ?[\w -]{0,30}"
        r"(journalist|reporter|correspondent|editor|writer|columnist|redaktor|redaktorin"
        r"|korrespondent|korrespondentin|journaliste|rédacteur|rédactrice|periodista|giornalista)"
        r"( at [\w .&'-]{2,40})? (based in|who (writes|covers|reports)|covering|writing about"
        r"|(im|in the|for the) ressort|mit schwerpunkt|spécialiste)",
        r"^about the author$",
    ],
    # Legal footers that page templates put under the story.
    "footer": RIGHTS_NOTICE,
    "cookie": [
        r"(we|this (site|website)) uses? cookies",
        r"accept (all )?cookies",
        r"cookie (policy|settings|preferences|consent)",
        r"by continuing to (use|browse) (this|our) (site|website)",
        r"ملفات (تعريف )?الارتباط",
        r"(نستخدم|يستخدم الموقع) (ال)?كوكيز",
        r"nous utilisons des cookies",
        r"wir verwenden cookies",
        r"çerez(ler)?( politikas| kullan| ayar| tercih)|çerezleri kabul",
        r"(משתמש(ים)?|שימוש) ב?עוגיות|עוגיות (באתר|cookies)",
        r"کوکی",
    ],
    "share": [
        r"^share( this)?( article| story| page)?( on| via)?( (facebook|twitter|x|whatsapp"
        r"|linkedin|email|telegram|copy link)[ ,]*)*$",
        r"^(facebook|twitter|whatsapp|linkedin|telegram|email|copy link)( (facebook|twitter"
        r"|whatsapp|linkedin|telegram|email|copy link))+$",
        r"^شارك(وا)?( هذا| المقال| الخبر| علي| عبر)?",
        r"^مشاركة (علي|عبر)",
        r"^partager( sur)?\b",
        r"^teilen( auf)?\b",
        r"^paylaş",
        r"follow [\w .'&-]{1,30} on (whatsapp|telegram|twitter|x|facebook|instagram|google news"
        r"|threads|bluesky|linkedin)\b",
        r"(join|follow) (our|us on) (whatsapp|telegram) (channel|group)s?",
        r"^שתפו",
    ],
    "related": [
        r"^(related|more) (articles|stories|news|posts|coverage|content)\b.{0,40}$",
        r"^related:?$",
        r"^a version of this article appears in print",
        r"appeared in the [\w .,&'-]{0,60} print edition",
        r"^order reprints",
        r"^more (from|in|on) [\w ,&'-]{2,40}$",
        r"^explore more$",
        r"^(most read|most popular|most viewed|trending( now)?|read next|read more"
        r"|read also|see also|also read|you (may|might) also like|recommended( for you)?)\b",
        r"^(اقرا ايضا|اقرا المزيد|مقالات ذات صلة|اخبار ذات صلة|الاكثر قراءة|الاكثر مشاهدة"
        r"|موضوعات ذات صلة|قد يهمك)",
        r"^(a lire aussi|à lire aussi|les plus lus|sur le meme sujet|sur le même sujet)",
        r"^(meistgelesen|das könnte sie auch interessieren|mehr zum thema)",
        r"^(ilgili haberler|en çok okunan|bunlar da ilginizi)",
        r"^(כתבות נוספות|הכי נקראים|עוד בנושא)",
        r"^(بیشتر بخوانید|مطالب مرتبط|پربازدیدترین|اخبار مرتبط)",
    ],
}

# Phrases strong enough to drop a block whatever its length.
_STRONG = {"pricing", "wall", "meter", "newsletter", "cookie"}
# A longer block needs a strong phrase, or two different reasons, to be a teaser.
SHORT_BLOCK_WORDS = 60

# Order in which reasons are reported when several match.
_ORDER = (
    "cookie",
    "newsletter",
    "meter",  # before wall: "you have read your free article; subscribe to keep reading"
    "wall",
    "pricing",
    "marketing",
    "logos",
    "share",
    "bio",
    "related",
    "footer",
)
_COMPILED: dict[str, re.Pattern] = {
    reason: re.compile("|".join(f"(?:{normalize_text(p)})" for p in PHRASES[reason]))
    for reason in _ORDER
}


def _required_clauses(pattern: str) -> list[tuple[str, ...]]:
    """Clauses every match of ``pattern`` satisfies: each lists strings one of
    which the match contains ([] if none is known), rarest clause first.

    Read from the parsed pattern: runs of literal characters, the clauses of
    required groups and repeats, one literal from each alternative of a group
    (or character set); optional parts are skipped.
    """
    clauses = _clauses(list(_sre_parser.parse(pattern)))
    out = []
    for clause in clauses:
        # a literal containing another one of its clause adds nothing
        kept = sorted({a for a in clause if not any(b != a and b in a for b in clause)})
        out.append(tuple(kept))
    return sorted(out, key=lambda c: -min(map(_rarity, c)))


def _clauses(items) -> list[list[str]]:
    clauses: list[list[str]] = []
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is _sre.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            clauses.append(["".join(run)])
            run = []
        if op is _sre.SUBPATTERN:
            clauses.extend(_clauses(arg[3]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
            clauses.extend(_clauses(arg[2]))
        elif op is _sre.BRANCH:
            alternatives = [_best_clause(branch) for branch in arg[1]]
            if all(alternatives):
                clauses.append([lit for alt in alternatives for lit in alt])
        elif op is _sre.IN and all(kind is _sre.LITERAL for kind, _ in arg):
            clauses.append([chr(code) for _, code in arg])
    return [c for c in clauses if c]


def _best_clause(items) -> list[str]:
    return max(_clauses(items), key=lambda c: min(map(_rarity, c)), default=[])


def _rarity(literal: str) -> int:
    """How rarely a literal occurs in prose, roughly: its length without the
    surrounding spaces, symbols counting double."""
    return sum(1 if ch.isalpha() else 2 for ch in literal.strip())


def pattern_strings(pattern: str) -> list[str]:
    """Every string ``pattern`` matches, for a pattern of literal characters,
    alternatives, groups and optional (``?``) parts; ValueError for any other
    construct (a class, a repeat, an anchor ...)."""
    return _strings(list(_sre_parser.parse(pattern)))


def _strings(items) -> list[str]:
    out = [""]
    for op, arg in items:
        if op is _sre.LITERAL:
            options = [chr(arg)]
        elif op is _sre.SUBPATTERN:
            options = _strings(arg[3])
        elif op is _sre.BRANCH:
            options = [s for branch in arg[1] for s in _strings(branch)]
        elif op is _sre.MAX_REPEAT and arg[:2] == (0, 1):
            options = ["", *_strings(arg[2])]
        else:
            raise ValueError(f"not a finite set of strings: {op}")
        out = [head + tail for head in out for tail in options]
    return out


def _ascii_literals(pattern: re.Pattern) -> tuple[str, ...]:
    """Literals (lower case) one of which every match of ``pattern`` in ASCII text holds."""
    clauses = _required_clauses(pattern.pattern.lower())
    return tuple(lit for lit in clauses[0] if lit.isascii()) if clauses else ("",)


_TRUNCATION_LITERALS = _ascii_literals(TRUNCATION_PROMPT)
_RIGHTS_LITERALS = _ascii_literals(_RIGHTS_NOTICE)


def _is_anchored(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts at the start of the text."""
    parsed = list(_sre_parser.parse(pattern))
    return bool(parsed) and parsed[0] == (_sre.AT, _sre.AT_BEGINNING)


def _first_chars(items) -> frozenset | None:
    """The characters every match of the parsed ``items`` starts with, or
    None when that is not known (a class like ``\\w``, an optional start)."""
    for op, arg in items:
        if op is _sre.AT and arg is _sre.AT_BEGINNING:
            continue
        if op is _sre.LITERAL:
            return frozenset(chr(arg))
        if op is _sre.IN:
            chars: set[str] = set()
            for kind, value in arg:
                if kind is _sre.LITERAL:
                    chars.add(chr(value))
                elif kind is _sre.RANGE and value[1] - value[0] < 256:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:
                    return None
            return frozenset(chars)
        if op is _sre.SUBPATTERN:
            return _first_chars(arg[3])
        if op is _sre.BRANCH:
            alternatives = [_first_chars(branch) for branch in arg[1]]
            if any(alt is None for alt in alternatives):
                return None
            return frozenset().union(*alternatives)
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
            return _first_chars(arg[2])
        return None
    return None


class _PhraseTable:
    """The phrases of every reason, arranged for :func:`phrase_reasons`.

    - ``starts[i]``: one regex of reason ``i``'s phrases anchored at the start
      of the text (or None); ``starts_for[ch]``: the reasons whose anchored
      phrases can match a text starting with ``ch`` (``starts_any`` for other
      characters and the empty text);
    - every other phrase runs its regex only when the text holds one literal
      of each of its clauses (most blocks hold none): ``by_literal`` maps a
      literal of a phrase's first (rarest) clause to those phrases, which are
      ``(reason index, other clauses, regex)``; one pass over the text
      (``find``) tells which of these literals it holds.

    ``ascii_only``: for ASCII text (literals it cannot contain are left out,
    and phrases that need one).
    """

    def __init__(self, ascii_only: bool):
        self.starts: list[re.Pattern | None] = []
        start_chars: list[frozenset | None] = []
        self.phrases: list[tuple] = []
        self.by_literal: dict[str, list[int]] = {}
        self.always: list[int] = []  # phrases without a known literal
        for index, reason in enumerate(_ORDER):
            anchored, chars = [], set()
            for phrase in PHRASES[reason]:
                pattern = normalize_text(phrase)
                clauses = _required_clauses(pattern)
                if ascii_only:
                    clauses = [tuple(lit for lit in c if lit.isascii()) for c in clauses]
                    if not all(clauses):
                        continue
                if _is_anchored(pattern):
                    anchored.append(pattern)
                    first = _first_chars(list(_sre_parser.parse(pattern)))
                    chars = None if chars is None or first is None else chars | first
                else:
                    self._add_phrase(index, clauses, re.compile(pattern))
            self.starts.append(
                re.compile("|".join(f"(?:{p})" for p in anchored)) if anchored else None
            )
            start_chars.append(chars if anchored else frozenset())
        self.starts_any = tuple(i for i, c in enumerate(start_chars) if c is None)
        self.starts_for = {
            ch: tuple(i for i, c in enumerate(start_chars) if c is None or ch in c)
            for ch in set().union(*(c for c in start_chars if c))
        }
        self.find = literal_finder(tuple(sorted(self.by_literal)))

    def _add_phrase(self, reason: int, clauses: list[tuple], pattern: re.Pattern) -> None:
        number = len(self.phrases)
        self.phrases.append((reason, tuple(clauses[1:]), pattern))
        first = clauses[0] if clauses else ("",)
        if "" in first:  # "" is in every text
            self.always.append(number)
            return
        for literal in first:
            self.by_literal.setdefault(literal, []).append(number)


def literal_finder(literals: tuple[str, ...]):
    """A function ``text -> set`` of the ``literals`` that ``text`` contains.

    With pyahocorasick installed, one automaton pass over the text finds them
    all; without it, each literal is looked up in turn (``filter`` in C).
    Both give the same set."""
    if ahocorasick is None or not literals:
        return lambda text: set(filter(text.__contains__, literals))
    automaton = ahocorasick.Automaton()
    for literal in literals:
        automaton.add_word(literal, literal)
    automaton.make_automaton()
    found = itemgetter(1)
    return lambda text: set(map(found, automaton.iter(text)))


_TABLE = _PhraseTable(ascii_only=False)
_ASCII_TABLE = _PhraseTable(ascii_only=True)


def phrase_reasons(text: str, normalized: bool = False) -> list[str]:
    """Every reason whose phrase list matches ``text`` (in PHRASES order)."""
    norm = text if normalized else normalize_text(text)
    table = _ASCII_TABLE if norm.isascii() else _TABLE
    starts = table.starts
    found = [i for i in table.starts_for.get(norm[:1], table.starts_any) if starts[i].match(norm)]
    present = table.find(norm)
    if not present and not table.always:
        return [_ORDER[i] for i in found]
    candidates = set(table.always)
    for literal in present:
        candidates.update(table.by_literal[literal])
    hits = set(found)
    for number in candidates:
        reason, clauses, pattern = table.phrases[number]
        if reason in hits:
            continue
        for clause in clauses:
            for literal in clause:
                if literal in norm:
                    break
            else:
                break  # no literal of this clause: the phrase cannot match
        else:
            if pattern.search(norm):
                hits.add(reason)
    return [_ORDER[i] for i in sorted(hits)]


# A price is a pricing prompt only next to words of the subscription trade ...
_SUBSCRIPTION_CUE = re.compile(
    r"subscri|trial|unlimited|cancel|membership|member|premium|digital|offer|plan\b"
    r"|first month|ersten monat|premier mois|ilk ay|abonn|abone|abo\b|اشتر|مشترك|מנוי"
)
# ... and, in a block longer than a prompt, only when it speaks to the reader.
_ADDRESS = re.compile(
    r"\b(you|your|vous|votre|sie|ihr|ihre|siz|sizin|sen)\b|\bjetzt\b|\bnur\b"
    r"|^(subscribe|join|get|start|try|save)\b|انت|لك|اشترك|אתם|הצטרפו"
)
SALES_PITCH_MAX_WORDS = 30


def _is_sales_pitch(text: str, norm: str) -> bool:
    """A price that sells a subscription rather than one a story reports."""
    if not _SUBSCRIPTION_CUE.search(norm):
        return False
    return word_count(text) <= SALES_PITCH_MAX_WORDS or bool(_ADDRESS.search(norm))


def classify_text(text: str, normalized: str | None = None) -> str | None:
    """The teaser reason of one block of text, or None for article text.

    A short block (<= SHORT_BLOCK_WORDS words) is a teaser when any phrase
    matches; a longer one only on a strong phrase (wall, pricing, newsletter,
    cookie) or two different reasons, so ordinary prose that mentions
    "subscribe" once stays. ``normalized``: ``normalize_text(text)`` when the
    caller has it already.
    """
    if normalized is None:
        reasons = phrase_reasons(text)
    else:
        reasons = phrase_reasons(normalized, normalized=True)
    if "pricing" in reasons and not _is_sales_pitch(text, normalized or normalize_text(text)):
        reasons.remove("pricing")  # "$400 per month" in a story about costs
    if not reasons:
        return None
    if word_count(text) <= SHORT_BLOCK_WORDS:
        return reasons[0]
    strong = [r for r in reasons if r in _STRONG]
    if strong and word_count(text) <= 3 * SHORT_BLOCK_WORDS:
        return strong[0]
    return reasons[0] if len(reasons) >= 2 else None


# --- markup tokens -------------------------------------------------------------
# "hard" chrome: never article text when its element holds no prose.
# "soft" paywall marks: also used on real paragraphs, so they only count with
# a teaser phrase inside.
_HARD_MARKUP = {
    "newsletter": r"newsletter|signup|sign-up|subscribe-box|email-capture",
    "cookie": r"cookie|consent|gdpr|cmp-",
    "share": r"share|sharing|social|sharebar",
    "related": r"related|most-?read|most-?popular|mostviewed|popular-posts|recommend"
    r"|outbrain|taboola|read-?more|also-?read|read-?next",
    "promo": r"promo|upsell|marketing|offer",
}
_SOFT_MARKUP = {
    "paywall": r"paywall|pay-wall|regwall|reg-wall|piano|tp-modal|tp-container|meter"
    r"|subscri|premium|locked|content-gate",
}
# kind -> alternatives, in the order they are tried at one position.
MARKUP_KINDS = {**_HARD_MARKUP, **_SOFT_MARKUP}
# One word-start check before the alternatives of every kind (the same
# matches as one check per kind, about 2.5x faster).
_MARKUP_RE = re.compile(
    "(?<![a-z0-9])(?:"
    + "|".join(f"(?P<{k.replace('-', '_')}>{v})" for k, v in MARKUP_KINDS.items())
    + ")"
)
HARD_MARKUP_KINDS = frozenset(_HARD_MARKUP)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def markup_kind(attrs: str) -> str | None:
    """The chrome kind named by class/id/role/aria text, or None.

    ``attrs`` is the element's class, id, role and aria-label joined by
    spaces; camelCase is split (``mostRead`` -> ``most-read``).
    """
    if not attrs:
        return None
    return markup_kind_folded(_CAMEL.sub("-", attrs).lower())


def markup_kind_folded(folded: str) -> str | None:
    """:func:`markup_kind` of text already camel-split and lower-cased."""
    match = _MARKUP_RE.search(folded)
    if match is None:
        return None
    return match.lastgroup


def is_caption(text_norm: str, captions_norm: list[str]) -> bool:
    """True when a block repeats an image caption (or most of one)."""
    if len(text_norm) < 12:
        return False
    for cap in captions_norm:
        if text_norm == cap:
            return True
        if len(cap) >= 40 and (text_norm in cap or cap in text_norm):
            shorter, longer = sorted((len(text_norm), len(cap)))
            if shorter >= 0.7 * longer:
                return True
    return False
