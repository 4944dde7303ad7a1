"""pydantic's validation errors as partycases problems, each with its JSON pointer."""

from __future__ import annotations

from collections.abc import Callable

import attrs
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
    if kind == "string_pattern_mismatch":
        return _pattern_message(str((error.get("ctx") or {}).get("pattern", ""))) + (
            f"; got {_short(error['input'])}"
        )
    if kind.startswith(
        ("dangling", "wrong_reference", "self_reference", "duplicate", "span_", "evidence_")
    ):
        return message
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
    return f"{message}; got {_short(error['input'])}"


def _pattern_message(pattern: str) -> str:
    # The patterns themselves run to kilobytes of character classes: say what they mean.
    for kind in ("org", "person", "honour", "activity", "work"):
        if pattern.startswith(f"^{kind}:"):
            return (
                f"expected an id starting with {kind}: and a key without spaces, slashes, "
                "colons, control or invisible characters"
            )
    if pattern.startswith("^(org|"):
        return (
            "expected an id: a kind (org, person, honour, activity, work), a colon and a key "
            "without spaces, slashes, colons, control or invisible characters"
        )
    if pattern.startswith("^[^\\s"):
        return (
            "expected a case id: no spaces, slashes, colons, control or invisible characters, "
            "and no leading dot"
        )
    if len(pattern) > 80:
        return "the text holds a character it may not"
    return f"expected text matching {pattern}"


def _internal(token: str | int) -> bool:
    """A location step that names one of pydantic's schemas (a union member), not a field."""
    return isinstance(token, str) and ("[" in token or "(" in token)


def problems_from(
    error: ValidationError, syntax: Callable[[str], Problem] | None = None
) -> list[Problem]:
    """Return one problem per error pydantic found, each with its JSON pointer.

    ``syntax`` turns a JSON syntax error's detail into a located problem.
    """
    problems: list[Problem] = []
    # A value that fits no member of a union gets one error per member, each located inside
    # pydantic's schema: one problem at the field's own pointer says all of them.
    merged: dict[str, int] = {}
    for details in error.errors(include_url=False):
        if details["type"] == "json_invalid" and syntax is not None:
            problems.append(syntax(details["ctx"]["error"]))
            continue
        location = details["loc"]
        if details["type"] == "is_instance_of" and any(map(_internal, location)):
            continue  # a union's "already built" member: its other member says what was wrong
        pointer = json_pointer(token for token in location if not _internal(token))
        message = _message(details)
        if location and location[-1] == "[key]":
            message = f"the key itself: {message}"
        if any(map(_internal, location)) and pointer in merged:
            earlier = problems[merged[pointer]]
            if message not in earlier.message:
                problems[merged[pointer]] = attrs.evolve(
                    earlier, message=f"{earlier.message}; or {message}"
                )
            continue
        if any(map(_internal, location)):
            merged[pointer] = len(problems)
        problems.append(Problem(message, pointer))
    return problems
