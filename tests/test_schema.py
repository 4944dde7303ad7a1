"""Tests for the JSON Schema: the committed file, examples and generated cases against it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest
from hypothesis import given

import partycases as pc
from partycases.schema import json_schema_bytes, schema_files
from tests.conftest import DATA, EXAMPLE_CASES, ROOT
from tests.strategies import cases

COMMITTED = ROOT / "docs" / "schema" / "case.schema.json"


def _validator() -> jsonschema.Draft202012Validator:
    schema = orjson.loads(COMMITTED.read_bytes())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


VALIDATOR = _validator()


@pytest.mark.parametrize("name", sorted(schema_files()))
def test_committed_schemas_are_current(name: str) -> None:
    """docs/schema/*.schema.json equal what partycases generates; PARTYCASES_REGENERATE=1 rewrites them."""
    current = schema_files()[name]
    path = COMMITTED.parent / name
    if os.environ.get("PARTYCASES_REGENERATE") == "1":
        path.write_bytes(current)
    assert path.read_bytes() == current, (
        f"{path} is stale; run PARTYCASES_REGENERATE=1 pytest tests/test_schema.py"
    )
    assert json_schema_bytes() == schema_files()["case.schema.json"]


@pytest.mark.parametrize("entity", ["organisation", "honour", "activity", "work"])
def test_entity_schemas_validate_entities_alone(entity: str) -> None:
    """Each entity's schema has its own $id and validates that entity from an example case."""
    schema = orjson.loads((COMMITTED.parent / f"{entity}.schema.json").read_bytes())
    assert schema["$id"] == f"urn:partycases:schema:{pc.SCHEMA_VERSION}:{entity}"
    validator = jsonschema.Draft202012Validator(schema)
    plural = {"activity": "activities"}.get(entity, entity + "s")
    example = orjson.loads(
        (ROOT / "examples" / "cases" / "tianjin-culture-media-chamber.json").read_bytes()
    )
    for item in example[plural]:
        assert list(validator.iter_errors(item)) == []
    assert not validator.is_valid({**example[plural][0], "colour": "red"})


def test_schema_identity() -> None:
    """The schema declares draft 2020-12, a versioned $id and field descriptions."""
    schema: dict[str, Any] = pc.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:partycases:schema:{pc.SCHEMA_VERSION}:case"
    assert schema["additionalProperties"] is False
    organisation = schema["$defs"]["Organisation"]["properties"]
    assert organisation["founded"]["anyOf"][0]["pattern"].startswith("^[0-9]{4}")
    assert "Ids of the organisations that approved" in organisation["approved_by"]["description"]


@pytest.mark.parametrize("path", EXAMPLE_CASES, ids=lambda p: p.name)
def test_examples_validate_against_the_committed_schema(path: Path) -> None:
    """Every example case is valid under the committed JSON Schema."""
    errors = [error.message for error in VALIDATOR.iter_errors(orjson.loads(path.read_bytes()))]
    assert errors == []


def test_schema_rejects_unknown_fields() -> None:
    """Unknown fields fail under the schema as they do in partycases."""
    instance = orjson.loads((DATA / "invalid" / "unknown-field.json").read_bytes())
    assert [error.message for error in VALIDATOR.iter_errors(instance)] == [
        "Additional properties are not allowed ('website' was unexpected)"
    ]


def test_schema_leaves_calendars_and_references_to_partycases() -> None:
    """Month 13 and dangling ids pass the schema's patterns; partycases.load refuses them."""
    for name in ("month-13.json", "dangling-awarded-by.json"):
        path = DATA / "invalid" / name
        assert VALIDATOR.is_valid(orjson.loads(path.read_bytes()))
        with pytest.raises(pc.LoadError):
            pc.load(path)


@given(cases())
def test_generated_cases_validate_against_the_committed_schema(case: pc.Case) -> None:
    """Every case partycases accepts and writes is valid under the committed schema."""
    errors = [error.message for error in VALIDATOR.iter_errors(orjson.loads(pc.dumps(case)))]
    assert errors == []
