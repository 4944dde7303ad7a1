"""The v1 models of a typical case."""

from partycases.models.activity import Activity, ActivityKind
from partycases.models.case import SCHEMA_VERSION, Case, Series, Source
from partycases.models.honour import Honour, HonourKind, HonourLevel
from partycases.models.organisation import (
    Identifier,
    IdentifierScheme,
    Name,
    NameKind,
    Organisation,
    OrganisationKind,
)
from partycases.models.person import Person, Role
from partycases.models.section import Paragraph, Section, SectionKind
from partycases.models.work import Work, WorkKind

__all__ = [
    "SCHEMA_VERSION",
    "Activity",
    "ActivityKind",
    "Case",
    "Honour",
    "HonourKind",
    "HonourLevel",
    "Identifier",
    "IdentifierScheme",
    "Name",
    "NameKind",
    "Organisation",
    "OrganisationKind",
    "Paragraph",
    "Person",
    "Role",
    "Section",
    "SectionKind",
    "Series",
    "Source",
    "Work",
    "WorkKind",
]
