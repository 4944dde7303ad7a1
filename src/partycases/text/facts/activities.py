"""Activities: named campaigns and programmes, events, visits and dated events.

A name in quotation marks with a head noun from ``data/activity_heads.tsv``
(“云端先锋”工程, “青商领航”计划), an unquoted name ending in an event head
(长三角青年企业家论坛), a visit (参观…, 赴…瞻仰…) or a dated event
(2019年10月1日,…观看…). Routine practices from ``data/routine.tsv`` (三会一课,
主题党日活动) are not activities.
"""

from __future__ import annotations

import functools
import re
from typing import Final

import attrs

from partycases.models import ActivityKind
from partycases.text import lexicon
from partycases.text.normalise import is_han

__all__ = ["ActivityMatch", "find_activities", "is_routine"]

Span = tuple[int, int]
#: 將「兩學一做」常態化制度化 / 推进「某某」活动
CAMPAIGN: Final = re.compile(
    r"(?:将|把|开展|推进|深化|落实|坚持|推动)「(?P<name>[^「」]{2,12})」(?=学习教育|常态化|制度化)"
)
#: 参观檀溪市廉政教育基地 / 赴城南烈士陵园瞻仰革命先烈 / 前往…开展…
VISIT: Final = re.compile(r"(?:赴|前往|参观|瞻仰)(?P<where>[^,。;!?、]{3,28})")
VISIT_END: Final = re.compile(r"并|开展|进行|接受|学习|重温|缅怀|举行|,")
#: 2019年10月1日,支部黨員與…觀看國慶大閱兵實況轉播 / 10月24日,… / 今天(10月24日),…
DATED_EVENT: Final = re.compile(
    r"(?P<date>(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日)\)?\s{0,2},?\s{0,2}(?P<who>[^,。;]{0,60}?)"
    r"(?:一起|一道|共同)?(?P<verb>观看|收看|参观|参加|举办|举行|开展|召开|走进|来到|组织)(?P<what>[^,。;]{2,40})"
)
#: Words that end an event's name when reading left: 参加…论坛, 召开…推进会.
EVENT_STOPS: Final = frozenset(
    [
        "参加",
        "出席",
        "举办",
        "举行",
        "召开",
        "承办",
        "主办",
        "协办",
        "组织",
        "开展",
        "启动",
        "筹办",
        "参与",
        "邀请",
        "每年",
        "定期",
        "积极",
        "成功",
        "还",
        "并",
        "和",
        "与",
        "及",
        "在",
        "的",
        "了",
        "是",
        "将",
        "把",
        "于",
        "等",
        "由",
        "向",
        "为",
        "其",
        "年",
        "月",
        "日",
        "以",
        "通过",
        "联合",
        "共同",
        "一起",
        "一同",
    ]
)
#: A dated event that starts at most 8 characters into its sentence, the only ones kept: a
#: lazy run of up to 8 characters before it makes one match try 9 positions where a
#: search would try every one up to the sentence's 120th.
EARLY_DATED_EVENT: Final = re.compile(r"(?s:.){0,8}?(?:" + DATED_EVENT.pattern + ")")
VISIT_WORDS: Final = re.compile("赴|前往|参观|瞻仰")
#: What the quoted, visit and dated detectors each need: 「, a visit word's last character, 日.
MARKS: Final = frozenset("「赴往观仰日")
VISIT_ENDS: Final = frozenset("赴往观仰")
NAME_MAX: Final = 24
#: Event heads that name an event on their own: 召开成立大会.
BARE_EVENTS: Final = frozenset(["成立大会", "会员大会", "表彰大会"])


@attrs.define
class ActivityMatch:
    """An activity found in a sentence: its span, kind and, for a dated event, its date text."""

    start: int
    end: int
    kind: ActivityKind
    date: str | None = None
    who: Span | None = None
    verb_start: int | None = None


@functools.cache
def _quoted() -> re.Pattern[str]:
    heads = "|".join(map(re.escape, lexicon.activity_heads()["quoted"]))
    return re.compile(
        r"「(?P<name>[^「」]{2,30})」(?P<extra>[\u3400-\u9fff]{0,8}?)(?P<head>" + heads + ")"
    )


@functools.cache
def _quoted_whole() -> re.Pattern[str]:
    """A quoted name that ends in its own head: “光盘行动”, “红色驿站·暖心行动”."""
    heads = "|".join(map(re.escape, lexicon.activity_heads()["quoted"]))
    return re.compile(r"「(?P<name>[^「」]{2,28}?(?P<head>" + heads + "))」")


@functools.cache
def _events() -> re.Pattern[str]:
    # 会员 ends no event: 广大会员 holds 大会.
    heads = "|".join(
        re.escape(head) + ("(?!员)" if head.endswith("会") else "")
        for head in lexicon.activity_heads()["event"]
    )
    return re.compile("(?:" + heads + ")")


