"""The parser's word lists, kept as data files beside this module and read on first use.

Each file in ``data/`` is tab-separated: a word, what it means (where the list
needs it) and an example phrase the word is for; ``#`` starts a comment. The
administrative divisions in ``places.tsv`` come from the ``adcodes.csv`` table
of the cpca package 0.5.5 (MIT licence, kept in ``places.LICENSE``), with the
Traditional form of each name added by OpenCC.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Final

import attrs

__all__ = [
    "Entry",
    "activity_heads",
    "chrome",
    "entries",
    "honour_verbs",
    "labels",
    "place_names",
    "routine",
    "section_words",
    "stops",
    "suffixes",
]

#: The word lists, each with the number of columns before its example.
LISTS: Final = {
    "activity_heads": 3,
    "chrome": 2,
    "honour_verbs": 2,
    "labels": 2,
    "routine": 1,
    "section_words": 2,
    "stops": 1,
    "suffixes": 2,
}


@attrs.frozen
class Entry:
    """One row of a word list: the word, its values, and the phrase it is for."""

    word: str
    values: tuple[str, ...]
    example: str


@functools.cache
def entries(name: str) -> tuple[Entry, ...]:
    """Every entry of the word list ``name`` (a key of :data:`LISTS`), in file order."""
    width = LISTS[name]
    text = resources.files("partycases.text").joinpath(f"data/{name}.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != width + 1:
            raise ValueError(f"data/{name}.tsv: {line!r} has {len(fields)} fields, not {width + 1}")
        rows.append(Entry(fields[0], tuple(fields[1:width]), fields[width]))
    return tuple(rows)


def _words(name: str) -> tuple[str, ...]:
    return tuple(entry.word for entry in entries(name))


@functools.cache
def chrome() -> dict[str, str]:
    """Chrome words and where they count (``line``, ``start``, ``block`` or ``alone``)."""
    return {entry.word: entry.values[0] for entry in entries("chrome")}


@functools.cache
def suffixes() -> dict[str, str]:
    """Organisation name endings and the kind each gives, longest first."""
    rows = sorted(entries("suffixes"), key=lambda entry: -len(entry.word))
    return {entry.word: entry.values[0] for entry in rows}


@functools.cache
def stops() -> frozenset[str]:
    """Words that end a name when reading left from its suffix."""
    return frozenset(_words("stops"))


@functools.cache
def honour_verbs() -> dict[str, str]:
    """Honour verbs and their strength (``strong`` or ``weak``), longest first."""
    rows = sorted(entries("honour_verbs"), key=lambda entry: -len(entry.word))
    return {entry.word: entry.values[0] for entry in rows}


@functools.cache
def activity_heads() -> dict[str, dict[str, str]]:
    """Activity head nouns by where they follow a name (``quoted`` or ``event``) -> kind."""
    heads: dict[str, dict[str, str]] = {"quoted": {}, "event": {}}
    for entry in sorted(entries("activity_heads"), key=lambda entry: -len(entry.word)):
        kind, where = entry.values
        heads[where][entry.word] = kind
    return heads


@functools.cache
def routine() -> tuple[str, ...]:
    """Routine practices, which are not activities of a case."""
    return _words("routine")


@functools.cache
def labels() -> dict[str, str]:
    """Label headings (名片, 亮点, …) and the section kind each gives."""
    return {entry.word: entry.values[0] for entry in entries("labels")}


@functools.cache
def section_words() -> tuple[tuple[str, str], ...]:
    """(word, section kind) pairs for headings, in the order they are tried."""
    return tuple((entry.word, entry.values[0]) for entry in entries("section_words"))


_PLACE_SUFFIX: Final = re.compile(
    "(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|自治州|自治县|地区|新区|省|市|区|县|盟|旗|州)$"
)


@functools.cache
def place_names() -> frozenset[str]:
    """China's provinces, prefectures and counties, Simplified, with and without level word.

    天津市 and 天津 both start a name: they find the left edge of organisation names.

    Only names of two characters or more without their level word are kept bare
    (so 和平区 adds 和平 but 城区 adds nothing).
    """
    text = resources.files("partycases.text").joinpath("data/places.tsv").read_text("utf-8")
    names: set[str] = set()
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name = line.split("\t")[2]
        names.add(name)
        bare = _PLACE_SUFFIX.sub("", name)
        if len(bare) >= 2 and bare != name:
            names.add(bare)
    return frozenset(names)
