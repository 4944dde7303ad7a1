r"""Single-line text: names, titles, headings and paragraphs, which refuse line breaks.

These fields are one line each in the published layout and in Markdown. A line
break inside one would let the field forge structure when the case is rendered
and read again (a heading holding ``\n来源：…`` re-parses as a source line), so
the model refuses it rather than every writer escaping it.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Final

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from partycases.models._base import FORBIDDEN_CHARACTERS, _nfc, text_core_schema
from partycases.models._nfc_unsafe import NFC_UNSAFE

__all__ = ["LINE_FAST_PATTERN", "Line"]

#: What the published layout and Markdown end a line with, and the Unicode line and
#: paragraph separators, which a reader of either may end one with too.
_BREAKS: Final = "\r\n\u2028\u2029"
#: The JSON fast path's check for a line: clean, already NFC and without a line
#: break. Anything else is retried on the slow path, which explains.
LINE_FAST_PATTERN: Final = f"^[^{FORBIDDEN_CHARACTERS}{NFC_UNSAFE}{_BREAKS}]*$"


_BREAK = re.compile(f"[{_BREAKS}]")


def _one_line(value: str) -> str:
    value = _nfc(value)
    found = _BREAK.search(value)
    if found is not None:
        raise PydanticCustomError(
            "line_break",
            "a line break (U+{code}) at position {position}; this field is one line of text",
            {"code": f"{ord(found.group()):04X}", "position": found.start()},
        )
    return value


class _LineSchema:
    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # As for Text: one pattern inside pydantic-core, the slow path explains.
        return text_core_schema(LINE_FAST_PATTERN, _one_line)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "minLength": 1, "pattern": "^[^\\r\\n\\u2028\\u2029]*$"}


#: Human text on one line: :data:`Text` that also refuses line breaks.
Line = Annotated[str, _LineSchema]
