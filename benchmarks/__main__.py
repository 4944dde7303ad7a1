"""Run every benchmark and print each figure beside its baseline, both measured in the same run.

    python -m benchmarks            # full sizes (a few minutes)
    python -m benchmarks --quick    # small sizes, as CI runs it (no assertion on time)
    python -m benchmarks --json results.json --plot docs/performance.png
    python -m benchmarks --only decode dump   # any subset
    python -m benchmarks.ablation   # where decode time goes (part of the full run)

How figures are taken, so that they survive a shared, busy machine:

* time is CPU time of this process (``time.process_time``), not wall time, so
  waiting for a core someone else holds is not counted;
* every race takes turns: each round runs every contender once, and the order
  rotates from round to round, so neither side always runs first or last;
* a ratio is the median over rounds of the ratio within each round (the two
  sides ran seconds apart), and a time is the best round;
* memory of a stream is read in child processes from ``/proc/self/status``
  (``VmHWM``, the peak of that process image, which ``exec`` starts afresh)
  and from ``tracemalloc``; ``ru_maxrss`` is not used, because a child inherits
  its parent's peak through fork and exec.
"""

from __future__ import annotations

import argparse
import collections
import functools
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

import partycases as pc
from partycases.formats.json import _keys_written
from partycases.models import stated_keys

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_9697d38e8743b09e.txt"
CPU = time.process_time


def race(functions: list[Callable[[], object]], number: int, rounds: int) -> list[list[float]]:
    """CPU seconds per call of each function, one list per function with one entry per round.

    Each round runs every function ``number`` times, starting with a different
    one each round (the order rotates), so a slow spell falls on all of them.
    """
    return race_each(functions, [number] * len(functions), rounds)


def race_each(
    functions: list[Callable[[], object]], numbers: list[int], rounds: int
) -> list[list[float]]:
    """:func:`race`, each function run its own number of times a round (``numbers``)."""
    samples: list[list[float]] = [[] for _ in functions]
    for round_ in range(rounds):
        for step in range(len(functions)):
            index = (round_ + step) % len(functions)
            function, number = functions[index], numbers[index]
            start = CPU()
            for _ in range(number):
                function()
            samples[index].append((CPU() - start) / number)
    return samples


def each(function: Callable[[Any], object], items: list[Any]) -> Callable[[], object]:
    """A call of ``function`` on every item, results dropped at once (in C, as ``deque`` does).

    Every contender drops its results the same way: keeping hundreds of cases
    alive in a list makes the garbage collector walk them, which is not the
    work being measured and falls unevenly on whoever allocates next.
    """
    return lambda: collections.deque(map(function, items), 0)


def paired(ours: list[float], baseline: list[float]) -> float:
    """The median, over rounds, of the ratio of two functions' times within a round."""
    return statistics.median(a / b for a, b in zip(ours, baseline, strict=True))


