"""Tests for the JSON Schema: the committed file, examples and generated cases against it."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import orjson
import pytest
from hypothesis import given

import partycases as pc
from partycases.schema import example_case, json_schema_bytes, schema_files
from tests.conftest import DATA, EXAMPLE_CASES, ROOT
from tests.strategies import cases

COMMITTED = ROOT / "docs" / "schema" / "case.schema.json"
#: One named definition per value type and model; code generators name their types after these.
VALUE_TYPES = {"DateRange", "PartialDate", "Quantity", "Span", "Timestamp"}


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    """The committed schema's validator, built when first used (after a regeneration run rewrote it)."""
    schema = orjson.loads(COMMITTED.read_bytes())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


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
    assert organisation["founded"]["anyOf"][0] == {"$ref": "#/$defs/PartialDate"}
    assert schema["$defs"]["PartialDate"]["pattern"].startswith("^[0-9]{4}")
    assert "Ids of the organisations that approved" in organisation["approved_by"]["description"]


@pytest.mark.parametrize("path", EXAMPLE_CASES, ids=lambda p: p.name)
def test_examples_validate_against_the_committed_schema(path: Path) -> None:
    """Every example case is valid under the committed JSON Schema."""
    errors = [error.message for error in _validator().iter_errors(orjson.loads(path.read_bytes()))]
    assert errors == []


def test_schema_rejects_unknown_fields() -> None:
    """Unknown fields fail under the schema as they do in partycases."""
    instance = orjson.loads((DATA / "invalid" / "unknown-field.json").read_bytes())
    assert [error.message for error in _validator().iter_errors(instance)] == [
        "Additional properties are not allowed ('website' was unexpected)"
    ]


def test_schema_leaves_calendars_and_references_to_partycases() -> None:
    """Month 13 and dangling ids pass the schema's patterns; partycases.load refuses them."""
    for name in ("month-13.json", "dangling-awarded-by.json"):
        path = DATA / "invalid" / name
        assert _validator().is_valid(orjson.loads(path.read_bytes()))
        with pytest.raises(pc.LoadError):
            pc.load(path)


@given(cases())
def test_generated_cases_validate_against_the_committed_schema(case: pc.Case) -> None:
    """Every case partycases accepts and writes is valid under the committed schema."""
    errors = [error.message for error in _validator().iter_errors(orjson.loads(pc.dumps(case)))]
    assert errors == []


def _walk(value: Any, pointer: str = "") -> Iterator[tuple[str, str, Any]]:
    """Every (pointer, key, value) pair of a JSON document, depth first."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield pointer, key, item
            yield from _walk(item, f"{pointer}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{pointer}/{index}")


def _committed(name: str = "case") -> dict[str, Any]:
    schema: dict[str, Any] = orjson.loads((COMMITTED.parent / f"{name}.schema.json").read_bytes())
    return schema


def test_every_value_type_is_one_named_definition() -> None:
    """PartialDate, DateRange, Quantity, Span and Timestamp are $defs, used by $ref, never inlined."""
    schema = _committed()
    assert set(schema["$defs"]) >= VALUE_TYPES
    assert not [name for name in schema["$defs"] if name.startswith("_") or name[-1].isdigit()]
    body = orjson.dumps({key: value for key, value in schema.items() if key != "examples"})
    assert b'"_QuantityDict"' not in body
    assert b'"_SpanDict"' not in body
    # Each value type's shape appears once: its pattern or properties live only in its definition.
    assert body.count(b"Offset just past the last character") == 1
    assert body.count(b'"pattern":"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"') == 1
    organisation = schema["$defs"]["Organisation"]["properties"]
    assert organisation["evidence"]["items"] == {"$ref": "#/$defs/Span"}
    assert {"$ref": "#/$defs/Quantity"} in organisation["member_count"]["anyOf"]


@pytest.mark.parametrize("name", ["case", "organisation", "honour", "activity", "work"])
def test_descriptions_are_plain_text(name: str) -> None:
    """No description in a published schema holds reST roles, backtick literals or a hard line break."""
    markup = re.compile(r"`|:[a-z]+:`|\n(?!\n)")
    bad = [
        (pointer, value)
        for pointer, key, value in _walk(_committed(name))
        if key == "description" and isinstance(value, str) and markup.search(value)
    ]
    assert bad == []
    descriptions = [value for _, key, value in _walk(_committed(name)) if key == "description"]
    assert len(descriptions) > 10


def test_plain_text_unwraps_roles_and_literals() -> None:
    """Sphinx roles read as their target's name and literals lose their backticks."""
    from partycases.schema import _plain_text

    assert _plain_text("``org:`` id, see :func:`partycases.organisation_id`.") == (
        "org: id, see partycases.organisation_id."
    )
    assert _plain_text("A :class:`~partycases.Case`'s `text`,\n  wrapped.") == (
        "A Case's text, wrapped."
    )


def test_integer_bounds_are_integers() -> None:
    """Every minimum, maximum and length bound in the schema is a JSON integer, never 1e12 or 1.0."""
    bounds = {"minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"}
    found = [
        (pointer, key, value)
        for pointer, key, value in _walk(_committed())
        if key in bounds and "/properties" in pointer + "/"
    ]
    assert found
    assert [item for item in found if type(item[2]) is not int] == []
    assert b"e+" not in COMMITTED.read_bytes()


