"""The invariants that span a whole case: unique ids, resolvable references, spans in text.

Which field refers to which entities is declared once, in :data:`REFERENCES`
(and which collection holds which kind of id in :data:`COLLECTIONS`); both
checks below are derived from those tables:

* :func:`is_sound`, the fast check every validation runs: written out from
  the tables as one function (ahead of time, into the generated ``_sound``
  module) that collects the ids of each kind and tests each entity's
  references against them, then the organisations' identity checks
  (:func:`parent_cycle`, :func:`same_name_ids`), with no locations;
* :func:`located_problems`, the located check, which runs only when the fast
  one fails and reports every problem with its place; :func:`case_problems`
  is the two in turn.

Anything else that needs to know the case's links reads the same tables rather
than listing fields again: for example a table export can give each
:class:`Link` a column ``<owner>.<field>`` of the referring entity's id and the
referred id, and a diagram can draw one edge per link from the owner's model to
the model of each kind in ``Link.kinds`` (``ENTITY_MODELS`` names them).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

import attrs
from pydantic_core import InitErrorDetails, PydanticCustomError

from partycases.models._identity import parent_cycle, same_name_ids
from partycases.models._sound import is_sound

if TYPE_CHECKING:
    from partycases.models.case import Case

__all__ = [
    "COLLECTIONS",
    "ENTITY_MODELS",
    "EVIDENCE_COLLECTIONS",
    "REFERENCES",
    "Link",
    "case_problems",
    "is_sound",
    "located_problems",
    "parent_cycle",
    "same_name_ids",
]

Location = tuple[str | int, ...]

#: Each collection of entities of a case and the kind of id (its prefix) its entities carry.
COLLECTIONS: Final = {
    "organisations": "org",
    "people": "person",
    "honours": "honour",
    "activities": "activity",
    "works": "work",
}
#: The model name of each kind of id.
ENTITY_MODELS: Final = {
    "org": "Organisation",
    "person": "Person",
    "honour": "Honour",
    "activity": "Activity",
    "work": "Work",
}
#: The collections whose entities carry ``evidence`` spans into ``Case.text``.
EVIDENCE_COLLECTIONS: Final = tuple(COLLECTIONS)

_KIND_NAMES = {
    "org": "an organisation",
    "person": "a person",
    "work": "a work",
    "honour": "an honour",
    "activity": "an activity",
}
_KIND_ORDER = ("org", "work", "person", "honour", "activity")


@attrs.frozen
class Link:
    """One field that refers to other entities of the same case, by id.

    ``owner`` is the collection whose entities hold the field (``""`` for the
    case itself); ``field`` is its path inside one of them, where ``[]`` marks a
    list (``"awarded_by[]"``, ``"roles[].organisation_id"``) and ``.`` an
    optional object (``"source.publisher_id"``); ``kinds`` are the id kinds it
    may refer to; ``not_self`` forbids an entity to refer to itself.
    """

    owner: str
    field: str
    kinds: frozenset[str]
    not_self: bool = False

    @property
    def steps(self) -> tuple[tuple[str, bool], ...]:
        """The field's path as (attribute, is a list) steps."""
        return tuple(
            (part.removesuffix("[]"), part.endswith("[]")) for part in self.field.split(".")
        )

    @property
    def expected(self) -> str:
        """The kinds it may refer to, in words: ``an organisation or a person``."""
        names = [_KIND_NAMES[kind] for kind in _KIND_ORDER if kind in self.kinds]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


_ORG = frozenset({"org"})
_WORK = frozenset({"work"})
_AGENT = frozenset({"org", "person"})
_RECIPIENT = frozenset({"org", "work", "person"})

#: Every reference between the entities of a case, in the order problems are reported.
REFERENCES: Final = (
    Link("", "subject_ids[]", _ORG),
    Link("", "source.publisher_id", _ORG),
    Link("organisations", "approved_by[]", _ORG),
    Link("organisations", "supervised_by[]", _ORG),
    Link("organisations", "parent_id", _ORG, not_self=True),
    Link("people", "roles[].organisation_id", _ORG),
    Link("honours", "recipient_id", _RECIPIENT),
    Link("honours", "awarded_by[]", _ORG),
    Link("activities", "organiser_ids[]", _ORG),
    Link("activities", "participant_ids[]", _AGENT),
    Link("activities", "work_ids[]", _WORK),
    Link("works", "creator_ids[]", _AGENT),
)


# --- the fast check -------------------------------------------------------------------------
#
# :func:`is_sound` is written out from the tables as the source of one function
# (see ``_sound_writer``) and kept, generated, in ``_sound``: one loop per
# collection, each entity's references tested against the set of ids of their
# kinds, with no iterator built for what is empty. A generic walk over the tables
# at run time cost twice as much as the hand-written loops it replaced.


# --- the located check ---------------------------------------------------------------------


def _error(
    kind: str, message: str, loc: Location, value: object, **ctx: object
) -> InitErrorDetails:
    return InitErrorDetails(
        type=PydanticCustomError(kind, message, ctx or None), loc=loc, input=value
    )