class Report:
    """Rows of (figure, its value, baseline, the baseline's value, ratio, target), printed as a table."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(  # noqa: PLR0917 - one row, one argument per column
        self,
        name: str,
        value: float,
        baseline: str,
        base_value: float,
        unit: str,
        ratio: float,
        target: float | None = None,
        below: bool = False,
    ) -> None:
        """Add and print a row; ``below`` means the target is an absolute bound on ``value``."""
        figure = value if below else ratio
        met = None if target is None else figure <= target
        self.rows.append(
            {
                "name": name,
                "value": value,
                "unit": unit,
                "baseline": baseline,
                "baseline_value": base_value,
                "ratio": ratio,
                "target": target,
                "met": met,
            }
        )
        verdict = "" if met is None else ("meets" if met else "MISSES")
        goal = "" if target is None else (f"< {target:g} {unit}" if below else f"<= {target:g}x")
        print(
            f"{name:40} {value:10.2f} {unit:6} | {baseline:38} {base_value:10.2f} | "
            f"{ratio:6.2f}x {goal:10} {verdict}",
            flush=True,
        )


def documents(count: int) -> tuple[list[pc.Case], list[bytes]]:
    """Synthetic cases and their canonical JSON."""
    cases = list(pc.generate_cases(count, seed=2026))
    return cases, [pc.dumps(case) for case in cases]


def parsed_documents(sizes: tuple[int, ...], seeds: int) -> list[bytes]:
    """The canonical JSON of cases ``parse_text`` made from benchmark pages.

    Unlike the synthetic cases, each holds its page's text and an evidence span
    for every fact: what a corpus of parsed pages gives the reader.
    """
    from benchmarks.texts import published_text

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        return [
            pc.dumps(pc.parse_text(published_text(size, seed=seed)))
            for seed in range(seeds)
            for size in sizes
        ]


@contextmanager
def _without_case_check() -> Iterator[None]:
    """Validation with the case-wide check replaced by nothing (for the ablation).

    The check runs in the top-level model's after-validator, which looks up
    ``is_sound`` (and, for the JSON reader, ``sound_keys``) in its module at each
    call, so no model needs rebuilding. ``sound_keys`` also counts the keys the
    duplicate-key test needs: without the check, they are counted alone.
    """
    from partycases.models import case as case_module
    from partycases.models import stated_keys

    replaced = {"is_sound": lambda case: True, "sound_keys": stated_keys}
    saved = {name: vars(case_module)[name] for name in replaced}
    for name, stand_in in replaced.items():
        setattr(case_module, name, stand_in)
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(case_module, name, function)


def case_wide_check(case: pc.Case) -> bool:
    """What the case's after-validator runs on a sound case: the fast check.

    The function is looked up as the validator looks it up, as a global of its
    module: an import statement here would be timed with it (about 1.7 µs a
    call, a fifth of the check, in earlier versions of this benchmark).
    """
    return bool(_case_checks().is_sound(case))


@functools.cache
def _case_checks() -> Any:
    from partycases.models import case as case_module

    return case_module


def check_on_fresh_cases(
    documents: list[bytes], rounds: int, *, new_ids: bool = False
) -> tuple[float, float]:
    """Seconds per document of the case-wide check on the case ``loads`` has just made.

    As ``loads`` runs it: each document is validated (with the check stubbed
    out), then the check is timed on that case alone, while its objects are
    still in the processor's caches. A call of a function that does nothing is
    timed the same way, in rounds taking turns with the check's, and taken away:
    what remains is the check. Returns (the check, the call timed empty), best
    round each.

    The check keeps the script folds of the organisation ids it meets
    (``partycases.ids.ID_FOLDS``), so from the second round on every id is one
    met before. With ``new_ids``, what it kept is let go before each document:
    every id is met for the first time, as in a corpus whose cases name
    organisations no case before them named.
    """
    from partycases.ids import FOLD_FIXED_IDS, ID_FOLDS

    check = _case_checks().is_sound
    clock = time.perf_counter_ns

    def timed(function: Callable[[pc.Case], object]) -> float:
        total = 0
        for document in documents:
            case = pc.Case.model_validate_json(document)
            if new_ids:
                ID_FOLDS.clear()
                FOLD_FIXED_IDS.clear()
            start = clock()
            function(case)
            total += clock() - start
        return total / 1e9 / len(documents)

    checked: list[float] = []
    empty: list[float] = []
    with _without_case_check():
        for round_ in range(rounds):
            pair = [(checked, check), (empty, bool)]
            for samples, function in pair if round_ % 2 else pair[::-1]:
                samples.append(timed(function))
    return min(checked) - min(empty), min(empty)


def duplicate_key_test(pair: tuple[pc.Case, bytes]) -> bool:
    """The JSON reader's duplicate-key test on a valid document: the two key counts.

    The two functions are imported once, with the module (as the reader has them);
    an import statement here would be timed at every call.
    """
    case, document = pair
    return _keys_written(document) == stated_keys(case)


def bench_decode(report: Report, count: int, rounds: int, pages: list[bytes]) -> dict[str, float]:
    """Validated decode vs plain pydantic, equal-work msgspec, type-only msgspec and orjson."""
    from benchmarks.msgspec_equal import DECODER as EQUAL
    from benchmarks.msgspec_schema import DECODER as TYPED
    from benchmarks.pydantic_schema import Case as PlainCase
    from partycases.validate import validate_json

    cases, docs = documents(count)
    size = sum(map(len, docs)) / len(docs)
    for doc in docs:  # the equal-work schema must accept every document, or it is not equal
        EQUAL.decode(doc)

    def unchecked() -> None:
        with _without_case_check():
            each(pc.loads, docs)()

    pairs = list(zip(cases, docs, strict=True))
    ours, plain, equal, typed, raw, without, check, keys, validated = race(
        [
            each(pc.loads, docs),
            each(PlainCase.model_validate_json, docs),
            each(EQUAL.decode, docs),
            each(TYPED.decode, docs),
            each(orjson.loads, docs),
            unchecked,
            each(case_wide_check, cases),
            each(duplicate_key_test, pairs),
            each(validate_json, docs),
        ],
        1,
        rounds,
    )
    per = 1e6 / len(docs)
    best = min(ours) * per
    name = f"loads ({size / 1024:.1f} KB docs)"
    report.add(name, best, "plain pydantic, same shape", min(plain) * per, "us",
               paired(ours, plain), 1.3)  # fmt: skip
    report.add(name, best, "msgspec, equal work", min(equal) * per, "us",
               paired(ours, equal), 0.6)  # fmt: skip
    report.add(name, best, "msgspec, types only", min(typed) * per, "us", paired(ours, typed))
    report.add(name, best, "orjson.loads", min(raw) * per, "us", paired(ours, raw))
    report.add("loads without the case-wide check", min(without) * per,
               "plain pydantic, same shape", min(plain) * per, "us", paired(without, plain))  # fmt: skip
    fresh, _ = check_on_fresh_cases(docs, rounds)
    report.add("case-wide check, on the case loads made", fresh * 1e6, "loads", best, "us",
               fresh * 1e6 / best, 5, below=True)  # fmt: skip
    first, _ = check_on_fresh_cases(docs, rounds, new_ids=True)
    report.add("case-wide check, every id met for the first time", first * 1e6, "loads",
               best, "us", first * 1e6 / best)  # fmt: skip
    report.add("case-wide check, on cases made earlier", min(check) * per, "loads",
               best, "us", paired(check, ours))  # fmt: skip
    report.add("duplicate-key test per document", min(keys) * per, "loads",
               best, "us", paired(keys, ours))  # fmt: skip
    # Neither baseline refuses a key given twice (both keep the last): the same
    # validation without that test, through the library's validation gateway.
    name = "loads without the duplicate-key test"
    report.add(name, min(validated) * per, "plain pydantic, same shape", min(plain) * per,
               "us", paired(validated, plain))  # fmt: skip
    report.add(name, min(validated) * per, "msgspec, equal work", min(equal) * per,
               "us", paired(validated, equal))  # fmt: skip
    bench_decode_pages(report, pages, rounds)
    return {"loads": best}


def bench_decode_pages(report: Report, pages: list[bytes], rounds: int) -> None:
    """Validated decode of parsed pages (text and evidence) vs the same baselines."""
    from benchmarks.msgspec_equal import DECODER as EQUAL
    from benchmarks.pydantic_schema import Case as PlainCase
    from partycases.validate import validate_json

    for doc in pages:  # the equal-work schema must accept every document, or it is not equal
        EQUAL.decode(doc)
    ours, plain, equal, validated = race(
        [
            each(pc.loads, pages),
            each(PlainCase.model_validate_json, pages),
            each(EQUAL.decode, pages),
            each(validate_json, pages),
        ],
        1,
        rounds,
    )
    per = 1e6 / len(pages)
    size = sum(map(len, pages)) / len(pages)
    name = f"loads, parsed pages ({size / 1024:.1f} KB docs)"
    report.add(name, min(ours) * per, "plain pydantic, same shape", min(plain) * per, "us",
               paired(ours, plain))  # fmt: skip
    report.add(name, min(ours) * per, "msgspec, equal work", min(equal) * per, "us",
               paired(ours, equal))  # fmt: skip
    name = "parsed pages, no duplicate-key test"
    report.add(name, min(validated) * per, "plain pydantic, same shape", min(plain) * per,
               "us", paired(validated, plain))  # fmt: skip


def bench_ablation(report: Report, rounds: int) -> None:
    """loads with one kind of check taken out (models rebuilt), against plain pydantic."""
    from benchmarks.ablation import run_all

    results = run_all(rounds)
    for variant, (ours, plain, ratio) in results.items():
        name = "validation, every check" if variant == "none" else f"validation without {variant}"
        report.add(name, ours, "plain pydantic (same process)", plain, "us", ratio)


def bench_dump(report: Report, count: int, rounds: int) -> None:
    """Canonical dumps vs pydantic's own bytes path for the same output."""
    from partycases.formats.json import dumps_compact

    cases, _ = documents(count)
    to_json = pc.Case.__pydantic_serializer__.to_json
    indented, compact, base_indented, base_compact, earlier = race(
        [
            each(pc.dumps, cases),
            each(dumps_compact, cases),
            each(functools.partial(to_json, indent=2, exclude_defaults=True), cases),
            each(functools.partial(to_json, exclude_defaults=True), cases),
            each(pc.Case.model_dump_json, cases),
        ],
        1,
        rounds,
    )
    per = 1e6 / len(cases)
    report.add("dumps (canonical, one line)", min(compact) * per,
               "to_json(exclude_defaults=True)", min(base_compact) * per, "us",
               paired(compact, base_compact), 1.05)  # fmt: skip
    report.add("dumps (canonical, indented)", min(indented) * per,
               "to_json(indent=2, exclude_defaults=True)", min(base_indented) * per, "us",
               paired(indented, base_indented), 1.2)  # fmt: skip
    report.add("dumps (canonical, indented)", min(indented) * per,
               "model_dump_json() (the old baseline)", min(earlier) * per, "us",
               paired(indented, earlier))  # fmt: skip


