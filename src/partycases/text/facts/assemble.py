"""Assembly: drafts become model data with ids and evidence in input offsets.

Nothing here may make an invalid case: an organisation whose name gives no id is
left out, and so is every reference to it, each with a line in the warnings.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from typing import Any, Final

import attrs

from partycases.ids import IdKind, make_id
from partycases.text.facts.drafts import ActivityDraft, HonourDraft, Org, Page, WorkDraft

__all__ = ["MAX_CASE_EVIDENCE", "MAX_EVIDENCE", "Facts", "assemble"]

Span = tuple[int, int]
#: The places one fact's evidence names at most: its first ones are kept.
MAX_EVIDENCE: Final = 100
#: The places a case's evidence names at most, all facts together: a text stating
#: thousands of facts thousands of times keeps fewer of each, so that its case stays
#: within what a reader takes (``partycases.formats._problems.MAX_VALUES``).
MAX_CASE_EVIDENCE: Final = 100_000


@attrs.define
class Facts:
    """What the facts pass found, ready to become model data."""

    organisations: list[dict[str, Any]]
    honours: list[dict[str, Any]]
    activities: list[dict[str, Any]]
    works: list[dict[str, Any]]
    subject_ids: list[str]
    publisher_id: str | None
    warnings: list[str]
    invisible: bool
    """Whether the input holds invisible characters (field values read from it drop them)."""


def _id(kind: IdKind, *parts: str | int) -> str | None:
    try:
        return make_id(kind, *parts)
    except ValueError:
        return None


class _Assembler:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.warnings: list[str] = []
        self.org_ids: dict[int, str] = {}
        self.work_ids: dict[int, str] = {}

    def evidence(self, spans: Iterable[Span]) -> list[dict[str, int]]:
        text = self.page.text
        view = self.page.view
        # A view that drops nothing maps each span to itself (an empty one stays empty).
        found = set(spans) if view.whole else {view.span(start, end) for start, end in spans}
        if self.page.skipped:  # page furniture inside a joined sentence is no evidence
            found = {piece for a, b in found for piece in self.page.kept(a, b)}
        mapped = set()
        for span in found:
            a, b = span
            # Evidence reads words: no white space at either end.
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                mapped.add((a, b))
        return [{"start": a, "end": b} for a, b in sorted(mapped)]

    def org_id(self, org: Org | None) -> str | None:
        return None if org is None else self.org_ids.get(id(org))

    def ids(self, orgs: list[Org]) -> list[str]:
        # The ids of the organisations kept, each once, in order (an id is never empty).
        return list(dict.fromkeys(filter(None, map(self.org_ids.get, map(id, orgs)))))

    def organisations(self) -> list[dict[str, Any]]:
        ordered = sorted(self.page.orgs.values(), key=operator.attrgetter("first"))
        taken: set[str] = set()
        for org in ordered:
            org_id = _id("org", org.name)
            if org_id is None or org_id in taken:
                self.warnings.append(f"an organisation name gives no id: {org.name!r}")
                continue
            self.org_ids[id(org)] = org_id
            taken.add(org_id)
        out = []
        for org in ordered:
            org_id = self.org_id(org)
            if org_id is None:
                continue
            data: dict[str, Any] = {
                "id": org_id,
                "name": org.name,
                "kind": org.kind,
                "evidence": self.evidence(org.evidence),
            }
            names = [n for n in dict.fromkeys(org.other_names) if n and n != org.name]
            if names:
                data["other_names"] = [{"value": n, "kind": "short"} for n in names]
            for field in ("founded", "grade", "member_count", "location"):
                value = getattr(org, field)
                if value is not None:
                    data[field] = value
            if org.approved_by:
                data["approved_by"] = self.ids(org.approved_by)
            if org.supervised_by:
                data["supervised_by"] = self.ids(org.supervised_by)
            parent = self.org_id(org.parent)
            if parent is not None and parent != org_id and not self._cycle(org):
                data["parent_id"] = parent
            out.append(data)
        return out

    def _cycle(self, org: Org) -> bool:
        seen = {id(org)}
        current = org.parent
        while current is not None:
            if id(current) in seen:
                return True
            seen.add(id(current))
            current = current.parent
        return False

    def works(self, drafts: list[WorkDraft]) -> list[dict[str, Any]]:
        out = []
        taken: set[str] = set()
        for work in drafts:
            work_id = _id("work", work.clean or work.title)
            if work_id is None or work_id in taken:
                continue
            taken.add(work_id)
            self.work_ids[id(work)] = work_id
            data: dict[str, Any] = {
                "id": work_id,
                "title": work.title,
                "kind": work.kind,
                "creator_ids": self.ids(work.creators),
                "platforms": list(dict.fromkeys(work.platforms)),
                "evidence": self.evidence(work.evidence),
            }
            if work.date is not None:
                data["date"] = work.date
            out.append(data)
        return out

    def honours(self, drafts: list[HonourDraft]) -> list[dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        # Each honour's recipient and title, for telling the same honour stated twice.
        stated: dict[str, tuple[Org | WorkDraft | None, str]] = {}
        for honour in drafts:
            if isinstance(honour.recipient, WorkDraft):
                recipient = self.work_ids.get(id(honour.recipient))
                recipient_name = honour.recipient.clean or honour.recipient.title
            else:
                recipient = self.org_id(honour.recipient)
                recipient_name = (
                    honour.recipient.clean or honour.recipient.name if honour.recipient else ""
                )
            if recipient is None:
                self.warnings.append(f"an honour with no recipient left out: {honour.title!r}")
                continue
            parts: list[str | int] = [recipient_name]
            if honour.date is not None:
                parts.append(honour.date.year)
            honour_id = _id("honour", *parts, honour.clean or honour.title)
            if honour_id is None:
                continue
            if honour_id in out:
                # The same honour stated twice (a headline and the body): one honour,
                # with every awarder either statement names.
                known = out[honour_id]
                known["evidence"] += self.evidence([honour.evidence])
                for awarder in self.ids(honour.awarders):
                    if awarder not in known["awarded_by"] and awarder != recipient:
                        known["awarded_by"].append(awarder)
                continue
            data: dict[str, Any] = {
                "id": honour_id,
                "title": honour.title,
                "recipient_id": recipient,
                "awarded_by": [i for i in self.ids(honour.awarders) if i != recipient],
                "kind": honour.kind,
                "evidence": self.evidence([honour.evidence]),
            }
            if honour.date is not None:
                data["date"] = honour.date
            if honour.level is not None:
                data["level"] = honour.level
            if honour.batch is not None:
                data["batch"] = honour.batch
            out[honour_id] = data
            stated[honour_id] = (honour.recipient, honour.clean or honour.title)
        return list(_merge_undated(out, stated).values())

    def activities(self, drafts: list[ActivityDraft]) -> list[dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for activity in drafts:
            activity_id = _id("activity", activity.clean or activity.name)
            if activity_id is None:
                continue
            if activity_id in out:
                out[activity_id]["evidence"] += self.evidence(activity.evidence)
                continue
            data: dict[str, Any] = {
                "id": activity_id,
                "name": activity.name,
                "kind": activity.kind,
                "organiser_ids": self.ids(activity.organisers),
                "participants": list(dict.fromkeys(activity.participants)),
                "work_ids": list(
                    dict.fromkeys(
                        self.work_ids[id(w)] for w in activity.works if id(w) in self.work_ids
                    )
                ),
                "evidence": self.evidence(activity.evidence),
            }
            if activity.date is not None:
                data["date"] = activity.date
            out[activity_id] = data
        return list(out.values())


def assemble(
    page: Page,
    *,
    subjects: list[Org],
    publisher: Org | None,
    honours: list[HonourDraft],
    activities: list[ActivityDraft],
    works: list[WorkDraft],
) -> Facts:
    """Model data for the drafts; references only to what is kept."""
    assembler = _Assembler(page)
    organisations = assembler.organisations()
    work_data = assembler.works(works)
    honour_data = assembler.honours(honours)
    activity_data = assembler.activities(activities)
    _bound_evidence([organisations, honour_data, activity_data, work_data], assembler.warnings)
    return Facts(
        organisations=organisations,
        honours=honour_data,
        activities=activity_data,
        works=work_data,
        subject_ids=assembler.ids(subjects),
        publisher_id=assembler.org_id(publisher),
        warnings=assembler.warnings,
        invisible=page.invisible,
    )


def _bound_evidence(collections: list[list[dict[str, Any]]], warnings: list[str]) -> None:
    """Cut each fact's evidence to its first places, with one line in the warnings.

    A fact keeps :data:`MAX_EVIDENCE` places at most, and fewer when the case's facts
    together would name more than :data:`MAX_CASE_EVIDENCE`: then each keeps as many as
    the most that lets them all fit.
    """
    facts = [item for items in collections for item in items]
    limit = MAX_EVIDENCE
    lengths = sorted(min(len(fact["evidence"]), limit) for fact in facts)
    if sum(lengths) > MAX_CASE_EVIDENCE:
        # The shortest keep all theirs while they fit an equal share; the rest share the rest.
        room = MAX_CASE_EVIDENCE
        for index, length in enumerate(lengths):
            share = room // (len(lengths) - index)
            if length > share:
                limit = max(1, share)
                break
            room -= length
    cut = 0
    for fact in facts:
        if len(fact["evidence"]) > limit:
            fact["evidence"] = sorted(fact["evidence"], key=operator.itemgetter("start", "end"))
            del fact["evidence"][limit:]
            cut += 1
    if cut:
        places = "place" if limit == 1 else f"{limit} places"
        facts_cut = "a fact" if cut == 1 else f"each of {cut} facts"
        warnings.append(f"evidence cut to the first {places} of {facts_cut}")


def _merge_undated(
    out: dict[str, dict[str, Any]], stated: dict[str, tuple[Org | WorkDraft | None, str]]
) -> dict[str, dict[str, Any]]:
    """Fold an undated honour into the one dated honour of the same title and recipient.

    A profile's row or list of honours names a title the body's text then dates and
    attributes (5A级社会组织 in the row; 2019年被某局评估为5A级社会组织 below): one honour,
    the dated one, with the evidence and awarders of both. A body and its own party
    organisation count as one recipient. Where several dated honours could be meant,
    nothing is folded: which one the undated title means is not said.
    """
    # The dated honours by title and recipient, and by title and the recipient's parent.
    dated: dict[tuple[str, int], list[str]] = {}
    for honour_id, data in out.items():
        if "date" in data:
            recipient, title = stated[honour_id]
            dated.setdefault((title, id(recipient)), []).append(honour_id)
            if isinstance(recipient, Org) and recipient.parent is not None:
                dated.setdefault((title, id(recipient.parent)), []).append(honour_id)
    if not dated:
        return out
    dropped: set[str] = set()
    for honour_id, data in out.items():
        if "date" in data:
            continue
        recipient, title = stated[honour_id]
        matches = set(dated.get((title, id(recipient)), ()))
        if isinstance(recipient, Org) and recipient.parent is not None:
            # The party organisation's undated honour, dated under its body.
            parent = recipient.parent
            matches.update(
                other for other in dated.get((title, id(parent)), ()) if stated[other][0] is parent
            )
        if len(matches) != 1:
            continue
        known = out[matches.pop()]
        known["evidence"] += data["evidence"]
        for awarder in data["awarded_by"]:
            if awarder not in known["awarded_by"] and awarder != known["recipient_id"]:
                known["awarded_by"].append(awarder)
        dropped.add(honour_id)
    return {key: value for key, value in out.items() if key not in dropped} if dropped else out
