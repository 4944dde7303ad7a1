"""Organisation mentions: proper names found from their suffix leftwards, and references.

A name ends in a suffix from ``data/suffixes.tsv`` (商会, 协会, 党支部, 网信办, …)
and starts at a place (a division from ``data/places.tsv``, or ``X市``-shaped
words for places the table lacks), at 中共/中国, or right after a stop word
from ``data/stops.tsv``. Bare suffixes (商会, 党支部) and 该协会-style words are
references to the page's subject; plural and generic ones (各区工商联, 12家商会)
name nobody.
"""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Iterable, Iterator, Mapping
from typing import Final, TypeAlias

from partycases.ids import name_key
from partycases.models import OrganisationKind
from partycases.text import lexicon
from partycases.text.facts.drafts import Mention, Org, Page
from partycases.text.facts.spans import NO_SPANS, MentionList, SpanSet
from partycases.text.normalise import is_han

__all__ = ["agents", "find_mentions", "kind_of", "suffix_pattern"]

Span = tuple[int, int]
#: Words by their characters: each character leads to the rest; ``""`` marks a word's end.
Tree: TypeAlias = "dict[str, Tree]"
#: No word of a prefix tree guarded: each matches wherever it stands.
NO_GUARDS: Final[Mapping[str, str]] = types.MappingProxyType({})
NAME_MAX: Final = 30
#: A place-shaped start for places the table lacks: 澄川市, 墨川区, 某某县.
PLACE: Final = re.compile(
    r"(?:中共)?(?P<place>[\u3400-\u9fff]{1,4}?(?:省|市|自治区|区|县|州|盟|旗|镇|乡))"
)
#: Words shaped like a place that start no second name after 和: 住房和城乡建设局 is one.
NOT_PLACES_AFTER_JOINER: Final = ("城乡", "城区", "市区", "郊区", "社区", "园区", "景区")
PREFIXES: Final = ("中共", "中国", "中央", "全国", "国家")
SHORT_FORM_START: Final = ("市", "省", "区", "县")
#: Bare words that refer back to the page's subject or to its party organisation.
SUBJECT_WORDS: Final = frozenset(
    ["商会", "协会", "联合会", "学会", "促进会", "研究会", "联盟", "总商会", "公司", "集团"]
)
BRANCH_WORDS: Final = frozenset(["党支部", "支部", "党委", "党总支", "支部委员会", "联合党委"])
#: The same, longest first, for finding which one a name ends with.
PARTY_ENDINGS: Final = tuple(sorted(BRANCH_WORDS, key=lambda word: (-len(word), word)))
#: What may stand before a bare suffix for it to mean the subject: 该协会, 我会, 本商会.
ANAPHORS: Final = ("该", "本", "我", "此", "这个", "这家")
#: What makes a name generic or plural: 各区工商联, 全区商会, 12家商会, 地市商会.
GENERIC_START: Final = (
    "各", "全", "地市", "县区", "市县", "省市", "区县", "多家", "一些", "部分",
    "市级", "省级", "区级", "县级", "国家级", "多个", "多所",
)  # fmt: skip
#: Words that end in a suffix but name no body: 产业布局, 新格局.
NOT_NAMES: Final = frozenset(
    ["布局", "格局", "大局", "全局", "开局", "新局", "结局", "当局", "骗局", "网网"]
)
GENERIC_BEFORE: Final = re.compile(
    r"(?:[0-9]{1,4}|[一二三四五六七八九十百几两多]{1,3})(?:家|个|类)$|各$|等$|类$|些$"
)
#: A party group's member or secretary names a person's role, not a body: 工商联党组成员.
ROLE_AFTER: Final = ("成员", "书记", "副书记")
#: What follows an outlet's name in a dateline: 讯, or the day and 讯 (5月20日讯).
DATELINE: Final = re.compile(r"(?:[0-9]{1,2}月[0-9]{1,2}日)?讯")
#: 网 ends a name only before these (央视网等, 鹭洲新闻网5月20日讯), not in 网络 or 网上.
AFTER_NET: Final = "等和与及讯发报刊、,。;:-—)」》"
#: Heads that make a generic awarder a body: 上级党组织, 有关部门.
GENERIC_HEADS: Final = ("党组织", "组织", "部门", "单位", "机关", "党委", "政府")
#: Words that join two names: a name may start after one (青岚市委组织部和青岚市民政局).
JOINERS: Final = "和与及同"


