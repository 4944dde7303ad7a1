"""Published case texts of any size, with the fact density of a real one, for the parser benchmark.

One document per size, not several glued together: after a document's source
line the parser keeps what follows as unparsed text, so a concatenation would
measure the cheap path for everything but the first document. Here the body
grows instead: more subsections, each with paragraphs whose sentences state
foundings, member counts, honours, activities and works, so a text ten times
longer holds about ten times the facts.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Final

__all__ = ["KIND_SENTENCES", "REPEATED_UNITS", "SENTENCE_KINDS", "kind_text", "published_text"]

#: Units of text whose repetition once made a pass of the parser quadratic: each
#: is repeated to a given length, and fourfold the length must cost about
#: fourfold (steps in the tests, time in the benchmark).
REPEATED_UNITS = {
    "founding sentences": "成立2013年。",
    "theme education run": "主题教育",
    "quoted campaigns in one sentence": "开展「学习」主题教育,",
    "works and honours in one sentence": "《作品》获得荣誉证书,",
    "names and honours in one sentence": "天津市某某商会被天津市委网信办评为示范点,",
    "decisions and honours": "某部印发《关于命名的决定》,天津市商会荣获示范点,",
    "name lines": "天津市商会\n",
    "dated events": "2019年10月1日,支部党员观看国庆阅兵,",
    "quoted activities in one sentence": "商会开展“红网工程”活动、",
    "events in one sentence": "第三届网络文化论坛、",
    "date ranges then activities": "2021年3月至6月,开展“清朗”行动,",
    "months then activities in one sentence": "同年11月,举办首届斗茶大赛、",
    "declared short names": "天津市某某商会成立(以下简称“某某会”),某某会开展活动,",
    "grown member counts": "会员从最初的30多家发展到如今的130余家,",
    "honour list lines": "所获荣誉\n2017年 先进社会组织(天津市民政局)\n",
    "page breaks": "天津市商会开展活动,把党员凝聚在网点一线和服务\n案例汇编\n— 3 —\n",
    "bar rows": "先进社会组织 | 文明单位 | 示范商会 | 五好商会\n",
    "facts across page breaks": (
        "天津市某某商会被评为先进单位,组织党员走访会员企业,开展志愿服务活动和学习教育活动以及\n— 3 —\n"
    ),
    "lines ending at carriage returns": "协会党支部设立驿站开展志愿服务活动和学习\r",
}


def repeated(unit: str, length: int) -> str:
    """``unit`` repeated to at most ``length`` characters."""
    return unit * (length // len(unit))


_NUMERALS = "一二三四五六七八九"
_PLACES = ["北溪市", "南嶼市", "東海省", "江州市", "青川市", "長河市", "雲嶺市", "臨川區"]
_FIELDS = ["網絡文化", "數字出版", "新媒體", "網絡直播", "電子商務", "網絡視聽", "互聯網"]
_KINDS = ["商會", "協會", "聯合會"]
_TITLES = ["先進社會組織", "五星級黨組織", "文明單位", "優秀創新案例", "「四好」商會"]
_LEVELS = ["市級", "省級", "區級"]
_CAMPAIGNS = ["網絡公益", "清朗網絡", "數字鄉村", "紅色足跡", "誠信經營", "青年創業"]
_CAMPAIGN_ENDS = ["進萬家", "在行動", "同心行", "我先行", "大講堂"]
_SYLLABLES = "燈火江畔雲山初心星河春風歸途晨光長路"
_QUALIFIERS = ["", "近", "超過"]
_FILLER = [
    "商會堅持把黨建工作與行業發展一起謀劃、一起推進,會員之間的聯繫更加緊密。",
    "支部把學習教育融入日常工作,黨員在行業服務中走在前面,帶動會員企業守法經營。",
    "通過線上線下相結合的方式,把分散在各地的黨員組織起來,做到活動有安排、學習有記錄。",
    "針對會員企業遇到的難題,支部組織黨員上門走訪,收集意見建議並及時回應。",
    "在網絡空間傳播正能量,引導從業人員自覺抵制網絡謠言,營造清朗的網絡環境。",
    "堅持以服務凝聚人心,搭建交流平臺,讓會員企業在資源共享中共同成長。",
    "黨員骨幹帶頭參與公益活動,把黨組織的溫暖送到基層一線。",
]


def _organisation(rng: random.Random) -> str:
    return f"{rng.choice(_PLACES)}{rng.choice(_FIELDS)}{rng.choice(_KINDS)}"


def _founding(rng: random.Random, number: int, place: str, year: int) -> str:
    return (
        f"{_organisation(rng)}成立於{year}年{rng.randint(1, 12)}月,"
        f"是經{place}民政局批准登記的社會組織,"
        f"現有{rng.choice(_QUALIFIERS)}{rng.randint(20, 900)}家會員單位。"
    )


def _honour_won(rng: random.Random, number: int, place: str, year: int) -> str:
    return f"{year}年,{_organisation(rng)}榮獲「{rng.choice(_TITLES)}」稱號。"


def _honour_conferred(rng: random.Random, number: int, place: str, year: int) -> str:
    return (
        f"{year}年被{place}委組織部、{place}委網信辦評為"
        f"第{rng.randint(1, 5)}批{rng.choice(_LEVELS)}黨建工作示範點。"
    )


def _dated_activity(rng: random.Random, number: int, place: str, year: int) -> str:
    return (
        f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日,"
        f"支部組織黨員開展「{rng.choice(_CAMPAIGNS)}{rng.choice(_CAMPAIGN_ENDS)}」主題黨日活動。"
    )


def _work(rng: random.Random, number: int, place: str, year: int) -> str:
    title = "".join(rng.sample(_SYLLABLES, rng.randint(2, 4))) + str(number)
    return (
        f"支部組織會員企業創作微視頻《{title}》,"
        f"獲得{place}委網信辦頒發的榮譽證書,並在{place}新聞網等平臺展播。"
    )


def _no_fact(rng: random.Random, number: int, place: str, year: int) -> str:
    return rng.choice(_FILLER)


#: The kinds of sentence the benchmark's pages are made of, by name: five state a fact (about
#: 36% of a page's bytes between them), the last none (about 64%).
SENTENCE_KINDS: Final[dict[str, Callable[[random.Random, int, str, int], str]]] = {
    "a founding and a member count": _founding,
    "an honour won": _honour_won,
    "an honour conferred by two bodies": _honour_conferred,
    "a dated activity": _dated_activity,
    "a work, its certificate and its platform": _work,
    "no fact": _no_fact,
}
_DRAWN = tuple(SENTENCE_KINDS.values())
#: Sentences on each page of one kind (:func:`kind_text`) in the benchmark's full run.
KIND_SENTENCES: Final = 160


def _sentence(rng: random.Random, number: int) -> str:
    """One sentence of the genre: five in fourteen state a fact, about as in a published case.

    The kind is drawn at random rather than in turn, so a short text is no
    denser in facts than a long one.
    """
    place = rng.choice(_PLACES)
    year = rng.randint(2005, 2023)
    return _DRAWN[min(rng.randrange(14), 5)](rng, number, place, year)


def _head(rng: random.Random) -> list[str]:
    """A page's title, timestamp, editor's note and first section, naming its subject."""
    subject = _organisation(rng)
    return [
        f"{subject[:3]}網絡社會組織黨建案例(典型案例{rng.randint(1, 30)})",
        "2023-05-23 16:34:54",
        f"【編者按】本期分享{subject}黨支部的黨建工作做法。",
        "一、案例背景",
        f"{subject}成立於2013年9月,現有近300家會員單位。",
        "二、主要做法",
    ]


_TAIL = ("三、工作成效", _FILLER[0], "來源: 中國網絡社會組織聯合會")


def _subsection(number: int) -> str:
    # Subsections numbered 一 … 九, then again: the structure stays the genre's.
    return f"({_NUMERALS[number % 9]})抓黨建,促發展。"


def published_text(size: int, *, seed: int = 0) -> str:
    """A Traditional-script case text of at least ``size`` UTF-8 bytes, the same for the same seed."""
    rng = random.Random(seed)
    head = _head(rng)
    lines = list(head)
    length = sum(len(line.encode()) + 1 for line in (*head, *_TAIL))
    subsection, sentences, number = 0, 0, 0
    while length < size:
        if sentences % 40 == 0:
            heading = _subsection(subsection)
            lines.append(heading)
            length += len(heading.encode()) + 1
            subsection += 1
        paragraph = "".join(_sentence(rng, number + k) for k in range(4))
        number += 4
        sentences += 4
        lines.append(paragraph)
        length += len(paragraph.encode()) + 1
    return "\n".join([*lines, *_TAIL]) + "\n"


def kind_text(kind: str, count: int, *, seed: int = 0) -> str:
    """A case text laid out as :func:`published_text`'s, whose body is ``count`` sentences of one kind.

    ``kind`` names one of :data:`SENTENCE_KINDS`; sentences go four to a paragraph, forty to a
    subsection, each with its own place and year as on the benchmark's pages.
    """
    write = SENTENCE_KINDS[kind]
    rng = random.Random(seed)
    lines = _head(rng)
    for number in range(0, count, 4):
        if number % 40 == 0:
            lines.append(_subsection(number // 40))
        lines.append(
            "".join(
                write(rng, k, rng.choice(_PLACES), rng.randint(2005, 2023))
                for k in range(number, min(number + 4, count))
            )
        )
    return "\n".join([*lines, *_TAIL]) + "\n"