def test_formats_and_maxima() -> None:
    """Timestamps carry format date-time, the source url format iri, and every count a maximum."""
    defs = _committed()["$defs"]
    assert {"type": "string", "format": "date-time"}.items() <= defs["Timestamp"]["anyOf"][
        0
    ].items()
    assert defs["Source"]["properties"]["url"]["anyOf"][0]["format"] == "iri"
    assert defs["Section"]["properties"]["number"]["anyOf"][0]["maximum"] == 9999
    assert defs["Series"]["properties"]["number"]["anyOf"][0]["maximum"] == 9999
    assert defs["Honour"]["properties"]["batch"]["anyOf"][0]["maximum"] == 9999
    assert defs["Quantity"]["properties"]["value"]["maximum"] == 10**12
    assert defs["Span"]["properties"]["end"]["maximum"] == 10 * 1024 * 1024
    integers = [
        (pointer, value)
        for pointer, key, value in _walk(defs)
        if key == "type" and value == "integer"
    ]
    bounded = [
        pointer
        for pointer, key, value in _walk(defs)
        if key == "maximum" and isinstance(value, int)
    ]
    assert len(bounded) == len(integers)


def test_the_schema_carries_one_whole_example_case() -> None:
    """The case schema's example is a whole valid case: every entity kind, evidence and its text."""
    schema = _committed()
    [example] = schema["examples"]
    assert example == example_case()
    assert example == orjson.loads(
        (ROOT / "examples" / "cases" / "qinglan-online-literature-association.json").read_bytes()
    )
    case = pc.loads(orjson.dumps(example), format="json")
    assert case.text
    assert all((case.people, case.honours, case.activities, case.works))
    assert case.organisations[0].evidence
    for entity in ("organisation", "honour", "activity", "work"):
        assert _validator().is_valid(example)
        entity_schema = _committed(entity)
        [item] = entity_schema["examples"]
        assert jsonschema.Draft202012Validator(entity_schema).is_valid(item)


@pytest.mark.parametrize(
    "path",
    [*EXAMPLE_CASES, COMMITTED],
    ids=lambda p: p.name,
)
def test_a_second_validator_accepts_the_examples(path: Path) -> None:
    """jsonschema-rs, a separate implementation, validates the example cases and the schema's own example, formats asserted."""
    schema = _committed()
    validator = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
    document = orjson.loads(path.read_bytes())
    instances = document["examples"] if path == COMMITTED else [document]
    for instance in instances:
        assert [error.message for error in validator.iter_errors(instance)] == []
    assert not validator.is_valid({**instances[0], "colour": "red"})
    assert not validator.is_valid({**instances[0], "published_at": "2023-05-23 16:34"})


def test_schema_refuses_what_partycases_refuses() -> None:
    """Extension keys outside a namespace and line breaks in a title fail the schema as in partycases."""
    example = example_case()
    assert _validator().is_valid(example)
    assert not _validator().is_valid({**example, "extensions": {"Not A Namespace": 1}})
    assert not _validator().is_valid({**example, "title": "標題\n来源：假"})
    assert _validator().is_valid({**example, "unparsed": ["甲\n乙"]})


_URLS = [
    *(f"http://example.com/a{chr(code)}b" for code in range(0x21, 0x7F)),
    "https://example.com/",
    "http://例子.中国/党建/案例?期=7#正文",
    "http://user:secret@example.com:8080/a/b;c?d=e&f=g",
    "http://[::1]/a",
    "http://example.com/a%2Fb",
    "http://example.com/a%zzb",
    "http://example.com/a%2",
    "http://example.com/a#b#c",
    "http://example.com/a[b]",
    "http://example.com/?\ue000",
    "http://example.com/\ue000",
    "http://example.com/\ufdd0",
    "http://example.com/\U0001f600",
    "http://example.com/\u0085",
    "http://example.com/\u3000",
    "http://ex ample.com/",
    "ftp://example.com/",
    "http://example.com/\ufffd",
    "http://example.com/\ufff9",
    "http://example.com/\U0001fffe",
    "http://example.com/\U000e0001",
    "http://example.com/\U000f0000",
    "http://example.com/?\U000f0000",
    "http://example.com/?a#\U000f0000",
    "http://example.com/#?\U000f0000",
    "http://example.com/\U00020000",
    "http://[:::::]/",
    "http://[1.2.3.4]/",
    "http://[::ffff:1.2.3.4]/a",
    "http://[::1]:8080/",
    "http://example.com/a\u00a0b",
    "http://example.com/\u2028",
    "HTTP://example.com/",
]


def test_a_source_url_is_valid_for_partycases_exactly_when_it_is_for_the_schema() -> None:
    """The model's IRI check and the schema's ``format: iri`` with its pattern agree."""
    validator = jsonschema_rs.Draft202012Validator(_committed(), validate_formats=True)
    base = {"schema_version": pc.SCHEMA_VERSION, "id": "x", "language": "zh-Hans"}
    disagree = []
    for url in _URLS:
        document = {**base, "source": {"url": url}}
        try:
            pc.Case.model_validate(document)
        except ValueError:
            ours = False
        else:
            ours = True
        if ours != validator.is_valid(document):
            disagree.append((url, ours))
    assert disagree == []
    assert sum(1 for url in _URLS if _valid_url(url)) > 70  # most of the sweep is valid


def _valid_url(url: str) -> bool:
    try:
        pc.Case.model_validate({"id": "x", "language": "zh-Hans", "source": {"url": url}})
    except ValueError:
        return False
    return True


def test_a_url_that_is_no_iri_is_refused_saying_what_an_address_may_hold() -> None:
    """The problem names the rule, not the pattern's text."""
    document = (
        b'{"id": "x", "language": "zh-Hans", "source": {"url": "https://a.example/?ids=1|2"}}'
    )
    with pytest.raises(pc.LoadError) as raised:
        pc.loads(document)
    [problem] = raised.value.problems
    assert problem.pointer == "/source/url"
    assert problem.message.startswith("expected an http or https address")
    assert "(?:" not in problem.message
