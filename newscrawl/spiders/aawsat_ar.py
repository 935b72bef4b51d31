"""Asharq Al-Awsat (aawsat.com), Arabic edition."""

from newscrawl.spiders.base import NewsSpider


class AawsatArabicSpider(NewsSpider):
    name = "aawsat_ar"
    allowed_domains = ["aawsat.com"]
    sitemap_urls = ["https://aawsat.com/robots.txt"]
    feed_urls = ["https://aawsat.com/feed"]
    # section paths are Arabic (percent-encoded), followed by "/<id>-<slug>"
    article_url_patterns = [r"aawsat\.com/.+/\d{6,}-[^/]+$", r"/node/\d+"]
