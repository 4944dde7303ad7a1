"""pydantic's validation errors as partycases problems, each with its JSON pointer."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from partycases.errors import Problem, json_pointer

__all__ = ["problems_from"]


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    loc = error["loc"]
    field = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        return f"unknown field {field!r}; put extra data under /extensions"
    if kind == "missing":
        return f"missing required field {field!r}"
    if kind in {"model_type", "dict_type"}:
        return f"expected a JSON object, got {_short(error['input'])}"
    message = error["msg"]
    if kind.startswith(
        ("dangling", "wrong_reference", "self_reference", "duplicate", "span_", "evidence_")
    ):
        return message
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
    return f"{message}; got {_short(error['input'])}"


def problems_from(
    error: ValidationError, syntax: Callable[[str], Problem] | None = None
) -> list[Problem]:
    """Return one problem per error pydantic found, each with its JSON pointer.

    ``syntax`` turns a JSON syntax error's detail into a located problem.
    """
    problems = []
    for details in error.errors(include_url=False):
        if details["type"] == "json_invalid" and syntax is not None:
            problems.append(syntax(details["ctx"]["error"]))
        else:
            problems.append(Problem(_message(details), json_pointer(details["loc"])))
    return problems
