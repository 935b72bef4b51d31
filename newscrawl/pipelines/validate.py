"""Check every article against ``newscrawl/schema/article.schema.json``.

An optional field with a bad value is removed (or set to null) so the rest of
the article still reaches the feed; an article whose required fields are
invalid is dropped. Both are logged and counted:
``newscrawl/validate/repaired``, ``newscrawl/validate/dropped`` and
``newscrawl/validate/field/<field>``.
"""

from __future__ import annotations

import logging

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl.schema import article_schema, article_validator

logger = logging.getLogger(__name__)


def schema_errors(article: dict) -> list[tuple[str, str]]:
    """``[(top-level field or "", message)]`` for every schema violation."""
    out = []
    for error in article_validator().iter_errors(article):
        field = str(error.path[0]) if error.path else ""
        if not field and error.validator == "additionalProperties":
            extra = set(article) - set(article_schema()["properties"])
            out.extend((name, "not an article field") for name in sorted(extra))
            continue
        if not field and error.validator == "required":
            field = error.message.split("'")[1] if "'" in error.message else ""
        out.append((field, error.message))
    return out


class SchemaValidationPipeline:
    """Repair or drop articles that do not match the schema; see module docstring."""

    def __init__(self, stats):
        self.stats = stats
        self.required = set(article_schema()["required"])

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("NEWSCRAWL_VALIDATE_ENABLED", True):
            raise NotConfigured
        return cls(crawler.stats)

    def process_item(self, item):
        article = ItemAdapter(item).asdict()
        errors = schema_errors(article)
        if not errors:
            return item
        for field, _message in errors:
            self.stats.inc_value(f"newscrawl/validate/field/{field or 'item'}")
        bad_required = sorted({f for f, _ in errors if f in self.required or not f})
        url = article.get("url")
        if bad_required:
            self.stats.inc_value("newscrawl/validate/dropped")
            logger.error("Invalid article %s dropped: %s", url, "; ".join(m for _, m in errors))
            raise DropItem(f"invalid required fields {bad_required}", log_level="DEBUG")
        adapter = ItemAdapter(item)
        for field in sorted({f for f, _ in errors}):
            del adapter[field]
        self.stats.inc_value("newscrawl/validate/repaired")
        logger.warning(
            "Article %s: removed invalid fields: %s", url, "; ".join(m for _, m in errors)
        )
        return item
