"""What the command prints and writes: escaped for terminals, never over what it must not."""

from __future__ import annotations

import codecs
import os
import re
import select
import stat
import sys
import time
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import click

if TYPE_CHECKING:
    from partycases.errors import LoadError

__all__ = [
    "Failure",
    "Outputs",
    "echo_out",
    "escape",
    "fail",
    "json_for_terminal",
    "report",
    "shown_path",
    "standard_output",
    "write_out",
]

# Characters a terminal acts on rather than shows: C0 controls, DEL, C1 controls (some
# terminals read them as escape sequences), direction controls that reorder what is
# shown, and lone surrogates (from file names that are not UTF-8).
_IN_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# The same, keeping line ends and tabs, for multi-line output such as a rendered text.
_IN_BLOCK = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


# What JSON may hold raw but a terminal acts on: DEL, C1 and direction controls (JSON
# escapes C0 controls itself). They only occur inside strings, where \uXXXX means the same.
_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_for_terminal(data: bytes) -> bytes:
    r"""JSON text ``data`` with the controls a terminal acts on escaped (``\u202e``): same value."""
    text = data.decode("utf-8")
    return _IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text).encode("utf-8")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: str, *, lines: bool = False) -> str:
    r"""``text`` with terminal controls written as ``\x1b``, ``\u202e``, ...

    Line ends and tabs are escaped too unless ``lines`` is true, so one reported
    problem is always one line of output.
    """
    return (_IN_BLOCK if lines else _IN_LINE).sub(_escaped, text)


def shown_path(name: str) -> str:
    r"""A file name as text: bytes that are not UTF-8 written as ``\xff``, controls escaped."""
    try:
        raw = os.fsencode(name)
    except UnicodeError:
        return escape(name)
    return escape(raw.decode("utf-8", "backslashreplace"))


class Failure(click.ClickException):
    """A problem with an input or output that ends the command with exit code 1."""

    exit_code = 1

    def show(self, file: object = None) -> None:
        """Print the message on stderr, escaped, prefixed with the command's name."""
        click.echo(f"partycases: {escape(self.message, lines=True)}", err=True)


def fail(message: str) -> NoReturn:
    """Stop the command with exit code 1 and ``message``."""
    raise Failure(message)


def report(message: str) -> None:
    """Print one problem on stderr and carry on."""
    click.echo(f"partycases: {escape(message, lines=True)}", err=True)


def report_error(error: LoadError, where: str) -> None:
    """Print each problem of ``error`` as ``path:line:col: pointer: message`` on stdout."""
    echo_out("".join(f"{escape(problem.format(where))}\n" for problem in error.problems))


def standard_output() -> TextIO:
    """``sys.stdout``; exit 1 if the command was started with it closed (``>&-``)."""
    if sys.stdout is None:
        fail("standard output is closed; the output has nowhere to go")
    return sys.stdout


def _wait_until_writable(stream: Any) -> None:
    # A non-blocking stdout (shared with a parent that set O_NONBLOCK) that is full.
    try:
        select.select([], [stream.fileno()], [], 1.0)
    except (OSError, ValueError, AttributeError):
        time.sleep(0.01)


def write_out(data: bytes) -> None:
    """Write all of ``data`` to stdout, or raise (``BrokenPipeError`` when the reader went away).

    One write may take only part of the bytes, without an error: an unbuffered stdout
    (``python -u``) whose reader closes the pipe midway, a write a signal interrupts,
    a non-blocking descriptor that is full. What is left is written again until
    nothing is, so output is never cut short in silence. A stdout that takes only
    text (``contextlib.redirect_stdout(io.StringIO())``, IDLE, a notebook) gets
    ``data`` as UTF-8 text, as every output of the command is.
    """
    text = standard_output()
    text.flush()  # whatever was printed as text before comes first
    stream = getattr(text, "buffer", None)
    if stream is None:
        _write_text(text, data.decode("utf-8", "backslashreplace"))
        return
    view = memoryview(data)
    while view:
        try:
            count = stream.write(view)
        except BlockingIOError as error:
            count = error.characters_written
            _wait_until_writable(stream)
        if count is None:  # an unbuffered, non-blocking stdout took nothing
            _wait_until_writable(stream)
            count = 0
        view = view[count:]
    while True:
        try:
            stream.flush()
        except BlockingIOError:  # noqa: PERF203 - waiting is the slow part, not the try
            _wait_until_writable(stream)
        else:
            return


