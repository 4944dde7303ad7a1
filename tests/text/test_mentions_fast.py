"""The organisation-mention code's shortcuts give what their plain forms give.

Each lookup that :mod:`partycases.text.facts.organisations` makes cheaper with an
index or a gate is compared here with the plain form it replaces, on every entry
of the tables it reads and on generated texts built from their words.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from partycases.models import OrganisationKind
from partycases.text import lexicon
from partycases.text.facts import organisations
from partycases.text.facts.drafts import Mention, Org, Page
from partycases.text.facts.spans import NO_SPANS, SpanSet
from partycases.text.normalise import fold, is_han, make_view

PLACES = sorted(lexicon.place_names())


def plain_known_place_at(folded: str, position: int, end: int) -> int:
    """The longest table place of at most eight characters at ``position``, within ``end``."""
    for n, names in organisations._places_by_length():
        if position + n <= end and folded[position : position + n] in names:
            return n
    return 0


#: Pieces of texts around place names: prefixes of names, level words, a suffix, punctuation.
_PIECES = st.one_of(
    st.sampled_from(PLACES),
    st.sampled_from(PLACES).map(lambda name: name[:-1]),
    st.sampled_from(["市", "区", "县", "省", "商会", "中共", "和", "、", "a", "云岭", "临川"]),
)


def test_place_names_have_two_characters_or_more() -> None:
    # The index of place names by their first two characters holds no shorter name.
    assert min(map(len, PLACES)) >= 2


def test_known_place_at_every_table_name() -> None:
    for name in PLACES:
        text = f"在{name}市委"
        for end in range(len(text) + 1):
            assert organisations._known_place_at(text, 1, end) == plain_known_place_at(
                text, 1, end
            ), (name, end)


@given(st.lists(_PIECES, max_size=6).map("".join))
@example("临川区")
@example("临")
@example("")
def test_known_place_at_generated(text: str) -> None:
    for position in range(len(text) + 1):
        for end in range(position, len(text) + 1):
            assert organisations._known_place_at(text, position, end) == plain_known_place_at(
                text, position, end
            ), (text, position, end)


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [match.span() for match in re.finditer(pattern, text)]


@given(
    st.lists(st.text("abc", min_size=1, max_size=3), max_size=5),
    st.text("abcd", max_size=12),
)
@example(["ab", "a", "abc"], "abcab")  # a word after its prefix never matches
@example(["a", "ab"], "ab")
@example(["abc", "ab", "a"], "abab")  # longest first: each one where it fits
@example(["b", "ab", "a"], "aab")
def test_prefix_tree_matches_the_alternation(words: list[str], text: str) -> None:
    assert _spans(organisations._prefix_tree(words), text) == _spans(
        organisations._alternation(words), text
    )


SUFFIXES = list(lexicon.suffixes())


@given(st.lists(st.sampled_from([*SUFFIXES, *(w[:-1] for w in SUFFIXES), "的"])).map("".join))
@example("支部委员会支部委员网信办网信")
def test_suffix_pattern_finds_the_alternations_matches(text: str) -> None:
    found = [m.span() for m in organisations.suffix_pattern().finditer(text)]
    assert found == _spans(organisations._alternation(SUFFIXES), text)


def plain_not_a_name(folded: str, suffix: str, suffix_start: int, suffix_end: int) -> bool:
    """Whether a suffix ends no name here, every suffix tested."""
    if len(suffix) < 3:
        if suffix == "网":
            after = folded[suffix_end : suffix_end + 1]
            if after and is_han(after) and after not in organisations.AFTER_NET:
                return True
        elif suffix == "党组" and folded.startswith(organisations.ROLE_AFTER, suffix_end):
            return True
        if folded[suffix_start - 1 : suffix_end] in organisations.NOT_NAMES:
            return True
    return False


def test_not_names_have_two_characters_or_more() -> None:
    # Only a suffix after a word's first character can complete it: SCREENED holds those.
    assert min(map(len, organisations.NOT_NAMES)) >= 2


_CONTEXT = st.text("网格局布党组成员书记a,、络等", max_size=3)


@given(_CONTEXT, st.sampled_from(SUFFIXES), _CONTEXT)
@example("格", "局", "")
@example("", "局", "")
@example("网", "网", "络")
@example("", "网", "")
@example("", "党组", "成员")
def test_screened_suffixes_are_the_ones_screened(before: str, suffix: str, after: str) -> None:
    text = before + suffix + after
    at, to = len(before), len(before) + len(suffix)
    fast = suffix in organisations.SCREENED and organisations._not_a_name(text, suffix, at, to)
    assert fast == plain_not_a_name(text, suffix, at, to)


def plain_name_start(
    folded: str,
    floor: int,
    suffix_start: int,
    end: int,
    stops: dict[str, tuple[tuple[int, frozenset[str]], ...]],
) -> int:
    """Where the name ending in the suffix at ``[suffix_start, end)`` starts, not before ``floor``.

    One character at a time, as ``organisations._name_start_back`` reads without its runs.
    """
    position = suffix_start
    lowest = max(floor, end - organisations.NAME_MAX)
    while position > lowest:
        char = folded[position - 1]
        # is_han.
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
                        # 经 in 经济, 年 in 青年, 从 in 从业者, 的 in 新的社会阶层: part of a
                        # name, not a boundary.
                        (char == "经" and folded[position : position + 1] in "济营贸")
                        or (char == "年" and not folded[position - 2 : position - 1].isdigit())
                        or (char == "从" and folded[position : position + 1] in "业事")
                        or (char == "的" and folded.startswith("社会阶层", position))
                    ):
                        return position
                    break
        if char in organisations.JOINERS and (
            # 青岚市委组织部和青岚市民政局 splits; 市非公有制经济组织和社会组织工委 does not.
            position - 1 == floor
            or organisations._SUFFIX_AT_END().search(folded, max(floor, position - 9), position - 1)
            or (
                organisations._place_start(folded, position, suffix_start)
                and not folded.startswith(organisations.NOT_PLACES_AFTER_JOINER, position)
            )
        ):
            break
        position -= 1
    return position


@given(
    st.lists(st.sampled_from(["的", "在", "云岭", "市", "和", "经", "年", "2", ","]), max_size=12),
    st.sampled_from(SUFFIXES),
    st.integers(0, 40),
)
@example(["云岭"] * 12, "商会", 0)
def test_name_start_reads_nothing_from_the_floor(
    pieces: list[str], suffix: str, floor_back: int
) -> None:
    text = "".join(pieces) + suffix
    suffix_end = len(text)
    suffix_start = suffix_end - len(suffix)
    floor = max(0, suffix_start - floor_back)
    stops = organisations._stops_by_last()
    got = organisations._name_start_back(text, text[::-1], floor, suffix_start, suffix_end, stops)
    reads = suffix_start > floor and suffix_start > suffix_end - organisations.NAME_MAX
    assert reads or got == suffix_start


def plain_generic(folded: str, start: int, name_start: int) -> bool:
    head = folded[name_start : name_start + 4]
    return head.startswith(organisations.GENERIC_START) or (
        name_start > start
        and organisations.GENERIC_BEFORE.search(folded, max(start, name_start - 4), name_start)
        is not None
    )


def plain_spans(folded: str, start: int, end: int, claimed: SpanSet) -> list[tuple[int, int, str]]:
    """Each name's start and end, and its suffix: every suffix screened and read back."""
    spans: list[tuple[int, int, str]] = []
    floor = start
    stops = organisations._stops_by_last()
    for match in re.compile(organisations._alternation(SUFFIXES)).finditer(folded, start, end):
        suffix = match.group()
        suffix_start, suffix_end = match.span()
        if plain_not_a_name(folded, suffix, suffix_start, suffix_end):
            continue
        if suffix_start in claimed:
            floor = suffix_end
            continue
        name_start = plain_name_start(folded, floor, suffix_start, suffix_end, stops)
        joined = spans and spans[-1][1] == name_start and name_start == floor
        floor = suffix_end
        if joined and suffix_end - spans[-1][0] <= organisations.NAME_MAX:
            name_start = spans.pop()[0]
        spans.append((name_start, suffix_end, suffix))
    return spans


