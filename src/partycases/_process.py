"""Writers' leftovers: whether the process that left one is alive, and the names they carry."""

from __future__ import annotations

import os
from typing import Final

__all__ = ["alive", "temporary_stem"]

#: What a temporary name adds to its stem, at most: ``.`` before, then ``.{pid}.{16 hex}.tmp``
#: (or a staging folder's ``.{pid}.{8 random}.tmp`` and ``.old``).
_TEMPORARY_EXTRA: Final = 1 + 1 + 7 + 1 + 16 + 4
#: The longest file name most file systems allow, in bytes.
_NAME_MAX: Final = 255


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


def temporary_stem(name: str) -> str:
    """The part of a temporary file's or folder's name that stands for its target's ``name``.

    The name itself, unless the temporary name would then be too long for the
    file system: a name of 226 bytes or more is cut (at a character's edge) and
    given a digest of the whole, so that each target keeps a stem of its own.
    """
    room = _NAME_MAX - _TEMPORARY_EXTRA
    encoded = os.fsencode(name)
    if len(encoded) <= room:
        return name
    import hashlib  # here: only such a long name needs it

    digest = hashlib.sha256(encoded).hexdigest()[:16]
    cut = encoded[: room - len(digest) - 1].decode("utf-8", "ignore")  # whole characters
    return f"{cut}~{digest}"
