"""Peak memory and throughput of a streaming export of a large synthetic corpus.

    python -m benchmarks.export                       # 1,000,000 cases to Parquet
    python -m benchmarks.export --cases 20000 --csv   # a short run, CSV as well

The cases come from a pool of ``--distinct`` synthetic cases (generating a
million validated cases would take longer than exporting them), each yielded
under its own case id, so every table gets one row set per case and the corpus
layer sees a million cases. The peak resident memory of the whole process
(``ru_maxrss``, imports included) is what the 300 MB bound applies to; the
figure printed beside it is the same process just before the export, so the
difference is what the export itself holds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import partycases as pc
from partycases.formats.arrow import write_tables


def _rss_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus(count: int, distinct: int) -> Iterator[pc.Case]:
    """``count`` cases: a pool of ``distinct`` synthetic ones, each under a fresh id."""
    pool = list(pc.generate_cases(distinct, seed=5))
    for index, case in zip(range(count), itertools.cycle(pool), strict=False):
        yield case.model_copy(update={"id": f"bench-{index:07d}"})


def main(argv: list[str] | None = None) -> int:
    """Export the corpus and print cases per second and peak memory (MB)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.export", description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--distinct", type=int, default=2000)
    parser.add_argument("--csv", action="store_true", help="write CSV as well as Parquet")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    cases = corpus(args.cases, args.distinct)
    first = next(cases)  # builds the pool before the baseline is taken
    before = _rss_mb()
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        written = write_tables(
            itertools.chain([first], cases),
            parquet=Path(scratch) / "parquet",
            csv=Path(scratch) / "csv" if args.csv else None,
        )
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for paths in written.values() for p in paths.values())
    figures = {
        "cases": args.cases,
        "distinct": args.distinct,
        "csv": args.csv,
        "seconds": round(seconds, 1),
        "cases_per_second": round(args.cases / seconds),
        "peak_rss_mb": round(_rss_mb(), 1),
        "rss_before_export_mb": round(before, 1),
        "output_mb": round(size / 1e6, 1),
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