def plain_start(folded: str, first: int, name_end: int, suffix: str) -> tuple[int, bool, int]:
    """Where a name starts, whether it starts like one, and where its place may end."""
    name_start = first
    limit = name_end - len(suffix) + (suffix[0] in "省市区县")
    placed = organisations._place_start(folded, name_start, limit)
    trimmed = organisations._trim_place(folded, name_start, limit)
    if not placed:
        for p in range(first + 1, name_end - len(suffix)):
            if (
                organisations._place_start(folded, p, limit)
                and folded[p:name_end] not in organisations.BRANCH_WORDS
            ):
                name_start, placed = p, True
                trimmed = organisations._trim_place(folded, p, limit)
                break
    if trimmed != name_start:
        name_start, placed = trimmed, organisations._place_start(folded, trimmed, limit)
    return name_start, placed, limit


def plain_reference(name: str) -> str | None:
    """``branch``, ``subject`` or None, as find_mentions classifies a name."""
    party = None
    if name.endswith(organisations.PARTY_ENDINGS) and name not in organisations.BRANCH_WORDS:
        party = next(w for w in organisations.PARTY_ENDINGS if name.endswith(w))
    stem = name[: -len(party)] if party else ""
    if name in organisations.BRANCH_WORDS or (
        party and (stem in organisations.SUBJECT_WORDS or stem.endswith(organisations.ANAPHORS))
    ):
        return "branch"
    if name in organisations.SUBJECT_WORDS or (
        name.startswith(organisations.ANAPHORS)
        and name.lstrip("该本我此这个家") in organisations.SUBJECT_WORDS
    ):
        return "subject"
    return None


