"""The ``text`` format: published texts in (parsed), the published layout out (rendered)."""

from __future__ import annotations

from partycases.models import Case
from partycases.text.decode import decode_text
from partycases.text.parse import parse_text
from partycases.text.render import render_text

__all__ = ["dumps", "loads"]


def loads(data: bytes | str, encoding: str | None = None) -> Case:
    """Parse a published text (bytes in any supported encoding, or ``str``)."""
    text = data if isinstance(data, str) else decode_text(data, encoding)
    return parse_text(text)


def dumps(case: Case) -> bytes:
    """Render ``case`` in the published layout, UTF-8 encoded."""
    return render_text(case).encode("utf-8")  # render_text checks the case
