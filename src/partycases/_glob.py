"""Glob patterns whose ``**`` walks each real folder once.

The standard library's recursive glob follows links to folders without
remembering where it has been: a folder holding two links to its parent makes
``**`` expand without end. Here a pattern with ``**`` is matched during a walk
that enters a real folder once for each set of places in the pattern it is
reached at (a link back up reaches it again at the same places, and is not
followed), and goes down only where the pattern can still match.
The rules are glob's: ``*``, ``?`` and ``[...]`` within one component, ``**`` as
a whole component for any number of them, a name starting with a dot only
where the pattern's own component starts with one, ``.`` and ``..`` as steps,
and a trailing separator for folders only. A pattern without ``**`` cannot
recurse and is left to :func:`glob.glob`.
"""

from __future__ import annotations

import fnmatch
import glob
import os

__all__ = ["MAGIC", "expand"]

#: Characters that make a path a pattern.
MAGIC = frozenset("*?[")
_RECURSIVE = "**"


def expand(pattern: str) -> list[str]:
    """The paths matching ``pattern``, sorted (``**`` matches any depth)."""
    components = (pattern.replace(os.altsep, os.sep) if os.altsep else pattern).split(os.sep)
    if _RECURSIVE not in components:
        return sorted(glob.glob(pattern))
    # a//b is a/b; a trailing separator (a/**/) asks for folders, as the empty last component.
    last = len(components) - 1
    components = [part for index, part in enumerate(components) if part or index in (0, last)]
    fixed = 0
    while not MAGIC & set(components[fixed]):
        fixed += 1
    head = os.sep.join(components[:fixed])
    if fixed == 1 and head == "":
        head = os.sep  # an absolute pattern: /**/*.json
    return sorted(set(_walk(head, components[fixed:])))


#: Components that name a folder by where it is, not by an entry of its parent: the folder
#: itself (``.``, and an empty last component, which glob writes as a trailing separator),
#: and its parent (``..``).
_HERE = ("", ".", "..")


def _walk(head: str, pattern: list[str]) -> list[str]:
    """Paths under ``head`` (the current folder if empty) whose parts below it match.

    A folder is entered once for each set of places in the pattern it is reached at:
    a link back up reaches it again at the same places, and is not followed.
    """
    found: list[str] = []
    seen: set[tuple[int, int, frozenset[int]]] = set()
    stack = [(head or os.curdir, head, _closure(pattern, {0}))]
    while stack:
        folder, shown, states = stack.pop()
        try:
            info = os.stat(folder)
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue
        key = (info.st_dev, info.st_ino, frozenset(states))
        if key in seen:  # reached again through a link, at the same places in the pattern
            continue
        seen.add(key)
        below = []
        for index in sorted(states):
            if index < len(pattern) and pattern[index] in _HERE:
                part = pattern[index]
                path = os.path.join(shown, part)  # a trailing separator for ""
                after = _closure(pattern, {index + 1})
                if len(pattern) in after and (shown or part):  # "" names no folder: **/
                    found.append(path)
                if part and any(state < len(pattern) for state in after):
                    below.append((os.path.join(folder, part), path, after))
        for entry in entries:
            after = _step(pattern, states, entry.name)
            if not after:
                continue
            path = os.path.join(shown, entry.name) if shown else entry.name
            if len(pattern) in after:
                found.append(path)
            if any(index < len(pattern) for index in after) and _is_folder(entry):
                below.append((entry.path, path, after))
        stack.extend(reversed(below))  # in order, depth first
    return found


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # a link to a folder counts: it is walked unless seen
    except OSError:
        return False


def _closure(pattern: list[str], states: set[int]) -> set[int]:
    """``states`` and every state a ``**`` reaches by matching no component."""
    closed = set(states)
    stack = list(states)
    while stack:
        index = stack.pop()
        if index < len(pattern) and pattern[index] == _RECURSIVE and index + 1 not in closed:
            closed.add(index + 1)
            stack.append(index + 1)
    return closed


def _step(pattern: list[str], states: set[int], name: str) -> set[int]:
    """The states after one more component, ``name``, from ``states``."""
    after = set()
    for index in states:
        if index == len(pattern):
            continue
        component = pattern[index]
        if component == _RECURSIVE:
            if not name.startswith("."):
                after.add(index)
        elif _component_matches(component, name):
            after.add(index + 1)
    return _closure(pattern, after)


def _component_matches(component: str, name: str) -> bool:
    if not MAGIC & set(component):
        return name == component
    if name.startswith(".") and not component.startswith("."):
        return False
    return fnmatch.fnmatchcase(name, component)
