"""Tests for files: load, dump, atomic writes and format selection."""

from __future__ import annotations

from pathlib import Path

import pytest

import partycases as pc


def test_dump_then_load(tmp_path: Path, tianjin_path: Path) -> None:
    """A dumped case loads back equal, and the file holds the canonical bytes."""
    case = pc.load(tianjin_path)
    target = tmp_path / "case.json"
    pc.dump(case, target)
    assert pc.load(target) == case
    assert target.read_bytes() == pc.dumps(case)
    assert [p.name for p in tmp_path.iterdir()] == ["case.json"]


def test_dump_keeps_the_old_file_when_encoding_fails(
    tmp_path: Path, tianjin_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception from the encoder leaves the old file byte-identical and no temporary file."""
    target = tmp_path / "case.json"
    target.write_bytes(b"old contents")

    def explode(case: pc.Case) -> bytes:
        raise RuntimeError("encoder failed")

    monkeypatch.setattr("partycases.formats.json.dumps", explode)
    with pytest.raises(RuntimeError, match="encoder failed"):
        pc.dump(pc.load(tianjin_path), target)
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["case.json"]


@pytest.mark.usefixtures("full_disk")
def test_dump_keeps_the_old_file_when_the_disk_fills(tmp_path: Path, tianjin_path: Path) -> None:
    """A write that fails halfway (disk full) leaves the old file and cleans up."""
    target = tmp_path / "case.json"
    target.write_bytes(b"old contents")
    with pytest.raises(pc.WriteError, match="No space left on device"):
        pc.dump(pc.load(tianjin_path), target)
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["case.json"]


def test_dump_keeps_file_mode(tmp_path: Path, tianjin_path: Path) -> None:
    """Replacing a file keeps its permission bits."""
    target = tmp_path / "case.json"
    target.write_bytes(b"{}")
    target.chmod(0o640)
    pc.dump(pc.load(tianjin_path), target)
    assert target.stat().st_mode & 0o777 == 0o640


def test_dump_into_missing_directory_is_a_write_error(tmp_path: Path, tianjin_path: Path) -> None:
    """Writing where no directory exists is a WriteError naming the path."""
    target = tmp_path / "missing" / "case.json"
    with pytest.raises(pc.WriteError, match="missing"):
        pc.dump(pc.load(tianjin_path), target)


def test_load_missing_file_names_it(tmp_path: Path) -> None:
    """A file that is not there is a LoadError naming it."""
    path = tmp_path / "nowhere.json"
    with pytest.raises(pc.LoadError, match="cannot read the file") as caught:
        pc.load(path)
    assert caught.value.path == str(path)


def test_load_refuses_files_over_the_limit(tmp_path: Path, tianjin_path: Path) -> None:
    """A file larger than max_bytes is refused before it is parsed."""
    path = tmp_path / "big.json"
    path.write_bytes(tianjin_path.read_bytes())
    with pytest.raises(pc.LoadError, match="limit of 100 bytes"):
        pc.load(path, max_bytes=100)
    assert pc.load(path, max_bytes=1_000_000).id == "tianjin-culture-media-chamber"


def test_format_selection(tmp_path: Path, tianjin_path: Path) -> None:
    """The extension picks the format; an unknown one is a FormatError, format= overrides it."""
    odd = tmp_path / "case.data"
    odd.write_bytes(tianjin_path.read_bytes())
    with pytest.raises(pc.FormatError, match="cannot tell the format"):
        pc.load(odd)
    assert pc.load(odd, format="json").id == "tianjin-culture-media-chamber"
    with pytest.raises(pc.FormatError, match="unknown format 'xml'"):
        pc.loads(b"{}", format="xml")
