"""Metadata extraction on fixture pages written for these tests (tests/pages/meta-*.html)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newscrawl.extract.authors import author_entries, merge_authors
from newscrawl.extract.language import SAMPLE_CHARS, middle_sample
from newscrawl.extract.metadata import detect_language, extract_metadata
from newscrawl.extract.page import load_page

PAGES = Path(__file__).parent / "pages"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"

URLS = {
    "almonitor": "https://www.al-monitor.com/originals/2013/05/syria-qusair-battle-foreign-fighters.html",
    "aawsat-ar": "https://aawsat.com/node/4321",
    "timesofisrael": "https://www.timesofisrael.com/cabinet-approves-plan-to-expand-desalination/",
    "dailysabah": "https://www.dailysabah.com/politics/turkiye-iraq-water/news",
    "ogonly": "https://www.lorientlejour.com/article/1234/liban-la-saison-touristique.html",
    "domonly": "https://english.ahram.org.eg/NewsContent/3/12/1234/Business.aspx",
}
SEED_CAPTION = (
    "Forces of Syrian President Bashar al-Assad are seen in Arjoun village near Qusair town "
    "May 30, 2013. Syrian rebels under siege near the Lebanese border pleaded for help on "
    "Thursday against government troops and their Hezbollah allies as a confident Assad spoke "
    "of having new Russian missiles."
)


def load(name: str):
    page = load_page((PAGES / f"meta-{name}.html").read_bytes(), URLS[name])
    return page, extract_metadata(page)


def names(meta) -> list[str]:
    return [a["name"] for a in meta.fields["authors"]]


def test_almonitor_structured_data_first():
    _page, meta = load("almonitor")
    f = meta.fields
    assert f["headline"] == "Foreign Fighters Key To Decisive Battle of Qusair"
    assert meta.sources["headline"] == "json-ld"
    # JSON-LD's datePublished wins over the later article:published_time meta tag.
    assert f["datePublished"] == "2013-05-30T14:02:00+03:00"
    assert f["dateModified"] == "2013-06-02T08:15:00+03:00"
    assert names(meta) == ["Jane Example", "Omar Sample"]
    assert f["authors"][0]["url"] == "https://www.al-monitor.com/authors/jane-example"
    assert f["authors"][1]["nameRaw"] == "By Omar Sample, Correspondent"
    assert f["keywords"] == ["Syria", "Hezbollah", "Qusair"]
    assert f["section"] == "Originals"
    assert [c["name"] for c in f["breadcrumbs"]] == ["Home", "Originals"]
    assert f["canonicalUrl"] == URLS["almonitor"]


def test_almonitor_lead_image_caption_and_credit_from_the_figure():
    _page, meta = load("almonitor")
    image = meta.fields["mainImage"]
    assert image["url"].endswith("/article_header/public/2013-05/RTX106EZ.jpg")
    assert image["caption"] == SEED_CAPTION
    assert image["credit"] == "REUTERS/ Rami Bleible"
    assert meta.fields["images"] == [{"url": image["url"]}]
    assert SEED_CAPTION in meta.signals["captions"]


def test_paywall_signals_from_jsonld_flag_and_haspart():
    _page, meta = load("almonitor")
    assert meta.signals["is_accessible_for_free"] is False  # the string "False"
    assert meta.signals["paywalled_selectors"] == [".paywalled-content"]
    assert meta.signals["word_count"] == 1240
    assert meta.signals["article_node"]["@type"] == "NewsArticle"
    assert meta.signals["declared_language"] == "en"


def test_arabic_page_dates_authors_caption():
    page, meta = load("aawsat-ar")
    f = meta.fields
    assert f["headline"] == "لبنان: جولة جديدة من المحادثات حول الحدود البحرية"
    # Arabic-Indic digits and a Levantine month name, not the "most read" date below it.
    assert f["datePublished"] == "2013-05-30T14:02:00Z"
    assert f["datePublishedRaw"] == "نشر في: الخميس ٣٠ أيار ٢٠١٣ - ١٤:٠٢"
    assert names(meta) == ["محمد الأمين", "سارة خليل"]
    assert f["mainImage"] == {
        "url": "https://static.example-aawsat.com/2013/05/30/beirut-port.jpg",
        "caption": "ميناء بيروت صباح الخميس.",
        "credit": "رويترز",
    }
    assert f["keywords"] == ["لبنان", "الحدود البحرية", "المفاوضات"]
    body = " ".join(p.text_content() for p in page.tree.iter("p"))
    assert detect_language(page, body, meta.signals["declared_language"]) == ("ar", "text")


def test_times_of_israel_graph_references_and_truncated_headline():
    _page, meta = load("timesofisrael")
    f = meta.fields
    # The JSON-LD headline is cut with "…": the page's own heading completes it.
    assert f["headline"] == (
        "Cabinet approves plan to expand desalination along the coast, after long delays"
    )
    assert f["datePublished"] == "2024-06-02T22:05:41+03:00"  # the page's own offset
    assert names(meta) == ["Sue Surkes", "TOI Staff"]
    assert f["authors"][0]["url"] == "https://www.timesofisrael.com/writers/sue-surkes/"
    assert "url" not in f["authors"][1]  # a "#/schema/person" id is not a URL
    assert f["mainImage"]["url"].endswith("F240602YS01-1024x640.jpg")
    assert f["mainImage"]["caption"] == "The desalination plant in Hadera, June 2, 2024."
    assert f["mainImage"]["credit"] == "Yossi Zamir/Flash90"
    assert f["section"] == "Israel News"
    assert f["keywords"] == ["Desalination", "Water", "Israeli cabinet"]
    assert meta.signals["is_accessible_for_free"] is True


def test_malformed_structured_data_is_skipped_not_raised():
    page, meta = load("dailysabah")
    f = meta.fields
    assert "jsonld-unparseable" in page.problems
    assert f["headline"] == "Türkiye, Iraq agree on new water-sharing mechanism"
    assert f["datePublished"] == "2024-04-22T18:43:00+03:00"
    assert f.get("dateModified") is None  # "0000-00-00"
    assert f["authors"] == [
        {"name": "Ragip Soylu", "nameRaw": "By RAGIP SOYLU ragip@example-sabah.com"}
    ]
    # keywords given as an object: skipped, the article:tag values are used instead
    assert f["keywords"] == ["Türkiye-Iraq relations", "water"]
    assert meta.sources["keywords"] == "opengraph"
    assert len(f["images"]) == 2
    assert meta.signals["sd_body"].startswith("Türkiye and Iraq agreed on Monday")


def test_html_lang_template_default_loses_to_the_text():
    page, meta = load("dailysabah")
    assert meta.signals["declared_language"] == "tr"
    body = " ".join(p.text_content() for p in page.tree.iter("p"))
    assert detect_language(page, body, "tr") == ("en", "text")


def test_opengraph_only_page():
    _page, meta = load("ogonly")
    f = meta.fields
    assert f["headline"] == "Liban : la saison touristique s'annonce prometteuse"
    assert meta.sources["headline"] == "opengraph"
    assert f["datePublished"] == "2024-06-10T08:30:00+03:00"
    assert meta.sources["datePublished"] == "opengraph"
    # article:author is a profile URL and is skipped; "Par A et B" is split
    assert names(meta) == ["Jean Dupont", "Marie Martin"]
    assert f["section"] == "Économie"
    assert f["keywords"] == ["Tourisme", "Liban"]
    assert (
        f["mainImage"]["url"] == "https://www.lorientlejour.com/files/2024/06/beyrouth-corniche.jpg"
    )
    assert f["canonicalUrl"].startswith("https://www.lorientlejour.com/article/1234/")


def test_dom_only_page():
    page, meta = load("domonly")
    f = meta.fields
    assert f["headline"] == "Egypt's central bank holds interest rates steady"
    assert f["datePublished"] == "2024-03-05T17:10:00+02:00"  # not the related story's
    assert names(meta) == ["Jane Doe"]
    assert f["mainImage"]["caption"] == "The Central Bank of Egypt headquarters in Cairo"
    assert f["mainImage"]["credit"] == "AFP"
    assert set(meta.sources.values()) == {"dom"}
    assert meta.signals["declared_language"] is None
    assert detect_language(page, "", None)[0] == "en"


def test_short_text_trusts_the_declared_language():
    page = load_page("<html><body><p>Spor</p></body></html>", "https://example.com.tr/a")
    assert detect_language(page, "Sport", "tr-TR") == ("tr", "declared")
    assert detect_language(page, "Sport", None) == (None, "declared")


def test_language_is_read_from_the_middle_of_a_long_body():
    """The article's own language decides, not an English credits block at its start."""
    page = load_page("<html lang='en'><body><p>x</p></body></html>", "https://example.fr/a")
    credits = "Photo credits and reporting by the wire service staff in London. " * 35
    french = (
        "Le gouvernement a annoncé mardi un nouveau plan pour les agriculteurs de la région, "
        "qui demandent depuis des mois une aide face à la sécheresse et à la hausse des prix. "
    ) * 8
    body = credits + french + credits
    assert detect_language(page, body, None) == ("fr", "text")
    sample = middle_sample(body)
    assert len(sample) == SAMPLE_CHARS and sample in body and body[body.index(sample) - 1] == " "


