"""JSON Schema (draft 2020-12) of the case format, for services in other languages."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode
from pydantic_core import CoreSchema

from partycases._json import dumps_pretty
from partycases.models import SCHEMA_VERSION, Case

__all__ = ["DRAFT", "json_schema", "json_schema_bytes", "schema_files", "schema_id"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_id(name: str = "case") -> str:
    """The stable ``$id`` of a published schema: a URN naming the entity and the version."""
    return f"urn:partycases:schema:{SCHEMA_VERSION}:{name}"


class _Generator(GenerateJsonSchema):
    def generate(self, schema: CoreSchema, mode: JsonSchemaMode = "validation") -> dict[str, Any]:
        body = super().generate(schema, mode=mode)
        return {"$schema": DRAFT, "$id": schema_id("case"), **body}


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of :class:`~partycases.Case` as a dict.

    Field docstrings become descriptions; the ``$id`` carries the schema
    version, so a service can tell which version of the format it checks.
    """
    return Case.model_json_schema(schema_generator=_Generator, mode="validation")


def json_schema_bytes() -> bytes:
    """Return :func:`json_schema` as the bytes of ``docs/schema/case.schema.json``."""
    return dumps_pretty(json_schema())


def _entity_schema(model: type[Any], name: str) -> dict[str, Any]:
    class Generator(GenerateJsonSchema):
        def generate(
            self, schema: CoreSchema, mode: JsonSchemaMode = "validation"
        ) -> dict[str, Any]:
            body = super().generate(schema, mode=mode)
            return {"$schema": DRAFT, "$id": schema_id(name), **body}

    result: dict[str, Any] = model.model_json_schema(schema_generator=Generator, mode="validation")
    return result


def schema_files() -> dict[str, bytes]:
    """Every published schema by file name: the case and each entity, alone."""
    from partycases.models import Activity, Honour, Organisation, Work

    files = {"case.schema.json": json_schema_bytes()}
    for model, name in (
        (Organisation, "organisation"),
        (Honour, "honour"),
        (Activity, "activity"),
        (Work, "work"),
    ):
        files[f"{name}.schema.json"] = dumps_pretty(_entity_schema(model, name))
    return files


if __name__ == "__main__":
    import sys

    sys.stdout.buffer.write(json_schema_bytes())
