"""Typed, readable, deterministic ids.

An id is ``kind:key``: ``org:天津市文化传媒商会``, ``honour:…``. Keys come from
names folded to one script (OpenCC, Traditional to Simplified), NFKC width and
case, with spaces and punctuation removed, so the same organisation written in
Traditional or Simplified characters, with full- or half-width punctuation,
gets the same id in every case that names it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    import opencc

__all__ = [
    "ID_KINDS",
    "IdKind",
    "make_id",
    "name_key",
    "organisation_id",
]

IdKind = Literal["org", "person", "honour", "activity", "work"]
ID_KINDS: Final[tuple[IdKind, ...]] = ("org", "person", "honour", "activity", "work")

#: The characters an id key may not contain: whitespace, path separators, and
#: ``:`` (which separates the kind). Kept in step with ``ID_PATTERN``.
_FORBIDDEN = re.compile(r"[\s/\\:]")
#: The most characters an id key (the part after the colon) may have.
MAX_KEY: Final = 200
#: An id: a known kind, a colon, a key of allowed characters. The key's length
#: is checked apart (``MAX_KEY``): a bounded repeat of a Unicode class, as in
#: ``{1,200}``, takes pydantic-core's regex engine milliseconds to compile.
ID_PATTERN: Final = r"^(org|person|honour|activity|work):[^\s/\\:]+$"


@functools.cache
def _converter() -> opencc.OpenCC:
    # Built once, on first use: loading the dictionaries costs a few milliseconds.
    import opencc

    return opencc.OpenCC("t2s")


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    converted: str = _converter().convert(folded)
    return converted.casefold()


@functools.lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """Return the script-independent key of a name.

    >>> name_key("天津市文化傳媒商會") == name_key("天津市文化传媒商会")
    True
    """
    folded = _fold(name)
    kept = [
        char
        for char in folded
        # Letters, marks and numbers survive; punctuation, symbols, spaces and
        # format characters (zero-width joiners, BiDi controls) do not.
        if unicodedata.category(char)[0] in "LMN"
    ]
    key = "".join(kept)
    if not key:
        raise ValueError(f"{name!r} has no letters or digits to make an id from")
    return key[:MAX_KEY]


def make_id(kind: IdKind, *parts: str | int) -> str:
    """Build ``kind:part-part-…`` from name-like parts, each folded by :func:`name_key`.

    >>> make_id("honour", "天津市文化傳媒商會", 2017, "「四好」商會")
    'honour:天津市文化传媒商会-2017-四好商会'
    """
    if kind not in ID_KINDS:
        raise ValueError(f"unknown id kind {kind!r}; expected one of {', '.join(ID_KINDS)}")
    if not parts:
        raise ValueError("make_id needs at least one part")
    key = "-".join(name_key(str(part)) for part in parts)
    return f"{kind}:{key[:MAX_KEY]}"


def organisation_id(name: str) -> str:
    """The id of an organisation: the key of its name, whatever else is known about it.

    A registered code (such as the unified social credit code) is an identifier
    on the organisation, never its id, so the same body named in two cases, in
    either script and with or without a code, has one id in both.

    >>> organisation_id("天津市文化傳媒商會")
    'org:天津市文化传媒商会'
    """
    return make_id("org", name)
