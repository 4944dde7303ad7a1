"""The ``partycases`` command (extra ``[cli]``): show, validate, parse, convert, render, schema.

Only click is imported up front; everything else (the models, rich, optional
formats) is imported by the command that needs it, so ``partycases --help``
starts fast. ``-`` means standard input or output everywhere. Exit codes: 0
success, 1 a problem with the input (invalid case, unreadable file), 2 a
usage error, 141 when the reader of our output went away (``| head``).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

try:
    import click
except ImportError:  # pragma: no cover - exercised by the missing-extra test
    click = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from partycases.errors import LoadError
    from partycases.models import Case

__all__ = ["main"]

EXIT_INVALID = 1
EXIT_BROKEN_PIPE = 141
FORMATS = ("json", "jsonl", "yaml", "toml", "text", "markdown")
_FIRST_KEY = re.compile(rb"^[A-Za-z_][\w-]*\s*(?P<sep>[:=])")


def sniff(data: bytes) -> str:
    """Guess the format of data read from standard input."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        lines = [line for line in head.splitlines() if line.strip()]
        one_per_line = len(lines) > 1 and all(
            line.strip().startswith(b"{") and line.strip().endswith(b"}") for line in lines
        )
        return "jsonl" if one_per_line else "json"
    key = _FIRST_KEY.match(head)
    if key is not None:
        return "toml" if key["sep"] == b"=" else "yaml"
    if head.startswith(b"["):
        return "toml"
    return "text"


def _fail(message: str) -> NoReturn:
    click.echo(f"partycases: {message}", err=True)
    sys.exit(EXIT_INVALID)


def _read_input(name: str, fmt: str | None) -> tuple[str, bytes | None, str]:
    """Return (display name, stdin bytes or None, format name)."""
    if name == "-":
        data = sys.stdin.buffer.read()
        return "<stdin>", data, fmt or sniff(data)
    from partycases.errors import FormatError
    from partycases.formats import format_for_path

    try:
        return name, None, fmt or format_for_path(name).name
    except FormatError as error:
        _fail(str(error))


def _load_one(name: str, fmt: str | None) -> Case:
    from partycases.errors import PartycasesError
    from partycases.io import load, loads

    display, data, fmt_name = _read_input(name, fmt)
    try:
        if data is not None:
            return loads(data, format=fmt_name)
        return load(name, format=fmt_name)
    except PartycasesError as error:
        if hasattr(error, "with_path"):
            error = error.with_path(display)
        _fail(str(error))


def _write_output(target: str, data: bytes, force: bool) -> None:
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from partycases.errors import WriteError
    from partycases.io import atomic_write

    if os.path.exists(target) and not force:
        _fail(f"{target}: already exists; pass --force to replace it")
    try:
        atomic_write(target, data)
    except WriteError as error:
        _fail(str(error))


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


