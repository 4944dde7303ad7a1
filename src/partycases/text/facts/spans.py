"""Span sets and mention lists with lookups in logarithmic time.

A sentence may be a whole page long (a text with no punctuation): every lookup
the detectors make per match is a binary search, so each pass stays linear.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Iterable, Iterator
from typing import Final

from partycases.text.facts.drafts import Mention

__all__ = ["NO_SPANS", "MentionList", "SpanSet"]

Span = tuple[int, int]
_START: Final = operator.itemgetter(0)


class SpanSet:
    """A union of spans: whether an offset lies in one, and whether one starts there."""

    __slots__ = ("_ends", "_given", "_starts")

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        given = sorted(spans)
        self._given = given
        if len(given) == 1:  # most sets hold one span
            ((start, end),) = given
            self._starts, self._ends = [start], [end]
            return
        starts: list[int] = []
        ends: list[int] = []
        for start, end in given:
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        self._starts, self._ends = starts, ends

    def __contains__(self, position: object) -> bool:
        if not isinstance(position, int):
            return False
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._ends[index]

    def merged(self) -> Iterator[Span]:
        """The union's spans in order, overlapping and touching ones merged."""
        return zip(self._starts, self._ends, strict=True)

    def starts_at(self, position: int) -> bool:
        """Whether one of the spans given starts at ``position``."""
        given = self._given
        index = bisect.bisect_left(given, position, key=_START)
        return index < len(given) and given[index][0] == position


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
