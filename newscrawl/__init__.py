"""newscrawl: crawl regional news sites, deliver clean deduplicated articles as JSONL."""

from newscrawl.extract import extract_article

__all__ = ["extract_article"]
__version__ = "0.1.0"
