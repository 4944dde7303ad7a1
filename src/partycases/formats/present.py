"""What the human-facing outputs (Markdown, ``partycases show``) say about a case, in one place."""

from __future__ import annotations

from partycases.models import Case

__all__ = ["display_names", "metadata"]


def display_names(case: Case) -> dict[str, str]:
    """Every entity id of ``case`` mapped to the name a reader should see (works in 《》)."""
    names = {org.id: org.name for org in case.organisations}
    names.update({work.id: f"《{work.title}》" for work in case.works})
    names.update({person.id: person.name for person in case.people})
    return names


def metadata(case: Case) -> list[tuple[str, str]]:
    """(label, value) for the series, publication time, source and language that are known."""
    rows = [
        ("series", f"{case.series.name} {case.series.number or ''}".strip() if case.series else ""),
        ("published", case.published_at.isoformat(sep=" ") if case.published_at else ""),
        ("source", (case.source.publisher or "") if case.source else ""),
        ("language", case.language),
    ]
    return [(label, value) for label, value in rows if value]
