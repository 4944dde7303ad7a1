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
    "CONTROL_CHARACTERS",
    "FOLD_FIXED_IDS",
    "ID_FOLDS",
    "ID_KINDS",
    "INVISIBLE_ASTRAL",
    "INVISIBLE_CHARACTERS",
    "IdKind",
    "id_fold",
    "make_id",
    "name_key",
    "organisation_id",
]

IdKind = Literal["org", "person", "honour", "activity", "work"]
ID_KINDS: Final[tuple[IdKind, ...]] = ("org", "person", "honour", "activity", "work")

#: Characters that draw nothing but can make two strings that look alike differ (a regular
#: expression class body): Unicode's default-ignorable code points, among them soft hyphens,
#: zero-width and direction marks, the Arabic letter mark, Mongolian and other variation
#: selectors, the combining grapheme joiner, Hangul fillers and tag characters.
INVISIBLE_CHARACTERS: Final = (
    r"\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E"
    r"\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8"
)
#: The invisible characters beyond the Basic Multilingual Plane (tag characters among them).
#: Kept apart because the JSON Schema's patterns (ECMA 262) cannot name them portably: text
#: fields refuse them and keys drop them, but the id patterns list only the ones above.
INVISIBLE_ASTRAL: Final = r"\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF"
#: Control characters (C0, DEL, C1; a regular expression class body): ESC and BEL among them,
#: which a terminal would obey if an id holding them were printed.
CONTROL_CHARACTERS: Final = r"\x00-\x1F\x7F-\x9F"


@functools.cache
def _invisible() -> re.Pattern[str]:
    # Compiled on first use, not at import: the class is long, and validation never needs it.
    return re.compile(f"[{INVISIBLE_CHARACTERS}{INVISIBLE_ASTRAL}]")


#: The most characters an id key (the part after the colon) may have.
MAX_KEY: Final = 200
#: How earlier releases began an organisation's id made from its credit code
#: (``org:uscc-<code>``); reading a file repairs such ids (see :mod:`partycases.migrate`).
LEGACY_ORG_PREFIX: Final = "org:uscc-"
#: An id: a known kind, a colon, a key of allowed characters. The key's length
#: is checked apart (``MAX_KEY``): a bounded repeat of a Unicode class, as in
#: ``{1,200}``, takes pydantic-core's regex engine milliseconds to compile.
ID_PATTERN: Final = (
    rf"^(org|person|honour|activity|work):[^\s/\\:{CONTROL_CHARACTERS}{INVISIBLE_CHARACTERS}]+$"
)


@functools.cache
def _converter() -> opencc.OpenCC:
    # Built once, on first use: loading the dictionaries costs a few milliseconds.
    import opencc

    return opencc.OpenCC("t2s")


@functools.cache
def _script_table() -> dict[int, str]:
    """Every Han character OpenCC's Traditional-to-Simplified conversion changes, one by one.

    Built once, on first use, from OpenCC itself (a few tens of milliseconds).
    """
    converter = _converter()
    table: dict[int, str] = {}
    for first in range(0x3400, 0xA000, 512):
        chunk = "".join(map(chr, range(first, min(first + 512, 0xA000))))
        converted: str = converter.convert(chunk)
        if len(converted) != len(chunk):  # a phrase changed length: one character at a time
            converted = "".join(
                single if len(single := converter.convert(char)) == 1 else char for char in chunk
            )
        table.update({ord(a): b for a, b in zip(chunk, converted, strict=True) if a != b})
    return table


def id_fold(entity_id: str) -> str:
    """``entity_id`` with its form, script and case folded, character by character.

    Two ids with the same fold name one entity written twice: in Traditional and
    Simplified characters (``org:天津市文化傳媒商會`` and ``org:天津市文化传媒商会``),
    in full-width and ASCII letters (``org:ＡＢＣ商会``, ``org:ABC商会``), or with an
    accent composed or decomposed (NFKC, as :func:`organisation_id` normalises).
    A translation table, not OpenCC: it runs on every organisation id of every
    case loaded, so folds are kept for the ids met most recently (ids recur
    across a corpus; a Han character costs a table lookup in Python), in
    :data:`ID_FOLDS`.
    """
    return ID_FOLDS[entity_id]


@functools.cache
def _script_changes() -> re.Pattern[str]:
    """A character :func:`_script_table` changes (its keys as one class), built with it."""
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_script_table())) + "]")


def _id_fold(entity_id: str) -> str:
    normal = unicodedata.normalize("NFKC", entity_id)
    # Most ids hold no character the table changes, and ``str.translate`` looks every
    # character up in the table (a failed lookup costs an exception): searched for first.
    if _script_changes().search(normal) is not None:
        normal = normal.translate(_script_table())
    return normal.casefold()


#: The most folds :data:`ID_FOLDS` keeps (a few MB at most: memory stays flat over a corpus).
ID_FOLDS_MAX: Final = 8192


class _Folds(dict[str, str]):
    """Each id met lately and its fold: an id met before costs a dict lookup, done in C.

    A missing id is folded and kept; when :data:`ID_FOLDS_MAX` are kept, they are
    all let go first. (A least-recently-used cache would also reorder its entries
    at every lookup: the check of every case loaded reads one for each of its
    organisations.)
    """

    def __missing__(self, entity_id: str) -> str:
        if len(self) >= ID_FOLDS_MAX:
            self.clear()
        folded = self[entity_id] = _id_fold(entity_id)
        if folded == entity_id:
            if len(FOLD_FIXED_IDS) >= ID_FOLDS_MAX:
                FOLD_FIXED_IDS.clear()
            FOLD_FIXED_IDS.add(entity_id)
        return folded


#: ``ID_FOLDS[entity_id]`` is ``id_fold(entity_id)``, without a Python call for an id met lately.
ID_FOLDS: Final = _Folds()

#: Ids met lately (through :data:`ID_FOLDS`) that are their own fold, as most are: already in
#: Simplified script, lower case and NFKC. Ids that all belong here fold apart exactly when
#: they differ, so a set of them needs no fold looked up. At most :data:`ID_FOLDS_MAX` kept;
#: an id's membership depends on the id alone.
FOLD_FIXED_IDS: Final[set[str]] = set()


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
    # Invisible characters go first: some are letters or marks (Hangul fillers, variation
    # selectors) and would otherwise survive into the key.
    folded = _fold(_invisible().sub("", name))
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
