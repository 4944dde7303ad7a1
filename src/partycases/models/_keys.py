"""How many object keys a validated case was given: the JSON reader's test for duplicate keys.

A JSON object that states a key twice validates as if it stated it once
(pydantic-core keeps the last value). So a document holds a duplicate key only
if it holds more keys than the case it became: counting the keys of the
document (in C, one pass over its bytes) and the keys the case was given (this
walk, over the models only) decides nearly every document without parsing it a
second time.

A model's given keys are its ``__pydantic_fields_set__``; a span always has its
two; extension data is counted key by key. A quantity's keys cannot be read
back from the value (an ``exact`` qualifier may have been stated or left out),
so quantities count themselves while they are validated, into the validation
context under :data:`QUANTITY_KEYS`.

The walk never counts more keys than the document's objects hold once each:
a field it does not know about is simply not counted, which sends the
document to the full check, never past it. That holds while no model runs a
validator before its fields are read (one could add keys the document never
stated); a test keeps every model validator an after-validator.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Annotated, Any, Final

from pydantic import BaseModel

from partycases.values import QUANTITY_KEYS, Span

#: Where the case's validator puts the keys the case was given (quantities' aside), when the
#: validation context asks for them (holds :data:`QUANTITY_KEYS`): the fast check counts
#: them on its walk over the entities (see ``_sound``).
STATED_KEYS: Final = "partycases.stated_keys"

__all__ = [
    "GIVEN",
    "QUANTITY_KEYS",
    "STATED_KEYS",
    "count_terms",
    "json_keys",
    "model_of",
    "stated_keys",
]

#: The fields a model was given (its ``__pydantic_fields_set__``), read in C.
GIVEN: Final = attrgetter("__pydantic_fields_set__")
_MODEL, _MODELS, _SPANS, _JSON = range(4)


def _unwrap(annotation: Any) -> Any:
    if typing.get_origin(annotation) is Annotated:
        return typing.get_args(annotation)[0]
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _kind(annotation: Any) -> int | None:
    """How a field's value is walked, from its annotation; None: it holds no object."""
    annotation = _unwrap(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    kind: int | None
    if _is_model(annotation):
        kind = _MODEL
    elif origin is tuple and args:
        item = _unwrap(args[0])
        kind = _MODELS if _is_model(item) else _SPANS if item is Span else None
    elif origin is dict:
        kind = _JSON
    else:  # a union (X | None): the one kind among its members, if there is one
        kinds = {_kind(arg) for arg in args} - {None}
        kind = kinds.pop() if len(kinds) == 1 else None
    return kind


def _plan(model: type[BaseModel]) -> tuple[tuple[str, int], ...]:
    """The fields of ``model`` that may hold objects, and how each is walked."""
    plan = []
    for name, field in model.model_fields.items():
        kind = _kind(field.annotation)
        if kind is not None:
            plan.append((name, kind))
    return tuple(plan)


def _is_leaf(model: type[BaseModel]) -> bool:
    return not _plan(model)


def count_terms(
    model: type[BaseModel], nested: Callable[[type[BaseModel]], str]
) -> list[tuple[str, str]]:
    """Each field of ``model`` that may hold objects, and the source counting its keys.

    The source reads the field's value bound to ``field`` (known not to be empty);
    ``nested`` names the function that counts a model holding objects itself.
    Objects of plain values are counted in C.
    """
    terms = []
    for name, kind in _plan(model):
        if kind == _SPANS:
            term = "2 * len(field)"
        elif kind == _JSON:
            term = "_json_keys(field)"
        else:
            item = model_of(model, name)
            if kind == _MODEL:
                leaf = "len(field.__pydantic_fields_set__)"
                term = leaf if _is_leaf(item) else f"{nested(item)}(field)"
            else:
                leaf = "sum(map(len, map(_GIVEN, field)))"
                term = leaf if _is_leaf(item) else f"sum(map({nested(item)}, field))"
        terms.append((name, term))
    return terms


def _source(model: type[BaseModel], names: dict[type, str]) -> list[str]:
    """The counting function of ``model``: its own keys, then each field that holds objects."""
    lines = [f"def {names[model]}(value):", "    count = len(value.__pydantic_fields_set__)"]
    for name, term in count_terms(model, names.__getitem__):
        lines += [f"    if field := value.{name}:", f"        count += {term}"]
    return [*lines, "    return count"]


def model_of(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The model class a field holds, alone or in a tuple."""
    annotation = model.model_fields[name].annotation
    stack = [annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            return current
        stack.extend(typing.get_args(current))
    raise TypeError(f"{model.__name__}.{name} holds no model")


def _models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """``root`` and every model class reachable from its fields."""
    seen = [root]
    for model in seen:
        for name, kind in _plan(model):
            if kind in (_MODEL, _MODELS):
                inner = model_of(model, name)
                if inner not in seen:
                    seen.append(inner)
    return seen


def keys_source(root: type[BaseModel]) -> str:
    """The source of the counting functions of ``root`` and the models inside it."""
    models = _models(root)
    names = {model: f"_keys_{model.__name__}" for model in models}
    lines: list[str] = []
    for model in models:
        if model is root or not _is_leaf(model):
            lines += [*_source(model, names), ""]
    return "\n".join(lines)


def compile_keys(root: type[BaseModel]) -> Callable[[BaseModel], int]:
    """The function counting the keys an instance of ``root`` was given (see the module)."""
    namespace: dict[str, Any] = {"_GIVEN": GIVEN, "_json_keys": json_keys}
    exec(compile(keys_source(root), f"<{__name__}: {root.__name__}>", "exec"), namespace)
    function: Callable[[BaseModel], int] = namespace[f"_keys_{root.__name__}"]
    return function


def json_keys(value: object) -> int:
    """The keys of every object inside JSON data, without recursion (data may nest deeply)."""
    count = 0
    stack: list[Iterable[object]] = [(value,)]
    while stack:
        for item in stack.pop():
            if isinstance(item, dict):
                count += len(item)
                stack.append(item.values())
            elif isinstance(item, list):
                stack.append(item)
    return count


_COUNTERS: dict[type, Callable[[BaseModel], int]] = {}


def stated_keys(model: BaseModel) -> int:
    """The object keys ``model`` was given, quantities' keys aside (they count themselves)."""
    cls = type(model)
    counter = _COUNTERS.get(cls)
    if counter is None:
        counter = _COUNTERS[cls] = compile_keys(cls)
    return counter(model)
