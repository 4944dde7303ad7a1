"""The facts pass: every line but the page's furniture, sentence by sentence.

Pass one finds what can be found without knowing the subject — works in 《》,
honour verbs and their titles, organisation mentions outside them, the agents
of 被…评为 / 经…批准 / 在…指导下 — then short forms are folded and the subject is
chosen by score. Pass two attaches founding dates, member counts, grades,
approval, supervision, honours, activities and works to the organisation each
clause is about, falling back to the page's subject.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Final

import attrs

from partycases.ids import name_key
from partycases.models import OrganisationKind
from partycases.text.facts import activities as activity_rules
from partycases.text.facts import counts, dates, honours, works
from partycases.text.facts.assemble import Facts, assemble
from partycases.text.facts.drafts import (
    ActivityDraft,
    HonourDraft,
    Org,
    Page,
    WorkDraft,
)
from partycases.text.facts.organisations import (
    NAME_MAX,
    agents,
    find_mentions,
    kind_of,
    resolve,
    suffix_pattern,
)
from partycases.text.facts.spans import NO_SPANS, MentionList, SpanSet
from partycases.text.facts.subject import choose_subject, fold_short_forms, subjects
from partycases.text.normalise import View
from partycases.values import DateRange, PartialDate

__all__ = ["Facts", "extract"]

Span = tuple[int, int]
_SPAN: Final = re.Match.span
#: 。!?; or a full stop not before a digit. One character class first: the search skips
#: from one of them to the next instead of trying the pattern at every position.
SENTENCE_END: Final = re.compile(r"[。!?;.](?:(?<!\.)|(?![0-9]))")
#: 經天津市社管局批准 / 登記管理機關為臨川區民政局
APPROVED: Final = re.compile(
    r"经(?P<body>[^,。;经]{2,40}?)(?:批准|审批|核准|批复|同意|登记)"
    r"|登记(?:管理)?机关(?:为|是)(?P<body2>[^,。;]{2,40}?)(?=[,。;]|$)"
    r"|在(?P<body3>[^,。;在]{2,30}?)(?:登记|注册)(?:成立|注册)"
)
#: 在天津市委網信辦的指導支持下 / 业务主管单位为中共青岚市委网信办 / 由…主管
SUPERVISED: Final = re.compile(
    r"在(?P<body>[^,。;在]{2,40}?)的?(?:指导|领导|关心|支持|指导支持|指导和支持|关心支持)下"
    r"|(?:业务)?(?:主管|指导)(?:单位|部门)(?:为|是)(?P<body2>[^,。;]{2,40}?)(?=[,。;]|$)"
    r"|由(?P<body3>[^,。;由]{2,40}?)(?:业务)?主管"
)
#: Each relation's pattern, the field it fills, key words without which it cannot match,
#: and the last characters of those words.
RELATIONS: Final = (
    (APPROVED, "approved_by", re.compile("经|登记|注册"), frozenset("经记册")),
    (SUPERVISED, "supervised_by", re.compile("指导|领导|关心|支持|主管"), frozenset("导心持管")),
)
#: The last characters of every relation's key words: a sentence with none holds no relation.
RELATION_ENDS: Final = frozenset().union(*(chars for *_, chars in RELATIONS))


def _shortens(alias: str, name: str) -> bool:
    """Whether ``alias`` reads as a short form of ``name``: its characters, in order, in it.

    网联党委 shortens 某市网络社会组织联合党委; 两新组织, 快递小哥 or 《意见》 shorten no body.
    """
    rest = iter(name)
    return all(char in rest for char in alias)


#: The most short names one page may declare: each is one more word to look for.
MAX_ALIASES: Final = 64
#: A short name declared in brackets after a name: (以下简称“网联党委”), (简称新联会).
ALIAS: Final = re.compile(
    r"\((?:以下|下文)?(?:简称|称)(?:为)?:?\s{0,2}「?(?P<alias>[^「」()《》。,;\s]{2,12}?)」?\)"
)
#: Words that say an honour came before the decision beside it: 此前,该会曾被评为….
EARLIER: Final = re.compile(r"此前|曾经|曾被|曾获|曾荣|先后|历年|近年来|多次")
#: Words that make a date without a year the page's own: 今天(10月24日), 昨日(5月3日).
TODAY: Final = re.compile(r"今天|今日|昨天|昨日")
#: Characters a sentence is tested for once (see :func:`_marks`): a detector whose words
#: hold none of those present is not tried. Each is rare in most sentences.
MARKS: Final = frozenset("《〈立、级A年").union(activity_rules.MARKS, RELATION_ENDS)
#: 依託商會的團委、婦聯、人民調解委員會…等: bodies belonging to the organisation before 的.
CHILDREN: Final = re.compile(r"的(?P<items>[^,。;的]{2,80}?)等")
PARTICIPANT_SPLIT: Final = re.compile(r"、|与|和|同|及|以及")
#: Honour titles that name a social organisation, and those that name a party organisation.
ORGANISATION_TITLE: Final = re.compile(r"社会组织|商会|协会|文明单位")
PARTY_TITLE: Final = re.compile(r"党组织|党支部|党委|党总支")
#: Lines the facts pass reads, and what a mention in each counts as.
#: How far back a clause's start is looked for, in characters.
CLAUSE_MAX: Final = 120
_NOT_SUBJECTS: Final = (OrganisationKind.GOVERNMENT_BODY, OrganisationKind.MEDIA)
READ_ROLES: Final = {
    "title": "title",
    "note": "note",
    "headline": "body",
    "heading": "body",
    "body": "body",
    "byline": "body",
    "honour": "body",
}


@attrs.define
class _Sentence:
    start: int
    end: int
    line: int
    where: str
    honours: Sequence[honours.HonourMatch]
    claimed: SpanSet
    agent_spans: SpanSet
    index: int
    bodies: Sequence[tuple[str, Span]]
    """Approving and supervising bodies' spans: 经…批准, 在…指导下."""
    titled: Sequence[re.Match[str]]
    """Its matches of :data:`works.WORK` (titles in 《》), read once for both passes."""
    marks: str
    """Its characters that are in :data:`MARKS` or end an honour verb, in order."""
    mentions: MentionList
    dated: bool = False
    """Whether the paragraph it belongs to opens with a date (2019年,支部…): its
    activities take that year."""
    whole: tuple[int, Org] | None = None
    """The first body it names outside agent phrases, and where, once read."""
    whole_read: bool = False


