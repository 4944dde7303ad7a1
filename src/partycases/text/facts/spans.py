"""Span sets and mention lists with lookups in logarithmic time.

A sentence may be a whole page long (a text with no punctuation): every lookup
the detectors make per match is a binary search, so each pass stays linear.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Final

from partycases.text.facts.drafts import Mention

__all__ = ["NO_SPANS", "MentionList", "SpanSet"]

Span = tuple[int, int]


class SpanSet:
    """A union of spans: whether an offset lies in one, and whether one starts there."""

    __slots__ = ("_ends", "_starts", "_starts_at")

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        merged: list[list[int]] = []
        starts_at: set[int] = set()
        for start, end in sorted(spans):
            starts_at.add(start)
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]
        self._starts_at = starts_at

    def __contains__(self, position: object) -> bool:
        if not isinstance(position, int):
            return False
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._ends[index]

    def starts_at(self, position: int) -> bool:
        """Whether one of the spans given starts at ``position``."""
        return position in self._starts_at


#: The empty span set, shared: most sentences claim nothing.
NO_SPANS: Final = SpanSet()


class MentionList(list[Mention]):
    """Mentions in order of their start, with range lookups; not changed once built."""

    _starts: list[int] | None = None

    def between(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in ``[start, end)``."""
        if self._starts is None:
            self._starts = [mention.start for mention in self]
        starts = self._starts
        return self[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
