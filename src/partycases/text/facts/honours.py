"""Honours: one per title, with the year, the awarding bodies and the recipient.

被市委组织部、…工委评为第二批市级党建工作示范点 / 连续荣获A、B等荣誉称号 /
获得中央网信办颁发的荣誉证书 / 跻身全省百强社会组织行列. A list after one verb
splits into one honour per title; an honour naming no awarder takes the issuer
of a decision or notice in a nearby sentence (某部印发《关于命名…的决定》).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final

import attrs

from partycases.ids import name_key
from partycases.models import HonourKind, HonourLevel
from partycases.text import lexicon
from partycases.text.facts.drafts import Org
from partycases.text.numerals import NUMERAL_CHARS, parse_number

__all__ = ["HonourMatch", "find_honours", "honour_kind", "level_of", "listed_honour"]

Span = tuple[int, int]
#: Honour words that end a title a weak verb (获得) names: 荣誉证书, 称号, 奖.
HONOUR_WORDS: Final = re.compile(
    r"(?:证书|称号|奖|奖项|奖牌|奖杯|奖状|牌匾|荣誉|表彰|示范点|示范单位|示范基地|先进集体|先进单位|案例|基地|标兵)$"
)
#: What ends a title: 荣誉称号, 称号, 等, 行列 (跻身…行列), 名单.
TITLE_TRAILERS: Final = re.compile(
    r"(?:等)?(?:荣誉称号|光荣称号|称号|荣誉|牌匾|行列|名单|之一)$|等$"
)
#: The characters a title ends in when it has a trailer: each trailer's last, and the line
#: break ``$`` may stand before. A title ending in another is not searched.
TRAILER_ENDS: Final = "号誉匾列单一等\n"
#: What a trailer says of every title before it: A、B等荣誉 names honours only.
HONOUR_TRAILER: Final = re.compile("荣誉|称号|牌匾")
#: 第二批 -> batch 2
BATCH: Final = re.compile(rf"第(?P<number>[0-9]{{1,3}}|[{NUMERAL_CHARS}]{{1,4}})批")
#: …颁发的荣誉证书: the bodies named before 颁发.
GIVEN_BY: Final = re.compile(r"(?P<agents>.{2,40}?)(?:颁发|授予)的(?P<title>.+)$")
#: What a title list splits at; 和 only after a word that ends a title.
LIST_SPLIT: Final = re.compile(r"、|;|以及|及")
TITLE_ENDS: Final = re.compile(
    r"(?:示范点|示范单位|集体|单位|组织|商会|协会|基地|称号|奖|品牌|案例|标兵|模范|先锋|先进|党支部|党组织|社会组织)」?$"
)
LEVELS: Final = (
    (HonourLevel.NATIONAL, re.compile(r"^(?:全国|国家级|国家|中央|中国)|全国")),
    (HonourLevel.PROVINCIAL, re.compile(r"^(?:省级|全省|[\u3400-\u9fff]{2,3}省)|省级|全省")),
    (HonourLevel.MUNICIPAL, re.compile(r"^(?:市级|全市|[\u3400-\u9fff]{2,3}市)|市级|全市")),
    (
        HonourLevel.DISTRICT,
        re.compile(r"^(?:区级|县级|全区|全县|[\u3400-\u9fff]{2,3}[区县])|区级|县级"),
    ),
)
AGENT_LEVELS: Final = (
    (HonourLevel.NATIONAL, re.compile(r"^(?:中央|国家|全国|中国)")),
    (HonourLevel.PROVINCIAL, re.compile(r"^(?:省|[\u3400-\u9fff]{2,3}省)")),
    (HonourLevel.MUNICIPAL, re.compile(r"^(?:市|[\u3400-\u9fff]{2,3}市)")),
    (HonourLevel.DISTRICT, re.compile(r"^(?:区|县|[\u3400-\u9fff]{2,3}[区县])")),
)
KINDS: Final = (
    (HonourKind.CERTIFICATE, re.compile(r"证书$")),
    (HonourKind.SELECTION, re.compile(r"案例$")),
    (HonourKind.AWARD, re.compile(r"奖$|奖项$|奖状$")),
)
#: 某部印发《关于命名…的决定》: the issuer of a decision confers the honours it names.
DECISION: Final = re.compile(
    r"(?P<verb>印发|下发|发布|公布|公示|出台|作出|颁布)(?:了)?"
    r"(?:《(?P<title>[^《》]{2,80}(?:决定|通知|通报|名单|决议))》"
    r"|[^,。;《]{0,40}?(?:名单|结果))"  # 公布首批示范点名单 / 公佈星級評定結果
)


@attrs.define
class HonourMatch:
    """One honour verb and the titles after it, found before the names are known."""

    verb: str
    start: int
    end: int
    agents: Span | None
    titles: list[Span]
    given_by: Span | None = None
    batch: int | None = None
    recipient: Span | None = None
    """Where 授予X「Y」称号 names its recipient X."""


@functools.cache
def _pattern() -> re.Pattern[str]:
    verbs = "|".join(map(re.escape, lexicon.honour_verbs()))
    return re.compile(
        r"(?:被(?P<agents>[^,。;被]{2,60}?))?"
        rf"(?P<verb>连续(?:[0-9]{{1,2}}|[一二三四五六七八九十]{{1,3}})年(?:荣获|获评|被评为)|{verbs}"
        r"|(?:评估|评定)?为(?=[1-5]A级))"
        r"(?P<title>[^,。;!?]{2,80}?)(?=[,。;!?]|\.(?![0-9])|$)"
    )


@functools.cache
def _starts() -> re.Pattern[str]:
    """The characters a match of :func:`_pattern` can start with: 被, 连, 评, 为, a verb's first."""
    firsts = {"被", "连", "评", "为"} | {verb[0] for verb in lexicon.honour_verbs()}
    return re.compile("[" + "".join(map(re.escape, sorted(firsts))) + "]")


