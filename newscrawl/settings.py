"""Scrapy settings for newscrawl.

Every ``NEWSCRAWL_*`` setting is documented in docs/settings.md. The Scrapy
settings below are chosen for unattended, polite crawling of news sites; the
reasons are in docs/design.md.
"""

BOT_NAME = "newscrawl"

SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
COMMANDS_MODULE = "newscrawl.commands"

# --- politeness -----------------------------------------------------------
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_TIMES = 2
DOWNLOAD_TIMEOUT = 30

# --- safety ---------------------------------------------------------------
# A news page is never near 1 GiB (Scrapy's default): cap each response.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
TELNETCONSOLE_ENABLED = False
# Only HTTP(S): a link to file:///, data:, ftp:// or s3:// is never fetched.
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}
# Articles do not need cookies; without them metered paywalls count less and
# the cookies middleware does not try to download the public suffix list.
COOKIES_ENABLED = False

# --- output ---------------------------------------------------------------
FEED_EXPORT_ENCODING = "utf-8"
FEEDS = {
    "%(output_dir)s/%(name)s/%(run_id)s.jsonl": {
        "format": "jsonlines",
        "encoding": "utf-8",
        "uri_params": "newscrawl.runs.feed_uri_params",
    },
}

# --- pipelines (gaps of 100 leave room for users' own) ----------------------
ITEM_PIPELINES = {
    "newscrawl.pipelines.teaser.TeaserPipeline": 300,
    "newscrawl.pipelines.dedupe.DedupePipeline": 400,
    "newscrawl.pipelines.state.StatePipeline": 600,
    "newscrawl.pipelines.validate.SchemaValidationPipeline": 900,
}

# --- cron-grade runs (docs/operations.md) ---
NEWSCRAWL_STATE_URI = "sqlite:///state/newscrawl.db"
NEWSCRAWL_OUTPUT_DIR = "output"
NEWSCRAWL_PAYWALL_RECHECK_DAYS = 7
NEWSCRAWL_MAX_ERROR_RATE = 0.1
NEWSCRAWL_MAX_ERRORS = 0
NEWSCRAWL_FEEDS_FLUSH_ITEMS = 20
NEWSCRAWL_FEEDS_FLUSH_SECONDS = 5.0
NEWSCRAWL_CRAWLALL_EXCLUDE = ["news"]
# A run that exports nothing leaves no file.
FEED_STORE_EMPTY = False
FEED_STORAGES = {
    "": "newscrawl.feeds.AtomicFileFeedStorage",
    "file": "newscrawl.feeds.AtomicFileFeedStorage",
}
EXTENSIONS = {"newscrawl.runs.RunExtension": 100}
DOWNLOADER_MIDDLEWARES = {
    "newscrawl.incremental.IncrementalMiddleware": 50,
    # Sees robots.txt answers after RetryMiddleware (550): 5xx means disallow.
    "newscrawl.robots.StrictRobotsMiddleware": 80,
}
# --- end cron-grade runs ---

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
