"""Files and streams: load, dump, and atomic writes.

This layer picks the format, reads and writes bytes, and puts the file's name
on every error. A failed write leaves the file that was there before intact.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from partycases.errors import LoadError, Problem, WriteError
from partycases.formats import Format, format_for_path, get_format

if TYPE_CHECKING:
    from partycases.models import Case

__all__ = ["DEFAULT_MAX_BYTES", "atomic_write", "dump", "dumps", "load", "loads"]

#: The largest file :func:`load` reads unless told otherwise (64 MiB).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

PathLike = str | os.PathLike[str]


def _pick(path: PathLike | None, format: str | None) -> Format:
    if format is not None:
        return get_format(format)
    if path is None:
        return get_format("json")
    return format_for_path(os.fspath(path))


def _read(path: PathLike, max_bytes: int) -> bytes:
    name = os.fspath(path)
    try:
        with open(name, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise LoadError([Problem(f"cannot read the file: {reason}")], name) from None
    if len(data) > max_bytes:
        too_big = (
            f"the file is larger than the limit of {max_bytes} bytes; pass max_bytes= to raise it"
        )
        raise LoadError(
            [Problem(too_big)],
            name,
        )
    return data


def load(
    path: PathLike,
    *,
    format: str | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Case:
    """Read and validate the case stored at ``path``.

    The format comes from the file extension unless ``format`` names one. A
    published text (``.txt``) is decoded (UTF-8, UTF-16 with BOM, GB18030, Big5,
    or ``encoding=``) and parsed. Any problem raises :class:`~partycases.LoadError`
    naming the file and, for each problem, its location.
    """
    fmt = _pick(path, format)
    data = _read(path, max_bytes)
    try:
        if encoding is None:
            return fmt.loads(data)
        if fmt.name != "text":
            raise LoadError([Problem(f"encoding= applies to text files, not to {fmt.name}")])
        from partycases.text.codec import loads as loads_text

        return loads_text(data, encoding)
    except LoadError as error:
        raise error.with_path(os.fspath(path)) from None


def loads(data: bytes | str, *, format: str = "json") -> Case:
    """Validate a case from ``data`` in the named format (JSON by default)."""
    return get_format(format).loads(data)


def dumps(case: Case, *, format: str = "json") -> bytes:
    """Return ``case`` encoded in the named format (canonical JSON by default)."""
    return get_format(format).dumps(case)


def dump(case: Case, path: PathLike, *, format: str | None = None) -> None:
    """Write ``case`` to ``path`` atomically, in the format its extension implies."""
    data = _pick(path, format).dumps(case)
    atomic_write(path, data)


def atomic_write(path: PathLike, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once.

    The bytes go to a temporary file beside the target, which is flushed to disk
    and then renamed over it. On any failure the temporary file is removed and
    the old file, if any, is left exactly as it was.
    """
    target = Path(path)
    directory = target.parent
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise WriteError(f"{target}: cannot write: {error.strerror}") from None
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=directory
        )
    except OSError as error:
        raise WriteError(f"{target}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise WriteError(f"{target}: cannot write: {error.strerror or error}") from None
        raise
