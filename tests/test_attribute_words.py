"""Class/id classification: the automaton gives what the regexes give.

``maintext._value`` reads every class, id, role and aria-label value of a
page; a new value is classified by one automaton pass (``_AttributeWords``)
instead of a regex search per pattern. These tests hold it to the regex
reference on the words of every list at and off word boundaries, and on
every attribute value of the fixture pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.extract import maintext
from newscrawl.extract.page import load_page
from newscrawl.extract.teaser import MARKUP_KINDS, pattern_strings

pytest.importorskip("ahocorasick")

ROOT = Path(__file__).parent.parent
WORD_LISTS = (
    maintext._POSITIVE_WORDS,
    maintext._STRONG_POSITIVE_WORDS,
    maintext._NEGATIVE_WORDS,
    maintext._COMMENTS_WORDS,
    *MARKUP_KINDS.values(),
    maintext.DATE_MARK_WORDS,
    maintext.BYLINE_MARK_WORDS,
)


def _folded(value: str) -> str:
    return value if value.islower() else maintext._CAMEL.sub("-", value).lower()


def _variants(word: str) -> list[str]:
    """The word alone, glued to letters or digits, between separators, with
    "_" for "-", camel-cased, and beside another word of the lists."""
    camel = "".join(part.capitalize() for part in word.split("-"))
    return [
        word,
        "x" + word,
        word + "s",
        "7" + word,
        word + "9",
        f"box-{word}-inner",
        f"box_{word}_inner",
        word.replace("-", "_"),
        "my" + camel,
        camel,
        f"clearfix {word}",
        f"{word} sidebar",
        f"post-{word}",
        f"{word}-most-read",
    ]


def test_automaton_agrees_with_the_regexes_on_every_word_and_its_neighbours():
    words = {w for words in WORD_LISTS for w in pattern_strings(words)}
    assert len(words) > 100
    values = {v for w in words for v in _variants(w)}
    named = 0
    for value in sorted(values):
        folded = _folded(value)
        expected = maintext._value_by_regex(folded)
        assert maintext._classify_folded(folded) == expected, value
        named += expected != maintext._NOTHING
    assert named > len(values) // 2  # the sample is not all misses


def test_automaton_agrees_on_the_fixture_pages_attribute_values():
    values = set()
    pages = [*sorted((ROOT / "tests" / "pages").glob("*.html"))]
    pages += sorted((ROOT / "benchmarks" / "chrome").glob("*.html"))
    for path in pages:
        for el in load_page(path.read_bytes(), "https://example.com/").tree.iter():
            if isinstance(el.tag, str):
                values.update(el.get(a) for a in ("class", "id", "role", "aria-label") if el.get(a))
    assert len(values) > 300
    for value in values:
        folded = _folded(value)
        assert maintext._classify_folded(folded) == maintext._value_by_regex(folded), value


@pytest.mark.parametrize(
    "value,flags,kind",
    [
        ("article-body", maintext._POS | maintext._STRONG, None),
        ("entry_content", maintext._POS | maintext._STRONG, None),
        ("sidebar widget", maintext._NEG, None),
        ("comments-area", maintext._NEG | maintext._COMMENT, None),
        ("newsletter-signup", maintext._NEG, "newsletter"),
        ("headerAds", maintext._NEG, None),  # camelCase splits "ads" off
        ("shadow", 0, None),  # "ad" inside a word names nothing
        ("promotion", 0, "promo"),  # markup words need a boundary before only
        ("c-paywall__prompt", maintext._POS, "paywall"),
        ("sign_up", 0, None),  # markup words do not read "_" as "-"
    ],
)
def test_values(value, flags, kind):
    maintext._VALUES.pop(value, None)
    assert maintext._value(value) == (flags, kind)


def test_pattern_strings_expands_optional_parts_and_refuses_classes():
    assert pattern_strings("comments?|most-?read") == [
        "comment",
        "comments",
        "mostread",
        "most-read",
    ]
    with pytest.raises(ValueError):
        pattern_strings("[a-z]+")


def test_without_the_automaton_values_are_classified_by_the_regexes(monkeypatch):
    monkeypatch.setattr(maintext, "_classify_folded", maintext._value_by_regex)
    monkeypatch.setattr(maintext, "_VALUES", {})
    assert maintext._value("article-body") == (maintext._POS | maintext._STRONG, None)
    assert maintext._value("mostRead sidebar") == (maintext._NEG, "related")
    assert maintext._value("clearfix") == (0, None)
