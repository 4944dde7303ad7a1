"""Tests for partycases.text.normalise: the script test and dropping invisible characters."""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partycases.errors import PartycasesWarning
from partycases.text import normalise
from partycases.text.normalise import (
    _INVISIBLE_CLASS,
    drop_invisible,
    fold,
    has_invisible,
    is_traditional,
)

#: Characters no text field may hold but a published text may: invisible ones and C1 controls.
INVISIBLE = ["\u200b", "\u202e", "\ufeff", "\ufe0f", "\u00ad", "\u3164", "\U000e0041", "\x9b"]


def _share_of_folded_han(text: str) -> bool:
    """The definition, one character at a time: at least 1 Han character in 50 folds."""
    folded = fold(text)
    han = sum(1 for a in text if "\u4e00" <= a <= "\u9fff")
    changed = sum(
        1 for a, b in zip(text, folded, strict=True) if a != b and "\u4e00" <= a <= "\u9fff"
    )
    return han > 0 and changed * 50 >= han


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("江州市網絡視聽商會成立於2016年", True),
        ("江州市网络视听商会成立于2016年", False),
        ("", False),
        ("ASCII only, 2016", False),
        ("會" + "会" * 49, True),  # 1 of 50 folds: just enough
        ("會" + "会" * 50, False),  # 1 of 51: not enough
        ("，「」：" * 10, False),  # punctuation folds, but it is not Han
    ],
)
def test_is_traditional_threshold(text: str, expected: bool) -> None:
    """One Han character in fifty changed by folding makes a text Traditional."""
    assert is_traditional(text, fold(text)) is expected


@given(st.text(st.sampled_from("會会商商協协網网市成立於于2013,，「」 \n"), max_size=300))
def test_is_traditional_matches_its_definition(text: str) -> None:
    """The run-by-run test gives the per-character definition's answer."""
    assert is_traditional(text, fold(text)) is _share_of_folded_han(text)


#: Pairs that fold within U+9F00 to U+9FFF (齊 to 齐, 龍 to 龙) and pairs whose UTF-16 units
#: share their low byte (僅 U+50C5 to 仅 U+4EC5, 諸 U+8AF8 to 诸 U+8BF8): a count that left
#: out the top of the range, or compared one byte of each unit, would miss them.
_EDGE_PAIRS = "齊齐龍龙僅仅諸诸"
#: Runs of one character each, long enough to cross the blocks is_traditional compares
#: (256 characters, then 512, 1,024, 2,048): Traditional and Simplified Han, punctuation that
#: folds, ASCII, and characters past U+FFFF, which send the test run by run: one folding
#: stays there, one folds to U+34C6 (a text's UTF-16 units then no longer line up with its
#: folded text's).
_RUNS = st.lists(
    st.tuples(
        st.sampled_from("會会協协商,，「 a\U00020000\U000205e3" + _EDGE_PAIRS),
        st.integers(1, 700),
    ),
    max_size=16,
)


@given(_RUNS)
def test_is_traditional_matches_its_definition_on_long_texts(runs: list[tuple[str, int]]) -> None:
    """Block by block, and run by run past U+FFFF, the answer is the definition's."""
    text = "".join(char * count for char, count in runs)
    assert is_traditional(text, fold(text)) is _share_of_folded_han(text)


@given(st.text(st.sampled_from("會会商,，「 a" + _EDGE_PAIRS), max_size=3_000))
def test_is_traditional_matches_its_definition_on_mixed_texts(text: str) -> None:
    """Texts whose blocks hold many characters other than Han: compared unit by unit."""
    assert is_traditional(text, fold(text)) is _share_of_folded_han(text)


def _block_starts(length: int) -> list[int]:
    """Where is_traditional's blocks start in a text of ``length`` characters."""
    starts, start, size = [], 0, normalise._FIRST_BLOCK
    while start < length:
        starts.append(start)
        start, size = start + size, size * 2
    return starts


