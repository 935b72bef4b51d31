"""Run ids, the lock, the exit-code decision and the manifest of a real run."""

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import LoopbackSite, run_scrapy

from newscrawl import runs

sys.path.insert(0, str(Path(__file__).parent / "sites" / "cron-spiders"))
from cronfixtures import CronSite, crawl_args, crawl_env, manifests  # noqa: E402


def test_run_ids_sort_by_start_time():
    early = runs.new_run_id(datetime(2026, 11, 24, 9, 59, 59, tzinfo=UTC))
    late = runs.new_run_id(datetime(2026, 11, 24, 16, 18, 11, tzinfo=UTC))
    assert early.startswith("20261124T095959.000Z-") and late.startswith("20261124T161811.000Z-")
    assert sorted([late, early]) == [early, late]


def test_run_ids_of_one_second_still_sort_by_start_time():
    start = datetime(2026, 11, 24, 16, 18, 11, 5000, tzinfo=UTC)
    ids = [runs.new_run_id(start + timedelta(milliseconds=n)) for n in (0, 1, 250, 994)]
    for _ in range(50):  # whatever the random suffixes are
        assert sorted(reversed(ids)) == ids
        ids = [runs.new_run_id(start + timedelta(milliseconds=n)) for n in (0, 1, 250, 994)]


def test_lock_is_exclusive_between_processes_and_reentrant_within_one(tmp_path):
    lock = tmp_path / "locks" / "x.lock"
    assert runs.acquire_lock(lock)
    assert runs.acquire_lock(lock)
    probe = (
        "import sys; from pathlib import Path; from newscrawl.runs import acquire_lock;"
        " print(acquire_lock(Path(sys.argv[1])))"
    )
    other = subprocess.run([sys.executable, "-c", probe, str(lock)], capture_output=True, text=True)
    assert other.stdout.strip() == "False", other.stderr
    runs.release_lock(lock)
    other = subprocess.run([sys.executable, "-c", probe, str(lock)], capture_output=True, text=True)
    assert other.stdout.strip() == "True", other.stderr


def test_decide_exit_code():
    assert runs.decide_exit_code(runs.RunFacts(ok_responses=3, fetched=3)) == runs.OK
    assert runs.decide_exit_code(runs.RunFacts(ok_responses=0)) == runs.SITES_FAILED
    many = runs.RunFacts(ok_responses=10, fetched=10, errors=2)
    assert runs.decide_exit_code(many) == runs.TOO_MANY_ERRORS
    few = runs.RunFacts(ok_responses=100, fetched=100, errors=2)
    assert runs.decide_exit_code(few) == runs.OK
    few.max_errors = 1
    assert runs.decide_exit_code(few) == runs.TOO_MANY_ERRORS
    zero = runs.RunFacts(ok_responses=1, fetched=1, earlier_runs_with_articles=3)
    assert runs.decide_exit_code(zero) == runs.ZERO_ARTICLES
    stopped = runs.RunFacts(ok_responses=0, finish_reason="shutdown")
    assert runs.decide_exit_code(stopped) == runs.INTERRUPTED_SIGTERM
    failed_feed = runs.RunFacts(ok_responses=0, feed_failed=True, signal_received=15)
    assert runs.decide_exit_code(failed_feed) == runs.FEED_FAILED


def test_drop_reasons_are_short():
    assert runs.drop_reason(Exception("duplicate (canonical_url) of http://x/a")) == (
        "duplicate (canonical_url)"
    )
    assert runs.drop_reason(Exception("unchanged: http://x/a")) == "unchanged"


def test_manifest_of_a_real_run(tmp_path):
    site = CronSite(tmp_path / "site", count=4)
    site.articles["story-002"].access = "paywalled"
    with LoopbackSite(site.root) as server:
        site.write(server.url)
        proc = run_scrapy(crawl_args(tmp_path, server.url), env=crawl_env())
        assert proc.returncode == 0, proc.stderr[-3000:]
        site.edit("story-001", "A correction was appended.")
        site.write(server.url)
        proc = run_scrapy(crawl_args(tmp_path, server.url), env=crawl_env())
    first, second = (json.loads(p.read_text()) for p in manifests(tmp_path))
    assert first["run_id"] < second["run_id"]
    assert first["start"] <= first["end"] <= second["start"]
    assert Path(first["outputs"][0]).name == f"{first['run_id']}.jsonl"
    c = first["sites"]["cronsite"]
    assert (c["discovered"], c["fetched"], c["new"], c["paywalled"], c["errors"]) == (4, 5, 4, 1, 0)
    c = second["sites"]["cronsite"]
    # story-002 is paywalled: re-checked, found unchanged, dropped.
    assert (c["new"], c["updated"], c["skipped_unchanged"]) == (0, 1, 2)
    assert c["dropped"] == {"unchanged": 1}
    assert second["exit_code"] == 0 and second["exit_meaning"] == "success"
    assert (
        "Run " + second["run_id"] + " of cronsite ended (finished) with exit code 0" in proc.stderr
    )
