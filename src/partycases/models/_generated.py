"""The command line of the modules that write generated source (``_sound``, ``_descriptions``).

``python -m partycases.models._sound_writer`` prints the module it writes;
``--write`` replaces the module in place. Redirecting the printed source into
the module (``> _sound.py``) cannot work: the shell empties the file before
Python starts, and the writer imports the package, which imports the emptied
module. ``--write`` renders the whole source first, then swaps the file in
with one rename, so a failure leaves the old module as it was. (A writer needs
the package to import: a module already broken is restored from version
control first.)
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["main"]

_USAGE = "usage: python -m {module} [--write]\n"


def main(render: Callable[[], str], target: Path, module: str, argv: Sequence[str]) -> int:
    """Print what ``render`` returns, or with ``--write`` put it in ``target``; the exit status."""
    arguments = list(argv)
    if arguments in (["-h"], ["--help"]):
        sys.stdout.write(_USAGE.format(module=module))
        return 0
    if arguments not in ([], ["--write"]):
        sys.stderr.write(_USAGE.format(module=module))
        return 2
    source = render()
    if not arguments:
        sys.stdout.write(source)
        return 0
    target = target.resolve()  # a link is followed: the file it names is what is replaced
    try:
        _replace(target, source)
    except OSError as error:
        sys.stderr.write(f"cannot write {target}: {error.strerror or error}\n")
        return 1
    sys.stdout.write(f"wrote {target}\n")
    return 0


def _replace(target: Path, source: str) -> None:
    """Write ``source`` beside ``target``, then rename it over ``target``, keeping its mode."""
    descriptor, scratch = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
            file.write(source)
        if target.exists():
            # mkstemp makes the file private: keep the mode (and, where allowed, the owner).
            status = target.stat()
            os.chmod(scratch, status.st_mode & 0o7777)
            with contextlib.suppress(PermissionError):
                os.chown(scratch, status.st_uid, status.st_gid)
        else:
            os.chmod(scratch, 0o644)
        os.replace(scratch, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(scratch)
        raise
