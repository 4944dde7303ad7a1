"""Run every benchmark and print each figure as a ratio to a baseline measured in the same run.

    python -m benchmarks            # full sizes (100,000-case corpus; about two minutes)
    python -m benchmarks --quick    # small sizes, as CI runs it (no assertion on time)
    python -m benchmarks --json results.json --plot docs/performance.png

Each figure and its baselines take turns over several rounds (see :func:`race`)
and the best round of each counts, so the ratios survive a noisy machine better
than absolute times.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

import partycases as pc

ROOT = Path(__file__).resolve().parent.parent


def race(functions: list[Callable[[], object]], number: int, rounds: int = 9) -> list[float]:
    """Best seconds per call of each function, over rounds that take turns.

    Every round times each function once, one after the other, so a slow spell
    of a shared machine falls on all of them rather than on whichever ran then.
    """
    times = [float("inf")] * len(functions)
    for _ in range(rounds):
        for index, function in enumerate(functions):
            times[index] = min(times[index], timeit.timeit(function, number=number) / number)
    return times


class Report:
    """Rows of (benchmark, value, baseline, ratio, target), printed as a table."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(  # noqa: PLR0917 - one row, one argument per column
        self, name: str, value: float, unit: str, baseline: str, ratio: float, target: float | None
    ) -> None:
        met = None if target is None else ratio <= target
        self.rows.append(
            {
                "name": name,
                "value": value,
                "unit": unit,
                "baseline": baseline,
                "ratio": ratio,
                "target": target,
                "met": met,
            }
        )
        verdict = "" if met is None else ("meets" if met else "MISSES")
        goal = "" if target is None else f"<= {target:g}x"
        print(
            f"{name:44} {value:12.2f} {unit:8} {ratio:7.2f}x {baseline:34} {goal:8} {verdict}",
            flush=True,
        )


def documents(count: int) -> tuple[list[pc.Case], list[bytes]]:
    """Synthetic cases and their canonical JSON."""
    cases = list(pc.generate_cases(count, seed=2026))
    return cases, [pc.dumps(case) for case in cases]


def bench_decode(report: Report, count: int) -> None:
    """Validated decode vs msgspec typed decode vs orjson."""
    from benchmarks.msgspec_schema import DECODER
    from benchmarks.pydantic_schema import Case as PlainCase

    _, docs = documents(count)
    size = sum(map(len, docs)) / len(docs)
    ours, typed, plain, raw = (
        seconds / len(docs)
        for seconds in race(
            [
                lambda: [pc.loads(d) for d in docs],
                lambda: [DECODER.decode(d) for d in docs],
                lambda: [PlainCase.model_validate_json(d) for d in docs],
                lambda: [orjson.loads(d) for d in docs],
            ],
            1,
            rounds=25,
        )
    )
    report.add(
        f"loads (validated, {size / 1024:.1f} KB docs)",
        ours * 1e6,
        "us",
        "msgspec typed decode",
        ours / typed,
        1.6,
    )
    report.add("loads", ours * 1e6, "us", "orjson.loads", ours / raw, None)
    report.add("loads", ours * 1e6, "us", "plain pydantic, same shape", ours / plain, None)
    report.add(
        "plain pydantic, same shape (the floor)",
        plain * 1e6,
        "us",
        "msgspec typed decode",
        plain / typed,
        None,
    )


def bench_dump(report: Report, count: int) -> None:
    """Canonical dumps vs pydantic's fastest dump and orjson of the dict."""
    cases, _ = documents(count)
    data = [case.model_dump(mode="json") for case in cases]
    ours, compact, fastest, plain = (
        seconds / len(cases)
        for seconds in race(
            [
                lambda: [pc.dumps(c) for c in cases],
                lambda: [pc.dumps(c, format="jsonl") for c in cases],
                lambda: [c.model_dump_json() for c in cases],
                lambda: [orjson.dumps(d) for d in data],
            ],
            1,
            rounds=25,
        )
    )
    report.add(
        "dumps (canonical, indented)",
        ours * 1e6,
        "us",
        "pydantic model_dump_json()",
        ours / fastest,
        1.15,
    )
    report.add(
        "dumps (canonical, one line)",
        compact * 1e6,
        "us",
        "pydantic model_dump_json()",
        compact / fastest,
        1.15,
    )
    report.add(
        "dumps (canonical, indented)", ours * 1e6, "us", "orjson.dumps(dict)", ours / plain, None
    )


_STREAM = """
import gc, resource, sys, time
kind, path = sys.argv[1], sys.argv[2]
import orjson
if kind == "partycases":
    import partycases
    partycases.loads(open(path, "rb").readline())  # build the models before the clock starts
    items = partycases.iter_cases(path)
elif kind == "msgspec":
    sys.path.insert(0, sys.argv[3])
    from benchmarks.msgspec_schema import DECODER
    items = (DECODER.decode(line) for line in open(path, "rb"))
else:
    items = (orjson.loads(line) for line in open(path, "rb"))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
count = sum(1 for _ in items)
elapsed = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(count, elapsed, (after - before) / 1024, after / 1024)
"""