def _located(value: Any, steps: tuple[tuple[str, bool], ...], loc: Location) -> Iterator[Any]:
    """Each value at the end of ``steps`` from ``value``, with its location."""
    if not steps:
        yield value, loc
        return
    (name, many), rest = steps[0], steps[1:]
    inner = getattr(value, name)
    if inner is None:
        return
    if many:
        for index, item in enumerate(inner):
            yield from _located(item, rest, (*loc, name, index))
    else:
        yield from _located(inner, rest, (*loc, name))


class _Checker:
    __slots__ = ("errors", "kinds", "text_length")

    def __init__(self, text_length: int | None) -> None:
        self.kinds: dict[str, str] = {}
        self.errors: list[InitErrorDetails] = []
        self.text_length = text_length

    def declare(self, entity_id: str, loc: Location) -> None:
        if entity_id in self.kinds:
            self.errors.append(
                _error(
                    "duplicate_id",
                    "the id '{id}' is used twice; ids must be unique in a case",
                    loc,
                    entity_id,
                    id=entity_id,
                )
            )
        else:
            self.kinds[entity_id] = entity_id.partition(":")[0]

    def links(self, owner: Any, links: tuple[Link, ...], loc: Location) -> None:
        for link in links:
            for ref, where in _located(owner, link.steps, loc):
                if link.not_self and ref == owner.id:
                    self.errors.append(
                        _error(
                            "self_reference",
                            f"{_KIND_NAMES[COLLECTIONS[link.owner]]} cannot be its own "
                            f"{link.field.replace('_id', '')}",
                            where,
                            ref,
                        )
                    )
                else:
                    self.refer(ref, link, where)

    def refer(self, ref: str, link: Link, loc: Location) -> None:
        kind = self.kinds.get(ref)
        if kind is None:
            self.errors.append(
                _error(
                    "dangling_reference",
                    "no entity has the id '{id}'; expected the id of {expected} in this case",
                    loc,
                    ref,
                    id=ref,
                    expected=link.expected,
                )
            )
        elif kind not in link.kinds:
            self.errors.append(
                _error(
                    "wrong_reference_kind",
                    "'{id}' is {actual}; expected the id of {expected}",
                    loc,
                    ref,
                    id=ref,
                    actual=_KIND_NAMES[kind],
                    expected=link.expected,
                )
            )

    def spans(self, evidence: tuple[Any, ...], loc: Location) -> None:
        for index, span in enumerate(evidence):
            if self.text_length is None:
                self.errors.append(
                    _error(
                        "evidence_without_text",
                        "evidence spans need the case's text; add 'text' or drop the spans",
                        (*loc, index),
                        span.to_dict(),
                    )
                )
            elif span.end > self.text_length:
                self.errors.append(
                    _error(
                        "span_outside_text",
                        "span ends at {end} but the text has {length} characters",
                        (*loc, index),
                        span.to_dict(),
                        end=span.end,
                        length=self.text_length,
                    )
                )


_BY_OWNER: Final = {
    owner: tuple(link for link in REFERENCES if link.owner == owner) for owner in ("", *COLLECTIONS)
}


def case_problems(case: Case) -> list[InitErrorDetails]:
    """Return every cross-field problem of ``case`` (an empty list when it is sound).

    Sound as the case's validator has it: the fast check, no parent chain that
    leads back, and no two organisation ids that differ only in script, case or form.
    """
    if is_sound(case):
        return []
    return located_problems(case)


def located_problems(case: Case) -> list[InitErrorDetails]:
    """Every cross-field problem of ``case`` with its place (the slow check, from the tables)."""
    check = _Checker(None if case.text is None else len(case.text))
    twins = same_name_ids(case)
    if twins is not None:
        first, second = (case.organisations[i].id for i in twins)
        check.errors.append(
            _error(
                "same_name_ids",
                "the ids '{first}' and '{second}' differ only in script, case or form; "
                "expected one id for one organisation",
                ("organisations", twins[1], "id"),
                second,
                first=first,
                second=second,
            )
        )
    cycle = parent_cycle(case)
    if cycle is not None:
        org = case.organisations[cycle]
        check.errors.append(
            _error(
                "parent_cycle",
                "the parent_id chain of '{id}' leads back to it; expected a parent above it",
                ("organisations", cycle, "parent_id"),
                org.parent_id,
                id=org.id,
            )
        )
    for field in COLLECTIONS:
        for index, entity in enumerate(getattr(case, field)):
            check.declare(entity.id, (field, index, "id"))
    check.links(case, _BY_OWNER[""], ())
    for field in COLLECTIONS:
        links = _BY_OWNER[field]
        for index, entity in enumerate(getattr(case, field)):
            loc: Location = (field, index)
            check.links(entity, links, loc)
            if field in EVIDENCE_COLLECTIONS:
                check.spans(entity.evidence, (*loc, "evidence"))
    return check.errors
