"""Date and byline elements noted by the main-text walk.

The metadata step reads dates and bylines from elements whose class or id
names them ("pubdate", "entry-author"). ``parse_article`` takes them from
the main-text walk (``Page.marked``), which classifies every class and id
value anyway; ``extract_metadata`` alone searches the tree for them. Both
must find the same elements, in subtrees the walk does not enter too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.extract import SiteRules, extract_article, maintext, metadata
from newscrawl.extract.maintext import BYLINE_MARK, DATE_MARK
from newscrawl.extract.page import load_page

ROOT = Path(__file__).parent.parent
FIXTURES = sorted(
    [
        *(ROOT / "tests" / "pages").glob("*.html"),
        *(ROOT / "benchmarks" / "chrome").glob("*.html"),
        *(ROOT / "benchmarks" / "chrome_holdout").glob("*.html"),
    ]
)

# Written for newscrawl's tests: marks on the walk's way, in subtrees it
# skips (a nav, a hidden box, a button, an inline share widget), camelCase
# and "_" values, ids, a <br>.
PAGE = """<!DOCTYPE html><html lang="en"><head><title>Port strike ends</title></head>
<body>
<nav class="site-nav"><a class="nav-author-link" href="/authors">Our authors</a>
  <span class="nav-date">Tuesday, 3 March 2020</span></nav>
<article class="post">
  <h1>Port strike ends after three weeks</h1>
  <div class="post-meta"><span class="byLine">By <a href="/people/jane-doe">Jane Doe</a></span>
    <span class="timeStamp">March 2, 2020</span><br class="meta-date-break"></div>
  <div hidden><span id="pub_date">2020-03-02</span></div>
  <p>The dock workers of the port voted on Monday to end the strike that had
  closed the harbour for three weeks, their union said in a statement.</p>
  <p>Ships that waited at anchor began to move to the quays on Monday night,
  and the harbour master expects the queue to clear within days.</p>
  <span class="share-tools"><em class="share-author">Share</em></span>
  <button class="btn"><span class="author-follow">Follow Jane</span></button>
</article>
<footer><p class="copyright-date">2020</p></footer>
</body></html>"""


def _walked(html: str, url: str = "https://example.com/story"):
    """A page with ``Page.marked`` as ``parse_article`` fills it."""
    page = load_page(html, url)
    walker = maintext.segment(page.tree)
    page.marked = walker.mark_elements
    return page


def _searched(html: str, url: str = "https://example.com/story"):
    return metadata._find_marked(load_page(html, url))


def _tags(found: dict) -> dict:
    return {
        kind: [(el.tag, el.get("class"), el.get("id")) for el in els] for kind, els in found.items()
    }


def test_the_walk_notes_every_mark_the_tree_search_finds():
    walked = metadata._find_marked(_walked(PAGE))
    assert _tags(walked) == _tags(_searched(PAGE))
    assert [el.get("class") or el.get("id") for el in walked["date"]] == [
        "nav-date",
        "timeStamp",
        "meta-date-break",
        "pub_date",
        "copyright-date",
    ]
    assert [el.get("class") for el in walked["byline"]] == [
        "nav-author-link",
        "byLine",
        "share-author",
        "author-follow",
    ]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_walk_and_search_agree_on_every_fixture_page(path):
    html = path.read_text("utf-8")
    url = "https://example.com/" + path.stem
    assert _tags(metadata._find_marked(_walked(html, url))) == _tags(_searched(html, url))


@pytest.mark.parametrize(
    "value,marks",
    [
        ("pubdate", DATE_MARK),
        ("byLine", BYLINE_MARK),  # the mark reads the value unsplit
        ("timeStamp", DATE_MARK),
        ("by-line", 0),  # a dash of the value's own breaks the word
        ("pub_date", DATE_MARK),
        ("entry-author vcard", BYLINE_MARK),
        ("author-date", DATE_MARK | BYLINE_MARK),
        ("clearfix", 0),
    ],
)
def test_mark_flags_of_values(value, marks):
    maintext._VALUES.pop(value, None)
    assert maintext._value(value)[0] & (DATE_MARK | BYLINE_MARK) == marks


def test_dates_and_authors_through_the_walk_match_the_metadata_step():
    article = extract_article(PAGE, "https://example.com/story")
    meta = metadata.extract_metadata(load_page(PAGE, "https://example.com/story"))
    assert article["datePublished"][:10] == meta.fields["datePublished"][:10] == "2020-03-02"
    assert [a["name"] for a in article["authors"]] == ["Jane Doe"]
    assert article["authors"] == meta.fields["authors"]


STORY = (
    "<p>The dock workers of the port voted on Monday to end the strike that had"
    " closed the harbour for three weeks, their union said in a statement.</p>"
    "<p>Ships that waited at anchor began to move to the quays on Monday night,"
    " and the harbour master expects the queue to clear within days.</p>"
)


def _page(head: str, body: str) -> str:
    """A story page written for newscrawl's tests."""
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Port strike ends</title>"
        f"{head}</head><body><article><h1>Port strike ends</h1>{body}</article></body></html>"
    )


def test_byline_marks_in_the_head_and_in_noscript_are_read():
    """The walk does not enter the head or a noscript, but page markup there
    still names a byline."""
    in_head = _page("<meta class='author' content='Jane Doe'>", STORY)
    in_noscript = _page(
        "", STORY + "<div><noscript><div class='byline'>Jane Doe</div></noscript></div>"
    )
    for html in (in_head, in_noscript):
        article = extract_article(html, "https://example.com/story")
        assert [a["name"] for a in article["authors"]] == ["Jane Doe"]


def test_site_rules_do_not_remove_the_date_and_byline_before_they_are_read():
    """A site's rules drop an author box or a teaser box from the body; the
    byline and date in it are still the article's."""
    author_box = _page(
        "",
        STORY + "<div class='author-box'><span class='author-name'>Jane Doe</span>"
        " covers the port for the paper.</div>",
    )
    rules = SiteRules(drop_selectors=(".author-box",))
    article = extract_article(author_box, "https://example.com/story", rules=rules)
    assert [a["name"] for a in article["authors"]] == ["Jane Doe"]
    assert "covers the port" not in article["articleBody"]

    teaser_meta = _page(
        "",
        "<div class='paywall-meta'><span class='byline'>By Jane Doe</span>"
        " <span class='date'>12 March 2024</span></div>" + STORY,
    )
    rules = SiteRules(teaser_selectors=(".paywall-meta",))
    article = extract_article(teaser_meta, "https://example.com/story", rules=rules)
    assert article["datePublished"][:10] == "2024-03-12"
    assert [a["name"] for a in article["authors"]] == ["Jane Doe"]


def test_a_date_only_in_an_html_comment_is_not_the_publication_date():
    """Comments are dropped while parsing: a cache plugin's stamp is not read
    as the day the story was published."""
    stamp = "<!-- Cached page generated by a cache plugin on 2019-10-09 14:05:11 -->"
    html = _page("", STORY + stamp)
    article = extract_article(html, "https://example.com/story")
    assert article.get("datePublished") is None
