"""A corpus as entities: one record per organisation, work and honour across every case.

Cases name the same body in either script, on different pages, stating facts
that may disagree. :class:`Corpus` reads cases one at a time and keeps one
record per distinct entity, keyed by its *corpus key*:

* an organisation's key is its name key (:func:`partycases.organisation_id` of
  its name), never a registered code, which is kept as a fact;
* a work's key is its title's key (``work:<title>``);
* an honour's key joins its recipient's key, its year and its title
  (``honour:<recipient>-<year>-<title>``), so the same award reported by two
  pages is one honour;
* a person's key is their name's key; an activity keeps its case-local id,
  qualified by the case (activities are events of one report).

Each record keeps every name and script seen, how many cases name it (and the
first few), and each stated fact with the cases that state it (free text such as a location
by its script-folded key, a member count as ``nearly 300``). Two different
values of one fact (two founding dates, two member counts) are a *conflict*,
flagged and never resolved. Memory grows with the number of distinct entities
and distinct stated values, not with the number of cases: each value keeps a
count and at most :attr:`Corpus.sample` case ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs

from partycases.ids import IdKind, make_id, name_key
from partycases.models import Case
from partycases.values import Quantity

__all__ = ["ENTITY_KINDS", "FACTS", "Corpus", "EntityRecord", "build_corpus", "crosswalk"]

#: The kinds of entity a corpus merges across cases.
ENTITY_KINDS: Final = ("organisation", "work", "honour")

#: The facts each kind of entity states, in the order they are reported.
FACTS: Final[dict[str, tuple[str, ...]]] = {
    "organisation": (
        "kind", "founded", "member_count", "location", "grade", "parent", "approved_by",
        "supervised_by", "credit_code",
    ),
    "work": ("kind", "date", "platforms", "creators"),
    "honour": ("date", "level", "batch", "kind", "awarded_by"),
}  # fmt: skip


#: Facts given as free text, stored by their script-folded key.
_FREE_TEXT: Final = frozenset({"location", "grade"})


@attrs.define(slots=True)
class _Seen:
    """How often something was seen, and the first cases that showed it."""

    count: int = 0
    cases: list[str] = attrs.field(factory=list)

    def add(self, case_id: str, sample: int) -> None:
        self.count += 1
        if len(self.cases) < sample and (not self.cases or self.cases[-1] != case_id):
            self.cases.append(case_id)

    def merge(self, other: _Seen, sample: int) -> None:
        self.count += other.count
        for case_id in other.cases:
            if len(self.cases) >= sample:
                break
            if case_id not in self.cases:
                self.cases.append(case_id)


@attrs.define(slots=True)
class EntityRecord:
    """One entity across a corpus: its names, the cases naming it, and every stated fact."""

    key: str
    """The corpus key (``org:…``, ``work:…``, ``honour:…``)."""
    kind: str
    """``organisation``, ``work`` or ``honour``."""
    cases: _Seen = attrs.field(factory=_Seen)
    """How many cases name it, and the first few of them."""
    names: dict[tuple[str, str | None], _Seen] = attrs.field(factory=dict)
    """Every (name, script) seen, with the cases that use it."""
    facts: dict[str, dict[str, _Seen]] = attrs.field(factory=dict)
    """Each fact (``founded``, ``member_count``, …) -> each stated value -> its cases."""

    @property
    def name(self) -> str:
        """The name seen in most cases (the first seen among equals)."""
        best = max(self.names.items(), key=lambda item: item[1].count)
        return best[0][0]

    @property
    def case_count(self) -> int:
        """How many cases name the entity."""
        return self.cases.count

    @property
    def case_ids(self) -> list[str]:
        """The first cases that name it (at most :attr:`Corpus.sample`)."""
        return list(self.cases.cases)

    @property
    def conflicts(self) -> list[str]:
        """The facts stated with two or more different values, in :data:`FACTS` order."""
        return [field for field in FACTS[self.kind] if len(self.facts.get(field, {})) > 1]

    def values(self, field: str) -> dict[str, list[str]]:
        """Each value stated for ``field``, with the first cases that state it."""
        return {value: list(seen.cases) for value, seen in self.facts.get(field, {}).items()}

    def _name(self, name: str, language: str | None, case_id: str, sample: int) -> None:
        seen = self.names.get((name, language))
        if seen is None:
            seen = self.names[name, language] = _Seen()
        seen.add(case_id, sample)

    def _fact(self, field: str, value: Any, case_id: str, sample: int) -> None:
        # Called for every fact of every entity of every case: kept flat on purpose.
        if value is None or (type(value) is tuple and not value):
            return
        if type(value) is str:
            # Free text (a location, a grade) is compared in one script: 東海省 = 东海省.
            text = _folded(value) if field in _FREE_TEXT else value
        else:
            text = _text(value)
        values = self.facts.get(field)
        if values is None:
            values = self.facts[field] = {}
        seen = values.get(text)
        if seen is None:
            seen = values[text] = _Seen()
        seen.count += 1
        cases = seen.cases
        if len(cases) < sample and (not cases or cases[-1] != case_id):
            cases.append(case_id)

    def _merge(self, other: EntityRecord, sample: int) -> None:
        self.cases.merge(other.cases, sample)
        for name, seen in other.names.items():
            self.names.setdefault(name, _Seen()).merge(seen, sample)
        for field, values in other.facts.items():
            mine = self.facts.setdefault(field, {})
            for value, seen in values.items():
                mine.setdefault(value, _Seen()).merge(seen, sample)


def _text(value: Any) -> str:
    if isinstance(value, tuple | list):
        return " | ".join(sorted(str(item) for item in value))
    if isinstance(value, Quantity):
        # The unit is words in the case's script; the count and its qualifier are the fact.
        qualifier = value.qualifier.value
        return str(value.value) if qualifier == "exact" else f"{qualifier} {value.value}"
    return str(value)


def _folded(text: str) -> str:
    try:
        return name_key(text)
    except ValueError:  # no letters or digits at all: kept as written
        return text


def _key(kind: IdKind, name: str, local: str) -> str:
    """The corpus key made from ``name``, or the local id when the name has nothing to key."""
    try:
        return make_id(kind, name)
    except ValueError:
        return local


def _key_part(key: str) -> str:
    return key.split(":", 1)[1]


def crosswalk(case: Case) -> dict[str, str]:
    """Every local id of ``case`` -> its corpus key (see the module's description)."""
    keys: dict[str, str] = {}
    for org in case.organisations:
        keys[org.id] = _key("org", org.name, org.id)
    for work in case.works:
        keys[work.id] = _key("work", work.title, work.id)
    for person in case.people:
        keys[person.id] = _key("person", person.name, person.id)
    for activity in case.activities:
        keys[activity.id] = f"activity:{case.id}-{_key_part(activity.id)}"
    for honour in case.honours:
        recipient = _key_part(keys.get(honour.recipient_id, honour.recipient_id))
        year = honour.date.year if honour.date is not None else "undated"
        try:
            keys[honour.id] = make_id("honour", recipient, year, honour.title)
        except ValueError:
            keys[honour.id] = honour.id
    return keys


@attrs.define(slots=True)
class Corpus:
    """Entity records for organisations, works and honours, built one case at a time.

    ``sample`` bounds the case ids kept per entity, name and stated value; the
    counts are always exact.
    """

    sample: int = 5
    """The most case ids kept per entity, per name and per stated value."""
    records: dict[str, EntityRecord] = attrs.field(factory=dict)
    """Corpus key -> record."""

    def _record(self, key: str, kind: str) -> EntityRecord:
        record = self.records.get(key)
        if record is None:
            record = self.records[key] = EntityRecord(key, kind)
        return record

    def add(self, case: Case) -> dict[str, str]:
        """Add one case's entities; return its crosswalk (local id -> corpus key)."""
        if type(case) is not Case and not isinstance(case, Case):
            raise TypeError(f"a corpus is built of partycases.Case, not {type(case).__name__}")
        keys = crosswalk(case)
        cid, sample, language = case.id, self.sample, case.language

        def refs(ids: Iterable[str]) -> tuple[str, ...]:
            return tuple(keys.get(i, i) for i in ids)

        for org in case.organisations:
            record = self._record(keys[org.id], "organisation")
            record.cases.add(cid, sample)
            record._name(org.name, language, cid, sample)
            for other in org.other_names:
                record._name(other.value, other.language, cid, sample)
            count = org.member_count
            codes = [i.value for i in org.identifiers if i.scheme.value == "uscc"]
            for field, value in (
                ("kind", org.kind.value),
                ("founded", org.founded),
                ("member_count", count),
                ("location", org.location),
                ("grade", org.grade),
                ("parent", keys.get(org.parent_id or "", org.parent_id)),
                ("approved_by", refs(org.approved_by)),
                ("supervised_by", refs(org.supervised_by)),
                *(("credit_code", code) for code in codes),
            ):
                record._fact(field, value, cid, sample)
        for work in case.works:
            record = self._record(keys[work.id], "work")
            record.cases.add(cid, sample)
            record._name(work.title, language, cid, sample)
            record._fact("kind", work.kind.value, cid, sample)
            record._fact("date", work.date, cid, sample)
            record._fact("platforms", tuple(work.platforms), cid, sample)
            record._fact("creators", refs(work.creator_ids), cid, sample)
        for honour in case.honours:
            record = self._record(keys[honour.id], "honour")
            record.cases.add(cid, sample)
            record._name(honour.title, language, cid, sample)
            record._fact("date", honour.date, cid, sample)
            record._fact("level", honour.level.value if honour.level else None, cid, sample)
            record._fact("batch", honour.batch, cid, sample)
            record._fact("kind", honour.kind.value, cid, sample)
            record._fact("awarded_by", refs(honour.awarded_by), cid, sample)
        return keys

    def update(self, cases: Iterable[Case]) -> None:
        """Add every case of ``cases``."""
        for case in cases:
            self.add(case)

    def merge(self, other: Corpus) -> Corpus:
        """Fold ``other``'s records into this corpus (for corpora built in parts); return self."""
        for key, theirs in other.records.items():
            mine = self.records.get(key)
            if mine is None:
                mine = self.records[key] = EntityRecord(key, theirs.kind)
            mine._merge(theirs, self.sample)
        return self

    def entities(self, kind: str | None = None) -> Iterator[EntityRecord]:
        """The records, ordered by key, of one kind or of all."""
        for key in sorted(self.records):
            record = self.records[key]
            if kind is None or record.kind == kind:
                yield record

    def conflicts(self) -> Iterator[EntityRecord]:
        """The records with at least one fact stated two different ways."""
        return (record for record in self.entities() if record.conflicts)

    def __len__(self) -> int:
        """How many distinct entities the corpus holds."""
        return len(self.records)


def build_corpus(cases: Iterable[Case], *, sample: int = 5) -> Corpus:
    """Read ``cases`` once into a :class:`Corpus`."""
    corpus = Corpus(sample=sample)
    corpus.update(cases)
    return corpus
