"""``scrapy state``: show, export or reset the crawl state.

scrapy state show [SITE]      per site: articles, versions, paywalled, deliveries
scrapy state export [SITE]    every delivered version and watermark as JSON Lines
scrapy state reset SITE       forget one site (its articles are delivered again)
scrapy state reset --all      forget everything
"""

from __future__ import annotations

import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawl.state import StateStore, dumps_line, state_path_from_settings


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "show|export|reset [SITE] [--all]"

    def short_desc(self) -> str:
        return "Show, export or reset the crawl state (NEWSCRAWL_STATE_URI)"

    def long_desc(self) -> str:
        return __doc__

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--all", action="store_true", help="reset: forget every site")

    def run(self, args, opts) -> None:
        if not args or args[0] not in ("show", "export", "reset") or len(args) > 2:
            raise UsageError("use: scrapy state show|export|reset [SITE]")
        action, site = args[0], (args[1] if len(args) > 1 else None)
        path = state_path_from_settings(self.settings)
        if action != "reset" and not path.exists():
            print(f"no crawl state yet at {path}", file=sys.stderr)
            return
        store = StateStore(path)
        try:
            getattr(self, f"_{action}")(store, site, opts)
        finally:
            store.close()

    def _show(self, store: StateStore, site, opts) -> None:
        print(f"state: {store.path}")
        rows = store.summary(site)
        if not rows:
            print("no delivered articles" + (f" for {site}" if site else ""))
        for r in rows:
            print(
                f"{r['site']}: {r['articles']} articles, {r['versions']} versions"
                f" ({r['paywalled_versions'] or 0} paywalled), {r['sources']} sources,"
                f" {r['boilerplate_blocks']} remembered chrome blocks,"
                f" delivered {r['first_delivery']} .. {r['last_delivery']}"
            )

    def _export(self, store: StateStore, site, opts) -> None:
        for record in store.export(site):
            sys.stdout.write(dumps_line(record) + "\n")

    def _reset(self, store: StateStore, site, opts) -> None:
        if not site and not opts.all:
            raise UsageError("reset needs a SITE or --all")
        removed = store.reset(None if opts.all else site)
        print(
            f"forgot {removed} delivered article versions of {'every site' if opts.all else site}"
        )
