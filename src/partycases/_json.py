"""The one place that holds partycases' orjson options.

Plain JSON documents that are not cases (schemas, reports) are written here,
so every file partycases writes uses the same canonical layout: UTF-8, two
spaces of indentation, keys as given, one trailing newline.
"""

from __future__ import annotations

from typing import Any, Final

import orjson

__all__ = ["PRETTY", "dumps_pretty"]

#: Indented, newline-terminated, non-string dict keys rejected.
PRETTY: Final = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def dumps_pretty(value: Any) -> bytes:
    """Encode ``value`` as indented JSON bytes ending in a newline."""
    return orjson.dumps(value, option=PRETTY)
