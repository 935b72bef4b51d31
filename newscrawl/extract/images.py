"""Lead image: URL, caption and credit, from structured data or the first figure.

``split_credit(caption)`` separates a photo credit written into the caption
("... missiles. REUTERS/ Rami Bleible", "(AFP)", "Photo: ...", "© ...",
"الصورة: ...") and drops wire-service codes ("(SYRIA - Tags: ...) - RTX106EZ").
``figure_caption(tree, image_url)`` finds the ``<figure>`` showing an image
and returns its caption and credit elements.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

_SPACE = re.compile(r"\s+")
# Wire picture codes after a Reuters caption: "(SYRIA - Tags: CONFLICT) - RTX106EZ".
_WIRE_CODES = re.compile(r"\s*\([A-Z][A-Z /-]*-\s*Tags:[^)]*\)\s*(?:-\s*[A-Z0-9]{5,}\s*)?$")
_TRAILING_CODE = re.compile(r"\s+-\s+[A-Z]{2,4}\d[A-Z0-9]{3,}\s*$")
_AGENCIES = (
    r"REUTERS|Reuters|AFP|AP|EPA|Getty Images|AFP via Getty Images|Anadolu(?: Agency)?|AA|"
    r"Xinhua|dpa|Shutterstock|Flash90|GPO|IHA|DHA|SANA|WAFA|UPI|Bloomberg|"
    r"رويترز|أ ف ب|ا ف ب|الأناضول|وكالات|أسوشيتد برس"
)
_CREDIT_PATTERNS = [
    # "... text. REUTERS/ Rami Bleible", "AFP/Getty Images", "Reuters/Jane Doe"
    re.compile(rf"(?:^|(?<=[\s.]))((?:{_AGENCIES})\s*/\s*[^/]{{2,60}}?)\s*$"),
    # "Photo: X", "Photograph by X", "Credit: X", "صورة: X", "الصورة: X", "Foto: X"
    re.compile(
        r"[\s(\[]*((?:Photos?|Photograph|Picture|Image|Credit|Courtesy|Source|Foto|Fotoğraf|"
        r"Bild|Crédit|Crédits|صورة|الصورة|المصدر|تصوير)\s*(?:by|:|：)\s*[^\n]{2,80}?)[)\]]?\s*$",
        re.I,
    ),
    # "© X"
    re.compile(r"\s*(©\s*[^\n]{2,80}?)\s*$"),
    # "(AFP)", "(Reuters)", "(رويترز)"
    re.compile(rf"\s*\(((?:{_AGENCIES})(?:\s+Photos?|\s*/\s*[^)]{{2,60}})?)\)\s*$"),
    # "(Yossi Zamir/Flash90)", "(Jane Doe / Reuters)"
    re.compile(rf"\s*\(([^()]{{2,60}}/\s*(?:{_AGENCIES}))\)\s*$"),
    # the whole caption is a credit: "Reuters", "AFP Photo"
    re.compile(rf"^\s*((?:{_AGENCIES})(?:\s+Photos?)?)\s*$"),
    # trailing bare "Getty Images" / "AFP" after a sentence
    re.compile(rf"(?<=[.!?])\s+((?:[\w .-]{{2,40}}/)?(?:{_AGENCIES}))\s*$"),
]
_CREDIT_LABEL = re.compile(
    r"^(?:Photos?|Photograph|Picture|Image|Credit|Foto|Fotoğraf|صورة|الصورة|تصوير)\s*(?:by|:)\s*",
    re.I,
)
_CREDIT_CLASS = re.compile(r"credit|copyright|byline|source|author|photographer", re.I)
_SIZE_SUFFIX = re.compile(r"(-\d{2,4}x\d{2,4}|_\d{2,4}x\d{2,4}|@\dx|-scaled)$")


def clean_text(value) -> str | None:
    """Whitespace-normalised text, or None when empty or not a string."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())  # as ``\s+`` -> " " and strip(): same white space
    return text or None


def split_credit(caption: str | None) -> tuple[str | None, str | None]:
    """``(caption, credit)`` with a credit written into the caption split off."""
    text = clean_text(caption)
    if not text:
        return None, None
    text = _WIRE_CODES.sub("", text)
    text = _TRAILING_CODE.sub("", text).strip()
    for pattern in _CREDIT_PATTERNS:
        match = pattern.search(text)
        if match and match.start(1) > 0 or match and match.group(1) == text:
            credit = _normalise_credit(match.group(1))
            rest = text[: match.start()].rstrip(" -–—|,;(") if match.start(1) > 0 else ""
            return (rest or None), credit
    return text, None


def _normalise_credit(credit: str) -> str:
    credit = _TRAILING_CODE.sub("", _WIRE_CODES.sub("", _SPACE.sub(" ", credit)))
    credit = credit.strip(" ()[]")
    labelled = _CREDIT_LABEL.sub("", credit)
    return labelled or credit


def image_key(url: str | None) -> str:
    """File stem without size suffixes, for matching one image across renditions."""
    path = urlsplit(url or "").path.rsplit("/", 1)[-1]
    stem = path.rsplit(".", 1)[0]
    return _SIZE_SUFFIX.sub("", stem).casefold()


def figure_image_url(figure, base_url: str) -> str | None:
    """The absolute URL of the first image in ``figure`` (src, data-src, srcset)."""
    for img in figure.iter("img", "source", "amp-img"):
        for attr in ("src", "data-src", "data-lazy-src", "data-original", "srcset", "data-srcset"):
            value = (img.get(attr) or "").strip()
            if value and not value.startswith("data:"):
                first = value.split(",")[0].split()[0]
                return urljoin(base_url, first)
    return None


def figure_caption(figure) -> tuple[str | None, str | None, str | None]:
    """``(caption, credit, raw figcaption text)`` of one figure element."""
    captions = list(figure.iter("figcaption")) or [
        el for el in figure.iter() if "caption" in (el.get("class") or "").lower()
    ]
    if not captions:
        return None, None, None
    node = captions[0]
    raw = clean_text(node.text_content())
    credit = None
    for el in node.iter():
        if el is not node and _CREDIT_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
            credit = clean_text(el.text_content())
            break
    caption = raw
    if credit and raw:
        caption = clean_text(raw.replace(credit, " ", 1))
        credit = _normalise_credit(credit)
    if not credit:
        caption, credit = split_credit(raw)
    return caption, credit, raw


def first_figures(figures: list, limit: int = 8) -> list:
    """The first of the page's ``figures`` (all of them, in document order):
    those inside an ``<article>``, else a ``<main>``, else an ``articleBody``
    element; else the first of all."""
    for inside in (_in_tag("article"), _in_tag("main"), _in_article_body):
        found = [f for f in figures if any(inside(a) for a in f.iterancestors())]
        if found:
            return found[:limit]
    return figures[:limit]


def _in_tag(tag: str):
    return lambda el: el.tag == tag


def _in_article_body(el) -> bool:
    return el.get("itemprop") == "articleBody"
