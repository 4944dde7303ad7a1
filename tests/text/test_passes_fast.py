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

from partycases.text.facts import counts, dates


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
def test_every_member_count_holds_what_its_skip_looks_for(text: str) -> None:
    """Each member count, and each count of party members, holds its pattern's near form."""
    members = [m.span() for m in counts.MEMBERS.finditer(text)]
    assert _spans_hold(members, text, counts.MEMBERS_NEAR)
    party = [m.span() for m in counts.PARTY_MEMBERS.finditer(text)]
    assert _spans_hold(party, text, counts.PARTY_NEAR)
