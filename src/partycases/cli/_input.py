"""Where the command's cases come from: files, folders, globs and ``-``, all read through io."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

import click

from partycases.cli._formats import READABLE
from partycases.cli._output import fail, report, shown_path

if TYPE_CHECKING:
    from partycases.errors import LoadError
    from partycases.formats import Format
    from partycases.io import CaseStream
    from partycases.models import Case

__all__ = [
    "STDIN",
    "Inputs",
    "Item",
    "input_format",
    "load_one",
    "read_stdin",
    "report_warnings",
]

STDIN = "-"
#: How standard input is named in messages and reports.
STDIN_NAME = "<stdin>"
Item = tuple["Case | LoadError", str, "int | None"]
_F = TypeVar("_F", bound=Callable[..., Any])


def input_option(help: str) -> Callable[[_F], _F]:
    """The ``--from FORMAT`` option: only formats a case can be read from are offered."""
    return click.option(
        "--from",
        "fmt",
        type=READABLE,
        help=help,
    )


def input_format(name: str, fmt: str | None) -> Format:
    """The format to read ``name`` in: ``--from``, else its extension; exit 1 if neither."""
    from partycases.errors import FormatError
    from partycases.formats import format_for_path, get_format, readable

    if fmt is not None:
        return get_format(fmt)
    try:
        return format_for_path(name)
    except FormatError as error:
        fail(f"{error}; or pass --from FORMAT ({', '.join(readable())})")


def _take_stdin() -> BinaryIO:
    """Standard input's bytes, taken for this run; exit 1 if it was closed (``<&-``)."""
    # Standard input can be read once per run; a second "-" would silently see nothing.
    meta = click.get_current_context().meta
    if meta.get("partycases.stdin"):
        raise click.UsageError("- (standard input) can be given only once")
    meta["partycases.stdin"] = True
    if sys.stdin is None:
        fail(f"{STDIN_NAME}: standard input is closed; there is nothing to read")
    return sys.stdin.buffer


def read_stdin(max_bytes: int | None = None) -> bytes:
    """All of standard input, up to ``max_bytes`` (default: io's limit; exit 1 beyond it)."""
    from partycases.errors import LoadError
    from partycases.io import DEFAULT_MAX_BYTES, read_limited

    stdin = _take_stdin()
    try:
        return read_limited(
            stdin, DEFAULT_MAX_BYTES if max_bytes is None else max_bytes, STDIN_NAME
        )
    except LoadError as error:
        fail(str(error))


def report_warnings(caught: list[warnings.WarningMessage], where: str) -> None:
    """Each partycases warning as ``partycases: WHERE: warning: …``; others as Python shows them."""
    from partycases.errors import PartycasesWarning

    for warning in caught:
        if issubclass(warning.category, PartycasesWarning):
            report(f"{where}: warning: {warning.message}")
        else:
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )


def _warned(stream: CaseStream) -> Iterator[Case | LoadError]:
    """The items of ``stream``; the warnings reading each gave, reported with its file and line.

    Every warning is reported, however often the same one comes: each is about its own file.
    """
    from partycases.errors import PartycasesWarning

    while True:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PartycasesWarning)
            item = next(stream, None)
        if caught:
            where = shown_path(stream.source or STDIN_NAME)
            report_warnings(caught, where if stream.line is None else f"{where}:{stream.line}")
        if item is None:
            return
        yield item


class Inputs:
    """The cases and errors in the command's PATHS, each with the file and line it came from.

    After iterating, :attr:`skipped` counts files folder walks passed over.
    """

    def __init__(self, paths: tuple[str, ...], fmt: str | None) -> None:
        self.paths = paths
        self.fmt = fmt
        self.skipped = 0

    def __iter__(self) -> Iterator[Item]:
        """Each case or error, with the file (or ``<stdin>``) and line it came from."""
        from partycases.errors import FormatError, LoadError, Problem
        from partycases.formats import format_for_path, readable
        from partycases.io import UNKNOWN_CONTENT, iter_cases

        if self.paths.count(STDIN) > 1:
            raise click.UsageError("- (standard input) can be given only once")
        for path in self.paths:
            if path == STDIN:
                stream = iter_cases(_take_stdin(), format=self.fmt)
                for item in _warned(stream):
                    if isinstance(item, LoadError) and item.problems[0].message == UNKNOWN_CONTENT:
                        hint = f"{UNKNOWN_CONTENT}; pass --from FORMAT (text for a published text)"
                        item = LoadError([Problem(hint)], STDIN_NAME)  # noqa: PLW2901 - in its place
                    yield item, STDIN_NAME, stream.line
                continue
            # A glob, a folder or a missing file is left to iter_cases: one that does not
            # exist is reported as missing, not as a name of an unknown format.
            if self.fmt is None and os.path.exists(path) and not os.path.isdir(path):
                try:
                    format_for_path(path)
                except FormatError as error:
                    message = f"{error}; or pass --from FORMAT ({', '.join(readable())})"
                    yield LoadError([Problem(message)], path), path, None
                    continue
            stream = iter_cases(path, format=self.fmt)
            for item in _warned(stream):
                yield item, stream.source or path, stream.line
            self.skipped += stream.summary.skipped

    def note(self) -> str:
        """What the summary line adds about skipped files, or ``""``."""
        if not self.skipped:
            return ""
        files = "file" if self.skipped == 1 else "files"
        return (
            f" ({self.skipped} {files} of other formats in folders not read; "
            "pass --from FORMAT to read that format, --from text for published texts)"
        )


def load_one(name: str, fmt: str | None) -> Case:
    """The one case in file ``name`` (or ``-``); exit 1 with every problem if it is not valid."""
    from partycases.errors import LoadError, PartycasesError, PartycasesWarning

    if name == STDIN:
        found = iter(Inputs((STDIN,), fmt))
        first = next(found, None)
        if first is None:
            fail(f"{STDIN_NAME}: no case on the input")
        if next(found, None) is not None:
            fail(f"{STDIN_NAME}: holds more than one case; use validate or export for a corpus")
        case = first[0]
        if isinstance(case, LoadError):
            raise case
        return case
    from partycases.io import load

    if os.path.isdir(name):
        fail(f"{shown_path(name)}: is a folder; expected one case file (validate reads folders)")
    # A missing file is reported as missing (by load), before its format is guessed.
    chosen = input_format(name, fmt).name if fmt is not None or os.path.exists(name) else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PartycasesWarning)
        try:
            case = load(name, format=chosen)
        except LoadError as error:
            raise error.with_path(shown_path(name)) from None
        except PartycasesError as error:
            fail(f"{shown_path(name)}: {error}")
    report_warnings(caught, shown_path(name))
    return case
