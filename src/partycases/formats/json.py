r"""JSON: the canonical form of a case.

Canonical output, the same bytes on every machine:

* UTF-8, characters as themselves (no ``\u`` escapes);
* ``schema_version`` first, then the other keys in the order the models
  declare their fields;
* a field equal to its default (``null``, an empty list, the default kind) is
  omitted, so a case's file holds only what it states;
* two-space indentation, ``\n`` line ends and one trailing newline.
"""

from __future__ import annotations

from typing import Any

import attrs
import orjson
from pydantic import ValidationError

from partycases._json import PRETTY
from partycases.errors import LoadError, Problem
from partycases.formats._locate import locate
from partycases.formats._problems import from_validation_error
from partycases.migrate import LEGACY_ORG_PREFIX, migrate, needs_migration
from partycases.models import SCHEMA_VERSION, Case
from partycases.models._base import TEXT_FAST_PATTERN
from partycases.models._problems import problems_from

__all__ = ["dumps", "dumps_compact", "loads", "to_data", "with_positions"]

_BOM = b"\xef\xbb\xbf"
_LEGACY_ORG = LEGACY_ORG_PREFIX.encode()


def loads(data: bytes | str) -> Case:
    """Validate a JSON document as a case; a :class:`LoadError` lists every problem."""
    if isinstance(data, bytes) and data.startswith(_BOM):
        data = data[len(_BOM) :]
    elif isinstance(data, str) and data.startswith("\ufeff"):
        data = data[1:]
    if (_LEGACY_ORG in data) if isinstance(data, bytes) else (LEGACY_ORG_PREFIX in data):
        return _slow(data)  # ids an earlier release made from credit codes: repaired on raw data
    try:
        return Case.model_validate_json(data)
    except ValidationError as error:
        if _needs_slow_path(error):
            return _slow(data)
        raise LoadError(with_positions(from_validation_error(error, data), data)) from None


def _needs_slow_path(error: ValidationError) -> bool:
    """Another schema version, or text the fast path cannot vouch for (not NFC, odd characters)."""
    for detail in error.errors(include_url=False):
        if detail["loc"] == ("schema_version",):
            return True
        ctx = detail.get("ctx") or {}
        if detail["type"] == "string_pattern_mismatch" and ctx.get("pattern") == TEXT_FAST_PATTERN:
            return True
    return False


def _slow(data: bytes | str) -> Case:
    """The slow path: raw data, migrated if old, validated in Python (which normalises text)."""
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise LoadError([Problem(f"invalid JSON: {error}")]) from None
    try:
        return Case.model_validate(migrate(raw) if needs_migration(raw) else raw)
    except ValidationError as error:
        raise LoadError(with_positions(problems_from(error), data)) from None


def with_positions(problems: list[Problem], data: bytes | str) -> list[Problem]:
    """Give each content problem the line and column of its value in ``data``."""
    located = []
    for problem in problems:
        where = None if problem.line is not None else locate(data, problem.pointer)
        if where is None:
            located.append(problem)
        else:
            located.append(attrs.evolve(problem, line=where[0], column=where[1]))
    return located


_HEADER = b'{\n  "schema_version": "' + SCHEMA_VERSION.encode() + b'",'
_COMPACT_HEADER = b'{"schema_version":"' + SCHEMA_VERSION.encode() + b'",'


def dumps(case: Case) -> bytes:
    """Return the canonical JSON bytes of ``case``."""
    if not case.extensions:
        # pydantic's indenting encoder is the slow part of its JSON output; its
        # Python-mode dump plus one orjson pass gives the same bytes sooner.
        # (Extension data may hold what the two encoders write differently, such
        # as NaN or integers past 64 bits; those cases take pydantic's encoder.)
        try:
            return orjson.dumps(to_data(case), option=PRETTY)
        except orjson.JSONEncodeError:
            pass  # e.g. a lone surrogate in ``text``: pydantic's encoder explains it
    # schema_version always equals its default, so exclude_defaults drops it;
    # it is spliced back in front. ``id`` has no default, so the body is never
    # empty and always starts with "{\n".
    body = case.model_dump_json(exclude_defaults=True, indent=2)
    return b"".join((_HEADER, body[1:].encode(), b"\n"))


def dumps_compact(case: Case) -> bytes:
    """Return ``case`` as one canonical line of JSON, newline-terminated (for JSON Lines)."""
    body = case.model_dump_json(exclude_defaults=True)
    return b"".join((_COMPACT_HEADER, body[1:].encode(), b"\n"))


def to_data(case: Case) -> dict[str, Any]:
    """The canonical JSON data of ``case`` as Python values, ``schema_version`` first."""
    body = case.model_dump(mode="json", exclude_defaults=True)
    return {"schema_version": SCHEMA_VERSION, **body}
