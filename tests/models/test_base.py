"""Tests for the shared model base: field descriptions taken from docstrings."""

from __future__ import annotations

import inspect

import pydantic
import pytest
from pydantic import Field

import partycases as pc
from partycases.models._base import Model

MODELS = sorted(
    (
        value
        for value in (getattr(pc, name) for name in pc.__all__)
        if inspect.isclass(value) and issubclass(value, Model)
    ),
    key=lambda model: model.__name__,
)


class _Documented(Model):
    """A model of this test module, built like the library's own."""

    plain: int
    """A required field."""
    defaulted: str = "x"
    """A field with a default."""
    described: int = Field(default=0, description="Said in Field().")
    """A docstring that Field()'s own description wins over."""
    bare: int = 0


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_is_described(model: type[Model]) -> None:
    """Every field of every public model has a description, from the docstring under it."""
    missing = [name for name, field in model.model_fields.items() if not field.description]
    assert missing == []


def test_docstrings_become_descriptions() -> None:
    """A subclass anywhere gets its fields' docstrings as descriptions; defaults are kept."""
    fields = _Documented.model_fields
    assert fields["plain"].description == "A required field."
    assert fields["plain"].is_required()
    assert (fields["defaulted"].description, fields["defaulted"].default) == (
        "A field with a default.",
        "x",
    )
    assert fields["described"].description == "Said in Field()."
    assert fields["bare"].description is None
    schema = _Documented.model_json_schema()
    assert schema["properties"]["plain"]["description"] == "A required field."
    with pytest.raises(pydantic.ValidationError):
        _Documented.model_validate({})


class _Extended(_Documented):
    """A subclass of a documented model, with a field of its own and one redeclared."""

    extra: int = 1
    """A field only the subclass has."""
    defaulted: str = "y"
    """The subclass's own words for an inherited field."""


class _Holder(Model):
    """A model holding the others, so their schemas are definitions."""

    first: _Documented
    """The documented one."""
    second: _Extended | None = None


def test_descriptions_reach_every_schema_form() -> None:
    """Inherited, redeclared, nested and Field()-given descriptions, in fields and JSON Schema."""
    fields = _Extended.model_fields
    assert fields["plain"].description == "A required field."
    assert fields["extra"].description == "A field only the subclass has."
    assert fields["defaulted"].description == "The subclass's own words for an inherited field."
    assert fields["defaulted"].default == "y"
    assert fields["described"].description == "Said in Field()."
    for mode in ("validation", "serialization"):
        schema = _Holder.model_json_schema(mode=mode)
        assert schema["properties"]["first"]["description"] == "The documented one."
        assert "description" not in schema["properties"]["second"]
        for name, model in (("_Documented", _Documented), ("_Extended", _Extended)):
            properties = schema["$defs"][name]["properties"]
            for field, info in model.model_fields.items():
                assert properties[field].get("description") == info.description, (name, field)
