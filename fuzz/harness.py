"""Coverage-guided fuzzing of every loader and of the parser, with atheris.

Run on demand (not in CI), for example for ten minutes per target:

    pip install -e '.[all]' atheris
    python fuzz/harness.py loads -max_total_time=600 fuzz/corpus/loads
    python fuzz/harness.py text -max_total_time=600 fuzz/corpus/text
    python fuzz/harness.py perf -max_total_time=1800 -max_len=65536 -timeout=120 fuzz/corpus/loads

Every input must end in a valid case or a ``PartycasesError``; any other
exception is a crash, which atheris saves as ``crash-*`` for a regression test.
The seed corpora are built from the project's own fixtures by ``fuzz/seeds.py``.

The ``perf`` target is a performance oracle: it times every input against the
benign baseline (the seed documents' time per byte, per format) and, when an
input costs far more per byte than that, confirms it in a fresh uninstrumented
interpreter, measures its memory too and saves it under ``fuzz/findings/`` with
its figures. Findings are kept, not raised, so
one slow input does not end a long run; ``-timeout`` still catches hangs.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import partycases
    from partycases.errors import PartycasesError
    from partycases.text.decode import decode_text

FORMATS = ("json", "jsonl", "yaml", "toml", "text")


def fuzz_loads(data: bytes) -> None:
    """The first byte picks the format; the rest is the document."""
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    try:
        case = partycases.loads(data[1:], format=fmt)
    except PartycasesError:
        return
    # A case that loaded must write and read back to itself.
    if fmt != "text":
        assert partycases.loads(partycases.dumps(case, format=fmt), format=fmt) == case


def fuzz_text(data: bytes) -> None:
    """Bytes in any encoding, decoded as load() does, then parsed; nothing may be lost."""
    try:
        text = decode_text(data)
    except PartycasesError:
        return
    try:
        case, report = partycases.parse_text(text, report=True)
    except PartycasesError:
        return
    assert case.text == text
    assert report.uncovered(text) == [], "characters lost"


#: An input is flagged when its time per byte is this many times the benign baseline's...
TIME_RATIO = 30.0
#: ... and it took at least this long (below it, the clock's noise dominates).
TIME_FLOOR = 0.1
#: Or when its peak traced memory exceeds this multiple of its size, and this many bytes.
MEMORY_RATIO = 200.0
MEMORY_FLOOR = 16 * 1024 * 1024
FINDINGS = Path(os.environ.get("PARTYCASES_FUZZ_FINDINGS", Path(__file__).parent / "findings"))
_BASELINE: dict[str, float] = {}
_STATS = {"inputs": 0, "flagged": 0, "unconfirmed": 0}

#: Run in a fresh, uninstrumented interpreter: coverage instrumentation slows Python code
#: (error paths, the parser) far more than pydantic-core's, so a slow input is confirmed there.
CONFIRM = """
import glob, sys, time, warnings
from pathlib import Path
import partycases
warnings.simplefilter("ignore")
fmt, root = sys.argv[1], Path(sys.argv[2])
data = sys.stdin.buffer.read()
def cost(doc):
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        try:
            partycases.loads(doc, format=fmt)
        except partycases.PartycasesError:
            pass
        best = min(best, time.perf_counter() - start)
    return best
if fmt == "text":
    docs = [p.read_bytes() for p in sorted((root / "tests" / "data" / "texts").glob("*.txt"))]
else:
    cases = [partycases.load(p) for p in sorted((root / "examples" / "cases").glob("*.json"))]
    docs = [partycases.dumps(case, format=fmt) for case in cases]
for doc in docs:
    cost(doc)
