"""robots.txt that cannot be read counts as "disallow everything" (RFC 9309).

Scrapy parses whatever a robots.txt request returns, so a ``503`` error page
becomes an empty rule set and the whole site is crawled. RFC 9309 (2.3.1.4)
says a server error means the crawler must assume complete disallow. This
downloader middleware sees the robots.txt response after retries and, for a
5xx answer, hands Scrapy's ``RobotsTxtMiddleware`` a rule set that disallows
everything. 4xx answers still mean "no rules" (allow), as the RFC says.

Stat: ``newscrawl/robots/server_error``. Switch: ``NEWSCRAWL_ROBOTS_STRICT``.
"""

from __future__ import annotations

import logging

from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)

DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class StrictRobotsMiddleware:
    """Turns a 5xx robots.txt answer into "Disallow: /" for that host."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("ROBOTSTXT_OBEY") or not settings.getbool(
            "NEWSCRAWL_ROBOTS_STRICT", True
        ):
            raise NotConfigured
        return cls(crawler.stats)

    def process_response(self, request, response, spider=None):
        is_robots = request.meta.get("dont_obey_robotstxt") and request.url.endswith("/robots.txt")
        if not is_robots or response.status < 500:
            return response
        self.stats.inc_value("newscrawl/robots/server_error")
        logger.warning(
            "robots.txt answered %s: treating %s as disallowed (RFC 9309)",
            response.status,
            request.url.removesuffix("/robots.txt"),
        )
        return response.replace(status=200, body=DISALLOW_ALL)
