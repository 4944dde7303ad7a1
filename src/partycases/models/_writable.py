"""What every writer asks of a case: the models' own limits, also on a case made without them.

pydantic does not validate a case made by ``model_copy(update=...)`` or
``model_construct``: it may hold extension data or sections nested deeper than
the models accept, or extension objects whose keys are out of order. Written,
the first would be refused when read back (or stop the serialiser deep inside),
the second would give equal cases different bytes. :func:`writable_case` finds
both, walking only what a case has: nothing when it has no extensions and no
subsections.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any, NoReturn

from partycases.models._base import MAX_EXTENSION_DEPTH, MAX_SECTION_DEPTH
from partycases.models.case import (
    EXTENSION_KEY_PATTERN,
    Case,
    canonical_extensions,
    require_case,
)
from partycases.models.section import Section

__all__ = ["writable_case"]


@functools.cache
def _namespace() -> re.Pattern[str]:
    return re.compile(EXTENSION_KEY_PATTERN)


def _refuse(problem: str, expected: str) -> NoReturn:
    from partycases.errors import WriteError  # only here: a case's import stays lean

    raise WriteError(
        f"cannot write: {problem}; expected {expected} (a case made by "
        "model_copy(update=...) or model_construct is not validated)"
    )


def _in_order(value: Any, key: str, depth: int) -> bool:
    """Whether every object in ``value`` has its keys in order; refused past the depth limit.

    ``depth`` is the level of ``value`` (the value under a key is level 1); the walk
    stops at the limit, so it never recurses deeper than :data:`MAX_EXTENSION_DEPTH`.
    """
    items: Iterable[Any]
    if isinstance(value, dict):
        items = value.values()
        names = list(value)
        if not all(type(name) is str for name in names):
            _refuse(f"extension data under {key!r} holds a key that is no string", "JSON data")
        ordered = names == sorted(names)
    elif isinstance(value, list | tuple | set | frozenset):
        items, ordered = value, True
    else:
        return True
    if depth > MAX_EXTENSION_DEPTH:
        _refuse(
            f"extension data under {key!r} nested deeper than {MAX_EXTENSION_DEPTH} levels",
            f"at most {MAX_EXTENSION_DEPTH}, which every format reads back",
        )
    for item in items:
        ordered = _in_order(item, key, depth + 1) and ordered
    return ordered


def _deep_sections(case: Case) -> bool:
    """Whether ``case``'s sections nest deeper than :data:`MAX_SECTION_DEPTH` levels."""
    depth = 1
    level = [s for s in case.sections if isinstance(s, Section) and s.subsections]
    while level:
        depth += 1
        if depth > MAX_SECTION_DEPTH:
            return True
        level = [
            sub
            for section in level
            for sub in section.subsections
            if isinstance(sub, Section) and sub.subsections
        ]
    return False


def writable_case(case: Case) -> Case:
    """``case`` as a writer writes it, or a :class:`~partycases.WriteError` saying why not.

    Anything but a case is refused (:func:`require_case`); so are sections nested
    deeper than :data:`MAX_SECTION_DEPTH` levels and extension data deeper than
    :data:`MAX_EXTENSION_DEPTH`, which the models refuse too. A case whose extension
    objects hold their keys out of order is given back with them in order, so equal
    cases write equal bytes.
    """
    require_case(case)
    extensions = case.extensions
    if extensions:
        for key in extensions:
            if type(key) is not str or not _namespace().match(key):
                _refuse(f"the extension key {key!r} is no namespace", "one such as 'org.example'")
        ordered = list(extensions) == sorted(extensions)
        for key, value in extensions.items():
            ordered = _in_order(value, key, 1) and ordered
        if not ordered:
            case = case.model_copy(update={"extensions": canonical_extensions(extensions)})
    if _deep_sections(case):
        _refuse(
            f"sections nested deeper than {MAX_SECTION_DEPTH} levels",
            f"at most {MAX_SECTION_DEPTH}, which every format reads back",
        )
    return case
