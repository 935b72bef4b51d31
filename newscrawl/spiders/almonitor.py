"""Al-Monitor (al-monitor.com): Middle East news and analysis, partly paywalled."""

from newscrawl.extract.rules import SiteRules
from newscrawl.spiders.base import NewsSpider


class AlMonitorSpider(NewsSpider):
    name = "almonitor"
    allowed_domains = ["al-monitor.com"]
    sitemap_urls = ["https://www.al-monitor.com/robots.txt"]
    feed_urls = ["https://www.al-monitor.com/rss"]
    article_url_patterns = [r"/originals/\d{4}/\d{2}/", r"/pulse/originals/\d{4}/\d{2}/"]
    site_rules = SiteRules(
        body_selector=".article-body, .field--name-body",
        teaser_selectors=(".paywall", ".modal--subscribe", ".newsletter-signup", ".why-almonitor"),
    )