def _alternation(words: Iterable[str]) -> str:
    """``words`` as one alternation, in their order: a match is the first word that fits."""
    return "|".join(map(re.escape, words))


def _prefix_tree(words: Iterable[str], guards: Mapping[str, str] = NO_GUARDS) -> str:
    """A pattern matching what :func:`_alternation` of ``words`` (none empty) matches, as a tree.

    The alternation tries every word at every place a word may start; the tree tries
    the first character once, then only the words that start with it. Where one word
    is a prefix of another, the alternation takes whichever comes first: a word after
    one of its prefixes never matches and is left out, and the tree tries longer words
    before shorter ones. A word in ``guards`` matches only where the pattern it maps to,
    tried where the word ends, does.
    """
    tree: Tree = {}
    for word in words:
        node = tree
        for char in word:
            if "" in node:  # a prefix came first: this word never matches
                break
            node = node.setdefault(char, {})
        else:
            node[""] = {}
    return _branches(tree, "", guards)


def _branches(node: Tree, word: str = "", guards: Mapping[str, str] = NO_GUARDS) -> str:
    """The pattern of a tree node (``word`` leads to it): its longer continuations, then its end."""
    alternatives = [
        re.escape(char) + _branches(child, word + char, guards)
        for char, child in node.items()
        if char
    ]
    if "" in node:
        alternatives.append(guards.get(word, ""))
    return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"


@functools.cache
def suffix_pattern() -> re.Pattern[str]:
    """Every suffix, the longest that fits where one starts (as :func:`_alternation`)."""
    return re.compile(_prefix_tree(lexicon.suffixes()))


def _han_class(without: Iterable[str]) -> str:
    """A character class of the Han characters (as :func:`is_han`) but those of ``without``."""
    holes = sorted(map(ord, set(without)))
    ranges = []
    for first, last in ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F)):
        low = first  # the first character not yet in a range
        for hole in (h for h in holes if first <= h <= last):
            if hole > low:
                ranges.append(f"{chr(low)}-{chr(hole - 1)}")
            low = hole + 1
        if low <= last:
            ranges.append(f"{chr(low)}-{chr(last)}")
    return f"[{''.join(ranges)}]"


@functools.cache
def _screened_pattern() -> re.Pattern[str]:
    """:func:`suffix_pattern` without the 网 it finds in 网络 or 网上.

    That is, without 网 before a Han character but one of :data:`AFTER_NET`, which
    :func:`_not_a_name` screens out. A 网 at the end of the text searched is still
    found: what follows it, read there, is outside that text.
    """
    guard = f"(?!{_han_class(AFTER_NET)})"
    return re.compile(_prefix_tree(lexicon.suffixes(), {"网": guard}))


@functools.cache
def _stops_by_length() -> tuple[tuple[int, frozenset[str]], ...]:
    words = lexicon.stops()
    lengths = sorted({len(word) for word in words})
    return tuple((n, frozenset(w for w in words if len(w) == n)) for n in lengths)


@functools.cache
def _places_by_length() -> tuple[tuple[int, frozenset[str]], ...]:
    names = lexicon.place_names()
    lengths = sorted({len(name) for name in names}, reverse=True)
    return tuple((n, frozenset(w for w in names if len(w) == n)) for n in lengths if n <= 8)


@functools.lru_cache(maxsize=4096)
def kind_of(folded_name: str) -> OrganisationKind:
    """The kind a name's suffix says: 支部委員會 makes a party branch, not a chamber."""
    for suffix, kind in lexicon.suffixes().items():
        if folded_name.endswith(suffix):
            found = OrganisationKind(kind)
            if found is OrganisationKind.OTHER and folded_name.startswith("中共"):
                return OrganisationKind.PARTY_COMMITTEE
            return found
    return OrganisationKind.OTHER


