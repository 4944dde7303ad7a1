"""Parse a folder of saved web pages into JSON Lines, one case per page (extra ``[html]``).

Run from the repository root:

    python examples/parse_pages.py [PAGES_DIR] [OUT.jsonl]

Without OUT.jsonl the cases go to standard output. Every page is reported on
standard error: its title, or why it could not be read. The exit code is 1 when
a page failed.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import partycases

DEFAULT = Path(__file__).parent / "pages"


def main(argv: list[str]) -> int:
    """Parse every .html/.htm page under the folder and write the cases as JSON Lines."""
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT
    cases: list[partycases.Case] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", partycases.PartycasesWarning)
        stream = partycases.iter_cases(sorted([*folder.rglob("*.html"), *folder.rglob("*.htm")]))
        for item in stream:
            if isinstance(item, partycases.LoadError):
                print(item, file=sys.stderr)
                continue
            cases.append(item)
            source = item.source.url if item.source and item.source.url else "no URL"
            print(f"{item.title}  [{item.published_at or 'no date'}, {source}]", file=sys.stderr)
    for warning in caught:
        print(f"  warning: {warning.message}", file=sys.stderr)
    if len(argv) > 2:
        written = partycases.dump_jsonl(cases, argv[2])
        print(f"{written} cases written to {argv[2]}", file=sys.stderr)
    else:
        for case in cases:
            sys.stdout.buffer.write(partycases.dumps(case, format="jsonl"))
    summary = stream.summary
    noun = "page" if summary.total == 1 else "pages"
    print(f"{summary.total} {noun}: {summary.ok} parsed, {summary.failed} failed", file=sys.stderr)
    return 1 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