def plain_locate(page: Page, org: Org, name_start: int, name_end: int, limit: int) -> None:
    """Set ``org``'s location from the place its name starts with, if any."""
    folded = page.folded
    known = organisations._known_place_at(folded, name_start, limit)
    if known:
        at, to = name_start, name_start + known
    else:
        place = organisations.PLACE.match(folded, name_start, name_end)
        if place is None:
            return
        at, to = place.span("place")
    if to < name_end:
        org.location = page.read(at, to)


def plain_find_mentions(
    page: Page, start: int, end: int, claimed: SpanSet, where: str
) -> list[Mention]:
    """find_mentions read plainly: every suffix screened, every name read and classified."""
    folded = page.folded
    found: list[Mention] = []
    for first, name_end, suffix in plain_spans(folded, start, end, claimed):
        name_start, placed, limit = plain_start(folded, first, name_end, suffix)
        name = folded[name_start:name_end]
        role = plain_reference(name)
        generic = plain_generic(folded, start, name_start)
        if role == "branch":
            if not generic:
                found.append(Mention(name_start, name_end, None, "branch"))
        elif role == "subject":
            before = folded[max(start, name_start - 2) : name_start]
            if not generic and not (
                before[-1:]
                and is_han(before[-1])
                and not before.endswith(organisations.ANAPHORS)
                and not organisations._stops_at(folded, name_start)
            ):
                found.append(Mention(name_start, name_end, None, "subject"))
        elif not generic and (
            len(name) > len(suffix)
            and (
                placed
                or (suffix in ("有限公司", "集团") and len(name) >= len(suffix) + 2)
                or (
                    organisations.kind_of(name) is OrganisationKind.MEDIA
                    and organisations.DATELINE.match(folded, name_end) is not None
                )
            )
        ):
            org = page.org(name_start, name_end, organisations.kind_of(name), where)
            assert org is not None
            if org.location is None:
                plain_locate(page, org, name_start, name_end, limit)
            found.append(Mention(name_start, name_end, org, "name"))
    return found


def _page(text: str) -> Page:
    return Page(text, make_view(text, fold(text)))


