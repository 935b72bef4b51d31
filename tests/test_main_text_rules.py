"""Main-text container rules, each on a page written for it (see the comment at
the top of every fixture page for the public markup it is modelled on)."""

from __future__ import annotations

from pathlib import Path

from newscrawl.extract import extract_article

PAGES = Path(__file__).parent / "pages"


def _body(name: str, url: str = "https://news.example/story") -> list[str]:
    html = (PAGES / name).read_text(encoding="utf-8")
    return extract_article(html, url)["articleBody"].split("\n\n")


def test_loose_paragraphs_beside_comments_are_the_story():
    """Paragraphs with no element of their own (they share a column with reader
    comments) are still the article, not the longer legal notice below it."""
    body = _body("body-loose-paragraphs.html")
    assert len(body) == 4
    assert body[0].startswith("A ferry that entered service")
    assert body[-1].startswith("The operator added that nobody")
    assert not any("syndication" in b or "I was on that crossing" in b for b in body)


def test_article_sections_named_by_haspart_choose_the_container():
    """When JSON-LD hasPart names the article's sections, a longer block of
    prose elsewhere (a consent panel) is not taken for the article."""
    body = _body("body-haspart-consent.html")
    assert body[0].startswith("CITY, April 25 (Wire)")
    assert body[-1] == "The operator said it would publish a report on the damage next month."
    assert not any("cookies" in b for b in body)


def test_short_story_right_after_its_headline_beats_longer_teasers():
    """A short article that follows its headline wins over a longer box of
    opinion teasers elsewhere on the page."""
    body = _body("body-short-story-after-headline.html")
    assert body[0].startswith("The club has decided to put its young striker")
    assert body[-1].startswith("The 24-year-old caught the eye")
    assert not any("stadium" in b or "newsletter" in b for b in body)


def test_next_story_of_an_endless_scroll_page_is_not_kept():
    """The next story, loaded under its own h1 into the same column, ends
    the article."""
    body = _body("body-endless-scroll.html")
    assert body[-1].startswith("The city council said the final bill")
    assert any(b.startswith("The harbour tunnel opened") for b in body)
    assert not any("Coach" in b or "defeat" in b or "Supporters" in b for b in body)


def test_short_blog_post_beats_the_longer_disclosures_in_the_page_footer():
    """A short post in a block its theme calls a widget is the article, not
    the advertising and ethics notices of the page footer below it."""
    body = _body("body-blog-footer.html")
    assert any(b.startswith("A fine example of how a teacher") for b in body)
    assert not any("advertis" in b or "ethics" in b or "questions for me" in b for b in body)


def test_teaser_list_after_the_story_is_not_kept():
    """Linked headlines with one-sentence summaries after the story, in the
    story's own table cell, are teasers for other pages."""
    body = _body("body-teaser-list.html")
    assert body[0].startswith("The day after the chip maker announced")
    assert any(b.startswith("An analyst who follows the sector") for b in body)
    assert not any("white paper" in b or "crimeware" in b or "liability" in b for b in body)


def test_wire_copyright_notice_after_the_story_is_left_out():
    """A copyright and redistribution notice under the story is not article
    text; the story's last paragraph stays."""
    body = _body("body-rights-notice.html")
    assert body[0].startswith("LINCOLN, Neb. (Wire)")
    assert body[-1].startswith("The grass grows back every year")
    assert not any("All rights reserved" in b for b in body)


def test_promo_slideshow_inside_the_article_body_is_not_kept():
    """A block named as a promo inside the article-body element, after the
    story's own paragraphs, stays out even though it holds more prose."""
    body = _body("body-promo-in-body.html")
    assert body[0].startswith("A senator who co-chairs")
    assert body[-1].startswith("Her office did not answer")
    assert not any("jobs killer" in b or "deficit" in b or "best hospitals" in b for b in body)


def test_reader_comments_after_a_leave_a_comment_label_are_not_kept():
    """Reader comments in the story's own table cell, in rows no class names,
    start at the "Leave a comment" label and are not article text."""
    body = _body("body-unmarked-comments.html")
    assert any(b.startswith("The regional heart clinic has finished") for b in body)
    assert body[-1].startswith("The work was paid for")
    assert not any("windows" in b or "operating theatre is a big step" in b for b in body)


def test_standfirst_above_a_box_of_links_opens_the_article():
    """The standfirst right under the headline is article text even when a
    byline, a picture and a box of links stand between it and the story's own
    element; the caption and the links are not."""
    body = _body("body-standfirst.html")
    assert body[0].startswith("A state-owned refiner said on Tuesday")
    assert body[1].startswith("The refiner's exploration arm")
    assert body[-1].startswith("Both boards have approved")
    assert not any("drilling rig" in b or "record profits" in b for b in body)


def test_captions_named_by_their_class_are_not_article_text():
    """A picture's caption in a paragraph whose class names it as a caption
    (no figcaption), and its credit line, are left out between the story's
    paragraphs."""
    body = _body("body-caption-class.html")
    assert len(body) == 4
    assert body[0].startswith("Think twice before you spend")
    assert body[2].startswith("The printing office issued")
    assert not any("Example Agency" in b for b in body)


def test_list_without_links_in_the_middle_of_a_post_is_kept_with_the_rest():
    """A long list of plain items (no links) between the post's paragraphs does
    not cut the post in two: the paragraphs after it are kept too."""
    body = _body("body-plain-list.html")
    assert body[0].startswith("Happy Halloween to all of our readers")
    assert any("Brevity is boss, volume eleven" in b for b in body)
    assert body[-1].startswith("And now, for your viewing pleasure")


def test_text_after_a_prompt_saying_the_rest_is_for_subscribers_is_not_kept():
    """The article ends at the line saying how much of it is left for
    subscribers; the wall's own questions and answers after it, in unmarked
    paragraphs of the same element, are not article text; access says so."""
    html = (PAGES / "body-truncation-prompt.html").read_text(encoding="utf-8")
    article = extract_article(html, "https://news.example/politique/story")
    body = article["articleBody"].split("\n\n")
    assert body[0].startswith("Reçue mardi à l'Elysée")
    assert body[-1].startswith("Pour la syndicaliste, il n'existe")
    assert not any("appareil" in b for b in body)
    assert article["access"] == "paywalled"


def test_author_box_under_the_story_is_not_article_text():
    """The author's box (name, role, a bio in full sentences) inside the
    story's element is left out; the story's last paragraph stays."""
    body = _body("body-author-box.html")
    assert body[0].startswith("Die beiden großen Gewerkschaften")
    assert body[-1].startswith("Der Premierminister hat bisher")
    assert not any("Geschichte studiert" in b or "Journalist" in b for b in body)


def test_post_embedded_from_a_social_network_is_not_article_text():
    """A tweet quoted with the network's embed markup between the paragraphs
    is left out; the paragraphs around it stay."""
    body = _body("body-embedded-tweet.html")
    assert len(body) == 3
    assert body[-1].startswith("No damage was reported")
    assert not any("Landspout" in b or "@weatherwatcher" in b for b in body)
