"""Member counts and grades: 现有近300家会员单位, 党支部现有党员9名, 5A级社会组织."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from partycases.text.facts.drafts import Org, Page
from partycases.text.facts.organisations import resolve
from partycases.text.facts.spans import MentionList
from partycases.values import Quantity

SubjectAt = Callable[[int], Org | None]

__all__ = ["grades", "members"]

#: What a count grew to: 从最初的30多家发展到如今的130余家 (the later figure is the count).
GROWTH: Final = (
    r"[从由](?![业事])[^,。;:0-9]{0,8}[0-9]{1,7}[^,。;:]{0,8}?"
    r"(?:发展到|发展至|发展为|增加到|增加至|增长到|增长至|增至|扩大到|扩大至|壮大到|壮大至|达到)"
    r"(?:了)?(?:如今|现在|目前|今天|当前|今年|现)?(?:的)?"
)
#: 現有近300家會員單位 / 会员400余名 / 超过120家会员企业 / 会员企业210余家 / 312家会员单位的… /
#: 会员企业从最初的60多家发展到现在的380余家
MEMBERS: Final = re.compile(
    r"(?P<before>近|约|大约|超过|超|逾|已达|多达|达|共)?\s{0,2}"
    r"(?P<value>[0-9]{1,7})\s{0,2}(?P<after>余|多|以上)?\s{0,2}"
    r"(?P<unit>(?:家|名|个|位)(?:会员单位|会员企业|会员|成员单位|理事单位))"
    r"|(?P<noun3>会员单位|会员企业|会员|成员单位|成员企业)(?:总数|数量|规模|人数)?"
    + GROWTH
    + r"(?P<before3>近|约|超过|逾)?(?P<value3>[0-9]{1,7})(?P<after3>余|多)?(?P<unit3>家|名|个|户)"
    r"|(?P<noun>会员单位|会员企业|会员|成员单位|成员企业)(?:总数|数量)?"
    r"(?:已)?(?:发展到|发展至|增加到|增至|达到|多达|达|为|有|共|超过)?(?:了)?"
    r"(?P<before2>近|约|超过|逾)?(?P<value2>[0-9]{1,7})(?P<after2>余|多)?(?P<unit2>家|名|个)"
)
#: MEMBERS tried only where a match can start: at one of its words before the number, at
#: white space or a digit, or at 会 or 成 of its noun. It opens with optional words, which
#: leaves a search no first character to skip to: it tries the whole pattern at every
#: position, where the look-ahead fails in a few steps. The same matches.
MEMBERS_AT: Final = re.compile(r"(?=[近约大超逾已达多共\s0-9会成])(?:" + MEMBERS.pattern + ")")
MEMBER_WORDS: Final = re.compile("会员|成员")
#: What every match of MEMBERS holds: a unit right before its noun (300家会员单位), or its
#: noun with a digit at most 11 characters on, none of them a digit (会员企业总数已发展到了
#: 超过300家: 企业, 总数, 已, 发展到, 了 and 超过 are the longest words between). MEMBERS
#: opens with optional words, so it is tried at every position: it is tried only in a
#: sentence that holds this. Each alternative opens with one character, so that a search
#: skips from one of them to the next.
MEMBERS_NEAR: Final = re.compile(
    "|".join(unit + "(?:会员|成员|理事单位)" for unit in "家名个位")
    + "|会员[^0-9]{0,11}[0-9]|成员[^0-9]{0,11}[0-9]"
    + "".join(f"|{noun}(?:单位|企业)?(?:总数|数量|规模|人数)?[从由]" for noun in ("会员", "成员"))
)
#: Every count holds a digit: a sentence without one is not scanned for counts.
DIGIT: Final = re.compile("[0-9]")
#: 现有党员18名 / 有8名共产党员 / 党员23名
PARTY_MEMBERS: Final = re.compile(
    r"(?:正式|共产|中共)?党员(?:总数|人数)?(?:达|为|有|共|" + GROWTH + r")?"
    r"(?P<before>近|约|超过)?(?P<value>[0-9]{1,5})"
    r"(?P<after>余|多)?(?P<unit>名|人)"
    r"|(?P<before2>近|约|超过)?(?P<value2>[0-9]{1,5})(?P<after2>余|多)?(?P<unit2>名|人)(?:正式|共产|中共)?党员"
)
#: What every match of PARTY_MEMBERS holds: 党员 with a digit at most 5 characters on, none
#: of them a digit (党员总数达超过23名), or 名 or 人 before it (23名正式党员). Opening with one
#: character each, like :data:`MEMBERS_NEAR`.
PARTY_NEAR: Final = re.compile(
    r"党员[^0-9]{0,5}[0-9]|党员(?:总数|人数)?[从由]|名(?:正式|共产|中共)?党员|人(?:正式|共产|中共)?党员"
)
#: Nouns that make 会员 a sub-group: 30多名会员主播 counts the hosts, not the members.
SUBGROUP: Final = re.compile(r"[\u3400-\u9fff]")
ALLOWED_AFTER: Final = ("单位", "企业", "的")
#: Words that make a count a statistic of a whole area: 全市, 全省网络社会组织.
WHOLE_AREA: Final = re.compile(r"全(?:国|省|市|区|县|镇|行业)|各(?:类|级|地)")
QUALIFIERS: Final = {
    "近": "nearly", "约": "about", "大约": "about", "超过": "over", "超": "over", "逾": "over",
    "余": "over", "多": "over", "以上": "at_least", "已达": "exact", "达": "exact", "共": "exact",
    "多达": "exact",
}  # fmt: skip
#: 「一級商會」 / 5A級社會組織 / 4A级协会
GRADE: Final = re.compile(
    r"(?P<grade>[一二三四五1-5]级(?:商会|协会|社会组织|社团)|[1-5]A级?(?:社会组织|协会|商会|社团)?)"
)
GRADE_WORDS: Final = re.compile("级|A")


def _qualifier(before: str | None, after: str | None) -> str:
    """What the words around a number say of it: 多达190余家 is over 190, 已达300家 exactly 300."""
    said = QUALIFIERS.get(before or "", "exact")
    return QUALIFIERS.get(after or "", "exact") if said == "exact" else said


def _quantity(page: Page, value: str, qualifier: str, first: int, last: int, unit: str) -> Quantity:
    return Quantity(int(value), qualifier, unit, page.read(first, last))  # type: ignore[arg-type]


def members(page: Page, start: int, end: int, mentions: MentionList, subject_at: SubjectAt) -> None:
    """Member counts: the clause's organisation (or the one right after 的) gets them."""
    folded = page.folded
    # Both patterns try every position (they open with optional words): the digit first.
    if DIGIT.search(folded, start, end) is None:
        return
    if MEMBERS_NEAR.search(folded, start, end) and MEMBER_WORDS.search(folded, start, end):
        for match in MEMBERS_AT.finditer(folded, start, end):
            if match["value"] is not None:
                value, qualifier = match["value"], _qualifier(match["before"], match["after"])
                first = match.start("before") if match["before"] else match.start("value")
                unit = page.read(*match.span("unit"))
            elif match["value3"] is not None:
                value, qualifier = match["value3"], _qualifier(match["before3"], match["after3"])
                first = match.start()
                unit = page.read(*match.span("unit3"))
            else:
                value, qualifier = match["value2"], _qualifier(match["before2"], match["after2"])
                first = match.start()
                unit = page.read(*match.span("unit2"))
            following = folded[match.end() : match.end() + 2]
            if (
                following
                and SUBGROUP.match(following)
                and not following.startswith(ALLOWED_AFTER)
                and (
                    (match["value"] is not None and not match["unit"].endswith(("单位", "企业")))
                    or match["value3"] is not None
                )
            ):
                continue  # 30多名会员主播, 发展到12个行业: a sub-group, or not members at all
            if (
                match["value3"] is not None
                and folded.find("从业", match.start(), match.start("value3")) >= 0
            ):
                continue  # 会员企业从业人员由3000名发展到5000名: the staff, not the members
            clause = max(start, folded.rfind(",", max(start, first - 40), first) + 1)
            if WHOLE_AREA.search(folded, clause, first):
                continue  # 全市共有会员企业3000余家: a statistic of the area, not of one body
            if (
                "其中" in folded[max(start, first - 6) : first]
                or folded[max(start, first - 2) : first] == "来自"
            ):
                continue
            owner = None
            if following.startswith("的"):
                after = mentions.between(match.end() + 1, match.end() + 3)
                if after:
                    owner = resolve(page, after[0])
            if owner is None:
                owner = subject_at(first)
            if owner is None or owner.member_count is not None:
                continue
            if owner.party and page.primary is not None and not page.primary.party:
                owner = page.primary
                if owner.member_count is not None:
                    continue
            owner.member_count = _quantity(page, value, qualifier, first, match.end(), unit)
            owner.evidence[first, match.end()] = None
    if PARTY_NEAR.search(folded, start, end) is not None:
        for match in PARTY_MEMBERS.finditer(folded, start, end):
            if "其中" in folded[max(start, match.start() - 6) : match.start()]:
                continue
            if match["value"] is not None:
                value, qualifier = match["value"], _qualifier(match["before"], match["after"])
            else:
                value, qualifier = match["value2"], _qualifier(match["before2"], match["after2"])
            owner = subject_at(match.start())
            if owner is None or not owner.party:
                owner = page.branch
            if owner is None or owner.member_count is not None:
                continue
            unit = match["unit"] or match["unit2"]
            owner.member_count = _quantity(
                page, value, qualifier, match.start(), match.end(), f"{unit}党员"
            )
            owner.evidence[match.span()] = None


def grades(page: Page, start: int, end: int, mentions: MentionList, subject_at: SubjectAt) -> None:
    """Grades: 「一級商會」, 5A級社會組織 belong to the clause's organisation."""
    folded = page.folded
    if not GRADE_WORDS.search(folded, start, end):
        return
    for match in GRADE.finditer(folded, start, end):
        owner = subject_at(match.start())
        if owner is not None and owner.party and page.primary is not None:
            owner = page.primary
        if owner is not None and owner.grade is None:
            owner.grade = page.read(*match.span("grade"))
            owner.evidence[match.span("grade")] = None
