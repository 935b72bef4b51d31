"""Middle East Eye (middleeasteye.net)."""

from newscrawl.spiders.base import NewsSpider


class MiddleEastEyeSpider(NewsSpider):
    name = "middleeasteye"
    allowed_domains = ["middleeasteye.net"]
    sitemap_urls = ["https://www.middleeasteye.net/robots.txt"]
    feed_urls = ["https://www.middleeasteye.net/rss"]
    article_url_patterns = [
        r"/(news|opinion|big-story|explainers|features|discover)/[a-z0-9-]{12,}$"
    ]
