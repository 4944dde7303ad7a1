"""Parse a published case text and print what was found, with the words each fact came from.

Run from the repository root:

    python examples/parse_text.py [TEXT_FILE]
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import partycases

DEFAULT = Path(__file__).parent / "texts" / "jiangzhou-network-av-chamber.txt"


def quote(case: partycases.Case, spans: tuple[partycases.Span, ...]) -> str:
    """The first evidence span's words, or a dash."""
    return f"「{spans[0].read(case.text or '')}」" if spans else "—"


def main(argv: list[str]) -> int:
    """Parse the text named on the command line (or the bundled one) and print its facts."""
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", partycases.PartycasesWarning)
        try:
            case, report = partycases.parse_text(path.read_text(encoding="utf-8"), report=True)
        except partycases.PartycasesError as error:
            print(error, file=sys.stderr)
            return 1
    print(f"{case.title}  [{case.language}, series {case.series.number if case.series else '—'}]")
    print("\norganisations:")
    for org in case.organisations:
        extra = [str(v) for v in (org.founded, org.member_count, org.grade) if v is not None]
        print(f"  {org.name} ({org.kind.value}) {' '.join(extra)}  <- {quote(case, org.evidence)}")
    print("\nhonours:")
    for honour in case.honours:
        year = honour.date.year if honour.date else "—"
        print(
            f"  {year} {honour.title} -> {honour.recipient_id}  <- {quote(case, honour.evidence)}"
        )
    print("\nactivities:")
    for activity in case.activities:
        print(f"  {activity.date or '—'} {activity.name}  <- {quote(case, activity.evidence)}")
    print("\nworks:")
    for work in case.works:
        print(f"  《{work.title}》 {work.kind.value}  <- {quote(case, work.evidence)}")
    print(f"\nkept aside ({len(report.unparsed)}):")
    for warning in caught:
        print(f"  {warning.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
