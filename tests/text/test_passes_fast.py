"""The facts pass skips work that cannot find anything: each skip finds what the plain form did.

A skip rests on a pattern's shape (every member count holds its noun near a digit,
every platform phrase ends in a publishing verb, …) or on what an object holds.
These tests compare the skipping form with the plain one on generated text, so a
pattern widened past what its skip allows fails here instead of losing facts.
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from partycases.text.facts import activities, counts, dates, honours, works


@given(
    st.text(alphabet="0129月日同当-a,", max_size=30),
    st.none() | st.integers(1990, 2030),
    st.none() | st.integers(1990, 2030),
)
@example("同当2019-2020", 2019, 2018)
def test_a_sentence_without_nian_reads_only_the_year_carried_in(
    text: str, carried: int | None, last: int | None
) -> None:
    """The second pass reuses one sentence's years for the next when neither states a year.

    That holds while a sentence without 年 states no year: its years are the carried one
    at every offset, whatever the year stated last before.
    """
    years = dates.Years(text, 0, len(text), carried, last)
    assert not years.offsets
    assert years.last == carried
    assert all(years.at(at) == carried for at in range(len(text) + 1))
    assert all(years.stated(at, 0) is None for at in range(len(text) + 1))
    assert all(years.date_stated(at, 0) is None for at in range(len(text) + 1))


_MEMBER_PIECES = [
    *("近", "约", "大约", "超过", "超", "逾", "已达", "达", "共", " "),
    *("1", "23", "4567", "余", "多", "以上", "家", "名", "个", "位", "人"),
    *("会员单位", "会员企业", "会员", "成员单位", "成员企业", "理事单位"),
    *("总数", "数量", "人数", "已", "发展到", "增至", "达到", "为", "有", "了"),
    *("正式", "共产", "中共", "党员", "其中", "商会", ",", "。"),
    *("从", "由", "最初的", "发展到", "增加到", "如今", "现在的", "多达", "户", "规模"),
]


def _spans_hold(spans: list[tuple[int, int]], text: str, near: re.Pattern[str]) -> bool:
    """Whether ``near`` finds a match inside each of the spans of ``text``."""
    return all(near.search(text, start, end) is not None for start, end in spans)


@given(st.lists(st.sampled_from(_MEMBER_PIECES), max_size=14).map("".join))
@example("现有近300家会员单位")
@example("会员企业总数已发展到了超过300家")
@example("成员单位数量增加到了逾1234567个")
@example("会员400余名")
@example("共 50 以上 家理事单位")
@example("党员总数达超过23名")
@example("有8多人中共党员")
@example("有8名中共党员")
@example("共50位会员")
@example("会员企业从最初的60多家发展到现在的380余家")
@example("党员人数由最初的5名增加到如今的23名")
@example("会员规模从2013年的50户扩大到近200户")
def test_every_member_count_holds_what_its_skip_looks_for(text: str) -> None:
    """Each member count, and each count of party members, holds its pattern's near form."""
    members = [m.span() for m in counts.MEMBERS.finditer(text)]
    assert _spans_hold(members, text, counts.MEMBERS_NEAR)
    party = [m.span() for m in counts.PARTY_MEMBERS.finditer(text)]
    assert _spans_hold(party, text, counts.PARTY_NEAR)


_PLATFORM_PIECES = [
    *("在", "央视网", "新闻网", "、", "等", "平台", "网站", "媒体"),
    *("展播", "播出", "发布", "刊发", "刊登", "转载", "上线", "展", "播", ",", "。"),
]


@given(st.lists(st.sampled_from(_PLATFORM_PIECES), max_size=12).map("".join))
@example("在央视网等平台展播")
@example("在新闻网、央视网等媒体转载")
@example("在央视网上线")
def test_every_platform_phrase_holds_a_platform_verb(text: str) -> None:
    """A sentence without a platform verb is not scanned for a platform phrase."""
    for match in works.PLATFORM.finditer(text):
        assert works.PLATFORM_VERBS.search(text, match.start(), match.end()) is not None


