"""A directory of files that appears all at once, or not at all.

The files are written into a fresh, private staging directory beside the target
(created with a random name by :func:`tempfile.mkdtemp`, so nothing planted in
advance, such as a symlink at a predictable name, is ever written through).
When every file is complete, each is flushed to disk and the staging directory
takes the target's place in one rename: on Linux an atomic exchange
(``renameat2(RENAME_EXCHANGE)``), elsewhere two renames. On any failure the
staging directory is removed and the previous directory is left as it was,
byte for byte; a killed writer leaves only its staging directory, which the
next writer of the same target removes.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from partycases._process import alive, temporary_stem
from partycases.errors import NUL_IN_NAME, WriteError, printable

__all__ = ["staged_directory"]

_RENAME_EXCHANGE = 2


def _fail(target: Path, why: object) -> WriteError:
    return WriteError(f"{printable(str(target))}: cannot write the tables: {why}")


@functools.cache
def _renameat2() -> Callable[[str, str], bool] | None:
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    function = getattr(libc, "renameat2", None)
    if function is None:
        return None
    at_fdcwd = -100

    def exchange(first: str, second: str) -> bool:
        result = function(at_fdcwd, first.encode(), at_fdcwd, second.encode(), _RENAME_EXCHANGE)
        if result == 0:
            return True
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot exchange
            return False
        raise OSError(errno, os.strerror(errno), first)

    return exchange


def _umask_mode() -> int:
    """Directory permissions the umask allows, read without changing the umask."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o777 & ~int(line.split()[1], 8)
    return 0o755


def _fsync(path: Path, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sweep(target: Path) -> None:
    """Remove the staging directories that killed writers of exactly ``target`` left."""
    stem = re.escape(temporary_stem(target.name))
    pattern = re.compile(rf"\.{stem}\.(\d+)\.[A-Za-z0-9_]+\.(tmp|old)")
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            match = pattern.fullmatch(entry.name)
            if match and entry.is_dir(follow_symlinks=False) and not alive(int(match[1])):
                shutil.rmtree(entry.path, ignore_errors=True)


def _check_target(target: Path, allowed: Callable[[str], bool]) -> None:
    if "\0" in str(target):
        raise _fail(target, NUL_IN_NAME)
    if target.is_symlink():
        raise _fail(target, "it is a symbolic link; give the directory itself")
    if not target.exists():
        return
    if not target.is_dir():
        raise _fail(target, "it exists and is not a directory")
    foreign = sorted(name for name in os.listdir(target) if not allowed(name))
    if foreign:
        raise _fail(
            target,
            f"it holds {foreign[0]!r}, which is not one of its tables; the whole directory is "
            "replaced, so give a new directory or one holding only tables",
        )


@contextlib.contextmanager
def staged_directory(
    target: str | os.PathLike[str], allowed: Callable[[str], bool]
) -> Iterator[Path]:
    """Yield a private directory to fill; on success it replaces ``target`` all at once.

    ``allowed`` says which names an existing ``target`` may hold: the whole
    directory is replaced, so one holding anything else is refused rather than lost.
    """
    target = Path(os.path.abspath(target))
    _check_target(target, allowed)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _sweep(target)
        staging = Path(
            tempfile.mkdtemp(
                prefix=f".{temporary_stem(target.name)}.{os.getpid()}.",
                suffix=".tmp",
                dir=target.parent,
            )
        )
    except OSError as error:
        raise _fail(target, error.strerror or error) from None
    try:
        yield staging
        for folder, _, files in os.walk(staging):
            for name in files:
                _fsync(Path(folder) / name)
            if folder != str(staging):
                _fsync(Path(folder), directory=True)
        os.chmod(staging, _umask_mode())
        _fsync(staging, directory=True)
        _check_target(target, allowed)
        _commit(staging, target)
        _fsync(target.parent, directory=True)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, WriteError):
            raise
        raise _fail(target, error.strerror or error) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _commit(staging: Path, target: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    exchange = _renameat2()
    if exchange is not None and exchange(str(staging), str(target)):
        shutil.rmtree(staging, ignore_errors=True)  # now the previous tables
        return
    old = Path(str(staging).removesuffix(".tmp") + ".old")
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