def _stream(kind: str, path: Path) -> tuple[int, float, float, float]:
    out = subprocess.run(
        [sys.executable, "-c", _STREAM, kind, str(path), str(ROOT)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.split()
    return int(out[0]), float(out[1]), float(out[2]), float(out[3])


def bench_corpus(report: Report, count: int, scratch: Path) -> None:
    """iter_cases over a JSON Lines corpus: docs/s and peak RSS growth."""
    path = scratch / "corpus.jsonl"
    pc.dump_jsonl(pc.generate_cases(count, seed=7), path)
    results = {
        kind: min((_stream(kind, path) for _ in range(2)), key=lambda r: r[1])
        for kind in ("partycases", "msgspec", "orjson")
    }
    n, ours, growth, peak = results["partycases"]
    assert n == count
    rate = n / ours
    report.add(
        f"iter_cases over {count:,} cases",
        rate,
        "docs/s",
        "streamed msgspec typed decode",
        ours / results["msgspec"][1],
        1.6,
    )
    report.add(
        f"iter_cases over {count:,} cases",
        rate,
        "docs/s",
        "bare orjson line loop",
        ours / results["orjson"][1],
        None,
    )
    report.add("iter_cases peak RSS growth", growth, "MB", "target: under 50 MB", growth / 50, 1.0)
    report.add(
        "iter_cases peak RSS (whole process)",
        peak,
        "MB",
        "msgspec loop's peak RSS",
        peak / results["msgspec"][3],
        None,
    )


def bench_parse(report: Report, sizes: list[int]) -> list[tuple[int, float, float, int]]:
    """parse_text throughput vs one OpenCC pass, over growing inputs (linearity), and its memory."""
    import tracemalloc
    import warnings

    import opencc

    from benchmarks.texts import published_text

    converter = opencc.OpenCC("t2s")
    points = []
    warnings.simplefilter("ignore", pc.PartycasesWarning)
    pc.parse_text(published_text(300))
    for size in sizes:
        # One document whose body grows, with a published case's density of facts
        # (see benchmarks/texts.py for why not several documents back to back).
        text = published_text(size, seed=4)
        number = max(1, 200_000 // size)
        ours, base = race(
            [functools.partial(pc.parse_text, text), functools.partial(converter.convert, text)],
            number,
            3,
        )
        # Peak memory of one call, traced apart from the timing (tracing slows it down).
        gc.collect()
        tracemalloc.start()
        pc.parse_text(text)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        megabytes = len(text.encode()) / 1e6
        points.append((len(text.encode()), ours, base, peak))
        report.add(
            f"parse_text {len(text.encode()) / 1024:8.0f} KB",
            megabytes / ours,
            "MB/s",
            "one OpenCC t2s pass",
            ours / base,
            15,
        )
    per_byte = [ours / size for size, ours, _, _ in points]
    spread = max(per_byte) / min(per_byte)
    report.add(
        "parse_text linearity (time per byte)",
        spread,
        "max/min",
        "smallest vs largest input",
        spread,
        1.2,
    )
    size, _, _, peak = points[-1]
    report.add(
        f"parse_text peak memory, {size / 1024:.0f} KB input",
        peak / 1e6,
        "MB",
        "input size",
        peak / size,
        None,
    )
    return points


_IMPORT = "import time\nt = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)"


def _import_time(code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT.format(code=code)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(out)


def bench_import(report: Report) -> None:
    """import partycases (bare, and ready to validate) vs import pydantic."""
    snippets = [
        "import pydantic",
        "import partycases",
        "import partycases; partycases.Case",
        # What any first pydantic model costs: pydantic imports most of itself lazily.
        "from pydantic import BaseModel\nclass M(BaseModel):\n    x: int",
    ]
    best_times = [float("inf")] * len(snippets)
    for _ in range(11):  # fresh processes, taking turns
        for index, code in enumerate(snippets):
            best_times[index] = min(best_times[index], _import_time(code))
    pydantic, bare, ready, one_model = best_times
    report.add(
        "pydantic, one model (its own floor)",
        one_model * 1e3,
        "ms",
        "import pydantic",
        one_model / pydantic,
        None,
    )
    report.add("import partycases", bare * 1e3, "ms", "import pydantic", bare / pydantic, 4)
    report.add(
        "import partycases; partycases.Case",
        ready * 1e3,
        "ms",
        "import pydantic",
        ready / pydantic,
        4,
    )
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
    print(f"{'optional dependencies imported':44} {leaked}")


def bench_parquet(report: Report, count: int, scratch: Path) -> None:
    """write_parquet vs writing the same rows with pyarrow directly."""
    import pyarrow.parquet as pq

    cases = list(pc.generate_cases(count, seed=9))
    gc.collect()
    start = time.perf_counter()
    pc.write_parquet(cases, scratch / "ours")
    ours = time.perf_counter() - start
    tables = pc.to_arrow(cases)
    start = time.perf_counter()
    for name, table in tables.items():
        pq.write_table(table, scratch / f"{name}.parquet")
    direct = time.perf_counter() - start
    report.add(
        f"write_parquet {count:,} cases",
        count / ours,
        "cases/s",
        "pyarrow write of the built tables",
        ours / direct,
        None,
    )


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
    left.set_ylabel("time (ms)")
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
        choices=["decode", "dump", "corpus", "parse", "import", "parquet"],
        help="run only these benchmarks",
    )
    args = parser.parse_args()
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
        f"partycases {pc.__version__}, quick={args.quick}"
    )
    report = Report()
    chosen = set(args.only or ["decode", "dump", "corpus", "parse", "import", "parquet"])
    points: list[tuple[int, float, float, int]] = []
    quick = args.quick
    with tempfile.TemporaryDirectory() as scratch:
        if "decode" in chosen:
            bench_decode(report, 50 if quick else 300)
        if "dump" in chosen:
            bench_dump(report, 50 if quick else 300)
        if "corpus" in chosen:
            bench_corpus(report, 2_000 if quick else 100_000, Path(scratch))
        if "parse" in chosen:
            small = [1_024, 16_384, 65_536]
            points = bench_parse(
                report, small if quick else [1_024, 8_192, 65_536, 262_144, 1_048_576]
            )
        if "import" in chosen:
            bench_import(report)
        if "parquet" in chosen:
            bench_parquet(report, 1_000 if quick else 100_000, Path(scratch))
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
