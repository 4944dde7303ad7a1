"""Facts of a case as comparable sets, keyed by script-independent names."""

from __future__ import annotations

from collections.abc import Iterator

import partycases as pc
from partycases import name_key

FactSets = dict[str, set[tuple[object, ...]]]
KINDS = (
    "organisation",
    "founded",
    "member_count",
    "grade",
    "approved_by",
    "supervised_by",
    "honour",
    "awarded_by",
    "honour_level",
    "honour_batch",
    "activity",
    "work",
    "section",
    "item",
    "source",
)


def _keys(case: pc.Case) -> dict[str, str]:
    """Id -> name key, so facts compare across scripts and id schemes."""
    keys = {org.id: name_key(org.name) for org in case.organisations}
    keys.update({work.id: name_key(work.title) for work in case.works})
    keys.update({person.id: name_key(person.name) for person in case.people})
    return keys


def _sections(sections: tuple[pc.Section, ...], depth: int = 0) -> Iterator[tuple[object, ...]]:
    for section in sections:
        heading = name_key(section.heading) if section.heading else None
        yield ("section", depth, section.number, heading, section.kind.value)
        for paragraph in section.paragraphs:
            if paragraph.marker:
                yield ("item", depth, heading, paragraph.marker)
        yield from _sections(section.subsections, depth + 1)


def fact_sets(case: pc.Case) -> FactSets:
    """Every fact of ``case`` as a tuple, grouped by kind."""
    keys = _keys(case)
    facts: FactSets = {kind: set() for kind in KINDS}
    for org in case.organisations:
        key = keys[org.id]
        facts["organisation"].add((key,))
        if org.founded:
            facts["founded"].add((key, str(org.founded)))
        if org.member_count:
            count = org.member_count
            facts["member_count"].add((key, count.value, count.qualifier.value))
        if org.grade:
            facts["grade"].add((key, name_key(org.grade)))
        facts["approved_by"] |= {(key, keys[other]) for other in org.approved_by}
        facts["supervised_by"] |= {(key, keys[other]) for other in org.supervised_by}
    for honour in case.honours:
        title = name_key(honour.title)
        year = honour.date.year if honour.date else None
        facts["honour"].add((title, year, keys[honour.recipient_id]))
        facts["awarded_by"] |= {(title, keys[body]) for body in honour.awarded_by}
        if honour.level:
            facts["honour_level"].add((title, honour.level.value))
        if honour.batch:
            facts["honour_batch"].add((title, honour.batch))
    for activity in case.activities:
        facts["activity"].add(
            (name_key(activity.name), str(activity.date) if activity.date else None)
        )
    for work in case.works:
        facts["work"].add((name_key(work.title), work.kind.value))
    for fact in _sections(case.sections):
        facts[str(fact[0])].add(fact[1:])
    if case.source and case.source.publisher:
        facts["source"].add((name_key(case.source.publisher),))
    return facts


def score(expected: FactSets, found: FactSets) -> dict[str, tuple[int, int, int]]:
    """(true positives, found, expected) per kind."""
    return {
        kind: (len(expected[kind] & found[kind]), len(found[kind]), len(expected[kind]))
        for kind in KINDS
    }


def differences(expected: FactSets, found: FactSets) -> list[str]:
    """Readable lines: what is missing and what is extra, per kind."""
    lines = []
    for kind in KINDS:
        lines += [
            f"missing {kind}: {fact}" for fact in sorted(expected[kind] - found[kind], key=str)
        ]
        lines += [
            f"extra   {kind}: {fact}" for fact in sorted(found[kind] - expected[kind], key=str)
        ]
    return lines
