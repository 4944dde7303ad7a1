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
