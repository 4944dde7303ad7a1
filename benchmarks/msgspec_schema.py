"""The case schema as msgspec Structs: the fastest typed decoder, used as the baseline.

It checks types and unknown fields like the partycases models do, but none of
the case-wide invariants (ids, references, spans, calendars, NFC): that extra
work is exactly what the ratio measures.
"""

from __future__ import annotations

from typing import Any

import msgspec


class _Base(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    pass


class Span(_Base, frozen=True):
    start: int
    end: int


class Quantity(_Base, frozen=True):
    value: int
    qualifier: str = "exact"
    unit: str | None = None
    text: str | None = None


class Name(_Base, frozen=True):
    value: str
    language: str | None = None
    kind: str = "other"


class Identifier(_Base, frozen=True):
    scheme: str
    value: str


class Organisation(_Base, frozen=True):
    id: str
    name: str
    other_names: tuple[Name, ...] = ()
    kind: str = "other"
    founded: str | None = None
    location: str | None = None
    grade: str | None = None
    member_count: Quantity | None = None
    approved_by: tuple[str, ...] = ()
    supervised_by: tuple[str, ...] = ()
    parent_id: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Span, ...] = ()


class Role(_Base, frozen=True):
    title: str
    organisation_id: str | None = None


class Person(_Base, frozen=True):
    id: str
    name: str
    roles: tuple[Role, ...] = ()
    evidence: tuple[Span, ...] = ()


class Honour(_Base, frozen=True):
    id: str
    title: str
    recipient_id: str
    awarded_by: tuple[str, ...] = ()
    date: str | None = None
    level: str | None = None
    batch: int | None = None
    kind: str = "title"
    evidence: tuple[Span, ...] = ()


class Activity(_Base, frozen=True):
    id: str
    name: str
    kind: str = "other"
    date: str | None = None
    organiser_ids: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    participant_ids: tuple[str, ...] = ()
    description: str | None = None
    work_ids: tuple[str, ...] = ()
    evidence: tuple[Span, ...] = ()


class Work(_Base, frozen=True):
    id: str
    title: str
    kind: str = "other"
    creator_ids: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    date: str | None = None
    evidence: tuple[Span, ...] = ()


class Paragraph(_Base, frozen=True):
    text: str
    marker: str | None = None


class Section(_Base, frozen=True):
    kind: str = "other"
    number: int | None = None
    heading: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    subsections: tuple[Section, ...] = ()


class Series(_Base, frozen=True):
    name: str
    number: int | None = None


class Source(_Base, frozen=True):
    publisher: str | None = None
    publisher_id: str | None = None
    url: str | None = None
    retrieved_at: str | None = None


class Case(_Base, frozen=True):
    id: str
    language: str
    schema_version: str = "1.0"
    title: str | None = None
    series: Series | None = None
    published_at: str | None = None
    source: Source | None = None
    editor_note: str | None = None
    headline: str | None = None
    subject_ids: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    people: tuple[Person, ...] = ()
    honours: tuple[Honour, ...] = ()
    activities: tuple[Activity, ...] = ()
    works: tuple[Work, ...] = ()
    tags: tuple[str, ...] = ()
    extensions: dict[str, Any] = {}
    unparsed: tuple[str, ...] = ()
    text: str | None = None


DECODER = msgspec.json.Decoder(Case)
