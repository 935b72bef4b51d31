"""The New Arab (newarab.com), English edition."""

from newscrawl.spiders.base import NewsSpider


class NewArabSpider(NewsSpider):
    name = "newarab"
    allowed_domains = ["newarab.com"]
    sitemap_urls = ["https://www.newarab.com/robots.txt"]
    feed_urls = ["https://www.newarab.com/rss"]
    article_url_patterns = [r"/(news|analysis|opinion|features|investigations)/[a-z0-9-]{12,}$"]
