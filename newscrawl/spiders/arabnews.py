"""Arab News (arabnews.com), Riyadh, English edition."""

from newscrawl.spiders.base import NewsSpider


class ArabNewsSpider(NewsSpider):
    name = "arabnews"
    allowed_domains = ["arabnews.com"]
    sitemap_urls = ["https://www.arabnews.com/robots.txt"]
    feed_urls = ["https://www.arabnews.com/rss.xml"]
    article_url_patterns = [r"/node/\d+(/|$)"]
