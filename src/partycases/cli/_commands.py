"""The commands of ``partycases``.

Only click and the light io layer are imported up front; the models, rich and
optional formats load with the command that needs them, so ``partycases --help``
starts fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import click

from partycases.cli._formats import PARSED, RENDERED, WRITABLE
from partycases.cli._input import (
    STDIN,
    STDIN_NAME,
    Inputs,
    input_format,
    input_option,
    load_one,
    read_stdin,
    report_warnings,
)
from partycases.cli._output import (
    Outputs,
    echo_out,
    escape,
    fail,
    json_for_terminal,
    make_folder,
    report,
    report_error,
    shown_path,
    standard_output,
    write_out,
)

__all__ = ["cli"]

FROM_HELP = "Input format (default: from the extension; sniffed for -, never as text)."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="partycases", prog_name="partycases")
def cli() -> None:
    """Validated typical-case (典型案例) documents: show, check, parse and convert them."""


def _done(failed: int) -> None:
    """End the command: exit code 1 if anything failed."""
    if failed:
        raise click.exceptions.Exit(1)


@cli.command()
@click.argument("file")
@input_option(FROM_HELP)
def show(file: str, fmt: str | None) -> None:
    """Print a readable summary of the case in FILE (- for stdin)."""
    from partycases.cli._show import render_summary

    case = load_one(file, fmt)
    from rich.console import Console

    # Rendered whole, then written as the other commands write: all of it, or exit 141
    # when the reader went away (rich itself would exit 1, or lose a short write).
    console = Console(file=standard_output(), highlight=False, soft_wrap=True)
    with console.capture() as captured:
        console.print(render_summary(case))
    echo_out(captured.get())


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@input_option(
    "Input format (default: from each extension; sniffed for -, never as text; "
    "folders are searched for files of this format only)."
)
def validate(paths: tuple[str, ...], output: str, fmt: str | None) -> None:
    """Check cases in files, folders, globs, JSON Lines or - (stdin).

    Folders are searched for JSON, JSON Lines, YAML and TOML files; published
    texts only with --from text.
    """
    import orjson

    from partycases.errors import LoadError

    report_items = []
    valid = invalid = 0
    inputs = Inputs(paths, fmt)
    for item, source, line in inputs:
        where = shown_path(item.path or source if isinstance(item, LoadError) else source)
        entry: dict[str, object] = {"path": where}
        if line is not None:
            entry["line"] = line
        if isinstance(item, LoadError):
            invalid += 1
            entry["valid"] = False
            entry["problems"] = [
                {"pointer": p.pointer, "message": p.message, "line": p.line, "column": p.column}
                for p in item.problems
            ]
            if output == "text":
                report_error(item, where)
        else:
            valid += 1
            entry.update(valid=True, id=item.id)
        if output == "json":
            report_items.append(entry)
    if output == "json":
        summary = {
            "valid": valid,
            "invalid": invalid,
            "skipped": inputs.skipped,
            "items": report_items,
        }
        try:
            data = orjson.dumps(summary, option=orjson.OPT_INDENT_2)
        except TypeError:  # a lone surrogate in a message: JSON can escape it, orjson will not
            import json

            data = json.dumps(summary, indent=2).encode("ascii")
        write_out(json_for_terminal(data) + b"\n")
    else:
        noun = "case" if valid + invalid == 1 else "cases"
        counts = f"{valid + invalid} {noun} checked: {valid} valid, {invalid} invalid"
        click.echo(counts + inputs.note(), err=True)
    _done(invalid)


def _parsed_format(name: str, fmt: str | None) -> str:
    """``--from``, else the format ``name``'s extension names if parse reads it, else text."""
    from partycases.errors import FormatError
    from partycases.formats import format_for_path

    if fmt is not None:
        return fmt
    try:
        found = format_for_path(name).name
    except FormatError:
        return "text"
    return found if found in PARSED.choices() else "text"


def _split_texts(data: bytes, split: str | None) -> list[bytes]:
    """The texts in ``data``: one, or the pieces between separators (empty pieces dropped)."""
    if split is None:
        return [data]
    separator = {"nul": b"\x00", "formfeed": b"\x0c"}[split]
    return [piece for piece in data.split(separator) if piece.strip()]


class _Text(NamedTuple):
    """One text to parse: how to name it, what to call its output, and where it is."""

    label: str
    """The input's name in messages (``<stdin>#2`` for the second text on stdin)."""
    stem: str
    """The output file's name without ``.json``, from the input's name."""
    origin: str
    """The file it comes from (its extension may name the format), ``""`` for stdin."""
    data: bytes | None = None
    """Its bytes when already read (stdin, or a file split in pieces); else read by path."""
    problem: str | None = None
    """Why it could not be read, if it could not."""


