"""Synthetic cases shaped like real ones, for examples, tests and benchmarks.

Deterministic for a given seed: Chinese names and text in both scripts, 4 to 6
organisations per case, several honours, activities and works. A small pool of
organisations recurs across cases, sometimes in Traditional and sometimes in
Simplified script, so corpus-level grouping by id can be shown and measured.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from partycases.ids import make_id, organisation_id
from partycases.models import Case

__all__ = ["generate_cases"]

_PLACES = ["北溪市", "南嶼市", "東海省", "江州市", "青川市", "長河市", "雲嶺市", "臨川區"]
_FIELDS = ["網絡文化", "數字出版", "新媒體", "網絡直播", "電子商務", "網絡視聽", "互聯網"]
_KINDS = [("商會", "chamber_of_commerce"), ("協會", "association"), ("聯合會", "federation")]
_TITLES = [
    "黨建工作示範點",
    "先進社會組織",
    "五星級黨組織",
    "優秀創新案例",
    "「四好」商會",
    "文明單位",
]
_ACTIVITIES = [
    ("「不忘初心、牢記使命」主題教育", "theme_education"),
    ("主題黨日活動", "party_day"),
    ("「網絡公益進萬家」系列活動", "campaign"),
    ("組織生活會", "meeting"),
]
_WORKS = [("燈火", "micro_video"), ("江畔", "video"), ("初心", "article"), ("雲上的家", "song")]
_LEVELS = ["national", "provincial", "municipal", "district"]
#: Organisations that recur across cases (written in either script).
_SHARED = [
    "天津市文化傳媒商會",
    "天津市文化传媒商会",
    "中國網絡社會組織聯合會",
    "中国网络社会组织联合会",
]


def _to_simplified(text: str) -> str:
    from partycases.text.normalise import fold

    return fold(text)


def _case(rng: random.Random, index: int) -> Case:
    simplified = rng.random() < 0.5

    def script(text: str) -> str:
        return _to_simplified(text) if simplified else text

    place = rng.choice(_PLACES)
    suffix, kind = rng.choice(_KINDS)
    subject = script(f"{place}{rng.choice(_FIELDS)}{suffix}")
    bodies = [script(f"{place}委網信辦"), script(f"{place}民政局"), script(f"{place}委組織部")]
    shared = rng.choice(_SHARED)
    names = [subject, script(f"{subject}黨支部"), *rng.sample(bodies, rng.randint(1, 3)), shared]
    names = list(dict.fromkeys(names))
    ids = [organisation_id(name) for name in names]
    founded_year = rng.randint(1995, 2020)
    organisations = [
        {
            "id": ids[0],
            "name": subject,
            "kind": kind,
            "founded": f"{founded_year}-{rng.randint(1, 12):02d}",
            "member_count": {
                "value": rng.randint(20, 800),
                "qualifier": rng.choice(["exact", "nearly", "over"]),
            },
            "approved_by": [ids[2]],
            "location": script(place),
        },
        {"id": ids[1], "name": names[1], "kind": "party_branch", "parent_id": ids[0]},
        *(
            {"id": i, "name": n, "kind": "government_body"}
            for i, n in zip(ids[2:-1], names[2:-1], strict=True)
        ),
        {
            "id": ids[-1],
            "name": shared,
            "kind": "chamber_of_commerce" if "商" in shared else "federation",
        },
    ]
    works: list[dict[str, Any]] = []
    for stem, work_kind in rng.sample(_WORKS, rng.randint(1, 2)):
        title = script(f"{stem}{index % 97}")
        works.append(
            {
                "id": make_id("work", title),
                "title": title,
                "kind": work_kind,
                "creator_ids": [ids[1]],
            }
        )
    honours = []
    for number in range(rng.randint(2, 5)):
        title = script(rng.choice(_TITLES))
        year = rng.randint(founded_year, 2024)
        # The shared organisations win often, so corpus-wide grouping has something to show.
        recipient = rng.choice([ids[0], ids[1], ids[-1], ids[-1], *(w["id"] for w in works)])
        honours.append(
            {
                "id": make_id("honour", recipient, year, title, number),
                "title": title,
                "recipient_id": recipient,
                "awarded_by": [rng.choice(ids[2:-1] or ids[:1])],
                "date": str(year),
                "level": rng.choice(_LEVELS),
                "batch": rng.choice([None, 1, 2, 3]),
            }
        )
    activities = []
    for number, (name, activity_kind) in enumerate(rng.sample(_ACTIVITIES, rng.randint(1, 3))):
        day = dt.date(rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28))
        activities.append(
            {
                "id": make_id("activity", name, number),
                "name": script(name),
                "kind": activity_kind,
                "date": day.isoformat()[: rng.choice([4, 7, 10])],
                "organiser_ids": [ids[1]],
                "work_ids": [w["id"] for w in works][:1],
            }
        )
    paragraph = script(
        f"{subject}成立於{founded_year}年，團結會員單位，服務行業發展，傳播網絡正能量。"
    )
    return Case.model_validate(
        {
            "id": f"synthetic-{index:07d}",
            "title": script(f"{place}網絡社會組織黨建案例（典型案例{index % 50 + 1}）"),
            "series": {"name": "典型案例", "number": index % 50 + 1},
            "published_at": dt.datetime(2020, 1, 1) + dt.timedelta(minutes=index * 37),
            "language": "zh-Hans" if simplified else "zh-Hant",
            "source": {"publisher": shared, "publisher_id": ids[-1]},
            "subject_ids": ids[:2],
            "sections": [
                {
                    "kind": "background",
                    "number": 1,
                    "heading": script("案例背景"),
                    "paragraphs": [{"text": paragraph}],
                },
                {
                    "kind": "practices",
                    "number": 2,
                    "heading": script("主要做法"),
                    "paragraphs": [
                        {"marker": script("一是"), "text": paragraph},
                        {"marker": script("二是"), "text": paragraph},
                    ],
                },
            ],
            "organisations": organisations,
            "honours": honours,
            "activities": activities,
            "works": works,
            "tags": [script("網絡社會組織")],
        }
    )


def generate_cases(count: int, *, seed: int = 0) -> Iterator[Case]:
    """Yield ``count`` valid synthetic cases, the same ones for the same seed."""
    rng = random.Random(seed)
    for index in range(count):
        yield _case(rng, index)
