"""Export a corpus read from files as tables: the library side of ``partycases export``."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from partycases.errors import LoadError, Problem, WriteError
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
    items: Iterable[tuple[Case | LoadError, str | None]],
    *,
    parquet: PathLike | None = None,
    csv: PathLike | None = None,
    on_error: Callable[[LoadError], None] | None = None,
) -> ExportSummary:
    """Write all tables of the cases among ``items``, ``(case or error, source)`` pairs.

    For a command that reads its inputs itself: each error is passed to
    ``on_error`` and counted; each case is written with its source as
    ``cases.source_file`` (null for a source of ``None``). A pair is a tuple or
    any other two-item sequence. When no item is a case (every one failed, or
    there are none), nothing is written and the previous tables stay:
    :attr:`ExportSummary.written` is empty. Without ``parquet`` or ``csv`` it is
    a :class:`TypeError`; an item that is not such a pair, a
    :class:`~partycases.WriteError` naming it.
    """
    from partycases.formats.arrow import table_targets, write_tables

    table_targets(parquet, csv, "export")  # before any input is read
    summary = ExportSummary()

    def cases() -> Iterator[tuple[Case, str | None]]:
        for number, pair in enumerate(items, 1):
            item, source = _pair(pair, number)
            if isinstance(item, LoadError):
                summary.failed += 1
                if on_error is not None:
                    on_error(item)
            else:
                summary.cases += 1
                yield item, source

    read = cases()
    # Nothing is staged until a case is read: with none, no folder is made or replaced.
    first = next(read, None)
    if first is not None:
        summary.written = write_tables(itertools.chain([first], read), parquet=parquet, csv=csv)
    return summary


def _pair(pair: object, number: int) -> tuple[Case | LoadError, str | None]:
    """An item of :func:`export_items`, or a :class:`~partycases.WriteError` saying what it is."""
    # Any two-item sequence is a pair (a list read from JSON is one); a string is not.
    if isinstance(pair, Sequence) and not isinstance(pair, str | bytes) and len(pair) == 2:
        item, source = pair
        if isinstance(item, Case | LoadError) and (source is None or isinstance(source, str)):
            return item, source
    kind = (
        f"a {type(pair).__name__} of {', '.join(type(part).__name__ for part in pair)}"
        if isinstance(pair, tuple | list)
        else type(pair).__name__
    )
    raise WriteError(
        f"item {number}: expected a (case or LoadError, source file name or None) pair, not {kind}"
    )


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
    no case at all could be read (every source failed, or they hold none: an
    empty folder, one of files of other formats, no sources), nothing is
    written: the previous tables stay, and :attr:`ExportSummary.written` is empty.
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
