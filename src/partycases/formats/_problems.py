"""Turn what pydantic and the JSON decoder report into partycases problems."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Final, TypeVar

from partycases.errors import LoadError, PartycasesError, Problem

__all__ = ["as_document", "boundary", "json_syntax_problem", "unexpected", "utf8_text"]

_T = TypeVar("_T")


#: The most values a document may hold, counted before it is parsed: a case holds far fewer,
#: and each parsed value costs a hundred bytes and more, so a document of tiny values (a
#: flow list of zeros, empty lists in extension data) is refused before it takes gigabytes.
MAX_VALUES: Final = 1_000_000
#: What precedes every value but a document's first: separators, openers, line breaks.
_SEPARATORS: Final = (",", "[", "{", "\n", "-")


#: A JSON string, escapes included: what the budget's second count leaves out.
_JSON_STRING: Final = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_STRING_BYTES: Final = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _separators(data: bytes | str) -> int:
    if isinstance(data, bytes):
        return sum(data.count(separator.encode()) for separator in _SEPARATORS)
    return sum(data.count(separator) for separator in _SEPARATORS)


def _within_value_budget(data: bytes | str, what: str) -> None:
    """A :class:`LoadError` when ``data`` may hold more than :data:`MAX_VALUES` values.

    Separators inside text count too at first; a JSON document over the limit is
    counted again without its strings, so that a long text full of commas (which
    a case may hold, and ``dumps`` writes) is not taken for a dump of values.
    """
    if len(data) <= MAX_VALUES:
        return  # too short to hold that many
    count = _separators(data)
    if count > MAX_VALUES and what in ("JSON", "JSON Lines"):
        if isinstance(data, bytes):
            count = _separators(_JSON_STRING_BYTES.sub(b'""', data))
        else:
            count = _separators(_JSON_STRING.sub('""', data))
    if count > MAX_VALUES:
        message = (
            f"the {what} document may hold up to {count} values (separators counted before "
            f"parsing); the limit is {MAX_VALUES}: expected a case, not a dump of data"
        )
        raise LoadError([Problem(message)])


def as_document(data: object, what: str) -> bytes | str:
    """``data`` as a document of exactly ``bytes`` or ``str``.

    Bytes and text are taken as they are (a subclass is copied, so none of its
    methods run further on); a one-dimensional buffer of bytes (``bytearray``,
    ``memoryview``) is copied to ``bytes``. Anything else, a released or
    non-byte ``memoryview`` included, is a :class:`LoadError` that says what was
    expected.
    """
    kind = type(data)
    if kind is bytes or kind is str:
        return data  # type: ignore[return-value]
    if isinstance(data, str):
        return str.__str__(data)  # an exact copy, whatever the subclass overrides
    got = kind.__name__
    if isinstance(data, (bytes, bytearray, memoryview)):
        try:
            with memoryview(data) as view:
                if view.ndim == 1 and view.format in _BYTE_FORMATS:
                    return view.tobytes()
                got = f"a {view.ndim}-dimensional memoryview of {view.format!r} items"
        except ValueError:  # a released memoryview
            got = "a released memoryview"
    message = f"expected a {what} document as bytes or str, not {got}"
    raise LoadError([Problem(message)])


#: The struct formats of a buffer whose items are bytes.
_BYTE_FORMATS: Final = frozenset({"B", "b", "c"})


def boundary(what: str) -> Callable[[Callable[[bytes | str], _T]], Callable[[bytes | str], _T]]:
    """A loader's exception boundary: whatever escapes it unexpected becomes a :class:`LoadError`.

    The readers and models below a loader explain what they know; this catches
    what they do not (a parser's own bug, a recursion or memory limit, a value
    no check foresaw), so that one bad document never aborts a corpus run with a
    traceback. ``what`` names the format in the message.
    """

    def decorate(function: Callable[[bytes | str], _T]) -> Callable[[bytes | str], _T]:
        @functools.wraps(function)
        def guarded(data: bytes | str) -> _T:
            data = as_document(data, what)
            _within_value_budget(data, what)
            try:
                return function(data)
            except (PartycasesError, Warning):
                raise  # ours, or a warning the caller made an error
            except Exception as error:  # the boundary: anything else is reported
                message = unexpected(error, what)
            raise LoadError([Problem(message)])

        return guarded

    return decorate


def unexpected(error: BaseException, what: str) -> str:
    """What to say of an exception no check foresaw, reading a ``what`` document."""
    if isinstance(error, RecursionError):
        return f"the {what} document nests too deeply to read"
    if isinstance(error, MemoryError):
        return f"the {what} document is too large to hold in memory"
    detail = str(error).splitlines()[0][:200] if str(error) else ""
    return (
        f"cannot read this {what} document ({type(error).__name__}"
        + (f": {detail}" if detail else "")
        + f"); expected a {what} case"
    )


_AT_LINE = re.compile(r"(.*?) at line ([0-9]+) column ([0-9]+)$")


def utf8_text(data: bytes | str, what: str) -> str:
    """``data`` as text, or a :class:`LoadError` locating the first byte that is not UTF-8."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_column(data, error.start)
        raise LoadError(
            [
                Problem(
                    f"byte 0x{data[error.start]:02x} at offset {error.start} is not UTF-8; "
                    f"expected UTF-8 {what}",
                    line=line,
                    column=column,
                )
            ]
        ) from None


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def json_syntax_problem(data: bytes | str, detail: str) -> Problem:
    """Describe a JSON syntax error precisely: empty input, bad UTF-8, or where the JSON broke."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if not raw.strip():
        return Problem("the document is empty; expected a JSON object", line=1, column=1)
    if isinstance(data, bytes):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = _line_column(raw, error.start)
            return Problem(
                f"byte 0x{raw[error.start]:02x} at offset {error.start} is not UTF-8; "
                "expected UTF-8 encoded JSON",
                line=line,
                column=column,
            )
    match = _AT_LINE.match(detail)
    if match is None:
        return Problem(f"invalid JSON: {detail}")
    what, at_line, at_column = match.groups()
    return Problem(f"invalid JSON: {what}", line=int(at_line), column=int(at_column))