_is_han = is_han


@functools.cache
def _stops_by_last() -> dict[str, tuple[tuple[int, frozenset[str]], ...]]:
    """Stop words by their last character: most characters end none, and cost one lookup."""
    index: dict[str, list[tuple[int, frozenset[str]]]] = {}
    for n, words in _stops_by_length():
        for last in sorted({word[-1] for word in words}):
            index.setdefault(last, []).append((n, words))
    return {last: tuple(groups) for last, groups in index.items()}


@functools.cache
def _place_lengths_by_head() -> dict[str, tuple[int, ...]]:
    """Lengths of the place names of :func:`_places_by_length` by first two characters.

    Longest first. Every name has two characters or more (see :func:`lexicon.place_names`). Most
    characters that start an organisation's name start no place name together with
    the one after them (云岭市, 南屿市): the answer is then one lookup, not one per length.
    Tuples of numbers, not sets of names: the collector leaves them alone.
    """
    index: dict[str, list[int]] = {}
    for n, names in _places_by_length():
        for head in sorted({name[:2] for name in names}):
            index.setdefault(head, []).append(n)
    return {head: tuple(lengths) for head, lengths in index.items()}


def _stops_at(folded: str, position: int) -> bool:
    # A loop, not any() over a generator: this runs for every character a name is read over.
    if position <= 0:
        return False
    for n, words in _stops_by_last().get(folded[position - 1], ()):
        if folded[position - n : position] in words:
            return True
    return False


def _known_place_at(folded: str, position: int, end: int) -> int:
    """The length of the known place name starting at ``position`` (0: none)."""
    names = lexicon.place_names()
    for n in _place_lengths_by_head().get(folded[position : position + 2], ()):
        if position + n <= end and folded[position : position + n] in names:
            return n
    return 0


@functools.cache
def _SUFFIX_AT_END() -> re.Pattern[str]:  # noqa: N802 - a compiled pattern, named like one
    return re.compile(f"(?:{_alternation(lexicon.suffixes())})$")


def _place_start(folded: str, start: int, end: int) -> bool:
    """Whether ``folded[start:end]``, a name without its suffix, starts like a name.

    That is: at a place, at 中共 or 中国, or at 市 (a short form).
    """
    head = folded[start:end]
    return bool(
        head.startswith(PREFIXES)
        or head[:1] in SHORT_FORM_START
        or _known_place_at(folded, start, end)
        or PLACE.match(folded, start, end)
    )


def _trim_place(folded: str, start: int, limit: int) -> int:
    """Where a name starts when an unknown place-shaped word swallowed words before it.

    刊发枥城市工商联 -> 枥城市工商联: most county and city names have two characters,
    and longer real ones are in the table.
    """
    if folded.startswith(PREFIXES, start) or _known_place_at(folded, start, limit):
        return start
    place = PLACE.match(folded, start, limit)
    if place is None or place.end("place") - start <= 3 or place.group("place")[-1] not in "市区县":
        return start
    return place.end("place") - 3


def _place_start_and_trim(folded: str, start: int, limit: int) -> tuple[bool, int]:
    """``(_place_start(folded, start, limit), _trim_place(folded, start, limit))``.

    One reading of the place table and of :data:`PLACE` serves both.
    """
    head = folded[start:limit]
    if folded.startswith(PREFIXES, start):  # _trim_place keeps the start
        return (
            bool(
                head.startswith(PREFIXES)
                or head[:1] in SHORT_FORM_START
                or _known_place_at(folded, start, limit)
                or PLACE.match(folded, start, limit)
            ),
            start,
        )
    if _known_place_at(folded, start, limit):  # both answer at once
        return True, start
    # Neither starts with a prefix nor at a known place: the rest is one PLACE match.
    place = PLACE.match(folded, start, limit)
    placed = head[:1] in SHORT_FORM_START or place is not None
    if place is None or place.end("place") - start <= 3 or place.group("place")[-1] not in "市区县":
        return placed, start
    return placed, place.end("place") - 3


