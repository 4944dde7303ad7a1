"""Where a parse's time goes: parse_text's stages, timed inside real calls.

    python -m benchmarks.stages                 # the seed, and the 8 KB, 64 KB and 256 KB pages
    python -m benchmarks.stages 65536 1048576   # pages of any sizes, in bytes
    python -m benchmarks.stages --kinds         # pages of one kind of sentence each

Each stage is a function parse_text calls (see :data:`STAGES`). While it runs
here, each is wrapped in a timer of the calling thread's CPU time (another
busy thread of the process is not counted), so the whole parse runs as it
always does and each stage's time is read inside it; what no stage covers
is "the rest". One timing runs at a time: the timers replace the parser's
own functions for the whole process. Each stage is also given as a multiple of one
OpenCC pass over the same text, the baseline of ``python -m benchmarks``,
timed as it times it: several passes back to back, a short text's more, so
that OpenCC runs with its tables in the processor's caches (one pass right
after a parse took 1.8x as long on the seed). A figure is the median over the
rounds; each round parses once, then converts.

With ``--kinds``, each page's body is ``benchmarks.texts.KIND_SENTENCES`` sentences of one of
the kinds the benchmark's pages are drawn from (``benchmarks.texts.SENTENCE_KINDS``),
and each stage is also given per sentence: which stages a kind of sentence
costs in, where a page of mixed kinds gives only the blend.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Final

import partycases as pc
from benchmarks.__main__ import SEED
from benchmarks.texts import KIND_SENTENCES, SENTENCE_KINDS, kind_text, published_text
from partycases.text import facts, parse

__all__ = ["STAGES", "stage_times", "timed_stages"]

#: Each stage by name, with the object and attribute of the function that runs it. None of
#: them calls another: a parse's stages add up to no more than the parse.
STAGES: Final[tuple[tuple[str, object, str], ...]] = (
    ("fold", parse, "fold"),
    ("layout", parse, "read_layout"),
    ("facts, first pass", facts._Extractor, "first_pass"),
    ("facts, second pass", facts._Extractor, "second_pass"),
    ("assembly", facts, "assemble"),
    ("validation", parse, "_validated"),
)
REST: Final = "the rest"
CPU = time.thread_time
#: Held while the timers are installed: a second timing would save the first one's timers as
#: the parser's functions, and put them back for good when it ends.
_INSTALLED: Final = threading.Lock()


@contextmanager
def timed_stages() -> Iterator[dict[str, list[float]]]:
    """While open, every stage adds its CPU seconds (one entry per call) to the dict it yields.

    Raises RuntimeError if another timing is open, in this thread or another.
    """
    if not _INSTALLED.acquire(blocking=False):
        raise RuntimeError("stage timings are already running: one timing at a time")
    try:
        spent: dict[str, list[float]] = {name: [] for name, _, _ in STAGES}
        originals = [(owner, attr, getattr(owner, attr)) for _, owner, attr in STAGES]

        def timer(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
            @functools.wraps(function)
            def timed(*args: Any, **kwargs: Any) -> Any:
                start = CPU()
                try:
                    return function(*args, **kwargs)
                finally:
                    spent[name].append(CPU() - start)

            return timed

        try:
            for (name, _, _), (owner, attr, function) in zip(STAGES, originals, strict=True):
                setattr(owner, attr, timer(name, function))
            yield spent
        finally:
            for owner, attr, function in originals:
                setattr(owner, attr, function)
    finally:
        _INSTALLED.release()


def stage_times(text: str, rounds: int, repeat: int = 1) -> tuple[dict[str, float], float, float]:
    """Median CPU seconds of each stage of ``parse_text(text)`` (and of the rest), the parse's, OpenCC's.

    Each round parses once, then converts ``repeat`` times back to back (OpenCC's time is
    per pass); every stage must run once per parse.
    """
    import opencc

    converter = opencc.OpenCC("t2s")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        pc.parse_text(text)  # caches and lexicons loaded before timing
        totals: list[float] = []
        converts: list[float] = []
        with timed_stages() as spent:
            for _ in range(rounds):
                start = CPU()
                pc.parse_text(text)
                totals.append(CPU() - start)
                start = CPU()
                for _ in range(repeat):
                    converter.convert(text)
                converts.append((CPU() - start) / repeat)
    for name, times in spent.items():
        if len(times) != rounds:
            raise RuntimeError(f"stage {name!r} ran {len(times)} times in {rounds} parses")
    rests = [total - sum(times[i] for times in spent.values()) for i, total in enumerate(totals)]
    medians = {name: statistics.median(times) for name, times in spent.items()}
    medians[REST] = statistics.median(rests)
    return medians, statistics.median(totals), statistics.median(converts)


def report(label: str, text: str, rounds: int, sentences: int | None = None) -> None:
    """Print each stage's time, share of the parse and multiple of one OpenCC pass.

    Given the page's count of ``sentences``, each stage's time per sentence too.
    """
    length = len(text.encode())
    # OpenCC's passes back to back, about 256 KB of them a round (the benchmark, too, runs
    # them back to back: five of the seed, a megabyte's worth of a page).
    stages, total, convert = stage_times(text, rounds, max(1, 262_144 // length))
    size = length / 1024
    print(f"{label} ({size:.1f} KB): parse {total * 1e3:.2f} ms, {total / convert:.1f}x OpenCC "
          f"({convert * 1e3:.3f} ms), median of {rounds}")  # fmt: skip
    for name, seconds in stages.items():
        each = f" {seconds / sentences * 1e6:8.2f} us a sentence" if sentences else ""
        print(f"  {name:20} {seconds * 1e3:9.3f} ms {seconds / total:7.1%} "
              f"{seconds / convert:7.2f}x OpenCC{each}")  # fmt: skip


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive whole number")
    return number


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages", description=__doc__)
    parser.add_argument("sizes", nargs="*", type=_positive, help="page sizes in bytes")
    parser.add_argument("--rounds", type=_positive, help="rounds (default: by size)")
    parser.add_argument(
        "--kinds",
        action="store_true",
        help=f"pages of {KIND_SENTENCES} sentences of one kind each (with sizes: those pages too)",
    )
    args = parser.parse_args(argv)
    texts: list[tuple[str, str, int | None]] = []
    if not args.sizes and not args.kinds:
        if SEED.exists():
            texts.append(("the published seed", SEED.read_text(encoding="utf-8"), None))
        args.sizes = [8_192, 65_536, 262_144]
    texts += [
        (f"page of {size:,} bytes", published_text(size, seed=4), None) for size in args.sizes
    ]
    if args.kinds:
        texts += [
            (f"{KIND_SENTENCES} sentences: {kind}", kind_text(kind, KIND_SENTENCES), KIND_SENTENCES)
            for kind in SENTENCE_KINDS
        ]
    for label, text, sentences in texts:
        rounds = args.rounds or max(5, min(101, 2_000_000 // len(text.encode())))
        report(label, text, rounds, sentences)


if __name__ == "__main__":
    main()
