"""Versions across runs: new, updated (``version``+1, ``previousHash``) or unchanged.

For each article the pipeline looks up the newest version the crawl state
delivered (by ``site`` and canonical URL, else URL):

* never delivered: ``version`` 1, ``firstSeen`` now (stat ``newscrawl/state/new``);
* ``contentHash`` or ``dateModified`` differ: ``version`` + 1, ``previousHash``
  = the delivered hash, ``firstSeen`` kept (stat ``newscrawl/state/updated``);
  a paywalled article whose full text appeared is such an update;
* identical: dropped (stat ``newscrawl/state/unchanged``), its check time
  refreshed so the incremental middleware can skip it next time.

Nothing is marked delivered here: the feed storage does that once the line
is fsync'ed (``newscrawl/feeds.py``).
"""

from __future__ import annotations

import logging

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl.state import StateStore, article_key, store_for_crawler, utc_now

logger = logging.getLogger(__name__)


class StatePipeline:
    """Assigns ``version``/``previousHash``/``firstSeen``; drops unchanged articles."""

    def __init__(self, store: StateStore, stats, default_site: str | None = None):
        self.store = store
        self.stats = stats
        self.default_site = default_site
        self.assigned: dict[tuple[str, str], tuple[int, str | None]] = {}

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("NEWSCRAWL_STATE_ENABLED", True):
            raise NotConfigured
        return cls(store_for_crawler(crawler), crawler.stats)

    def process_item(self, item):
        adapter = ItemAdapter(item)
        line = adapter.asdict()
        site, key = line.get("site"), article_key(line)
        if not site or not key:
            self.stats.inc_value("newscrawl/state/no_identity")
            logger.warning("Item without site or URL passed on unversioned: %r", line.get("url"))
            return item
        content_hash = line.get("contentHash")
        earlier = self.assigned.get((site, key))
        if earlier is not None:
            if earlier[1] == content_hash:
                self.stats.inc_value("newscrawl/state/duplicate")
                raise DropItem(f"duplicate in this run: {key}", log_level="DEBUG")
            previous = {"version": earlier[0], "content_hash": earlier[1], "first_seen": None}
        else:
            previous = self.store.latest(site, key)
        if previous is None:
            self._set(adapter, 1, None, utc_now())
            self.stats.inc_value("newscrawl/state/new")
        elif self._unchanged(previous, line):
            self.store.mark_checked(site, key)
            self.stats.inc_value("newscrawl/state/unchanged")
            raise DropItem(f"unchanged: {key}", log_level="DEBUG")
        else:
            first_seen = previous.get("first_seen") or self._first_seen(site, key)
            self._set(adapter, previous["version"] + 1, previous["content_hash"], first_seen)
            self.stats.inc_value("newscrawl/state/updated")
        self.assigned[(site, key)] = (adapter["version"], content_hash)
        return item

    @staticmethod
    def _unchanged(previous: dict, line: dict) -> bool:
        return previous["content_hash"] == line.get("contentHash") and (
            previous.get("date_modified") == line.get("dateModified")
        )

    def _first_seen(self, site: str, key: str) -> str | None:
        known = self.store.latest(site, key)
        return known["first_seen"] if known else utc_now()

    @staticmethod
    def _set(adapter: ItemAdapter, version: int, previous_hash, first_seen) -> None:
        adapter["version"] = version
        adapter["previousHash"] = previous_hash
        adapter["firstSeen"] = first_seen
