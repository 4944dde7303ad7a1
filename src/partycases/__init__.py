"""Validated schemas for Chinese typical-case (典型案例) documents.

>>> import partycases
>>> case = partycases.load("examples/cases/tianjin-culture-media-chamber.json")  # doctest: +SKIP
>>> partycases.loads(partycases.dumps(case)) == case  # doctest: +SKIP
True

Public names are imported on first use, so ``import partycases`` stays cheap
and the command line can start without building any model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Where each public name lives; importing it imports that module only.
_EXPORTS: dict[str, str] = {
    "Activity": "partycases.models",
    "ActivityKind": "partycases.models",
    "Case": "partycases.models",
    "CaseStream": "partycases.io",
    "Corpus": "partycases.corpus",
    "DateRange": "partycases.values",
    "EntityRecord": "partycases.corpus",
    "ExportSummary": "partycases._export",
    "FormatError": "partycases.errors",
    "Honour": "partycases.models",
    "HonourKind": "partycases.models",
    "HonourLevel": "partycases.models",
    "Identifier": "partycases.models",
    "IdentifierScheme": "partycases.models",
    "LoadError": "partycases.errors",
    "MissingExtraError": "partycases.errors",
    "Name": "partycases.models",
    "NameKind": "partycases.models",
    "Organisation": "partycases.models",
    "OrganisationKind": "partycases.models",
    "Paragraph": "partycases.models",
    "ParseReport": "partycases.text",
    "PartialDate": "partycases.values",
    "PartycasesError": "partycases.errors",
    "PartycasesWarning": "partycases.errors",
    "Person": "partycases.models",
    "Problem": "partycases.errors",
    "Qualifier": "partycases.values",
    "Quantity": "partycases.values",
    "Role": "partycases.models",
    "SCHEMA_VERSION": "partycases.models",
    "Section": "partycases.models",
    "SectionKind": "partycases.models",
    "Series": "partycases.models",
    "Source": "partycases.models",
    "Span": "partycases.values",
    "Summary": "partycases.io",
    "Work": "partycases.models",
    "WorkKind": "partycases.models",
    "WriteError": "partycases.errors",
    "build_corpus": "partycases.corpus",
    "dump": "partycases.io",
    "dump_jsonl": "partycases.io",
    "dumps": "partycases.io",
    "export": "partycases._export",
    "export_items": "partycases._export",
    "generate_cases": "partycases.synthetic",
    "iter_cases": "partycases.io",
    "json_schema": "partycases.schema",
    "load": "partycases.io",
    "loads": "partycases.io",
    "make_id": "partycases.ids",
    "name_key": "partycases.ids",
    "organisation_id": "partycases.ids",
    "parse_html": "partycases.text.html",
    "parse_text": "partycases.text",
    "render_text": "partycases.text",
    "to_arrow": "partycases.formats.arrow",
    "to_jsonld": "partycases.formats.jsonld",
    "to_pandas": "partycases.formats.arrow",
    "to_polars": "partycases.formats.arrow",
    "write_csv": "partycases.formats.arrow",
    "write_parquet": "partycases.formats.arrow",
    "write_tables": "partycases.formats.arrow",
}

__all__ = [
    "SCHEMA_VERSION",
    "Activity",
    "ActivityKind",
    "Case",
    "CaseStream",
    "Corpus",
    "DateRange",
    "EntityRecord",
    "ExportSummary",
    "FormatError",
    "Honour",
    "HonourKind",
    "HonourLevel",
    "Identifier",
    "IdentifierScheme",
    "LoadError",
    "MissingExtraError",
    "Name",
    "NameKind",
    "Organisation",
    "OrganisationKind",
    "Paragraph",
    "ParseReport",
    "PartialDate",
    "PartycasesError",
    "PartycasesWarning",
    "Person",
    "Problem",
    "Qualifier",
    "Quantity",
    "Role",
    "Section",
    "SectionKind",
    "Series",
    "Source",
    "Span",
    "Summary",
    "Work",
    "WorkKind",
    "WriteError",
    "__version__",
    "build_corpus",
    "dump",
    "dump_jsonl",
    "dumps",
    "export",
    "export_items",
    "generate_cases",
    "iter_cases",
    "json_schema",
    "load",
    "loads",
    "make_id",
    "name_key",
    "organisation_id",
    "parse_html",
    "parse_text",
    "render_text",
    "to_arrow",
    "to_jsonld",
    "to_pandas",
    "to_polars",
    "write_csv",
    "write_parquet",
    "write_tables",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'partycases' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from partycases._export import ExportSummary, export, export_items
    from partycases.corpus import Corpus, EntityRecord, build_corpus
    from partycases.errors import (
        FormatError,
        LoadError,
        MissingExtraError,
        PartycasesError,
        PartycasesWarning,
        Problem,
        WriteError,
    )
    from partycases.formats.arrow import (
        to_arrow,
        to_pandas,
        to_polars,
        write_csv,
        write_parquet,
        write_tables,
    )
    from partycases.formats.jsonld import (
        to_jsonld,
    )
    from partycases.ids import (
        make_id,
        name_key,
        organisation_id,
    )
    from partycases.io import (
        CaseStream,
        Summary,
        dump,
        dump_jsonl,
        dumps,
        iter_cases,
        load,
        loads,
    )
    from partycases.models import (
        SCHEMA_VERSION,
        Activity,
        ActivityKind,
        Case,
        Honour,
        HonourKind,
        HonourLevel,
        Identifier,
        IdentifierScheme,
        Name,
        NameKind,
        Organisation,
        OrganisationKind,
        Paragraph,
        Person,
        Role,
        Section,
        SectionKind,
        Series,
        Source,
        Work,
        WorkKind,
    )
    from partycases.schema import (
        json_schema,
    )
    from partycases.synthetic import (
        generate_cases,
    )
    from partycases.text import (
        ParseReport,
        parse_text,
        render_text,
    )
    from partycases.text.html import (
        parse_html,
    )
    from partycases.values import (
        DateRange,
        PartialDate,
        Qualifier,
        Quantity,
        Span,
    )