def test_page_without_anything_gives_empty_fields():
    page = load_page("<html><body><p>x</p></body></html>", "https://example.com/a")
    meta = extract_metadata(page)
    assert meta.fields["authors"] == [] and meta.fields["mainImage"] is None
    assert meta.signals["is_accessible_for_free"] is None


@pytest.mark.corpus
def test_corpus_language_accuracy_and_no_crash():
    """Language right on >= 95% of the dev corpus (gold ``lang``); no page raises."""
    gold = CORPUS / "gold.jsonl"
    if not gold.exists():
        pytest.skip("../shared/corpus is not present")
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    right = 0
    for row in rows:
        with gzip.open(CORPUS / "html" / f"{row['id']}.html.gz", "rb") as f:
            html = f.read().decode(row["encoding"], "replace")
        page = load_page(html, row["url"] or "https://unknown.invalid/")
        meta = extract_metadata(page)
        # the body as the article step would give it is not available here: use the
        # page's own paragraphs, the harder case (teasers, chrome)
        lang, _source = detect_language(page, "", meta.signals["declared_language"])
        right += lang == row["lang"]
    accuracy = right / len(rows)
    print(f"language accuracy on {len(rows)} dev pages: {accuracy:.3f}")
    assert accuracy >= 0.95


@pytest.mark.parametrize("same_file", [True, False])
def test_lead_figure_credit_element_fills_what_the_jsonld_image_lacks(same_file):
    """The JSON-LD image has a caption and no credit; the figcaption's credit span counts."""
    html = (PAGES / "meta-figure-credit.html").read_text("utf-8")
    if same_file:  # the structured image is the very file the figure shows
        html = html.replace("styles/social/public/2013/05/RTX200AB-social.jpg",
                            "styles/article_header/public/2013/05/RTX200AB.jpg")  # fmt: skip
    page = load_page(html, "https://www.al-monitor.com/originals/2013/05/border-town.html")
    image = extract_metadata(page).fields["mainImage"]
    assert image["caption"] == (
        "Fighters gather near a checkpoint outside the border town on Thursday, May 30, 2013."
    )
    assert image["credit"] == "REUTERS/ Sample Photographer"
    assert image["url"].endswith("RTX200AB-social.jpg") is not same_file


