"""JSON-LD in schema.org terms, for search engines, knowledge graphs and linked-data tools.

The case is an ``Article`` about its subject organisations; organisations are
``Organization`` nodes (``foundingDate``, ``parentOrganization``, ``award``, and
the member count as a ``QuantitativeValue``); each honour is also a node of its
own; activities are ``Event``; works are ``CreativeWork`` (``VideoObject`` for
videos). Terms schema.org lacks (approval, supervision, batch, level) use the
``pc:`` namespace. Every node's ``@id`` is a URN built from its partycases id,
``urn:partycases:org:天津市文化传媒商会``: characters an IRI may not hold are
percent-encoded (``org:100%`` gives ``urn:partycases:org:100%25``), Han characters
and the other letters of RFC 3987 are kept as they are.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from partycases.models import Case, WorkKind, writable_case
from partycases.values import DateRange, PartialDate

__all__ = ["CONTEXT", "dumps", "loads", "to_jsonld"]

CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "pc": "urn:partycases:vocab:",
}
_WORK_TYPES = {
    WorkKind.MICRO_VIDEO: "VideoObject",
    WorkKind.VIDEO: "VideoObject",
    WorkKind.ARTICLE: "Article",
    WorkKind.BOOK: "Book",
    WorkKind.SONG: "MusicComposition",
}


@functools.cache
def _not_in_iri() -> re.Pattern[str]:
    # What an IRI's path may hold as it is (RFC 3987 ipchar): iunreserved (ASCII letters,
    # digits, "-._~" and ucschar, where Han characters fall), sub-delims, ":" and "@".
    # Anything else, "%" among it, is percent-encoded as UTF-8, so every id gives a valid
    # IRI and two ids two IRIs. Compiled on first use: the class is long.
    return re.compile(
        r"[^A-Za-z0-9\-._~!$&'()*+,;=:@\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF"
        + "".join(rf"\U{plane:04X}0000-\U{plane:04X}FFFD" for plane in range(0x1, 0xE))
        + r"\U000E1000-\U000EFFFD]"
    )


def _percent_encoded(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


def _iri(entity_id: str) -> str:
    """The IRI of the entity (or, with ``case:``, the case) with id ``entity_id``."""
    return f"urn:partycases:{_not_in_iri().sub(_percent_encoded, entity_id)}"


def _ref(entity_id: str) -> dict[str, str]:
    return {"@id": _iri(entity_id)}


def _date(value: PartialDate | DateRange | None) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, DateRange):
        return {"startDate": str(value.start), "endDate": str(value.end)}
    return {"startDate": str(value)}


def _clean(node: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in node.items() if value not in (None, [], "")}


def to_jsonld(case: Case) -> dict[str, Any]:
    """The case as a JSON-LD document with an ``@context`` and an ``@graph``.

    Anything but a :class:`~partycases.Case` is a :class:`~partycases.WriteError`, and so
    is a case nested deeper than the models accept (see :func:`~partycases.models.writable_case`).
    """
    case = writable_case(case)
    awards: dict[str, list[str]] = {}
    for honour in case.honours:
        awards.setdefault(honour.recipient_id, []).append(honour.title)
    graph: list[dict[str, Any]] = [
        _clean(
            {
                "@id": _iri(f"case:{case.id}"),
                "@type": "Article",
                "headline": case.title,
                "alternativeHeadline": case.headline,
                "abstract": case.editor_note,
                "datePublished": case.published_at.isoformat() if case.published_at else None,
                "inLanguage": case.language,
                "publisher": _ref(case.source.publisher_id)
                if case.source and case.source.publisher_id
                else case.source.publisher if case.source else None,
                "url": case.source.url if case.source else None,
                "about": [_ref(i) for i in case.subject_ids],
                "isPartOf": _clean(
                    {"@type": "CreativeWorkSeries", "name": case.series.name,
                     "position": case.series.number}
                ) if case.series else None,
                "keywords": list(case.tags),
                "articleSection": [s.heading for s in case.sections if s.heading],
            }
        )
    ]  # fmt: skip
    for org in case.organisations:
        count = org.member_count
        graph.append(
            _clean(
                {
                    "@id": _iri(org.id),
                    "@type": "Organization",
                    "name": org.name,
                    "alternateName": [n.value for n in org.other_names],
                    "foundingDate": str(org.founded) if org.founded else None,
                    "location": org.location,
                    "parentOrganization": _ref(org.parent_id) if org.parent_id else None,
                    "award": awards.get(org.id, []),
                    "identifier": [i.value for i in org.identifiers],
                    "pc:memberCount": _clean(
                        {"@type": "QuantitativeValue", "value": count.value,
                         "unitText": count.unit, "pc:qualifier": count.qualifier.value}
                    ) if count else None,
                    "pc:kind": org.kind.value,
                    "pc:grade": org.grade,
                    "pc:approvedBy": [_ref(i) for i in org.approved_by],
                    "pc:supervisedBy": [_ref(i) for i in org.supervised_by],
                }
            )
        )  # fmt: skip
    graph.extend(
        _clean(
            {
                "@id": _iri(honour.id),
                "@type": "pc:Honour",
                "name": honour.title,
                "pc:recipient": _ref(honour.recipient_id),
                "pc:awardedBy": [_ref(i) for i in honour.awarded_by],
                "dateCreated": str(honour.date) if honour.date else None,
                "pc:level": honour.level.value if honour.level else None,
                "pc:batch": honour.batch,
                "pc:kind": honour.kind.value,
            }
        )
        for honour in case.honours
    )
    graph.extend(
        _clean(
            {
                "@id": _iri(activity.id),
                "@type": "Event",
                "name": activity.name,
                **_date(activity.date),
                "organizer": [_ref(i) for i in activity.organiser_ids],
                "attendee": [_ref(i) for i in activity.participant_ids],
                "pc:participants": list(activity.participants),
                "description": activity.description,
                "workFeatured": [_ref(i) for i in activity.work_ids],
            }
        )
        for activity in case.activities
    )
    graph.extend(
        _clean(
            {
                "@id": _iri(work.id),
                "@type": _WORK_TYPES.get(work.kind, "CreativeWork"),
                "name": work.title,
                "creator": [_ref(i) for i in work.creator_ids],
                "dateCreated": str(work.date) if work.date else None,
                "award": awards.get(work.id, []),
                "pc:platforms": list(work.platforms),
                "pc:kind": work.kind.value,
            }
        )
        for work in case.works
    )
    graph.extend(
        _clean(
            {
                "@id": _iri(person.id),
                "@type": "Person",
                "name": person.name,
                "jobTitle": [role.title for role in person.roles],
                "affiliation": [_ref(r.organisation_id) for r in person.roles if r.organisation_id],
            }
        )
        for person in case.people
    )
    return {"@context": CONTEXT, "@graph": graph}


def dumps(case: Case) -> bytes:
    """The JSON-LD document as canonical JSON bytes."""
    from partycases._json import dumps_pretty

    return dumps_pretty(to_jsonld(case))  # to_jsonld checks the case


def loads(data: bytes | str) -> Case:
    """JSON-LD is an export; read cases from JSON."""
    from partycases.errors import FormatError

    raise FormatError("jsonld is a write-only format; load the case from JSON, YAML or TOML")
