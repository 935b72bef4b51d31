"""Pages whose charset is wrong or conflicting come out as readable text.

The pages are built in ``tmp_path`` (written for newscrawl's tests, in the shape
of an Arabic news site's article markup) and served on 127.0.0.1 with the
headers a misconfigured server sends.
"""

from conftest import LoopbackSite
from crawlsupport import crawl

PARAGRAPHS = [
    "أعلنت الحكومة اللبنانية يوم الثلاثاء خطة جديدة لإصلاح قطاع الكهرباء بعد سنوات من الانقطاع"
    " المتكرر الذي أثقل كاهل الأسر والشركات في مختلف المناطق.",
    "وقال وزير الطاقة إن الخطة تشمل بناء محطتين جديدتين وتحسين شبكة التوزيع وخفض الهدر،"
    " مشيرا إلى أن التمويل سيأتي من شركاء إقليميين ودوليين خلال العامين المقبلين.",
    "ورحب خبراء اقتصاديون بالخطة لكنهم حذروا من أن نجاحها يتوقف على إصلاح التعرفة وتحصيل"
    " الفواتير، وهما ملفان تعثرا مرارا في السنوات الماضية بسبب الخلافات السياسية.",
]


LEADS = {
    "header": "نشرت الخطة على موقع الوزارة صباح الثلاثاء مع جدول زمني مفصل للتنفيذ.",
    "legacy": "وعرض الوزير الخطة في مؤتمر صحفي حضره ممثلون عن البنك الدولي والمانحين.",
}


def article_page(charset: str, lead: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in [LEADS[lead], *PARAGRAPHS])
    return f"""<!DOCTYPE html>
<!-- Written for newscrawl tests, modelled on an Arabic news site's article markup. -->
<html lang="ar" dir="rtl"><head><meta charset="{charset}">
<title>خطة لإصلاح قطاع الكهرباء في لبنان</title>
<meta property="og:type" content="article"></head>
<body><article><h1>خطة لإصلاح قطاع الكهرباء في لبنان</h1>
<time datetime="2024-05-14T09:00:00+03:00">14 أيار 2024</time>
<div class="article-body">{body}</div></article></body></html>"""


def test_conflicting_and_legacy_charsets_give_intact_arabic_text(tmp_path):
    root = tmp_path / "site"
    (root / "news" / "2024" / "05" / "14").mkdir(parents=True)
    links = []
    site = LoopbackSite(root)
    # UTF-8 bytes, <meta charset=utf-8>, but the server says ISO-8859-1.
    conflict = "/news/2024/05/14/electricity-plan-header-says-latin1.html"
    site.override(
        conflict,
        body=article_page("utf-8", "header").encode("utf-8"),
        headers={"Content-Type": "text/html; charset=iso-8859-1"},
    )
    # A legacy Arabic code page, declared only in the page.
    legacy = "/news/2024/05/14/electricity-plan-windows-1256.html"
    site.override(
        legacy,
        body=article_page("windows-1256", "legacy").encode("cp1256"),
        headers={"Content-Type": "text/html"},
    )
    links = "".join(f'<a href="{path}">story</a>' for path in (conflict, legacy))
    (root / "news" / "index.html").write_text(
        f"<!DOCTYPE html><html><body><main>{links}</main></body></html>", encoding="utf-8"
    )
    with site:
        result = crawl(["crawl", "news", "-a", f"url={site.url}/news/"], tmp_path)

    assert result.returncode == 0, result.log[-3000:]
    by_path = {item["url"].removeprefix(site.url): item for item in result.items}
    assert set(by_path) == {conflict, legacy}
    for path, lead in ((conflict, "header"), (legacy, "legacy")):
        item = by_path[path]
        assert item["articleBody"].split("\n\n") == [LEADS[lead], *PARAGRAPHS]
        assert item["headline"] == "خطة لإصلاح قطاع الكهرباء في لبنان"
        assert item["inLanguage"] == "ar"
    assert result.stat("newscrawl/spider/charset_conflict") == 1
    assert "charset conflict (header cp1252, page utf-8), body is UTF-8" in result.log