def test_dateline_under_the_headline_beats_header_and_side_column_dates():
    html = (PAGES / "meta-dateline.html").read_text("utf-8")
    meta = extract_metadata(load_page(html, "https://www.example-news.gr/article.asp?id=7"))
    assert meta.fields["datePublished"] == "2012-01-12T14:20:00Z"
    assert meta.sources["datePublished"] == "dom"
    assert "12-1-2012" in meta.fields["datePublishedRaw"]


def test_dateline_above_the_headline_in_its_block_is_used():
    html = (PAGES / "meta-dateline.html").read_text("utf-8")
    dateline = (
        '<div class="art_details">Δημοσίευση: 12-1-2012, 14:20 '
        "Τελευταία ανανέωση: 13-1-2012, 09:05</div>"
    )
    assert dateline in html
    html = html.replace(dateline, "").replace("<h1>", dateline + "\n      <h1>")
    meta = extract_metadata(load_page(html, "https://www.example-news.gr/article.asp?id=7"))
    assert meta.fields["datePublished"] == "2012-01-12T14:20:00Z"


@pytest.mark.parametrize(
    "raws,expected",
    [
        (["JANE DOE Published"], ["Jane Doe"]),  # a label caught with the name
        (["Posted on"], []),  # a label alone names nobody
        (["Δημοσιεύτηκε"], []),
        (["Jane Doe", "Website", "Other Articles"], ["Jane Doe"]),
        (["tekst: Anna Nowak foto: Jan Kowalski"], ["Anna Nowak"]),  # not the photographer
        (["Jane Doe", "example.lt"], ["Jane Doe"]),  # the site's name goes when a person is named
        (["admin"], []),
        (["By Mark Share"], ["Mark Share"]),  # a surname that is also a label word
        (["By John Doe and M.Ali"], ["John Doe", "M.Ali"]),  # initials, not a host name
        (["Reuters"], ["Reuters"]),  # a wire is kept when it is all there is
    ],
)
def test_author_labels_sites_and_credits_are_not_authors(raws, expected):
    entries = [e for raw in raws for e in author_entries(raw)]
    assert [e["name"] for e in merge_authors(entries)] == expected


