"""Tests for the shared model base: field descriptions taken from docstrings."""

from __future__ import annotations

import inspect
from typing import Annotated, Any, ClassVar

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


def _shout_description(schema: dict[str, Any]) -> None:
    schema["x-shout"] = str(schema.get("description", "")).upper()


class _Folder(Model):
    """A model whose field refers to a model that refers back to it."""

    meta: _Meta
    """The folder's metadata."""


class _Meta(Model):
    """The other half of the cycle."""

    owner: _Folder | None = None
    """The folder this describes."""


class _Attributes(Model):
    """Docstrings under a class variable and a private attribute document those, not fields."""

    limit: ClassVar[int] = 5
    """A class-wide constant."""
    _cache: int = 0
    """A private attribute."""
    value: Annotated[int, Field(alias="theValue", json_schema_extra=_shout_description)] = 1
    """The value."""


#: What a subclass hook of :class:`_Recording` saw of each new subclass's descriptions.
_SEEN: dict[str, str | None] = {}


class _Recording(Model):
    """A model whose subclass hook reads the descriptions of each new subclass."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        _SEEN.update({name: field.description for name, field in cls.model_fields.items()})


class _Recorded(_Recording):
    """A subclass the hook sees."""

    note: str = ""
    """A note."""


def test_descriptions_are_there_for_pydantics_own_hooks() -> None:
    """Recursive models, aliases, class variables, private attributes and schema hooks."""
    _Meta.model_rebuild()
    _Folder.model_rebuild()
    schema = _Folder.model_json_schema()["$defs"]
    assert schema["_Folder"]["properties"]["meta"] == {
        "$ref": "#/$defs/_Meta",
        "description": "The folder's metadata.",
    }
    owner = schema["_Meta"]["properties"]["owner"]
    assert owner["description"] == "The folder this describes."
    assert _Attributes.limit == 5
    assert _Attributes().value == 1
    assert "limit" not in _Attributes.model_fields
    assert _Attributes.__private_attributes__["_cache"].default == 0
    properties = _Attributes.model_json_schema(by_alias=True)["properties"]
    assert properties["theValue"]["description"] == "The value."
    # A field's json_schema_extra, and a subclass hook, run with the description in place.
    assert properties["theValue"]["x-shout"] == "THE VALUE."
    assert _SEEN == {"note": "A note."}
