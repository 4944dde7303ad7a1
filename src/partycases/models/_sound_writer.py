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


def _test(link: Link, value: str, depth: int, by_dict: bool) -> list[str]:
    """Source lines that return False unless every id ``link`` reaches from ``value`` is allowed."""
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
            f"{indent}        return False",
            f"{indent}    children += 1",
        ]
        return lines
    else:
        self_test = f" or ref == {_read(value, 'id', by_dict)}" if link.not_self else ""
        lines += [
            f"{indent}ref = {_read(value, last, by_dict)}",
            f"{indent}if ref is not None and (ref not in {allowed}{self_test}):",
        ]
    return [*lines, f"{indent}    return False"]


def _identity() -> list[str]:
    """Source of the organisations' identity checks, each behind a quick test.

    A parent chain can loop only through two organisations that have a parent
    (its own parent is the reference test's to refuse); two ids can fold together
    only if there are two. Where the quick test cannot rule it out, the full check
    (the one the located check reports from) decides.
    """
    return [
        "    if children > 1 and parent_cycle(case) is not None:",
        "        return False",
        "    return len(org) < 2 or len(set(map(id_fold, org))) == len(org)",
    ]


def sound_source(*, by_dict: bool = True) -> str:
    """The source of the fast check (``def is_sound(case): ...``, untyped), from the tables."""
    lines = ["def is_sound(case):", *_bind("    ", "case", by_dict)]
    for field, kind in COLLECTIONS.items():
        lines += [
            f"    {field} = {_read('case', field, by_dict)}",
            f"    {kind} = set(map(_get_id, {field})) if {field} else _NONE",
            # Ids of different kinds never collide (each kind has its own prefix),
            # so each kind's ids are unique when its set is as long as its collection.
            f"    if len({kind}) != len({field}):",
            "        return False",
        ]
    lines += [
        f"    text = {_read('case', 'text', by_dict)}",
        "    limit = -1 if text is None else len(text)",
        "    children = 0",
    ]
    for owner in ("", *COLLECTIONS):
        links = [link for link in REFERENCES if link.owner == owner]
        evidence = owner in EVIDENCE_COLLECTIONS
        if not links and not evidence:
            continue
        body: list[str] = []
        # Ids of several kinds together, built only when a collection needs them.
        for first, *rest in {_allowed(link.kinds): sorted(link.kinds) for link in links}.values():
            if rest:
                body.append(
                    f"    {_allowed(frozenset((first, *rest)))} = {first}.union({', '.join(rest)})"
                )
        if not owner:
            for link in links:
                body += _test(link, "case", 1, by_dict)
            lines += body
            continue
        body += [f"    for entity in {owner}:", *_bind("        ", "entity", by_dict)]
        for link in links:
            body += _test(link, "entity", 2, by_dict)
        if evidence:
            body += [
                f"        evidence = {_read('entity', 'evidence', by_dict)}",
                "        if evidence and max(map(_get_end, evidence)) > limit:",
                "            return False",
            ]
        lines.append(f"    if {owner}:")
        lines += ["    " + line for line in body]
    lines += _identity()
    return "\n".join(lines) + "\n"


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


def _module(by_dict: bool) -> str:
    """The fast check as a module: its helpers, then the typed, documented function."""
    body = sound_source(by_dict=by_dict).replace(
        "def is_sound(case):",
        f'def is_sound(case: Case) -> bool:\n    """{_DOC}\n\n    {_DETAIL}\n    """',
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
        "from partycases.ids import id_fold",
        "from partycases.models._identity import parent_cycle",
        "",
        "if TYPE_CHECKING:",
        "    from partycases.models.case import Case",
        "",
        "_NONE: Final[frozenset[Any]] = frozenset()",
        '_get_end: Final = operator.attrgetter("end")',
        '_get_id: Final = operator.attrgetter("id")',
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
