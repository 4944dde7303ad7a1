"""Hypothesis strategies that build valid cases; every property test draws from here."""

from __future__ import annotations

import datetime as dt
import functools
import string
from typing import Any

from hypothesis import strategies as st

import partycases as pc
from partycases.ids import id_fold

# Characters of the genre: CJK ideographs, ASCII letters and digits, and the
# full- and half-width punctuation real documents mix.
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PUNCTUATION = st.sampled_from(list("「」“”（）()，,：:、。；！？- 《》"))
ASCII = st.sampled_from(list(string.ascii_letters + string.digits))
GENRE_CHAR = st.one_of(CJK, CJK, CJK, ASCII, PUNCTUATION)
# The other characters an id's key may hold: ASCII punctuation but / \ and :, and characters
# an IRI must percent-encode (private use, the replacement character) or may hold (Extension B).
ID_PUNCTUATION = st.sampled_from(
    [*"!\"#$%&'()*+,-.;<=>?@[]^_`{|}~", "\ue000", "\ufffd", "\U00020000", "\U000f0000"]
)
KEY_CHAR = st.one_of(CJK, ASCII)
ID_CHAR = st.one_of(CJK, ASCII, ID_PUNCTUATION)


# Strategies are built once and shared: Hypothesis validates every new strategy
# object it meets, which cost more than drawing the examples themselves.
@functools.cache
def texts(max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-empty, stripped, NFC text in the genre's alphabet."""
    return st.text(GENRE_CHAR, min_size=1, max_size=max_size).map(str.strip).filter(bool)


@functools.cache
def titles() -> st.SearchStrategy[str]:
    """Work titles: like :func:`texts` but never wrapped in 《》."""
    return texts().filter(lambda title: not title.startswith("《") and not title.endswith("》"))


@functools.cache
def ids(kind: str) -> st.SearchStrategy[str]:
    """Ids of one kind: ``kind:`` and a key of ideographs, letters, digits and punctuation."""
    return st.text(ID_CHAR, min_size=1, max_size=12).map(lambda key: f"{kind}:{key}")


_PRECISION = st.sampled_from(["year", "month", "day"])


@st.composite
def partial_dates(draw: st.DrawFn) -> pc.PartialDate:
    """Partial dates at every precision, all of them real dates."""
    day = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
    precision = draw(_PRECISION)
    if precision == "year":
        return pc.PartialDate(day.year)
    if precision == "month":
        return pc.PartialDate(day.year, day.month)
    return pc.PartialDate(day.year, day.month, day.day)


_PARTIAL_DATE = partial_dates()


@st.composite
def date_ranges(draw: st.DrawFn) -> pc.DateRange:
    """Date ranges whose end is not before their start."""
    first, second = sorted([draw(_PARTIAL_DATE), draw(_PARTIAL_DATE)], key=lambda d: d.lower)
    if second.upper < first.lower:  # pragma: no cover - sorted by lower bound, cannot happen
        first, second = second, first
    return pc.DateRange(first, second)


#: Every offset a case's JSON can state: whole minutes, less than a day either way, or none.
_OFFSETS = st.none() | st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)


@functools.cache
def timestamps() -> st.SearchStrategy[dt.datetime]:
    """Timestamps a case can hold: years 1 to 9999, to the microsecond, local or zoned."""
    return st.datetimes(timezones=_OFFSETS)


@functools.cache
def quantities() -> st.SearchStrategy[pc.Quantity]:
    """Non-negative quantities with every qualifier."""
    return st.builds(
        pc.Quantity,
        value=st.integers(min_value=0, max_value=10**9),
        qualifier=st.sampled_from(pc.Qualifier),
        unit=st.none() | texts(6),
        text=st.none() | texts(12),
    )


json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=["Cs"]), max_size=10)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
namespaces = st.from_regex(r"\A[a-z0-9]{1,6}(\.[a-z0-9]{1,6}){0,2}\Z")


@functools.cache
def _indices(size: int, max_size: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(0, size - 1), max_size=max_size, unique=True)


@functools.cache
def _index(size: int) -> st.SearchStrategy[int]:
    return st.integers(0, size - 1)


def _some(pool: list[str], max_size: int = 3) -> st.SearchStrategy[list[str]]:
    if not pool:
        return st.just([])
    # Indices into the pool, from a strategy shared by every pool of this size.
    return _indices(len(pool), max_size).map(lambda picks: [pool[i] for i in picks])


def _one(pool: list[str]) -> st.SearchStrategy[str]:
    return _index(len(pool)).map(pool.__getitem__)


