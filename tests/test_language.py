"""The article's language from its text: the short first guess and the full sample."""

from newscrawl.extract.language import SAMPLE_CHARS, guess_language

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
