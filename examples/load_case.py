"""Load the example case file and print a readable summary of what it states.

Run from the repository root:

    python examples/load_case.py [CASE_FILE]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import partycases

DEFAULT = Path(__file__).parent / "cases" / "tianjin-culture-media-chamber.json"


def summary(case: partycases.Case) -> str:
    """Return the summary of ``case`` as lines of text."""
    names = {org.id: org.name for org in case.organisations}
    names.update({work.id: f"《{work.title}》" for work in case.works})
    names.update({person.id: person.name for person in case.people})
    lines = [case.title or case.id]
    if case.series is not None:
        lines.append(f"series: {case.series.name} no. {case.series.number}")
    if case.published_at is not None:
        lines.append(f"published: {case.published_at:%Y-%m-%d %H:%M}")
    if case.source is not None and case.source.publisher:
        lines.append(f"source: {case.source.publisher}")

    lines.append(f"\norganisations ({len(case.organisations)}):")
    for org in case.organisations:
        facts = [org.kind.value]
        if org.founded is not None:
            facts.append(f"founded {org.founded}")
        if org.member_count is not None:
            facts.append(f"members: {org.member_count.qualifier.value} {org.member_count.value}")
        subject = "*" if org.id in case.subject_ids else " "
        lines.append(f" {subject} {org.name}  ({', '.join(facts)})")

    lines.append(f"\nhonours by year ({len(case.honours)}):")
    by_year: dict[str, list[partycases.Honour]] = defaultdict(list)
    for honour in case.honours:
        by_year[str(honour.date.year) if honour.date else "undated"].append(honour)
    for year in sorted(by_year):
        for honour in by_year[year]:
            givers = "、".join(names[i] for i in honour.awarded_by) or "—"
            extra = [honour.level.value] if honour.level else []
            if honour.batch is not None:
                extra.append(f"batch {honour.batch}")
            detail = f" [{', '.join(extra)}]" if extra else ""
            lines.append(
                f"  {year}  {honour.title}{detail} → {names[honour.recipient_id]}  (by {givers})"
            )

    lines.append(f"\nactivities ({len(case.activities)}):")
    for activity in case.activities:
        when = str(activity.date) if activity.date else "undated"
        lines.append(f"  {when:<10}  {activity.name}  [{activity.kind.value}]")

    lines.append(f"\nworks ({len(case.works)}):")
    lines.extend(f"  《{work.title}》  [{work.kind.value}]" for work in case.works)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Load the case named on the command line (or the example) and print it."""
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    try:
        case = partycases.load(path)
    except partycases.PartycasesError as error:
        print(error, file=sys.stderr)
        return 1
    print(summary(case))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
