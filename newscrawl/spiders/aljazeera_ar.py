"""Al Jazeera Arabic (aljazeera.net)."""

from newscrawl.spiders.base import NewsSpider


class AlJazeeraArabicSpider(NewsSpider):
    name = "aljazeera_ar"
    allowed_domains = ["aljazeera.net"]
    sitemap_urls = ["https://www.aljazeera.net/robots.txt"]
    feed_urls = [
        "https://www.aljazeera.net/aljazeerarss/a7c186be-1baa-4bd4-9d80-a84db769f779/73d0e1b4-532f-45ef-b135-bfdff8b8cab9"
    ]
    # /news/2024/5/12/<arabic slug, percent-encoded>
    article_url_patterns = [
        r"/(news|politics|ebusiness|opinions|midan|encyclopedia)/\d{4}/\d{1,2}/\d{1,2}/"
    ]
