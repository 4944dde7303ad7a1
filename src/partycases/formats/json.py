r"""JSON: the canonical form of a case.

Canonical output, the same bytes on every machine:

* UTF-8, characters as themselves (no ``\u`` escapes);
* ``schema_version`` first, then the other keys in the order the models
  declare their fields;
* a field equal to its default (``null``, an empty list, the default kind) is
  omitted, so a case's file holds only what it states;
* two-space indentation, ``\n`` line ends and one trailing newline.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final, NoReturn

import attrs

from partycases.errors import LoadError, Problem, WriteError
from partycases.formats._locate import duplicate_key, pointer_tokens, positions
from partycases.formats._problems import boundary, json_syntax_problem
from partycases.models import SCHEMA_VERSION, Case, require_case, writable_case
from partycases.validate import validate_json_keys

__all__ = ["dumps", "dumps_compact", "loads", "to_data", "with_positions"]

_BOM = b"\xef\xbb\xbf"


@boundary("JSON")
def loads(data: bytes | str) -> Case:
    """Validate a JSON document as a case; a :class:`LoadError` lists every problem."""
    if isinstance(data, bytes) and data.startswith(_BOM):
        data = data[len(_BOM) :]
    elif isinstance(data, str) and data.startswith("\ufeff"):
        data = data[1:]
    document = data
    try:
        case, given = validate_json_keys(
            document,
            lambda problems: with_positions(problems, document),
            lambda detail: json_syntax_problem(document, detail),
        )
    except LoadError as error:
        # A key stated twice is reported beside the problems of the value that won.
        repeated = _reported_duplicate(document)
        if repeated is None:
            raise
        raise LoadError([*error.problems, repeated]) from None
    if given is None or _keys_written(document) != given:
        _refuse_duplicate_keys(document)
    return case


# A colon with white space before it (found from the colons, far fewer than the quotes).
_SPACED_KEY = re.compile(rb":(?<=[ \t\r\n]:)")
_SPACED_KEY_TEXT = re.compile(r":(?<=[ \t\r\n]:)")


def _keys_written(document: bytes | str) -> int | None:
    """At least the number of keys ``document`` writes, counted in C; None if not counted.

    Every key ends with a quote and a colon (``"name":``), so counting that pair
    counts every key, and perhaps a little more (text may hold a quote and a colon): a count
    never falls short, so a document whose count equals the keys its case was
    given holds no key twice. A document with white space before a colon is not
    counted here (None sends it to the full check).
    """
    if isinstance(document, bytes):
        return None if _SPACED_KEY.search(document) else document.count(b'":')
    return None if _SPACED_KEY_TEXT.search(document) else document.count('":')


class _DuplicateKeyError(Exception):
    """An object of the document holds a key twice."""


def _unique(pairs: list[tuple[str, Any]]) -> None:
    # Nothing is built from the objects: only their keys are compared, then let go.
    if len(pairs) > 1 and len({key for key, _ in pairs}) != len(pairs):
        raise _DuplicateKeyError


#: The largest failing document also tested for a key stated twice (a published case's
#: JSON is a few hundred KB at most): past it, the document's other problems are reported
#: alone, so a large failing document costs its validation, not a second parse.
REPORTED_DUPLICATE_MAX: Final = 1 << 20


def _reported_duplicate(document: bytes | str) -> Problem | None:
    """The duplicate-key problem of a document that failed validation, if it has one.

    Only UTF-8 documents up to :data:`REPORTED_DUPLICATE_MAX` that the standard
    library's parser reads through are tested: a broken one has its syntax or
    encoding error to report.
    """
    if len(document) > REPORTED_DUPLICATE_MAX:
        return None
    try:
        _refuse_duplicate_keys(document, confirmed_only=True)
    except LoadError as error:
        return error.problems[0]
    return None


def _refuse_duplicate_keys(document: bytes | str, *, confirmed_only: bool = False) -> None:
    """A :class:`LoadError` at the second of two equal keys in one object.

    pydantic-core and orjson both keep the last of them, another reader may keep
    the first: the same file would mean two things. The standard library's C
    parser checks each object; where it stops short of what pydantic-core reads
    (nesting past the recursion limit, integers past the digit limit), the token
    scan that locates the key decides, which has neither limit: the test never
    passes a document it could not read. With ``confirmed_only``, only a duplicate
    the standard library's parser met is reported.
    """
    try:
        # As UTF-8 text: given bytes, the standard library would guess UTF-16 or UTF-32.
        text = document.decode("utf-8") if isinstance(document, bytes) else document
    except UnicodeDecodeError:
        return  # not a JSON document pydantic-core reads: its encoding error is reported
    try:
        json.loads(text, object_pairs_hook=_unique)
    except _DuplicateKeyError:
        confirmed = True
    except (ValueError, RecursionError):
        if confirmed_only:
            return
        confirmed = False
    else:
        return
    found = duplicate_key(text)
    if found is None and not confirmed:
        return
    pointer, line, column = found if found is not None else ("", None, None)
    key = pointer_tokens(pointer)[-1] if pointer else "?"
    message = f"duplicate key {key!r}; each key may appear once in an object"
    raise LoadError([Problem(message, pointer, line, column)])


def with_positions(problems: list[Problem], data: bytes | str) -> list[Problem]:
    """Give each content problem the line and column of its value in ``data``."""
    # One scan of the document for all of them: many problems must not mean many scans.
    found = positions(data, {problem.pointer for problem in problems if problem.line is None})
    located = []
    for problem in problems:
        where = None if problem.line is not None else found.get(problem.pointer)
        if where is None:
            located.append(problem)
        else:
            located.append(attrs.evolve(problem, line=where[0], column=where[1]))
    return located


_HEADER = b'{\n  "schema_version": "' + SCHEMA_VERSION.encode() + b'",'
_COMPACT_HEADER = b'{"schema_version":"' + SCHEMA_VERSION.encode() + b'",'
_NEWLINE = b"\n"


def dumps(case: Case) -> bytes:
    """Return the canonical JSON bytes of ``case``."""
    # pydantic-core's serialiser writes bytes directly: no str to encode, no
    # Python-mode dump to walk again. schema_version always equals its default,
    # so exclude_defaults drops it and it is spliced back in front; ``id`` has
    # no default, so the body of a valid case starts with "{" and is never empty.
    if type(case) is not Case or "id" not in case.__dict__:
        _refuse(case)
    if case.extensions:  # walked only when there are some (see writable_case)
        case = writable_case(case)
    try:
        body = Case.__pydantic_serializer__.to_json(case, indent=2, exclude_defaults=True)
    except (ValueError, RecursionError) as error:
        _unwritable(case, error)
    return b"".join((_HEADER, memoryview(body)[1:], _NEWLINE))


def dumps_compact(case: Case) -> bytes:
    """Return ``case`` as one canonical line of JSON, newline-terminated (for JSON Lines)."""
    if type(case) is not Case or "id" not in case.__dict__:
        _refuse(case)
    if case.extensions:
        case = writable_case(case)
    try:
        body = Case.__pydantic_serializer__.to_json(case, exclude_defaults=True)
    except (ValueError, RecursionError) as error:
        _unwritable(case, error)
    return b"".join((_COMPACT_HEADER, memoryview(body)[1:], _NEWLINE))


def _refuse(case: object) -> None:
    """A WriteError for what is no case, or a case with no id; nothing for a subclass's case.

    A case built without validation (``Case.model_construct``) may lack its id,
    and the splice above would then write an object with a trailing comma. Its
    other values are written as pydantic's serialiser writes them (with a
    warning for a value its field does not take): checking every value would
    cost each valid case more than the rest of the writer. The test of the exact
    type comes first, as it costs a fraction of ``isinstance`` on a model class.
    Extension data is walked only when there is some, and the sections with it
    (:func:`~partycases.models.writable_case`); otherwise sections nested too deep
    are found when the serialiser stops, past 254 levels (:func:`_unwritable`).
    Walking every case's sections would cost a case with subsections about 4% of
    this writer, which must stay within 5% of pydantic's serialiser.
    """
    require_case(case)
    if "id" not in case.__dict__:
        raise WriteError("cannot write: the case has no id (built without validation?)")


def _unwritable(case: Case, error: Exception) -> NoReturn:
    """The :class:`WriteError` for a case the serialiser stopped on, saying why.

    A case made without validation may hold what the serialiser cannot write:
    nesting past its depth limit, a value of no JSON type.
    """
    writable_case(case)  # names the nesting that stopped it, if that was it
    raise WriteError(f"cannot write: {error}") from None


def to_data(case: Case) -> dict[str, Any]:
    """The canonical JSON data of ``case`` as Python values, ``schema_version`` first."""
    case = writable_case(case)
    try:
        body = case.model_dump(mode="json", exclude_defaults=True)
    except (ValueError, RecursionError) as error:
        _unwritable(case, error)
    return {"schema_version": SCHEMA_VERSION, **body}
