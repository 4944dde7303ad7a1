"""The facts pass: organisations, honours, activities and works, each with evidence.

Runs the patterns of :mod:`.rules` over the folded text, one sentence at a
time, and keeps the offsets of what it matched so every fact carries the span
of the author's own words it came from.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from partycases.ids import IdKind, make_id, name_key, organisation_id
from partycases.models import ActivityKind, HonourKind, HonourLevel, OrganisationKind, WorkKind
from partycases.text import rules
from partycases.text.normalise import INVISIBLE, drop_invisible
from partycases.text.numerals import parse_number
from partycases.values import DateRange, PartialDate, Quantity

__all__ = ["Facts", "extract"]

Span = tuple[int, int]
YearAt = Callable[[int], "int | None"]


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _id_or_none(kind: IdKind, *parts: str | int) -> str | None:
    """An id for the parts, or None when they hold no letter or digit to make one from."""
    try:
        return make_id(kind, *parts)
    except ValueError:
        return None


def _by_length(words: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    lengths = sorted({len(word) for word in words})
    return tuple((n, frozenset(w for w in words if len(w) == n)) for n in lengths)


_NAME_STOPS = _by_length(rules.NAME_STOPS)
_ACTIVITY_STOPS = _by_length(rules.ACTIVITY_STOPS)
_SUFFIX_AT_END = re.compile(f"(?:{rules.ORGANISATION_SUFFIX.pattern})$")


def _stops_at(folded: str, position: int, stops: tuple[tuple[int, frozenset[str]], ...]) -> bool:
    """Whether a stop word ends at ``position``: a few set lookups, whatever the list's length."""
    return any(folded[position - n : position] in words for n, words in stops if position >= n)


