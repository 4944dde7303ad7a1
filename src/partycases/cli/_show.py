"""The summary ``partycases show`` prints: rich text, coloured on a terminal, plain in a pipe."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from partycases.cli._output import escape as e
from partycases.formats.present import display_names, metadata
from partycases.models import Case, Honour

__all__ = ["render_summary"]


def render_summary(case: Case) -> Any:
    """A rich ``Text`` of ``case``: metadata, organisations, honours by year, activities, works.

    Every value from the case is escaped, so control characters in it cannot act on a terminal.
    """
    from rich.text import Text

    names = display_names(case)
    out = Text()

    def heading(label: str, count: int) -> None:
        out.append(f"\n{label} ({count})\n", style="bold cyan")

    out.append(f"{e(case.title or case.id)}\n", style="bold")
    for label, value in metadata(case):
        out.append(f"{label}: ", style="dim")
        out.append(f"{e(str(value))}\n")

    heading("organisations", len(case.organisations))
    for org in case.organisations:
        mark = "*" if org.id in case.subject_ids else " "
        out.append(f" {mark} {e(org.name)}", style="bold" if mark == "*" else "")
        facts = [org.kind.value]
        if org.founded is not None:
            facts.append(f"founded {org.founded}")
        if org.member_count is not None:
            count = org.member_count
            facts.append(f"members {count.qualifier.value} {count.value}")
        if org.grade:
            facts.append(e(org.grade))
        out.append(f"  {', '.join(facts)}\n", style="dim")

    heading("honours", len(case.honours))
    by_year: dict[str, list[Honour]] = defaultdict(list)
    for honour in case.honours:
        by_year[str(honour.date.year) if honour.date else "undated"].append(honour)
    for year in sorted(by_year):
        for honour in by_year[year]:
            out.append(f"  {year:<8}", style="green")
            out.append(e(honour.title))
            givers = "、".join(e(names.get(i, i)) for i in honour.awarded_by)
            detail = [honour.level.value] if honour.level else []
            if honour.batch:
                detail.append(f"batch {honour.batch}")
            out.append(f" → {e(names.get(honour.recipient_id, honour.recipient_id))}")
            extra = ", ".join(detail + ([f"by {givers}"] if givers else []))
            out.append(f"  {extra}\n" if extra else "\n", style="dim")

    heading("activities", len(case.activities))
    for activity in case.activities:
        out.append(f"  {activity.date or 'undated'!s:<16}", style="green")
        out.append(e(activity.name))
        out.append(f"  {activity.kind.value}\n", style="dim")

    heading("works", len(case.works))
    for work in case.works:
        out.append(f"  《{e(work.title)}》")
        out.append(f"  {work.kind.value}\n", style="dim")
    return out