def _pieces(label: str, stem: str, origin: str, data: bytes, split: str | None) -> list[_Text]:
    pieces = _split_texts(data, split)
    if len(pieces) == 1:
        return [_Text(label, stem, origin, pieces[0])]
    return [
        _Text(f"{label}#{number}", f"{stem}-{number}", origin, piece)
        for number, piece in enumerate(pieces, start=1)
    ]


def _texts(names: tuple[str, ...], split: str | None) -> Iterator[_Text]:
    """Every text to parse in ``names``: a file, a file split in pieces, or stdin's pieces."""
    from partycases.io import DEFAULT_MAX_BYTES

    for name in names:
        if name == STDIN:
            yield from _pieces(STDIN_NAME, "stdin", "", read_stdin(), split)
        elif split is None:
            yield _Text(name, Path(name).stem, name)
        else:
            try:
                with open(name, "rb") as stream:
                    data = stream.read(DEFAULT_MAX_BYTES + 1)
            except OSError as error:
                problem = f"{shown_path(name)}: cannot read the file: {error.strerror}"
                yield _Text(name, "", name, problem=problem)
                continue
            if len(data) > DEFAULT_MAX_BYTES:
                problem = f"{shown_path(name)}: larger than the limit of {DEFAULT_MAX_BYTES} bytes"
                yield _Text(name, "", name, problem=problem)
                continue
            yield from _pieces(name, Path(name).stem, name, data, split)


@cli.command()
@click.argument("texts", nargs=-1, required=True)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    help="Folder for the case files (default: JSON Lines on stdout).",
)
@click.option("--encoding", help="Encoding of the texts (default: detected).")
@click.option(
    "--split",
    type=click.Choice(["nul", "formfeed"]),
    help="Read several texts from each input (stdin included), separated by NUL or form feed "
    "bytes (default: each input is one text).",
)
@click.option(
    "--from",
    "fmt",
    type=PARSED,
    help="Input format (default: from the extension when it names one of these, else text).",
)
@click.option("--force", is_flag=True, help="Replace case files that already exist.")
def parse(
    texts: tuple[str, ...],
    *,
    out_dir: str | None,
    encoding: str | None,
    split: str | None,
    fmt: str | None,
    force: bool,
) -> None:
    r"""Parse published texts (- for stdin) into cases, reporting what could not be placed.

    Each input is one text; with --split, NUL or form feed bytes separate texts,
    for example `for f in texts/*.txt; do cat "$f"; printf '\0'; done | partycases
    parse - --split nul`. Without -o, cases go to stdout as JSON Lines; with -o DIR,
    each goes to DIR/<input name>.json (stdin: stdin.json, stdin-1.json, ...).
    """
    import warnings

    from partycases.errors import LoadError, PartycasesError, PartycasesWarning
    from partycases.formats.json import dumps, dumps_compact
    from partycases.io import load, loads

    outputs = Outputs(force)
    if out_dir is not None:
        make_folder(out_dir)
    failed = 0
    for text in _progress(list(_texts(texts, split)), "parsing"):
        if text.problem is not None:
            report(text.problem)
            failed += 1
            continue
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PartycasesWarning)
            try:
                chosen = _parsed_format(text.origin, fmt)
                if text.data is None:
                    case = load(text.label, format=chosen, encoding=encoding)
                else:
                    case = loads(text.data, format=chosen, encoding=encoding)
            except LoadError as error:
                report(str(error.with_path(text.label)))
                failed += 1
                continue
            except PartycasesError as error:
                report(f"{text.label}: {error}")
                failed += 1
                continue
        report_warnings(caught, text.label)
        if out_dir is None:
            outputs.write("-", dumps_compact(case))
            continue
        # The file name comes from the input's name, never from the text's content.
        outputs.write(str(Path(out_dir) / f"{text.stem}.json"), dumps(case), source=text.label)
    _done(failed + outputs.failed)


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option(
    "--to",
    "to_fmt",
    type=WRITABLE,
    help="Output format (default: from TARGET's extension; json for -).",
)
@input_option(FROM_HELP)
@click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
def convert(source: str, target: str, to_fmt: str | None, fmt: str | None, force: bool) -> None:
    """Convert the case in SOURCE to another format in TARGET (- for stdin and stdout)."""
    from partycases.errors import FormatError, PartycasesError
    from partycases.formats import format_for_path, writable
    from partycases.io import dumps

    if to_fmt is None and target != STDIN:
        try:
            to_fmt = format_for_path(target).name
        except FormatError as error:
            fail(f"{error}; or pass --to FORMAT ({', '.join(writable())})")
    case = load_one(source, fmt)
    try:
        data = dumps(case, format=to_fmt or "json")
    except PartycasesError as error:
        fail(str(error))
    outputs = Outputs(force)
    outputs.write(target, data, source=source)
    _done(outputs.failed)