_STREAM = """
import sys, time
kind, mode, path = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, sys.argv[4])

def hwm():
    # Peak resident set of this process image, in kB (exec starts it afresh).
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0

if kind == "partycases":
    import partycases
    with open(path, "rb") as first:
        partycases.loads(first.readline())  # build the models before measuring
    items = lambda: partycases.iter_cases(path)
else:
    from benchmarks.msgspec_equal import DECODER
    with open(path, "rb") as first:
        DECODER.decode(first.readline())  # the same warm-up: tables the first case builds
    def items():
        with open(path, "rb") as lines:
            for line in lines:
                yield DECODER.decode(line)
if mode == "traced":
    import tracemalloc
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
before = hwm()
start = time.process_time()
count = sum(1 for _ in items())
elapsed = time.process_time() - start
after = hwm()
traced = tracemalloc.get_traced_memory()[1] - base if mode == "traced" else 0
print(count, elapsed, (after - before) / 1024, after / 1024, traced / 2**20)
"""


def _stream(kind: str, mode: str, path: Path) -> tuple[int, float, float, float, float]:
    """Stream ``path`` in a fresh child process: count, CPU s, VmHWM growth and peak, traced peak (MB)."""
    out = subprocess.run(
        [sys.executable, "-c", _STREAM, kind, mode, str(path), str(ROOT)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.split()
    return int(out[0]), float(out[1]), float(out[2]), float(out[3]), float(out[4])


def bench_corpus(report: Report, timed: int, streamed: int, rounds: int, scratch: Path) -> None:
    """iter_cases: time per document against loads of the same lines, and memory while streaming."""
    small = scratch / "timed.jsonl"
    pc.dump_jsonl(pc.generate_cases(timed, seed=7), small)

    def loop_loads() -> None:
        with small.open("rb") as lines:
            for line in lines:
                pc.loads(line)

    ours, base = race([lambda: sum(1 for _ in pc.iter_cases(small)), loop_loads], 1, rounds)
    report.add(f"iter_cases, {timed:,} cases", min(ours) / timed * 1e6,
               "loads of each line", min(base) / timed * 1e6, "us/doc", paired(ours, base), 1.1)  # fmt: skip

    big = scratch / "streamed.jsonl"
    pc.dump_jsonl(pc.generate_cases(streamed, seed=8), big)
    kinds = ["partycases", "msgspec"]
    results: dict[str, list[tuple[int, float, float, float, float]]] = {k: [] for k in kinds}
    for round_ in range(2):  # fresh children, taking turns, the order rotating
        for step in range(len(kinds)):
            kind = kinds[(round_ + step) % len(kinds)]
            results[kind].append(_stream(kind, "rss", big))
    traced = {kind: _stream(kind, "traced", big)[4] for kind in kinds}
    ours_rss = min(results["partycases"], key=lambda r: r[2])
    base_rss = min(results["msgspec"], key=lambda r: r[2])
    assert ours_rss[0] == streamed
    report.add(f"iter_cases, {streamed:,} cases: VmHWM growth", ours_rss[2],
               "equal-work msgspec line loop", base_rss[2], "MB",
               ours_rss[2] / max(base_rss[2], 0.01), 10, below=True)  # fmt: skip
    report.add(f"iter_cases, {streamed:,} cases: peak VmHWM", ours_rss[3],
               "equal-work msgspec line loop", base_rss[3], "MB", ours_rss[3] / base_rss[3])  # fmt: skip
    report.add(f"iter_cases, {streamed:,} cases: traced peak", traced["partycases"],
               "equal-work msgspec line loop", traced["msgspec"], "MB",
               traced["partycases"] / max(traced["msgspec"], 0.01), 10, below=True)  # fmt: skip


def _repeated(function: Callable[[str], object], text: str, times: int) -> None:
    for _ in range(times):
        function(text)


def bench_parse(
    report: Report, sizes: list[int], rounds: int, lengths: tuple[int, int], sentences: int
) -> list[tuple[int, float, float, int]]:
    """parse_text against one OpenCC pass: the published seed, growing inputs, and memory.

    Then texts that were once quadratic to parse, each at ``lengths`` (characters), and
    pages of ``sentences`` sentences of one kind each.
    """
    import tracemalloc
    import warnings

    import opencc

    from benchmarks.texts import published_text

    converter = opencc.OpenCC("t2s")
    warnings.simplefilter("ignore", pc.PartycasesWarning)
    seed = SEED.read_text(encoding="utf-8") if SEED.exists() else published_text(6_000, seed=1)
    pc.parse_text(seed)
    ours, base = race([lambda: pc.parse_text(seed), lambda: converter.convert(seed)], 5, rounds)
    kb = len(seed.encode()) / 1024
    label = "the published seed" if SEED.exists() else "a seed-sized text"
    report.add(f"parse_text, {label} ({kb:.0f} KB)", min(ours) * 1e3,
               "one OpenCC t2s pass", min(base) * 1e3, "ms", paired(ours, base), 15)  # fmt: skip
    # Every size in one race, each function parsing about the largest size's worth
    # of text per round: the sizes take turns, so a slow spell of the machine falls
    # on all of them (measured one after the other, they met different moments of it).
    # One document whose body grows, with a published case's density of facts
    # (see benchmarks/texts.py for why not several documents back to back).
    texts = [published_text(size, seed=4) for size in sizes]
    repeats = [max(1, sizes[-1] // size) for size in sizes]
    contenders: list[Callable[[], object]] = []
    for text, repeat in zip(texts, repeats, strict=True):
        contenders += [functools.partial(_repeated, pc.parse_text, text, repeat),
                       functools.partial(_repeated, converter.convert, text, repeat)]  # fmt: skip
    samples = race(contenders, 1, max(3, rounds * 2 // 3))
    points = []
    per_byte: list[list[float]] = []
    for index, (text, repeat) in enumerate(zip(texts, repeats, strict=True)):
        ours = [time / repeat for time in samples[2 * index]]
        base = [time / repeat for time in samples[2 * index + 1]]
        gc.collect()
        tracemalloc.start()  # peak memory of one call, traced apart from the timing
        pc.parse_text(text)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        length = len(text.encode())
        points.append((length, min(ours), min(base), peak))
        if length >= 8_000:
            per_byte.append([time / length for time in ours])
        report.add(f"parse_text, {length / 1024:.0f} KB", length / min(ours) / 1e6,
                   "one OpenCC t2s pass", length / min(base) / 1e6, "MB/s", paired(ours, base),
                   20 if length >= 60_000 else None)  # fmt: skip
    # Each size's best round (the sizes took turns, so each had the same chances at a quiet
    # moment), then the slowest size per byte over the fastest.
    slowest = max(min(times) for times in per_byte)
    fastest = min(min(times) for times in per_byte)
    report.add("parse_text time per byte, max/min", slowest * 1e9,
               f"{points[0][0] // 1024} KB to {points[-1][0] // 1024} KB", fastest * 1e9,
               "ns/B", slowest / fastest, 1.3)  # fmt: skip
    size, _, _, peak = points[-1]
    report.add(f"parse_text peak traced, {size / 1024:.0f} KB", peak / 1e6, "the input",
               size / 1e6, "MB", peak / size)  # fmt: skip
    _bench_growth(report, lengths, max(3, rounds // 2))
    _bench_kinds(report, converter, sentences, max(3, rounds // 2))
    scripts = [(label, seed, 5), ("the 64 KB page", texts[sizes.index(65_536)], 1)]
    _bench_simplified(report, converter, scripts, max(3, rounds // 2))
    return points


def _bench_simplified(
    report: Report, converter: Any, texts: list[tuple[str, str, int]], rounds: int
) -> None:
    """Each Traditional text converted to Simplified by OpenCC, parsed, against two baselines.

    One OpenCC pass over the Simplified text, which leaves almost every character as it is
    and so runs faster than over the original; and the parse of the Traditional original.
    Each text comes with the calls a contender makes in a round.
    """
    contenders: list[Callable[[], object]] = []
    for _, text, _ in texts:
        simplified = converter.convert(text)
        pc.parse_text(simplified)
        contenders += [functools.partial(pc.parse_text, simplified),
                       functools.partial(converter.convert, simplified),
                       functools.partial(pc.parse_text, text)]  # fmt: skip
    numbers = [number for _, _, number in texts for _ in range(3)]
    samples = race_each(contenders, numbers, rounds)
    for index, (label, _, _) in enumerate(texts):
        ours, base, original = samples[3 * index : 3 * index + 3]
        name = f"parse_text, {label} in Simplified script"
        report.add(name, min(ours) * 1e3, "one OpenCC t2s pass over it", min(base) * 1e3, "ms",
                   paired(ours, base))  # fmt: skip
        report.add(name, min(ours) * 1e3, "parse_text, the Traditional original",
                   min(original) * 1e3, "ms", paired(ours, original))  # fmt: skip


def _bench_kinds(report: Report, converter: Any, count: int, rounds: int) -> None:
    """Pages whose body is ``count`` sentences of one kind: what each kind costs against OpenCC."""
    from benchmarks.texts import SENTENCE_KINDS, kind_text

    texts = [kind_text(kind, count) for kind in SENTENCE_KINDS]
    contenders: list[Callable[[], object]] = []
    for text in texts:
        pc.parse_text(text)
        contenders += [functools.partial(pc.parse_text, text),
                       functools.partial(converter.convert, text)]  # fmt: skip
    samples = race(contenders, 1, rounds)
    for index, (kind, text) in enumerate(zip(SENTENCE_KINDS, texts, strict=True)):
        ours, base = samples[2 * index], samples[2 * index + 1]
        report.add(f"parse_text, {count} sentences: {kind} ({len(text.encode()) / 1024:.1f} KB)",
                   min(ours) / count * 1e6, "one OpenCC t2s pass", min(base) / count * 1e6,
                   "us/sentence", paired(ours, base))  # fmt: skip


def _bench_growth(report: Report, lengths: tuple[int, int], rounds: int) -> None:
    """The worst of the repeated units: the longer text's time over the shorter's (linear: 4x)."""
    from benchmarks.texts import REPEATED_UNITS, repeated

    short, long = lengths
    worst: tuple[float, str, float, float] | None = None
    for name, unit in REPEATED_UNITS.items():
        texts = [repeated(unit, short), repeated(unit, long)]
        pc.parse_text(texts[0])
        small, large = race([functools.partial(pc.parse_text, text) for text in texts], 1, rounds)
        ratio = paired(large, small)
        if worst is None or ratio > worst[0]:
            worst = (ratio, name, min(large), min(small))
    assert worst is not None
    ratio, name, large_time, small_time = worst
    report.add(f"parse_text, {long:,} vs {short:,} characters, worst: {name}", large_time * 1e3,
               "the same unit, a quarter as long", small_time * 1e3, "ms", ratio, 6)  # fmt: skip


_IMPORT = "import time\nt = time.process_time()\n{code}\nprint(time.process_time() - t)"
_SNIPPETS = {
    "pydantic": "import pydantic",
    "one model": "from pydantic import BaseModel\nclass M(BaseModel):\n    x: int",
    # The same, with the constrained types every validating schema uses (they
    # live in pydantic.types, which imports hashlib, secrets and base64).
    "constrained": (
        "from typing import Annotated\nfrom pydantic import BaseModel, StringConstraints\n"
        "class M(BaseModel):\n    x: Annotated[str, StringConstraints(pattern='^a')]"
    ),
    "partycases": "import partycases",
    "ready": "import partycases; partycases.Case",
}


def _import_time(code: str, env: dict[str, str]) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT.format(code=code)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    return float(out)


def bench_import(report: Report, rounds: int, scratch: Path) -> None:
    """import partycases ready to validate vs pydantic with one model, with and without bytecode."""
    with_bytecode = {**os.environ}
    with_bytecode.pop("PYTHONDONTWRITEBYTECODE", None)
    with_bytecode.pop("PYTHONPYCACHEPREFIX", None)
    # Without bytecode: an empty cache folder and no writing, so every module,
    # pydantic's as well as ours, is compiled from source in each process.
    without = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1",
               "PYTHONPYCACHEPREFIX": str(scratch / "no-pycache")}  # fmt: skip
    for code in _SNIPPETS.values():  # write the bytecode once, before timing
        _import_time(code, with_bytecode)
    for label, env, count in (
        ("", with_bytecode, rounds),
        (", no bytecode", without, max(2, rounds // 2)),
    ):
        names = list(_SNIPPETS)
        samples: dict[str, list[float]] = {name: [] for name in names}
        for round_ in range(count):  # fresh processes, taking turns, the order rotating
            for step in range(len(names)):
                name = names[(round_ + step) % len(names)]
                samples[name].append(_import_time(_SNIPPETS[name], env))
        best = {name: min(values) * 1e3 for name, values in samples.items()}
        report.add(f"import partycases; Case{label}", best["ready"],
                   "pydantic + one model", best["one model"], "ms",
                   paired(samples["ready"], samples["one model"]), 1.3)  # fmt: skip
        report.add(f"import partycases; Case{label}", best["ready"],
                   "pydantic + one constrained model", best["constrained"], "ms",
                   paired(samples["ready"], samples["constrained"]))  # fmt: skip
        report.add(f"import partycases{label}", best["partycases"], "import pydantic",
                   best["pydantic"], "ms", paired(samples["partycases"], samples["pydantic"]))  # fmt: skip
    leaked = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, partycases; partycases.Case; "
            "print(sorted(m for m in ('yaml', 'pyarrow', 'rich', 'click', 'tomli_w', 'duckdb') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"{'optional dependencies imported':40} {leaked}")


def bench_parquet(report: Report, count: int, scratch: Path) -> None:
    """write_parquet vs writing the same rows with pyarrow directly (one round each)."""
    import pyarrow.parquet as pq

    cases = list(pc.generate_cases(count, seed=9))
    gc.collect()
    start = CPU()
    pc.write_parquet(cases, scratch / "ours")
    ours = CPU() - start
    tables = pc.to_arrow(cases)
    start = CPU()
    for name, table in tables.items():
        pq.write_table(table, scratch / f"{name}.parquet")
    direct = CPU() - start
    report.add(f"write_parquet, {count:,} cases", count / ours,
               "pyarrow write of the built tables", count / direct, "cases/s", ours / direct)  # fmt: skip


def plot(points: list[tuple[int, float, float, int]], path: Path) -> None:
    """Time, throughput and memory against input size, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [p[0] / 1024 for p in points]
    fig, (left, right, memory) = plt.subplots(1, 3, figsize=(14, 4))
    left.loglog(sizes, [p[1] * 1e3 for p in points], "o-", label="parse_text")
    left.loglog(sizes, [p[2] * 1e3 for p in points], "s--", label="OpenCC t2s pass")
    left.set_xlabel("input (KB)")
    left.set_ylabel("CPU time (ms)")
    left.set_title("Time against input size")
    left.legend()
    right.semilogx(sizes, [p[0] / p[1] / 1e6 for p in points], "o-")
    right.set_xlabel("input (KB)")
    right.set_ylabel("MB/s")
    right.set_title("parse_text throughput")
    right.set_ylim(bottom=0)
    memory.loglog(sizes, [p[3] / 1e6 for p in points], "o-", label="parse_text peak")
    memory.loglog(sizes, [p[0] / 1e6 for p in points], ":", label="the input itself")
    memory.set_xlabel("input (KB)")
    memory.set_ylabel("peak traced memory (MB)")
    memory.set_title("Memory against input size")
    memory.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> int:
    """Run the suite."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes (CI)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--plot", type=Path, help="write the parse_text scaling plot here (PNG)")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["decode", "ablation", "dump", "corpus", "parse", "import", "parquet"],
        help="run only these benchmarks",
    )
    args = parser.parse_args()
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
        f"partycases {pc.__version__}, quick={args.quick}; CPU times, alternating rounds"
    )
    report = Report()
    quick = args.quick
    everything = ["decode", "ablation", "dump", "corpus", "parse", "import", "parquet"]
    # The ablation rebuilds the models in twelve fresh processes: not in the quick run.
    chosen = set(args.only or [name for name in everything if not (quick and name == "ablation")])
    points: list[tuple[int, float, float, int]] = []
    with tempfile.TemporaryDirectory() as scratch:
        if "decode" in chosen:
            pages = parsed_documents((4_096, 16_384) if quick else (4_096, 8_192, 16_384),
                                     2 if quick else 6)  # fmt: skip
            bench_decode(report, 60 if quick else 300, 9 if quick else 31, pages)
        if "ablation" in chosen:
            bench_ablation(report, 9 if quick else 15)
        if "dump" in chosen:
            bench_dump(report, 60 if quick else 300, 9 if quick else 31)
        if "corpus" in chosen:
            bench_corpus(report, 1_000 if quick else 10_000, 2_000 if quick else 100_000,
                         3 if quick else 7, Path(scratch))  # fmt: skip
        if "parse" in chosen:
            from benchmarks.texts import KIND_SENTENCES

            sizes = [8_192, 65_536] if quick else [8_192, 65_536, 262_144, 1_048_576]
            lengths = (3_000, 12_000) if quick else (12_000, 48_000)
            points = bench_parse(report, sizes, 3 if quick else 9, lengths,
                                 40 if quick else KIND_SENTENCES)  # fmt: skip
        if "import" in chosen:
            bench_import(report, 3 if quick else 11, Path(scratch))
        if "parquet" in chosen:
            bench_parquet(report, 500 if quick else 100_000, Path(scratch))
    if args.json:
        args.json.write_text(json.dumps(report.rows, indent=2) + "\n", encoding="utf-8")
    if args.plot and points:
        plot(points, args.plot)
    missed = [row["name"] for row in report.rows if row["met"] is False]
    print(
        f"\n{len(report.rows)} figures, {len(missed)} targets missed"
        + (f": {', '.join(missed)}" if missed else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