def is_routine(name: str) -> bool:
    """Whether a (folded) activity name is a routine practice (三会一课, 主题党日活动)."""
    return any(practice in name for practice in lexicon.routine())


_is_han = is_han


@functools.cache
def _event_boundary() -> re.Pattern[str]:
    stops = sorted(EVENT_STOPS - {"年"}, key=lambda word: (-len(word), word))
    # 年 ends a name after a number (2023年年会) but not in 青年 or 2021年度.
    return re.compile("|".join(stops) + r"|(?<=[0-9])年(?!度)|[^\u3400-\u9fff0-9·()]")


def _event_start(folded: str, start: int, head_start: int) -> int:
    """Where an event's name starts, at most ``NAME_MAX`` characters back.

    That is after the last stop word, or other character a name cannot hold.
    """
    position = max(start, head_start - NAME_MAX)
    for match in _event_boundary().finditer(folded, position, head_start):
        position = match.end()
    return position


def find_activities(
    folded: str, start: int, end: int, marks: str | None = None
) -> list[ActivityMatch]:
    """Activity candidates in a sentence, longest first where they overlap.

    ``marks``, when given, holds every character of :data:`MARKS` the sentence holds:
    the detectors that need one it lacks are not tried.
    """
    found: list[ActivityMatch] = []
    heads = lexicon.activity_heads()
    quoted = "「" in marks if marks is not None else folded.find("「", start, end) >= 0
    taken = len(found)
    for match in _quoted().finditer(folded, start, end) if quoted else ():
        if is_routine(match["name"]):
            continue
        found.append(
            ActivityMatch(match.start(), match.end(), ActivityKind(heads["quoted"][match["head"]]))
        )
    # Quoted names before a head word start where a whole quoted name would: those are taken.
    opened = {item.start for item in found[taken:]}
    for match in _quoted_whole().finditer(folded, start, end) if quoted else ():
        if (
            match.start() in opened
            or is_routine(match["name"])
            # (以下简称“驿站项目”): a short name declared, not an activity of its own.
            or folded.endswith(
                ("简称", "简称为", "称"), max(start, match.start() - 3), match.start()
            )
        ):
            continue
        found.append(
            ActivityMatch(match.start(), match.end(), ActivityKind(heads["quoted"][match["head"]]))
        )
    for match in CAMPAIGN.finditer(folded, start, end) if quoted else ():
        if is_routine(match["name"]):
            continue
        found.append(
            ActivityMatch(match.start("name") - 1, match.end("name") + 1, ActivityKind.CAMPAIGN)
        )
    # One search decides for the many sentences that name no event; the scan starts at the first.
    events = _events()
    first_event = events.search(folded, start, end)
    for match in events.finditer(folded, first_event.start(), end) if first_event else ():
        name_start = _event_start(folded, start, match.start())
        bare = match.group() in BARE_EVENTS
        if (match.start() - name_start < 2 and not bare) or is_routine(
            folded[name_start : match.end()]
        ):
            continue
        if folded[name_start - 1 : name_start] == "」":
            continue  # the quoted detector's
        end_at = match.end()
        found.append(ActivityMatch(name_start, end_at, ActivityKind(heads["event"][match.group()])))
    visits = (marks is None or not VISIT_ENDS.isdisjoint(marks)) and VISIT_WORDS.search(
        folded, start, end
    )
    for match in VISIT.finditer(folded, start, end) if visits else ():
        stop = VISIT_END.search(folded, match.start("where"), match.end())
        where_end = stop.start() if stop is not None else match.end()
        if (
            folded[match.start() : match.start() + 1] in "赴前"
            and stop is not None
            and folded[stop.start()] not in ",并"
        ):
            # 赴城南烈士陵园瞻仰革命先烈: the errand is part of the visit.
            follow = re.compile(r"[^,。;!?]{2,16}").match(folded, stop.start())
            where_end = follow.end() if follow is not None else where_end
        if where_end - match.start("where") < 2:
            continue
        found.append(ActivityMatch(match.start(), where_end, ActivityKind.EVENT))
    dated = (marks is None or "日" in marks) and folded.find("日", start, min(end, start + 20)) >= 0
    event = EARLY_DATED_EVENT.match(folded, start, min(end, start + 120)) if dated else None
    if event is not None:
        found.append(
            ActivityMatch(
                event.start("verb"),
                event.end(),
                ActivityKind.EVENT,
                date=event["date"],
                who=event.span("who"),
                verb_start=event.start("date"),
            )
        )
    if not found:  # most sentences name no activity
        return found
    found.sort(key=lambda item: (item.start, -item.end))
    kept: list[ActivityMatch] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept
