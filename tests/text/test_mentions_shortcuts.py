"""The organisation-mention code's newer shortcuts give what their plain forms give.

:func:`~partycases.text.facts.organisations.find_mentions` reads a name leftwards
with one match over the run of characters that cannot end it, searches with a
suffix pattern that leaves out the 网 of 网络, walks the claimed spans alongside
the suffixes, and takes a name's reference and kind from the cache of its
reading; a page reads a value without searching it when it is printable, and a
span set keeps its spans as given. Each is compared here with the plain form it
replaces: on every character where a character class stands for a test, and on
generated texts built from the lexicon's words elsewhere.
"""

from __future__ import annotations

import itertools
import re
import sys

from hypothesis import example, given
from hypothesis import strategies as st

from partycases.text import lexicon
from partycases.text.facts import drafts, organisations
from partycases.text.facts.drafts import Mention, Page
from partycases.text.facts.spans import NO_SPANS, SpanSet
from partycases.text.normalise import drop_invisible, fold, is_han, make_view
from tests.text.test_mentions_fast import plain_find_mentions, plain_name_start

STOPS = sorted(lexicon.stops())
SUFFIXES = list(lexicon.suffixes())
#: Every Han character, as is_han has them, and the characters either side of each range.
HAN = [
    chr(code)
    for low, high in ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
    for code in range(low - 1, high + 2)
]


def test_plain_run_is_every_character_read_over_unread() -> None:
    """The run _name_start_back skips is every Han character that ends no stop word, no joiner."""
    run = re.compile(organisations._plain_run().pattern + r"\Z")
    stops = organisations._stops_by_last()
    for char in HAN:
        plain = is_han(char) and char not in stops and char not in organisations.JOINERS
        assert (run.match(char) is not None) == plain, hex(ord(char))
    assert run.match("") is not None  # none at all: the name starts where it stops


@given(st.text(alphabet="网信办络上等和讯、,。a1", max_size=4))
def test_han_class_is_is_han_without_the_characters_given(without: str) -> None:
    """_han_class holds what is_han holds, but the characters left out."""
    pattern = re.compile(organisations._han_class(without))
    for char in [*HAN[:3], *HAN[-3:], *without, "网", "a", ",", "𠀀", "豈"]:
        assert (pattern.fullmatch(char) is not None) == (is_han(char) and char not in without)


#: Pieces of names read leftwards: stop words and their parts, joiners, the words a
#: stop word's character belongs to (经济, 青年, 从业), digits, places, characters
#: outside the basic Han block, and characters that are not Han.
_NAME_PIECES = st.one_of(
    st.sampled_from(STOPS),
    st.sampled_from(STOPS).map(lambda word: word[-1]),
    st.sampled_from(
        [
            "云岭市", "临川区", "江州", "市委", "经济", "经营", "青年", "2021年", "从业",
            "从事", "和", "与", "及", "同", "会同", "和平", "非公有制", "组织", "商会",
            "豈", "𠀀", "𠀁", "〇", "a", ",", " ", "\n", "的", "促进",
        ]
    ),
)  # fmt: skip


@given(
    st.lists(_NAME_PIECES, max_size=16),
    st.sampled_from(SUFFIXES),
    st.integers(0, 60),
    st.sampled_from(["", "济", "业", "。", "商会"]),
)
@example(["经", "济"], "商会", 10, "")
@example(["2021年"], "商会", 10, "")
@example(["青年"], "商会", 10, "")
@example(["云岭市", "和", "临川区"], "商会", 10, "")
@example(["𠀀", "豈", "的"], "协会", 10, "")
@example(["云岭市"] * 12, "商会", 40, "")  # read back no further than NAME_MAX
def test_name_start_back_reads_as_name_start(
    pieces: list[str], suffix: str, floor_back: int, after: str
) -> None:
    """_name_start_back starts a name where the plain reading, one character at a time, does."""
    text = "".join(pieces) + suffix + after
    reverse = text[::-1]
    suffix_start = len("".join(pieces))
    suffix_end = suffix_start + len(suffix)
    stops = organisations._stops_by_last()
    for floor in {max(0, suffix_start - floor_back), 0, max(0, suffix_start - 1)}:
        plain = plain_name_start(text, floor, suffix_start, suffix_end, stops)
        fast = organisations._name_start_back(text, reverse, floor, suffix_start, suffix_end, stops)
        assert fast == plain, (text, floor)


