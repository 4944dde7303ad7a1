"""Corpus jobs on several processes or machines: Dask, and the pieces a Spark job needs.

A corpus splits into partitions of files. Each partition is read on a worker,
which writes its per-case tables as one Parquet file per table
(``DIRECTORY/<table>/part-NNNNN.parquet``) and returns its partial
:class:`~partycases.corpus.Corpus`. The partial corpora are merged where the
job is driven, in partition order, and the corpus tables (``entities``,
``entity_facts``) written from the merged records. The rows are the same as
:func:`partycases.write_parquet` over the same files, in the same order.

Workers write into a staging directory beside the target, which replaces the
target when every partition has succeeded: on several machines it must be on
storage they all reach (and the final rename is then that storage's).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from partycases.corpus import Corpus
from partycases.errors import LoadError, Problem
from partycases.io import iter_cases, source_files
from partycases.models import Case

__all__ = [
    "DatasetSummary",
    "PartResult",
    "arrow_batches",
    "export_dataset",
    "partitions",
    "write_part",
]

PathLike = str | os.PathLike[str]


@attrs.define
class PartResult:
    """What one partition's worker returns."""

    corpus: Corpus
    """The partition's entity records, to be merged."""
    cases: int
    """Cases written."""
    errors: list[str]
    """Each input that could not be read, as a located message."""


@attrs.define
class DatasetSummary:
    """What :func:`export_dataset` did."""

    cases: int
    """Cases written."""
    errors: list[str]
    """Each input that could not be read, as a located message."""
    directory: Path
    """The dataset: one folder of ``part-NNNNN.parquet`` files per table."""
    written: bool
    """Whether the dataset was written; false when no case could be read, and then
    whatever was at :attr:`directory` is left as it was."""


def partitions(files: Sequence[str], count: int) -> list[list[str]]:
    """Split ``files`` into at most ``count`` runs of consecutive files, as even as can be."""
    count = max(1, min(count, len(files)))
    size, extra = divmod(len(files), count)
    parts, start = [], 0
    for index in range(count):
        end = start + size + (index < extra)
        parts.append(list(files[start:end]))
        start = end
    return [part for part in parts if part]


def _cases(files: Iterable[str], errors: list[str]) -> Iterator[tuple[Case, str]]:
    for file in files:
        for item in iter_cases(file):
            if isinstance(item, LoadError):
                errors.extend(problem.format(item.path or file) for problem in item.problems)
            else:
                yield item, file


def arrow_batches(files: Iterable[str], table: str) -> Iterator[Any]:
    """The ``pyarrow.RecordBatch`` es of one per-case table for the cases in ``files``.

    Made for Spark's ``mapInArrow`` (see docs/scaling.md): each task turns its
    share of file paths into rows of one table. Unreadable inputs are skipped
    here; count them with a separate validation job.
    """
    from partycases.formats.arrow import iter_batches

    for name, batch in iter_batches(_cases(files, []), entities=False):
        if name == table:
            yield batch


def write_part(files: Sequence[str], directory: PathLike, index: int) -> PartResult:
    """Read ``files``; write their per-case tables as ``DIRECTORY/<table>/part-INDEX.parquet``."""
    import pyarrow.parquet as pq

    from partycases.formats.arrow import CORPUS_TABLES, TABLES, iter_batches, schema

    corpus, errors, counted = Corpus(), list[str](), [0]

    def counting() -> Iterator[tuple[Case, str]]:
        for pair in _cases(files, errors):
            counted[0] += 1
            yield pair

    writers = {}
    try:
        for table in TABLES:
            if table not in CORPUS_TABLES:
                folder = Path(directory) / table
                folder.mkdir(exist_ok=True)
                path = folder / f"part-{index:05d}.parquet"
                writers[table] = pq.ParquetWriter(path, schema(table))
        for table, batch in iter_batches(counting(), corpus=corpus, entities=False):
            writers[table].write_batch(batch)
    finally:
        for writer in writers.values():
            writer.close()
    return PartResult(corpus, counted[0], errors)


def export_dataset(
    sources: PathLike | Iterable[PathLike],
    directory: PathLike,
    *,
    client: Any = None,
    parts: int | None = None,
) -> DatasetSummary:
    """Export every case under ``sources`` as a partitioned Parquet dataset, on Dask or locally.

    With a ``dask.distributed.Client``, each partition is a task on its workers
    (``parts`` defaults to twice the workers' threads); without one, the
    partitions run here one after another. The dataset appears all at once
    (see :func:`partycases.write_tables`). When no case could be read (every
    input failed, or the sources hold none), nothing is written and whatever
    was at ``directory`` stays: :attr:`DatasetSummary.written` is false.
    """
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    entries = list(source_files(sources))
    files = [file for file, problem in entries if problem is None]
    # Files that cannot be read are reported here, not sent to a worker (a pipe would block it).
    unreadable = [Problem(problem).format(file) for file, problem in entries if problem is not None]
    if parts is None:
        parts = 2 * sum(client.nthreads().values()) if client is not None else 1
    chunks = partitions(files, parts)

    results: list[PartResult] = []
    written = bool(chunks) and _write_dataset(chunks, directory, client, results)
    return DatasetSummary(
        cases=sum(r.cases for r in results),
        errors=unreadable + [e for r in results for e in r.errors],
        directory=Path(directory),
        written=written,
    )


class _NothingReadError(Exception):
    """No partition read a case: the staged dataset is dropped, the target left as it was."""


def _write_dataset(
    chunks: list[list[str]], directory: PathLike, client: Any, results: list[PartResult]
) -> bool:
    """Write the partitions and the corpus tables into a staged dataset; whether it was committed.

    Each partition's result is appended to ``results``, written or not.
    """
    import pyarrow.parquet as pq

    from partycases.formats.arrow import (
        CORPUS_TABLES,
        TABLES,
        iter_batches,
        schema,
        staged_directory,
    )

    try:
        with staged_directory(directory, lambda name: name in TABLES) as staging:
            for table in TABLES:
                (staging / table).mkdir()
            if client is not None:
                futures = client.map(
                    write_part, chunks, [str(staging)] * len(chunks), range(len(chunks)), pure=False
                )
                results.extend(client.gather(futures))
            else:
                results.extend(write_part(chunk, staging, i) for i, chunk in enumerate(chunks))
            if not any(result.cases for result in results):
                raise _NothingReadError
            corpus = Corpus()
            for result in results:
                corpus.merge(result.corpus)
            writers = {
                table: pq.ParquetWriter(staging / table / "part-00000.parquet", schema(table))
                for table in CORPUS_TABLES
            }
            try:
                for table, batch in iter_batches((), corpus=corpus):
                    writers[table].write_batch(batch)
            finally:
                for writer in writers.values():
                    writer.close()
            for table in TABLES:
                if not any((staging / table).iterdir()):
                    pq.write_table(
                        schema(table).empty_table(), staging / table / "part-00000.parquet"
                    )
    except _NothingReadError:
        return False
    return True