@functools.cache
def _plain_run() -> re.Pattern[str]:
    """A run of Han characters that no stop word ends with, nor a joiner.

    :func:`_name_start_back` reads over such a character to the next one left.
    """
    return re.compile(_han_class({*_stops_by_last(), *JOINERS}) + "*")


def _name_start_back(
    folded: str,
    reverse: str,
    floor: int,
    suffix_start: int,
    end: int,
    stops: dict[str, tuple[tuple[int, frozenset[str]], ...]],
) -> int:
    """Where the name ending in the suffix at ``[suffix_start, end)`` starts, not before ``floor``.

    ``stops`` is :func:`_stops_by_last`; ``reverse`` is ``folded`` backwards, so the run of
    plain characters left of ``position`` (:func:`_plain_run`) is one match at
    ``reverse[len(folded) - position]``. Only the character a run stops at is tested: for
    being Han, for ending a stop word, for being a joiner.
    """
    # Not max(): a call of it costs more than this whole line.
    lowest = floor if floor > end - NAME_MAX else end - NAME_MAX
    length = len(folded)
    run = _plain_run().match
    position = suffix_start
    while position > lowest:
        skipped = run(reverse, length - position, length - lowest)
        assert skipped is not None  # a run of none or more: it always matches
        position -= skipped.end() - (length - position)
        if position <= lowest:
            break
        char = folded[position - 1]
        # is_han, inlined.
        if not (
            "\u3400" <= char <= "\u9fff"
            or "\uf900" <= char <= "\ufaff"
            or "\U00020000" <= char <= "\U0003134f"
        ):
            break
        groups = stops.get(char)
        if groups is not None:
            for n, words in groups:
                if folded[position - n : position] in words:
                    if not (
                        # 经 in 经济, 年 in 青年, 从 in 从业者: part of a name, not a boundary;
                        # and 的 in 新的社会阶层人士联合会, a body every city has.
                        (char == "经" and folded[position : position + 1] in "济营贸")
                        or (char == "年" and not folded[position - 2 : position - 1].isdigit())
                        or (char == "从" and folded[position : position + 1] in "业事")
                        or (char == "的" and folded.startswith("社会阶层", position))
                    ):
                        return position
                    break
        if char in JOINERS and (
            # 青岚市委组织部和青岚市民政局 splits; 市非公有制经济组织和社会组织工委 does not.
            position - 1 == floor
            or _SUFFIX_AT_END().search(folded, max(floor, position - 9), position - 1)
            or (
                _place_start(folded, position, suffix_start)
                and not folded.startswith(NOT_PLACES_AFTER_JOINER, position)
            )
        ):
            break
        position -= 1
    return position


#: The last character of every GENERIC_BEFORE match: the pattern is tried only after one,
#: or after a line break (its ``$`` also matches before a final ``\n``).
GENERIC_BEFORE_LAST: Final = "家个类各等些\n"


#: The first character of every GENERIC_START word: most names start with none.
GENERIC_FIRST: Final = frozenset(word[0] for word in GENERIC_START)


def _generic(folded: str, start: int, name_start: int) -> bool:
    """Whether the name at ``name_start`` is plural or generic: 各区工商联, 12家商会."""
    return (
        folded[name_start] in GENERIC_FIRST
        and folded.startswith(GENERIC_START, name_start, name_start + 4)
    ) or (
        name_start > start
        and folded[name_start - 1] in GENERIC_BEFORE_LAST
        and GENERIC_BEFORE.search(folded, max(start, name_start - 4), name_start) is not None
    )


#: The short suffixes :func:`_not_a_name` screens: 网 (网络), 党组 (党组成员), and what
#: follows the first character of each of :data:`NOT_NAMES` (格局, 网网). Every word there
#: has two characters or more, so only a suffix after its first character can complete one.
SCREENED: Final = frozenset(
    word for word in ("网", "党组", *(name[1:] for name in NOT_NAMES)) if len(word) < 3
)


