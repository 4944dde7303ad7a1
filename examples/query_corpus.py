"""Build Parquet tables from a corpus and query them with DuckDB, across cases and entities.

The corpus is the two example cases plus 3,000 synthetic ones (in both scripts).
Run from the repository root (needs the extras: pip install -e '.[duckdb]'):

    python examples/query_corpus.py [TABLES_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import duckdb

import partycases

EXAMPLES = Path(__file__).parent / "cases"

HONOURS_PER_YEAR_AND_LEVEL = """
    SELECT year, coalesce(level, 'unknown') AS level, count(*) AS honours
    FROM read_parquet('{tables}/honours.parquet')
    WHERE year IS NOT NULL
    GROUP BY ALL
    ORDER BY year DESC, honours DESC
    LIMIT 12
"""
MOST_HONOURED_ORGANISATIONS = """
    WITH names AS (
        SELECT org_id, string_agg(DISTINCT name, ' / ' ORDER BY name) AS names_seen
        FROM read_parquet('{tables}/organisations.parquet')
        GROUP BY org_id
    )
    SELECT h.recipient_id AS org_id, n.names_seen, count(*) AS honours,
           count(DISTINCT h.case_id) AS cases
    FROM read_parquet('{tables}/honours.parquet') AS h
    JOIN names AS n ON n.org_id = h.recipient_id
    GROUP BY ALL
    ORDER BY honours DESC, org_id
    LIMIT 5
"""

CONFLICTING_FOUNDING_DATES = """
    SELECT e.entity_id, e.name, e.case_count, count(*) AS dates_stated,
           min(f.value) AS earliest, max(f.value) AS latest
    FROM read_parquet('{tables}/entities.parquet') AS e
    JOIN read_parquet('{tables}/entity_facts.parquet') AS f USING (entity_id)
    WHERE e.entity_kind = 'organisation' AND f.fact = 'founded' AND f.in_conflict
    GROUP BY ALL
    ORDER BY e.case_count DESC, e.entity_id
    LIMIT 3
"""


def build(tables: Path) -> None:
    """Write the corpus's tables to ``tables``."""
    cases = [partycases.load(path) for path in sorted(EXAMPLES.glob("*.json"))]
    cases += partycases.generate_cases(3000, seed=7)
    partycases.write_parquet(cases, tables)


def main(argv: list[str]) -> int:
    """Build the tables (in a temporary directory unless one is given) and print both answers."""
    with tempfile.TemporaryDirectory() as scratch:
        tables = Path(argv[1]) if len(argv) > 1 else Path(scratch)
        build(tables)
        connection = duckdb.connect()
        print("Honours per year and level (latest years):")
        print(connection.sql(HONOURS_PER_YEAR_AND_LEVEL.format(tables=tables)))
        print("Organisations with the most honours (one id, whatever the script):")
        print(connection.sql(MOST_HONOURED_ORGANISATIONS.format(tables=tables)))
        print("Organisations whose founding date the cases state differently:")
        print(connection.sql(CONFLICTING_FOUNDING_DATES.format(tables=tables)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
