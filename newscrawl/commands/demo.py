"""``scrapy demo``: crawl the bundled sample sites offline, into JSONL under ``output/``.

Starts ``newscrawl.samples.server.SampleServer`` on a free 127.0.0.1 port,
routes the sample hosts to it with ``SampleSitesDownloadHandler`` (so items keep
the sites' own URLs), runs ``newscrawl.samples.DEMO_CRAWLS`` through the real
engine in this process with the project's pipelines and FEEDS, then prints each
spider's output file and item count. No request leaves 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from scrapy.commands import ScrapyCommand

from newscrawl.runs import run_for_crawler
from newscrawl.samples import DEMO_CRAWLS
from newscrawl.samples.server import SampleServer

HANDLER = "newscrawl.samples.handler.SampleSitesDownloadHandler"


class Command(ScrapyCommand):
    requires_project = True

    def short_desc(self) -> str:
        return "Crawl the bundled sample sites offline and write JSONL under output/"

    def process_options(self, args, opts) -> None:
        super().process_options(args, opts)
        self.server = SampleServer()
        # The demo's crawl state is thrown away after the run: sample articles
        # must never enter the state of real crawls of the same sites.
        self.state_dir = tempfile.mkdtemp(prefix="newscrawl-demo-")
        demo = {
            "NEWSCRAWL_STATE_URI": "sqlite:///" + os.path.join(self.state_dir, "demo.db"),
            "NEWSCRAWL_SAMPLES_URL": self.server.url,
            "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
            # our own loopback server: no need to wait between requests
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
        }
        for key, value in demo.items():
            if (self.settings.getpriority(key) or 0) < 40:  # leave -s overrides alone
                self.settings.set(key, value, priority="cmdline")

    def run(self, args, opts) -> None:
        crawlers = []
        with self.server:
            for name, kwargs in DEMO_CRAWLS:
                crawler = self.crawler_process.create_crawler(name)
                self.crawler_process.crawl(crawler, **kwargs)
                crawlers.append((name, crawler))
            self.crawler_process.start()
        shutil.rmtree(self.state_dir, ignore_errors=True)
        print(f"\nnewscrawl demo: sample sites crawled offline from {self.server.url}")
        for name, crawler in crawlers:
            stats = crawler.stats.get_stats() if crawler.stats else {}
            files = [os.path.relpath(p) for p in run_for_crawler(crawler).outputs]
            print(
                f"  {name:14} {stats.get('item_scraped_count', 0):3} articles"
                f" ({stats.get('item_dropped_count', 0)} dropped)  ->  "
                + (", ".join(files) or "no output file")
            )
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