def _not_a_name(folded: str, suffix: str, suffix_start: int, suffix_end: int) -> bool:
    """Whether a suffix of :data:`SCREENED` ends no name here: 网络, 党组成员, 产业布局."""
    if suffix == "网":
        after = folded[suffix_end : suffix_end + 1]
        if after and _is_han(after) and after not in AFTER_NET:
            return True
    elif suffix == "党组" and folded.startswith(ROLE_AFTER, suffix_end):
        return True
    return folded[suffix_start - 1 : suffix_end] in NOT_NAMES


@functools.lru_cache(maxsize=4096)
def _reference(name: str) -> str | None:
    """``branch`` for 党支部 or 该协会党支部, ``subject`` for 商会 or 该协会, else None.

    A name refers back to the page's subject or to its party organisation, or it
    names a body of its own (None).
    """
    party = None
    if name.endswith(PARTY_ENDINGS) and name not in BRANCH_WORDS:
        party = next(w for w in PARTY_ENDINGS if name.endswith(w))
    stem = name[: -len(party)] if party else ""
    if name in BRANCH_WORDS or (party and (stem in SUBJECT_WORDS or stem.endswith(ANAPHORS))):
        return "branch"
    if name in SUBJECT_WORDS or (
        name.startswith(ANAPHORS) and name.lstrip("该本我此这个家") in SUBJECT_WORDS
    ):
        return "subject"
    return None


#: The claimed spans of a sentence that claims none: an iterator always at its end.
NO_CLAIMS: Final[Iterator[Span]] = iter(())
#: What :func:`find_mentions` gives a sentence that names nothing: shared, never changed.
NO_MENTIONS: Final = MentionList()


def find_mentions(page: Page, start: int, end: int, claimed: SpanSet, where: str) -> MentionList:
    """Organisation mentions in the view span ``[start, end)``, outside ``claimed`` spans."""
    folded = page.folded
    spans: list[tuple[int, int, str]] = []
    floor = start
    # The last name's span: a name right after it, read back to it, joins it.
    last_start = last_end = -1
    stops = _stops_by_last()
    # The claimed spans, in order as the suffixes are, from the one not yet passed (none
    # left: one that starts at the span's end, where no suffix starts).
    if claimed is NO_SPANS:
        claims, claim_start, claim_end = NO_CLAIMS, end, end
    else:
        claims = claimed.merged()
        claim_start, claim_end = next(claims, (end, end))
    for match in _screened_pattern().finditer(folded, start, end):
        suffix = match.group()
        suffix_start, suffix_end = match.span()
        if suffix in SCREENED and _not_a_name(folded, suffix, suffix_start, suffix_end):
            continue
        if suffix_start >= claim_start:
            while claim_end <= suffix_start:
                claim_start, claim_end = next(claims, (end, end))
            if suffix_start >= claim_start:  # inside the claimed span
                floor = suffix_end
                continue
        if suffix_start > floor and suffix_start > suffix_end - NAME_MAX:
            name_start = _name_start_back(
                folded, page.reverse, floor, suffix_start, suffix_end, stops
            )
        else:  # a suffix right after the last one, or at the span's start: nothing to read
            name_start = suffix_start
        if name_start == floor == last_end and suffix_end - last_start <= NAME_MAX:
            # 桐屿市委 + 两新工委, 中共…商會 + 支部委員會: one name, not two.
            spans[-1] = (last_start, suffix_end, suffix)
        else:
            last_start = name_start
            spans.append((name_start, suffix_end, suffix))
        floor = last_end = suffix_end
    if not spans:
        return NO_MENTIONS
    found = MentionList()
    generic_first, generic_before = GENERIC_FIRST, GENERIC_BEFORE_LAST
    for first, name_end, suffix in spans:
        if name_end - first == len(suffix):
            # A bare suffix (商会, 党支部): too short for a place, so it starts where it
            # stands, and it names no body by itself.
            name_start = first
            role = _reference(suffix)
            if role is None:
                continue
        else:
            offset, placed, place, role, kind = _reading(folded[first:name_end], len(suffix))
            name_start = first + offset
        # _generic, tried only where a generic word may end or start.
        generic = (
            folded[name_start] in generic_first
            or (name_start > start and folded[name_start - 1] in generic_before)
        ) and _generic(folded, start, name_start)
        if role is None:
            if generic or not (
                placed
                or (suffix in ("有限公司", "集团") and name_end - name_start >= len(suffix) + 2)
                # An outlet named by its dateline (萍浦新闻网讯, 某日报5月20日讯), place or not.
                or (
                    kind is OrganisationKind.MEDIA
                    and name_end - name_start > len(suffix)
                    and DATELINE.match(folded, name_end) is not None
                )
            ):
                continue
            org = page.org(name_start, name_end, kind, where)
            if org is None:  # a name ends with its suffix's letters: never, but typed so
                continue
            if org.location is None and place is not None:
                org.location = page.read(first + place[0], first + place[1])
            found.append(Mention(name_start, name_end, org, "name"))
        elif generic:
            continue
        elif role == "branch":
            found.append(Mention(name_start, name_end, None, "branch"))
        elif not _after_a_word(folded, start, name_start):
            found.append(Mention(name_start, name_end, None, "subject"))
    return found if found else NO_MENTIONS


