"""The fast case-wide check, written from the reference tables: do not edit.

Regenerate with ``python -m partycases.models._sound_writer --write``
(see ``_sound_writer``).
"""

# fmt: off
from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any, Final

from partycases.ids import FOLD_FIXED_IDS, ID_FOLDS
from partycases.models._identity import parent_cycle
from partycases.models._keys import GIVEN as _GIVEN
from partycases.models._keys import json_keys as _json_keys
from partycases.models._keys import stated_keys

if TYPE_CHECKING:
    from partycases.models.case import Case

_NONE: Final[frozenset[Any]] = frozenset()
_get_end: Final = operator.attrgetter("end")
_get_id: Final = operator.attrgetter("id")
_id_fold: Final = ID_FOLDS.__getitem__  # id_fold, read in C for an id met lately


def is_sound(case: Case) -> bool:
    """Whether every id is unique, every reference resolves to its kinds and every span fits.

    And no parent chain loops, and no two organisation ids fold together. No locations
    and no messages: the common case, answered with set operations.
    """
    case_f = case.__dict__
    organisations = case_f["organisations"]
    org = set(map(_get_id, organisations)) if organisations else _NONE
    if len(org) != len(organisations):
        return False
    people = case_f["people"]
    person = set(map(_get_id, people)) if people else _NONE
    if len(person) != len(people):
        return False
    honours = case_f["honours"]
    honour = set(map(_get_id, honours)) if honours else _NONE
    if len(honour) != len(honours):
        return False
    activities = case_f["activities"]
    activity = set(map(_get_id, activities)) if activities else _NONE
    if len(activity) != len(activities):
        return False
    works = case_f["works"]
    work = set(map(_get_id, works)) if works else _NONE
    if len(work) != len(works):
        return False
    text = case_f["text"]
    limit = -1 if text is None else len(text)
    children = 0
    if (refs := case_f["subject_ids"]) and not org.issuperset(refs):
        return False
    case_source = case_f["source"]
    if case_source is not None:
        ref = case_source.publisher_id
        if ref is not None and (ref not in org):
            return False
    if organisations:
        for entity in organisations:
            entity_f = entity.__dict__
            if (refs := entity_f["approved_by"]) and not org.issuperset(refs):
                return False
            if (refs := entity_f["supervised_by"]) and not org.issuperset(refs):
                return False
            ref = entity_f["parent_id"]
            if ref is not None:
                if ref not in org or ref == entity_f["id"]:
                    return False
                children += 1
            evidence = entity_f["evidence"]
            if evidence and max(map(_get_end, evidence)) > limit:
                return False
    if people:
        for entity in people:
            entity_f = entity.__dict__
            for entity_roles in entity_f["roles"]:
                ref = entity_roles.organisation_id
                if ref is not None and (ref not in org):
                    return False
            evidence = entity_f["evidence"]
            if evidence and max(map(_get_end, evidence)) > limit:
                return False
    if honours:
        for entity in honours:
            entity_f = entity.__dict__
            ref = entity_f["recipient_id"]
            if ref is not None and (ref not in org and ref not in person and ref not in work):
                return False
            if (refs := entity_f["awarded_by"]) and not org.issuperset(refs):
                return False
            evidence = entity_f["evidence"]
            if evidence and max(map(_get_end, evidence)) > limit:
                return False
    if activities:
        org_person = org.union(person) if person else org
        for entity in activities:
            entity_f = entity.__dict__
            if (refs := entity_f["organiser_ids"]) and not org.issuperset(refs):
                return False
            if (refs := entity_f["participant_ids"]) and not org_person.issuperset(refs):
                return False
            if (refs := entity_f["work_ids"]) and not work.issuperset(refs):
                return False
            evidence = entity_f["evidence"]
            if evidence and max(map(_get_end, evidence)) > limit:
                return False
    if works:
        org_person = org.union(person) if person else org
        for entity in works:
            entity_f = entity.__dict__
            if (refs := entity_f["creator_ids"]) and not org_person.issuperset(refs):
                return False
            evidence = entity_f["evidence"]
            if evidence and max(map(_get_end, evidence)) > limit:
                return False
    if children > 1 and parent_cycle(case) is not None:
        return False
    return len(org) < 2 or org <= FOLD_FIXED_IDS or len(set(map(_id_fold, org))) == len(org)