per_byte = sum(cost(doc) for doc in docs) / sum(map(len, docs))
spent = cost(data)
print(spent, spent / (per_byte * max(len(data), 1)))
"""


def _confirm(document: bytes, fmt: str) -> tuple[float, float]:
    """Seconds and time ratio of ``document`` measured outside the instrumented process."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", CONFIRM, fmt, str(root)],
        input=document,
        capture_output=True,
        check=False,
        timeout=120,
    )
    try:
        seconds, ratio = map(float, result.stdout.split())
    except ValueError:
        return 0.0, 0.0
    return seconds, ratio


def _load(data: bytes, fmt: str) -> None:
    with contextlib.suppress(PartycasesError):
        partycases.loads(data, format=fmt)


def _baseline() -> dict[str, float]:
    """Seconds per byte of each format's benign documents (the example cases)."""
    if not _BASELINE:
        # Each format's first call builds what it needs (models, readers): not timed.
        for fmt in FORMATS:
            _load(b"{}", fmt)
        root = Path(__file__).resolve().parent.parent
        paths = sorted((root / "examples" / "cases").glob("*.json"))
        cases = [partycases.load(path) for path in paths]
        texts = sorted((root / "tests" / "data" / "texts").glob("*.txt"))
        for fmt in FORMATS:
            if fmt == "text":
                docs = [path.read_bytes() for path in texts]
            else:
                docs = [partycases.dumps(case, format=fmt) for case in cases]
            size = sum(map(len, docs))
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                for doc in docs:
                    _load(doc, fmt)
                best = min(best, time.perf_counter() - start)
            _BASELINE[fmt] = best / max(size, 1)
    return _BASELINE


def fuzz_perf(data: bytes) -> None:
    """The first byte picks the format; flag inputs far costlier per byte than benign ones."""
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    document = data[1:]
    per_byte = _baseline()[fmt]
    _STATS["inputs"] += 1
    start = time.perf_counter()
    _load(document, fmt)
    elapsed = time.perf_counter() - start
    size = max(len(document), 1)
    slow = elapsed > TIME_FLOOR and elapsed > TIME_RATIO * per_byte * size
    if slow:
        # Timed again, best of three: a first call's imports or another process's burst
        # of work are not the input's cost.
        for _ in range(3):
            start = time.perf_counter()
            _load(document, fmt)
            elapsed = min(elapsed, time.perf_counter() - start)
        slow = elapsed > TIME_FLOOR and elapsed > TIME_RATIO * per_byte * size
    if not slow and _STATS["inputs"] % 64:
        return
    # Memory is traced for slow inputs and for a sample of the others (tracing is slow).
    tracemalloc.start()
    try:
        _load(document, fmt)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    heavy = peak > MEMORY_FLOOR and peak > MEMORY_RATIO * size
    confirmed_ratio = 0.0
    if slow:
        elapsed, confirmed_ratio = _confirm(document, fmt)
        slow = confirmed_ratio > TIME_RATIO
        _STATS["unconfirmed"] += not slow
    if slow or heavy:
        _STATS["flagged"] += 1
        FINDINGS.mkdir(parents=True, exist_ok=True)
        name = f"perf-{fmt}-{hashlib.sha1(data).hexdigest()[:16]}"
        (FINDINGS / name).write_bytes(data)
        figures = {
            "format": fmt,
            "bytes": len(document),
            "seconds": round(elapsed, 4),
            "time_ratio": round(confirmed_ratio, 1),
            "peak_bytes": peak,
            "memory_ratio": round(peak / size, 1),
        }
        (FINDINGS / f"{name}.json").write_text(json.dumps(figures) + "\n")
        print(f"perf finding {name}: {figures}", file=sys.stderr)


TARGETS = {"loads": fuzz_loads, "text": fuzz_text, "perf": fuzz_perf}


def main() -> None:
    """``harness.py TARGET [libFuzzer options] [corpus dirs]``."""
    target = TARGETS[sys.argv.pop(1)]
    warnings.simplefilter("ignore", partycases.PartycasesWarning)
    atheris.Setup(sys.argv, target)
    atexit.register(lambda: print(f"perf oracle: {_STATS}", file=sys.stderr))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
