"""``scrapy crawlall``: every site spider in one process, one combined exit code.

Spiders listed in ``NEWSCRAWL_CRAWLALL_EXCLUDE`` (default: the generic
``news`` spider, which needs ``-a url=...``) are left out. Each spider has its
own lock, output folder, run id and manifest; the exit code is the worst of
theirs (precedence in docs/operations.md).
"""

from __future__ import annotations

from scrapy.commands import BaseRunSpiderCommand

from newscrawl.commands.crawl import run_exit_code, start_crawlers


class Command(BaseRunSpiderCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Run every site spider in one process (combined exit code)"

    def run(self, args, opts) -> None:
        excluded = set(self.settings.getlist("NEWSCRAWL_CRAWLALL_EXCLUDE", ["news"]))
        names = [n for n in sorted(self.crawler_process.spider_loader.list()) if n not in excluded]
        crawlers, codes = start_crawlers(self, names, opts.spargs)
        if crawlers:
            self.crawler_process.start()
        self.exitcode = run_exit_code(crawlers, codes, self.crawler_process.bootstrap_failed)
