"""The error and warning family of partycases.

Every failure the library reports is a :class:`PartycasesError`. Errors that
come from bad input also subclass :class:`ValueError`, so code written against
the builtins keeps working. This module is a leaf: it imports nothing else from
the package.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Final

import attrs

__all__ = [
    "FormatError",
    "LoadError",
    "MissingExtraError",
    "PartycasesError",
    "PartycasesWarning",
    "Problem",
    "WriteError",
    "printable",
]


#: Why a path holding NUL is refused, reading or writing: no file name can hold one.
NUL_IN_NAME: Final = "its name holds a NUL character, which no file name can"


class PartycasesError(Exception):
    """The root of every error raised by partycases."""


class PartycasesWarning(UserWarning):
    """Something was accepted but not fully understood (for example lossy parsing)."""


#: Characters a terminal or a line-based reader would act on: controls, line and paragraph
#: separators, direction marks. Shown escaped wherever an error prints input.
_UNPRINTABLE = "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069]"


@functools.cache
def _unprintable() -> re.Pattern[str]:
    return re.compile(_UNPRINTABLE)  # on first use, not at import


def printable(text: str) -> str:
    """``text`` with control, line-separator and direction characters shown as escapes.

    A key holding a newline or an escape sequence cannot forge output lines or
    steer a terminal when an error naming it is printed.
    """
    return _unprintable().sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _escape_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def json_pointer(location: Iterable[str | int]) -> str:
    """Return the RFC 6901 JSON pointer for a sequence of keys and indexes."""
    return "".join("/" + _escape_token(token) for token in location)


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where it is."""

    message: str
    """What is wrong and what was expected."""
    pointer: str = ""
    """RFC 6901 JSON pointer to the offending value; ``""`` is the whole document."""
    line: int | None = None
    """1-based line of the problem, when the input format knows it."""
    column: int | None = None
    """1-based column of the problem, when the input format knows it."""

    def where(self, path: str | None = None) -> str:
        """Return ``path:line:col: pointer`` with the parts that are known."""
        parts = [path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        head = printable(":".join(parts))
        return f"{head}: {printable(self.pointer) or '/'}"

    def format(self, path: str | None = None) -> str:
        """Return ``path:line:col: pointer: message``, control characters escaped."""
        return f"{self.where(path)}: {printable(self.message)}"


class LoadError(PartycasesError, ValueError):
    """An input could not be turned into a valid case.

    Carries every problem found, each with its location, and the file (or
    stream) it came from when known.
    """

    def __init__(self, problems: Iterable[Problem], path: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("a LoadError needs at least one problem")
        self.path = path
        super().__init__(self._message())

    def _message(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{printable(self.path or '<input>')}: {count} {noun}"]
        lines.extend("  " + problem.format(self.path) for problem in self.problems)
        return "\n".join(lines)

    def with_path(self, path: str) -> LoadError:
        """Return the same error naming ``path`` (the type is kept)."""
        clone = type(self).__new__(type(self))
        LoadError.__init__(clone, self.problems, path)
        return clone

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems, self.path))


class FormatError(PartycasesError, ValueError):
    """A format name or file extension that partycases does not know."""


class WriteError(PartycasesError, OSError):
    """A case could not be written; whatever was on disk before is unchanged."""


class MissingExtraError(PartycasesError, ImportError):
    """An optional dependency is not installed."""

    def __init__(self, extra: str, module: str) -> None:
        self.extra = extra
        super().__init__(
            f"this feature needs the optional dependency {module!r}; "
            f"install it with: pip install 'partycases[{extra}]'",
            name=module,
        )
