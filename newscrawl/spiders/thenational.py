"""The National (thenationalnews.com), Abu Dhabi."""

from newscrawl.spiders.base import NewsSpider


class TheNationalSpider(NewsSpider):
    name = "thenational"
    allowed_domains = ["thenationalnews.com"]
    sitemap_urls = ["https://www.thenationalnews.com/robots.txt"]
    listing_urls = ["https://www.thenationalnews.com/news/mena/"]
    sitemap_follow = [r"news"]
    article_url_patterns = [r"/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/?$"]