@cli.command()
@click.argument("file")
@click.option("--to", "to_fmt", type=RENDERED, default="text", show_default=True)
@input_option(FROM_HELP)
def render(file: str, to_fmt: str, fmt: str | None) -> None:
    r"""Show the case in FILE as a published text or Markdown on stdout, controls escaped.

    Terminal control characters are written as \x1b, \u202e, ...; for the exact
    bytes, use convert FILE - --to text.
    """
    from partycases.io import dumps

    data = dumps(load_one(file, fmt), format=to_fmt)
    shown = escape(data.decode("utf-8", "surrogateescape"), lines=True)
    Outputs(force=True).write("-", shown.encode("utf-8"))


@cli.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    help="Write the schema files here instead of printing the case schema.",
)
@click.option("--force", is_flag=True, help="Replace schema files that exist.")
def schema(out_dir: str | None, force: bool) -> None:
    """Print the JSON Schema of a case, or write every published schema to a folder."""
    from partycases.schema import schema_files

    files = schema_files()
    outputs = Outputs(force)
    if out_dir is None:
        outputs.write("-", files["case.schema.json"])
        return
    make_folder(out_dir)
    for name, data in files.items():
        outputs.write(str(Path(out_dir) / name), data)
    _done(outputs.failed)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    help="Write the upgraded files here.",
)
@click.option(
    "--force", is_flag=True, help="Replace files that exist (needed to upgrade in place)."
)
@input_option(FROM_HELP)
def migrate(files: tuple[str, ...], out_dir: str | None, force: bool, fmt: str | None) -> None:
    """Upgrade case files to the current schema version, in place (--force) or into -o DIR.

    A file already current is left as it is (and copied as it is into -o DIR).
    Published texts carry no schema version and are refused. - reads stdin and
    writes JSON to stdout.
    """
    from partycases.errors import PartycasesError
    from partycases.io import dumps
    from partycases.migrate import CURRENT, MIGRATION_KEY

    outputs = Outputs(force)
    if out_dir is not None:
        make_folder(out_dir)
    failed = 0
    for name in files:
        if name == STDIN:
            outputs.write(STDIN, dumps(load_one(name, fmt)))
            continue
        shown = shown_path(name)
        try:
            chosen = input_format(name, fmt)
        except click.ClickException as error:
            report(error.message)
            failed += 1
            continue
        if not chosen.versioned:
            report(f"{shown}: {chosen.name} files carry no schema version; nothing to migrate")
            failed += 1
            continue
        try:
            case = load_one(name, chosen.name)
            original = Path(name).read_bytes()
        except click.ClickException as error:
            report(error.message)
            failed += 1
            continue
        except PartycasesError as error:
            report(str(error))
            failed += 1
            continue
        except OSError as error:
            report(f"{shown}: cannot read the file: {error.strerror}")
            failed += 1
            continue
        target = str(Path(out_dir) / Path(name).name) if out_dir else name
        record = case.extensions.get(MIGRATION_KEY)
        # Loading writes the record when it migrates; a record the file already held is
        # from an earlier run, and the file is current.
        upgraded = isinstance(record, dict) and MIGRATION_KEY.encode() not in original
        if not upgraded:
            click.echo(f"{shown}: already at schema version {CURRENT}; left as it is", err=True)
            if out_dir is not None:
                outputs.write(target, original, source=name)
            continue
        if outputs.write(target, dumps(case, format=chosen.name), source=name):
            how = escape(str(record["from"])) if isinstance(record, dict) else "?"
            click.echo(f"{shown}: from {how} -> {shown_path(target)}", err=True)
    _done(failed + outputs.failed)


def _progress(values: list[_Text], label: str) -> Iterator[_Text]:
    """Yield ``values``, with a progress bar on stderr when there are many and it is a terminal."""
    if len(values) < 5 or sys.stderr is None or not sys.stderr.isatty():
        yield from values
        return
    from rich.console import Console
    from rich.progress import track

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    yield from track(values, description=label, console=console)


def _register_more() -> None:
    # Commands that live in their own module; import order keeps --help listing stable.
    from partycases.cli import _export

    cli.add_command(_export.export)


_register_more()
