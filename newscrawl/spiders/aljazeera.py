"""Al Jazeera English (aljazeera.com)."""

from newscrawl.spiders.base import NewsSpider


class AlJazeeraSpider(NewsSpider):
    name = "aljazeera"
    allowed_domains = ["aljazeera.com"]
    sitemap_urls = ["https://www.aljazeera.com/robots.txt"]
    feed_urls = ["https://www.aljazeera.com/xml/rss/all.xml"]
    article_url_patterns = [
        r"/(news|features|opinions|economy|sports|gallery|program)/\d{4}/\d{1,2}/\d{1,2}/"
    ]
