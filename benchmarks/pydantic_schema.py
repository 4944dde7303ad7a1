"""The same schema as plain pydantic models: pydantic's own floor for this document shape.

Derived field by field from the msgspec Structs in ``msgspec_schema`` so the two
baselines cannot drift apart: types, nesting, defaults, frozen instances and
unknown-field checks only — no patterns, no custom value types, no case-wide
invariants. The distance from this to partycases is what the library's checks
cost; the distance from msgspec to this is what pydantic costs.
"""

from __future__ import annotations

import types
import typing
from typing import Any

import msgspec
from pydantic import BaseModel, ConfigDict, create_model

from benchmarks import msgspec_schema

_CONFIG = ConfigDict(frozen=True, extra="forbid")
_STRUCTS = {
    name: value
    for name, value in vars(msgspec_schema).items()
    if isinstance(value, type) and issubclass(value, msgspec.Struct) and not name.startswith("_")
}


def _convert(annotation: Any) -> Any:
    """A msgspec annotation with every Struct replaced by a forward reference to its model."""
    if isinstance(annotation, type) and annotation.__name__ in _STRUCTS:
        return annotation.__name__
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is tuple:
        return tuple[_convert(args[0]), ...]  # type: ignore[misc]
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_convert(arg) for arg in args)]  # noqa: UP007 - built from a tuple
    return annotation


def _model(struct: type[msgspec.Struct]) -> type[BaseModel]:
    hints = typing.get_type_hints(struct)
    fields = {}
    for info in msgspec.structs.fields(struct):
        default = ... if info.required else info.default
        if info.default_factory is not msgspec.NODEFAULT:
            default = info.default_factory()
        fields[info.name] = (_convert(hints[info.name]), default)
    return create_model(struct.__name__, __config__=_CONFIG, **fields)  # type: ignore[call-overload, no-any-return]


MODELS = {name: _model(struct) for name, struct in _STRUCTS.items()}
for _model_class in MODELS.values():
    _model_class.model_rebuild(_types_namespace=MODELS)
Case = MODELS["Case"]
