"""Sample news sites written for newscrawl, served on 127.0.0.1 for offline crawls.

``sites/<host>/`` holds one small site per host, in the shape of a real
regional outlet (every page says so in a comment at its top):

- ``www.al-monitor.com``: robots.txt → sitemap index → news sitemap, an RSS
  feed with ``utm_`` links and an AMP link; a paywalled article rebuilt from
  ``../shared/seed/almonitor-qusair.txt``, a metered one, a free one + its AMP twin.
- ``www.aljazeera.net``: Arabic, right-to-left, RSS feed and a sitemap.
- ``www.levant-ledger.example``: a fictional outlet with a paginated section
  listing and an Atom feed, crawled by the generic ``news`` spider.

``SampleServer`` serves them; ``SampleSitesDownloadHandler`` makes the real
site spiders fetch them under their real-looking URLs. ``scrapy demo`` uses both.
"""

from pathlib import Path

SITES_DIR = Path(__file__).resolve().parent / "sites"


def sample_hosts() -> list[str]:
    """Host names that have a sample site."""
    return sorted(p.name for p in SITES_DIR.iterdir() if p.is_dir())


# What ``scrapy demo`` crawls: (spider name, spider arguments).
DEMO_CRAWLS = [
    ("almonitor", {}),
    ("aljazeera_ar", {}),
    ("news", {"url": "https://www.levant-ledger.example/world/"}),
]
