"""``scrapy crawl``, with the project's exit codes and the per-spider lock.

Same options as Scrapy's own command. The exit status is decided by
``newscrawl.runs.RunExtension`` (table in docs/operations.md); a second
overlapping run of the same spider exits at once with the lock code.
"""

from __future__ import annotations

import logging
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newscrawl.runs import LOCKED, RunExtension, acquire_lock, lock_path, worst

logger = logging.getLogger(__name__)


def start_crawlers(command, spider_names, spargs) -> tuple[list, list[int]]:
    """Lock and queue one crawler per spider; return (crawlers, codes of locked ones)."""
    crawlers, codes = [], []
    for name in spider_names:
        if not acquire_lock(lock_path(command.settings, name)):
            logger.error("Another run of %s holds its lock: not starting it", name)
            codes.append(LOCKED)
            continue
        crawler = command._create_crawler(name)
        command.crawler_process.crawl(crawler, **spargs)
        crawlers.append(crawler)
    return crawlers, codes


def run_exit_code(crawlers, codes: list[int], bootstrap_failed: bool) -> int:
    """Worst of every crawler's exit code; 1 when Scrapy itself failed to start."""
    for crawler in crawlers:
        try:
            ext = crawler.get_extension(RunExtension)
        except RuntimeError:  # the crawl never started (e.g. the spider failed to init)
            ext = None
        codes.append(ext.exit_code if ext is not None and ext.exit_code is not None else 1)
    if bootstrap_failed:
        codes.append(1)
    return worst(codes)


class Command(ScrapyCrawlCommand):
    def short_desc(self) -> str:
        return "Run a spider by name; exit codes for cron (docs/operations.md)"

    def run(self, args, opts) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name")
        try:
            spidercls = self.crawler_process.spider_loader.load(args[0])
        except KeyError:
            print(f"Unknown spider {args[0]!r}: 'scrapy list' shows them.", file=sys.stderr)
            self.exitcode = 1
            return
        problem = getattr(spidercls, "check_arguments", lambda spargs: None)(opts.spargs)
        if problem:
            raise UsageError(problem)
        crawlers, codes = start_crawlers(self, args, opts.spargs)
        if crawlers:
            self.crawler_process.start()
        self.exitcode = run_exit_code(crawlers, codes, self.crawler_process.bootstrap_failed)