if click is not None:
    format_option = click.Choice(FORMATS, case_sensitive=False)

    @click.group(context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(package_name="partycases", prog_name="partycases")
    def cli() -> None:
        """Validated typical-case (典型案例) documents: show, check, parse and convert them."""

    @cli.command()
    @click.argument("file")
    @click.option(
        "--from",
        "fmt",
        type=format_option,
        help="Input format (default: from the extension, or sniffed for -).",
    )
    def show(file: str, fmt: str | None) -> None:
        """Print a readable summary of the case in FILE."""
        from partycases._show import render_summary

        case = _load_one(file, fmt)
        _console().print(render_summary(case))

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
    @click.option(
        "--from",
        "fmt",
        type=format_option,
        help="Input format (default: from each extension, or sniffed for -).",
    )
    def validate(paths: tuple[str, ...], output: str, fmt: str | None) -> None:
        """Check cases in files, directories, globs, JSON Lines or - (stdin)."""
        import orjson

        from partycases.errors import LoadError

        items = []
        valid = invalid = 0
        for item, source in _validate_items(paths, fmt):
            if isinstance(item, LoadError):
                invalid += 1
                where = item.path or source
                items.append({"path": where, "valid": False, "problems": [
                    {"pointer": p.pointer, "message": p.message, "line": p.line, "column": p.column}
                    for p in item.problems
                ]})  # fmt: skip
                if output == "text":
                    for problem in item.problems:
                        click.echo(problem.format(where))
            else:
                valid += 1
                items.append({"path": source, "valid": True, "id": item.id})
        if output == "json":
            report = {"valid": valid, "invalid": invalid, "items": items}
            sys.stdout.buffer.write(orjson.dumps(report, option=orjson.OPT_INDENT_2) + b"\n")
        else:
            noun = "case" if valid + invalid == 1 else "cases"
            click.echo(
                f"{valid + invalid} {noun} checked: {valid} valid, {invalid} invalid", err=True
            )
        sys.exit(EXIT_INVALID if invalid else 0)

    @cli.command()
    @click.argument("texts", nargs=-1, required=True)
    @click.option(
        "-o",
        "--out",
        "out_dir",
        type=click.Path(file_okay=False),
        help="Directory for the case files (default: JSON Lines on stdout).",
    )
    @click.option("--encoding", help="Encoding of the texts (default: detected).")
    @click.option("--force", is_flag=True, help="Replace case files that already exist.")
    def parse(
        texts: tuple[str, ...], out_dir: str | None, encoding: str | None, force: bool
    ) -> None:
        """Parse published texts into case files, reporting what could not be placed."""
        import warnings

        from partycases.errors import PartycasesError, PartycasesWarning
        from partycases.formats.json import dumps, dumps_compact
        from partycases.io import load

        failed = 0
        for name in _progress(list(texts), "parsing"):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", PartycasesWarning)
                try:
                    case = load(name, format="text", encoding=encoding)
                except PartycasesError as error:
                    click.echo(str(error), err=True)
                    failed += 1
                    continue
            for warning in caught:
                click.echo(f"{name}: warning: {warning.message}", err=True)
            if out_dir is None:
                sys.stdout.buffer.write(dumps_compact(case))
                continue
            Path(out_dir).mkdir(parents=True, exist_ok=True)
            # The file name comes from the input's name, never from the text's content.
            target = Path(out_dir) / (Path(name).stem + ".json")
            _write_output(str(target), dumps(case), force)
        sys.exit(EXIT_INVALID if failed else 0)

    @cli.command()
    @click.argument("source")
    @click.argument("target")
    @click.option(
        "--to",
        "to_fmt",
        type=format_option,
        help="Output format (default: from TARGET's extension, json for -).",
    )
    @click.option(
        "--from",
        "fmt",
        type=format_option,
        help="Input format (default: from the extension, or sniffed for -).",
    )
    @click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
    def convert(source: str, target: str, to_fmt: str | None, fmt: str | None, force: bool) -> None:
        """Convert the case in SOURCE to another format in TARGET (- for stdout)."""
        from partycases.errors import PartycasesError
        from partycases.formats import format_for_path

        case = _load_one(source, fmt)
        try:
            out = to_fmt or ("json" if target == "-" else format_for_path(target).name)
            from partycases.io import dumps

            data = dumps(case, format=out)
        except PartycasesError as error:
            _fail(str(error))
        _write_output(target, data, force)

    @cli.command()
    @click.argument("file")
    @click.option(
        "--to", "to_fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True
    )
    @click.option(
        "--from",
        "fmt",
        type=format_option,
        help="Input format (default: from the extension, or sniffed for -).",
    )
    def render(file: str, to_fmt: str, fmt: str | None) -> None:
        """Write the case in FILE as a published text or Markdown, on stdout."""
        from partycases.io import dumps

        _write_output("-", dumps(_load_one(file, fmt), format=to_fmt), force=True)

    @cli.command()
    @click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False),
        help="Write the schema files here instead of printing the case schema.",
    )
    @click.option("--force", is_flag=True, help="Replace schema files that exist.")
    def schema(out_dir: str | None, force: bool) -> None:
        """Print the JSON Schema of a case, or write every published schema to a directory."""
        from partycases.schema import schema_files

        files = schema_files()
        if out_dir is None:
            _write_output("-", files["case.schema.json"], force=True)
            return
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            _write_output(str(Path(out_dir) / name), data, force)

    @cli.command()
    @click.argument("paths", nargs=-1, required=True)
    @click.option(
        "--parquet",
        "out_dir",
        type=click.Path(file_okay=False),
        help="Directory for the Parquet tables.",
    )
    @click.option("--csv", "csv_dir", type=click.Path(file_okay=False), help="Directory for CSV.")
    @click.option("--force", is_flag=True, help="Replace tables that already exist.")
    def export(
        paths: tuple[str, ...], out_dir: str | None, csv_dir: str | None, force: bool
    ) -> None:
        """Export the cases in PATHS as linked tables (needs the [arrow] extra)."""
        import partycases
        from partycases.errors import PartycasesError

        targets = [d for d in (out_dir, csv_dir) if d is not None]
        if not targets:
            _fail("give --parquet DIR, --csv DIR or both")
        for target in targets:
            if Path(target).is_dir() and any(Path(target).iterdir()) and not force:
                _fail(f"{target}: already holds tables; pass --force to replace them")

        def report(error: LoadError) -> None:
            for problem in error.problems:
                click.echo(problem.format(error.path), err=True)

        items = ((item, source) for item, source in _validate_items(paths, None))
        try:
            summary = partycases.export_items(items, parquet=out_dir, csv=csv_dir, on_error=report)
        except PartycasesError as error:
            _fail(str(error))
        where = " and ".join(targets) if summary.written else "nothing (no case could be read)"
        click.echo(f"{summary.cases} cases exported to {where}; {summary.failed} failed", err=True)
        sys.exit(EXIT_INVALID if summary.failed else 0)

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
    def migrate(files: tuple[str, ...], out_dir: str | None, force: bool) -> None:
        """Upgrade case files to the current schema version, in place (--force) or into -o DIR."""
        from partycases.formats import format_for_path
        from partycases.io import dumps

        for name in files:
            case = _load_one(name, None)
            fmt = "json" if name == "-" else format_for_path(name).name
            record = case.extensions.get("partycases.migration")
            if name == "-":
                _write_output("-", dumps(case, format=fmt), force=True)
                continue
            target = str(Path(out_dir) / Path(name).name) if out_dir else name
            if out_dir:
                Path(out_dir).mkdir(parents=True, exist_ok=True)
            _write_output(target, dumps(case, format=fmt), force)
            how = f"from {record['from']}" if isinstance(record, dict) else "already current"
            click.echo(f"{name}: {how} -> {target}", err=True)


