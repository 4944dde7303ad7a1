"""``partycases export``: the cases of a corpus as linked tables (extra ``[arrow]``).

Kept in its own module so that new table formats are new options here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from partycases.cli._input import Inputs, input_option
from partycases.cli._output import escape, fail, shown_path

if TYPE_CHECKING:
    from partycases.errors import LoadError
    from partycases.models import Case

__all__ = ["export"]


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--parquet", "out_dir", type=click.Path(file_okay=False), help="Folder for Parquet.")
@click.option("--csv", "csv_dir", type=click.Path(file_okay=False), help="Folder for CSV.")
@input_option("Input format (default: from each extension; sniffed for -, never as text).")
@click.option("--force", is_flag=True, help="Replace tables that already exist.")
def export(
    paths: tuple[str, ...], out_dir: str | None, csv_dir: str | None, fmt: str | None, force: bool
) -> None:
    """Export the cases in PATHS (files, folders, globs, -) as linked tables.

    Each folder of tables appears all at once, or not at all: a failed export
    leaves the previous tables as they were, and when no case can be read
    (every input fails, or the inputs hold none) nothing is written and the
    exit code is 1.
    """
    from partycases._export import export_items
    from partycases.errors import PartycasesError

    targets = [d for d in (out_dir, csv_dir) if d is not None]
    if not targets:
        raise click.UsageError("give --parquet DIR, --csv DIR or both")
    from partycases.formats.arrow import folders_clash

    clash = folders_clash(out_dir, csv_dir)
    if clash is not None:
        raise click.UsageError(clash)
    for target in targets:
        if Path(target).is_dir() and any(Path(target).iterdir()) and not force:
            fail(f"{shown_path(target)}: already holds tables; pass --force to replace them")
    inputs = Inputs(paths, fmt)

    def items() -> Iterator[tuple[Case | LoadError, str]]:
        for item, source, _line in inputs:
            yield item, source

    def report(error: LoadError) -> None:
        for problem in error.problems:
            click.echo(escape(problem.format(shown_path(error.path or ""))), err=True)

    try:
        summary = export_items(items(), parquet=out_dir, csv=csv_dir, on_error=report)
    except PartycasesError as error:
        fail(str(error))
    where = (
        " and ".join(map(shown_path, targets))
        if summary.written
        else "nothing (no case could be read; no table was written or replaced)"
    )
    click.echo(
        f"{summary.cases} cases exported to {where}; {summary.failed} failed{inputs.note()}",
        err=True,
    )
    if summary.failed or not summary.written:
        raise click.exceptions.Exit(1)
