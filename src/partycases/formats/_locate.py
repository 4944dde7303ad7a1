"""Where JSON pointers' values sit in a document, as line and column, in one pass.

Used only on the error path, to give content errors the ``line:column`` that
syntax errors already have. However many problems a document has, it is
scanned once: every pointer asked for is looked up in what that one scan saw.
The scanners give up quietly on anything they do not understand; a pointer
whose place is not found falls back to its nearest ancestor that was, or to no
position at all.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import re
from collections.abc import Iterable
from typing import Any

__all__ = [
    "duplicate_key",
    "line_columns",
    "locate",
    "pointer_tokens",
    "positions",
    "toml_positions",
]

Path = tuple[str, ...]

_WHITESPACE = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"-?[0-9][0-9.eE+-]*|true|false|null")


def pointer_tokens(pointer: str) -> Path:
    """The reference tokens of an RFC 6901 JSON pointer, unescaped (``~1`` is ``/``)."""
    if not pointer:
        return ()
    return tuple(part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:])


class _StopError(Exception):
    """The scan met something it does not read, or found everything it was asked for."""


def _decode_key(raw: str) -> str:
    if "\\" not in raw:
        return raw[1:-1]
    value: str = json.loads(raw)
    return value


class _Scanner:
    """One pass over a JSON text, noting the offset of every wanted path.

    A field's offset is its key's (the key names the problem, known field or
    not); an item's is its value's. Iterative, so deep nesting cannot exhaust
    the stack.
    """

    def __init__(self, text: str, wanted: set[Path]) -> None:
        self.text = text
        self.wanted = wanted
        self.found: dict[Path, int] = {}

    def _note(self, path: Path, offset: int) -> None:
        if path in self.wanted and path not in self.found:
            self.found[path] = offset
            if len(self.found) == len(self.wanted):
                raise _StopError

    def _skip(self, position: int) -> int:
        match = _WHITESPACE.match(self.text, position)
        return match.end() if match else position

    def scan(self) -> None:
        """Walk the whole document (or until every wanted path is found)."""
        text = self.text
        # Each open container: [path, is_object, next index].
        stack: list[list[object]] = []
        position = self._skip(0)
        self._note((), position)
        path: Path | None = ()
        while True:
            position = self._skip(position)
            if position >= len(text):
                raise _StopError
            char = text[position]
            if char in "{[":
                stack.append([path, char == "{", 0])
                position = self._skip(position + 1)
                if text.startswith("}" if char == "{" else "]", position):
                    stack.pop()
                    position += 1
                else:
                    path = self._enter(stack[-1], position)
                    position = self._after_key(stack[-1], position)
                    continue
            else:
                match = (
                    _STRING.match(text, position) if char == '"' else _SCALAR.match(text, position)
                )
                if match is None:
                    raise _StopError
                position = match.end()
            # A value ended: move to the next sibling, or close containers.
            while True:
                if not stack:
                    return
                position = self._skip(position)
                frame = stack[-1]
                if text.startswith(",", position):
                    frame[2] = int(frame[2]) + 1  # type: ignore[call-overload]
                    position = self._skip(position + 1)
                    path = self._enter(frame, position)
                    position = self._after_key(frame, position)
                    break
                if text.startswith("}" if frame[1] else "]", position):
                    stack.pop()
                    position += 1
                    continue
                raise _StopError

    def _enter(self, frame: list[object], position: int) -> Path | None:
        # Paths are built only along the way to a wanted one; elsewhere the scan only
        # matches brackets, so deep nesting costs no more than its length.
        parent: Path | None = frame[0]  # type: ignore[assignment]
        if frame[1]:
            key = _STRING.match(self.text, position)
            if key is None:
                raise _StopError
            if parent is None:
                return None
            path = (*parent, _decode_key(key.group()))
            offset = key.start()
        else:
            if parent is None:
                return None
            path = (*parent, str(frame[2]))
            offset = position
        if path not in self.wanted:
            return None
        self._note(path, offset)
        return path

    def _after_key(self, frame: list[object], position: int) -> int:
        if not frame[1]:
            return position
        key = _STRING.match(self.text, position)
        assert key is not None  # checked by _enter
        position = self._skip(key.end())
        if not self.text.startswith(":", position):
            raise _StopError
        return position + 1


def positions(data: bytes | str, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Map each pointer found in the JSON ``data`` to its 1-based ``(line, column)``."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        return {}
    text = text.removeprefix("\ufeff")
    wanted = {pointer: pointer_tokens(pointer) for pointer in pointers}
    if not wanted:
        return {}
    # Ancestors too: a pointer whose own place is missing falls back to the nearest one found.
    paths = {tokens[:length] for tokens in wanted.values() for length in range(len(tokens) + 1)}
    scanner = _Scanner(text, paths)
    with contextlib.suppress(_StopError, ValueError):
        scanner.scan()
    return _resolve(text, wanted, scanner.found)


def _resolve(
    text: str, wanted: dict[str, Path], found: dict[Path, int]
) -> dict[str, tuple[int, int]]:
    offsets: dict[str, int] = {}
    for pointer, tokens in wanted.items():
        for length in range(len(tokens), -1, -1):
            if tokens[:length] in found:
                offsets[pointer] = found[tokens[:length]]
                break
    return line_columns(text, offsets)


def line_columns(text: str, offsets: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Turn character offsets into 1-based ``(line, column)``, with one pass over ``text``."""
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))
    result = {}
    for key, offset in offsets.items():
        line = bisect.bisect_right(starts, offset)
        result[key] = (line, offset - starts[line - 1] + 1)
    return result