@pytest.mark.parametrize("changed", ["會", "齊", "僅"])
@pytest.mark.parametrize("gap", [0, 3])
@pytest.mark.parametrize(("before", "after"), [("", ""), ("", "\U00020000"), ("\U000205e3", "")])
@pytest.mark.parametrize("length", [256, 1_000, 3_000, 7_200])
def test_is_traditional_counts_every_block_to_the_threshold(
    before: str, after: str, length: int, gap: int, changed: str
) -> None:
    """One changed character in 50 anywhere, block edges included, is Traditional; one fewer is not.

    The changed characters sit on both sides of each block's edge and at the text's last Han
    character. With ``gap``, a full-width comma follows every ``gap`` Han characters, so that
    each block is compared unit by unit; without, run by run. A character past U+FFFF before
    or after them sends the whole count run by run (the one before folds to one below U+FFFF).
    """
    unchanged = fold(changed)
    assert unchanged != changed
    chars = ["，" if gap and index % (gap + 1) == gap else unchanged for index in range(length)]
    han = [index for index, char in enumerate(chars) if char == unchanged]
    needed = -(-len(han) // 50)
    edges = {edge + shift for edge in _block_starts(length)[1:] for shift in (-1, 0)}
    places = list(dict.fromkeys([*(index for index in han if index in edges), han[-1]]))
    places += [index for index in han if index not in places][: needed - len(places)]
    assert len(places) == needed
    for place in places:
        chars[place] = changed
    text = before + "".join(chars) + after
    assert is_traditional(text, fold(text)) is True
    chars[places[0]] = unchanged
    text = before + "".join(chars) + after
    assert is_traditional(text, fold(text)) is False


_EDGES = ["\u4dff", "\u4e00", "\u9fff", "\ua000", "\ud800", "\udfff", "\U00020000", "商"]


@given(st.text(st.one_of(st.characters(), st.sampled_from(_EDGES)), max_size=60))
def test_han_count_counts_what_the_pattern_does(text: str) -> None:
    """The count taken on UTF-16 high bytes is the number of U+4E00 to U+9FFF characters.

    Astral characters and lone surrogates (whose code units have other high bytes) included.
    """
    high = text.encode("utf-16-be", "surrogatepass")[::2]
    assert normalise._han_count(high) == sum("\u4e00" <= char <= "\u9fff" for char in text)


@given(st.text(st.sampled_from(["商", "會", "a", " ", *INVISIBLE]), max_size=40))
def test_drop_invisible_removes_exactly_the_invisible_characters(text: str) -> None:
    """Every invisible format character goes, and nothing else."""
    assert drop_invisible(text) == "".join(c for c in text if c not in INVISIBLE)
    assert has_invisible(text) is any(c in INVISIBLE for c in text)


def test_view_drops_pinyin_and_maps_matches_back() -> None:
    """The matching view drops pinyin in brackets; a match maps back to the characters read."""
    from partycases.text.normalise import make_view

    text = "墨川茶業(yè)協(xié)會成立"
    view = make_view(text, fold(text))
    assert view.text == "墨川茶业协会成立"
    start = view.text.index("茶业协会")
    a, b = view.span(start, start + 4)
    assert text[a:b] == "茶業(yè)協(xié)會"


def test_view_keeps_full_width_question_marks_and_drops_lost_characters() -> None:
    """ASCII ? runs (lost characters) are dropped; a full-width question mark is kept."""
    from partycases.text.normalise import make_view

    text = "協會??成立嗎？"
    view = make_view(text, fold(text))
    assert view.text == "协会成立吗?"
    assert [view.position(i) for i in range(len(text))] == [0, 1, 2, 2, 2, 3, 4, 5]


def test_two_digit_years_do_not_depend_on_today() -> None:
    """06年 is 2006 and 98年 is 1998 whatever the date: the same text gives the same case."""
    import warnings

    import partycases as pc

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        new = pc.parse_text("北溪市網絡作家協會成立於06年。")
        old = pc.parse_text("北溪市網絡作家協會成立於98年。")
    assert str(new.organisations[0].founded) == "2006"
    assert str(old.organisations[0].founded) == "1998"


@given(
    st.text(
        st.sampled_from(["，", "：", "（", "）", "　", "“", "”", "『", "』", "會", ",", "a", "﹁"])
    )
)
def test_half_width_is_the_folding_table(text: str) -> None:
    """The pass-per-character replacement gives what translating through the table gives."""
    from partycases.text.normalise import _TABLE, _half_width

    assert _half_width(text) == text.translate(_TABLE)


#: The view's artefacts as one alternation: the definition the three patterns must agree with.
_ONE_PATTERN = re.compile(
    r"(?<=[\u3400-\u9fff])\((?=[a-zü]{0,6}[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])"
    r"[a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,7}[1-5]?\)"
    rf"|[{_INVISIBLE_CLASS}]"
    r"|\?+"
)


@given(
    st.lists(
        st.sampled_from(["協", "會", "(", ")", "xié", "e", "ǎ", "3", "?", "？", "a", *INVISIBLE]),
        max_size=30,
    ).map("".join)
)
def test_artefacts_match_one_alternation(text: str) -> None:
    """Pinyin, invisible characters and lost-character runs are found as one pattern finds them."""
    from partycases.text.normalise import _artefacts

    folded = fold(text)
    expected = [
        match.span()
        for match in _ONE_PATTERN.finditer(folded)
        if match.group()[0] != "?" or text[match.start()] == "?"
    ]
    assert _artefacts(text, folded) == expected


@given(st.text(st.sampled_from(["商", "會", "a", "。"]), max_size=30), st.integers(-3, 35))
def test_a_view_that_drops_nothing_maps_as_the_general_view_does(text: str, at: int) -> None:
    """The identity view answers every offset as the general mapping over one stretch would."""
    from partycases.text.normalise import View, make_view

    whole = make_view(text, fold(text))
    general = View(whole.text, (0,), (0,), len(text))
    assert type(whole) is not View  # the identity view is the one tested
    assert whole.position(at) == general.position(at)
    assert whole.origin(at) == general.origin(at)
    for end in range(-1, len(text) + 2):
        if 0 <= at <= len(text) and 0 <= end <= len(text):
            assert whole.span(at, end) == general.span(at, end)
            assert whole.outer(min(at, end), max(at, end)) == general.outer(
                min(at, end), max(at, end)
            )


def test_the_one_line_break_a_view_hides_inside_a_line_is_invisible() -> None:
    """A paragraph within one view line is read without closing up line breaks.

    Of the line breaks, only NEL can sit inside such a paragraph's input (the view
    drops it as an invisible character); the shortcut holds because field values
    drop it as invisible first. Taking NEL out of the invisible set breaks that.
    """
    from partycases.text.normalise import drop_invisible, has_invisible
    from partycases.text.parse import parse_text

    assert has_invisible("商会\x85支部")
    assert drop_invisible("商会\x85支部") == "商会支部"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PartycasesWarning)
        case = parse_text("标题\n一、背景\n江州市商会\x85成立于2013年。")
    assert [p.text for s in case.sections for p in s.paragraphs] == ["江州市商会成立于2013年。"]


@pytest.mark.parametrize("unit", ["商会", "商会,"])
@pytest.mark.parametrize("at", [0, 2_000])
@pytest.mark.parametrize("odd", ["\U000205e3", "\u346e"])
def test_is_traditional_where_folding_crosses_u_ffff(odd: str, at: int, unit: str) -> None:
    """A character folded across U+FFFF (𠗣 to 㓆, 㑮 to 𫝈) shifts every UTF-16 unit after it.

    Compared unit by unit past it, each 商 would meet a 会 and each 会 a 商: a Simplified
    text would read as Traditional. With a comma in each unit, a block is compared unit by
    unit; without, run by run.
    """
    assert len(fold(odd).encode("utf-16-be")) != len(odd.encode("utf-16-be"))
    simplified = unit * (2_000 // len(unit))
    text = simplified[:at] + odd + simplified[at:]
    assert is_traditional(text, fold(text)) is False
    traditional = text.replace("会", "會")
    assert is_traditional(traditional, fold(traditional)) is True
