"""Find where a JSON pointer's value sits in a JSON document, as line and column.

Used only on the error path, to give content errors the ``line:column`` that
syntax errors already have. A small scanner that tracks the current path; it
gives up quietly (returns ``None``) on anything it does not understand.
"""

from __future__ import annotations

import contextlib
import re

__all__ = ["locate"]

_WHITESPACE = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"-?[0-9][0-9.eE+-]*|true|false|null")


class _StopError(Exception):
    """The scan found its target, or met something it does not read."""


def _tokens(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]]


def _decode_key(raw: str) -> str:
    import json

    value: str = json.loads(raw)
    return value


class _Scanner:
    def __init__(self, text: str, target: list[str]) -> None:
        self.text = text
        self.target = target
        self.found: int | None = None

    def skip(self, position: int) -> int:
        match = _WHITESPACE.match(self.text, position)
        return match.end() if match else position

    def value(self, position: int, path: list[str]) -> int:
        position = self.skip(position)
        if path == self.target:
            self.found = position
            raise _StopError
        if position >= len(self.text):
            raise _StopError
        char = self.text[position]
        if char == "{":
            return self.object(position + 1, path)
        if char == "[":
            return self.array(position + 1, path)
        match = (
            _STRING.match(self.text, position)
            if char == '"'
            else _SCALAR.match(self.text, position)
        )
        if match is None:
            raise _StopError
        return match.end()

    def object(self, position: int, path: list[str]) -> int:
        position = self.skip(position)
        if self.text.startswith("}", position):
            return position + 1
        while True:
            position = self.skip(position)
            key = _STRING.match(self.text, position)
            if key is None:
                raise _StopError
            name = _decode_key(key.group())
            position = self.skip(key.end())
            if not self.text.startswith(":", position):
                raise _StopError
            if [*path, name] == self.target:
                # Point at the field's key: it names the problem, known field or not.
                self.found = key.start()
                raise _StopError
            position = self.value(position + 1, [*path, name])
            position = self.skip(position)
            if self.text.startswith(",", position):
                position += 1
                continue
            if self.text.startswith("}", position):
                return position + 1
            raise _StopError

    def array(self, position: int, path: list[str]) -> int:
        position = self.skip(position)
        if self.text.startswith("]", position):
            return position + 1
        index = 0
        while True:
            position = self.value(position, [*path, str(index)])
            position = self.skip(position)
            if self.text.startswith(",", position):
                position += 1
                index += 1
                continue
            if self.text.startswith("]", position):
                return position + 1
            raise _StopError


def locate(data: bytes | str, pointer: str) -> tuple[int, int] | None:
    """Return the 1-based ``(line, column)`` of ``pointer`` in ``data``, or ``None``."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        return None
    text = text.removeprefix("\ufeff")
    scanner = _Scanner(text, _tokens(pointer))
    with contextlib.suppress(_StopError, ValueError, RecursionError):
        scanner.value(0, [])
    if scanner.found is None:
        return None
    line = text.count("\n", 0, scanner.found) + 1
    column = scanner.found - (text.rfind("\n", 0, scanner.found) + 1) + 1
    return line, column
