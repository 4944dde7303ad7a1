"""The facts pass skips a pattern on a sentence that lacks a character every match holds.

Each skip is exact only while its pattern cannot match without that character.
These tests read the patterns' structure, so a pattern widened to match without
it (say, member counts written 三百家) fails here instead of going unread.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from partycases.text import facts, lexicon
from partycases.text.facts import activities, counts, dates, honours, works

try:  # Python 3.11 and later
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

DIGITS = frozenset("0123456789")
_REPEATS = {
    getattr(sre_constants, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(sre_constants, name)
}


def _set_within(members: list[tuple[Any, Any]], chars: frozenset[str]) -> bool:
    """Whether a character class matches only characters of ``chars``."""
    for op, value in members:
        if op is sre_constants.LITERAL:
            if chr(value) not in chars:
                return False
        elif op is sre_constants.RANGE:
            if any(chr(code) not in chars for code in range(value[0], value[1] + 1)):
                return False
        else:  # a negated class, a category (\d matches other scripts' digits too), …
            return False
    return True


def _needs(items: Any, chars: frozenset[str]) -> bool:
    """Whether every match of the parsed ``items`` consumes a character of ``chars``.

    Conservative: False whenever it cannot tell (look-arounds consume nothing).
    """
    return any(_item_needs(op, value, chars) for op, value in items)


def _item_needs(op: Any, value: Any, chars: frozenset[str]) -> bool:
    if op is sre_constants.LITERAL:
        return chr(value) in chars
    if op is sre_constants.IN:
        return _set_within(value, chars)
    if op is sre_constants.SUBPATTERN:
        # A group under (?i:…) also matches the other case of what it spells.
        return not value[1] & re.IGNORECASE and _needs(value[-1], chars)
    if op is sre_constants.BRANCH:
        return all(_needs(alternative, chars) for alternative in value[1])
    if op in _REPEATS:
        least, _, item = value
        return bool(least >= 1 and _needs(item, chars))
    return False


def needs(pattern: re.Pattern[str], chars: frozenset[str] | str) -> bool:
    """Whether every match of ``pattern`` holds a character of ``chars``."""
    if pattern.flags & re.IGNORECASE:  # (?i) matches other cases too (k: K, s: ſ)
        return False
    return _needs(sre_parse.parse(pattern.pattern, pattern.flags), frozenset(chars))


@pytest.mark.parametrize(
    ("source", "chars", "expected"),
    [
        (r"(?:近|约)?\s{0,2}[0-9]{1,7}家", DIGITS, True),
        (r"[0-9]+年|同年", "年", True),
        (r"[0-9]*家", DIGITS, False),
        (r"近[0-9]家|三百家", DIGITS, False),
        (r"(?=[0-9])家", DIGITS, False),
        (r"\d家", DIGITS, False),
        (r"[^,]家", DIGITS, False),
        (r"(?i)k", "k", False),
        (r"a(?i:k)", "k", False),
        (r"(?i:a)k", "k", True),
    ],
)
def test_needs_reads_patterns_conservatively(source: str, chars: str, expected: bool) -> None:
    assert needs(re.compile(source), frozenset(chars)) is expected


@pytest.mark.parametrize(
    ("name", "pattern", "chars"),
    [
        ("MEMBERS", counts.MEMBERS, DIGITS),
        ("PARTY_MEMBERS", counts.PARTY_MEMBERS, DIGITS),
        ("FOUNDED", dates.FOUNDED, DIGITS),
        ("YEAR", dates.YEAR, "年"),
        ("OPENING_DATE", dates.OPENING_DATE, "年"),
        ("DATE_RANGE", dates.DATE_RANGE, "年"),
        ("WORK", works.WORK, "《〈"),
    ],
)
def test_skipped_patterns_need_the_character_tested(
    name: str, pattern: re.Pattern[str], chars: frozenset[str] | str
) -> None:
    assert needs(pattern, chars), f"{name} can match without any of {sorted(chars)}"


def test_digit_test_is_the_patterns_digits() -> None:
    assert counts.DIGIT.pattern == "[0-9]"
    assert all(counts.DIGIT.fullmatch(digit) for digit in DIGITS)
    assert counts.DIGIT.search("三百家會員單位") is None


def test_generic_before_is_tried_only_after_its_last_character() -> None:
    """_generic tries GENERIC_BEFORE only where the character before the name ends a match.

    Every alternative of the pattern ends in one character of GENERIC_BEFORE_LAST, then $.
    """
    from partycases.text.facts import organisations

    last = frozenset(organisations.GENERIC_BEFORE_LAST)
    (op, value), *rest = sre_parse.parse(organisations.GENERIC_BEFORE.pattern)
    assert op is sre_constants.BRANCH
    assert not rest
    for alternative in value[1]:
        *body, final = list(alternative)
        assert final == (sre_constants.AT, sre_constants.AT_END)
        kind, item = body[-1]
        if kind is sre_constants.SUBPATTERN:
            kind, item = list(item[-1])[-1] if len(item[-1]) == 1 else (None, None)
        if kind is sre_constants.IN:
            assert _set_within(item, last)
        else:
            assert kind is sre_constants.LITERAL
            assert chr(item) in last


@pytest.mark.parametrize(
    ("name", "pattern", "chars"),
    [
        ("the honour pattern", None, None),
        ("PLATFORM", works.PLATFORM, "在"),
        ("VISIT_WORDS", activities.VISIT_WORDS, activities.VISIT_ENDS),
    ],
)
def test_detectors_gated_on_a_sentences_marks_need_a_marked_character(
    name: str, pattern: re.Pattern[str] | None, chars: frozenset[str] | str | None
) -> None:
    """Honours, platforms and visits are tried only where a character they must hold is."""
    if pattern is None:  # built from the lexicon on first use
        pattern, chars = honours._pattern(), honours.verb_ends()
    assert chars is not None
    assert needs(pattern, chars), f"{name} can match without any of {sorted(chars)}"


def test_every_character_gating_a_detector_is_one_a_sentence_is_read_for() -> None:
    """The sentence's marks hold every character a gate tests: a missing one would skip facts."""
    marks = facts._marks()
    for char in (*"《〈立、级A年", *activities.MARKS, *honours.verb_ends()):
        assert marks.fullmatch(char), char
    for pattern, _field, words, ends in facts.RELATIONS:
        assert ends == {word[-1] for word in words.pattern.split("|")}, pattern.pattern
        assert ends <= facts.MARKS
    assert {word[-1] for word in activities.VISIT_WORDS.pattern.split("|")} == set(
        activities.VISIT_ENDS
    )


