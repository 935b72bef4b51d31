"""The Times of Israel (timesofisrael.com)."""

from newscrawl.spiders.base import NewsSpider


class TimesOfIsraelSpider(NewsSpider):
    name = "timesofisrael"
    allowed_domains = ["timesofisrael.com"]
    sitemap_urls = ["https://www.timesofisrael.com/robots.txt"]
    feed_urls = ["https://www.timesofisrael.com/feed/"]
    sitemap_follow = [r"news|post"]
    # articles sit at the root as one long slug; live-blog entries under /liveblog_entry/
    article_url_patterns = [r"timesofisrael\.com/(liveblog_entry/)?[a-z0-9-]{20,}/?$"]
