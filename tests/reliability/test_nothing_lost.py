"""Nothing already on disk is lost, and loading in parallel gives the same results as alone."""

from __future__ import annotations

import concurrent.futures
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import partycases as pc
from tests.conftest import DATA, EXAMPLE_CASES

WRITER = """
import sys, partycases
def cases():
    while True:
        yield from partycases.generate_cases(200, seed=1)
partycases.dump_jsonl(cases(), sys.argv[1])
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX only")
def test_killed_writer_leaves_the_old_file(tmp_path: Path) -> None:
    """A writer killed mid-write leaves the old file byte-identical; the next write sweeps its leftovers."""
    target = tmp_path / "corpus.jsonl"
    pc.dump_jsonl([pc.load(p) for p in EXAMPLE_CASES], target)
    before = target.read_bytes()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(target)])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        partial = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        if partial and partial[0].stat().st_size > 100_000:
            break
        time.sleep(0.05)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert target.read_bytes() == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != target.name]
    assert len(leftovers) == 1  # the killed writer's unfinished temporary file
    pc.dump_jsonl([pc.load(EXAMPLE_CASES[0])], target)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_live_writers_temporary_file_is_not_swept(tmp_path: Path) -> None:
    """Only temporary files of processes that are gone are removed."""
    target = tmp_path / "case.json"
    mine = tmp_path / f".case.json.{os.getpid()}.x.tmp"
    mine.write_bytes(b"in progress")
    dead = tmp_path / ".case.json.999999999.x.tmp"
    dead.write_bytes(b"abandoned")
    pc.dump(pc.load(EXAMPLE_CASES[0]), target)
    assert mine.exists()
    assert not dead.exists()


def test_a_name_near_the_file_systems_limit_is_written_and_its_leftovers_swept(
    tmp_path: Path,
) -> None:
    """A target of 250 bytes is written (its temporary name cut to fit), and a killed writer's
    temporary file for it is removed, while another long name's is not."""
    from partycases._process import temporary_stem as _stem

    target = tmp_path / ("商" * 82 + ".json")  # 251 bytes: the whole name leaves no room
    other = "商" * 81 + "会.json"  # the same first 224 bytes
    assert _stem(target.name) != _stem(other)
    dead = tmp_path / f".{_stem(target.name)}.999999999.x.tmp"
    dead.write_bytes(b"abandoned")
    not_ours = tmp_path / f".{_stem(other)}.999999999.x.tmp"
    not_ours.write_bytes(b"another target's")
    case = pc.load(EXAMPLE_CASES[0])
    pc.dump(case, target)
    assert pc.load(target) == case
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, not_ours.name])
    pytest.importorskip("pyarrow")
    tables = tmp_path / ("表" * 83)  # 249 bytes: a folder of tables, staged beside itself
    pc.write_parquet([case], tables)
    assert len(list(tables.iterdir())) == 13


@pytest.mark.usefixtures("full_disk")
def test_full_disk_during_a_corpus_write(tmp_path: Path) -> None:
    """The disk filling up halfway through dump_jsonl leaves the old corpus intact."""
    target = tmp_path / "corpus.jsonl"
    target.write_bytes(b"old corpus\n")
    with pytest.raises(pc.WriteError, match="No space left"):
        pc.dump_jsonl(pc.generate_cases(50), target)
    assert target.read_bytes() == b"old corpus\n"
    assert [p.name for p in tmp_path.iterdir()] == ["corpus.jsonl"]


def test_a_table_writer_failing_to_close_leaves_the_old_tables_and_no_stray_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each writer is closed though one fails (a full disk); none reports again when collected."""
    import gc

    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    out = tmp_path / "tables"
    pc.write_parquet(pc.generate_cases(3), out)
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    real_close = pq.ParquetWriter.close
    closed: list[str] = []

    def close(self: pq.ParquetWriter) -> None:
        closed.append(str(self.where))
        if str(self.where).endswith(("cases.parquet", "works.parquet")):
            raise OSError(28, "No space left on device")  # and the writer stays open, as pyarrow's
        real_close(self)

    monkeypatch.setattr(pq.ParquetWriter, "close", close)
    with pytest.raises(pc.WriteError, match="No space left"):
        pc.write_parquet(pc.generate_cases(20), out)
    assert len(closed) == 13  # every table's writer, the two that failed included
    gc.collect()  # a writer left open would fail again here, an error pytest turns into a failure
    assert len(closed) == 13
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["tables"]


def _load_one(path: str) -> str:
    try:
        return pc.dumps(pc.load(path)).decode()
    except pc.LoadError as error:
        return str(error)


def _load_all(paths: list[str]) -> list[str]:
    return [_load_one(path) for path in paths]


def _corpus() -> list[str]:
    return sorted(
        str(p)
        for p in [
            *EXAMPLE_CASES,
            *(DATA / "invalid").glob("*.json"),
            *(DATA / "texts").glob("*.json"),
        ]
    )


def test_threads_and_processes_agree_with_one() -> None:
    """Loading the same corpus from a thread pool and a process pool gives what one thread gives."""
    paths = _corpus()
    alone = _load_all(paths)
    chunks = [paths[i::4] for i in range(4)]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        threaded = [r for rs in pool.map(_load_all, [[p] for p in paths]) for r in rs]
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        by_chunk = list(pool.map(_load_all, chunks))
    processed = dict(
        zip([p for chunk in chunks for p in chunk], [r for rs in by_chunk for r in rs], strict=True)
    )
    assert threaded == alone
    assert [processed[p] for p in paths] == alone


def test_iter_cases_accounts_for_a_broken_corpus(tmp_path: Path) -> None:
    """Every kind of broken file in one corpus: items in = cases out + errors reported."""
    files = {
        "good.json": EXAMPLE_CASES[0].read_bytes(),
        "bad-utf8.json": b"\xff\xfe",
        "truncated.json": b'{"id": ',
        "empty.yaml": b"",
        "tags.yaml": b"!!python/object:os.system x\n",
        "nul.txt": "一、背景\n甲\x00乙\n".encode(),
        "lines.jsonl": EXAMPLE_CASES[0].read_bytes().replace(b"\n", b"") + b"\nnot json\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    # A folder walk reads published texts only when asked; a named .txt file is read as one.
    stream = pc.iter_cases([tmp_path, tmp_path / "nul.txt"])
    items = list(stream)
    assert len(items) == stream.summary.total == 8
    assert (stream.summary.ok, stream.summary.failed) == (2, 6)
