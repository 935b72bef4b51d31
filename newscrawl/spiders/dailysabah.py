"""Daily Sabah (dailysabah.com), Istanbul, English edition."""

from newscrawl.spiders.base import NewsSpider


class DailySabahSpider(NewsSpider):
    name = "dailysabah"
    allowed_domains = ["dailysabah.com"]
    sitemap_urls = ["https://www.dailysabah.com/robots.txt"]
    listing_urls = ["https://www.dailysabah.com/politics", "https://www.dailysabah.com/world"]
    # /<section>/<subsection>/<long-slug>; URL shape is enough, no dates in paths
    article_url_patterns = [r"dailysabah\.com/[a-z-]+/[a-z-]+/[a-z0-9-]{20,}$"]
