"""JSON Schema (draft 2020-12) of the case format, for services in other languages.

The schema is written for code generators and validators in any language:
every value type is one named definition under ``$defs`` (``PartialDate``,
``Quantity``, ``Span``, ``Timestamp``, …), descriptions are plain text, and
fields carry no titles of their own, so generated code has one type per value
type instead of numbered copies.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import orjson
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode
from pydantic_core import CoreSchema

from partycases._json import dumps_pretty
from partycases.models import SCHEMA_VERSION, Case

__all__ = ["DRAFT", "example_case", "json_schema", "json_schema_bytes", "schema_files", "schema_id"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Docstrings are written for the docs site: ``literal``, `code` and Sphinx roles
# such as :func:`~partycases.organisation_id`. A schema description is plain text.
_ROLE = re.compile(r":[a-z]+:`(~?)([^`<]*?)(?:\s*<[^`>]*>)?`")
_LITERAL = re.compile(r"``(.+?)``|`([^`]+)`")


def _plain_role(match: re.Match[str]) -> str:
    # :class:`~partycases.Case` reads "Case", as Sphinx shows it; without ~ the path stays.
    tilde, target = match.group(1), match.group(2).strip()
    return target.rsplit(".", 1)[-1] if tilde else target


def _plain_text(description: str) -> str:
    # Roles become their target's name, literals lose their backticks, and line
    # breaks inside a paragraph become spaces.
    text = _ROLE.sub(_plain_role, description)
    text = _LITERAL.sub(lambda match: match.group(1) or match.group(2), text)
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip())]
    return "\n\n".join(paragraphs)


def _plain_descriptions(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: _plain_text(item)
            if key == "description" and isinstance(item, str)
            else item
            if key in ("examples", "default", "const", "enum")
            else _plain_descriptions(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_plain_descriptions(item) for item in value]
    return value


@cache
def _example_bytes() -> bytes:
    return resources.files("partycases").joinpath("example-case.json").read_bytes()


def example_case() -> dict[str, Any]:
    """Return the whole example case that the published schema carries, as JSON data.

    It is a valid case holding every kind of entity, evidence spans and its
    text; ``partycases.loads`` reads it.
    """
    example: dict[str, Any] = orjson.loads(_example_bytes())
    return example


class _Generator(GenerateJsonSchema):
    """pydantic's generator, made for other languages' tools.

    No field titles: code generators name a type after any titled schema, so
    ``"title": "Evidence"`` on three fields gave ``Evidence``, ``Evidence1``,
    ``Evidence2``. Descriptions are plain text.
    """

    schema_name = "case"

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def generate(self, schema: CoreSchema, mode: JsonSchemaMode = "validation") -> dict[str, Any]:
        body = _plain_descriptions(super().generate(schema, mode=mode))
        return {"$schema": DRAFT, "$id": schema_id(self.schema_name), **body}


def schema_id(name: str = "case") -> str:
    """The stable ``$id`` of a published schema: a URN naming the entity and the version."""
    return f"urn:partycases:schema:{SCHEMA_VERSION}:{name}"


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of :class:`~partycases.Case` as a dict.

    Field docstrings become plain-text descriptions, each value type is one
    named definition, and ``examples`` holds one whole case (see
    :func:`example_case`). The ``$id`` carries the schema version, so a service
    can tell which version of the format it checks.
    """
    schema = Case.model_json_schema(schema_generator=_Generator, mode="validation")
    schema["examples"] = [example_case()]
    return schema


def json_schema_bytes() -> bytes:
    """Return :func:`json_schema` as the bytes of ``docs/schema/case.schema.json``."""
    return dumps_pretty(json_schema())


_ENTITIES = {"organisation": "organisations", "honour": "honours", "activity": "activities"}


def _entity_schema(model: type[Any], name: str) -> dict[str, Any]:
    generator = type(f"{model.__name__}Generator", (_Generator,), {"schema_name": name})
    result: dict[str, Any] = model.model_json_schema(schema_generator=generator, mode="validation")
    result["examples"] = example_case()[_ENTITIES.get(name, name + "s")][:1]
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
