"""The v1 models of a typical case."""

from typing import TYPE_CHECKING, Any

from partycases.models._base import MAX_TEXT, TEXT_FAST_ERROR
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
from partycases.values import QUANTITY_KEYS

if TYPE_CHECKING:
    from partycases.models._keys import stated_keys
    from partycases.models._problems import problems_from

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


def __getattr__(name: str) -> Any:
    # What only the readers use (locating problems, counting a document's keys) is
    # imported when a reader first asks for it: the models alone do not need it.
    if name == "problems_from":
        from partycases.models._problems import problems_from

        return problems_from
    if name == "stated_keys":
        from partycases.models._keys import stated_keys

        return stated_keys
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