@functools.cache
def _marks() -> re.Pattern[str]:
    """One character class of :data:`MARKS` and of the honour verbs' last characters."""
    chars = MARKS | honours.verb_ends()
    return re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]")


def _sentences(folded: str, start: int, end: int) -> Iterator[Span]:
    position = start
    for match in SENTENCE_END.finditer(folded, start, end):
        yield position, match.end()
        position = match.end()
    if position < end:
        yield position, end


def _bodies(folded: str, start: int, end: int, present: str) -> list[tuple[str, Span]]:
    """Approving and supervising bodies' spans in a sentence, with the field each fills."""
    bodies: list[tuple[str, Span]] = []
    for pattern, field, words, ends in RELATIONS:
        if ends.isdisjoint(present) or words.search(folded, start, end) is None:
            continue
        for match in pattern.finditer(folded, start, end):
            group = next(g for g in ("body", "body2", "body3") if match[g] is not None)
            bodies.append((field, match.span(group)))
    return bodies


def _claimed(titled: Sequence[re.Match[str]], found: Sequence[honours.HonourMatch]) -> SpanSet:
    """The spans of a sentence's titles in 《》 and honour titles: no mention is read in them."""
    if not titled and not found:  # most sentences hold neither
        return NO_SPANS
    claimed = list(map(_SPAN, titled))
    claimed += [title for honour in found for title in honour.titles]
    return SpanSet(claimed) if claimed else NO_SPANS


