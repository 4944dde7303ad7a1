"""Bytes of a published text to ``str``: BOMs, UTF-8, GB18030 and Big5.

The order is fixed and explainable: a byte order mark decides (UTF-8, UTF-16);
otherwise strict UTF-8, which almost never decodes text in another encoding by
accident; otherwise charset-normalizer (extra ``[encodings]``) picks between the
legacy Chinese encodings. An explicit ``encoding=`` skips detection.
"""

from __future__ import annotations

import codecs

from partycases.errors import LoadError, MissingExtraError, Problem

__all__ = ["decode_text"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: The legacy encodings published Chinese texts come in, in the order tried.
LEGACY = ("gb18030", "big5")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise LoadError(
            [
                Problem(
                    f"byte 0x{data[error.start]:02x} at offset {error.start} is not valid "
                    f"{encoding}; expected text in {encoding} (pass encoding= if it is another)",
                    line=line,
                )
            ]
        ) from None
    except LookupError:
        raise LoadError([Problem(f"unknown text encoding {encoding!r}")]) from None


def decode_text(data: bytes, encoding: str | None = None) -> str:
    """Decode a published text; a :class:`LoadError` when the bytes are not text."""
    if encoding is not None:
        return _strict(data, encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        import charset_normalizer
    except ImportError:
        raise MissingExtraError("encodings", "charset-normalizer") from None
    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY)).best()
    if best is None or best.encoding.replace("_", "") not in {e.replace("-", "") for e in LEGACY}:
        line = data.count(b"\n", 0, utf8_error.start) + 1
        raise LoadError(
            [
                Problem(
                    f"the bytes are not UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset "
                    f"{utf8_error.start}), GB18030 or Big5; expected a text file in one of them",
                    line=line,
                )
            ]
        )
    return _strict(data, best.encoding)
