"""The invariants that span a whole case: unique ids, resolvable references, spans in text.

Everything is checked in one pass over the case with a dict from id to kind, so
the cost grows linearly with the number of facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pydantic_core import InitErrorDetails, PydanticCustomError

from partycases.models.activity import Activity
from partycases.models.honour import Honour
from partycases.models.organisation import Organisation
from partycases.models.person import Person
from partycases.models.work import Work
from partycases.values import Span

if TYPE_CHECKING:
    from partycases.models.case import Case

__all__ = ["case_problems"]

Location = tuple[str | int, ...]
_Entity = Organisation | Person | Honour | Activity | Work

_KIND_NAMES = {
    "org": "an organisation",
    "person": "a person",
    "work": "a work",
    "honour": "an honour",
    "activity": "an activity",
}


def _expected(kinds: frozenset[str]) -> str:
    names = [
        _KIND_NAMES[kind]
        for kind in ("org", "work", "person", "honour", "activity")
        if kind in kinds
    ]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _error(
    kind: str, message: str, loc: Location, value: object, **ctx: object
) -> InitErrorDetails:
    return InitErrorDetails(
        type=PydanticCustomError(kind, message, ctx or None), loc=loc, input=value
    )


ORG = frozenset({"org"})
WORK = frozenset({"work"})
ORG_OR_PERSON = frozenset({"org", "person"})
RECIPIENT = frozenset({"org", "work", "person"})


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

    def refer(self, ref: str, allowed: frozenset[str], loc: Location) -> None:
        kind = self.kinds.get(ref)
        if kind is None:
            self.errors.append(
                _error(
                    "dangling_reference",
                    "no entity has the id '{id}'; expected the id of {expected} in this case",
                    loc,
                    ref,
                    id=ref,
                    expected=_expected(allowed),
                )
            )
        elif kind not in allowed:
            self.errors.append(
                _error(
                    "wrong_reference_kind",
                    "'{id}' is {actual}; expected the id of {expected}",
                    loc,
                    ref,
                    id=ref,
                    actual=_KIND_NAMES[kind],
                    expected=_expected(allowed),
                )
            )

    def refer_all(self, refs: Iterable[str], allowed: frozenset[str], loc: Location) -> None:
        for index, ref in enumerate(refs):
            self.refer(ref, allowed, (*loc, index))

    def spans(self, evidence: tuple[Span, ...], loc: Location) -> None:
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


def _sound(case: Case) -> bool:
    """The common case, checked with set operations and no locations: is everything sound?"""
    orgs = {org.id for org in case.organisations}
    people = {person.id for person in case.people}
    works = {work.id for work in case.works}
    if (
        len(orgs) != len(case.organisations)
        or len(people) != len(case.people)
        or len(works) != len(case.works)
        or len({h.id for h in case.honours}) != len(case.honours)
        or len({a.id for a in case.activities}) != len(case.activities)
        or not orgs.issuperset(case.subject_ids)
    ):
        return False
    if case.source is not None and case.source.publisher_id not in (None, *orgs):
        return False
    limit = -1 if case.text is None else len(case.text)
    agents = orgs | people if people else orgs
    for org in case.organisations:
        if (
            not orgs.issuperset(org.approved_by)
            or not orgs.issuperset(org.supervised_by)
            or (
                org.parent_id is not None and (org.parent_id not in orgs or org.parent_id == org.id)
            )
            or (org.evidence and max(span.end for span in org.evidence) > limit)
        ):
            return False
    for person in case.people:
        for role in person.roles:
            if role.organisation_id is not None and role.organisation_id not in orgs:
                return False
        if person.evidence and max(span.end for span in person.evidence) > limit:
            return False
    for honour in case.honours:
        recipient = honour.recipient_id
        if (
            (recipient not in orgs and recipient not in works and recipient not in people)
            or not orgs.issuperset(honour.awarded_by)
            or (honour.evidence and max(span.end for span in honour.evidence) > limit)
        ):
            return False
    for activity in case.activities:
        if (
            not orgs.issuperset(activity.organiser_ids)
            or not agents.issuperset(activity.participant_ids)
            or not works.issuperset(activity.work_ids)
            or (activity.evidence and max(span.end for span in activity.evidence) > limit)
        ):
            return False
    for work in case.works:
        if not agents.issuperset(work.creator_ids) or (
            work.evidence and max(span.end for span in work.evidence) > limit
        ):
            return False
    return True


def case_problems(case: Case) -> list[InitErrorDetails]:
    """Return every cross-field problem of ``case`` (an empty list when it is sound)."""
    if _sound(case):
        return []
    check = _Checker(None if case.text is None else len(case.text))
    groups: tuple[tuple[str, tuple[_Entity, ...]], ...] = (
        ("organisations", case.organisations),
        ("people", case.people),
        ("honours", case.honours),
        ("activities", case.activities),
        ("works", case.works),
    )
    for field, entities in groups:
        for index, entity in enumerate(entities):
            check.declare(entity.id, (field, index, "id"))

    check.refer_all(case.subject_ids, ORG, ("subject_ids",))
    if case.source is not None and case.source.publisher_id is not None:
        check.refer(case.source.publisher_id, ORG, ("source", "publisher_id"))
    for index, org in enumerate(case.organisations):
        loc: Location = ("organisations", index)
        check.refer_all(org.approved_by, ORG, (*loc, "approved_by"))
        check.refer_all(org.supervised_by, ORG, (*loc, "supervised_by"))
        if org.parent_id is not None:
            if org.parent_id == org.id:
                check.errors.append(
                    _error(
                        "self_reference",
                        "an organisation cannot be its own parent",
                        (*loc, "parent_id"),
                        org.parent_id,
                    )
                )
            else:
                check.refer(org.parent_id, ORG, (*loc, "parent_id"))
        check.spans(org.evidence, (*loc, "evidence"))
    for index, person in enumerate(case.people):
        loc = ("people", index)
        for role_index, role in enumerate(person.roles):
            if role.organisation_id is not None:
                check.refer(
                    role.organisation_id, ORG, (*loc, "roles", role_index, "organisation_id")
                )
        check.spans(person.evidence, (*loc, "evidence"))
    for index, honour in enumerate(case.honours):
        loc = ("honours", index)
        check.refer(honour.recipient_id, RECIPIENT, (*loc, "recipient_id"))
        check.refer_all(honour.awarded_by, ORG, (*loc, "awarded_by"))
        check.spans(honour.evidence, (*loc, "evidence"))
    for index, activity in enumerate(case.activities):
        loc = ("activities", index)
        check.refer_all(activity.organiser_ids, ORG, (*loc, "organiser_ids"))
        check.refer_all(activity.participant_ids, ORG_OR_PERSON, (*loc, "participant_ids"))
        check.refer_all(activity.work_ids, WORK, (*loc, "work_ids"))
        check.spans(activity.evidence, (*loc, "evidence"))
    for index, work in enumerate(case.works):
        loc = ("works", index)
        check.refer_all(work.creator_ids, ORG_OR_PERSON, (*loc, "creator_ids"))
        check.spans(work.evidence, (*loc, "evidence"))
    return check.errors
