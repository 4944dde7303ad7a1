"""Throughput of the Spark recipe (docs/scaling.md) on a local session with 1 and 2 workers.

    python -m benchmarks.spark --cases 4000

Needs pyspark (extra ``[spark]``) and a Java runtime. Writes ``--cases``
synthetic case files, then times, for ``local[1]`` and ``local[2]``, a
``mapInArrow`` job that turns every file into rows of the ``organisations``
table (each task builds every per-case table of its files, so this is the cost
of the whole per-case export), against the same work in this process.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import partycases as pc
from partycases.formats.arrow import iter_batches, schema
from partycases.parallel import arrow_batches


def _run(batches: Iterator[Any]) -> Iterator[Any]:
    for batch in batches:
        yield from arrow_batches(batch.column("path").to_pylist(), "organisations")


def main(argv: list[str] | None = None) -> int:
    """Print cases per second for one process and for Spark with 1 and 2 workers."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.spark", description=__doc__)
    parser.add_argument("--cases", type=int, default=4000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    from pyspark.sql import SparkSession
    from pyspark.sql.pandas.types import from_arrow_schema

    os.environ["PYSPARK_PYTHON"] = sys.executable
    figures: dict[str, Any] = {"cases": args.cases}
    with tempfile.TemporaryDirectory() as scratch:
        for case in pc.generate_cases(args.cases, seed=3):
            pc.dump(case, Path(scratch) / f"{case.id}.json")
        files = sorted(str(p) for p in Path(scratch).glob("*.json"))
        start = time.perf_counter()
        pairs = ((c, f) for f in files for c in pc.iter_cases(f) if isinstance(c, pc.Case))
        for _ in iter_batches(pairs, entities=False):
            pass
        figures["one_process_cases_per_second"] = round(args.cases / (time.perf_counter() - start))
        for workers in (1, 2):
            spark = (
                SparkSession.builder.master(f"local[{workers}]")
                .appName("partycases-bench")
                .config("spark.ui.enabled", "false")
                .getOrCreate()
            )
            try:
                paths = spark.createDataFrame([(f,) for f in files], "path string")
                paths = paths.repartition(8).cache()
                paths.count()
                frame = paths.mapInArrow(_run, from_arrow_schema(schema("organisations")))
                frame.limit(1).collect()  # starts the Python workers before the clock does
                start = time.perf_counter()
                rows = frame.count()
                seconds = time.perf_counter() - start
            finally:
                spark.stop()
            figures[f"spark_local_{workers}_cases_per_second"] = round(args.cases / seconds)
            figures[f"spark_local_{workers}_rows"] = rows
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
