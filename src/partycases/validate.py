"""The one validation gateway: raw data or JSON bytes -> migration -> a case or located problems.

Every reader ends here: JSON, JSON Lines, YAML and TOML hand over what they
read (JSON as its bytes, so that valid documents take pydantic-core's fast
path), with a function that places problems in their own document. Migration
of older schema versions happens here and nowhere else, and every failure,
however it arises, leaves as a :class:`~partycases.errors.LoadError` whose
problems carry a JSON pointer and, when the reader can tell, a line and column.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any, Final

from pydantic import ValidationError
from pydantic_core import from_json

from partycases.errors import LoadError, Problem, json_pointer
from partycases.migrate import migrate, needs_migration
from partycases.models import (
    LEGACY_ID_ERROR,
    QUANTITY_KEYS,
    STATED_KEYS,
    TEXT_FAST_ERROR,
    Case,
    problems_from,
    stated_keys,
)

__all__ = ["MAX_INT_BITS", "Locator", "validate_data", "validate_json", "validate_json_keys"]

#: The most bits an integer in extension data may have: every format writes and reads it back
#: (decimal text of integers is limited to 4,300 digits in Python; this is about 2,466).
MAX_INT_BITS: Final = 8192

#: Places problems in the document they came from: gives each problem that has no line yet
#: its line and column, in one pass over the document however many problems there are.
Locator = Callable[[list[Problem]], list[Problem]]


def validate_data(raw: object, locate: Locator | None = None) -> Case:
    """Validate raw data (as JSON, YAML or TOML readers build it) as a case.

    Data of an older schema version is migrated first. Any problem, of the
    migration or of the case, raises a :class:`~partycases.errors.LoadError`
    listing every problem, each placed by ``locate`` when given.
    """
    try:
        if not isinstance(raw, dict):
            got = "nothing" if raw is None else type(raw).__name__
            raise LoadError([Problem(f"expected a mapping holding a case, got {got}")])
        return _writable(Case.model_validate(migrate(raw) if needs_migration(raw) else raw))
    except ValidationError as error:
        problems = problems_from(error)
    except LoadError as error:
        problems = list(error.problems)
    raise LoadError(locate(problems) if locate is not None else problems)


def _writable(case: Case) -> Case:
    """``case``, if its extension data can be written and read back as it is; else a LoadError.

    NaN and the infinities are not JSON numbers (they would come back as text or
    change type from one format to another), and integers past
    :data:`MAX_INT_BITS` cannot be written as decimal text by every format.
    """
    if not case.extensions:
        return case
    problems: list[Problem] = []
    # Depth first, one iterator per open container: memory in proportion to the depth,
    # and a location built only for a value that is reported.
    path: list[str | int] = ["extensions"]
    open_items: list[Iterator[tuple[Any, Any]]] = [iter(case.extensions.items())]
    while open_items:
        for key, value in open_items[-1]:
            if isinstance(value, (dict, list)):
                if value:
                    path.append(key)
                    items = value.items() if isinstance(value, dict) else enumerate(value)
                    open_items.append(iter(items))
                    break
            elif isinstance(value, float) and not math.isfinite(value):
                problems.append(
                    Problem(
                        f"{value} is not a JSON number and would not read back as one; "
                        "expected a finite number, or text",
                        json_pointer([*path, key]),
                    )
                )
            elif isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
                problems.append(
                    Problem(
                        f"integer too large (more than {MAX_INT_BITS} bits); "
                        "expected a smaller number, or text",
                        json_pointer([*path, key]),
                    )
                )
        else:
            open_items.pop()
            path.pop()
    if problems:
        raise LoadError(problems)
    return case


def validate_json(
    data: bytes | str,
    locate: Locator | None = None,
    syntax: Callable[[str], Problem] | None = None,
) -> Case:
    """Validate a JSON document as a case: pydantic-core's fast path, or the slow path.

    The fast path validates the bytes in pydantic-core. A document of another
    schema version, or whose text the fast path cannot vouch for (not NFC, or
    holding characters text may not hold), is parsed and validated in Python,
    which migrates, normalises and explains. ``syntax`` turns a JSON syntax
    error's detail into a located problem.
    """
    return _validate_json(data, locate, syntax, None)[0]


def validate_json_keys(
    data: bytes | str,
    locate: Locator | None = None,
    syntax: Callable[[str], Problem] | None = None,
) -> tuple[Case, int | None]:
    """:func:`validate_json`, and how many object keys the case was given.

    The count is each object's distinct keys, added up over the document; it is
    None when the document took the slow path (migration may add objects, so the
    count would not be the document's).
    """
    return _validate_json(data, locate, syntax, {QUANTITY_KEYS: 0})


def _validate_json(
    data: bytes | str,
    locate: Locator | None,
    syntax: Callable[[str], Problem] | None,
    context: dict[str, int] | None,
) -> tuple[Case, int | None]:
    try:
        case = Case.model_validate_json(data, context=context)
    except ValidationError as error:
        if not _needs_slow_path(error):
            problems = problems_from(error, syntax)
            raise LoadError(locate(problems) if locate is not None else problems) from None
    else:
        try:
            _writable(case)
        except LoadError as error:
            problems = list(error.problems)
            raise LoadError(locate(problems) if locate is not None else problems) from None
        if context is None:
            return case, None
        stated = context.get(STATED_KEYS)  # counted by the case's validator, on its walk
        if stated is None:
            stated = stated_keys(case)
        return case, stated + context[QUANTITY_KEYS]
    try:
        # pydantic-core's reader, as the fast path read the document: an integer of any
        # size stays an integer (orjson makes a float of one past 64 bits), and NaN or a
        # number past the double range is refused by the validation, as on the fast path.
        raw = from_json(data)
    except ValueError as error:
        # Not reached for a document the fast path could parse; kept for a clear message.
        detail = str(error)
        problem = syntax(detail) if syntax is not None else Problem(f"invalid JSON: {detail}")
        raise LoadError([problem]) from None
    return validate_data(raw, locate), None


def _needs_slow_path(error: ValidationError) -> bool:
    """Another schema version, text the fast path cannot vouch for, or an id to repair.

    An organisation id an earlier release made from a credit code is repaired on
    the raw data; it is found from the decoded ids, inside pydantic-core, not
    from the bytes (a JSON escape can spell its prefix).
    """
    # Neither input nor context is copied out: there may be one error per string.
    details = error.errors(include_url=False, include_context=False, include_input=False)
    return any(
        detail["type"] in _SLOW_PATH_ERRORS or detail["loc"] == ("schema_version",)
        for detail in details
    )


_SLOW_PATH_ERRORS: Final = frozenset([TEXT_FAST_ERROR, LEGACY_ID_ERROR])
