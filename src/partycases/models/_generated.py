"""The command line of the modules that write generated source (``_sound``, ``_descriptions``).

``python -m partycases.models._sound_writer`` prints the module it writes;
``--write`` replaces the module in place. Redirecting the printed source into
the module (``> _sound.py``) cannot work: the shell empties the file before
Python starts, and the writer imports the package, which imports the emptied
module. ``--write`` renders the whole source first, then swaps the file in
with one rename, so a failure leaves the old module as it was.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["main"]

_USAGE = "usage: python -m {module} [--write]\n"


def main(render: Callable[[], str], target: Path, module: str, argv: Sequence[str]) -> int:
    """Print what ``render`` returns, or with ``--write`` put it in ``target``; the exit status."""
    if list(argv) not in ([], ["--write"]):
        sys.stderr.write(_USAGE.format(module=module))
        return 2
    source = render()
    if not argv:
        sys.stdout.write(source)
        return 0
    descriptor, scratch = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
            file.write(source)
        # mkstemp makes the file private: keep the permissions the module had.
        os.chmod(scratch, stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644)
        os.replace(scratch, target)
    except BaseException:
        os.unlink(scratch)
        raise
    sys.stdout.write(f"wrote {target}\n")
    return 0
