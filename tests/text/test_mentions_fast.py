"""The organisation-mention code's shortcuts give what their plain forms give.

Each lookup that :mod:`partycases.text.facts.organisations` makes cheaper with an
index or a gate is compared here with the plain form it replaces, on every entry
of the tables it reads and on generated texts built from their words.
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from partycases.text import lexicon
from partycases.text.facts import organisations
from partycases.text.normalise import is_han

PLACES = sorted(lexicon.place_names())


def plain_known_place_at(folded: str, position: int, end: int) -> int:
    """The longest table place of at most eight characters at ``position``, within ``end``."""
    for n, names in organisations._places_by_length():
        if position + n <= end and folded[position : position + n] in names:
            return n
    return 0


#: Pieces of texts around place names: prefixes of names, level words, a suffix, punctuation.
_PIECES = st.one_of(
    st.sampled_from(PLACES),
    st.sampled_from(PLACES).map(lambda name: name[:-1]),
    st.sampled_from(["市", "区", "县", "省", "商会", "中共", "和", "、", "a", "云岭", "临川"]),
)


def test_place_names_have_two_characters_or_more() -> None:
    # The index of place names by their first two characters holds no shorter name.
    assert min(map(len, PLACES)) >= 2


def test_known_place_at_every_table_name() -> None:
    for name in PLACES:
        text = f"在{name}市委"
        for end in range(len(text) + 1):
            assert organisations._known_place_at(text, 1, end) == plain_known_place_at(
                text, 1, end
            ), (name, end)


@given(st.lists(_PIECES, max_size=6).map("".join))
@example("临川区")
@example("临")
@example("")
def test_known_place_at_generated(text: str) -> None:
    for position in range(len(text) + 1):
        for end in range(position, len(text) + 1):
            assert organisations._known_place_at(text, position, end) == plain_known_place_at(
                text, position, end
            ), (text, position, end)


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [match.span() for match in re.finditer(pattern, text)]


@given(
    st.lists(st.text("abc", min_size=1, max_size=3), max_size=5),
    st.text("abcd", max_size=12),
)
@example(["ab", "a", "abc"], "abcab")  # a word after its prefix never matches
@example(["a", "ab"], "ab")
@example(["abc", "ab", "a"], "abab")  # longest first: each one where it fits
@example(["b", "ab", "a"], "aab")
def test_prefix_tree_matches_the_alternation(words: list[str], text: str) -> None:
    assert _spans(organisations._prefix_tree(words), text) == _spans(
        organisations._alternation(words), text
    )


SUFFIXES = list(lexicon.suffixes())


@given(st.lists(st.sampled_from([*SUFFIXES, *(w[:-1] for w in SUFFIXES), "的"])).map("".join))
@example("支部委员会支部委员网信办网信")
def test_suffix_pattern_finds_the_alternations_matches(text: str) -> None:
    found = [m.span() for m in organisations.suffix_pattern().finditer(text)]
    assert found == _spans(organisations._alternation(SUFFIXES), text)


def plain_not_a_name(folded: str, suffix: str, suffix_start: int, suffix_end: int) -> bool:
    """Whether a suffix ends no name here, every suffix tested."""
    if len(suffix) < 3:
        if suffix == "网":
            after = folded[suffix_end : suffix_end + 1]
            if after and is_han(after) and after not in organisations.AFTER_NET:
                return True
        elif suffix == "党组" and folded.startswith(organisations.ROLE_AFTER, suffix_end):
            return True
        if folded[suffix_start - 1 : suffix_end] in organisations.NOT_NAMES:
            return True
    return False


def test_not_names_have_two_characters_or_more() -> None:
    # Only a suffix after a word's first character can complete it: SCREENED holds those.
    assert min(map(len, organisations.NOT_NAMES)) >= 2


_CONTEXT = st.text("网格局布党组成员书记a,、络等", max_size=3)


@given(_CONTEXT, st.sampled_from(SUFFIXES), _CONTEXT)
@example("格", "局", "")
@example("", "局", "")
@example("网", "网", "络")
@example("", "网", "")
@example("", "党组", "成员")
def test_screened_suffixes_are_the_ones_screened(before: str, suffix: str, after: str) -> None:
    text = before + suffix + after
    at, to = len(before), len(before) + len(suffix)
    fast = suffix in organisations.SCREENED and organisations._not_a_name(text, suffix, at, to)
    assert fast == plain_not_a_name(text, suffix, at, to)


@given(
    st.lists(st.sampled_from(["的", "在", "云岭", "市", "和", "经", "年", "2", ","]), max_size=12),
    st.sampled_from(SUFFIXES),
    st.integers(0, 40),
)
@example(["云岭"] * 12, "商会", 0)
def test_name_start_reads_nothing_from_the_floor(
    pieces: list[str], suffix: str, floor_back: int
) -> None:
    text = "".join(pieces) + suffix
    suffix_end = len(text)
    suffix_start = suffix_end - len(suffix)
    floor = max(0, suffix_start - floor_back)
    stops = organisations._stops_by_last()
    got = organisations._name_start(text, floor, suffix_start, suffix_end, stops)
    reads = suffix_start > floor and suffix_start > suffix_end - organisations.NAME_MAX
    assert reads or got == suffix_start