def _agent_spans(
    found: Sequence[honours.HonourMatch], bodies: Sequence[tuple[str, Span]]
) -> SpanSet:
    """The spans of a sentence's awarding, approving and supervising bodies."""
    if not found and not bodies:  # most sentences name none
        return NO_SPANS
    spans = [h.agents for h in found if h.agents]
    spans += [h.given_by for h in found if h.given_by]
    spans += [span for _, span in bodies]
    return SpanSet(spans) if spans else NO_SPANS


def _first_named(mentions: MentionList, agent_spans: SpanSet) -> Org | None:
    """The first body a sentence names outside agent phrases.

    Each one named inside an agent phrase is marked an agent, and not counted as a mention.
    """
    first = None
    for mention in mentions:
        org = mention.org
        if org is None:
            continue
        if agent_spans is not NO_SPANS and mention.start in agent_spans:
            org.places.add("agent")
            org.mentions -= 1
        elif first is None:
            first = org
            if agent_spans is NO_SPANS:  # no later mention is an agent's
                break
    return first


class _Extractor:
    def __init__(self, page: Page, published: PartialDate | None) -> None:
        self.page = page
        self.published = published
        #: Whether the page says 组建 anywhere: most do not, and their sentences skip looking.
        self.formed = "组建" in page.folded
        #: Whether the page may declare a short name (简称): most do not.
        self.declares = "简称" in page.folded
        self._alias_pattern: re.Pattern[str] | None = None
        self.sentences: list[_Sentence] = []
        self.honours: list[HonourDraft] = []
        self.activities: dict[str, ActivityDraft] = {}
        self.works: dict[str, WorkDraft] = {}
        self.bonus: dict[str, float] = {}
        self.issuers: dict[int, list[Org]] = {}
        self.decisions: dict[int, Org | None] = {}

    # ------------------------------------------------------------ pass one

    def first_pass(self, lines: list[tuple[Span, str]]) -> None:
        page = self.page
        folded = page.folded
        find_marks = _marks().findall
        verb_ends = honours.verb_ends()
        for number, ((start, end), role) in enumerate(lines):
            where = READ_ROLES.get(role)
            if where is None:
                continue
            for s_start, s_end in _sentences(folded, start, end):
                present = "".join(find_marks(folded, s_start, s_end))
                found: Sequence[honours.HonourMatch] = (
                    honours.listed_honour(folded, s_start, s_end)
                    if role == "honour"
                    else ()
                    if verb_ends.isdisjoint(present)  # most sentences confer no honour
                    else honours.find_honours(folded, s_start, s_end)
                )
                # Every title holds 《 or 〈: most sentences hold neither.
                titled: Sequence[re.Match[str]] = (
                    tuple(works.WORK.finditer(folded, s_start, s_end))
                    if "《" in present or "〈" in present
                    else ()
                )
                bodies = (
                    ()
                    if RELATION_ENDS.isdisjoint(present)
                    else _bodies(folded, s_start, s_end, present)
                )
                claimed = _claimed(titled, found)
                agent_spans = _agent_spans(found, bodies)
                mentions = find_mentions(page, s_start, s_end, claimed, where)
                if self.declares and folded.find("简称", s_start, s_end) >= 0:
                    self._declare(s_start, s_end, mentions)
                if page.aliases:
                    mentions = self._with_aliases(s_start, s_end, mentions, claimed, where)
                self.sentences.append(
                    _Sentence(
                        s_start,
                        s_end,
                        number,
                        where,
                        found,
                        claimed,
                        agent_spans,
                        len(self.sentences),
                        bodies,
                        titled,
                        present,
                        mentions,
                    )
                )
                first = _first_named(mentions, agent_spans)
                if (
                    first is not None
                    # Each pattern only where its words are: both are tried at every position,
                    # and both read a number.
                    and counts.DIGIT.search(folded, s_start, s_end) is not None
                    and (
                        (
                            "立" in present
                            and folded.find("成立", s_start, s_end) >= 0
                            and dates.FOUNDED_AT.search(folded, s_start, s_end)
                        )
                        or (
                            counts.MEMBERS_NEAR.search(folded, s_start, s_end)
                            and counts.MEMBERS_AT.search(folded, s_start, s_end)
                        )
                    )
                ):
                    self.bonus[first.key] = self.bonus.get(first.key, 0.0) + 2.5

    # ------------------------------------------------------------ pass two

    def second_pass(self) -> None:
        carried: int | None = None
        line = -1
        dated = False
        folded = self.page.folded
        opens_dated = dates.OPENING_DATE.match
        years = dates.Years(folded, 0, 0, None, None)  # no year stated yet
        year = None
        for sentence in self.sentences:
            if sentence.line != line:
                line = sentence.line
                year = None
                dated = False
            stated = "年" in sentence.marks  # every year and opening date holds 年
            if stated and opens_dated(folded, sentence.start):
                dated = True
            sentence.dated = dated
            # A sentence that states no year reads the year carried in: the last one's
            # years serve again if they were that and no more.
            if stated or years.offsets or years.carried != year:
                years = dates.Years(folded, sentence.start, sentence.end, year, carried)
            self._sentence(sentence, years)
            year = years.last
            if years.offsets:
                carried = year

    def _subject_at(self, sentence: _Sentence, position: int) -> Org | None:
        """What a fact at ``position`` of ``sentence`` is about.

        The first body its clause names outside agent phrases, else the first its
        sentence names, else the page's subject.
        """
        if not sentence.mentions:  # nothing named: every lookup below would find nothing
            return self.page.primary
        folded = self.page.folded
        # The clause starts after the last comma, looked for a bounded way back.
        low = max(sentence.start, position - CLAUSE_MAX)
        clause = max(
            low, folded.rfind(",", low, position) + 1, folded.rfind(":", low, position) + 1
        )
        found = self._first_from(sentence, clause, position)
        if found is not None:
            return found[1]
        if not sentence.whole_read:  # read once per sentence: resolving adds evidence
            sentence.whole = self._first_from(sentence, sentence.start, sentence.end)
            sentence.whole_read = True
        whole = sentence.whole
        if whole is not None and whole[0] < position:
            return whole[1]
        return self.page.primary

    def _first_from(self, sentence: _Sentence, floor: int, position: int) -> tuple[int, Org] | None:
        """The first body named in ``[floor, position)`` outside agent phrases, and where."""
        for mention in sentence.mentions.between(floor, position):
            if mention.start in sentence.agent_spans:
                continue
            org = resolve(self.page, mention)
            if org is not None and org.kind not in _NOT_SUBJECTS:
                return mention.start, org
        return None

    def _sentence(self, sentence: _Sentence, years: dates.Years) -> None:
        page = self.page
        start, end = sentence.start, sentence.end
        subject_at = functools.partial(self._subject_at, sentence)
        for field, (body_start, body_end) in sentence.bodies:
            owner = subject_at(body_start)
            if owner is None:
                continue
            known: list[Org] = getattr(owner, field)
            for body in agents(page, body_start, body_end, sentence.mentions):
                if body is not owner and body not in known:
                    known.append(body)
        present = sentence.marks
        # Each detector only where a character its words hold is: founding dates need 成立
        # (or 组建, rare enough to be looked for), grades 级 or A, honours a verb, child
        # bodies 、.
        if "立" in present or (self.formed and page.folded.find("组建", start, end) >= 0):
            dates.founding(
                page,
                start,
                end,
                sentence.mentions,
                subject_at,
                sentence.agent_spans.__contains__,
            )
        counts.members(page, start, end, sentence.mentions, subject_at)
        if "级" in present or "A" in present:
            counts.grades(page, start, end, sentence.mentions, subject_at)
        found_works = self._works(sentence, years, subject_at)
        if sentence.honours:
            self._honours(sentence, years, subject_at, found_works)
        self._activities(sentence, years, subject_at, found_works)
        if "、" in present:
            self._children(sentence)

    def _works(
        self, sentence: _Sentence, years: dates.Years, subject_at: Callable[[int], Org | None]
    ) -> Sequence[tuple[int, WorkDraft]]:
        page = self.page
        folded = page.folded
        # Every platform phrase opens with 在 and ends in a verb: a sentence without both is
        # not scanned.
        shown = (
            folded.find("在", sentence.start, sentence.end) >= 0
            and works.PLATFORM_VERBS.search(folded, sentence.start, sentence.end) is not None
        )
        if not shown and not sentence.titled:  # most sentences show and name no work
            return ()
        found: list[tuple[int, WorkDraft]] = []
        platforms: list[str] = []
        for match in works.PLATFORM.finditer(folded, sentence.start, sentence.end) if shown else ():
            position = match.start("names")
            for piece in match["names"].split("、"):
                if piece.strip():
                    shown_on = page.org(
                        position, position + len(piece), OrganisationKind.MEDIA, "body"
                    )
                    if shown_on is not None and shown_on.name not in platforms:
                        platforms.append(shown_on.name)
                position += len(piece) + 1
        for match in sentence.titled:
            title = page.read(*match.span("title"))
            if not title:
                continue
            key = folded[match.start("title") : match.end("title")].strip()
            work = self.works.get(key)
            if work is None:
                kind = works.work_kind(folded, match.start(), match.end(), sentence.end)
                work = WorkDraft(title, kind, clean=key)
                stated = years.at(match.start())
                if stated is not None:
                    work.date = PartialDate(stated)
                self.works[key] = work
            creator = subject_at(match.start())
            if creator is not None and creator not in work.creators:
                work.creators.append(creator)
            for platform in platforms:
                if platform not in work.platforms:
                    work.platforms.append(platform)
            work.evidence.append(match.span())
            found.append((match.start(), work))
        return found

    def _issuer(self, sentence: _Sentence) -> list[Org]:
        """Bodies that issued a decision, notice or list in a nearby sentence of the paragraph."""
        index = sentence.index
        if index not in self.issuers:
            self.issuers[index] = []
            # The decision's own sentence, or one right before or after it (某部印发《…的决定》。
            # 某商会被命名为…; …荣获…称号。市工商联随后印发《…的通报》); not an honour the
            # sentence says came earlier (此前,该会曾被评为…), nor a farther sentence.
            earlier = EARLIER.search(self.page.folded, sentence.start, sentence.end) is not None
            for other in self.sentences[max(0, index - 1) : index + 2]:
                if other.line != sentence.line or (earlier and other is not sentence):
                    continue  # a decision in another paragraph confers other honours
                found = self._decision(other)
                if found is not None:
                    found.places.add("agent")
                    self.issuers[index] = [found]
                    break
        return self.issuers[index]

    def _decision(self, sentence: _Sentence) -> Org | None:
        """The body that issued a decision or notice in ``sentence``, found once."""
        if sentence.index not in self.decisions:
            self.decisions[sentence.index] = None
            folded = self.page.folded
            for match in honours.DECISION.finditer(folded, sentence.start, sentence.end):
                named = sentence.mentions.between(
                    max(sentence.start, match.start() - 40), match.start()
                )
                if named:
                    self.decisions[sentence.index] = resolve(self.page, named[-1])
                    break
        return self.decisions[sentence.index]

    def _honours(
        self,
        sentence: _Sentence,
        years: dates.Years,
        subject_at: Callable[[int], Org | None],
        found_works: Sequence[tuple[int, WorkDraft]],
    ) -> None:
        if not sentence.honours:  # most sentences confer none
            return
        page = self.page
        folded = page.folded
        previous_end = sentence.start
        work_starts = [at for at, _ in found_works]
        for match in sentence.honours:
            bodies: list[Org] = []
            if match.agents is not None:
                bodies = agents(page, *match.agents, sentence.mentions)
            if match.given_by is not None:
                bodies += [
                    b for b in agents(page, *match.given_by, sentence.mentions) if b not in bodies
                ]
            recipient: Org | WorkDraft | None = None
            # 某工商联向某商会授予「…」: the body before 向 confers it, the one after receives it.
            to = (
                folded.rfind("向", max(sentence.start, match.start - 20), match.start)
                if not bodies and match.verb == "授予" and match.recipient is None
                else -1
            )
            receiving = sentence.mentions.between(to + 1, match.start) if to >= 0 else []
            if (
                receiving
                # 向某商会授予: the recipient's name stands between 向 and the verb, alone (not
                # 向某部汇报工作,被授予…, where the one who went to the office was honoured).
                and receiving[0].start == to + 1
                and receiving[-1].end >= match.start - 1
                and folded.find("被", to, match.start) < 0
            ):
                named = sentence.mentions.between(max(sentence.start, to - 30), to)
                bodies = [org for org in (resolve(page, m) for m in named[-1:]) if org is not None]
                recipient = resolve(page, receiving[0])
            if not bodies and match.recipient is not None:
                # 某网信办授予某商会「…」称号: the body named right before the verb confers it.
                named = sentence.mentions.between(
                    max(sentence.start, match.start - 30), match.start
                )
                bodies = [org for org in (resolve(page, m) for m in named[-1:]) if org is not None]
            if not bodies:
                bodies = self._issuer(sentence)
            before = bisect.bisect_left(work_starts, match.start)
            if before and recipient is None:
                at, work = found_works[before - 1]
                right_before = match.start - (at + len(work.title) + 2) <= 1
                if right_before or match.verb in ("获得", "获", "荣获"):
                    recipient = work
            if recipient is None and match.recipient is not None:
                inside = sentence.mentions.between(*match.recipient)
                recipient = resolve(self.page, inside[0]) if inside else None
            if recipient is None:
                recipient = subject_at(match.start)
            if recipient is None:
                continue
            # The year stated for this honour: in its sentence, or by 同年.
            year = None
            if not match.verb.startswith("连续"):
                # A listed title (no verb): a year anywhere on its line dates it.
                year = years.stated(match.start if match.verb else match.end, sentence.start)
                if year is None and sentence.dated:
                    year = years.at(match.start)
            evidence_start = match.start
            last_year = bisect.bisect_left(years.offsets, match.start) - 1
            if last_year >= 0 and years.offsets[last_year] >= previous_end:
                evidence_start = years.offsets[last_year]
            previous_end = match.end
            for title_start, title_end in match.titles:
                title = page.read(title_start, title_end)
                if len(title) < 2:
                    continue
                owner = recipient
                titled = folded[title_start:title_end]
                party_title = PARTY_TITLE.search(titled) is not None
                if (
                    owner is page.branch
                    and page.primary is not None
                    and ORGANISATION_TITLE.search(titled)
                    and not party_title
                ):
                    # 協會黨支部…榮獲「先進社會組織」: the title names the association.
                    owner = page.primary
                elif (
                    isinstance(owner, Org)
                    and owner is page.primary
                    and page.branch is not None
                    and party_title
                    and not owner.party
                ):
                    # 公司…獲得「先進基層黨組織」: the title names its party organisation.
                    owner = page.branch
                self.honours.append(
                    HonourDraft(
                        title=title,
                        clean=folded[title_start:title_end],
                        start=title_start,
                        end=title_end,
                        evidence=(
                            evidence_start,
                            max(title_end, match.end if len(match.titles) == 1 else title_end),
                        ),
                        recipient=owner,
                        awarders=list(bodies),
                        date=PartialDate(year) if year else None,
                        level=honours.level_of(folded[title_start:title_end], bodies),
                        batch=match.batch,
                        kind=honours.honour_kind(folded[title_start:title_end], match.verb),
                    )
                )

    def _activities(
        self,
        sentence: _Sentence,
        years: dates.Years,
        subject_at: Callable[[int], Org | None],
        found_works: Sequence[tuple[int, WorkDraft]],
    ) -> None:
        page = self.page
        folded = page.folded
        found_activities = activity_rules.find_activities(
            folded, sentence.start, sentence.end, sentence.marks
        )
        if not found_activities:
            return
        work_starts = [at for at, _ in found_works]
        ranges = dates.date_ranges(folded, sentence.start, sentence.end)
        range_ends = [at for at, _ in ranges]
        months: list[re.Match[str]] | None = None
        month_ends: list[int] = []
        for found in found_activities:
            if found.start in sentence.claimed and not sentence.claimed.starts_at(found.start):
                continue
            name_start = found.start
            name = page.read(name_start, found.end)
            if len(name) < 2:
                continue
            clean = folded[name_start : found.end]
            draft = self.activities.get(clean)
            if draft is not None:
                draft.evidence.append((found.start, found.end))
                continue
            date: PartialDate | DateRange | None = None
            organisers: list[Org] = []
            participants: list[str] = []
            evidence_start = found.start
            if found.date is not None:
                text = found.date
                if "年" not in text:
                    year = years.at(found.start) or (
                        self.published.year if self.published else None
                    )
                    text = f"{year}年{text}" if year else ""
                date = dates.cjk_date(text) if text else None
                evidence_start = found.verb_start or found.start
                if found.who is not None:
                    who_start, who_end = found.who
                    for mention in sentence.mentions.between(who_start, who_end):
                        org = resolve(page, mention)
                        if org is not None and org not in organisers:
                            organisers.append(org)
                    position = who_start
                    for piece in PARTICIPANT_SPLIT.split(folded[who_start:who_end]):
                        at = folded.find(piece, position, who_end)
                        if piece.strip() and at >= 0:
                            participants.append(page.read(at, at + len(piece)))
                            position = at + len(piece)
                    if not organisers and "支部" in folded[who_start:who_end] and page.branch:
                        organisers.append(page.branch)
            if date is None and ranges:
                # The last date range before the activity, found by binary search.
                before = bisect.bisect_right(range_ends, found.start) - 1
                date = ranges[before][1] if before >= 0 else None
            if date is None:
                date = years.date_stated(found.start, sentence.start)
            if date is None:
                if months is None:  # the sentence's months, read once (a page may be one)
                    months = (
                        list(dates.MONTH_DAY.finditer(folded, sentence.start, sentence.end))
                        if "月" in folded[sentence.start : sentence.end]
                        else []
                    )
                    month_ends = [month.end() for month in months]
                before = bisect.bisect_right(month_ends, found.start) - 1
                if before >= 0:
                    date = self._month_stated(sentence.start, months[before], years)
            if date is None and sentence.dated:
                known = years.at(found.start)
                date = PartialDate(known) if known else None
            if not organisers:
                organiser = subject_at(found.start)
                if organiser is not None:
                    organisers.append(organiser)
            self.activities[clean] = ActivityDraft(
                name=name,
                clean=clean,
                kind=found.kind,
                evidence=[(evidence_start, found.end)],
                date=date,
                organisers=organisers,
                participants=[p for p in participants if p],
                works=[w for _, w in found_works[bisect.bisect_right(work_starts, found.start) :]],
            )

    def _declare(self, start: int, end: int, mentions: MentionList) -> None:
        """Record the short names a sentence declares: 某联合党委(以下简称“网联党委”).

        The name is the last body named before the bracket; a short name of two
        characters (我会) is left to the references every page reads.
        """
        page = self.page
        for match in ALIAS.finditer(page.folded, start, end):
            if len(page.aliases) >= MAX_ALIASES:
                return
            alias = match["alias"].strip()
            before = mentions.between(max(start, match.start() - NAME_MAX - 20), match.start())
            org = next((m.org for m in reversed(before) if m.org is not None), None)
            if (
                len(alias) < 3
                or org is None
                or alias in page.aliases
                or not _shortens(alias, org.clean or org.name)
            ):
                continue
            page.aliases[alias] = org
            written = page.read(*match.span("alias"))
            if written != org.name and written not in org.other_names:
                org.other_names.append(written)
            self._alias_pattern = re.compile(
                "|".join(map(re.escape, sorted(page.aliases, key=lambda a: (-len(a), a))))
            )

    def _with_aliases(
        self, start: int, end: int, mentions: MentionList, claimed: SpanSet, where: str
    ) -> MentionList:
        """``mentions`` with the declared short names the sentence uses, in order."""
        assert self._alias_pattern is not None
        page = self.page
        added = [
            page.alias(match.start(), match.end(), page.aliases[match.group()], where)
            for match in self._alias_pattern.finditer(page.folded, start, end)
            if match.start() not in claimed
            # Not inside a name already found (none is longer than NAME_MAX), nor its own
            # declaration's quotes.
            and not any(
                m.end > match.start()
                for m in mentions.between(match.start() - NAME_MAX, match.end())
            )
            and page.folded[match.start() - 1 : match.start()] != "「"
        ]
        if not added:
            return mentions
        return MentionList(sorted([*mentions, *added], key=lambda m: (m.start, m.end)))

    def _month_stated(
        self, start: int, found: re.Match[str], years: dates.Years
    ) -> PartialDate | None:
        """The date of a month (and day) stated with no year before it, in a sentence at ``start``.

        同年11月 and 当年5月 take the year stated last; 今年2月 and 去年10月 the page's own
        year, or the one before; a month alone (10月24日) the year stated last, else the
        page's year. None when no year is known.
        """
        relative = found["relative"]
        published = self.published.year if self.published else None
        if relative is None and TODAY.search(
            self.page.folded, max(start, found.start() - 4), found.start()
        ):
            relative = "今年"  # 今天(10月24日): the page's own day
        if relative in ("今年", "去年", "前年"):
            year = None if published is None else published - ("今去前".index(relative[0]))
        else:
            year = years.at(found.start()) or (None if relative else published)
        if year is None:
            return None
        return dates.partial(str(year), found["month"], found["day"])

    def _children(self, sentence: _Sentence) -> None:
        """依託商會的團委、婦聯、…等: bodies that belong to the organisation before 的."""
        page = self.page
        folded = page.folded
        if "、" not in sentence.marks:
            return
        for match in CHILDREN.finditer(folded, sentence.start, sentence.end):
            items = match["items"].split("、")
            if len(items) < 2 or not all(suffix_pattern().search(item[-6:]) for item in items):
                continue
            owners = [
                m
                for m in sentence.mentions.between(max(0, match.start() - 31), match.start())
                if match.start() - 1 <= m.end <= match.start()
            ]
            owner = resolve(page, owners[-1]) if owners else None
            if owner is None:
                continue
            position = match.start("items")
            for item in items:
                original = page.read(position, position + len(item))
                name = owner.name + original
                child = page.org(position, position + len(item), kind_of(item), "body")
                if child is None:  # an item of no letter or digit (……) names nothing
                    position += len(item) + 1
                    continue
                if child.name != name:
                    # The child is named by its owner's name and its own word: 商會團委.
                    del page.orgs[child.key]
                    clean = owner.clean + item
                    existing = page.orgs.get(name_key(clean))
                    if existing is None:
                        existing = Org(
                            name, name_key(clean), kind_of(item), clean=clean, first=position
                        )
                        page.orgs[existing.key] = existing
                    existing.evidence[position, position + len(item)] = None
                    if original not in existing.other_names:
                        existing.other_names.append(original)
                    child = existing
                child.parent = owner
                position += len(item) + 1


def extract(
    text: str,
    view: View,
    lines: list[tuple[Span, str]],
    *,
    publisher: Span | None,
    published: PartialDate | None,
    traditional: bool,
    skipped: tuple[Span, ...] = (),
) -> Facts:
    """Find the facts stated on every line of ``text`` but its page furniture.

    ``lines`` are view spans with the role the layout gave them; ``publisher`` is
    the view span of the 来源 value.
    """
    page = Page(text, view, traditional=traditional, skipped=skipped)
    extractor = _Extractor(page, published)
    extractor.first_pass(lines)
    publisher_org = None
    if publisher is not None and publisher[1] > publisher[0]:
        name = page.read(*publisher)
        if name:
            publisher_org = page.org(*publisher, OrganisationKind.MEDIA, "publisher")
    fold_short_forms(page, (s.mentions for s in extractor.sentences))
    choose_subject(page, extractor.bonus)
    extractor.second_pass()
    return assemble(
        page,
        subjects=subjects(page),
        publisher=publisher_org,
        honours=extractor.honours,
        activities=list(extractor.activities.values()),
        works=list(extractor.works.values()),
    )
