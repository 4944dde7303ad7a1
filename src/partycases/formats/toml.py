"""TOML (extra ``[toml]``): read with tomllib (tomli before Python 3.11), write with tomli-w.

TOML has no null, so a case whose extensions hold a ``null`` cannot be written;
that is a clear :class:`~partycases.errors.FormatError`, not silent loss.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import attrs

from partycases.errors import FormatError, LoadError, MissingExtraError, Problem, json_pointer
from partycases.formats._locate import toml_positions
from partycases.formats._problems import boundary, utf8_text
from partycases.formats.json import to_data
from partycases.models import Case
from partycases.validate import validate_data

__all__ = ["MAX_KEY_PARTS", "dumps", "loads"]

#: More parts than this in a key and the header of its table together (``[a.b]`` then
#: ``c.d = 1`` makes four) is refused: the reader's time grows with the square of a key's
#: parts. YAML allows as many levels of nesting (``partycases.formats.yaml.MAX_DEPTH``).
MAX_KEY_PARTS = 64
_SEGMENT = r"""[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'"""
_DOT = r"[ \t]*\.[ \t]*"
_KEY = rf"(?:{_SEGMENT})(?:{_DOT}(?:{_SEGMENT}))*"
#: What may hold a key, or text looking like one without being one. A bracket at a line's
#: start opens a table's header outside an array (``open``); a key is a run of segments
#: before ``=``; strings and comments are consumed whole, so that nothing in them counts;
#: other brackets (``bracket``) tell how deep in arrays the scan is. Every string matches
#: to its end, or to the end of its line (of the text, for a multi-line one) when it has
#: none, so that no quote is tried again from inside one and the scan stays linear; a
#: multi-line one may end in up to two quotes of its own. A key starts at no word
#: character's right, so that a long word is tried once, not from each of its letters.
_KEY_RUNS = re.compile(
    r"(?P<open>^[ \t]*\[\[?)"
    rf"|(?P<key>(?<![A-Za-z0-9_-]){_KEY})(?=[ \t]*=)"
    r'|"""(?:[^\\]|\\.|\\\Z)*?(?:"{3,5}|\Z)'
    r"|'''.*?(?:'{3,5}|\Z)"
    r'|"(?:[^"\\\n]|\\.|\\\Z)*(?:"|$)'
    r"|'[^'\n]*(?:'|$)"
    r"|#[^\n]*"
    r"|(?P<bracket>[\[\]])",
    re.DOTALL | re.MULTILINE,
)
#: A header's key, after its opening bracket.
_HEADER = re.compile(rf"[ \t]*(?P<key>{_KEY})")
_SEGMENTS = re.compile(_SEGMENT)

_LONG_NUMBER = re.compile(r"[0-9_]{4300,}")
_AT = re.compile(r"\(at line (?P<line>[0-9]+), column (?P<column>[0-9]+)\)")
#: A time with a digit past the microseconds that is not 0: a TOML reader cuts it.
_FINER_THAN_MICROSECONDS = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}0*[1-9][0-9]*"
)


def _reader() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    try:
        import tomli  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise MissingExtraError("toml", "tomli") from None
    return tomli


def _writer() -> Any:
    try:
        import tomli_w
    except ImportError:
        raise MissingExtraError("toml", "tomli-w") from None
    return tomli_w


@boundary("TOML")
def loads(data: bytes | str) -> Case:
    """Validate a TOML document as a case; syntax errors carry line:column."""
    reader = _reader()
    text = utf8_text(data, "TOML")
    _check_key_parts(text)
    try:
        value = reader.loads(text)
    except reader.TOMLDecodeError as error:
        message = str(error)
        at = _AT.search(message)
        line, column = (int(at["line"]), int(at["column"])) if at else (None, None)
        text_only = _AT.sub("", message).strip()
        raise LoadError([Problem(f"invalid TOML: {text_only}", line=line, column=column)]) from None
    except RecursionError:
        raise LoadError([Problem("invalid TOML: nesting too deep")]) from None
    except ValueError:
        # The reader's own conversion failed: Python reads at most 4,300 decimal digits.
        long_number = _LONG_NUMBER.search(text)
        if long_number is None:
            raise
        message = "invalid TOML: a number of more than 4,300 digits; expected a smaller one or text"
        raise LoadError([_problem_at(text, long_number.start(), message)]) from None

    cut = _cut_time(reader, text, value)

    def locate(problems: list[Problem]) -> list[Problem]:
        # One pass over the lines for every problem, each placed at its own key.
        found = toml_positions(text, {p.pointer for p in problems if p.line is None})
        return [
            attrs.evolve(problem, line=where[0], column=where[1])
            if problem.line is None and (where := found.get(problem.pointer))
            else problem
            for problem in problems
        ]

    try:
        case = validate_data(value, locate)
    except LoadError as error:
        if cut is None:
            raise
        raise LoadError([*error.problems, cut]) from None
    if cut is not None:
        raise LoadError([cut])
    return case


