"""Fold a text for matching without moving a single character.

The parser matches its patterns against a *folded* copy of the input: one
script (Simplified), half-width punctuation, one pair of quotation marks. The
folded copy has exactly the same length as the input, so every offset found in
it is an offset into the original text, and evidence spans read the author's
own characters.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, Final

import attrs

from partycases.ids import INVISIBLE_ASTRAL, INVISIBLE_CHARACTERS

if TYPE_CHECKING:
    import opencc

__all__ = [
    "HAN",
    "View",
    "drop_invisible",
    "fold",
    "has_invisible",
    "is_han",
    "is_traditional",
    "make_view",
]

#: Characters no text field may hold but a published text may: invisible format characters
#: (zero-width, direction marks, variation selectors, fillers, tag characters, BOM) and C1
#: controls left by a lost encoding. Dropped from field values; evidence spans still index
#: the text as it was. The same classes as the models refuse (``partycases.ids``).
_INVISIBLE_CLASS: Final = f"{INVISIBLE_CHARACTERS}{INVISIBLE_ASTRAL}\x80-\x9f"
_INVISIBLE_CHARACTER: Final = re.compile(f"[{_INVISIBLE_CLASS}]")
#: The same class without its characters beyond the Basic Multilingual Plane: it compiles to
#: a bitmap, while the whole class is a list of ranges tried one by one for every character
#: (three times slower). It finds the same characters in a text that holds none beyond it.
_INVISIBLE_BMP: Final = re.compile(f"[{INVISIBLE_CHARACTERS}\x80-\x9f]")


def _beyond_bmp(text: str) -> bool:
    """Whether ``text`` holds a character beyond the Basic Multilingual Plane.

    Counted in C: each such character takes two UTF-16 code units, every other one
    (a lone surrogate too, with ``surrogatepass``) takes one.
    """
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def _invisible_pattern(text: str) -> re.Pattern[str]:
    """The invisible-character pattern to scan ``text`` with: the same matches, found faster."""
    return _INVISIBLE_CHARACTER if _beyond_bmp(text) else _INVISIBLE_BMP


#: Han characters, the extensions beyond the Basic Multilingual Plane included: OpenCC
#: folds some Traditional characters (嚽) to Simplified ones there (𪢕).
HAN: Final = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


def is_han(char: str) -> bool:
    """Whether ``char`` is a Han character (comparisons: called once per character scanned)."""
    return (
        "\u3400" <= char <= "\u9fff"
        or "\uf900" <= char <= "\ufaff"
        or "\U00020000" <= char <= "\U0003134f"
    )


def has_invisible(text: str) -> bool:
    """Whether ``text`` holds an invisible format character, one :func:`drop_invisible` drops."""
    return _invisible_pattern(text).search(text) is not None


def drop_invisible(text: str) -> str:
    """``text`` without invisible format characters.

    A pattern rather than ``str.translate``: translating non-ASCII text through a
    dict costs about 40 ns a character even when nothing changes.
    """
    return _invisible_pattern(text).sub("", text)


# Full-width ASCII (！ to ～) to half-width, ideographic space to space, and every
# quotation mark to 「 or 」 so one pattern matches 「」, “”, ‘’ and 『』.
_TABLE: Final = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    0x3000: 0x20,
    0xFEFF: 0x20,
    ord("“"): ord("「"),
    ord("”"): ord("」"),
    ord("‘"): ord("「"),
    ord("’"): ord("」"),
    ord("『"): ord("「"),
    ord("』"): ord("」"),
    ord("﹁"): ord("「"),
    ord("﹂"): ord("」"),
}


#: The characters :data:`_TABLE` changes, and what each becomes.
_WIDE: Final = {chr(code): chr(value) for code, value in _TABLE.items()}
_WIDE_CHARACTER: Final = re.compile("[" + re.escape("".join(_WIDE)) + "]")


def _half_width(text: str) -> str:
    """``text.translate(_TABLE)``, in C passes.

    ``str.translate`` through a dict looks up every character, changed or not
    (see :func:`drop_invisible`): it cost as much as the OpenCC pass. A page uses
    a handful of the table's characters, so each one found is replaced
    throughout in one pass, and the search goes on from where it stopped (what
    lies before holds none: nothing the table writes is in the table).
    """
    match = _WIDE_CHARACTER.search(text)
    while match is not None:
        char = match.group()
        text = text.replace(char, _WIDE[char])
        match = _WIDE_CHARACTER.search(text, match.start())
    return text


@functools.cache
def _converter() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s")


def _to_simplified(text: str) -> str:
    converter = _converter()
    converted: str = converter.convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase conversion changed the length; fall back to one character at a
    # time, keeping any character whose conversion is not one character.
    out = []
    for char in text:
        single: str = converter.convert(char)
        out.append(single if len(single) == 1 else char)
    return "".join(out)


_STRAIGHT_QUOTES: Final = re.compile(r'"[^"\n]*"')


def _pair_quotes(text: str) -> str:
    # Straight quotes open and close in turn within a line: "x" -> 「x」.
    if '"' not in text:
        return text
    return _STRAIGHT_QUOTES.sub(lambda m: "「" + m.group()[1:-1] + "」", text)


def fold(text: str) -> str:
    """Return ``text`` in Simplified script with half-width punctuation, same length.

    >>> fold("天津市文化傳媒商會，成立於「2013年」")
    '天津市文化传媒商会,成立于「2013年」'
    >>> fold('被评为"五星级党组织"')
    '被评为「五星级党组织」'
    """
    folded = _to_simplified(_pair_quotes(_half_width(text)))
    if len(folded) != len(text):  # pragma: no cover - guarded above, kept as a tripwire
        raise AssertionError("folding changed the text's length")
    return folded


_HAN_RUN: Final = re.compile("[\u4e00-\u9fff]+")


#: 0xFF for the high byte of a UTF-16 unit in U+4E00 to U+9FFF, 0 for every other.
_HAN_HIGH_MASK: Final = bytes(0xFF if 0x4E <= b <= 0x9F else 0 for b in range(256))
#: Every byte but the high bytes of U+4E00 to U+9FFF.
_NOT_HAN_HIGH: Final = bytes(b for b in range(256) if not _HAN_HIGH_MASK[b])


def _han_count(high: bytes) -> int:
    """How many characters are in U+4E00 to U+9FFF (what :data:`_HAN_RUN` matches).

    ``high`` holds the high bytes of a text's UTF-16 code units (big-endian, surrogates
    passed): counted there, in C with no match or string per run. A character beyond the
    Basic Multilingual Plane is a surrogate pair (high bytes D8 to DF), a lone surrogate
    one such unit, so neither is counted.
    """
    return len(high.translate(None, _NOT_HAN_HIGH))


def is_traditional(text: str, folded: str) -> bool:
    """Whether ``text`` is in Traditional script: a visible share of its characters fold."""
    units = text.encode("utf-16-be", "surrogatepass")
    high = units[::2]
    han = _han_count(high)
    if not han:
        return False
    needed = -(-han // 50)  # at least one Han character in 50 changed by folding
    if len(units) != 2 * len(text):  # a character past U+FFFF: units are not characters
        return _changed_in_runs(text, folded, 0, len(text), needed) >= needed
    # A block at a time, each twice the last: a Traditional text usually tells within its
    # first lines, and a Simplified one must be read to its end. A block that folding left as
    # it was costs one comparison; one it changed is compared unit by unit in C, or, when it
    # holds few runs of Han characters (fewer other characters than one in
    # _RUN_BLOCK_SHARE), run by run, one Python step a run.
    changed = 0
    start, size = 0, _FIRST_BLOCK
    while start < len(text):
        end = start + size
        original = units[2 * start : 2 * end]
        simplified = folded[start:end].encode("utf-16-be", "surrogatepass")
        if len(simplified) != len(original):  # folding made a character past U+FFFF
            return _changed_in_runs(text, folded, 0, len(text), needed) >= needed
        if simplified != original:
            block_high = high[start:end]
            others = len(block_high) - _han_count(block_high)
            if others * _RUN_BLOCK_SHARE < len(block_high):
                changed += _changed_in_runs(text, folded, start, end, needed - changed)
            else:
                changed += _changed_han(original, simplified, block_high)
            if changed >= needed:
                return True
        start, size = end, size * 2
    return False


#: The characters :func:`is_traditional` compares first; each later block is twice the last.
_FIRST_BLOCK: Final = 256
#: A changed block with fewer characters other than Han than one in this many is compared run
#: by run: a Python step a run (about 0.6 µs) then costs less than the C passes over every
#: character (about 8 ns each).
_RUN_BLOCK_SHARE: Final = 64


def _changed_han(original: bytes, simplified: bytes, high: bytes) -> int:
    """How many U+4E00 to U+9FFF units of ``original`` differ from ``simplified``'s.

    Both are UTF-16-BE of the same characters, one unit each; ``high`` holds
    ``original``'s high bytes. Every step is one C pass: the units' XOR, each
    unit's two bytes ORed into one (0 where the units are equal), that byte kept
    where ``original`` holds Han, and the bytes left that are not 0 counted.
    """
    length = len(high)
    xor = (int.from_bytes(original, "big") ^ int.from_bytes(simplified, "big")).to_bytes(
        2 * length, "big"
    )
    differs = int.from_bytes(xor[::2], "big") | int.from_bytes(xor[1::2], "big")
    kept = differs & int.from_bytes(high.translate(_HAN_HIGH_MASK), "big")
    return length - kept.to_bytes(length, "big").count(0)


def _changed_in_runs(text: str, folded: str, start: int, end: int, enough: int) -> int:
    """How many U+4E00 to U+9FFF characters of ``text[start:end]`` folding changed, run by run.

    The per-character comparison happens in C, and only in a run folding changed; the
    count stops once it reaches ``enough``. Also the whole test where the text or its
    folded form holds a character past U+FFFF: their UTF-16 units then need not line up.
    """
    changed = 0
    for match in _HAN_RUN.finditer(text, start, end):
        first, last = match.span()
        original, simplified = text[first:last], folded[first:last]
        if original != simplified:
            changed += sum(map(operator.ne, original, simplified))
            if changed >= enough:
                break
    return changed


# ------------------------------------------------------------------ the view

#: What the matching view drops: pinyin in brackets after a character (協(xié)會),
#: invisible format characters (:data:`_INVISIBLE_CHARACTER`), and runs of ASCII ``?``
#: left by a lost encoding. Three patterns rather than one alternation: no two can
#: match the same character, the bracket and the question mark are looked for only in
#: a text holding one, and each pattern starts with what it matches, which lets the
#: regular expression engine skip ahead (an alternation opening with a look-behind is
#: tried at every position: three times slower).
_PINYIN: Final = re.compile(
    r"\((?<=[\u3400-\u9fff]\()(?=[a-zü]{0,6}[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])"
    r"[a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,7}[1-5]?\)"
)
_QUESTION_MARKS: Final = re.compile(r"\?+")


def _artefacts(text: str, folded: str) -> list[tuple[int, int]]:
    """The spans of ``folded`` the view drops, in order."""
    cuts = [match.span() for match in _invisible_pattern(folded).finditer(folded)]
    if "(" in folded:
        cuts += [match.span() for match in _PINYIN.finditer(folded)]
    if "?" in folded:
        # A ``?`` in the folded text may be a full-width question mark: only ASCII ones
        # stand for lost characters.
        cuts += [m.span() for m in _QUESTION_MARKS.finditer(folded) if text[m.start()] == "?"]
    cuts.sort()
    return cuts


@attrs.frozen
class View:
    """The folded text with conversion artefacts dropped, and the way back to the input.

    Detectors match against :attr:`text`; :meth:`span` maps what they find to
    offsets in the original text, so evidence reads the characters the reader
    sees, artefacts included where they sit inside a match.
    """

    text: str
    """What the detectors read: folded, artefacts removed."""
    starts: tuple[int, ...]
    """View offsets at which a kept stretch of the input begins."""
    origins: tuple[int, ...]
    """The input offset of each kept stretch's first character."""
    _length: int
    """The input's length."""
    whole: ClassVar[bool] = False
    """Whether the view drops nothing: each view offset is then its input offset."""

    def origin(self, position: int) -> int:
        """The input offset of view offset ``position``."""
        index = bisect.bisect_right(self.starts, position) - 1
        return self.origins[index] + position - self.starts[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input span of the view span ``[start, end)`` (empty spans stay empty)."""
        if end <= start:
            at = self.origin(start)
            return at, at
        return self.origin(start), self.origin(end - 1) + 1

    def outer(self, start: int, end: int) -> tuple[int, int]:
        """The input span of ``[start, end)`` with the dropped characters at its edges.

        For layout pieces (lines, headings, paragraphs): a run of ``?`` or an invisible
        character before a line's first kept character belongs to that line.
        """
        first = self.origin(start - 1) + 1 if start > 0 else 0
        last = self.origin(end) if end < len(self.text) else self._length
        return first, max(first, last)

    def position(self, origin: int) -> int:
        """The view offset of input offset ``origin``.

        A dropped character maps to the next kept one.
        """
        index = bisect.bisect_right(self.origins, origin) - 1
        if index < 0:
            return 0
        offset = origin - self.origins[index]
        following = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return min(self.starts[index] + offset, following)


@attrs.frozen
class _WholeView(View):
    """A view that drops nothing: each view offset is its input offset (most texts)."""

    whole: ClassVar[bool] = True

    def origin(self, position: int) -> int:
        return position

    def span(self, start: int, end: int) -> tuple[int, int]:
        return (start, start) if end <= start else (start, end)

    def outer(self, start: int, end: int) -> tuple[int, int]:
        return start, max(start, end)

    def position(self, origin: int) -> int:
        return min(max(origin, 0), len(self.text))


def make_view(text: str, folded: str, drop: Iterable[tuple[int, int]] = ()) -> View:
    """The matching view of ``text`` (``folded`` is :func:`fold` of it).

    ``drop`` adds input spans to leave out (the line break inside a word broken
    across two lines); they must not overlap one another.
    """
    cuts = _artefacts(text, folded)
    extra = sorted(drop)
    if extra:
        cuts = sorted(cuts + extra)
    if not cuts:
        return _WholeView(folded, (0,), (0,), len(folded))
    pieces: list[str] = []
    starts: list[int] = [0]
    origins: list[int] = [0]
    position = 0  # input offset of the next kept character
    length = 0  # view length so far
    for cut_start, end in cuts:
        if end <= position:
            continue
        start = max(cut_start, position)
        pieces.append(folded[position:start])
        length += start - position
        position = end
        starts.append(length)
        origins.append(position)
    pieces.append(folded[position:])
    return View("".join(pieces), tuple(starts), tuple(origins), len(folded))
