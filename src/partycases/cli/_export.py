"""``partycases export``: the cases of a corpus as linked tables (extra ``[arrow]``).

Kept in its own module so that new table formats are new options here.
"""

from __future__ import annotations

from pathlib import Path

import click

from partycases.cli._input import Inputs, input_option
from partycases.cli._output import escape, fail, make_folder, shown_path

__all__ = ["export"]


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--parquet",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the Parquet tables.",
)
@input_option("Input format (default: from each extension; sniffed for -, never as text).")
@click.option("--force", is_flag=True, help="Replace tables that already exist.")
def export(paths: tuple[str, ...], out_dir: str, fmt: str | None, force: bool) -> None:
    """Export the cases in PATHS (files, folders, globs, -) as linked Parquet tables."""
    from partycases.errors import LoadError, PartycasesError
    from partycases.formats.arrow import TABLES, write_parquet

    existing = [t for t in TABLES if (Path(out_dir) / f"{t}.parquet").exists()]
    if existing and not force:
        fail(f"{shown_path(out_dir)}: already holds {existing[0]}.parquet; pass --force to replace")
    cases, failed = [], 0
    inputs = Inputs(paths, fmt)
    for item, source, _line in inputs:
        if isinstance(item, LoadError):
            failed += 1
            for problem in item.problems:
                click.echo(escape(problem.format(shown_path(item.path or source))), err=True)
        else:
            cases.append(item)
    make_folder(out_dir)
    try:
        written = write_parquet(cases, out_dir)
    except PartycasesError as error:
        fail(str(error))
    click.echo(
        f"{len(cases)} cases exported to {len(written)} tables in {shown_path(out_dir)}; "
        f"{failed} failed{inputs.note()}",
        err=True,
    )
    if failed:
        raise click.exceptions.Exit(1)
