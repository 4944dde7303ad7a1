"""Writes the fast case-wide check from the reference tables, as Python source.

The check is one function, written out from :data:`~partycases.models._references.REFERENCES`
and :data:`~partycases.models._references.COLLECTIONS`: one loop per collection,
each entity's references tested against the set of ids of their kinds, with no
iterator built for what is empty; then the two checks of the organisations'
identity (:func:`~partycases.models._identity.parent_cycle` and
:func:`~partycases.models._identity.same_name_ids`), each run only where its
quick test in C cannot rule it out. It is kept, generated, in ``_sound``, so an
import compiles nothing; regenerate it after changing the tables with::

    python -m partycases.models._sound_writer --write

(without ``--write`` it prints the module; a test checks that the committed
module is what this writes).
:func:`compile_sound` compiles the same source at run time, also in a form that
reads attributes instead of ``__dict__`` entries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from pydantic import BaseModel

from partycases.models._keys import count_terms, model_of
from partycases.models._references import (
    COLLECTIONS,
    EVIDENCE_COLLECTIONS,
    REFERENCES,
    Link,
)

__all__ = ["compile_sound", "render", "sound_source"]


def _allowed(kinds: frozenset[str]) -> str:
    """The name of the variable holding the ids of ``kinds``."""
    return "_".join(sorted(kinds))


#: The names the fast check binds to models it reads several fields of: ``case`` and each
#: ``entity``. Their fields are read from their ``__dict__`` (bound once, as ``case_f`` and
#: ``entity_f``): pydantic's ``BaseModel`` defines ``__getattr__``, which keeps CPython from
#: specialising attribute reads on models, and a dict lookup costs a fraction as much. A
#: model read once (a role, the source) is read as an attribute.
_BOUND: Final = ("case", "entity")

#: The link along which organisations form chains (``parent_id``): the fast check counts
#: the organisations that have a parent as it tests the link, for the loop check.
_PARENT: Final = ("organisations", "parent_id")


def _read(value: str, name: str, by_dict: bool) -> str:
    """Source reading field ``name`` of the model bound to ``value``."""
    return f'{value}_f["{name}"]' if by_dict and value in _BOUND else f"{value}.{name}"


def _bind(indent: str, value: str, by_dict: bool) -> list[str]:
    """Source binding the fields dict of the model just bound to ``value``, if read so."""
    return [f"{indent}{value}_f = {value}.__dict__"] if by_dict else []


def _test(link: Link, value: str, depth: int, by_dict: bool, fail: str = "False") -> list[str]:
    """The source returning ``fail`` unless every id ``link`` reaches from ``value`` is allowed.

    (``fail`` is False in ``is_sound``, None in ``sound_keys``.)
    """
    indent = "    " * depth
    allowed = _allowed(link.kinds)
    *path, (last, many) = link.steps
    lines = []
    for name, step_many in path:
        inner = f"{value}_{name}"
        if step_many:
            lines.append(f"{indent}for {inner} in {_read(value, name, by_dict)}:")
        else:
            lines += [
                f"{indent}{inner} = {_read(value, name, by_dict)}",
                f"{indent}if {inner} is not None:",
            ]
        value, depth, indent = inner, depth + 1, indent + "    "
    if many:
        # Most lists are empty: testing that first skips a method call.
        refs = _read(value, last, by_dict)
        lines.append(f"{indent}if (refs := {refs}) and not {allowed}.issuperset(refs):")
    elif (link.owner, last) == _PARENT and not path:
        # Counted as tested: a chain can loop only through two organisations with parents.
        lines += [
            f"{indent}ref = {_read(value, last, by_dict)}",
            f"{indent}if ref is not None:",
            f"{indent}    if ref not in {allowed} or ref == {_read(value, 'id', by_dict)}:",
            f"{indent}        return {fail}",
            f"{indent}    children += 1",
        ]
        return lines
    else:
        # One id: a membership test in each kind's set (no set of several kinds is built).
        outside = " and ".join(f"ref not in {kind}" for kind in sorted(link.kinds))
        self_test = f" or ref == {_read(value, 'id', by_dict)}" if link.not_self else ""
        lines += [
            f"{indent}ref = {_read(value, last, by_dict)}",
            f"{indent}if ref is not None and ({outside}{self_test}):",
        ]
    return [*lines, f"{indent}    return {fail}"]


#: No two organisation ids fold together: none to compare, or every id its own fold (ids that
#: differ), or as many folds as ids.
_FOLD_APART: Final = (
    "len(org) < 2 or org <= FOLD_FIXED_IDS or len(set(map(_id_fold, org))) == len(org)"
)


def _identity(count_keys: bool) -> list[str]:
    """Source of the organisations' identity checks, each behind a quick test, and the return.

    A parent chain can loop only through two organisations that have a parent
    (its own parent is the reference test's to refuse); two ids can fold together
    only if there are two. Where the quick test cannot rule it out, the full check
    (the one the located check reports from) decides.
    """
    fail = "None" if count_keys else "False"
    lines = ["    if children > 1 and parent_cycle(case) is not None:", f"        return {fail}"]
    if not count_keys:
        return [*lines, f"    return {_FOLD_APART}"]
    lines += [f"    if not ({_FOLD_APART}):", "        return None"]
    for field, term in count_terms(_model_of_case(), _nested):
        if field not in COLLECTIONS:  # the entities' keys are counted in their loops
            lines += [f'    if field := case_f["{field}"]:', f"        count += {term}"]
    return [*lines, "    return count"]


def _entity_loop(owner: str, links: list[Link], by_dict: bool, count_keys: bool) -> list[str]:
    """Source of the loop over collection ``owner``: its links, spans and (if asked) keys."""
    fail = "None" if count_keys else "False"
    body = [f"    for entity in {owner}:", *_bind("        ", "entity", by_dict)]
    for link in links:
        body += _test(link, "entity", 2, by_dict, fail)
    terms = dict(count_terms(model_of(_model_of_case(), owner), _nested)) if count_keys else {}
    if terms:
        body.append("        count += len(entity.__pydantic_fields_set__)")
    evidence = owner in EVIDENCE_COLLECTIONS
    for field, term in terms.items():
        if field != "evidence" or not evidence:
            body += [f'        if field := entity_f["{field}"]:', f"            count += {term}"]
    if evidence:
        read = _read("entity", "evidence", by_dict)
        if "evidence" in terms:  # tested, then counted
            count = terms["evidence"].replace("field", "evidence")
            body += [
                f"        if evidence := {read}:",
                "            if max(map(_get_end, evidence)) > limit:",
                "                return None",
                f"            count += {count}",
            ]
        else:
            body += [
                f"        evidence = {read}",
                "        if evidence and max(map(_get_end, evidence)) > limit:",
                f"            return {fail}",
            ]
    return body


def sound_source(*, by_dict: bool = True, count_keys: bool = False) -> str:
    """The source of the fast check (``def is_sound(case): ...``, untyped), from the tables.

    With ``count_keys`` it is ``sound_keys``: the same check, which also counts the
    keys the case was given (quantities' aside: they count themselves) on the same
    walk, and returns that count for a sound case and None for any other, for the
    JSON reader's duplicate-key test (:func:`partycases.models.stated_keys` counts
    the same keys on a walk of its own). It reads fields from ``__dict__`` only.
    """
    fail = "None" if count_keys else "False"
    name = "sound_keys" if count_keys else "is_sound"
    lines = [f"def {name}(case):", *_bind("    ", "case", by_dict)]
    if count_keys:
        lines.append("    count = len(case.__pydantic_fields_set__)")
    for field, kind in COLLECTIONS.items():
        lines += [
            f"    {field} = {_read('case', field, by_dict)}",
            f"    {kind} = set(map(_get_id, {field})) if {field} else _NONE",
            # Ids of different kinds never collide (each kind has its own prefix),
            # so each kind's ids are unique when its set is as long as its collection.
            f"    if len({kind}) != len({field}):",
            f"        return {fail}",
        ]
    lines += [
        f"    text = {_read('case', 'text', by_dict)}",
        "    limit = -1 if text is None else len(text)",
        "    children = 0",
    ]
    for owner in ("", *COLLECTIONS):
        links = [link for link in REFERENCES if link.owner == owner]
        if not owner:
            lines += [line for link in links for line in _test(link, "case", 1, by_dict, fail)]
            continue
        if not links and owner not in EVIDENCE_COLLECTIONS and not count_keys:
            continue
        lines.append(f"    if {owner}:")
        # Ids of several kinds together, for the lists of ids that may name any of them:
        # built only when a collection needs them, and only when the other kinds have ids.
        many = [link for link in links if link.steps[-1][1]]
        for first, *rest in {_allowed(link.kinds): sorted(link.kinds) for link in many}.values():
            if rest:
                union = f"{first}.union({', '.join(rest)}) if {' or '.join(rest)} else {first}"
                lines.append(f"        {_allowed(frozenset((first, *rest)))} = {union}")
        lines += ["    " + line for line in _entity_loop(owner, links, by_dict, count_keys)]
    lines += _identity(count_keys)
    return "\n".join(lines) + "\n"


def _nested(model: type[BaseModel]) -> str:
    """The function the generated check calls to count a model that holds objects itself."""
    return "stated_keys"


def _model_of_case() -> type[BaseModel]:
    """The case model (imported when the writer runs: the module it writes is part of it)."""
    from partycases.models.case import Case

    return Case


_DOC: Final = (
    "Whether every id is unique, every reference resolves to its kinds and every span fits."
)
_DETAIL: Final = (
    "And no parent chain loops, and no two organisation ids fold together. No locations\n"
    "    and no messages: the common case, answered with set operations."
)


def compile_sound(*, by_dict: bool = True) -> Callable[[Any], bool]:
    """The fast check, compiled from the tables now (the module :func:`render` writes).

    ``by_dict=False`` reads every field as an attribute: for objects of the same
    field names that keep no ``__dict__`` (the benchmark's msgspec baseline).
    """
    namespace: dict[str, Any] = {}
    exec(compile(_module(by_dict), "<partycases: is_sound>", "exec"), namespace)
    function: Callable[[Any], bool] = namespace["is_sound"]
    return function


def render() -> str:
    """The source of the generated module ``_sound``."""
    return _module(by_dict=True)


_KEYS_DOC: Final = "The keys ``case`` was given (quantities' aside), if it is sound; else None."
_KEYS_DETAIL: Final = (
    "``is_sound`` and ``stated_keys`` on one walk, for the JSON reader's duplicate-key test."
)


def _module(by_dict: bool) -> str:
    """The fast check as a module: its helpers, then the typed, documented functions."""
    body = sound_source(by_dict=by_dict).replace(
        "def is_sound(case):",
        f'def is_sound(case: Case) -> bool:\n    """{_DOC}\n\n    {_DETAIL}\n    """',
        1,
    )
    if by_dict:  # the count reads pydantic's fields-set, which only models have
        body += "\n\n" + sound_source(count_keys=True).replace(
            "def sound_keys(case):",
            f'def sound_keys(case: Case) -> int | None:\n    """{_KEYS_DOC}\n\n'
            f'    {_KEYS_DETAIL}\n    """',
            1,
        )
    lines = [
        '"""The fast case-wide check, written from the reference tables: do not edit.',
        "",
        "Regenerate with ``python -m partycases.models._sound_writer --write``",
        "(see ``_sound_writer``).",
        '"""',
        "",
        "# fmt: off",
        "from __future__ import annotations",
        "",
        "import operator",
        "from typing import TYPE_CHECKING, Any, Final",
        "",
        "from partycases.ids import FOLD_FIXED_IDS, ID_FOLDS",
        "from partycases.models._identity import parent_cycle",
        "from partycases.models._keys import GIVEN as _GIVEN",
        "from partycases.models._keys import json_keys as _json_keys",
        "from partycases.models._keys import stated_keys",
        "",
        "if TYPE_CHECKING:",
        "    from partycases.models.case import Case",
        "",
        "_NONE: Final[frozenset[Any]] = frozenset()",
        '_get_end: Final = operator.attrgetter("end")',
        '_get_id: Final = operator.attrgetter("id")',
        "_id_fold: Final = ID_FOLDS.__getitem__  # id_fold, read in C for an id met lately",
        "",
        "",
        body,
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys
    from pathlib import Path

    from partycases.models._generated import main

    target = Path(__file__).with_name("_sound.py")
    sys.exit(main(render, target, "partycases.models._sound_writer", sys.argv[1:]))