def _check_key_parts(text: str) -> None:
    """Refuse a key of more than :data:`MAX_KEY_PARTS` parts with its table's, before reading.

    One linear scan, only of a document with about that many dots in all: most have
    far fewer. A key inside an inline table counts its table's parts too, which is more
    than the reader's work there: the bound errs on the side of refusing.
    """
    if text.count(".") < MAX_KEY_PARTS - 1:
        return
    table = depth = position = 0  # the last header's parts; how deep in arrays
    while (match := _KEY_RUNS.search(text, position)) is not None:
        position = match.end()
        key, is_header = match["key"], False
        if match["open"] is not None and depth == 0:  # a table's header
            header = _HEADER.match(text, position)
            if header is None:
                continue
            position, table, key, is_header = header.end(), 0, header["key"], True
        elif match["open"] is not None or match["bracket"] == "[":
            depth += match.group().count("[")
            continue
        elif match["bracket"] == "]":
            depth = max(0, depth - 1)
            continue
        elif key is None:  # a string or a comment
            continue
        # A dot inside a quoted part counts too: the parts are counted only past the bound.
        parts = table + key.count(".") + 1
        if parts > MAX_KEY_PARTS:
            parts = table + len(_SEGMENTS.findall(key))
        if parts > MAX_KEY_PARTS:
            message = (
                f"invalid TOML: a key of {parts} parts with its table's nests too deeply; "
                f"expected at most {MAX_KEY_PARTS}"
            )
            raise LoadError([_problem_at(text, match.start(), message)])
        if is_header:  # its keys count its parts, each quoted one once
            table = len(_SEGMENTS.findall(key))


def _cut_time(reader: Any, text: str, value: dict[str, Any]) -> Problem | None:
    """A date-time literal of ``text`` finer than microseconds, which the reader cut; or None.

    Text looking like one may also sit in a string, a comment or a key: the
    document is read once more with a ``_`` after each such time's sixth digit,
    which breaks a literal only. Nothing is read again without such text.
    """
    pieces, position = [], 0
    for fine in _FINER_THAN_MICROSECONDS.finditer(text):
        seventh = text.index(".", fine.start()) + 7
        pieces += [text[position:seventh], "_"]
        position = seventh
    if not pieces:
        return None
    try:
        reader.loads("".join(pieces) + text[position:])
    except reader.TOMLDecodeError as error:
        at = _AT.search(str(error))
        where = (int(at["line"]), int(at["column"])) if at else (0, 0)
    else:
        return None
    # Placed at the key of the last date-time value before where the reading stopped.
    keys = toml_positions(text, map(json_pointer, _times(value, ())))
    before = [(place, pointer) for pointer, place in keys.items() if place <= where]
    (line, column), pointer = max(before) if before else (where, "")
    return Problem(
        "a time finer than microseconds, which cannot be kept; "
        "expected at most six digits after the seconds",
        pointer=pointer,
        line=line,
        column=column,
    )


def _times(value: Any, location: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
    """The locations of the date-time values in ``value``."""
    if isinstance(value, datetime):
        yield location
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _times(item, (*location, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _times(item, (*location, index))


def _problem_at(text: str, start: int, message: str) -> Problem:
    """``message`` at the line and column of offset ``start`` of ``text``."""
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Problem(message, line=line, column=column)


def _has_null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_has_null(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_null(item) for item in value)
    return False


def dumps(case: Case) -> bytes:
    """Canonical TOML of ``case`` (keys in model order)."""
    data = to_data(case)
    if _has_null(data):
        raise FormatError(
            "TOML has no null; this case's extensions hold one, so write JSON or YAML"
        )
    text: str = _writer().dumps(data)
    return text.encode("utf-8")
