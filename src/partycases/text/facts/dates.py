"""Dates in sentences: the year a fact belongs to, founding dates, date ranges.

Two-digit years (06年) are read as 20xx, whatever today's date: the same text
always gives the same case.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Final

from partycases.models import OrganisationKind
from partycases.text.facts.drafts import Org, Page
from partycases.text.facts.organisations import resolve
from partycases.text.facts.spans import MentionList
from partycases.values import DateRange, PartialDate

__all__ = [
    "FOUNDED",
    "FOUNDED_AT",
    "MONTH_DAY",
    "OPENING_DATE",
    "Years",
    "cjk_date",
    "date_ranges",
    "founding",
    "partial",
    "year_of",
]

#: 组建 founds a body only where nothing follows it (党支部于2016年组建,): 组建志愿服务队
#: founds the team, not the one who formed it. Nor after a verb of another body's
#: (由某局指导组建, 批复组建): the body named before it is that one.
FORMED: Final = r"(?<!批复|批准|指导|牵头|同意|支持|负责|协助|推动|帮助)组建(?=[,。;!?]|$)"
#: 成立於2013年9月 / 成立于06年 / 2016年4月成立 / 自2013年9月成立以来 / 组建于2018年 /
#: 于2016年组建,
FOUNDED: Final = re.compile(
    r"(?:成立|组建)(?:于|时间为|时间是|时间:)?\s{0,2}(?P<year>[0-9]{4}|[0-9]{2})\s{0,2}年"
    r"(?!来|以来|多|余|间|中)"
    r"(?:\s{0,2}(?P<month>[0-9]{1,2})\s{0,2}月份?(?:\s{0,2}(?P<day>[0-9]{1,2})\s{0,2}日)?)?"
    r"|(?P<year2>[0-9]{4}|(?<![0-9])[0-9]{2})年(?:(?P<month2>[0-9]{1,2})月份?(?:(?P<day2>[0-9]{1,2})日)?)?"
    r"(?:正式)?(?:(?:登记|注册|挂牌)?成立(?!大会)|" + FORMED + ")"
)
#: FOUNDED tried only at 成, 组 or a digit, where its matches start (see counts.MEMBERS_AT).
FOUNDED_AT: Final = re.compile("(?=[成组0-9])(?:" + FOUNDED.pattern + ")")
#: 2013年9月,某协会成立 / 09年12月份某协会的成立 / 2015年3月,某商会党支部正式成立 /
#: 2018年4月,某协会党支部正式组建
DATE_THEN_FOUNDED: Final = re.compile(
    r"(?P<year>[0-9]{4}|(?<![0-9])[0-9]{2})年(?:(?P<month>[0-9]{1,2})月份?(?:(?P<day>[0-9]{1,2})日)?)?"
    r"(?P<who>[^。;!?]{2,40}?)(?:的)?(?:正式)?"
    r"(?:(?:登记|注册|挂牌)?成立(?!大会|以来|了)|" + FORMED + ")"
)
#: 于2018年12月召开成立大会: a body founded at its founding meeting.
FOUNDING_MEETING: Final = re.compile(
    r"(?P<year>[0-9]{4})年(?:(?P<month>[0-9]{1,2})月(?:(?P<day>[0-9]{1,2})日)?)?"
    r"(?:正式)?(?:召开|举行)(?:了)?(?:[^,。;!?]{0,12}暨)?成立大会"
)
#: A year a fact may belong to: 2019年 / 同年 / 当年. A year is the match's first four
#: characters, not after a digit. The pattern opens with a character class so that a
#: search skips from one of its characters to the next instead of trying every position.
YEAR: Final = re.compile(
    r"[12同当](?:[09](?<=19|20)(?<![0-9]..)[0-9]{2}"
    r"(?:年(?:(?P<month>[0-9]{1,2})月(?:(?P<day>[0-9]{1,2})日)?)?|-[0-9]{4}年)"
    r"|(?<=[同当])年)"
)
#: A sentence that opens with its date: 2019年,支部… / 2019年10月1日,…
OPENING_DATE: Final = re.compile(
    r"\s{0,3}(?:19|20)[0-9]{2}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?(?:以来)?,"
)
#: A month, perhaps with its day, stated without its own year: 10月24日, 同年11月, 今年2月.
#: Not one a year stands right before (2022年9月: :data:`YEAR`'s).
MONTH_DAY: Final = re.compile(
    r"(?P<relative>同年|当年|今年|去年|前年)?(?<![0-9])(?<![0-9]年)(?<!每年)(?<![至到~—-])"
    r"(?P<month>1[0-2]|0?[1-9])月(?:(?P<day>3[01]|[12][0-9]|0?[1-9])[日号])?"
)
#: 2021年3月至2021年6月 -> a date range
DATE_RANGE: Final = re.compile(
    r"(?P<start>[0-9]{4}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?)\s{0,2}(?:至|到|—|-|~)\s{0,2}"
    r"(?P<end>(?:[0-9]{4}年)?[0-9]{1,2}月(?:[0-9]{1,2}日)?|[0-9]{4}年)"
)


def year_of(text: str) -> int:
    """A year as printed: 2013 -> 2013, 06 -> 2006, 98 -> 1998 (never today's date)."""
    value = int(text)
    if len(text) == 2:
        return value + (2000 if value < 50 else 1900)
    return value


def partial(year: str, month: str | None, day: str | None) -> PartialDate | None:
    """A partial date from printed parts, or None when they name no real date."""
    try:
        return PartialDate(year_of(year), int(month) if month else None, int(day) if day else None)
    except ValueError:
        return None


def cjk_date(text: str) -> PartialDate | None:
    """``2019年10月1日`` as a partial date, or None."""
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


def date_ranges(folded: str, start: int, end: int) -> list[tuple[int, DateRange | None]]:
    """Each date range in ``[start, end)`` (2021年3月至6月) with the offset it ends at.

    A range that names no real span of time is kept as None: it still ends the
    reach of any range before it.
    """
    found: list[tuple[int, DateRange | None]] = []
    if folded.find("年", start, end) < 0:  # every range states a year
        return found
    for match in DATE_RANGE.finditer(folded, start, end):
        first, second = cjk_date(match["start"]), match["end"]
        if first is not None and "年" not in second:
            second = f"{first.year}年{second}"
        final = cjk_date(second)
        ok = first is not None and final is not None and first.lower <= final.upper
        found.append((match.end(), DateRange(first, final) if ok else None))  # type: ignore[arg-type]
    return found


class Years:
    """The year each offset of a sentence belongs to (the last one stated before it)."""

    __slots__ = ("carried", "offsets", "parts", "years")

    def __init__(
        self, folded: str, start: int, end: int, carried: int | None, last: int | None
    ) -> None:
        """Read the years of ``folded[start:end]``.

        ``carried`` is the year earlier sentences of the paragraph stated; ``last`` the
        year stated last anywhere before, which is what 同年 at a paragraph's start means.
        """
        self.carried = carried
        # Every year the pattern reads ends in 年 (2019年, 同年): most sentences hold none,
        # and share the empty sequences below.
        if folded.find("年", start, end) < 0:
            self.offsets: Sequence[int] = ()
            self.years: Sequence[int | None] = ()
            # The printed year, month and day of each date: read into a date only when asked.
            self.parts: Sequence[tuple[str, str | None, str | None] | None] = ()
            return
        offsets: list[int] = []
        years: list[int | None] = []
        parts: list[tuple[str, str | None, str | None] | None] = []
        for match in YEAR.finditer(folded, start, end):
            offsets.append(match.start())
            year = match[0][:4]
            if year[0] in "12":
                parts.append((year, match["month"], match["day"]))
                years.append(int(year))
            else:  # 同年: the year stated last
                parts.append(None)
                years.append(years[-1] if years else carried or last)
        self.offsets, self.years, self.parts = offsets, years, parts

    def at(self, position: int) -> int | None:
        """The year stated last before ``position`` (or carried in from before)."""
        index = bisect.bisect_left(self.offsets, position)
        return self.years[index - 1] if index else self.carried

    def stated(self, position: int, start: int) -> int | None:
        """The year stated in the sentence before ``position``, not carried in."""
        index = bisect.bisect_left(self.offsets, position)
        if index and self.offsets[index - 1] >= start:
            return self.years[index - 1]
        return None

    def date_stated(self, position: int, start: int) -> PartialDate | None:
        """The full date (2021年4月) stated in the sentence before ``position``."""
        index = bisect.bisect_left(self.offsets, position)
        if index and self.offsets[index - 1] >= start:
            parts = self.parts[index - 1]
            return partial(*parts) if parts is not None else None
        return None

    @property
    def last(self) -> int | None:
        """The year the next sentence carries in."""
        return self.years[-1] if self.years else self.carried


#: What a body that registers or approves another does right after its name (某民政局登记成立).
AGENT_VERBS: Final = ("登记", "注册", "批准", "同意", "批复", "核准", "的")


def _nearest(
    mentions: MentionList, before: int, after: int, page: Page, is_agent: Callable[[int], bool]
) -> Org | None:
    chosen = None
    folded = page.folded
    for mention in mentions.between(after, before):
        if mention.end <= before and not is_agent(mention.start):
            org = resolve(page, mention)
            if org is None or (
                # 经某局同意、某民政局登记成立, 在某部的帮助下组建: the office registers or
                # helps, it is not founded.
                org.kind is OrganisationKind.GOVERNMENT_BODY
                and folded.startswith(AGENT_VERBS, mention.end)
            ):
                continue
            chosen = org
    return chosen


def founding(
    page: Page,
    start: int,
    end: int,
    mentions: MentionList,
    subject_at: Callable[[int], Org | None],
    is_agent: Callable[[int], bool],
) -> None:
    """Founding dates: 成立于2013年9月, 2013年9月某协会成立, 09年12月份某协会的成立."""
    folded = page.folded
    last_word = max(folded.rfind("成立", start, end), folded.rfind("组建", start, end))
    if last_word < 0:
        return
    # Its year's 年 comes before its 成立 or 组建: without one, the pattern is not tried.
    first_year = folded.find("年", start, end)
    dated_first = 0 <= first_year < last_word
    for match in DATE_THEN_FOUNDED.finditer(folded, start, end) if dated_first else ():
        who = _nearest(mentions, match.end("who") + 2, match.start("who"), page, is_agent)
        if who is None:  # 某协会于2014年11月经某局批准成立: the body before the date
            who = subject_at(match.start())
        date = partial(match["year"], match["month"], match["day"])
        if who is not None and date is not None and who.founded is None:
            who.founded = date
            who.evidence[match.span()] = None
    for match in FOUNDING_MEETING.finditer(folded, start, end) if dated_first else ():
        who = subject_at(match.start())
        date = partial(match["year"], match["month"], match["day"])
        if who is not None and date is not None and who.founded is None:
            who.founded = date
            who.evidence[match.span()] = None
    for match in FOUNDED_AT.finditer(folded, start, end):
        if match["year"]:
            date = partial(match["year"], match["month"], match["day"])
        else:
            date = partial(match["year2"], match["month2"], match["day2"])
        after = mentions.between(match.end(), match.end() + 2)
        # 2014年成立某协会党支部: what was founded is named right after 成立.
        who = resolve(page, after[0]) if after and match["year2"] else subject_at(match.start())
        if date is not None and who is not None and who.founded is None:
            who.founded = date
            who.evidence[match.span()] = None
