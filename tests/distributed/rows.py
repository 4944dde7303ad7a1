"""Comparing tables built by different engines, whatever the order of their rows."""

from __future__ import annotations

from typing import Any


def rows(table: Any) -> list[tuple[object, ...]]:
    """A ``pyarrow.Table``'s rows as sorted tuples (lists made tuples, None first)."""

    def key(value: object) -> object:
        return tuple(value) if isinstance(value, list) else value

    return sorted(
        (tuple(key(v) for v in row.values()) for row in table.to_pylist()),
        key=lambda r: tuple((v is not None, str(v)) for v in r),
    )
