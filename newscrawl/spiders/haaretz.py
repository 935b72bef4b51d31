"""Haaretz (haaretz.com), English edition; many articles are paywalled."""

from newscrawl.spiders.base import NewsSpider


class HaaretzSpider(NewsSpider):
    name = "haaretz"
    allowed_domains = ["haaretz.com"]
    sitemap_urls = ["https://www.haaretz.com/robots.txt"]
    listing_urls = ["https://www.haaretz.com/middle-east-news"]
    article_url_patterns = [r"/ty-article(-[a-z]+)?/"]