def _validate_items(
    paths: tuple[str, ...], fmt: str | None
) -> Iterator[tuple[Case | LoadError, str]]:
    from partycases.errors import LoadError, PartycasesError
    from partycases.io import iter_cases, loads

    for path in paths:
        if path == "-":
            data = sys.stdin.buffer.read()
            name = fmt or sniff(data)
            if name == "jsonl":
                from partycases.formats.jsonl import iter_lines

                for item in iter_lines(data.splitlines()):
                    yield (
                        (item.with_path("<stdin>") if isinstance(item, LoadError) else item),
                        "<stdin>",
                    )
                continue
            try:
                yield loads(data, format=name), "<stdin>"
            except LoadError as error:
                yield error.with_path("<stdin>"), "<stdin>"
            except PartycasesError as error:
                from partycases.errors import Problem

                yield LoadError([Problem(str(error))], "<stdin>"), "<stdin>"
            continue
        for item in iter_cases(path, format=fmt):
            yield item, path


def _progress(items: list[str], label: str) -> Iterator[str]:
    """Yield ``items``, with a progress bar on stderr when there are many and it is a terminal."""
    if len(items) < 5 or not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import track

    yield from track(items, description=label, console=_console(stderr=True))


def main(argv: list[str] | None = None) -> int:
    """Run the command; return its exit code."""
    if click is None:
        print(
            "partycases: the command line needs its extra: pip install 'partycases[cli]'",
            file=sys.stderr,
        )
        return 2
    try:
        cli.main(args=argv, prog_name="partycases", standalone_mode=False)
    except click.exceptions.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        return 1
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, and keep the interpreter
        # from complaining when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    return 0
