"""Atomic writes: nothing written outside the target's place, through a link, or over a non-file."""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path

import pytest

import partycases as pc
from partycases import io as pcio

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file semantics")


def test_a_symbolic_link_target_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    """Writing to a path that is a symbolic link is a WriteError; the file it names is unchanged."""
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    link = tmp_path / "out" / "case.json"
    link.parent.mkdir()
    link.symlink_to(victim)
    with pytest.raises(pc.WriteError, match="symbolic link"):
        pcio.atomic_write(link, b"{}")
    assert victim.read_bytes() == b"precious"
    assert link.is_symlink()


@pytest.mark.parametrize("kind", ["device", "fifo", "directory"])
def test_non_regular_targets_are_refused(tmp_path: Path, kind: str) -> None:
    """A device, a pipe or a directory at the target is refused, never replaced or written."""
    if kind == "device":
        target = Path("/dev/null")
        if not target.exists():
            pytest.skip("no /dev/null")
    elif kind == "fifo":
        target = tmp_path / "pipe.json"
        os.mkfifo(target)
    else:
        target = tmp_path / "dir.json"
        target.mkdir()
    with pytest.raises(pc.WriteError, match="not a regular file"):
        pcio.atomic_write(target, b"{}")
    if kind != "device":
        assert not stat.S_ISREG(os.lstat(target).st_mode)


def test_a_link_planted_at_the_temporary_name_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a name guessed in advance cannot steer the write: O_EXCL | O_NOFOLLOW refuse it."""
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    monkeypatch.setattr(pcio.secrets, "token_hex", lambda _: "guessed")
    planted = tmp_path / f".case.json.{os.getpid()}.guessed.tmp"
    planted.symlink_to(victim)
    with pytest.raises(pc.WriteError):
        pcio.atomic_write(tmp_path / "case.json", b"{}")
    assert victim.read_bytes() == b"precious"
    assert not (tmp_path / "case.json").exists()


def test_temporary_names_are_unique_per_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two writes of one target in one process use two temporary names."""
    seen: list[str] = []
    real_open = os.open

    def spy(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
        if os.fspath(path).endswith(".tmp"):
            seen.append(os.fspath(path))
            assert flags & os.O_EXCL
            assert flags & os.O_NOFOLLOW
        return real_open(path, flags, mode)

    monkeypatch.setattr(pcio.os, "open", spy)
    pcio.atomic_write(tmp_path / "a.json", b"1")
    pcio.atomic_write(tmp_path / "a.json", b"2")
    assert len(set(seen)) == 2
    assert (tmp_path / "a.json").read_bytes() == b"2"


def test_no_overwrite_cannot_race_another_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that appears between the check and the rename is kept; the write is refused."""
    target = tmp_path / "case.json"

    def appear(_: Path) -> None:
        target.write_bytes(b"the other writer's")

    monkeypatch.setattr(pcio, "_sweep", appear)
    with pytest.raises(pc.WriteError, match="already exists"):
        pcio.atomic_write(target, b"mine", overwrite=False)
    assert target.read_bytes() == b"the other writer's"
    assert [p.name for p in tmp_path.iterdir()] == ["case.json"]


def test_the_umask_is_never_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing a new file does not touch the process umask (threads would race on it)."""

    def forbidden(_: int) -> int:
        raise AssertionError("os.umask called")

    real_umask = os.umask
    old = real_umask(0o027)
    try:
        monkeypatch.setattr(pcio.os, "umask", forbidden)
        pcio.atomic_write(tmp_path / "new.json", b"{}")
    finally:
        monkeypatch.undo()
        real_umask(old)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o640


def test_new_files_honour_the_umask_from_many_threads(tmp_path: Path) -> None:
    """Sixteen threads writing at once all get 0o666 less the umask."""
    old = os.umask(0o022)
    try:
        threads = [
            threading.Thread(target=pcio.atomic_write, args=(tmp_path / f"{i}.json", b"{}"))
            for i in range(16)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        os.umask(old)
    modes = {p.stat().st_mode & 0o777 for p in tmp_path.iterdir()}
    assert modes == {0o644}


def test_the_directory_is_flushed_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the rename, the directory itself is fsynced so the new entry survives a crash."""
    synced: list[bool] = []
    real_fsync = os.fsync

    def spy(handle: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(handle).st_mode))
        real_fsync(handle)

    monkeypatch.setattr(pcio.os, "fsync", spy)
    pcio.atomic_write(tmp_path / "case.json", b"{}")
    assert synced == [False, True]


def test_the_sweep_spares_a_live_writer_of_another_target(tmp_path: Path) -> None:
    """A live writer's temporary file of ``case.json.999999999`` survives a write of ``case.json``."""
    live = tmp_path / f".case.json.999999999.{os.getpid()}.0123456789abcdef.tmp"
    live.write_bytes(b"in progress")
    dead = tmp_path / ".case.json.999999999.0123456789abcdef.tmp"
    dead.write_bytes(b"abandoned")
    pcio.atomic_write(tmp_path / "case.json", b"{}")
    assert live.exists()
    assert not dead.exists()
