"""The facts pass skips a pattern on a sentence that lacks a character every match holds.

Each skip is exact only while its pattern cannot match without that character.
These tests read the patterns' structure, so a pattern widened to match without
it (say, member counts written 三百家) fails here instead of going unread.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from partycases.text.facts import counts, dates, works

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
