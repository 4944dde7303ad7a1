"""The v1 models of a typical case."""

from partycases.models._base import MAX_TEXT, TEXT_FAST_ERROR
from partycases.models._keys import QUANTITY_KEYS, stated_keys
from partycases.models._problems import problems_from
from partycases.models._references import REFERENCES, Link
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
    "MAX_TEXT",
    "QUANTITY_KEYS",
    "REFERENCES",
    "SCHEMA_VERSION",
    "TEXT_FAST_ERROR",
    "Activity",
    "ActivityKind",
    "Case",
    "Honour",
    "HonourKind",
    "HonourLevel",
    "Identifier",
    "IdentifierScheme",
    "Link",
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
    "problems_from",
    "stated_keys",
]