def _write_text(stream: TextIO, text: str) -> None:
    # A text stream takes the whole string or raises (io.TextIOBase.write).
    stream.write(text)
    stream.flush()


def _encoding(stream: TextIO) -> str:
    """The encoding of ``stream``; UTF-8 where it claims ASCII, as click takes it."""
    # An ASCII stdout comes from a misconfigured locale or PYTHONIOENCODING=ascii; the
    # other outputs (convert, render, validate --format json) are UTF-8 bytes anyway.
    name = getattr(stream, "encoding", None) or "utf-8"
    try:
        return "utf-8" if codecs.lookup(name).name == "ascii" else name
    except LookupError:
        return "utf-8"


def echo_out(text: str) -> None:
    r"""Write ``text`` to stdout, all of it or an error, as :func:`write_out`.

    It is encoded in stdout's encoding (UTF-8 for one that claims ASCII); a character
    the encoding cannot hold is written as ``\u5546``, never a traceback. A stdout
    that takes only text gets ``text`` as it is.
    """
    stream = standard_output()
    if getattr(stream, "buffer", None) is None:
        _write_text(stream, text)
        return
    write_out(text.encode(_encoding(stream), "backslashreplace"))


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


class Outputs:
    """The files a command writes in one run; each refusal is reported and the run goes on.

    A target is written only if it does not exist (or ``force`` is given and it is a
    regular file: never a device, a pipe or a symbolic link, which a rename would
    replace or a write would go through), and only once per run, so two inputs that
    map to the same output are both reported rather than one silently lost.
    """

    def __init__(self, force: bool) -> None:
        self.force = force
        self.failed = 0
        self._written: dict[str, str] = {}

    def _refuse(self, message: str) -> bool:
        report(message)
        self.failed += 1
        return False

    def write(self, target: str, data: bytes, source: str = "") -> bool:  # noqa: PLR0911 - per refusal
        """Write ``data`` to ``target`` (``-`` is stdout); whether it was written."""
        if target == "-":
            write_out(data)
            return True
        key = os.path.abspath(target)
        shown = shown_path(target)
        if key in self._written:
            earlier = shown_path(self._written[key])
            return self._refuse(
                f"{shown}: already written from {earlier} in this run; "
                f"not replaced with the output of {shown_path(source) or 'a later input'}"
            )
        try:
            mode: int | None = os.lstat(target).st_mode
        except FileNotFoundError:
            mode = None
        except OSError as error:
            return self._refuse(f"{shown}: cannot write: {error.strerror}")
        if mode is not None and not stat.S_ISREG(mode):
            return self._refuse(f"{shown}: is {_kind(mode)}, not a regular file; not replaced")
        if mode is not None and not self.force:
            return self._refuse(f"{shown}: already exists; pass --force to replace it")
        from partycases.errors import WriteError
        from partycases.io import atomic_write

        try:
            atomic_write(target, data, overwrite=self.force)
        except WriteError as error:
            return self._refuse(str(error))
        self._written[key] = source or target
        return True


def make_folder(name: str) -> None:
    """Create the output folder ``name`` (and its parents), or stop with exit code 1."""
    try:
        os.makedirs(name, exist_ok=True)
    except OSError as error:
        fail(f"{shown_path(name)}: cannot create the folder: {error.strerror}")
    if not os.path.isdir(name):
        fail(f"{shown_path(name)}: is not a folder")
