"""Files and streams: load, dump, and atomic writes.

This layer picks the format, reads and writes bytes, and puts the file's name
on every error. A failed write leaves the file that was there before intact.
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

import attrs

from partycases.errors import FormatError, LoadError, Problem, WriteError
from partycases.formats import Format, format_for_path, get_format, names

if TYPE_CHECKING:
    from partycases.models import Case

__all__ = [
    "DEFAULT_MAX_BYTES",
    "CaseStream",
    "Summary",
    "atomic_write",
    "atomic_writer",
    "dump",
    "dump_jsonl",
    "dumps",
    "iter_cases",
    "load",
    "loads",
    "read_limited",
]

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


def read_limited(
    stream: BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES, name: str = "<stdin>"
) -> bytes:
    """Read all of ``stream`` (standard input, a pipe), refusing it past ``max_bytes``.

    At most ``max_bytes + 1`` bytes are read: a larger stream is a
    :class:`~partycases.LoadError` naming ``name``, and the rest is never read.
    """
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        too_big = (
            f"the input is larger than the limit of {max_bytes} bytes; "
            "the rest was not read (pass max_bytes= to raise it)"
        )
        raise LoadError([Problem(too_big)], name)
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
    """Replace ``path`` with ``data`` all at once (see :func:`atomic_writer`)."""
    with atomic_writer(path) as stream:
        stream.write(data)


@contextlib.contextmanager
def atomic_writer(path: PathLike) -> Iterator[BinaryIO]:
    """Write ``path`` through a temporary file that replaces it only on success.

    The bytes go to a temporary file beside the target, which is flushed to disk
    and renamed over it when the ``with`` block ends without an exception. On any
    failure the temporary file is removed and the old file, if any, is left
    exactly as it was.
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise WriteError(f"{target}: cannot write: {error.strerror}") from None
    _sweep(target)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise WriteError(f"{target}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError) and not isinstance(error, WriteError):
            raise WriteError(f"{target}: cannot write: {error.strerror or error}") from None
        raise


def _sweep(target: Path) -> None:
    """Remove temporary files a killed writer of ``target`` left behind.

    Temporary names carry the writer's process id; a file whose process is gone
    cannot be finished by anyone, so the next writer of the same target removes it.
    """
    prefix = f".{target.name}."
    try:
        names = [
            n for n in os.listdir(target.parent) if n.startswith(prefix) and n.endswith(".tmp")
        ]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(target.parent / name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but is not ours
    return True


def dump_jsonl(cases: Iterable[Case], path: PathLike) -> int:
    """Write ``cases`` to ``path`` as JSON Lines, atomically; return how many were written."""
    from partycases.formats.json import dumps_compact

    count = 0
    with atomic_writer(path) as stream:
        for case in cases:
            stream.write(dumps_compact(case))
            count += 1
    return count


# ------------------------------------------------------------------ corpora


@attrs.define
class Summary:
    """Counts of what :func:`iter_cases` has yielded so far."""

    ok: int = 0
    """Cases that loaded and validated."""
    failed: int = 0
    """Files or lines that gave a :class:`~partycases.LoadError`."""

    @property
    def total(self) -> int:
        """Every item seen: ``ok + failed``."""
        return self.ok + self.failed


_GLOB = frozenset("*?[")
Source = PathLike | BinaryIO | TextIO


class CaseStream(Iterator["Case | LoadError"]):
    """The items of a corpus, one at a time, with a running :class:`Summary`."""

    def __init__(self, items: Iterator[Case | LoadError]) -> None:
        self._items = items
        self.summary = Summary()

    def __iter__(self) -> CaseStream:
        return self

    def __next__(self) -> Case | LoadError:
        item = next(self._items)
        if isinstance(item, LoadError):
            self.summary.failed += 1
        else:
            self.summary.ok += 1
        return item


def iter_cases(
    source: Source | Iterable[Source],
    *,
    format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CaseStream:
    """Every case in ``source``, lazily: each item is a case or the error for that file or line.

    ``source`` is a path, a directory (searched recursively for files of a known
    format), a glob, a JSON Lines file, an open stream of JSON Lines, or an
    iterable of these. Nothing is skipped silently: a file that cannot be read,
    a glob that matches nothing and each bad line are yielded as a
    :class:`~partycases.LoadError` naming the file (and line).
    """
    return CaseStream(_items(source, format, max_bytes))


def _is_stream(value: object) -> bool:
    return hasattr(value, "read") and not isinstance(value, (str, os.PathLike))


def _items(source: object, format: str | None, max_bytes: int) -> Iterator[Case | LoadError]:
    if _is_stream(source):
        name = getattr(source, "name", "<stream>")
        yield from _stream_items(source, name, max_bytes)  # type: ignore[arg-type]
        return
    if isinstance(source, (str, os.PathLike)):
        yield from _path_items(os.fspath(source), format, max_bytes)
        return
    for item in source:  # type: ignore[attr-defined]
        yield from _items(item, format, max_bytes)


def _stream_items(
    stream: BinaryIO | TextIO, name: str, max_bytes: int
) -> Iterator[Case | LoadError]:
    from partycases.formats.jsonl import iter_stream

    for item in iter_stream(stream, max_bytes):
        yield item.with_path(str(name)) if isinstance(item, LoadError) else item


def _path_items(name: str, format: str | None, max_bytes: int) -> Iterator[Case | LoadError]:
    path = Path(name)
    if path.is_dir():
        known = {ext for fmt_name in names() for ext in get_format(fmt_name).extensions}
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in known)
        for file in files:
            yield from _file_items(str(file), format, max_bytes)
        return
    if not path.exists() and _GLOB & set(name):
        matches = sorted(glob.glob(name, recursive=True))
        if not matches:
            yield LoadError([Problem("no file matches this pattern")], name)
        for match in matches:
            yield from _path_items(match, format, max_bytes)
        return
    yield from _file_items(name, format, max_bytes)


def _file_items(name: str, format: str | None, max_bytes: int) -> Iterator[Case | LoadError]:
    try:
        fmt = _pick(name, format)
    except FormatError as error:
        yield LoadError([Problem(str(error))], name)
        return
    if fmt.name == "jsonl":
        try:
            stream = open(name, "rb")  # noqa: SIM115 - closed below, after the last line
        except OSError as error:
            yield LoadError([Problem(f"cannot read the file: {error.strerror}")], name)
            return
        with stream:
            yield from _stream_items(stream, name, max_bytes)
        return
    try:
        yield load(name, format=fmt.name, max_bytes=max_bytes)
    except LoadError as error:
        yield error
    except FormatError as error:
        yield LoadError([Problem(str(error))], name)