@functools.lru_cache(maxsize=4096)
def _reading(
    text: str, suffix_length: int
) -> tuple[int, bool, Span | None, str | None, OrganisationKind]:
    """How a name read back from its suffix (its last ``suffix_length`` characters) reads.

    Where it starts (an offset in ``text``), whether it starts like a name, the span
    of the place it then starts with, if that place ends before the name does, what
    it refers to (:func:`_reference`) and its kind (:func:`kind_of`). Nothing outside
    ``text`` is read: a name read once is read for every mention of it.
    """
    end = len(text)
    # 渠安市委: the place's level word is the suffix's first character.
    limit = end - suffix_length + (text[end - suffix_length] in "省市区县")
    name_start, placed = _placed_start(text, 0, end, suffix_length, limit)
    name = text[name_start:]
    return (
        name_start,
        placed,
        _place_span(text, name_start, end, limit),
        _reference(name),
        kind_of(name),
    )


def _placed_start(
    folded: str, first: int, name_end: int, suffix_length: int, limit: int
) -> tuple[int, bool]:
    """Where a name read back to ``first`` starts, and whether it starts like a name.

    The name ends at ``name_end`` in a suffix ``suffix_length`` long; a place in it
    ends by ``limit``.
    """
    name_start = first
    # Whether the name starts like one (_place_start at name_start), kept for the
    # test below while name_start stays where it was tested.
    placed, trimmed = _place_start_and_trim(folded, name_start, limit)
    if not placed:
        # 支部組織黨員參加江州市委網信辦 -> 江州市委網信辦: start at the first place.
        for p in range(first + 1, name_end - suffix_length):
            if _place_start(folded, p, limit) and folded[p:name_end] not in BRANCH_WORDS:
                name_start, placed = p, True
                trimmed = _trim_place(folded, p, limit)
                break
    if trimmed != name_start:
        name_start, placed = trimmed, _place_start(folded, trimmed, limit)
    return name_start, placed


def _after_a_word(folded: str, start: int, name_start: int) -> bool:
    """Whether a bare 商会 follows a word it belongs to (行业商会), not a stop or 该."""
    before = folded[max(start, name_start - 2) : name_start]
    return bool(
        before[-1:]
        and _is_han(before[-1])
        and not before.endswith(ANAPHORS)
        and not _stops_at(folded, name_start)
    )


def _place_span(folded: str, name_start: int, name_end: int, limit: int) -> Span | None:
    """The place a name starts with, if it ends before the name does: its location."""
    known = _known_place_at(folded, name_start, limit)
    if known:
        at, to = name_start, name_start + known
    else:
        place = PLACE.match(folded, name_start, name_end)
        if place is None:
            return None
        at, to = place.span("place")
    return (at, to) if to < name_end else None