def sound_keys(case: Case) -> int | None:
    """The keys ``case`` was given (quantities' aside), if it is sound; else None.

    ``is_sound`` and ``stated_keys`` on one walk, for the JSON reader's duplicate-key test.
    """
    case_f = case.__dict__
    count = len(case.__pydantic_fields_set__)
    organisations = case_f["organisations"]
    org = set(map(_get_id, organisations)) if organisations else _NONE
    if len(org) != len(organisations):
        return None
    people = case_f["people"]
    person = set(map(_get_id, people)) if people else _NONE
    if len(person) != len(people):
        return None
    honours = case_f["honours"]
    honour = set(map(_get_id, honours)) if honours else _NONE
    if len(honour) != len(honours):
        return None
    activities = case_f["activities"]
    activity = set(map(_get_id, activities)) if activities else _NONE
    if len(activity) != len(activities):
        return None
    works = case_f["works"]
    work = set(map(_get_id, works)) if works else _NONE
    if len(work) != len(works):
        return None
    text = case_f["text"]
    limit = -1 if text is None else len(text)
    children = 0
    if (refs := case_f["subject_ids"]) and not org.issuperset(refs):
        return None
    case_source = case_f["source"]
    if case_source is not None:
        ref = case_source.publisher_id
        if ref is not None and (ref not in org):
            return None
    if organisations:
        for entity in organisations:
            entity_f = entity.__dict__
            if (refs := entity_f["approved_by"]) and not org.issuperset(refs):
                return None
            if (refs := entity_f["supervised_by"]) and not org.issuperset(refs):
                return None
            ref = entity_f["parent_id"]
            if ref is not None:
                if ref not in org or ref == entity_f["id"]:
                    return None
                children += 1
            count += len(entity.__pydantic_fields_set__)
            if field := entity_f["other_names"]:
                count += sum(map(len, map(_GIVEN, field)))
            if field := entity_f["identifiers"]:
                count += sum(map(len, map(_GIVEN, field)))
            if evidence := entity_f["evidence"]:
                if max(map(_get_end, evidence)) > limit:
                    return None
                count += 2 * len(evidence)
    if people:
        for entity in people:
            entity_f = entity.__dict__
            for entity_roles in entity_f["roles"]:
                ref = entity_roles.organisation_id
                if ref is not None and (ref not in org):
                    return None
            count += len(entity.__pydantic_fields_set__)
            if field := entity_f["roles"]:
                count += sum(map(len, map(_GIVEN, field)))
            if evidence := entity_f["evidence"]:
                if max(map(_get_end, evidence)) > limit:
                    return None
                count += 2 * len(evidence)
    if honours:
        for entity in honours:
            entity_f = entity.__dict__
            ref = entity_f["recipient_id"]
            if ref is not None and (ref not in org and ref not in person and ref not in work):
                return None
            if (refs := entity_f["awarded_by"]) and not org.issuperset(refs):
                return None
            count += len(entity.__pydantic_fields_set__)
            if evidence := entity_f["evidence"]:
                if max(map(_get_end, evidence)) > limit:
                    return None
                count += 2 * len(evidence)
    if activities:
        org_person = org.union(person) if person else org
        for entity in activities:
            entity_f = entity.__dict__
            if (refs := entity_f["organiser_ids"]) and not org.issuperset(refs):
                return None
            if (refs := entity_f["participant_ids"]) and not org_person.issuperset(refs):
                return None
            if (refs := entity_f["work_ids"]) and not work.issuperset(refs):
                return None
            count += len(entity.__pydantic_fields_set__)
            if evidence := entity_f["evidence"]:
                if max(map(_get_end, evidence)) > limit:
                    return None
                count += 2 * len(evidence)
    if works:
        org_person = org.union(person) if person else org
        for entity in works:
            entity_f = entity.__dict__
            if (refs := entity_f["creator_ids"]) and not org_person.issuperset(refs):
                return None
            count += len(entity.__pydantic_fields_set__)
            if evidence := entity_f["evidence"]:
                if max(map(_get_end, evidence)) > limit:
                    return None
                count += 2 * len(evidence)
    if children > 1 and parent_cycle(case) is not None:
        return None
    if not (len(org) < 2 or org <= FOLD_FIXED_IDS or len(set(map(_id_fold, org))) == len(org)):
        return None
    if field := case_f["series"]:
        count += len(field.__pydantic_fields_set__)
    if field := case_f["source"]:
        count += len(field.__pydantic_fields_set__)
    if field := case_f["sections"]:
        count += sum(map(stated_keys, field))
    if field := case_f["extensions"]:
        count += _json_keys(field)
    return count
