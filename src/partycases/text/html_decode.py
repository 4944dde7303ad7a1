"""Bytes of a saved web page to ``str``: BOM, the page's own declaration, then sniffing.

Pages declare legacy encodings by names narrower than what they hold (gb2312
pages use GBK characters), so each declared name is read with the superset that
browsers use; a declaration the bytes contradict is overruled by sniffing.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

import attrs

from partycases.errors import LoadError, MissingExtraError, Problem

__all__ = ["Decoded", "decode_html"]

#: How far into the page a ``<meta charset>`` declaration is looked for.
_PRESCAN: Final = 8192
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
#: Declared names mapped to the codec that reads what pages declaring them really hold:
#: pages that say gb2312 or GBK use characters outside it, and GB18030 is their superset.
_SUPERSETS: Final = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "chinese": "gb18030",
    "xgbk": "gb18030",
    "gb231280": "gb18030",
    "csgb2312": "gb18030",
    "euccn": "gb18030",
    "cnbig5": "big5hkscs",
    "xxbig5": "big5hkscs",
    "csbig5": "big5hkscs",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "utf8": "utf-8",
    "utf16": "utf-8",  # a declaration read as ASCII cannot be UTF-16 (as browsers do)
}
_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY: Final = ("gb18030", "big5")


@attrs.frozen
class Decoded:
    """A page decoded to ``str``, and how its encoding was chosen."""

    text: str
    """The page's characters."""
    encoding: str
    """The codec that decoded it (``gb18030`` for a page that declares gb2312)."""
    how: str
    """Where the encoding came from: ``bom``, ``declared``, ``argument`` or ``sniffed``."""
    declared: str | None = None
    """The encoding the page declares, when it declares one."""
    replaced: int = 0
    """How many undecodable bytes were replaced with U+FFFD."""


#: Text codecs that are no character set of a page: they transform text (escapes, domain
#: names), refuse every byte, or (UTF-7) hide markup from a reader of the bytes.
_NOT_CHARSETS: Final = frozenset(
    ["undefined", "punycode", "idna", "unicode-escape", "raw-unicode-escape", "utf-7"]
)


def _codec(name: str) -> str | None:
    """The codec of a character set name, or None for an unknown name or no character set."""
    key = name.lower().replace("-", "").replace("_", "")
    if key in _SUPERSETS:
        return _SUPERSETS[key]
    try:
        found = codecs.lookup(name).name
        b"a".decode(found)  # rot13, hex, base64: codecs, but not of text (an empty input passes)
    except UnicodeDecodeError:
        pass  # a text codec that wants more than one byte (utf-16)
    except (LookupError, UnicodeError):
        return None
    return None if found in _NOT_CHARSETS else found


def _declared(data: bytes) -> str | None:
    head = data[:_PRESCAN]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _sniff(data: bytes) -> str | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    try:
        import charset_normalizer
    except ImportError:  # pragma: no cover - trafilatura depends on it
        raise MissingExtraError("html", "charset-normalizer") from None
    best = charset_normalizer.from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if best is None:
        return None
    return _codec(best.encoding)


def decode_html(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a saved page: ``encoding=``, else its BOM, its declaration, else sniffing.

    A page whose bytes do not match its declaration is sniffed instead; when no
    encoding reads it cleanly, the declared (or sniffed) one is used with the bad
    bytes replaced, and ``replaced`` counts them. An unknown ``encoding=`` or a
    page that is not text in any of them gives a :class:`LoadError`.
    """
    if encoding is not None:
        codec = _codec(encoding)
        if codec is None:
            raise LoadError([Problem(f"unknown encoding {encoding!r}")])
        return _decode(data, codec, "argument", None)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data, name, "bom", None)
    declared = _declared(data)
    codec = _codec(declared) if declared else None
    if codec is not None and codec != "utf-8" and not data.isascii():
        # A site moved to UTF-8 and kept its old gb2312 declaration: long runs of valid
        # UTF-8 never occur by chance in GB18030 or Big5 text, so UTF-8 wins.
        try:
            return Decoded(data.decode("utf-8"), "utf-8", "sniffed", declared)
        except UnicodeDecodeError:
            pass
    if codec is not None:
        try:
            return Decoded(data.decode(codec), codec, "declared", declared)
        except UnicodeDecodeError:
            pass  # a wrong declaration is common: look at the bytes themselves
    sniffed = _sniff(data)
    if sniffed is not None:
        return _decode(data, sniffed, "sniffed", declared)
    if codec is not None:
        return _decode(data, codec, "declared", declared)
    raise LoadError(
        [
            Problem(
                "the page declares no known encoding and its bytes are not UTF-8, GB18030 or "
                "Big5; pass encoding="
            )
        ]
    )


def _decode(data: bytes, codec: str, how: str, declared: str | None) -> Decoded:
    try:
        return Decoded(data.decode(codec), codec, how, declared)
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
        return Decoded(text, codec, how, declared, text.count("\ufffd"))
