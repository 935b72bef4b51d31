"""L'Orient Today (today.lorientlejour.com), Beirut, English edition."""

from newscrawl.spiders.base import NewsSpider


class LOrientTodaySpider(NewsSpider):
    name = "lorientoday"
    allowed_domains = ["today.lorientlejour.com"]
    sitemap_urls = ["https://today.lorientlejour.com/robots.txt"]
    listing_urls = ["https://today.lorientlejour.com/section/lebanon"]
    article_url_patterns = [r"/article/\d+/"]
