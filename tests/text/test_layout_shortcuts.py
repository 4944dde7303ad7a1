"""The layout reader's shortcuts give what the plain searches they stand for give.

Each shortcut skips a pattern on a line or text that lacks what every match needs:
a line break other than LF, four digits in a row, the word 来源, the character 期,
摄 or a caption's opening. These tests compare each with the plain form on
generated text built from the characters that matter, so a pattern widened to
match without them fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from unittest import mock

from hypothesis import example, given
from hypothesis import strategies as st

from partycases.text import layout

#: Line breaks of every kind, white space, digits, the words and marks the patterns read.
_PIECES = [
    "\n", "\r", "\r\n", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029",
    " ", "\t", "\u3000", "\xa0", "0", "1", "2", "9", "2021", "年", "月", "日", "-", "/",
    ".", ":", ":", "时", "分", "期", "第", "摄", "(", ")", "△", "▲", "▼", "◆", "图", "为",
    "来源", "来", "源", "文章", "商会", "党建", "a", "Z",
]  # fmt: skip
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _runs(text: str) -> Iterator[tuple[int, int]]:
    """The runs between line breaks of every kind: what the plain search finds."""
    return (match.span() for match in layout._BETWEEN_BREAKS.finditer(text))


def _plain_lines(text: str, most: int) -> list[tuple[int, int]]:
    """``_lines`` with every text split by the plain search, LF-only or not."""
    with mock.patch.object(layout, "_between_line_feeds", _runs):
        return layout._lines(text, most)


@given(texts, st.integers(1, 6))
@example("a\n\n b \n", 6)
@example("a\nb\rc", 6)  # a CR among LFs: every break counts
@example("\n\n\n", 6)
@example("a\nb\nc\nd", 2)
def test_lines_split_at_line_feeds_alone_as_at_every_break(text: str, most: int) -> None:
    """A text without breaks other than LF splits at its LFs into the lines the full search finds."""
    assert layout._lines(text, most) == _plain_lines(text, most)


@given(texts.map(lambda text: text.replace("\n", "")).filter(lambda text: text != ""))
@example("2021年4月5日 10:30")
@example("发布时间:2021-04-05")
@example("12345-6-7")  # four digits inside five: the match starts at the first
@example("x" * 116 + "2021-4-5")  # the year near the searched stretch's end
def test_first_timestamp_is_the_plain_search(line: str) -> None:
    """The timestamp found from runs of four digits is the one the plain search finds."""
    fast = layout._first_timestamp(line)
    plain = layout.TIMESTAMP.search(line, 0, 120)
    assert (fast and fast.span()) == (plain and plain.span())


@given(texts)
@example("文章来源:青岚日报")
@example("来 源:")
@example("来源 :青岚")
def test_source_is_found_where_the_plain_search_finds_it(line: str) -> None:
    """A line holds the source label when the plain search finds it there."""
    assert layout._has_source(line) == (layout.SOURCE.search(line) is not None)


def _plain_is_chrome(line: str) -> bool:
    """is_chrome with its issue-line and caption tests as plain searches."""
    in_line, at_start, _ = layout._chrome_words()
    bare = line.lstrip("【[(『「 ").rstrip()
    if bare.startswith(at_start):
        return True
    if line.count(">") >= 2 or "»" in line:
        return len(line) <= 120
    if len(line) <= 40 and in_line.search(line) is not None:
        return True
    return (len(line) <= 30 and layout.ISSUE_LINE.search(line) is not None) or (
        len(line) <= 60 and layout.CAPTION.search(line) is not None
    )


@given(texts.map(lambda text: text.replace("\n", "")))
@example("社会组织党建 2021年4期")
@example("2021年第12期")
@example("(青岚 摄)")
@example("图为:活动现场")
@example("△ 活动现场")
@example("◆ 会员大会")
def test_chrome_word_tests_skip_only_lines_no_pattern_matches(line: str) -> None:
    """The issue line is tried only with 期 and the caption only with 摄 or an opening: both exact."""
    assert layout.is_chrome(line) == _plain_is_chrome(line)