@functools.cache
def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def _sections(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    paragraphs = draw(
        st.lists(
            _PARAGRAPH,
            max_size=3,
        )
    )
    section: dict[str, Any] = {
        "kind": draw(_SECTION_KIND),
        "number": draw(_maybe(_SECTION_NUMBER)),
        "heading": draw(_maybe(texts())),
        "paragraphs": paragraphs,
    }
    if depth < 2:
        section["subsections"] = draw(_SUBSECTIONS[depth])
    return section


_PARAGRAPH = st.fixed_dictionaries(
    {"text": texts(40)}, optional={"marker": st.sampled_from(["一是", "二是", "三是"])}
)
_SECTION_KIND = st.sampled_from(pc.SectionKind)
_SECTION_NUMBER = st.integers(min_value=1, max_value=30)
_SUBSECTIONS = [st.lists(_sections(depth + 1), max_size=2) for depth in range(2)]
_SECTIONS = st.lists(_sections(), max_size=3)
_CASE_TEXT = st.text(st.one_of(GENRE_CHAR, st.just("\n")), min_size=1, max_size=200)
_OTHER_NAMES = st.lists(
    st.builds(
        pc.Name,
        value=texts(),
        language=_maybe(st.sampled_from(["zh-Hant", "zh-Hans", "en"])),
        kind=st.sampled_from(pc.NameKind),
    ),
    max_size=2,
)
_ORGANISATION_KIND = st.sampled_from(pc.OrganisationKind)
_WORK_KIND = st.sampled_from(pc.WorkKind)
_HONOUR_LEVEL = st.sampled_from(pc.HonourLevel)
_HONOUR_KIND = st.sampled_from(pc.HonourKind)
_ACTIVITY_KIND = st.sampled_from(pc.ActivityKind)
_BATCH = st.integers(1, 20)
_ACTIVITY_DATE = _PARTIAL_DATE | date_ranges()
_SHORT_TEXTS = st.lists(texts(8), max_size=2)
_TAGS = st.lists(texts(8), max_size=3)
# Free text keeps its line breaks; every other text field is one line.
_FREE_TEXT = (
    st.text(st.one_of(GENRE_CHAR, GENRE_CHAR, st.sampled_from(["\n", "\r"])), max_size=40)
    .map(str.strip)
    .filter(bool)
)
_UNPARSED = st.lists(_FREE_TEXT, max_size=2)
_EXTENSIONS = st.dictionaries(namespaces, json_values, max_size=2)
_LOCAL_TIMES = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1))
_SOURCE = st.fixed_dictionaries(
    {},
    optional={
        "publisher": texts(),
        "url": st.just("https://example.org/case/") | st.just("http://example.com/a?b=c"),
        "retrieved_at": st.datetimes(
            min_value=dt.datetime(1990, 1, 1),
            max_value=dt.datetime(2100, 1, 1),
            timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=8))]),
        ),
    },
)
_SERIES = st.fixed_dictionaries({"name": texts(8)}, optional={"number": st.integers(1, 200)})
_LANGUAGE = st.sampled_from(["zh-Hant", "zh-Hans"])
_CASE_ID = st.text(ID_CHAR, min_size=1, max_size=20).filter(lambda key: key[0] != ".")


@functools.cache
def _id_lists(kind: str, max_size: int) -> st.SearchStrategy[list[str]]:
    # Unique as the models count ids: one entity, one id, in either script or case.
    return st.lists(ids(kind), max_size=max_size, unique_by=id_fold)


@functools.cache
def _spans(length: int) -> st.SearchStrategy[list[tuple[int, int]]]:
    """Up to two (start, end) pairs inside a text of ``length`` characters."""
    bounds = st.tuples(st.integers(0, length - 1), st.integers(1, length)).filter(
        lambda pair: pair[0] < pair[1]
    )
    return st.lists(bounds, max_size=2)