def _described(page: Page, mentions: list[Mention]) -> list[object]:
    orgs = [
        (o.key, o.name, o.kind, list(o.evidence), sorted(o.places), o.mentions, o.location)
        for o in page.orgs.values()
    ]
    return [[(m.start, m.end, m.role, m.org and m.org.key) for m in mentions], orgs]


def _same_mentions(text: str, start: int, claimed: list[tuple[int, int]]) -> None:
    plain, fast = _page(text), _page(text)
    spans = SpanSet(claimed) if claimed else NO_SPANS
    end = len(plain.folded)
    start = min(start, end)
    for _ in range(2):  # the second time, every organisation is known
        expected = plain_find_mentions(plain, start, end, spans, "body")
        got = organisations.find_mentions(fast, start, end, spans, "body")
        assert _described(fast, got) == _described(plain, expected), (text, start, claimed)


#: Pieces of sentences: names and their parts, references, words that stop or join a
#: name, generic and plural starts, words that end in a suffix but name nothing.
_SENTENCE_PIECES = st.sampled_from(
    [
        *SUFFIXES, "云岭市", "临川区", "江州", "东海省", "中共", "中国", "市", "区", "县",
        "该", "本", "我", "这家", "各", "全区", "12家", "三个", "等", "和", "与", "被", "在",
        "经", "济", "年", "2021年", "从业", "网络", "党组成员", "格局", "网网", "、", ",",
        "。", "「", "」", "a", "互联网", "数字出版", "有限公司", "集团", "行业", "的",
        "新闻网", "日报", "讯", "5月20日讯",
    ]
)  # fmt: skip


@given(
    st.lists(_SENTENCE_PIECES, max_size=14).map("".join),
    st.integers(0, 6),
    st.lists(st.tuples(st.integers(0, 30), st.integers(1, 6)), max_size=2),
)
@example("获得青川市委网信办颁发的荣誉证书,并在青川市新闻网等平台展播。", 0, [])
@example("支部组织党员参加江州市委网信办的活动", 0, [])
@example("该协会党支部和商会、本商会,行业商会", 0, [])
@example("各区工商联和12家商会", 0, [])
@example("渠安市委组织部和云岭市民政局", 2, [(2, 3)])
@example("数字出版有限公司与云岭集团", 0, [])
def test_find_mentions_is_the_plain_reading(
    text: str, start: int, claimed: list[tuple[int, int]]
) -> None:
    _same_mentions(text, start, [(at, at + n) for at, n in claimed])


ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted([*(ROOT / "examples").rglob("*.txt"), *(ROOT / "tests" / "data").rglob("*.txt")])


def test_find_mentions_reads_the_stored_texts_plainly() -> None:
    assert len(TEXTS) > 20
    for path in TEXTS:
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError:  # texts stored in other encodings, for the decoder
            continue
        _same_mentions(text, 0, [])
        for line in text.splitlines():
            _same_mentions(line, 0, [])


def test_parses_do_not_depend_on_the_names_read_before() -> None:
    """What is kept per name across parses changes no parse: cold, warm and after other texts."""
    import warnings

    import partycases as pc

    texts = [text for path in TEXTS if (text := _utf8(path)) is not None]
    assert len(texts) > 20

    def parse_all(order: list[str]) -> dict[str, bytes]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pc.PartycasesWarning)
            return {text: pc.dumps(pc.parse_text(text)) for text in order}

    organisations._reading.cache_clear()
    organisations._reference.cache_clear()
    cold = {}
    for text in texts:  # each text parsed with nothing kept from any other
        organisations._reading.cache_clear()
        organisations._reference.cache_clear()
        cold.update(parse_all([text]))
    assert parse_all(texts) == cold
    assert parse_all(texts[::-1]) == cold  # warm, and in the other order
    assert not organisations.NO_MENTIONS  # the shared empty answer stayed empty


def _utf8(path: Path) -> str | None:
    """The file's text, or None for texts stored in other encodings, for the decoder."""
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError:
        return None