@given(
    st.lists(
        st.sampled_from(["荣誉称号", "光荣称号", "称号", "荣誉", "行列", "名单", "之一", "等"])
        | st.sampled_from(["先进", "单位", "号", "\n", " ", "a"]),
        max_size=6,
    ).map("".join),
    st.integers(0, 2),
)
@example("先进单位称号\n", 0)
@example("先进单位等\n", 0)
@example("先进单位名单", 0)
def test_a_title_with_a_trailer_ends_in_a_trailers_end(text: str, cut: int) -> None:
    """_trim searches for a trailer only in a title whose last character can end one."""
    end = max(0, len(text) - cut)
    if honours.TITLE_TRAILERS.search(text, 0, end) is not None:
        assert text[end - 1] in honours.TRAILER_ENDS


_DATED_PIECES = [
    *("2019年", "10月", "1日", "3", "月", "日", ")", " ", ",", "今天(", "支部", "党员"),
    *("一起", "观看", "参观", "召开", "组织", "大阅兵", "座谈会", "。", "a", "日常", "\n"),
]


@given(st.lists(st.sampled_from(_DATED_PIECES), max_size=12).map("".join), st.integers(0, 3))
@example("2019年10月1日,支部党员一起观看大阅兵", 0)
@example("今天(10月1日),支部召开座谈会", 0)
@example("\n10月1日,支部召开座谈会", 0)
@example("支部党员日常10月1日,召开座谈会", 0)
@example("a支部党员10月1日,召开座谈会", 0)
@example("支部党员日常ab10月1日,召开座谈会", 0)
@example("支部党员日常abc10月1日,召开座谈会", 0)
def test_early_dated_events_are_the_searchs_within_eight_characters(text: str, start: int) -> None:
    """A dated event is kept only when it starts at most 8 characters in: one match finds it."""
    end = min(len(text), start + 120)
    plain = activities.DATED_EVENT.search(text, start, end)
    if plain is not None and plain.start() - start > 8:
        plain = None
    early = activities.EARLY_DATED_EVENT.match(text, start, end)
    if plain is None:
        assert early is None
    else:
        assert early is not None
        for group in ("date", "who", "verb", "what"):
            assert early.span(group) == plain.span(group)
        assert (early.start("date"), early.end()) == plain.span()


def _found(pattern: re.Pattern[str], text: str, start: int) -> list[object]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text, start)]


@given(st.lists(st.sampled_from(_MEMBER_PIECES), max_size=14).map("".join), st.integers(0, 3))
@example("现有近300家会员单位", 0)
@example("会员企业总数已发展到了超过300家", 0)
@example("大约 1234567 以上 家会员", 0)
@example("共 50 以上 家理事单位", 1)
@example("成员单位数量增加到了逾1234567个", 0)
def test_member_counts_tried_at_their_openings_are_finditers(text: str, start: int) -> None:
    """MEMBERS tried only where a match can open finds the plain pattern's matches."""
    assert _found(counts.MEMBERS_AT, text, start) == _found(counts.MEMBERS, text, start)


_FOUNDED_PIECES = [
    *("成立", "于", "时间为", "时间:", " ", "2013", "06", "1", "年", "9", "月", "份", "日"),
    *("正式", "登记", "注册", "挂牌", "大会", "自", "以来", "商会", ",", "。", "a"),
]


@given(st.lists(st.sampled_from(_FOUNDED_PIECES), max_size=14).map("".join), st.integers(0, 3))
@example("成立于2013年9月", 0)
@example("2016年4月份正式登记成立", 0)
@example("12016年4月成立", 1)
@example("成立时间: 06 年 9 月 1 日", 0)
@example("2013年成立大会", 0)
@example("06年成立", 0)
def test_founding_dates_tried_at_their_openings_are_finditers(text: str, start: int) -> None:
    """FOUNDED tried only at 成 and digits finds the plain pattern's matches."""
    assert _found(dates.FOUNDED_AT, text, start) == _found(dates.FOUNDED, text, start)