def _matches(folded: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches :func:`_pattern` finds in ``[start, end)``, as ``finditer`` gives them.

    The pattern opens with an optional group, so a search would try it at every
    position: it is tried only where one of :func:`_starts` is.
    """
    pattern = _pattern()
    starts = _starts()
    position = start
    while True:
        candidate = starts.search(folded, position, end)
        if candidate is None:
            return
        match = pattern.match(folded, candidate.start(), end)
        if match is None:
            position = candidate.start() + 1
        else:
            yield match
            position = match.end()


#: Words for honours in general, which name none: 所获荣誉, 获得的奖项.
#: (获得某局颁发的荣誉证书 names one: the certificate, :data:`GIVEN_BY`'s.)
NO_TITLES: Final = frozenset(["荣誉", "荣誉称号", "称号", "奖项", "殊荣", "表彰", "荣誉奖项"])
#: A year or a range of years before a title: 2019-2020年度先进基层党组织.
LEADING_YEAR: Final = re.compile(r"(?:19|20)[0-9]{2}(?:[-—~至](?:19|20)?[0-9]{2})?年度?")


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    while start < end and folded[start] in " 了为":
        start += 1
    year = LEADING_YEAR.match(folded, start, end)
    if year is not None and end - year.end() >= 2:
        start = year.end()
    while end > start and folded[end - 1] in " 」,.":
        if folded[end - 1] == "」" and "「" in folded[start : end - 1]:
            break
        end -= 1
    changed = True
    while changed and end > start:
        changed = False
        if folded[end - 1] not in TRAILER_ENDS:
            break
        trailer = TITLE_TRAILERS.search(folded, start, end)
        if trailer is not None and trailer.start() > start:
            end = trailer.start()
            changed = True
    if (
        end - start >= 2
        and folded[start] == "「"
        and folded[end - 1] == "」"
        and "「" not in folded[start + 1 : end - 1]
    ):
        start, end = start + 1, end - 1
    return start, end


@functools.cache
def _verbs() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, lexicon.honour_verbs())) + "|为")


@functools.cache
def verb_ends() -> frozenset[str]:
    """The last character of every honour verb, and 为: a sentence without one has no honour."""
    return frozenset(verb[-1] for verb in lexicon.honour_verbs()) | {"为"}


def find_honours(folded: str, start: int, end: int) -> list[HonourMatch]:
    """Honour verbs in a sentence and the title spans after each (list items split)."""
    found: list[HonourMatch] = []
    if _verbs().search(folded, start, end) is None:
        return found  # most sentences hold no honour verb: one cheap pass decides
    strength = lexicon.honour_verbs()
    for match in _matches(folded, start, end):
        verb = match["verb"]
        title_start, title_end = match.span("title")
        honour = HonourMatch(
            verb, match.start(), match.end(), match.span("agents") if match["agents"] else None, []
        )
        # The words first: the pattern's lazy start is tried at every length.
        given = (
            GIVEN_BY.match(folded, title_start, title_end)
            if folded.find("颁发的", title_start, title_end) >= 0
            or folded.find("授予的", title_start, title_end) >= 0
            else None
        )
        if given is not None:
            honour.given_by = given.span("agents")
            title_start = given.start("title")
        phrase_end = title_end
        title_start, title_end = _trim(folded, title_start, title_end)
        # 获得「A」「B」等荣誉: the trailer makes each title an honour, whatever its words.
        trailed = HONOUR_TRAILER.search(folded, title_end, phrase_end) is not None
        quote = folded.find("「", title_start, title_end)
        if verb == "授予" and quote > title_start and _suffix_before(folded, title_start, quote):
            # 授予江州市某商会「五好商会」称号: the name before the quoted title is the recipient.
            honour.recipient = (title_start, quote)
            title_start = quote
        pieces = _split(folded, title_start, title_end)
        for first, last in pieces:
            piece_start, piece_end = _trim(folded, first, last)
            batch = BATCH.match(folded, piece_start, piece_end)
            if batch is not None:
                try:
                    number = parse_number(batch["number"])
                except ValueError:
                    number = 0
                # 第零批 or a batch past the model's bound names no batch a case can hold.
                honour.batch = number if 1 <= number <= 9999 else None
                piece_start = batch.end()
            if folded[piece_end - 1 : piece_end] == ")" and honour.given_by is None:
                # 被评为某市五星级党组织(中共某市社会组织委员会): the body in brackets conferred it.
                body = TRAILING_BODY.search(folded, piece_start, piece_end)
                if body is not None and _suffix_before(folded, *body.span("body")):
                    honour.given_by = body.span("body")
                    piece_end = body.start()
            if piece_end - piece_start < 2:
                continue
            title = folded[piece_start:piece_end]
            if given is None and title in NO_TITLES:
                continue  # 所获荣誉: a heading over honours, not one
            if strength.get(verb) == "weak" and not (trailed or HONOUR_WORDS.search(title)):
                continue
            if verb == "授予" and not (
                trailed or HONOUR_WORDS.search(title) or "称号" in folded[piece_end : piece_end + 4]
            ):
                continue
            honour.titles.append((piece_start, piece_end))
        if honour.titles:
            found.append(honour)
    return found


def _suffix_before(folded: str, start: int, end: int) -> bool:
    from partycases.text.facts.organisations import suffix_pattern

    return any(match.end() == end for match in suffix_pattern().finditer(folded, start, end))


#: A year in brackets after a listed title: 全国「四好」商会(2019年).
TRAILING_YEAR: Final = re.compile(
    r"\s{0,2}\(\s{0,2}(?:19|20)[0-9]{2}(?:[-—~至](?:19|20)?[0-9]{2})?年度?\s{0,2}\)\s{0,2}$"
)


#: A body in brackets after a listed title, which conferred it: 优秀社会组织(某市民政局).
TRAILING_BODY: Final = re.compile(r"\((?P<body>[^()]{2,40})\)\s{0,2}$")


def listed_honour(folded: str, start: int, end: int) -> list[HonourMatch]:
    """A line of an honour list or row: the whole line is one title.

    A year before it or in brackets after it dates it; the match ends where the line
    does, so that the year is one stated before its end. A body's name in brackets after
    it conferred it. A line that states its honour with a verb (协会被评为…) is read as a
    sentence.
    """
    stated = find_honours(folded, start, end)
    if stated:
        return stated
    line_end = end
    agents = None
    if folded[end - 1 : end] == ")":
        year = TRAILING_YEAR.search(folded, start, end)
        body = TRAILING_BODY.search(folded, start, end) if year is None else None
        if year is not None:
            end = year.start()
        elif body is not None and _suffix_before(folded, *body.span("body")):
            agents = body.span("body")
            end = body.start()
    title_start, title_end = _trim(folded, start, end)
    if title_end - title_start < 2:
        return []
    return [HonourMatch("", title_start, line_end, agents, [(title_start, title_end)])]


#: The characters at which :func:`_split` can act: brackets, and the start of a separator
#: (以 only before 及) or of 和. It jumps from one to the next; every other character is
#: passed over, one by one, without effect.
_SPLIT_POINT: Final = re.compile(r"[「《(」》)、;及和]|以及")
_AND: Final = re.compile("和")


def _split(folded: str, start: int, end: int) -> list[Span]:
    pieces: list[Span] = []
    position = start
    depth = 0
    index = start
    while index < end:
        point = _SPLIT_POINT.search(folded, index, end)
        if point is None:
            break
        index = point.start()
        char = folded[index]
        if char in "「《(":
            if char == "「" and depth == 0 and index > position and folded[index - 1] == "」":
                pieces.append((position, index))  # 「A」「B」: two titles side by side
                position = index
            depth += 1
        elif char in "」》)":
            depth = max(0, depth - 1)
        elif depth == 0:
            cut = LIST_SPLIT.match(folded, index, end)
            if (
                cut is None
                and char == "和"
                and TITLE_ENDS.search(folded, position, index)
                and index - position >= 4
            ):
                cut = _AND.match(folded, index, end)
            if cut is not None and index > position:
                pieces.append((position, index))
                position = index = cut.end()
                continue
        index += 1
    pieces.append((position, end))
    return [(a, b) for a, b in pieces if b - a >= 2]


def level_of(title: str, agents: list[Org]) -> HonourLevel | None:
    """The level a title or its awarders state: 全国 national, 市级 municipal."""
    for level, pattern in LEVELS:
        if pattern.search(title):
            return level
    for agent in agents:
        for level, pattern in AGENT_LEVELS:
            if pattern.match(name_key(agent.name)):
                return level
    return None


def honour_kind(title: str, verb: str) -> HonourKind:
    """Certificate, selection, award or title, from the title's last word and the verb."""
    for kind, pattern in KINDS:
        if pattern.search(title):
            return kind
    if verb in ("入选", "上榜"):
        return HonourKind.SELECTION
    return HonourKind.TITLE
