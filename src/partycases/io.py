"""Files and streams: load, dump, and atomic writes.

This layer picks the format, reads and writes bytes, and puts the file's name
on every error. A failed write leaves the file that was there before intact.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterable, Iterator
from io import BytesIO, StringIO
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

import attrs

from partycases._glob import MAGIC, expand
from partycases._process import alive, temporary_stem
from partycases.errors import (
    NUL_IN_NAME,
    FormatError,
    LoadError,
    PartycasesError,
    Problem,
    WriteError,
    printable,
)
from partycases.formats import (
    REGISTRY,
    Format,
    as_document,
    format_for_path,
    get_format,
    significant_lines,
    sniff,
)

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
    try:
        return format_for_path(os.fspath(path))
    except FormatError as error:
        raise FormatError(f"{error}; or pass format= to name one") from None


def _file_name(path: object) -> str:
    """``path`` as text (a name given as bytes decoded as the file system does).

    Anything else is a :class:`TypeError`, as it is for :func:`iter_cases`: a
    mistake in the calling code, which no file could be named by.
    """
    try:
        return os.fsdecode(os.fspath(path))  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(
            f"load reads a file: expected its path (str, bytes or os.PathLike), not "
            f"{type(path).__name__}; partycases.loads reads a document held in memory"
        ) from None


def _missing(name: str) -> str | None:
    """Why nothing can be read at ``name`` when nothing is there, else None.

    Asked before a format is guessed from the name, so that a path that does not
    exist (a folder's name mistyped) is reported as missing, not as a name whose
    extension says no format.
    """
    try:
        os.stat(name)
    except OSError as error:
        return f"cannot read the file: {error.strerror or type(error).__name__}"
    except ValueError:  # a NUL in the name, refused where the file is opened
        return None
    return None


def _read(path: PathLike, max_bytes: int) -> bytes:
    name = os.fspath(path)
    if "\0" in os.fsdecode(name):
        raise LoadError([Problem(f"cannot read the file: {NUL_IN_NAME}")], name)
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
    or ``encoding=``) and parsed; so is a saved web page (``.html``), whose own
    declaration is used unless ``encoding=`` is given. Any problem raises
    :class:`~partycases.LoadError` naming the file and, for each problem, its location;
    a file that does not exist is one, before its format is guessed.
    """
    name = _file_name(path)
    if format is None and (missing := _missing(name)) is not None:
        raise LoadError([Problem(missing)], name)
    fmt = _pick(name, format)
    fmt.loads  # noqa: B018 - a write-only format is refused before the file is read
    data = _read(name, max_bytes)
    try:
        return _guarded(fmt, data, lambda raw: fmt.read_bytes(raw, encoding=encoding))
    except LoadError as error:
        raise error.with_path(name) from None
    except FormatError as error:  # an option the format does not take
        raise LoadError([Problem(str(error))], name) from None


def loads(
    data: bytes | bytearray | memoryview | str,
    *,
    format: str = "json",
    encoding: str | None = None,
) -> Case:
    """Validate a case from ``data`` in the named format (JSON by default).

    ``data`` is the document as bytes or text; a ``bytearray`` or ``memoryview``
    reads as its bytes. ``encoding=`` applies to published texts
    (``format="text"``), as in :func:`load`.
    """
    fmt = get_format(format)
    # A write-only format is refused for what it is (by read_bytes), whatever the data.
    document = as_document(data, fmt.name) if fmt.read else b""
    return _guarded(fmt, document, lambda raw: fmt.read_bytes(raw, encoding=encoding))


def _guarded(
    fmt: Format, data: bytes | str, reader: Callable[[bytes | str], Case] | None = None
) -> Case:
    """The exception boundary of every load: nothing but a partycases error leaves it.

    Each format's reader has its own; this one also covers readers that do not
    (the published-text parser), so that one document cannot end a corpus run.
    """
    try:
        return (reader or fmt.loads)(data)
    except (PartycasesError, Warning):
        raise  # ours, or a warning the caller made an error
    except Exception as error:  # the boundary: anything else is reported
        if isinstance(error, RecursionError):
            message = f"the {fmt.name} document nests too deeply to read"
        elif isinstance(error, MemoryError):
            message = f"the {fmt.name} document is too large to hold in memory"
        else:
            detail = str(error).splitlines()[0][:200] if str(error) else ""
            message = f"cannot read this {fmt.name} document ({type(error).__name__}: {detail})"
    raise LoadError([Problem(message)])


def dumps(case: Case, *, format: str = "json") -> bytes:
    """Return ``case`` encoded in the named format (canonical JSON by default).

    Anything but a :class:`~partycases.Case` is a :class:`~partycases.WriteError`.
    """
    return get_format(format).dumps(case)  # each format's writer checks


def dump(case: Case, path: PathLike, *, format: str | None = None) -> None:
    """Write ``case`` to ``path`` atomically, in the format its extension implies.

    Anything but a :class:`~partycases.Case` is a :class:`~partycases.WriteError`,
    and the file is not touched.
    """
    try:
        data = _pick(path, format).dumps(case)  # each format's writer checks the case
    except WriteError as error:
        raise WriteError(f"{os.fspath(path)}: {error}") from None
    atomic_write(path, data)


def atomic_write(path: PathLike, data: bytes, *, overwrite: bool = True) -> None:
    """Replace ``path`` with ``data`` all at once (see :func:`atomic_writer`)."""
    with atomic_writer(path, overwrite=overwrite) as stream:
        stream.write(data)


_OPEN_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL  # a fresh file, never one planted at the name
    | getattr(os, "O_NOFOLLOW", 0)  # never through a symbolic link
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _refuse(target: Path, reason: str) -> WriteError:
    return WriteError(f"{printable(str(target))}: cannot write: {reason}")


@contextlib.contextmanager
def atomic_writer(path: PathLike, *, overwrite: bool = True) -> Iterator[BinaryIO]:
    """Write ``path`` through a temporary file that replaces it only on success.

    The bytes go to a temporary file beside the target, with a name no other
    writer uses, created afresh (``O_EXCL``) and never through a symbolic link
    (``O_NOFOLLOW``). When the ``with`` block ends without an exception it is
    flushed to disk, renamed over the target, and the directory is flushed too,
    so the rename survives a crash. On any failure the temporary file is removed
    and the old file, if any, is left exactly as it was.

    Only regular files are replaced: a target that is a symbolic link, a device,
    a pipe or a directory is refused with a :class:`~partycases.WriteError`. With
    ``overwrite=False`` an existing target is refused too, and the check cannot
    race another writer: the file is linked into place only if the name is free.
    """
    target = Path(path)
    if "\0" in str(target):
        raise _refuse(target, NUL_IN_NAME)
    info = _existing(target, overwrite)
    _sweep(target)
    stem = temporary_stem(target.name)
    temporary = target.parent / f".{stem}.{os.getpid()}.{secrets.token_hex(8)}.tmp"
    try:
        # A new file gets 0o666 less the umask, applied by the system (the umask is never
        # changed, which would race other threads); a replaced one gets its old mode below.
        handle = os.open(temporary, _OPEN_FLAGS, 0o600 if info is not None else 0o666)
    except OSError as error:
        raise _refuse(target, error.strerror or str(error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            if info is not None:
                _set_mode(stream.fileno(), temporary, stat.S_IMODE(info.st_mode))
            os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, target)
        else:
            _link_if_free(temporary, target)
        _sync_directory(target.parent)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, FileExistsError):
            raise _refuse(target, "it already exists") from None
        if isinstance(error, OSError) and not isinstance(error, WriteError):
            raise _refuse(target, error.strerror or str(error)) from None
        raise


def _existing(target: Path, overwrite: bool) -> os.stat_result | None:
    """The target's status if it is a regular file that may be replaced; ``None`` if absent."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _refuse(target, error.strerror or str(error)) from None
    if stat.S_ISLNK(info.st_mode):
        raise _refuse(target, "it is a symbolic link; partycases replaces only regular files")
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(target, "it is not a regular file (a directory, device, pipe or socket)")
    if not overwrite:
        raise _refuse(target, "it already exists")
    return info


def _set_mode(handle: int, temporary: Path, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(handle, mode)
    else:  # pragma: no cover - Windows
        os.chmod(temporary, mode)


def _link_if_free(temporary: Path, target: Path) -> None:
    """Put ``temporary`` at ``target`` only if nothing is there (atomically, where links exist)."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system: the check and the rename are separate steps.
        if os.path.lexists(target):
            raise FileExistsError(target) from None
        os.replace(temporary, target)
        return
    os.unlink(temporary)


def _sync_directory(directory: Path) -> None:
    """Flush a directory's entries, so that a rename in it survives a crash (POSIX only)."""
    if os.name != "posix":  # pragma: no cover - Windows cannot open directories
        return
    try:
        handle = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems do not flush directories; the rename itself is done
    finally:
        os.close(handle)


def _sweep(target: Path) -> None:
    """Remove temporary files a killed writer of ``target`` left behind.

    Temporary names carry the writer's process id; a file whose process is gone
    cannot be finished by anyone, so the next writer of the same target removes it.
    The whole name must match, so the temporary file of another target whose name
    starts the same way (``a`` and ``a.1``) is never taken for one of ours.
    """
    stem = re.escape(temporary_stem(target.name))
    pattern = re.compile(rf"\.{stem}\.([0-9]+)\.[A-Za-z0-9_]+\.tmp")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        match = pattern.fullmatch(name)
        if match is not None and not alive(int(match[1])):
            with contextlib.suppress(OSError):
                os.unlink(target.parent / name)


def dump_jsonl(cases: Iterable[Case], path: PathLike) -> int:
    """Write ``cases`` to ``path`` as JSON Lines, atomically; return how many were written."""
    from partycases.formats.json import dumps_compact
    from partycases.models import Case

    if isinstance(cases, Case):
        raise WriteError(f"{os.fspath(path)}: cannot write: expected cases, not one (use dump)")
    count = 0
    with atomic_writer(path) as stream:
        for case in cases:
            try:
                stream.write(dumps_compact(case))  # which checks the case
            except WriteError as error:
                raise WriteError(f"{os.fspath(path)}, item {count + 1}: {error}") from None
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
    skipped: int = 0
    """Files a folder walk passed over, not counted in :attr:`total`: files of a known format
    that folders are not read for (a ``README.md``; published texts unless ``format="text"``)."""

    @property
    def total(self) -> int:
        """Every item seen: ``ok + failed``."""
        return self.ok + self.failed


Source = PathLike | BinaryIO | TextIO


@attrs.frozen
class _Skipped:
    """A file a folder walk found and passed over (see :attr:`Summary.skipped`)."""

    path: str


@attrs.frozen
class _Located:
    """An item of a corpus and where it came from."""

    item: Case | LoadError
    source: str
    line: int | None = None


class CaseStream(Iterator["Case | LoadError"]):
    """The items of a corpus, one at a time, with a running :class:`Summary`.

    After each item, :attr:`source` names the file or stream it came from and
    :attr:`line` its line in a JSON Lines document.
    """

    def __init__(self, items: Iterator[Case | LoadError]) -> None:
        self._items = items
        self.summary = Summary()
        self.source: str | None = None
        """The file (or stream name) the last item came from."""
        self.line: int | None = None
        """The line of the last item in a JSON Lines document, else ``None``."""

    def __iter__(self) -> CaseStream:
        return self

    def __next__(self) -> Case | LoadError:
        raw: object = next(self._items)
        while isinstance(raw, _Skipped):
            self.summary.skipped += 1
            raw = next(self._items)
        if isinstance(raw, _Located):
            item, self.source, self.line = raw.item, raw.source, raw.line
        else:
            item = raw  # type: ignore[assignment]
            self.source = getattr(item, "path", None)
            self.line = None
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

    ``source`` is a path, a directory (searched recursively, following symbolic
    links once), a glob, a JSON Lines file, an open stream, or an iterable of
    these. A directory yields its files in the formats a corpus holds (JSON, JSON
    Lines, YAML, TOML); published texts only when ``format="text"`` is given, and
    write-only formats (a ``README.md``) never. A stream is read as ``format``, or
    sniffed from its first lines: JSON Lines one line at a time, any other
    format as one document; a published text is never guessed. Nothing is
    skipped silently: a file that cannot be read, a dangling symbolic link, an
    unreadable folder, a glob that matches nothing and each bad line are yielded
    as a :class:`~partycases.LoadError` naming the file (and line). Each source
    reads a file once, however often it reaches it (``**`` matches a folder and
    the files in it; two links may lead to one file); sources are read one
    after the other, each as it comes, so a file two sources name is read twice.
    """
    return CaseStream(_items(source, format, max_bytes))  # type: ignore[arg-type]


def _is_stream(value: object) -> bool:
    return hasattr(value, "read") and not isinstance(value, (str, os.PathLike))


def _items(source: object, format: str | None, max_bytes: int) -> Iterator[_Located | _Skipped]:
    if _is_stream(source):
        name = str(getattr(source, "name", "<stream>"))
        yield from _stream_items(source, name, format, max_bytes)  # type: ignore[arg-type]
        return
    if isinstance(source, (str, os.PathLike)):
        yield from _path_items(os.fspath(source), format, max_bytes)
        return
    if isinstance(source, (bytes, bytearray, memoryview)):
        raise TypeError(
            "iter_cases reads paths, folders, globs and streams, not a document held in memory: "
            "use partycases.loads, or wrap the bytes in io.BytesIO"
        )
    try:
        sources = iter(source)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(
            "expected a path, a folder, a glob, a stream or a list of them, "
            f"not {type(source).__name__}"
        ) from None
    for item in sources:
        yield from _items(item, format, max_bytes)


def _failed(name: str, message: str, line: int | None = None) -> _Located:
    return _Located(LoadError([Problem(message, line=line)], name), name, line)


#: The problem for a stream whose format cannot be told from its content.
UNKNOWN_CONTENT = (
    "cannot tell the format from the content; expected JSON, JSON Lines, YAML or TOML "
    "(a published text is read only when its format is named)"
)


def _significant(line: bytes | str) -> bool:
    """Whether ``line`` counts for sniffing (not blank, not a comment), as sniffing decides."""
    raw = line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line
    return bool(significant_lines(raw, 1))


def _sniffed_head(stream: BinaryIO | TextIO, max_bytes: int) -> bytes | str:
    """Whole lines from ``stream`` until two significant ones are in (all sniffing needs).

    They are kept in one buffer, not line by line, so a stream of blank lines costs
    its own size and no more.
    """
    buffer: BytesIO | StringIO | None = None
    size = significant = 0
    while significant < 2 and size <= max_bytes:
        line = stream.readline(max_bytes + 1 - size)
        if not line:
            break
        if buffer is None:
            buffer = StringIO() if isinstance(line, str) else BytesIO()
        buffer.write(line)  # type: ignore[arg-type]
        size += len(line)
        significant += _significant(line)
    return b"" if buffer is None else buffer.getvalue()


_TOO_LARGE = "the input is larger than the limit of {} bytes"


class _StreamReadError(Exception):
    """The stream itself failed to give its next bytes or text (see :class:`_Reading`)."""


class _Reading:
    """A stream whose failures to read are told apart from everything else.

    An ``OSError`` or ``ValueError`` (a closed stream; text that does not decode
    in a text stream's encoding) raised by ``read`` or ``readline`` becomes
    :class:`_StreamReadError`; :attr:`lines` counts the whole lines given so far.
    """

    def __init__(self, stream: BinaryIO | TextIO) -> None:
        self._stream = stream
        self.lines = 0

    def read(self, size: int = -1) -> bytes | str:
        try:
            return self._stream.read(size)
        except (OSError, ValueError) as error:
            raise _StreamReadError(error) from error

    def readline(self, limit: int = -1) -> bytes | str:
        try:
            line = self._stream.readline(limit)
        except (OSError, ValueError) as error:
            raise _StreamReadError(error) from error
        self.lines += line[-1:] in ("\n", b"\n")
        return line


def _stream_items(
    stream: BinaryIO | TextIO, name: str, format: str | None, max_bytes: int
) -> Iterator[_Located]:
    """The items of an open stream; a failure of the stream itself ends them with an error."""
    reading = _Reading(stream)
    try:
        yield from _read_stream(reading, name, format, max_bytes)  # type: ignore[arg-type]
    except _StreamReadError as failed:
        error = failed.__cause__
        detail = str(error).splitlines()[0][:200] if str(error) else ""
        hint = (
            " (a stream opened in binary mode has each line that does not decode reported, "
            "and the rest read)"
            if isinstance(error, UnicodeDecodeError)
            else ""
        )
        # A text stream decodes ahead of the lines it gives: what failed may lie further on.
        message = (
            f"cannot read the stream from line {reading.lines + 1} on: "
            f"{type(error).__name__}: {detail}; nothing from there was read{hint}"
        )
        yield _failed(name, message, reading.lines + 1)


def _read_stream(
    stream: BinaryIO | TextIO, name: str, format: str | None, max_bytes: int
) -> Iterator[_Located]:
    """The items of an open stream: JSON Lines lazily, any other format as one document."""
    head: bytes | str = b""
    if format is None:
        head = _sniffed_head(stream, max_bytes)
        raw = head.encode("utf-8", "surrogatepass") if isinstance(head, str) else head
        fmt = sniff(raw)
        if fmt is None and len(head) > max_bytes:
            # Past the limit with nothing a format opens with: read no further.
            yield _failed(name, f"{_TOO_LARGE.format(max_bytes)}; the rest was not read")
            return
        if fmt is None:
            problem = UNKNOWN_CONTENT if raw.strip() else "the input is empty; expected a case"
            yield _failed(name, problem)
            return
    else:
        try:
            fmt = get_format(format)
            fmt.loads  # noqa: B018 - a write-only format is refused before reading
        except FormatError as error:
            yield _failed(name, str(error))
            return
    if fmt.many:
        yield from _line_items(_Lines(stream, head), name, max_bytes)
        return
    rest = stream.read(max_bytes + 1 - len(head))
    document = head + rest if head else rest  # type: ignore[operator]
    if len(document) > max_bytes:
        yield _failed(name, f"{_TOO_LARGE.format(max_bytes)}; pass max_bytes= to raise it")
        return
    try:
        yield _Located(fmt.read_bytes(document), name)
    except LoadError as error:
        yield _Located(error.with_path(name), name)
    except FormatError as error:
        yield _failed(name, str(error))


class _Lines:
    """A stream's lines, after the ones sniffing already read, counted as they are read.

    Iterable (one line at a time) and readable with ``readline(limit)`` like the
    stream itself; :attr:`number` is the number of the line read last, which is
    the line of the item a JSON Lines reader has just yielded.
    """

    def __init__(self, stream: BinaryIO | TextIO, head: bytes | str = b"") -> None:
        self._stream = stream
        self._head: BytesIO | StringIO | None = None
        if head:
            self._head = StringIO(head) if isinstance(head, str) else BytesIO(head)
        self.number = 0

    def readline(self, limit: int = -1) -> bytes | str:
        """The next line, or empty at the end; ``limit`` bounds a line read from the stream."""
        line = self._head.readline() if self._head is not None else ""
        if not line:
            self._head = None
            line = self._stream.readline(limit)
        elif line[-1:] not in ("\n", b"\n"):
            # Sniffing stopped in the middle of this line: the rest of it is in the stream.
            self._head = None
            rest = self._stream.readline(limit - len(line) if limit >= 0 else -1)
            line = line + rest  # type: ignore[operator]
        if line:
            self.number += 1
        return line

    def __iter__(self) -> Iterator[bytes | str]:
        while line := self.readline():
            yield line


def _line_items(lines: _Lines, name: str, max_bytes: int) -> Iterator[_Located]:
    """Each JSON Lines item with its line number (blank lines are not items).

    A line longer than ``max_bytes`` ends the stream with one located error: its
    end cannot be found without reading all of it (``/dev/zero`` has none).
    """
    from partycases.formats.jsonl import iter_stream

    for item in iter_stream(lines, max_bytes):  # type: ignore[arg-type]
        if isinstance(item, LoadError):
            yield _Located(item.with_path(name), name, lines.number)
        else:
            yield _Located(item, name, lines.number)


def _walked(format: str | None) -> frozenset[str]:
    """The extensions a directory walk reads: the named format's, or every scanned format's."""
    if format is not None:
        return frozenset(get_format(format).extensions)
    return frozenset(ext for fmt in REGISTRY if fmt.read and fmt.scanned for ext in fmt.extensions)


#: In a walk, a file of a known format that folders are not read for.
_PASSED_OVER = "passed over"


def _walk(
    root: str, format: str | None, seen: set[tuple[int, int]] | None = None
) -> list[tuple[str, str | None]]:
    """Every file under ``root``: None to read it, else why it cannot be (or _PASSED_OVER).

    ``seen`` holds the folders (device, inode) entered already, by this walk or,
    when given, by earlier walks sharing it: none is entered twice.
    """
    wanted = _walked(format)
    known = frozenset(ext for fmt in REGISTRY for ext in fmt.extensions)
    found: list[tuple[str, str | None]] = []

    def unreadable(error: OSError) -> None:
        reason = error.strerror or type(error).__name__
        found.append((str(error.filename), f"cannot read the folder: {reason}"))

    seen = set() if seen is None else seen
    for folder, subfolders, files in os.walk(root, onerror=unreadable, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError:
            subfolders[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:  # a link back up: walked already
            subfolders[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        for file in files:
            extension = os.path.splitext(file)[1].lower()
            if extension not in wanted:
                if extension in known:
                    found.append((os.path.join(folder, file), _PASSED_OVER))
                continue
            path = os.path.join(folder, file)
            found.append((path, _not_readable(path)))
    found.sort(key=lambda entry: Path(entry[0]).parts)
    return found


def _not_readable(path: str) -> str | None:
    """Why a file met in a walk or by a pattern is not read (None: it is a regular file).

    A pipe or a device is named, not opened: opening a pipe waits for a writer.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return "dangling symbolic link: its target does not exist"
        return "cannot read the file: it no longer exists"
    except OSError as error:
        return f"cannot read the file: {error.strerror}"
    return None if stat.S_ISREG(mode) else "not a regular file"


def _identity(path: str) -> object:
    """What makes two paths one file: its device and inode (two links to one file are one).

    A dangling link is known by the link's own inode; a path that cannot be
    looked at, by its absolute form.
    """
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        try:
            info = os.lstat(path)
        except (OSError, ValueError):
            return os.path.abspath(path)
        return ("link", info.st_dev, info.st_ino)
    return (info.st_dev, info.st_ino)


def _path_items(name: str, format: str | None, max_bytes: int) -> Iterator[_Located | _Skipped]:
    if "\0" in name:
        yield _failed(name, f"cannot read the file: {NUL_IN_NAME}")
        return
    for path, problem in _entries(name, format):
        if problem is None:
            yield from _file_items(path, format, max_bytes)
        elif problem == _PASSED_OVER:
            yield _Skipped(path)
        else:
            yield _failed(path, problem)


def _entries(name: str, format: str | None) -> list[tuple[str, str | None]]:
    """The files a path, folder or glob names: None to read one, else why it is not read.

    Each file once, known by :func:`_identity` and looked at before any is read
    (a source that deletes what was read cannot make a new file pass for an old
    one): ``**`` matches a folder and the files in it, and two links may lead to
    one file. A file a folder walk passes over (:data:`_PASSED_OVER`) that the
    pattern also names is read, and not counted as passed over.
    """
    found: list[tuple[str, str | None, object]] = []
    seen: set[tuple[object, bool]] = set()
    for path, problem in _all_entries(name, format):
        key = _identity(path)
        if (key, problem == _PASSED_OVER) not in seen:
            seen.add((key, problem == _PASSED_OVER))
            found.append((path, problem, key))
    return [
        (path, problem)
        for path, problem, key in found
        if problem != _PASSED_OVER or (key, False) not in seen
    ]


def _all_entries(
    name: str, format: str | None, entered: set[tuple[int, int]] | None = None
) -> Iterator[tuple[str, str | None]]:
    """:func:`_entries` before files met twice are left out.

    The walks of one glob's folders share the folders they entered: ``**``
    matches a folder and every folder in it, and each is entered once.
    """
    if os.path.isdir(name):
        try:
            yield from _walk(name, format, entered)
        except FormatError as error:
            yield name, str(error)
        return
    if not os.path.lexists(name) and MAGIC & set(name):
        matches = expand(name)
        if not matches:
            yield name, "no file matches this pattern"
        shared: set[tuple[int, int]] = set()
        for match in matches:
            if os.path.isdir(match):
                yield from _all_entries(match, format, shared)
            else:
                yield match, _not_readable(match)
        return
    yield name, _missing(name)


def source_files(sources: Iterable[PathLike]) -> Iterator[tuple[str, str | None]]:
    """The files of a corpus as :func:`iter_cases` reads them, without reading them.

    The files under each of ``sources`` (a path, folder or glob), each file of
    one source once, in the same order: ``(path, None)`` to read, or
    ``(path, problem)`` for one that cannot be (a dangling link, a pipe, an
    unreadable folder, a glob that matches nothing). Files of formats a folder
    walk does not read are left out.
    """
    for source in sources:
        for path, problem in _entries(os.fspath(source), None):
            if problem != _PASSED_OVER:
                yield path, problem


def _file_items(name: str, format: str | None, max_bytes: int) -> Iterator[_Located]:
    try:
        fmt = _pick(name, format)
    except FormatError as error:
        yield _failed(name, str(error))
        return
    if fmt.many:
        try:
            stream = open(name, "rb")  # noqa: SIM115 - closed below, after the last line
        except OSError as error:
            yield _failed(name, f"cannot read the file: {error.strerror}")
            return
        with stream:
            yield from _line_items(_Lines(stream), name, max_bytes)
        return
    try:
        yield _Located(load(name, format=fmt.name, max_bytes=max_bytes), name)
    except LoadError as error:
        yield _Located(error, name)
    except FormatError as error:
        yield _failed(name, str(error))
