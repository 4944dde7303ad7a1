"""The v1 models of a typical case."""

import importlib
from typing import TYPE_CHECKING, Any

from partycases.models._base import (
    LEGACY_ID_ERROR,
    MAX_EXTENSION_DEPTH,
    MAX_SECTION_DEPTH,
    MAX_TEXT,
    TEXT_FAST_ERROR,
)
from partycases.models._keys import STATED_KEYS
from partycases.models.activity import Activity, ActivityKind
from partycases.models.case import SCHEMA_VERSION, Case, Series, Source, require_case
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
    from partycases.models._references import REFERENCES, Link
    from partycases.models._writable import writable_case

__all__ = [
    "LEGACY_ID_ERROR",
    "MAX_EXTENSION_DEPTH",
    "MAX_SECTION_DEPTH",
    "MAX_TEXT",
    "QUANTITY_KEYS",
    "REFERENCES",
    "SCHEMA_VERSION",
    "STATED_KEYS",
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
    "require_case",
    "stated_keys",
    "writable_case",
]


#: What only the readers and the exports use, and the module each lives in: imported
#: when first asked for, since a model needs none of it to validate.
_LAZY: dict[str, str] = {
    "Link": "partycases.models._references",
    "REFERENCES": "partycases.models._references",
    "problems_from": "partycases.models._problems",
    "stated_keys": "partycases.models._keys",
    "writable_case": "partycases.models._writable",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