def agents(page: Page, start: int, end: int, mentions: MentionList) -> list[Org]:
    """The bodies named in an agent phrase (被X、Y评为, 经X批准), split on 、.

    ``mentions`` are the sentence's mentions; a phrase that names no body but ends
    in a generic head (上级党组织, 有关部门) becomes a body of its own.
    """
    found: list[Org] = []
    inside = [m for m in mentions.between(start, end) if m.end <= end]
    for mention in inside:
        org = mention.org if mention.org is not None else resolve(page, mention)
        if org is not None and org not in found:
            found.append(org)
    if found:
        return found
    phrase = page.folded[start:end].strip()
    if 2 <= len(phrase) <= 15 and phrase.endswith(GENERIC_HEADS) and "、" not in phrase:
        offset = page.folded.index(phrase, start, end)
        agent = page.org(offset, offset + len(phrase), OrganisationKind.OTHER, "agent")
        if agent is not None:
            found.append(agent)
    return found


def resolve(page: Page, mention: Mention) -> Org | None:
    """The organisation a mention stands for: 商会 is the subject, 党支部 its branch."""
    if mention.org is not None:
        return mention.org
    if mention.role == "branch":
        if page.branch is None and page.primary is not None and not page.primary.party:
            stem = page.primary.name
            word = page.read(mention.start, mention.end)
            suffix = next(
                (
                    w
                    for w in (
                        "黨支部",
                        "党支部",
                        "黨總支",
                        "党总支",
                        "聯合黨委",
                        "联合党委",
                        "黨委",
                        "党委",
                        "支部",
                    )
                    if word.endswith(w)
                ),
                "党支部",
            )
            if suffix == "支部":
                suffix = "黨支部" if page.traditional else "党支部"
            name = stem + suffix
            clean = page.primary.clean + page.folded[mention.start : mention.end][-len(suffix) :]
            branch = page.orgs.get(name_key(clean))
            if branch is None:
                branch = Org(
                    name,
                    name_key(clean),
                    kind_of(page.folded[mention.start : mention.end]),
                    clean=clean,
                    first=mention.start,
                    parent=page.primary,
                )
                page.orgs[branch.key] = branch
            page.branch = branch
        if page.branch is not None:
            page.branch.evidence[mention.start, mention.end] = None
            alias = page.read(mention.start, mention.end)
            if (
                len(alias) > 3
                and alias != page.branch.name
                and alias not in page.branch.other_names
            ):
                page.branch.other_names.append(alias)
        return page.branch
    if page.primary is not None and page.primary.party:
        _stem_as_subject(page, mention)
    if page.primary is not None:
        page.primary.evidence[mention.start, mention.end] = None
    return page.primary


def _stem_as_subject(page: Page, mention: Mention) -> None:
    """该协会 on a page about 某协会党支部: the 协会 is a body of its own, the branch's parent."""
    assert page.primary is not None
    branch = page.primary
    party = next((w for w in PARTY_ENDINGS if branch.key.endswith(w)), None)
    if party is None:
        return
    stem_key = branch.key[: -len(party)]
    if stem_key.startswith("中共"):
        stem_key = stem_key[2:]
    word = page.folded[mention.start : mention.end].lstrip("该本我此这个家")
    if not stem_key.endswith(word) or kind_of(stem_key) in (
        OrganisationKind.PARTY_BRANCH,
        OrganisationKind.PARTY_COMMITTEE,
    ):
        return
    stem = page.orgs.get(name_key(stem_key))
    if stem is None:
        name = branch.name[: len(branch.name) - len(party)]
        if name.startswith("中共"):
            name = name[2:]
        clean = branch.clean[: len(branch.clean) - len(party)].removeprefix("中共")
        stem = Org(name, name_key(stem_key), kind_of(stem_key), clean=clean, first=branch.first)
        stem.location = branch.location
        page.orgs[stem.key] = stem
    if branch.parent is None:
        branch.parent = stem
    page.primary, page.branch = stem, branch
