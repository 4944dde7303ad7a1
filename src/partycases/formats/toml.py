"""TOML (extra ``[toml]``): read with tomllib (tomli before Python 3.11), write with tomli-w.

TOML has no null, so a case whose extensions hold a ``null`` cannot be written;
that is a clear :class:`~partycases.errors.FormatError`, not silent loss.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import attrs

from partycases.errors import FormatError, LoadError, MissingExtraError, Problem
from partycases.formats._locate import toml_positions
from partycases.formats._problems import boundary, utf8_text
from partycases.formats.json import to_data
from partycases.models import Case
from partycases.validate import validate_data

__all__ = ["dumps", "loads"]

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

    for fine in _FINER_THAN_MICROSECONDS.finditer(text):
        if _in_text(value, fine.group()):
            continue
        # A date-time literal, not a string: the reader has already cut it to microseconds.
        message = (
            "a time finer than microseconds, which cannot be kept; "
            "expected at most six digits after the seconds"
        )
        raise LoadError([_problem_at(text, fine.start(), message)])

    def locate(problems: list[Problem]) -> list[Problem]:
        # One pass over the lines for every problem, each placed at its own key.
        found = toml_positions(text, {p.pointer for p in problems if p.line is None})
        return [
            attrs.evolve(problem, line=where[0], column=where[1])
            if problem.line is None and (where := found.get(problem.pointer))
            else problem
            for problem in problems
        ]

    return validate_data(value, locate)


def _problem_at(text: str, start: int, message: str) -> Problem:
    """``message`` at the line and column of offset ``start`` of ``text``."""
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Problem(message, line=line, column=column)


def _in_text(value: Any, part: str) -> bool:
    """Whether a string anywhere in ``value`` holds ``part``."""
    if isinstance(value, str):
        return part in value
    if isinstance(value, dict):
        return any(_in_text(item, part) for item in value.values())
    if isinstance(value, list):
        return any(_in_text(item, part) for item in value)
    return False


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
