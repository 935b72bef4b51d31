"""The article's language from its text: the short first guess and the full sample."""

from newscrawl.extract.language import SAMPLE_CHARS, _reads_english, guess_language
from newscrawl.extract.metadata import detect_language
from newscrawl.extract.page import load_page

ENGLISH = (
    "The central bank kept its main interest rate unchanged on Thursday, saying that "
    "inflation had slowed for a third month while wages kept rising across the country. "
)
TURKISH = (
    "Merkez bankası perşembe günü politika faizini sabit tuttu ve enflasyonun üç aydır "
    "yavaşladığını, ücretlerin ise ülke genelinde artmaya devam ettiğini açıkladı. "
)


def test_an_opening_in_another_language_does_not_decide():
    """An English opening (a wire credit, a quote) decides neither against the
    Turkish declaration nor, without one, against the Turkish rest of the sample."""
    text = (ENGLISH * 2)[: SAMPLE_CHARS // 3] + TURKISH * 4
    assert len(text) > SAMPLE_CHARS
    assert guess_language(text, "tr") == ("tr", "text")
    assert guess_language(text, "en") == ("tr", "text")  # a template default
    assert guess_language(text, None) == ("tr", "text")


def test_text_in_the_declared_language_and_undeclared_text():
    assert guess_language(ENGLISH * 5, "en") == ("en", "text")
    assert guess_language(TURKISH * 5, None) == ("tr", "text")
    assert guess_language(TURKISH * 5, "en") == ("tr", "text")  # a template default


# Prose of languages that share words with English (written for this test).
RELATIVES = {
    "nl": "De regering heeft op dinsdag aangekondigd dat zij de belasting op brandstof en "
    "tabak zal verhogen om een nieuw gezondheidsprogramma te betalen, een stap waarvan "
    "critici zeggen dat die de armsten het hardst zal raken in het hele land. ",
    "de": "Die Regierung kündigte am Dienstag an, die Steuern auf Kraftstoff und Tabak zu "
    "erhöhen, um ein neues Gesundheitsprogramm zu finanzieren, ein Schritt, der nach "
    "Ansicht von Kritikern die Ärmsten am härtesten treffen wird. ",
    "es": "El gobierno anunció el martes que subirá los impuestos sobre el combustible y el "
    "tabaco para financiar un nuevo programa de salud, una medida que según los críticos "
    "golpeará con más fuerza a los más pobres del país. ",
}


def test_english_settled_by_its_function_words_only_for_english_prose():
    """The cheap English check (no py3langid) fires on English prose, and never
    on prose of languages that share short words with English, nor on a
    sample that is mostly Turkish after an English opening."""
    assert _reads_english((ENGLISH * 3)[:SAMPLE_CHARS])
    for lang, text in RELATIVES.items():
        assert not _reads_english((text * 3)[:SAMPLE_CHARS]), lang
        assert guess_language(text * 3, "en")[0] == lang  # a template default loses
    mixed = ((ENGLISH * 2)[: SAMPLE_CHARS // 3] + TURKISH * 4)[:SAMPLE_CHARS]
    assert not _reads_english(mixed)
    assert not _reads_english("the and of to in " * 3)  # too few words to judge


# Nigerian Pidgin news prose (written for this test): many English function
# words, not English.
PIDGIN = (
    "Police for Lagos State don arrest three men wey dem say na dem dey behind di robbery "
    "wey happun for one bank last week. Di police spokesperson tell reporters say di "
    "suspects confess say dem plan di operation for almost two months before dem carry am "
    "out. E add say police still dey find two oda pipo wey run comot for di scene. "
)


def test_pidgin_is_not_english_for_its_english_function_words():
    """Nigerian Pidgin prose is full of English function words (about 0.3 of
    its words); neither its own declaration (``pcm``, which has no ISO 639-1
    code) nor no declaration at all makes it English."""
    html = f"<html lang='pcm'><body><p>{PIDGIN}</p></body></html>"
    page = load_page(html, "https://example.com/pidgin")
    assert not _reads_english((PIDGIN * 3)[:SAMPLE_CHARS])
    assert detect_language(page, PIDGIN * 3, "pcm")[0] != "en"
    assert detect_language(page, PIDGIN * 3, None)[0] != "en"
    assert detect_language(page, ENGLISH * 5, None) == ("en", "text")
