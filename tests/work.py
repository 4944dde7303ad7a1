"""Work counted in steps, not seconds: how the tests bound the cost of costly inputs.

A step is a line of Python run or a call into C. Counting them is exact (the
same code on the same input takes the same steps on any machine, however busy),
so a bound on steps can be tight where a bound on seconds must be loose, and it
never fails for noise. It sees the Python loops that made earlier versions
quadratic; what a single C call costs (a regex over a long span) it does not
weigh: time, and instructions under callgrind, are measured by the benchmarks
(``python -m benchmarks``), never here.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import partycases as pc


def steps(function: Callable[[], object]) -> int:
    """The steps ``function()`` takes: Python lines run and C functions called.

    A ``LoadError`` it raises is part of its work. The hooks in place before
    (a debugger's, a coverage tool's) are put back afterwards.
    """
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        count += 1
        return trace

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event == "c_call":
            count += 1

    before_trace, before_profile = sys.gettrace(), sys.getprofile()
    sys.settrace(trace)
    sys.setprofile(profile)
    try:
        with contextlib.suppress(pc.LoadError):
            function()
    finally:
        sys.settrace(before_trace)
        sys.setprofile(before_profile)
    return count


def growth(work: Callable[[int], object], small: int, large: int) -> float:
    """How many times the steps of ``work(small)`` ``work(large)`` takes.

    ``work(small)`` runs once first, untraced, so that caches filled on first
    use (compiled patterns, memoised names) are full for both counts.
    """
    with contextlib.suppress(pc.LoadError):
        work(small)
    return steps(lambda: work(large)) / max(steps(lambda: work(small)), 1)
