"""Whether a process is alive: what the sweeps of writers' leftovers ask before removing any."""

from __future__ import annotations

import os

__all__ = ["alive"]


def alive(pid: int) -> bool:
    """Whether process ``pid`` is running (this process always is).

    A writer killed half-way leaves its temporary file or folder behind, named with
    its process id; the next writer removes it only when that process is gone.
    """
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but is not ours
    return True
