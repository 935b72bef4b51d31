"""The exit-code matrix: one real ``scrapy crawl``/``crawlall`` run per code.

Codes and their meaning: docs/operations.md (``newscrawl.runs``).
"""

import fcntl
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, LoopbackSite, read_jsonl, run_scrapy

sys.path.insert(0, str(Path(__file__).parent / "sites" / "cron-spiders"))
from cronfixtures import (  # noqa: E402
    CronSite,
    crawl_args,
    crawl_env,
    manifests,
    outputs,
    settings_args,
)

from newscrawl import runs  # noqa: E402


def crawl(tmp_path, url, *extra, spider="cronsite"):
    return run_scrapy(crawl_args(tmp_path, url, spider, *extra), env=crawl_env())


def free_port_url() -> str:
    """A loopback URL where nothing listens (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def snapshot(folder: Path) -> dict:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.glob("*"))
        if p.suffix == ".jsonl"
    }


@pytest.fixture
def served(tmp_path):
    site = CronSite(tmp_path / "site", count=6)
    with LoopbackSite(site.root) as server:
        site.write(server.url)
        yield site, server


def last_manifest(tmp_path, spider="cronsite") -> dict:
    return json.loads(manifests(tmp_path, spider)[-1].read_text())


def test_success_is_0(tmp_path, served):
    site, server = served
    proc = crawl(tmp_path, server.url)
    assert proc.returncode == runs.OK, proc.stderr[-3000:]
    assert last_manifest(tmp_path)["exit_code"] == 0
    assert "with exit code 0 (success)" in proc.stderr


def test_dead_site_exits_3_and_leaves_yesterdays_output_byte_identical(tmp_path, served):
    site, server = served
    keep = tmp_path / "kept.jsonl"
    assert crawl(tmp_path, server.url, "-O", str(keep)).returncode == 0
    before = snapshot(tmp_path / "output" / "cronsite"), keep.read_bytes()
    assert before[0] and before[1]

    proc = crawl(tmp_path, free_port_url(), "-O", str(keep))
    assert proc.returncode == runs.SITES_FAILED, proc.stderr[-3000:]
    assert (snapshot(tmp_path / "output" / "cronsite"), keep.read_bytes()) == before
    assert list(tmp_path.glob("kept*")) == [keep]
    assert last_manifest(tmp_path)["exit_code"] == runs.SITES_FAILED


def test_all_500_exits_3(tmp_path, served):
    site, server = served
    server.override("/sitemap.xml", status=500, body=b"oops")
    for slug in site.articles:
        server.override(f"/news/{slug}.html", status=500, body=b"oops")
    proc = crawl(tmp_path, server.url)
    assert proc.returncode == runs.SITES_FAILED, proc.stderr[-3000:]
    assert outputs(tmp_path) == []


def test_callback_errors_over_threshold_exit_4(tmp_path, served):
    site, server = served
    for slug in ("story-001", "story-003", "story-005"):
        site.articles[slug].extra_head = '<meta name="raise-in-callback" content="1">'
    site.write(server.url)
    proc = crawl(tmp_path, server.url)
    assert proc.returncode == runs.TOO_MANY_ERRORS, proc.stderr[-3000:]
    # What could be exported still was.
    assert len(read_jsonl(outputs(tmp_path)[-1])) == 3
    assert last_manifest(tmp_path)["sites"]["cronsite"]["errors"] == 3
    # A single error in many pages stays under the default 10 % rate.
    (tmp_path / "output").rename(tmp_path / "output-before")
    (tmp_path / "state").rename(tmp_path / "state-before")
    site.articles["story-003"].extra_head = site.articles["story-005"].extra_head = ""
    for i in range(6, 20):
        site.add(f"story-{i:03d}")
    site.write(server.url)
    assert crawl(tmp_path, server.url).returncode == runs.OK


@pytest.mark.parametrize("where", ["output_dir", "dash_o"])
def test_unwritable_output_exits_5(tmp_path, served, where):
    site, server = served
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    if where == "output_dir":
        extra = ("-s", f"NEWSCRAWL_OUTPUT_DIR={blocker}/output")
    else:
        extra = ("-o", f"{blocker}/items.jsonl")
    proc = crawl(tmp_path, server.url, *extra)
    assert proc.returncode == runs.FEED_FAILED, proc.stderr[-3000:]


def test_zero_articles_after_earlier_success_exits_6(tmp_path, served):
    site, server = served
    assert crawl(tmp_path, server.url).returncode == 0
    site.articles.clear()  # e.g. the sitemap moved or the markup changed
    site.write(server.url)
    proc = crawl(tmp_path, server.url)
    assert proc.returncode == runs.ZERO_ARTICLES, proc.stderr[-3000:]
    # Nothing new on a site that still lists its articles is success, not 6.
    fresh = CronSite(tmp_path / "site", count=2)
    fresh.write(server.url)
    assert crawl(tmp_path, server.url).returncode == 0
    assert crawl(tmp_path, server.url).returncode == 0


def test_lock_held_exits_7_at_once_and_a_killed_holder_does_not_block(tmp_path, served):
    site, server = served
    lock = tmp_path / "state" / "locks" / "cronsite.lock"
    lock.parent.mkdir(parents=True)
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        proc = crawl(tmp_path, server.url)
    assert proc.returncode == runs.LOCKED, proc.stderr[-3000:]
    assert "holds its lock" in proc.stderr
    assert server.hits == []

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'w');"
            " fcntl.flock(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
            str(lock),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    proc = crawl(tmp_path, server.url)
    assert proc.returncode == runs.OK, proc.stderr[-3000:]


@pytest.mark.parametrize(
    "signum,code",
    [(signal.SIGTERM, runs.INTERRUPTED_SIGTERM), (signal.SIGINT, runs.INTERRUPTED_SIGINT)],
)
def test_interrupted_run_exits_143_or_130_and_keeps_what_it_exported(tmp_path, signum, code):
    site = CronSite(tmp_path / "site", count=30)
    with LoopbackSite(site.root) as server:
        site.write(server.url)
        args = crawl_args(tmp_path, server.url, "cronsite", "-s", "DOWNLOAD_DELAY=0.2")
        env = {**os.environ, **crawl_env()}
        proc = subprocess.Popen(
            [sys.executable, "-m", "scrapy", *args],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while sum(h.startswith("/news/") for h in server.hits) < 4:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr[-3000:]
    [out] = outputs(tmp_path)
    assert 4 <= len(read_jsonl(out)) < 30
    assert not list(out.parent.glob("*.part"))
    assert last_manifest(tmp_path)["exit_code"] == code


def test_crawlall_runs_every_site_spider_and_the_worst_code_wins(tmp_path, served):
    site, server = served
    proc = run_scrapy(
        [
            "crawlall",
            *settings_args(tmp_path),
            "-s",
            f"CRON_SITE_URL={server.url}",
            "-s",
            f"CRON_SITE_B_URL={free_port_url()}",
        ],
        env=crawl_env(),
    )
    assert proc.returncode == runs.SITES_FAILED, proc.stderr[-3000:]
    assert last_manifest(tmp_path, "cronsite")["exit_code"] == runs.OK
    assert last_manifest(tmp_path, "cronsite_b")["exit_code"] == runs.SITES_FAILED
    assert len(read_jsonl(outputs(tmp_path, "cronsite")[-1])) == 6


def test_precedence_worst_wins():
    assert runs.worst([]) == runs.OK
    assert runs.worst([runs.OK, runs.LOCKED]) == runs.LOCKED
    assert runs.worst([runs.ZERO_ARTICLES, runs.SITES_FAILED]) == runs.SITES_FAILED
    assert runs.worst([runs.SITES_FAILED, runs.INTERRUPTED_SIGTERM]) == runs.INTERRUPTED_SIGTERM
    assert runs.worst([runs.INTERRUPTED_SIGTERM, runs.FEED_FAILED]) == runs.FEED_FAILED
    assert runs.worst([runs.OK, 1]) == 1  # Scrapy's own start-up failure outranks all


def test_start_up_mistakes_exit_1_or_2_with_a_clear_message(tmp_path):
    missing_url = run_scrapy(["crawl", "news", "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path}"])
    assert missing_url.returncode == 2
    assert "the news spider needs -a url=" in missing_url.stderr
    assert "Traceback" not in missing_url.stderr
    unknown = run_scrapy(["crawl", "no-such-spider", "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path}"])
    assert unknown.returncode == 1
    assert "Unknown spider 'no-such-spider'" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    assert not list(tmp_path.rglob("*.jsonl"))
