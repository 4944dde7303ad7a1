"""A real Dask cluster exports the same rows as the single-process path."""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds
import pytest

import partycases as pc
from partycases.formats.arrow import TABLES
from partycases.parallel import export_dataset, partitions
from tests.conftest import EXAMPLE_CASES
from tests.distributed.rows import rows

distributed = pytest.importorskip("distributed", reason="Dask (the [dask] extra) is not installed")


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of 40 case files: the examples, synthetic ones, and one broken file."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in EXAMPLE_CASES:
        (folder / path.name).write_bytes(path.read_bytes())
    for case in pc.generate_cases(37, seed=21):
        pc.dump(case, folder / f"{case.id}.json")
    (folder / "broken.json").write_text("{", encoding="utf-8")
    return folder


def test_partitions_are_consecutive_and_cover_everything() -> None:
    """Partitions keep the files' order and lose none."""
    files = [f"f{i}" for i in range(10)]
    parts = partitions(files, 4)
    assert [len(p) for p in parts] == [3, 3, 2, 2]
    assert [f for p in parts for f in p] == files
    assert partitions(files[:1], 4) == [["f0"]]


def test_dask_cluster_gives_the_rows_of_one_process(corpus_dir: Path, tmp_path: Path) -> None:
    """Two Dask worker processes write a dataset whose every table equals write_parquet's."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        summary = export_dataset(corpus_dir, tmp_path / "dataset", client=client, parts=4)
    assert summary.cases == 39
    assert len(summary.errors) == 1
    assert "broken.json" in summary.errors[0]
    single = pc.to_arrow(
        (case, str(path))
        for path in sorted(corpus_dir.glob("*.json"))
        for case in pc.iter_cases(path)
        if isinstance(case, pc.Case)
    )
    for table in TABLES:
        parts = sorted((tmp_path / "dataset" / table).glob("part-*.parquet"))
        assert parts, table
        dataset = ds.dataset(parts, format="parquet").to_table()
        assert dataset.schema.names == single[table].schema.names
        assert rows(dataset) == rows(single[table]), table


def test_unreadable_files_are_errors_of_the_dataset(tmp_path: Path) -> None:
    """A dangling link under a source is reported by the driver, as export reports it; a glob
    reaching a file twice writes it once."""
    corpus = tmp_path / "corpus"
    (corpus / "inner").mkdir(parents=True)
    for case, where in zip(
        pc.generate_cases(2, seed=8), ("one.json", "inner/two.json"), strict=True
    ):
        pc.dump(case, corpus / where)
    (corpus / "gone.json").symlink_to(tmp_path / "nowhere.json")
    summary = export_dataset(str(corpus / "**"), tmp_path / "dataset")
    assert summary.cases == 2
    assert len(summary.errors) == 1
    assert "gone.json" in summary.errors[0]
    assert "dangling symbolic link" in summary.errors[0]


def test_a_dataset_with_no_case_is_not_written(tmp_path: Path) -> None:
    """When every input fails, or there is none, the previous dataset stays as it was."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pc.dump(next(iter(pc.generate_cases(1, seed=8))), corpus / "one.json")
    dataset = tmp_path / "dataset"
    export_dataset(corpus, dataset)
    before = {p.relative_to(dataset): p.read_bytes() for p in dataset.rglob("*.parquet")}
    (corpus / "one.json").write_text("{", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    for sources in ([corpus], [empty], []):
        summary = export_dataset(sources, dataset)
        after = {p.relative_to(dataset): p.read_bytes() for p in dataset.rglob("*.parquet")}
        assert after == before
        assert (summary.cases, summary.written) == (0, False)
        assert len(summary.errors) == (sources == [corpus])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "dataset", "empty"]
    assert not export_dataset(empty, tmp_path / "new").written
    assert not (tmp_path / "new").exists()
