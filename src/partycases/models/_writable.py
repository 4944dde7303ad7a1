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
from typing import NoReturn

from pydantic_core import PydanticCustomError

from partycases.models._base import MAX_SECTION_DEPTH
from partycases.models.case import (
    EXTENSION_KEY_PATTERN,
    Case,
    canonical_extensions,
    require_case,
)
from partycases.models.section import nested_too_deep

__all__ = ["writable_case"]


@functools.cache
def _namespace() -> re.Pattern[str]:
    return re.compile(EXTENSION_KEY_PATTERN)


def _refuse(problem: str) -> NoReturn:
    from partycases.errors import WriteError  # only here: a case's import stays lean

    raise WriteError(
        f"cannot write: {problem} (a case made by model_copy(update=...) or model_construct "
        "is not validated)"
    )


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
                _refuse(
                    f"the extension key {key!r} is no namespace; expected one such as 'org.example'"
                )
        try:
            canonical = canonical_extensions(extensions)
        except PydanticCustomError as error:
            _refuse(error.message())
        if canonical is not extensions:
            case = case.model_copy(update={"extensions": canonical})
    if nested_too_deep(case.sections, 1):
        _refuse(
            f"sections nested deeper than {MAX_SECTION_DEPTH} levels; expected at most "
            f"{MAX_SECTION_DEPTH}, which every format reads back"
        )
    return case