_HONOUR_PIECES = [
    "被",
    "市委",
    "区民政局",
    "连续3年",
    "连续三年",
    "评估为",
    "评定",
    "为",
    "4A级",
    "先进集体",
    "「五好」称号",
    "的",
    "授予",
    ",",
    "。",
    ";",
    ".5",
    "支部",
]


@given(
    st.lists(st.sampled_from(_HONOUR_PIECES + sorted(lexicon.honour_verbs())), max_size=14).map(
        "".join
    )
)
@example("支部连续3年荣获先进集体。")
@example("商会被市委评为先进集体,")
@example("2020年评估为4A级社会组织。")
def test_honour_matches_start_where_finditer_finds_them(text: str) -> None:
    """Honours tried only at the characters a match can start with are finditer's matches."""
    pattern = honours._pattern()
    for start, end in ((0, len(text)), (min(2, len(text)), max(0, len(text) - 1))):
        expected = [m.span() for m in pattern.finditer(text, start, end)]
        assert [m.span() for m in honours._matches(text, start, end)] == expected


@given(st.text(alphabet="。!?;.0123a", max_size=40))
def test_sentence_ends_are_the_stops_and_a_full_stop_before_no_digit(text: str) -> None:
    """The sentence-end pattern opens with a class; it ends sentences where the plain one did."""
    plain = re.compile(r"[。!?;]|\.(?![0-9])")
    assert [m.span() for m in facts.SENTENCE_END.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]


@given(st.text(alphabet="0129年月日同当-a", max_size=40), st.integers(0, 3))
@example("31999年", 0)
@example("同年2020年3月5日,当年", 0)
@example("12019-2020年", 1)
def test_years_are_the_plain_patterns_years(text: str, start: int) -> None:
    """The year pattern opens with a class; it finds the years, months and days the plain one did."""
    plain = re.compile(
        r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})"
        r"(?:年(?:(?P<month>[0-9]{1,2})月(?:(?P<day>[0-9]{1,2})日)?)?|-[0-9]{4}年)"
        r"|(?P<same>同年|当年)"
    )

    def found(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], str | None, str | None]]:
        return [(m.span(), m["month"], m["day"]) for m in pattern.finditer(text, start)]

    assert found(dates.YEAR) == found(plain)


@example("一二三四是", 0)
@example("一是二是三是", 1)
@example("十一是是", 0)
@given(st.text(alphabet="一二三十百是,。a", max_size=30), st.integers(0, 3))
def test_items_found_from_each_shi_are_the_item_patterns(text: str, start: int) -> None:
    """Enumerated items (一是) found from each 是 are the spans ITEM's finditer gives."""
    from partycases.text import layout

    expected = [m.span() for m in layout.ITEM.finditer(text, start, len(text))]
    assert list(layout._items(text, start, len(text))) == expected


