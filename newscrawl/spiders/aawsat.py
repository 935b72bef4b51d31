"""Asharq Al-Awsat, English edition (english.aawsat.com)."""

from newscrawl.spiders.base import NewsSpider


class AawsatSpider(NewsSpider):
    name = "aawsat"
    allowed_domains = ["english.aawsat.com"]
    sitemap_urls = ["https://english.aawsat.com/robots.txt"]
    feed_urls = ["https://english.aawsat.com/feed"]
    article_url_patterns = [r"/[a-z-]+(/[a-z-]+)*/\d{6,}-[^/]+$", r"/node/\d+"]