class _Intervals:
    """Spans already claimed by a fact, looked up in logarithmic time."""

    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)

    def hits(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a claimed span (claimed spans do not nest)."""
        index = bisect.bisect_right(self._starts, end - 1)
        return any(
            self._ends[i] > start and self._starts[i] < end for i in range(max(0, index - 2), index)
        )


@attrs.define
class _Org:
    name: str
    key: str
    kind: OrganisationKind
    evidence: dict[Span, None] = attrs.Factory(dict)  # an ordered set
    other_names: list[str] = attrs.Factory(list)
    founded: PartialDate | None = None
    grade: str | None = None
    member_count: Quantity | None = None
    approved_by: list[str] = attrs.Factory(list)
    supervised_by: list[str] = attrs.Factory(list)
    parent: str | None = None
    location: str | None = None

    @property
    def id(self) -> str:
        return organisation_id(self.name)


@attrs.define
class _Mention:
    start: int
    end: int
    org: _Org | None
    role: str  # "name", "subject" (商会), "branch" (党支部)


@attrs.define
class Facts:
    """What the facts pass found, ready to become model dicts."""

    organisations: list[dict[str, Any]]
    honours: list[dict[str, Any]]
    activities: list[dict[str, Any]]
    works: list[dict[str, Any]]
    subject_ids: list[str]
    publisher_id: str | None


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:  # 06年 -> 2006, 98年 -> 1998
        value += 2000 if value <= dt.date.today().year % 100 else 1900
    return value


def _partial(year: str, month: str | None, day: str | None) -> PartialDate | None:
    try:
        return PartialDate(_year(year), int(month) if month else None, int(day) if day else None)
    except ValueError:
        return None


def _cjk_date(text: str) -> PartialDate | None:
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


class _Extractor:
    def __init__(self, text: str, folded: str) -> None:
        self.text = text
        self.folded = folded
        self.orgs: dict[str, _Org] = {}
        self.order: list[str] = []
        self.primary: _Org | None = None
        self.branch: _Org | None = None
        self.honours: dict[str, dict[str, Any]] = {}
        self.activities: dict[str, dict[str, Any]] = {}
        self.works: dict[str, dict[str, Any]] = {}
        self.taken = _Intervals()  # spans already used by a fact title (no names inside)
        self.sentence_mentions: dict[Span, list[_Mention]] = {}
        self.last_year: int | None = None  # what 同年 means at the start of a paragraph

    def read(self, start: int, end: int) -> str:
        """The text of ``[start, end)`` as a field value: invisible format characters dropped."""
        return drop_invisible(self.text[start:end])

    # ------------------------------------------------------- organisations

    def org(self, start: int, end: int, kind: OrganisationKind | None = None) -> _Org:
        """The organisation named by ``text[start:end]``, created on first sight."""
        name = self.read(start, end)
        key = name_key(name)
        found = self.orgs.get(key)
        if found is None:
            folded = self.folded[start:end]
            if kind is None:
                # The kind comes from the suffix the name ends with: 支部委員會, not 商會.
                kind = next(
                    (k for suffix, k in rules.ORGANISATION_SUFFIXES if folded.endswith(suffix)),
                    OrganisationKind.MEDIA,
                )
                if kind is OrganisationKind.OTHER and folded.startswith("中共"):
                    kind = OrganisationKind.PARTY_COMMITTEE  # 中共…聯合會委員會
            found = _Org(name, key, kind)
            place = rules.PLACE.match(folded)
            if place is not None:
                found.location = self.read(start + place.start("place"), start + place.end("place"))
            self.orgs[key] = found
            self.order.append(key)
        found.evidence[start, end] = None
        return found

    def _name_start(self, region_start: int, suffix_start: int, end: int) -> int:
        position = suffix_start
        folded = self.folded
        lowest = max(region_start, end - rules.NAME_MAX)
        while position > lowest:
            char = folded[position - 1]
            # Invisible format characters inside a name do not end it.
            if not _is_han(char) and ord(char) not in INVISIBLE:
                break
            if _stops_at(folded, position, _NAME_STOPS) and not (
                # 经 in 经济, 年 in 青年 and 从 in 从业者 are part of a name, not a boundary.
                (char == "经" and folded[position : position + 1] in "济营贸")
                or (char == "年" and not folded[position - 2 : position - 1].isdigit())
                or (char == "从" and folded[position : position + 1] in "业事")  # 從業者
            ):
                break
            if char in rules.NAME_CONJUNCTIONS and (
                position - 1 == region_start  # right after the previous name: 局和…
                or _SUFFIX_AT_END.search(folded, max(region_start, position - 8), position - 1)
            ):
                break
            position -= 1
        return position

    def _place_prefixed(self, start: int, end: int) -> bool:
        folded = self.folded[start:end]
        return bool(
            folded.startswith(("中共", "中国", "中央", "全国", "国家"))
            or folded[:1] in rules.SHORT_FORM_START
            or rules.PLACE.match(folded)
        )

    def mentions(self, start: int, end: int) -> list[_Mention]:
        """Organisation mentions in ``[start, end)``, longest first where they overlap."""
        spans: list[tuple[int, int, str]] = []
        floor = start
        for match in rules.ORGANISATION_SUFFIX.finditer(self.folded, start, end):
            # A name does not reach back past the previous suffix; one that continues
            # it (商會 + 支部委員會) is joined to it below.
            name_start = self._name_start(floor, match.start(), match.end())
            floor = match.end()
            if self.taken.hits(name_start, match.end()):
                continue
            if (
                spans
                and spans[-1][1] == match.start()
                and match.end() - spans[-1][0] <= rules.NAME_MAX
            ):
                # 中共…商會 + 支部委員會: one name, not two.
                name_start = spans.pop()[0]
            spans.append((name_start, match.end(), match.group()))
        found: list[_Mention] = []
        for first, name_end, suffix in spans:
            name_start = first
            if not self._place_prefixed(name_start, name_end):
                # 支部組織黨員參加江州市委網信辦 -> 江州市委網信辦: start at the first place name.
                name_start = next(
                    (
                        p
                        for p in range(first + 1, name_end - len(suffix))
                        if self._place_prefixed(p, name_end)
                        and self.folded[p:name_end] not in rules.BRANCH_WORDS
                    ),
                    first,
                )
            folded = self.folded[name_start:name_end]
            party = next((w for w in rules.PARTY_WORDS if folded.endswith(w)), None)
            if folded in rules.BRANCH_WORDS or (
                party is not None and folded[: -len(party)] in rules.SUBJECT_WORDS
            ):
                found.append(_Mention(name_start, name_end, None, "branch"))
            elif folded in rules.SUBJECT_WORDS:
                found.append(_Mention(name_start, name_end, None, "subject"))
            elif len(folded) > len(suffix) and self._place_prefixed(name_start, name_end):
                found.append(_Mention(name_start, name_end, self.org(name_start, name_end), "name"))
        return found

    def resolve(self, mention: _Mention) -> _Org | None:
        """The organisation a mention stands for (商会 is the subject, 党支部 its branch)."""
        if mention.org is not None:
            return mention.org
        if mention.role == "branch":
            if self.branch is None and self.primary is not None:
                name = self.primary.name + ("黨支部" if self._traditional() else "党支部")
                if name is not None:
                    self.branch = _Org(
                        name, name_key(name), OrganisationKind.PARTY_BRANCH, parent=self.primary.id
                    )
                    self.orgs[self.branch.key] = self.branch
                    self.order.append(self.branch.key)
            if self.branch is not None:
                alias = self.read(mention.start, mention.end)
                self.branch.evidence[mention.start, mention.end] = None
                if (
                    len(alias) > 3
                    and alias not in self.branch.other_names
                    and alias != self.branch.name
                ):
                    self.branch.other_names.append(alias)
            return self.branch
        return self.primary

    def _traditional(self) -> bool:
        return self.primary is not None and self.primary.name != self.folded_name(self.primary)

    def folded_name(self, org: _Org) -> str:
        start, end = next(iter(org.evidence), (0, 0))
        return self.folded[start:end] if self.text[start:end] == org.name else org.name

    def agents(self, start: int, end: int) -> list[_Org]:
        """Organisations named in an agent phrase, split on 、 and on 和 between names."""
        result = []
        position = start
        for piece in re.split(r"(、)", self.folded[start:end]):
            piece_start, piece_end = position, position + len(piece)
            position = piece_end
            if piece == "、" or not piece.strip():
                continue
            mentions = self.mentions(piece_start, piece_end)
            if mentions:
                for mention in mentions:
                    org = self.resolve(mention)
                    if org is not None and org not in result:
                        result.append(org)
            elif rules.ORGANISATION_SUFFIX.search(piece) and len(piece) <= rules.NAME_MAX:
                org = self.org(piece_start, piece_end)
                if org not in result:
                    result.append(org)
        return result

    # -------------------------------------------------------------- passes

    def run(self, regions: list[Span], note: Span | None, publisher: Span | None) -> Facts:
        # First pass: names, so the subject is known before facts attach to it. Kept
        # per sentence: the facts pass starts each sentence with the same names.
        for start, end in regions:
            for sentence in self._sentences(start, end):
                self.sentence_mentions[sentence] = self.mentions(*sentence)
        party_kinds = (OrganisationKind.PARTY_BRANCH, OrganisationKind.PARTY_COMMITTEE)
        for key in self.order:
            org = self.orgs[key]
            if org.kind in party_kinds and self.branch is None:
                self.branch = org
        candidates = [
            self.orgs[key]
            for key in self.order
            if self.orgs[key].kind
            not in (
                OrganisationKind.GOVERNMENT_BODY,
                OrganisationKind.PARTY_BRANCH,
                OrganisationKind.PARTY_COMMITTEE,
                OrganisationKind.MEDIA,
            )
        ]
        body = [span for span in regions if span != note]
        for start, end in body:
            for match in rules.FOUNDED.finditer(self.folded, start, end):
                before = [
                    m
                    for m in self.mentions(
                        self._sentence_start(start, match.start()), match.start()
                    )
                    if m.org
                ]
                if before:
                    self.primary = before[-1].org
                    break
            if self.primary is not None:
                break
        if self.primary is None and candidates:
            in_body = [
                c
                for c in candidates
                if any(start <= next(iter(c.evidence))[0] < end for start, end in body)
            ]
            self.primary = (in_body or candidates)[0]
        if self.primary is None and self.branch is not None:
            self.primary = self.branch
        if (
            self.branch is not None
            and self.primary is not None
            and self.branch is not self.primary
            and name_key(self.primary.name) in self.branch.key
            and self.branch.parent is None
        ):
            self.branch.parent = self.primary.id
        self.taken = _Intervals()
        for start, end in regions:
            self._region(start, end)
        self._short_forms()
        publisher_id = None
        if publisher is not None and _id_or_none("org", self.read(*publisher)):
            publisher_id = self.org(*publisher).id
        subjects: list[_Org] = [self.primary] if self.primary is not None else []
        if note is not None:
            for mention in self.mentions(*note):
                named = self.resolve(mention)
                if (
                    named is not None
                    and named not in subjects
                    and named.kind
                    in (
                        OrganisationKind.PARTY_BRANCH,
                        OrganisationKind.PARTY_COMMITTEE,
                        OrganisationKind.CHAMBER_OF_COMMERCE,
                        OrganisationKind.ASSOCIATION,
                        OrganisationKind.FEDERATION,
                    )
                ):
                    subjects.append(named)
        return Facts(
            organisations=[self._org_dict(self.orgs[key]) for key in self.order],
            honours=list(self.honours.values()),
            activities=list(self.activities.values()),
            works=list(self.works.values()),
            subject_ids=[org.id for org in subjects],
            publisher_id=publisher_id,
        )

    def _sentence_start(self, region_start: int, position: int) -> int:
        last = region_start
        for match in rules.SENTENCE_END.finditer(self.folded, region_start, position):
            last = match.end()
        return last

    def _sentences(self, start: int, end: int) -> Iterator[Span]:
        position = start
        for match in rules.SENTENCE_END.finditer(self.folded, start, end):
            yield position, match.end()
            position = match.end()
        if position < end:
            yield position, end

    def _region(self, start: int, end: int) -> None:
        year: int | None = None
        for s_start, s_end in self._sentences(start, end):
            year = self._sentence(s_start, s_end, year)
        if year is not None:
            self.last_year = year

    def _subject(self, mentions: list[_Mention], before: int, exclude: list[Span]) -> _Org | None:
        for mention in mentions:
            if mention.start >= before:
                break
            if any(a <= mention.start < b for a, b in exclude):
                continue
            return self.resolve(mention)
        return None

    def _sentence(self, start: int, end: int, year: int | None) -> int | None:
        folded = self.folded
        # Names cannot span a sentence end and no fact has claimed any of this
        # sentence yet, so the first pass's names for it are still the names.
        mentions = self.sentence_mentions.get((start, end))
        if mentions is None:
            mentions = self.mentions(start, end)
        agent_spans: list[Span] = []
        subject_default = self.primary

        # Approval and supervision: 經天津市社管局批准 / 在…的指導支持下.
        approved: list[_Org] = []
        supervised: list[_Org] = []
        for match in rules.APPROVED.finditer(folded, start, end):
            group = "body" if match["body"] is not None else "body2"
            agent_spans.append(match.span(group))
            approved += self.agents(*match.span(group))
        for match in rules.SUPERVISED.finditer(folded, start, end):
            group = next(g for g in ("body", "body2", "body3") if match[g] is not None)
            agent_spans.append(match.span(group))
            supervised += self.agents(*match.span(group))
        subject = self._subject(mentions, end, agent_spans) or subject_default
        if subject is not None:
            for org in approved:
                if org is not subject and org.id not in subject.approved_by:
                    subject.approved_by.append(org.id)
            for org in supervised:
                if org is not subject and org.id not in subject.supervised_by:
                    subject.supervised_by.append(org.id)

        # Years seen so far, for facts that carry no date of their own.
        years: list[tuple[int, int | None]] = []  # (offset, year)
        for match in rules.YEAR.finditer(folded, start, end):
            if match["year"]:
                years.append((match.start(), int(match["year"])))
            else:
                years.append((match.start(), years[-1][1] if years else year or self.last_year))

        offsets = [offset for offset, _ in years]

        def year_at(position: int) -> int | None:
            index = bisect.bisect_left(offsets, position)
            return years[index - 1][1] if index else year

        self._founding(start, end, mentions, agent_spans)
        self._grade_and_members(start, end, mentions, agent_spans)
        works = self._works(start, end, mentions, agent_spans, year_at)
        self._honours(start, end, mentions, works, year_at)
        self._activities(start, end, (mentions, agent_spans), works, year_at)
        self._children(start, end)
        return years[-1][1] if years else year

    def _founding(self, start: int, end: int, mentions: list[_Mention], agents: list[Span]) -> None:
        for match in rules.FOUNDED.finditer(self.folded, start, end):
            if match["year"]:
                date = _partial(match["year"], match["month"], match["day"])
            else:
                date = _partial(match["year2"], match["month2"], match["day2"])
            org = self._subject(mentions, match.start(), agents) or self.primary
            if date is not None and org is not None and org.founded is None:
                org.founded = date
                org.evidence[match.span()] = None

    def _grade_and_members(
        self, start: int, end: int, mentions: list[_Mention], agents: list[Span]
    ) -> None:
        folded = self.folded
        # Cheap tests first: both patterns are tried at every position of a sentence,
        # and most sentences name no grade and no members.
        has_grade = rules.GRADE_WORDS.search(folded, start, end) is not None
        has_members = rules.MEMBER_WORDS.search(folded, start, end) is not None
        for match in rules.GRADE.finditer(folded, start, end) if has_grade else ():
            if self.taken.hits(match.start(), match.start() + 1):
                continue
            org = self._subject(mentions, match.start(), agents) or self.primary
            if org is not None and org.grade is None:
                org.grade = self.read(match.start("grade"), match.end("grade"))
                org.evidence[match.span("grade")] = None
        for match in rules.MEMBERS.finditer(folded, start, end) if has_members else ():
            org = self._subject(mentions, match.start(), agents) or self.primary
            if org is None or org.member_count is not None:
                continue
            if match["value"] is not None:
                value, word = int(match["value"]), match["before"] or match["after"]
                first = match.start("before") if match["before"] else match.start("value")
                unit_span = match.span("unit")
            else:
                value, word = int(match["value2"]), match["before2"] or match["after2"]
                first = match.start()
                unit_span = match.span("unit2")
            unit = self.read(*unit_span)
            if unit_span[1] < match.end():  # 名 followed by 会员: keep the noun
                unit = self.read(unit_span[0], match.end())
            qualifier = rules.QUALIFIERS.get(word or "", "exact")
            text = self.read(first, match.end())
            org.member_count = Quantity(value, qualifier, unit, text)  # type: ignore[arg-type]
            org.evidence[first, match.end()] = None

    def _works(
        self, start: int, end: int, mentions: list[_Mention], agents: list[Span], year_at: YearAt
    ) -> list[tuple[int, dict[str, Any]]]:
        found: list[tuple[int, dict[str, Any]]] = []
        folded = self.folded
        platforms: list[_Org] = []
        for match in rules.PLATFORM.finditer(folded, start, end):
            names_start, names_end = match.span("names")
            position = names_start
            for piece in folded[names_start:names_end].split("、"):
                if piece.strip():
                    platforms.append(
                        self.org(position, position + len(piece), OrganisationKind.MEDIA)
                    )
                position += len(piece) + 1
        for match in rules.WORK.finditer(folded, start, end):
            title_span = match.span("title")
            self.taken.add(*match.span())
            title = self.read(*title_span).strip()
            if not title:
                continue
            before = folded[max(start, match.start() - 8) : match.start()]
            # The list runs from specific to general: 微視頻 before 視頻.
            kind = next(
                (k for word, k in rules.WORK_KINDS_BEFORE if word in before), WorkKind.OTHER
            )
            if kind is WorkKind.OTHER and rules.ONLINE_WORK_AFTER.match(folded, match.end(), end):
                kind = WorkKind.ONLINE_WORK
            creator = self._subject(mentions, match.start(), agents)
            work_id = _id_or_none("work", title)
            if work_id is None:
                continue
            work = self.works.get(work_id)
            if work is None:
                work = {
                    "id": work_id,
                    "title": title,
                    "kind": kind,
                    "creator_ids": [],
                    "platforms": [],
                    "evidence": [],
                }
                self.works[work_id] = work
                date = year_at(match.start())
                if date is not None:
                    work["date"] = PartialDate(date)
            if creator is not None and creator.id not in work["creator_ids"]:
                work["creator_ids"].append(creator.id)
            for platform in platforms:
                if platform.name not in work["platforms"]:
                    work["platforms"].append(platform.name)
            work["evidence"].append(match.span())
            found.append((match.start(), work))
        return found

    def _honours(
        self,
        start: int,
        end: int,
        mentions: list[_Mention],
        works: list[tuple[int, dict[str, Any]]],
        year_at: YearAt,
    ) -> None:
        folded = self.folded
        previous_end = start
        for match in rules.HONOUR.finditer(folded, start, end):
            verb = match["verb"]
            title_start, title_end = match.span("title")
            agents: list[_Org] = []
            if match["agents"] is not None:
                agents = self.agents(*match.span("agents"))
            given = rules.AWARDED_BY.match(folded, title_start, title_end)
            if given is not None:
                agents += [a for a in self.agents(*given.span("agents")) if a not in agents]
                title_start = given.start("title")
            evidence_end = title_end
            title_folded = folded[title_start:title_end]
            trailer = rules.TITLE_TRAILERS.search(title_folded)
            if trailer is not None and trailer.start() > 0:
                title_end = title_start + trailer.start()
            if verb in rules.WEAK_VERBS and not rules.HONOUR_WORDS.search(
                folded[title_start:title_end]
            ):
                continue
            batch = None
            batch_match = rules.BATCH.match(folded, title_start, title_end)
            if batch_match is not None:
                batch = parse_number(batch_match["number"])
                title_start = batch_match.end()
            if title_end - title_start < 2:
                continue  # nothing left once 第二批 and 稱號 are taken off
            if (
                folded[title_start] == "「"
                and folded[title_end - 1] == "」"
                and "「" not in folded[title_start + 1 : title_end - 1]
            ):
                title_start, title_end = title_start + 1, title_end - 1
            title = self.read(title_start, title_end).strip()
            if len(title) < 2:
                continue
            self.taken.add(title_start, title_end)
            recipient = None
            earlier = [(at, work) for at, work in works if at < match.start()]
            if earlier:
                at, work = earlier[-1]
                # The work named just before the verb (《燈火》入選…), or anywhere earlier
                # in the sentence when the verb is 獲得 (…《我愛你中國》，獲得…頒發的證書).
                right_before = match.start() - (at + len(work["title"]) + 2) <= 1
                if right_before or verb in ("获得", "获", "荣获"):
                    recipient = work["id"]
            if recipient is None:
                exclude = [match.span("agents")] if match["agents"] else []
                org = self._subject(mentions, match.start(), exclude) or self.primary
                if org is None:
                    continue
                recipient = org.id
                recipient_name = org.name
            else:
                recipient_name = self.works[recipient]["title"]
            if recipient == getattr(self.branch, "id", None) and self.primary is not None:
                titled = folded[title_start:title_end]
                if rules.ORGANISATION_TITLE.search(titled) and not rules.PARTY_TITLE.search(titled):
                    recipient, recipient_name = self.primary.id, self.primary.name
            # 連續三年榮獲…: several years, none of them stated.
            year = None if verb.startswith("连续") else year_at(match.start())
            level = self._level(folded[title_start:title_end], agents)
            kind = HonourKind.TITLE
            for candidate, pattern in rules.HONOUR_KINDS:
                if pattern.search(folded[title_start:title_end]) or (
                    candidate is HonourKind.SELECTION and verb.startswith("入选")
                ):
                    kind = candidate
                    break
            parts: list[str | int] = [recipient_name] + ([year] if year else []) + [title]
            honour_id = _id_or_none("honour", *parts)
            if honour_id is None or honour_id in self.honours:
                continue
            evidence_start = match.start()
            years_before = list(rules.YEAR.finditer(folded, previous_end, match.start()))
            if years_before:
                evidence_start = years_before[-1].start()
            previous_end = match.end()
            honour: dict[str, Any] = {
                "id": honour_id,
                "title": title,
                "recipient_id": recipient,
                "awarded_by": [a.id for a in agents],
                "kind": kind,
                "evidence": [(evidence_start, evidence_end)],
            }
            if year:
                honour["date"] = PartialDate(year)
            if level is not None:
                honour["level"] = level
            if batch is not None:
                honour["batch"] = batch
            self.honours[honour_id] = honour

    def _clause_start(self, start: int, position: int) -> int:
        last = start
        for match in re.finditer(r"[,;。]", self.folded[start:position]):
            last = start + match.end()
        return last

    def _level(self, title: str, agents: list[_Org]) -> HonourLevel | None:
        for level, pattern in rules.LEVELS:
            if pattern.search(title):
                return level
        for agent in agents:
            for level, pattern in rules.AGENT_LEVELS:
                if pattern.match(name_key(agent.name)):
                    return level
        return None

    def _activities(
        self,
        start: int,
        end: int,
        context: tuple[list[_Mention], list[Span]],
        works: list[tuple[int, dict[str, Any]]],
        year_at: YearAt,
    ) -> None:
        mentions, agents = context
        folded = self.folded
        found: list[tuple[int, int, str, ActivityKind, dict[str, Any]]] = []
        for match in rules.QUOTED_ACTIVITY.finditer(folded, start, end):
            kind = rules.ACTIVITY_SUFFIX_KINDS.get(match["suffix"], ActivityKind.OTHER)
            found.append(
                (match.start(), match.end(), self.read(match.start(), match.end()), kind, {})
            )
        for match in rules.CAMPAIGN.finditer(folded, start, end):
            quote_start = match.start("name") - 1
            found.append(
                (
                    quote_start,
                    match.end(),
                    self.read(quote_start, match.end()),
                    ActivityKind.CAMPAIGN,
                    {},
                )
            )
        for match in rules.ACTIVITY_NOUN.finditer(folded, start, end):
            noun = match.group()
            kind, needs_name = next((k, n) for word, k, n in rules.ACTIVITY_NOUNS if word == noun)
            name_start = match.start()
            while (
                name_start > start
                and match.end() - name_start < 16
                and _is_han(folded[name_start - 1])
                and not _stops_at(folded, name_start, _ACTIVITY_STOPS)
            ):
                name_start -= 1
            if needs_name and name_start == match.start():
                continue
            found.append((name_start, match.end(), self.read(name_start, match.end()), kind, {}))
        event = rules.DATED_EVENT.match(folded, start, end)
        if event is not None:
            who_start, who_end = event.span("who")
            participants = []
            position = who_start
            for piece in rules.PARTICIPANT_SPLIT.split(folded[who_start:who_end]):
                at = folded.find(piece, position, who_end)
                if piece.strip() and at >= 0:
                    participants.append(self.read(at, at + len(piece)).strip())
                    position = at + len(piece)
            organisers = []
            for mention in self.mentions(who_start, who_end) or []:
                org = self.resolve(mention)
                if org is not None and org.id not in organisers:
                    organisers.append(org.id)
            if not organisers and "支部" in folded[who_start:who_end] and self.branch is not None:
                organisers.append(self.branch.id)
            verb_start = event.start("verb")
            extra = {
                "participants": participants,
                "organiser_ids": organisers,
                "date": _cjk_date(event["date"]),
                "evidence_start": event.start(),
            }
            found.append(
                (
                    verb_start,
                    event.end(),
                    self.read(verb_start, event.end()),
                    ActivityKind.EVENT,
                    extra,
                )
            )
        found.sort(key=lambda item: (item[0], -item[1]))
        last_end = -1
        for act_start, act_end, name, kind, details in found:
            if act_start < last_end:
                continue  # inside an activity already taken
            last_end = act_end
            date: PartialDate | DateRange | None = details.get("date")
            if date is None:
                span = rules.DATE_RANGE.search(folded, start, act_start)
                if span is not None:
                    first, second = _cjk_date(span["start"]), span["end"]
                    if first is not None and "年" not in second:
                        second = f"{first.year}年{second}"
                    last = _cjk_date(second)
                    if first is not None and last is not None and first.lower <= last.upper:
                        date = DateRange(first, last)
            if date is None:
                known = year_at(act_start)
                date = PartialDate(known) if known else None
            activity_id = _id_or_none("activity", name)
            if activity_id is None:
                continue
            if activity_id in self.activities:
                self.activities[activity_id]["evidence"].append((act_start, act_end))
                continue
            self.taken.add(act_start, act_end)
            activity: dict[str, Any] = {
                "id": activity_id,
                "name": name.strip(),
                "kind": kind,
                "organiser_ids": details.get("organiser_ids", []),
                "participants": details.get("participants", []),
                "work_ids": [work["id"] for at, work in works if at > act_start],
                "evidence": [(details.get("evidence_start", act_start), act_end)],
            }
            if date is not None:
                activity["date"] = date
            if not activity["organiser_ids"]:
                organiser = self._subject(mentions, act_start, agents)
                if organiser is not None:
                    activity["organiser_ids"] = [organiser.id]
            self.activities[activity_id] = activity

    def _children(self, start: int, end: int) -> None:
        """依託商會的團委、婦聯、…等: bodies that belong to the organisation before 的."""
        for match in rules.CHILDREN.finditer(self.folded, start, end):
            items = match["items"].split("、")
            named = all(rules.ORGANISATION_SUFFIX.search(item[-6:]) for item in items)
            if len(items) < 2 or not named:
                continue
            owner_start = match.start()
            while owner_start > max(start, match.start() - rules.NAME_MAX) and _is_han(
                self.folded[owner_start - 1]
            ):
                owner_start -= 1
            owner_mentions = self.mentions(owner_start, match.start())
            owner = self.resolve(owner_mentions[-1]) if owner_mentions else None
            if owner is None:
                continue
            position = match.start("items")
            for item in items:
                original = self.read(position, position + len(item))
                name = owner.name + original
                child = self.orgs.get(name_key(name))
                if child is None:
                    kind = next(
                        (k for suffix, k in rules.ORGANISATION_SUFFIXES if item.endswith(suffix)),
                        OrganisationKind.OTHER,
                    )
                    child = _Org(name, name_key(name), kind, parent=owner.id)
                    child.other_names.append(original)
                    self.orgs[child.key] = child
                    self.order.append(child.key)
                child.evidence[position, position + len(item)] = None
                position += len(item) + 1

    def _short_forms(self) -> None:
        """市委網信辦 is 天津市委網信辦: fold short forms into the place-qualified name."""
        short = {key for key in self.order if key.startswith(rules.SHORT_FORM_START)}
        renames: dict[str, str] = {}
        for key in list(self.order):
            long = self.orgs.get(key)
            if long is None:
                continue
            for cut in (2, 3, 4):
                candidate = key[cut:]
                if candidate in short and candidate in self.orgs:
                    alias = self.orgs.pop(candidate)
                    self.order.remove(candidate)
                    short.discard(candidate)
                    long.other_names.append(alias.name)
                    long.evidence.update(alias.evidence)
                    renames[alias.id] = long.id
                    break
        if renames:
            self._rename(renames)

    def _rename(self, renames: dict[str, str]) -> None:
        def swap(ids: list[str]) -> list[str]:
            return list(dict.fromkeys(renames.get(item, item) for item in ids))

        for org in self.orgs.values():
            org.approved_by = swap(org.approved_by)
            org.supervised_by = swap(org.supervised_by)
            if org.parent is not None:
                org.parent = renames.get(org.parent, org.parent)
        for honour in self.honours.values():
            honour["awarded_by"] = swap(honour["awarded_by"])
            honour["recipient_id"] = renames.get(honour["recipient_id"], honour["recipient_id"])
        for activity in self.activities.values():
            activity["organiser_ids"] = swap(activity["organiser_ids"])
        for work in self.works.values():
            work["creator_ids"] = swap(work["creator_ids"])

    def _org_dict(self, org: _Org) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": org.id,
            "name": org.name,
            "kind": org.kind,
            "evidence": sorted(org.evidence),
        }
        names = [n for n in dict.fromkeys(org.other_names) if n != org.name]
        if names:
            data["other_names"] = [{"value": n, "kind": "short"} for n in names]
        for field in ("founded", "grade", "member_count", "location"):
            value = getattr(org, field)
            if value is not None:
                data[field] = value
        if org.approved_by:
            data["approved_by"] = org.approved_by
        if org.supervised_by:
            data["supervised_by"] = org.supervised_by
        if org.parent is not None and org.parent != org.id:
            data["parent_id"] = org.parent
        return data


def extract(
    text: str, folded: str, regions: list[Span], note: Span | None, publisher: Span | None
) -> Facts:
    """Find the facts stated in ``regions`` of ``text``."""
    return _Extractor(text, folded).run(regions, note, publisher)
