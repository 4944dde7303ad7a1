"""Glob patterns whose ``**`` walks each real folder once.

The standard library's recursive glob follows links to folders without
remembering where it has been: a folder holding two links to its parent makes
``**`` expand without end. Here a pattern with ``**`` is matched during a walk
that, like the reading of folders, enters each real folder once, whatever the
links that lead to it, and goes down only where the pattern can still match.
The rules are glob's: ``*``, ``?`` and ``[...]`` within one component, ``**`` as
a whole component for any number of them, and a name starting with a dot only
where the pattern's own component starts with one. A pattern without ``**``
cannot recurse and is left to :func:`glob.glob`.
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
    fixed = 0
    while not MAGIC & set(components[fixed]):
        fixed += 1
    head = os.sep.join(components[:fixed])
    if fixed == 1 and head == "":
        head = os.sep  # an absolute pattern: /**/*.json
    return sorted(_walk(head, components[fixed:]))


def _walk(head: str, pattern: list[str]) -> list[str]:
    """Paths under ``head`` (the current folder if empty) whose parts below it match."""
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    stack = [(head or os.curdir, head, _closure(pattern, {0}))]
    while stack:
        folder, shown, states = stack.pop()
        try:
            info = os.stat(folder)
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:  # reached again through a link
            continue
        seen.add((info.st_dev, info.st_ino))
        below = []
        for entry in entries:
            after = _step(pattern, states, entry.name)
            if not after:
                continue
            path = os.path.join(shown, entry.name) if shown else entry.name
            if len(pattern) in after:
                found.append(path)
            if any(index < len(pattern) for index in after) and _is_folder(entry):
                below.append((entry.path, path, after))
        stack.extend(reversed(below))  # in name order, depth first
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
