"""Exports replace a table set all at once: failures, kills and planted links leave it intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import partycases as pc
from partycases.formats.arrow import TABLES
from tests.conftest import EXAMPLE_CASES, ROOT


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file of a directory by name, with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    """A directory holding the tables of the example cases."""
    out = tmp_path / "tables"
    pc.write_parquet([pc.load(p) for p in EXAMPLE_CASES], out)
    return out


def test_a_failure_half_way_leaves_the_previous_set(previous: Path) -> None:
    """An error raised by the cases after many rows leaves every table byte for byte."""
    before = snapshot(previous)

    def cases() -> Iterator[pc.Case]:
        yield from pc.generate_cases(30, seed=1)
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError, match="the source broke"):
        pc.write_tables(cases(), parquet=previous, batch_rows=10)
    assert snapshot(previous) == before
    assert sorted(p.name for p in previous.parent.iterdir()) == ["tables"]


def test_a_killed_export_leaves_the_previous_set(previous: Path) -> None:
    """SIGKILL in the middle of an export leaves the tables; the next export sweeps its debris."""
    before = snapshot(previous)
    started = previous.parent / "started"
    code = f"""
import itertools, pathlib, time
import partycases as pc
def cases():
    for index, case in enumerate(itertools.cycle(list(pc.generate_cases(20, seed=4)))):
        if index == 200:
            pathlib.Path({str(started)!r}).touch()
        yield case.model_copy(update={{"id": f"k{{index}}"}})
