"""Ahram Online (english.ahram.org.eg), Cairo."""

from newscrawl.spiders.base import NewsSpider


class AhramOnlineSpider(NewsSpider):
    name = "ahramonline"
    allowed_domains = ["english.ahram.org.eg"]
    sitemap_urls = ["https://english.ahram.org.eg/robots.txt"]
    listing_urls = ["https://english.ahram.org.eg/Portal/1/Egypt.aspx"]
    article_url_patterns = [r"/NewsContent/\d+/\d+/\d+/"]
