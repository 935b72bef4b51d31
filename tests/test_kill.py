"""``kill -9`` at random moments, each followed by a normal run: nothing lost, nothing twice.

Every iteration edits a few articles and adds one, starts a crawl of a
slightly slow loopback site, kills it with SIGKILL at a random moment, checks
that no final file is half-written, then runs a normal crawl (which salvages
the killed run's ``.part``). At the end the union of all final files must
hold every (canonical URL, version) exactly once, with every edit present.
"""

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, LoopbackSite, run_scrapy

sys.path.insert(0, str(Path(__file__).parent / "sites" / "cron-spiders"))
from cronfixtures import CronSite, crawl_args, crawl_env  # noqa: E402

ITERATIONS = 20
ARTICLES = 30
PAGE_DELAY = 0.08  # seconds the server waits per page, so kills land mid-run


class SlowHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.server.hits.append(self.path)
        time.sleep(PAGE_DELAY)
        super().do_GET()


def check_final_files(folder: Path) -> list[dict]:
    """Parse every final ``.jsonl``: each line complete and valid JSON."""
    records = []
    for path in sorted(folder.glob("*.jsonl")):
        data = path.read_bytes()
        assert data.endswith(b"\n"), f"{path.name} ends mid-line"
        for line in data.decode("utf-8").splitlines():
            records.append(json.loads(line))
    return records


def latest_versions(records: list[dict]) -> dict[str, dict]:
    """Canonical URL -> the line with its highest version."""
    latest = {}
    for r in records:
        if r["version"] > latest.get(r["canonicalUrl"], {"version": 0})["version"]:
            latest[r["canonicalUrl"]] = r
    return latest


@pytest.mark.slow
def test_kill_9_loop_loses_nothing_and_delivers_nothing_twice(tmp_path):
    seed = int(os.environ.get("NEWSCRAWL_KILL_SEED", time.time()))
    rng = random.Random(seed)
    site = CronSite(tmp_path / "site", count=ARTICLES)
    edits = Counter()
    out = tmp_path / "output" / "cronsite"
    args_extra = ("-s", "NEWSCRAWL_FEEDS_FLUSH_ITEMS=3", "-s", "CONCURRENT_REQUESTS=4")
    with LoopbackSite(site.root) as server:
        root = str(site.root)
        server.server.RequestHandlerClass = lambda *a, **kw: SlowHandler(*a, directory=root, **kw)
        server.server.handle_error = lambda *a: None  # a killed client resets its connections
        site.write(server.url)
        args = crawl_args(tmp_path, server.url, "cronsite", *args_extra)
        env = {**os.environ, **crawl_env()}
        started = time.monotonic()
        first = run_scrapy(args, env=crawl_env(), timeout=120)
        assert first.returncode == 0, first.stderr[-3000:]
        # Kills land at a random point of a run as long as the last one took
        # (process start included), so they stay mid-run on a fast or slow machine.
        run_seconds = (time.monotonic() - started) / 2  # a full crawl; later runs are smaller
        kills_mid_run = salvages = 0
        for i in range(ITERATIONS):
            for slug in rng.sample(sorted(site.articles), 10):
                site.edit(slug, f"Update {i} to {slug}.")
                edits[slug] += 1
            site.add(f"late-{i:02d}")
            site.write(server.url)

            proc = subprocess.Popen(
                [sys.executable, "-m", "scrapy", *args],
                cwd=PROJECT_ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(rng.uniform(0.3, 0.9) * run_seconds)
            if proc.poll() is None:
                kills_mid_run += 1
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            check_final_files(out)  # the killed run left nothing torn under a final name

            started = time.monotonic()
            normal = run_scrapy(args, env=crawl_env(), timeout=120)
            run_seconds = time.monotonic() - started
            assert normal.returncode == 0, f"seed {seed}, iteration {i}:\n{normal.stderr[-3000:]}"
            assert not list(out.glob("*.part")), f"seed {seed}: .part left after a normal run"
            salvages += normal.stderr.count("Salvaged ")
            latest = latest_versions(check_final_files(out))
            for slug, article in site.articles.items():
                assert latest[site.url(slug)]["articleBody"].endswith(article.paragraphs[-1]), (
                    f"seed {seed}, iteration {i}: the last edit of {slug} is missing"
                )

    assert kills_mid_run >= ITERATIONS // 4, f"seed {seed}: kills landed after the runs ended"
    assert salvages >= 1, f"seed {seed}: no kill landed while a .part was open"
    print(
        f"seed {seed}: {kills_mid_run} kills mid-run, {salvages} .part files salvaged, "
        f"last run {run_seconds:.1f} s"
    )
    records = check_final_files(out)
    seen = Counter((r["canonicalUrl"], r["version"]) for r in records)
    twice = [key for key, n in seen.items() if n > 1]
    assert not twice, f"seed {seed}: delivered twice: {twice}"
    latest = latest_versions(records)
    assert set(latest) == {site.url(slug) for slug in site.articles}
    for slug, article in site.articles.items():
        url = site.url(slug)
        expected = 1 + edits[slug]
        versions = sorted(v for (u, v) in seen if u == url)
        assert versions == list(range(1, expected + 1)), f"seed {seed}: {slug} {versions}"
        assert latest[url]["articleBody"].endswith(article.paragraphs[-1])
