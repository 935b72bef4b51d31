"""Atomic local feeds: ``.part`` + fsync + rename, append, no overwrite, salvage."""

import json
import sys
from pathlib import Path

from conftest import LoopbackSite, read_jsonl, run_scrapy

from newscrawl.feeds import AtomicFileFeedStorage, complete_lines, local_part_files, salvage_part

sys.path.insert(0, str(Path(__file__).parent / "sites" / "cron-spiders"))
from cronfixtures import CronSite, crawl_args, crawl_env  # noqa: E402


def line(n: int) -> bytes:
    record = {"url": f"http://127.0.0.1/a{n}", "site": "s", "contentHash": f"sha256:{n:064x}"}
    return (json.dumps(record) + "\n").encode()


def export(storage: AtomicFileFeedStorage, lines: list[bytes]) -> Path:
    file = storage.open(None)
    for data in lines:
        file.write(data)
    storage.store(file)
    return storage.final


def test_lines_appear_only_under_the_part_name_until_the_end(tmp_path):
    durable = []
    storage = AtomicFileFeedStorage(
        str(tmp_path / "out" / "run.jsonl"), flush_items=2, on_durable=durable.extend
    )
    file = storage.open(None)
    for n in range(5):
        file.write(line(n))
    part = tmp_path / "out" / "run.jsonl.part"
    assert not (tmp_path / "out" / "run.jsonl").exists()
    # Two batches of two were fsync'ed and reported; the fifth waits for the end.
    assert part.read_bytes().startswith(line(0) + line(1) + line(2) + line(3))
    assert [r["url"] for r in durable] == [f"http://127.0.0.1/a{n}" for n in range(4)]
    storage.store(file)
    assert len(durable) == 5
    assert not part.exists()
    assert (tmp_path / "out" / "run.jsonl").read_bytes() == b"".join(line(n) for n in range(5))


def test_a_write_split_mid_line_is_reported_once_complete(tmp_path):
    durable = []
    storage = AtomicFileFeedStorage(
        str(tmp_path / "r.jsonl"), flush_items=1, on_durable=durable.extend
    )
    file = storage.open(None)
    data = line(1)
    file.write(data[:10])
    assert durable == []
    file.write(data[10:])
    assert [r["url"] for r in durable] == ["http://127.0.0.1/a1"]
    storage.store(file)


def test_nothing_exported_leaves_no_file(tmp_path):
    storage = AtomicFileFeedStorage(str(tmp_path / "r.jsonl"))
    storage.store(storage.open(None))
    assert list(tmp_path.iterdir()) == []


def test_dash_o_appends_atomically_to_an_existing_file(tmp_path):
    target = tmp_path / "items.jsonl"
    target.write_bytes(line(0))
    export(AtomicFileFeedStorage(str(target)), [line(1), line(2)])
    assert target.read_bytes() == line(0) + line(1) + line(2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["items.jsonl"]


def test_dash_capital_o_never_overwrites_an_earlier_file(tmp_path):
    target = tmp_path / "items.jsonl"
    target.write_bytes(line(0))
    storage = AtomicFileFeedStorage(
        f"file://{target}", feed_options={"overwrite": True}, run_id="20261124T161811Z-ab12"
    )
    final = export(storage, [line(1)])
    assert target.read_bytes() == line(0)
    assert final == tmp_path / "items.20261124T161811Z-ab12.jsonl"
    assert final.read_bytes() == line(1)


def test_complete_lines_stops_at_the_torn_tail():
    good, rest = complete_lines(line(1) + line(2) + b'{"url": "http://x/a3", "si')
    assert good == [line(1), line(2)]
    assert rest == b'{"url": "http://x/a3", "si'
    good, rest = complete_lines(line(1) + b"not json\n" + line(3))
    assert good == [line(1)] and rest == b"not json\n" + line(3)


def test_salvage_delivers_complete_lines_and_quarantines_the_rest(tmp_path):
    part = tmp_path / "run.jsonl.part"
    part.write_bytes(line(1) + line(2) + b'{"url": "http://x/a3", "si')
    (tmp_path / "other.jsonl.merge.part").write_bytes(b"half a merge")
    delivered = []
    parts = local_part_files(tmp_path)
    assert parts == [part]
    assert not (tmp_path / "other.jsonl.merge.part").exists()
    result = salvage_part(part, delivered.extend)
    assert result == {"final": tmp_path / "run.jsonl", "lines": 2, "rejected_bytes": 26}
    assert (tmp_path / "run.jsonl").read_bytes() == line(1) + line(2)
    assert [r["url"] for r in delivered] == ["http://127.0.0.1/a1", "http://127.0.0.1/a2"]
    rejected = tmp_path / "quarantine" / "run.jsonl.rejected"
    assert rejected.read_bytes() == b'{"url": "http://x/a3", "si'
    assert not part.exists()


def test_salvage_of_a_part_without_a_complete_line_leaves_no_file(tmp_path):
    part = tmp_path / "run.jsonl.part"
    part.write_bytes(b'{"url": "htt')
    assert salvage_part(part)["final"] is None
    assert not part.exists() and not (tmp_path / "run.jsonl").exists()


def test_crawl_salvages_a_leftover_part_before_running(tmp_path):
    """A killed run's ``.part`` becomes a final file and its articles count as delivered."""
    site = CronSite(tmp_path / "site", count=3)
    with LoopbackSite(site.root) as server:
        site.write(server.url)
        # What a killed run would have left: one exported article and a torn line.
        first = run_scrapy(crawl_args(tmp_path, server.url), env=crawl_env())
        assert first.returncode == 0, first.stderr[-3000:]
        out = tmp_path / "output" / "cronsite"
        [done] = sorted(out.glob("*.jsonl"))
        records = read_jsonl(done)
        done.unlink()
        (tmp_path / "state").rename(tmp_path / "state-old")  # the killed run never committed
        part = out / "20200101T000000Z-dead.jsonl.part"
        part.write_text(json.dumps(records[0]) + "\n" + '{"url": "torn', encoding="utf-8")
        second = run_scrapy(crawl_args(tmp_path, server.url), env=crawl_env())
    assert second.returncode == 0, second.stderr[-3000:]
    assert "Salvaged 1 complete lines" in second.stderr
    salvaged = out / "20200101T000000Z-dead.jsonl"
    assert read_jsonl(salvaged) == [records[0]]
    [new_run] = [p for p in out.glob("*.jsonl") if p != salvaged]
    # The salvaged article is not delivered a second time.
    assert {r["url"] for r in read_jsonl(new_run)} == {r["url"] for r in records[1:]}
    assert (out / "quarantine" / "20200101T000000Z-dead.jsonl.rejected").exists()