_CONSUME_NOTHING = {
    getattr(sre_constants, name)
    for name in ("AT", "ASSERT", "ASSERT_NOT")
    if hasattr(sre_constants, name)
}


def _opening(items: Any) -> tuple[list[tuple[Any, Any]], bool]:
    """What a match of the parsed ``items`` can open with, and whether it can be empty.

    Conservative: an item it cannot read opens with ``(None, None)``; look-arounds are
    taken to allow anything (they only narrow what follows).
    """
    opens: list[tuple[Any, Any]] = []
    for op, value in items:
        first, empty = _opening_item(op, value)
        opens += first
        if not empty:
            return opens, False
    return opens, True


def _opening_item(op: Any, value: Any) -> tuple[list[tuple[Any, Any]], bool]:
    if op is sre_constants.LITERAL or op is sre_constants.IN:
        return ([(op, value)] if op is sre_constants.LITERAL else list(value)), False
    if op is sre_constants.SUBPATTERN and not value[1] & re.IGNORECASE:
        return _opening(value[-1])
    if op is sre_constants.BRANCH:
        readings = [_opening(alternative) for alternative in value[1]]
        return [item for first, _ in readings for item in first], any(e for _, e in readings)
    if op in _REPEATS:
        least, _, item = value
        first, empty = _opening(item)
        return first, empty or least == 0
    if op in _CONSUME_NOTHING:
        return [], True
    return [(None, None)], False


def _guard_allows(guard: list[tuple[Any, Any]], op: Any, value: Any) -> bool:
    """Whether the guard's class admits every character the opening ``(op, value)`` matches."""
    if op is sre_constants.CATEGORY:
        return (op, value) in guard
    if op is sre_constants.LITERAL:
        codes: range = range(value, value + 1)
    elif op is sre_constants.RANGE:
        codes = range(value[0], value[1] + 1)
    else:  # a negated class, any character, an item not read: not shown to be admitted
        return False
    return all(
        any(
            (kind is sre_constants.LITERAL and code == item)
            or (kind is sre_constants.RANGE and item[0] <= code <= item[1])
            for kind, item in guard
        )
        for code in codes
    )


def guard_is_exact(guarded: re.Pattern[str], plain: re.Pattern[str]) -> bool:
    """Whether ``guarded`` is ``(?=[class])(?:plain)`` and each match of ``plain`` opens in class."""
    parsed = list(sre_parse.parse(guarded.pattern, guarded.flags))
    if guarded.pattern[guarded.pattern.index("]") + 1 :] != f")(?:{plain.pattern})":
        return False
    if guarded.flags != plain.flags or len(parsed) != 2:
        return False
    (assert_op, (direction, inside)), _ = parsed
    if assert_op is not sre_constants.ASSERT or direction != 1 or len(inside) != 1:
        return False
    (class_op, guard), *_ = list(inside)
    if class_op is not sre_constants.IN:
        return False
    opens, empty = _opening(sre_parse.parse(plain.pattern, plain.flags))
    return not empty and all(_guard_allows(list(guard), op, value) for op, value in opens)


@pytest.mark.parametrize(
    ("name", "guarded", "plain"),
    [
        ("MEMBERS_AT", counts.MEMBERS_AT, counts.MEMBERS),
        ("FOUNDED_AT", dates.FOUNDED_AT, dates.FOUNDED),
    ],
)
def test_guarded_patterns_admit_every_opening_of_the_plain_pattern(
    name: str, guarded: re.Pattern[str], plain: re.Pattern[str]
) -> None:
    """A pattern tried only at some characters finds what it finds everywhere: it opens there."""
    assert guard_is_exact(guarded, plain), f"{name} skips a character a match can open with"


@pytest.mark.parametrize(
    ("source", "guard", "expected"),
    [
        (r"(?:近|约)?\s{0,2}[0-9]{1,7}家|会员", r"近约\s0-9会", True),
        (r"(?:近|约)?\s{0,2}[0-9]{1,7}家|会员", r"近约0-9会", False),
        (r"(?:近|约)?\s{0,2}[0-9]{1,7}家|会员", r"近约\s1-9会", False),
        (r"(?:近|大约)?[0-9]家", r"近约0-9", False),
        (r"(?<![0-9])[0-9]{2}年|成立", r"成0-9", True),
        (r"[0-9]*年", r"0-9", False),
        (r"(?:近)?", r"近", False),
        (r"[^,]年", r"0-9", False),
        (r"(?i:k)", r"k", False),
    ],
)
def test_guard_reading_is_conservative(source: str, guard: str, expected: bool) -> None:
    plain = re.compile(source)
    guarded = re.compile(f"(?=[{guard}])(?:{source})")
    assert guard_is_exact(guarded, plain) is expected