def test_date_and_byline_marked_by_unquoted_class_values():
    """Older CMS pages write ``class=itdate`` without quotes; the marks still count."""
    story = " ".join(["The council met on Tuesday evening to discuss the new bypass."] * 8)
    html = (
        "<!-- written for this test, modelled on a 2008 regional UK news page -->"
        "<html><head><title>Bypass plan approved | Example Evening News</title></head><body>"
        "<div id=main><h1>Bypass plan approved</h1>"
        f"<p>{story}</p>"
        "<p class=byline>By Jane Doe</p><span class=itdate>7:51pm Tuesday 1st January 2008</span>"
        f"<p>{story}</p></div></body></html>"
    )
    meta = extract_metadata(load_page(html, "https://www.example-news.co.uk/display.var.1.php"))
    assert meta.fields["datePublished"][:10] == "2008-01-01"
    assert meta.fields["datePublishedRaw"] == "7:51pm Tuesday 1st January 2008"
    assert names(meta) == ["Jane Doe"]


def test_generic_meta_date_days_after_the_url_date_is_an_edit():
    """<meta name="date"> a week after the /2012/07/23/ in the URL: the URL's day wins;
    article:published_time is trusted as it is."""
    html = (
        "<html><head><title>Home explodes</title>"
        '<meta name="date" content="July 31, 2012, 2:30 pm"></head>'
        "<body><h1>Home explodes</h1><p>Text.</p></body></html>"
    )
    url = "http://news.example.com/_news/2012/07/23/12925930-home-explodes"
    meta = extract_metadata(load_page(html, url))
    assert meta.fields["datePublished"].startswith("2012-07-23")
    assert meta.sources["datePublished"] == "url"
    trusted = html.replace('name="date"', 'property="article:published_time"')
    meta = extract_metadata(load_page(trusted, url))
    assert meta.fields["datePublished"].startswith("2012-07-31")


def test_microdata_properties_attached_by_itemref():
    """Microdata items that pull their author and date in with ``itemref``
    (elements found by id, outside the item) keep them."""
    page = load_page(
        (PAGES / "meta-microdata-itemref.html").read_bytes(), "https://example.com/port-strike"
    )
    meta = extract_metadata(page)
    assert names(meta) == ["Leila Haddad"]
    assert meta.sources["authors"] == "microdata"
    assert meta.fields["datePublished"] == "2024-03-01T10:00:00+02:00"
    assert meta.sources["datePublished"] == "microdata"
    # attribute names are not case-sensitive in HTML: itemRef works the same
    html = (PAGES / "meta-microdata-itemref.html").read_text("utf-8")
    assert "itemref=" in html
    page = load_page(html.replace("itemref=", "itemRef="), "https://example.com/port-strike")
    meta = extract_metadata(page)
    assert names(meta) == ["Leila Haddad"]
    assert meta.sources["authors"] == meta.sources["datePublished"] == "microdata"