pc.write_parquet(cases(), {str(previous)!r})
"""
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    try:
        for _ in range(600):
            if started.exists() or process.poll() is not None:
                break
            time.sleep(0.1)
        assert started.exists(), "the export never got going"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert snapshot(previous) == before
    debris = [p for p in previous.parent.iterdir() if p.name.startswith(".tables.")]
    assert debris  # the killed writer's staging directory, which the next export removes
    pc.write_parquet(pc.generate_cases(3, seed=1), previous)
    assert not [p for p in previous.parent.iterdir() if p.name.startswith(".tables.")]


def test_a_planted_symlink_is_never_written_through(previous: Path) -> None:
    """A link at the old fixed temporary name is swept away; its target is untouched."""
    victim = previous.parent / "victim"
    victim.write_bytes(b"precious")
    (previous / ".cases.parquet.tmp").symlink_to("../victim")
    pc.write_parquet(pc.generate_cases(3, seed=1), previous)
    assert victim.read_bytes() == b"precious"
    assert sorted(p.name for p in previous.iterdir()) == sorted(f"{t}.parquet" for t in TABLES)


def test_a_directory_holding_other_files_is_refused(previous: Path) -> None:
    """The whole directory is replaced, so one holding anything else is refused, untouched."""
    (previous / "notes.txt").write_text("mine", encoding="utf-8")
    before = snapshot(previous)
    with pytest.raises(pc.WriteError, match=r"notes\.txt"):
        pc.write_parquet(pc.generate_cases(3, seed=1), previous)
    assert snapshot(previous) == before


def test_a_symlinked_target_is_refused(previous: Path) -> None:
    """A target that is a symbolic link is refused rather than replaced or followed."""
    link = previous.parent / "link"
    link.symlink_to(previous)
    with pytest.raises(pc.WriteError, match="symbolic link"):
        pc.write_parquet(pc.generate_cases(3, seed=1), link)
    assert link.is_symlink()


def test_an_export_where_every_input_fails_writes_nothing(previous: Path, tmp_path: Path) -> None:
    """When no input can be read, the previous tables stay instead of becoming empty ones."""
    before = snapshot(previous)
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    errors: list[pc.LoadError] = []
    summary = pc.export([bad], parquet=previous, csv=tmp_path / "csv", on_error=errors.append)
    assert (summary.cases, summary.failed, summary.written) == (0, 1, {})
    assert len(errors) == 1
    assert snapshot(previous) == before
    assert not (tmp_path / "csv").exists()


def test_an_export_that_finds_no_case_writes_nothing(previous: Path, tmp_path: Path) -> None:
    """An empty folder, a folder of other formats or no source at all leaves every table as it was."""
    before = snapshot(previous)
    empty, pages = tmp_path / "empty", tmp_path / "pages"
    empty.mkdir()
    pages.mkdir()
    (pages / "a.html").write_text("<p>某某商会成立于2013年。</p>", encoding="utf-8")
    for sources in (empty, pages, []):
        summary = pc.export(sources, parquet=previous, csv=tmp_path / "new" / "csv")
        assert (summary.cases, summary.failed, summary.written) == (0, 0, {}), sources
        assert snapshot(previous) == before
        summary = pc.export_items([], parquet=previous)
        assert (summary.cases, summary.failed, summary.written) == (0, 0, {})
        assert snapshot(previous) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "pages", "tables"]


def test_export_needs_a_folder_and_pairs(tmp_path: Path) -> None:
    """No folder is a TypeError naming the options; an item that is not a pair, a WriteError."""
    case = pc.load(EXAMPLE_CASES[0])
    with pytest.raises(TypeError, match="export needs a folder to write the tables into"):
        pc.export(ROOT / "examples" / "cases")
    with pytest.raises(TypeError, match="write_tables needs a folder"):
        pc.write_tables([case])
    for items, message in [
        ([case], "item 1: expected a (case or LoadError, source file name or None) pair, not Case"),
        ([(case, "a.json"), (case, 3)], "item 2: .*, not a tuple of Case, int"),
        ([(case, Path("a.json"))], "item 1: .*, not a tuple of Case, PosixPath"),
        ([[case, "a.json", "b.json"]], "item 1: .*, not a list of Case, str, str"),
        (["ab"], "item 1: .*, not str"),
    ]:
        with pytest.raises(pc.WriteError, match=message.replace("(", r"\(").replace(")", r"\)")):
            pc.export_items(items, parquet=tmp_path / "tables")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_export_records_each_case_file(tmp_path: Path) -> None:
    """export reads a directory and records the file of every case in the cases table."""
    import pyarrow.parquet as pq

    summary = pc.export(ROOT / "examples" / "cases", parquet=tmp_path / "out")
    files = pq.read_table(summary.written["parquet"]["cases"]).column("source_file").to_pylist()
    assert sorted(Path(f).name for f in files) == sorted(p.name for p in EXAMPLE_CASES)


def test_parquet_and_csv_need_two_directories(tmp_path: Path) -> None:
    """One directory for both formats, however it is written, is a WriteError; nothing is written."""
    for csv in (tmp_path / "t", tmp_path / "." / "t"):
        with pytest.raises(pc.WriteError, match="need two different folders"):
            pc.write_tables([], parquet=tmp_path / "t", csv=csv)
        with pytest.raises(pc.WriteError, match="need two different folders"):
            pc.export(ROOT / "examples" / "cases", parquet=tmp_path / "t", csv=csv)
    assert not (tmp_path / "t").exists()
    for parquet, csv in (
        (tmp_path / "t", tmp_path / "t" / "csv"),
        (tmp_path / "t" / "p", tmp_path / "t"),
    ):
        with pytest.raises(pc.WriteError, match="cannot be one inside the other"):
            pc.write_tables([], parquet=parquet, csv=csv)
    assert not (tmp_path / "t").exists()


def test_export_items_takes_inputs_read_elsewhere(tmp_path: Path) -> None:
    """export_items writes the cases among (case or error, source) pairs and reports the errors."""
    error = pc.LoadError([pc.Problem("broken")], "bad.json")
    items = [(pc.load(EXAMPLE_CASES[0]), "<stdin>"), (error, "bad.json")]
    seen: list[pc.LoadError] = []
    summary = pc.export_items(items, csv=tmp_path / "csv", on_error=seen.append)
    assert (summary.cases, summary.failed, seen) == (1, 1, [error])
    assert '"<stdin>"' in (tmp_path / "csv" / "cases.csv").read_text(encoding="utf-8")


def test_export_items_takes_a_source_of_none_and_list_pairs(tmp_path: Path) -> None:
    """A source of None gives a null source_file; a [case, source] list is a pair as a tuple is."""
    import pyarrow.parquet as pq

    first, second = (pc.load(path) for path in EXAMPLE_CASES[:2])
    items = [(first, None), [second, "second.json"]]
    summary = pc.export_items(items, parquet=tmp_path / "tables")  # type: ignore[list-item]
    assert (summary.cases, summary.failed) == (2, 0)
    cases = pq.read_table(summary.written["parquet"]["cases"]).to_pylist()
    assert [(row["case_id"], row["source_file"]) for row in cases] == [
        (first.id, None),
        (second.id, "second.json"),
    ]


def test_export_memory_is_flat_in_the_number_of_cases(tmp_path: Path) -> None:
    """Writing four times the cases (the same entities) peaks at about the same traced memory."""
    import itertools
    import tracemalloc

    pool = list(pc.generate_cases(40, seed=6))

    def peak(count: int) -> int:
        cases = (
            case.model_copy(update={"id": f"m{index}"})
            for index, case in zip(range(count), itertools.cycle(pool), strict=False)
        )
        tracemalloc.start()
        pc.write_tables(cases, parquet=tmp_path / f"out{count}", batch_rows=256)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    peak(20)  # imports and first-use caches, outside the comparison
    small, large = peak(100), peak(400)
    assert large < small * 1.5


def test_folders_clash_says_why_or_nothing(tmp_path: Path) -> None:
    """One folder or nested folders give a reason; two apart, or a single format, give None."""
    from partycases.formats.arrow import folders_clash

    assert folders_clash(tmp_path / "p", tmp_path / "c") is None
    assert folders_clash(tmp_path / "p", None) is None
    assert "two different folders" in (folders_clash(tmp_path / "t", tmp_path / "." / "t") or "")
    assert "one inside the other" in (folders_clash(tmp_path, tmp_path / "c") or "")
