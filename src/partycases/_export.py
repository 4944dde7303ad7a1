"""Export a corpus read from files as tables: the library side of ``partycases export``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from partycases.errors import LoadError, Problem
from partycases.io import DEFAULT_MAX_BYTES, iter_cases, source_files
from partycases.models import Case

__all__ = ["ExportSummary", "export", "export_items"]

PathLike = str | os.PathLike[str]


@attrs.define
class ExportSummary:
    """What :func:`export` did."""

    cases: int = 0
    """Cases written to the tables."""
    failed: int = 0
    """Files or lines that could not be read as a case."""
    written: dict[str, dict[str, Path]] = attrs.field(factory=dict)
    """The files written, by format (``parquet``, ``csv``) and table; empty if nothing was."""


def export_items(
    items: Iterable[tuple[Case | LoadError, str]],
    *,
    parquet: PathLike | None = None,
    csv: PathLike | None = None,
    on_error: Callable[[LoadError], None] | None = None,
) -> ExportSummary:
    """Write all tables of the cases among ``items``, ``(case or error, source)`` pairs.

    For a command that reads its inputs itself: each error is passed to
    ``on_error`` and counted; each case is written with its source as
    ``cases.source_file``. When no item is a case and some are errors, nothing
    is written and the previous tables stay.
    """
    from partycases.formats.arrow import write_tables

    summary = ExportSummary()

    class _NothingReadError(Exception):
        pass

    def cases() -> Iterator[tuple[Case, str]]:
        for item, source in items:
            if isinstance(item, LoadError):
                summary.failed += 1
                if on_error is not None:
                    on_error(item)
            else:
                summary.cases += 1
                yield item, source
        if summary.cases == 0 and summary.failed:
            raise _NothingReadError

    try:
        summary.written = write_tables(cases(), parquet=parquet, csv=csv)
    except _NothingReadError:
        summary.written = {}
    return summary


def export(
    sources: PathLike | Iterable[PathLike],
    *,
    parquet: PathLike | None = None,
    csv: PathLike | None = None,
    on_error: Callable[[LoadError], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ExportSummary:
    """Read every case under ``sources`` and write all tables as Parquet and/or CSV.

    ``sources`` are files, directories or globs, as for :func:`partycases.iter_cases`.
    Each case's file is recorded in ``cases.source_file``. A source that cannot
    be read is passed to ``on_error`` and counted, never skipped silently. When
    nothing at all could be read, nothing is written: the previous tables stay.
    Each output directory appears all at once (see
    :func:`partycases.formats.arrow.write_tables`).
    """
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    items = (
        (item, file)
        for file, problem in source_files(sources)
        for item in (
            iter_cases(file, max_bytes=max_bytes)
            if problem is None
            else [LoadError([Problem(problem)], file)]
        )
    )
    return export_items(items, parquet=parquet, csv=csv, on_error=on_error)