def locate(data: bytes | str, pointer: str) -> tuple[int, int] | None:
    """Return the 1-based ``(line, column)`` of ``pointer`` in JSON ``data``, or ``None``."""
    return positions(data, [pointer]).get(pointer)


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.DOTALL)


def duplicate_key(text: str) -> tuple[str, int, int] | None:
    """The first key an object of the JSON ``text`` holds twice: its pointer, line and column.

    One pass over the tokens, keeping each open object's keys; ``None`` when
    there is none (or the text is not JSON this scan can follow).
    """
    # Each open container: its keys seen (None for an array), its current item's index and
    # the current item's pointer token. The pointer is joined only when a key repeats, so
    # the scan costs the same at any depth: one step per token.
    stack: list[list[Any]] = []
    expecting_key = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "{[":
            is_object = token == "{"
            stack.append([set() if is_object else None, 0, None if is_object else "0"])
            expecting_key = is_object
        elif token in "}]":
            if stack:
                stack.pop()
            expecting_key = False
        elif token == ",":
            if not stack:
                return None
            top = stack[-1]
            top[1] += 1
            expecting_key = top[0] is not None
            if top[0] is None:
                top[2] = str(top[1])
        elif token == ":":
            expecting_key = False
        elif expecting_key and token.startswith('"') and stack:
            top = stack[-1]
            try:
                key = _decode_key(token)
            except ValueError:
                return None
            top[2] = key
            if key in top[0]:
                where = line_columns(text, {"": match.start()})[""]
                return "".join(
                    "/" + str(item).replace("~", "~0").replace("/", "~1") for _, _, item in stack
                ), *where
            top[0].add(key)
    return None


# ------------------------------------------------------------------ TOML

_BARE = r"[A-Za-z0-9_-]+"
_BASIC = r'"(?:[^"\\\n]|\\.)*"'
_LITERAL = r"'[^'\n]*'"
_KEY_PART = rf"(?:{_BARE}|{_BASIC}|{_LITERAL})"
_DOTTED = rf"{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*"
_KEY_LINE = re.compile(rf"[ \t]*(?P<key>{_DOTTED})[ \t]*=[ \t]*(?P<rest>.*)")
_HEADER = re.compile(rf"[ \t]*(?P<open>\[\[?)[ \t]*(?P<key>{_DOTTED})[ \t]*\]\]?")
_PARTS = re.compile(_KEY_PART)


def _toml_parts(dotted: str) -> list[str]:
    parts = []
    for match in _PARTS.finditer(dotted):
        part = match.group()
        if part.startswith('"'):
            try:
                part = json.loads(part)
            except ValueError:
                part = part[1:-1]
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(part)
    return parts


def toml_positions(text: str, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Map each pointer to the ``(line, column)`` of the TOML key or table header that holds it.

    One pass over the lines: table headers (``[a.b]``, ``[[a]]`` with their item
    index), dotted keys, and multi-line strings skipped. A value inside an inline
    table or array is placed at the key that holds it.
    """
    wanted = {pointer: pointer_tokens(pointer) for pointer in pointers}
    if not wanted:
        return {}
    paths = {tokens[:length] for tokens in wanted.values() for length in range(len(tokens) + 1)}
    found: dict[Path, int] = {}
    arrays: dict[Path, int] = {}
    table: Path = ()
    offset = 0
    closing: str | None = None  # the delimiter of a multi-line string being skipped
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        if closing is not None:
            if closing in line:
                closing = None
            continue
        header = _HEADER.match(line)
        if header is not None:
            parts = _toml_parts(header["key"])
            table = _resolve_table(parts[:-1], arrays)
            table = (*table, parts[-1])
            if header["open"] == "[[":
                arrays[table] = arrays.get(table, 0) + 1
                table = (*table, str(arrays[table] - 1))
            found.setdefault(table, start + header.start("key"))
            continue
        pair = _KEY_LINE.match(line)
        if pair is None:
            continue
        # Only the prefixes of wanted paths are kept: a long dotted key costs its length.
        path = table
        for part in _toml_parts(pair["key"]):
            path = (*path, part)
            if path not in paths:
                break
            found.setdefault(path, start + pair.start("key"))
        rest = pair["rest"]
        for delimiter in ('"""', "'''"):
            if rest.startswith(delimiter) and rest.count(delimiter) == 1:
                closing = delimiter
    return _resolve(text, wanted, found)


def _resolve_table(parts: list[str], arrays: dict[Path, int]) -> Path:
    path: Path = ()
    for part in parts:
        path = (*path, part)
        if path in arrays:
            path = (*path, str(arrays[path] - 1))
    return path