@st.composite
def cases(draw: st.DrawFn) -> pc.Case:
    """Valid cases: unique ids, references that resolve to the right kind, spans inside the text."""
    text = draw(_maybe(_CASE_TEXT))

    def evidence() -> list[pc.Span]:
        if text is None:
            return []
        return [pc.Span(*pair) for pair in draw(_spans(len(text)))]

    org_ids = draw(_id_lists("org", 6))
    person_ids = draw(_id_lists("person", 3))
    work_ids = draw(_id_lists("work", 3))
    agents = org_ids + person_ids

    organisations = []
    for position, org_id in enumerate(org_ids):
        parents = org_ids[:position]  # a parent comes first: no chain leads back to itself
        organisations.append(
            {
                "id": org_id,
                "name": draw(texts()),
                "other_names": draw(_OTHER_NAMES),
                "kind": draw(_ORGANISATION_KIND),
                "founded": draw(_maybe(_PARTIAL_DATE)),
                "location": draw(_maybe(texts(8))),
                "grade": draw(_maybe(texts(6))),
                "member_count": draw(_maybe(quantities())),
                "approved_by": draw(_some(org_ids)),
                "supervised_by": draw(_some(org_ids)),
                "parent_id": draw(_maybe(_one(parents))) if parents else None,
                "evidence": evidence(),
            }
        )
    people = [
        {
            "id": person_id,
            "name": draw(texts(6)),
            "roles": [
                {"title": draw(texts(6)), "organisation_id": draw(_maybe(_one(org_ids)))}
                if org_ids
                else {"title": draw(texts(6))}
                for _ in range(draw(_index(3)))
            ],
            "evidence": evidence(),
        }
        for person_id in person_ids
    ]
    works = [
        {
            "id": work_id,
            "title": draw(titles()),
            "kind": draw(_WORK_KIND),
            "creator_ids": draw(_some(agents)),
            "platforms": draw(_SHORT_TEXTS),
            "date": draw(_maybe(_PARTIAL_DATE)),
            "evidence": evidence(),
        }
        for work_id in work_ids
    ]
    recipients = org_ids + work_ids + person_ids
    honour_ids = draw(_id_lists("honour", 4)) if recipients else []
    honours = [
        {
            "id": honour_id,
            "title": draw(texts()),
            "recipient_id": draw(_one(recipients)),
            "awarded_by": draw(_some(org_ids)),
            "date": draw(_maybe(_PARTIAL_DATE)),
            "level": draw(_maybe(_HONOUR_LEVEL)),
            "batch": draw(_maybe(_BATCH)),
            "kind": draw(_HONOUR_KIND),
            "evidence": evidence(),
        }
        for honour_id in honour_ids
    ]
    activities = [
        {
            "id": activity_id,
            "name": draw(texts()),
            "kind": draw(_ACTIVITY_KIND),
            "date": draw(_maybe(_ACTIVITY_DATE)),
            "organiser_ids": draw(_some(org_ids)),
            "participants": draw(_SHORT_TEXTS),
            "participant_ids": draw(_some(agents)),
            "description": draw(_maybe(_FREE_TEXT)),
            "work_ids": draw(_some(work_ids)),
            "evidence": evidence(),
        }
        for activity_id in draw(_id_lists("activity", 3))
    ]
    source = draw(_maybe(_SOURCE))
    if source is not None and org_ids and draw(st.booleans()):
        source["publisher_id"] = draw(_one(org_ids))
    data = {
        "id": draw(_CASE_ID),
        "title": draw(_maybe(texts(40))),
        "series": draw(_maybe(_SERIES)),
        "published_at": draw(_maybe(_LOCAL_TIMES)),
        "language": draw(_LANGUAGE),
        "source": source,
        "editor_note": draw(_maybe(texts(60))),
        "headline": draw(_maybe(texts())),
        "subject_ids": draw(_some(org_ids, 2)),
        "sections": draw(_SECTIONS),
        "organisations": organisations,
        "people": people,
        "honours": honours,
        "activities": activities,
        "works": works,
        "tags": draw(_TAGS),
        "extensions": draw(_EXTENSIONS),
        "unparsed": draw(_UNPARSED),
        "text": text,
    }
    return pc.Case.model_validate(data)


# ----------------------------------------------------------------- renderable

# Ideographs that spell no structure: no numerals (一是, 二、), no 是, no 案例 words.
_PLAIN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF).filter(
    lambda c: c not in "零〇一二三四五六七八九十百千两兩是案例编編者按来來源" and not c.isspace()
)
_HEADINGS = [
    ("案例背景", pc.SectionKind.BACKGROUND),
    ("主要做法", pc.SectionKind.PRACTICES),
    ("工作成效", pc.SectionKind.OUTCOMES),
    ("特色亮点", pc.SectionKind.OTHER),
]


@functools.cache
def plain(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """Ideographs with no structural meaning."""
    return st.text(_PLAIN, min_size=min_size, max_size=max_size)


@st.composite
def _renderable_section(draw: st.DrawFn, number: int, top: bool) -> pc.Section:
    if top:
        heading, kind = draw(st.sampled_from(_HEADINGS))
    else:
        heading, kind = draw(plain(2, 12)), pc.SectionKind.OTHER
    count = draw(st.integers(0, 3))
    enumerated = draw(st.booleans())
    markers = ["一是", "二是", "三是"]
    paragraphs = [
        pc.Paragraph(text=draw(plain(25, 60)) + "。", marker=markers[i] if enumerated else None)
        for i in range(count)
    ]
    subsections = []
    if top:
        subsections = [
            draw(_renderable_section(i + 1, False)) for i in range(draw(st.integers(0, 2)))
        ]
    return pc.Section(
        kind=kind, number=number, heading=heading, paragraphs=paragraphs, subsections=subsections
    )


@st.composite
def renderable_cases(draw: st.DrawFn) -> pc.Case:
    """Cases whose text fields are shaped like the genre, so the published layout can carry them."""
    sections = [draw(_renderable_section(i + 1, True)) for i in range(draw(st.integers(1, 3)))]
    when = draw(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)))
    title = draw(st.none() | plain(6, 20))
    return pc.Case(
        id="rendered",
        language=draw(st.sampled_from(["zh-Hant", "zh-Hans"])),
        title=title,
        published_at=draw(st.none() | st.just(when.replace(microsecond=0))),
        editor_note=draw(st.none() | plain(25, 60).map(lambda t: t + "。")),
        # Without a title, a lone short first line is a title: the layout cannot tell.
        headline=draw(st.none() | plain(4, 12)) if title else None,
        sections=sections,
        source=draw(st.none() | plain(3, 10).map(lambda p: pc.Source(publisher=p))),
    )
