"""The case schema as msgspec Structs doing the same checks as partycases: the equal-work baseline.

``msgspec_schema`` checks types only, which is less work than validating a
case. Here every string carries the pattern and length partycases gives it
(taken from partycases' own constants, so the two cannot drift apart), every
closed vocabulary is the same enum, every number has the same bounds, and the
decoded case runs the same case-wide check (``is_sound``: unique ids,
references of the right kinds, spans inside the text, no parent chain that
loops, no two organisation ids that fold together), which reads msgspec
Structs as well as models because the field names are the same.

What is still not the same work: dates are checked by pattern, not calendar
(no ``2023-02-30`` check) and stay strings; quantities and spans stay Structs
rather than attrs values; text is not stripped; work titles are not checked
for 《》 marks.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from partycases import models
from partycases.ids import ID_KINDS, ID_PATTERN, MAX_KEY
from partycases.models._base import MAX_COUNT, MAX_ITEMS, MAX_TEXT, TEXT_FAST_PATTERN
from partycases.models._sound_writer import compile_sound
from partycases.values import Qualifier

__all__ = ["DECODER"]

#: The library's case-wide check, its fields read as attributes (Structs keep no ``__dict__``).
_is_sound = compile_sound(by_dict=False)

_DATE = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"

Text = Annotated[str, Meta(min_length=1, pattern=TEXT_FAST_PATTERN)]
Reference = Annotated[
    str, Meta(pattern=ID_PATTERN, max_length=max(map(len, ID_KINDS)) + 1 + MAX_KEY)
]
Language = Annotated[str, Meta(pattern=r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")]
PartialDate = Annotated[str, Meta(pattern=f"^{_DATE}$")]
DateOrRange = Annotated[str, Meta(pattern=f"^{_DATE}(/{_DATE})?$")]
Positive = Annotated[int, Meta(ge=1)]
CaseId = Annotated[str, Meta(pattern=r"^[^\s/\\:.][^\s/\\:]*$", max_length=MAX_KEY)]
Url = Annotated[str, Meta(pattern=r"^https?://\S+$")]
ExtensionKey = Annotated[str, Meta(pattern=r"^[a-z0-9]+([._-][a-z0-9]+)*$")]


def _id(kind: str) -> Any:
    return Annotated[str, Meta(pattern=rf"^{kind}:[^\s/\\:]+$", max_length=len(kind) + 1 + MAX_KEY)]


def _many(item: Any) -> Any:
    return Annotated[tuple[item, ...], Meta(max_length=MAX_ITEMS)]


class _Base(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    pass


class Span(_Base, frozen=True):
    start: Annotated[int, Meta(ge=0)]
    end: Annotated[int, Meta(ge=1)]

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise ValueError("a span must have start < end")


class Quantity(_Base, frozen=True):
    value: Annotated[int, Meta(ge=0, le=MAX_COUNT)]
    qualifier: Qualifier = Qualifier.EXACT
    unit: Annotated[str, Meta(min_length=1)] | None = None
    text: Annotated[str, Meta(min_length=1)] | None = None


class Name(_Base, frozen=True):
    value: Text
    language: Language | None = None
    kind: models.NameKind = models.NameKind.OTHER


class Identifier(_Base, frozen=True):
    scheme: models.IdentifierScheme
    value: Text


class Organisation(_Base, frozen=True):
    id: _id("org")  # type: ignore[valid-type]
    name: Text
    other_names: tuple[Name, ...] = ()
    kind: models.OrganisationKind = models.OrganisationKind.OTHER
    founded: PartialDate | None = None
    location: Text | None = None
    grade: Text | None = None
    member_count: Quantity | None = None
    approved_by: tuple[Reference, ...] = ()
    supervised_by: tuple[Reference, ...] = ()
    parent_id: Reference | None = None
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Span, ...] = ()


class Role(_Base, frozen=True):
    title: Text
    organisation_id: Reference | None = None


class Person(_Base, frozen=True):
    id: _id("person")  # type: ignore[valid-type]
    name: Text
    roles: tuple[Role, ...] = ()
    evidence: tuple[Span, ...] = ()


class Honour(_Base, frozen=True):
    id: _id("honour")  # type: ignore[valid-type]
    title: Text
    recipient_id: Reference
    awarded_by: tuple[Reference, ...] = ()
    date: PartialDate | None = None
    level: models.HonourLevel | None = None
    batch: Positive | None = None
    kind: models.HonourKind = models.HonourKind.TITLE
    evidence: tuple[Span, ...] = ()


class Activity(_Base, frozen=True):
    id: _id("activity")  # type: ignore[valid-type]
    name: Text
    kind: models.ActivityKind = models.ActivityKind.OTHER
    date: DateOrRange | None = None
    organiser_ids: tuple[Reference, ...] = ()
    participants: tuple[Text, ...] = ()
    participant_ids: tuple[Reference, ...] = ()
    description: Text | None = None
    work_ids: tuple[Reference, ...] = ()
    evidence: tuple[Span, ...] = ()


class Work(_Base, frozen=True):
    id: _id("work")  # type: ignore[valid-type]
    title: Text
    kind: models.WorkKind = models.WorkKind.OTHER
    creator_ids: tuple[Reference, ...] = ()
    platforms: tuple[Text, ...] = ()
    date: PartialDate | None = None
    evidence: tuple[Span, ...] = ()


class Paragraph(_Base, frozen=True):
    text: Text
    marker: Text | None = None


class Section(_Base, frozen=True):
    kind: models.SectionKind = models.SectionKind.OTHER
    number: Positive | None = None
    heading: Text | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    subsections: tuple[Section, ...] = ()


class Series(_Base, frozen=True):
    name: Text
    number: Positive | None = None


class Source(_Base, frozen=True):
    publisher: Text | None = None
    publisher_id: Reference | None = None
    url: Url | None = None
    retrieved_at: dt.datetime | None = None


class Case(_Base, frozen=True):
    id: CaseId
    language: Language
    schema_version: str = "1.0"
    title: Text | None = None
    series: Series | None = None
    published_at: dt.datetime | None = None
    source: Source | None = None
    editor_note: Text | None = None
    headline: Text | None = None
    subject_ids: tuple[Reference, ...] = ()
    sections: _many(Section) = ()  # type: ignore[valid-type]
    organisations: _many(Organisation) = ()  # type: ignore[valid-type]
    people: _many(Person) = ()  # type: ignore[valid-type]
    honours: _many(Honour) = ()  # type: ignore[valid-type]
    activities: _many(Activity) = ()  # type: ignore[valid-type]
    works: _many(Work) = ()  # type: ignore[valid-type]
    tags: tuple[Text, ...] = ()
    extensions: dict[ExtensionKey, Any] = {}
    unparsed: tuple[Text, ...] = ()
    text: Annotated[str, Meta(max_length=MAX_TEXT)] | None = None

    def __post_init__(self) -> None:
        if not _is_sound(self):
            raise ValueError("ids, references or evidence spans do not hold together")


DECODER = msgspec.json.Decoder(Case)
