"""The Spark recipe of docs/scaling.md: mapInArrow over file paths gives the rows of one process."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import partycases as pc
from tests.conftest import EXAMPLE_CASES
from tests.distributed.rows import rows

pytest.importorskip("pyspark", reason="pyspark (the [spark] extra) is not installed")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs a Java runtime, and none is installed", allow_module_level=True)


@pytest.mark.filterwarnings("ignore::FutureWarning")  # pyspark's notice about newer pandas
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_map_in_arrow_gives_the_rows_of_one_process(tmp_path: Path) -> None:
    """Honours and organisations built on a local[2] Spark session equal to_arrow's rows."""
    from pyspark.sql import SparkSession
    from pyspark.sql.pandas.types import from_arrow_schema

    from partycases.formats.arrow import schema
    from partycases.parallel import arrow_batches

    for path in EXAMPLE_CASES:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    for case in pc.generate_cases(20, seed=8):
        pc.dump(case, tmp_path / f"{case.id}.json")
    files = sorted(str(p) for p in tmp_path.glob("*.json"))

    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers need this interpreter's packages
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("partycases-test")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        paths = spark.createDataFrame([(f,) for f in files], "path string").repartition(3)
        single = pc.to_arrow((c, f) for f in files for c in pc.iter_cases(f))
        for table in ("honours", "organisations"):

            def run(batches, table=table):  # type: ignore[no-untyped-def]
                for batch in batches:
                    yield from arrow_batches(batch.column("path").to_pylist(), table)

            frame = paths.mapInArrow(run, from_arrow_schema(schema(table)))
            got = frame.toArrow()
            assert got.num_rows == single[table].num_rows
            assert rows(got.cast(single[table].schema)) == rows(single[table])
    finally:
        spark.stop()