def plain_screened(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The suffixes suffix_pattern finds in ``[start, end)``, but the 网 of 网络.

    That is, but a 网 found before a Han character not in AFTER_NET, inside the span.
    """
    spans = []
    for match in organisations.suffix_pattern().finditer(folded, start, end):
        after = folded[match.end() : match.end() + 1]
        if (
            match.group() == "网"
            and match.end() < end
            and is_han(after)
            and after not in organisations.AFTER_NET
        ):
            continue
        spans.append(match.span())
    return spans


_NET_PIECES = st.one_of(
    st.sampled_from(SUFFIXES),
    st.sampled_from(SUFFIXES).map(lambda word: word[:-1]),
    st.sampled_from(["网", "络", "上", "等", "讯", "报", "和", "、", "。", "a", "的", "𠀀", "豈"]),
)


@given(st.lists(_NET_PIECES, max_size=12).map("".join), st.integers(0, 4), st.integers(0, 4))
@example("互联网络", 0, 0)
@example("新闻网等网信办网上网", 0, 0)
@example("央视网", 0, 0)
@example("网络", 0, 1)  # a 网 at the span's end: what follows is not read here
@example("网𠀀网豈", 0, 0)
def test_screened_pattern_leaves_out_the_net_of_network(text: str, cut: int, tail: int) -> None:
    """_screened_pattern finds suffix_pattern's suffixes, but the 网 _not_a_name screens out."""
    start, end = min(cut, len(text)), max(min(cut, len(text)), len(text) - tail)
    found = [m.span() for m in organisations._screened_pattern().finditer(text, start, end)]
    assert found == plain_screened(text, start, end)


def plain_contains(spans: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in spans)


_SPANS = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 8)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=6,
)


@given(_SPANS)
@example([(3, 5), (5, 9)])  # touching: one span
@example([(4, 4), (4, 7)])  # an empty one where another starts
@example([(2, 9), (3, 4)])  # one inside another
def test_span_set_is_the_union_of_its_spans(spans: list[tuple[int, int]]) -> None:
    """A span set holds what its spans hold, starts where they start, and merges in order."""
    union = SpanSet(spans)
    merged = list(union.merged())
    for position in range(-1, 42):
        assert (position in union) == plain_contains(spans, position), position
        assert (position in union) == plain_contains(merged, position), position
        assert union.starts_at(position) == any(start == position for start, _ in spans)
    # In order, and apart: no two touch, for the walk in find_mentions.
    for (_, end), (start, _) in itertools.pairwise(merged):
        assert end < start
    assert all(start <= end for start, end in merged)


def _page(text: str) -> Page:
    return Page(text, make_view(text, fold(text)))


def _described(page: Page, mentions: list[Mention]) -> list[object]:
    orgs = [
        (o.key, o.name, o.kind, list(o.evidence), sorted(o.places), o.mentions, o.location)
        for o in page.orgs.values()
    ]
    return [[(m.start, m.end, m.role, m.org and m.org.key) for m in mentions], orgs]


#: Pieces of sentences for the shortcuts here: names read over long runs, stop words,
#: the 网 of 网络 and of a name, and names that join.
_SENTENCE_PIECES = st.one_of(
    st.sampled_from(SUFFIXES),
    st.sampled_from(STOPS),
    st.sampled_from(
        [
            "云岭市", "临川区", "中共", "网", "网络", "网上", "新闻网", "等", "、", ",", "。",
            "数字出版", "互联网", "经济", "青年", "和", "各", "12家", "该", "a", "𠀀",
        ]
    ),
)  # fmt: skip


@given(
    st.lists(_SENTENCE_PIECES, max_size=14).map("".join),
    st.integers(0, 4),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=5),
)
@example("云岭市网络文化促进会和临川区新闻网", 0, [])
@example("云岭市商会被临川区网信办评为示范点", 0, [(0, 5), (3, 8), (9, 9)])
@example("云岭市委两新工委和临川区商会", 1, [(12, 14)])
@example(
    "云岭市" + "星河春风晨光长路灯火江畔云山初归途星河春风晨光" + "市委工委", 0, []
)  # NAME_MAX
@example("云岭市" + "星河春风晨光长路灯火江畔云山初归途星河春风晨光长" + "市委工委", 0, [])
def test_find_mentions_is_the_plain_reading(
    text: str, start: int, claimed: list[tuple[int, int]]
) -> None:
    """find_mentions finds what its plain reading finds, with claimed spans overlapping."""
    plain, fast = _page(text), _page(text)
    spans = SpanSet([(at, at + n) for at, n in claimed]) if claimed else NO_SPANS
    end = len(plain.folded)
    start = min(start, end)
    for _ in range(2):  # the second time, every organisation is known
        expected = plain_find_mentions(plain, start, end, spans, "body")
        got = organisations.find_mentions(fast, start, end, spans, "body")
        assert _described(fast, got) == _described(plain, expected)


def test_a_printable_value_holds_no_white_space_but_a_space() -> None:
    """No printable character but " " is white space: Page.read skips its search there."""
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isprintable() and char != " ":
            assert space.match(char) is None, hex(code)


def plain_read(page: Page, start: int, end: int) -> str:
    """Page.read, searching every value for white space."""
    a, b = page.view.span(start, end)
    value = drop_invisible(page.text[a:b]) if page.invisible else page.text[a:b]
    if drafts._SPACE.search(value) is None:
        return value
    return drafts._SPACE.sub(
        lambda m: "" if drafts._BREAKS.intersection(m.group()) else m.group(), value
    ).strip()


@given(st.text(alphabet=" \t\n\u3000\u00a0\u200b\u2028\u00ad云岭市商会a,", max_size=8))
@example("云岭市\n商会")
@example("云岭市 商会")
@example("云岭市\u3000商会")
def test_page_reads_what_it_read_before(text: str) -> None:
    """Page.read reads every span as it did when it searched every value for white space."""
    page = _page(text)
    length = len(page.folded)
    for start in range(length + 1):
        for end in range(start, length + 1):
            assert page.read(start, end) == plain_read(page, start, end), (start, end)
