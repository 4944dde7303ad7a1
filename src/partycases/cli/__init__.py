"""The ``partycases`` command (extra ``[cli]``): show, validate, parse, convert, render, and more.

:func:`main` is the only public name. It imports the commands (and click with
them) when it runs, so a missing extra is a one-line message rather than a
traceback, and turns every way a run can end into an exit code: 0 success; 1 a
problem with an input or an output (each one reported; a closed stdin or stdout
the command needs is one); 2 a usage error, or the
``[cli]`` extra missing; 130 interrupted (Ctrl-C); 141 the reader of the output
went away (``| head``).
"""

from __future__ import annotations

import contextlib
import os
import sys

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


def _say(message: str) -> None:
    """One line on stderr, ignoring a stderr that is gone too."""
    if sys.stderr is None:  # closed (2>&-): print would fall back to stdout
        return
    with contextlib.suppress(OSError):
        print(f"partycases: {message}", file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); return its exit code."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED


def _main(argv: list[str] | None) -> int:  # noqa: PLR0911 - one return per way a run ends
    try:
        import click

        from partycases.cli._commands import cli
    except ImportError as error:
        if (error.name or "").split(".")[0] != "click":
            raise
        from partycases.errors import MissingExtraError

        _say(str(MissingExtraError("cli", "click")))
        return EXIT_USAGE

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            with cli.make_context("partycases", args) as context:
                cli.invoke(context)
        finally:
            if sys.stdout is not None:  # None when started with stdout closed (>&-)
                sys.stdout.flush()  # a reader that went away shows here when the output was small
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        _say("aborted")
        return EXIT_PROBLEM
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as error:
        # Imported here, not up front, so that --help loads nothing of ours but the commands.
        from partycases.cli._output import escape
        from partycases.errors import PartycasesError

        if isinstance(error, PartycasesError):
            message = str(error)
        elif isinstance(error, OSError):
            where = f"{error.filename}: " if error.filename else ""
            message = f"{where}{error.strerror or error}"
        else:
            raise  # a bug: its traceback is what a report needs
        _say(escape(message, lines=True))
        return EXIT_PROBLEM
    return EXIT_OK
