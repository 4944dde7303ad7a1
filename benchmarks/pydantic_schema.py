"""The same schema as plain pydantic models: pydantic's own floor for this document shape.

Types, nesting, frozen instances and unknown-field checks only; no patterns,
no custom value types, no case-wide invariants. The distance from this to
partycases is what the library's checks cost; the distance from msgspec to
this is what pydantic costs.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Base(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Base):
    start: int
    end: int


class Quantity(_Base):
    value: int
    qualifier: str = "exact"
    unit: str | None = None
    text: str | None = None


class Name(_Base):
    value: str
    language: str | None = None
    kind: str = "other"


class Identifier(_Base):
    scheme: str
    value: str


class Organisation(_Base):
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


class Role(_Base):
    title: str
    organisation_id: str | None = None


class Person(_Base):
    id: str
    name: str
    roles: tuple[Role, ...] = ()
    evidence: tuple[Span, ...] = ()


class Honour(_Base):
    id: str
    title: str
    recipient_id: str
    awarded_by: tuple[str, ...] = ()
    date: str | None = None
    level: str | None = None
    batch: int | None = None
    kind: str = "title"
    evidence: tuple[Span, ...] = ()


class Activity(_Base):
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


class Work(_Base):
    id: str
    title: str
    kind: str = "other"
    creator_ids: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    date: str | None = None
    evidence: tuple[Span, ...] = ()


class Paragraph(_Base):
    text: str
    marker: str | None = None


class Section(_Base):
    kind: str = "other"
    number: int | None = None
    heading: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    subsections: tuple[Section, ...] = ()


class Series(_Base):
    name: str
    number: int | None = None


class Source(_Base):
    publisher: str | None = None
    publisher_id: str | None = None
    url: str | None = None
    retrieved_at: str | None = None


class Case(_Base):
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


Section.model_rebuild()
Case.model_rebuild()
