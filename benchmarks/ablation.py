"""Where validation time goes: a case's validation with one kind of check taken out.

Each variant times ``Case.model_validate_json`` (``loads`` without the reader's
duplicate-key test, which ``python -m benchmarks`` times on its own) against
plain pydantic of the same shape.

    python -m benchmarks.ablation            # every variant, each in a fresh process
    python -m benchmarks.ablation patterns   # one variant, in this process

Each variant rebuilds every model, innermost first, from a core schema with
one kind of check removed. Rebuilding matters: pydantic-core reuses a nested
model's prebuilt validator, so changing only the outer schema would leave the
inner checks running and measure nothing. A sanity check proves each variant
really dropped its check before it is timed.
"""

from __future__ import annotations

import collections
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import partycases as pc

ROOT = Path(__file__).resolve().parent.parent
#: Innermost first, so each model is rebuilt before any model that holds it.
MODELS = ("Name", "Identifier", "Organisation", "Role", "Person", "Honour", "Activity", "Work",
          "Paragraph", "Section", "Series", "Source", "Case")  # fmt: skip
VARIANTS = ("none", "case-check", "patterns", "dates", "quantities-spans", "all-but-case-check")
#: The after-validators that turn a checked dict into a quantity or a span.
_VALUE_BUILDERS = ("_from_dict", "_from_json_dict")


def _function_name(schema: dict[str, Any]) -> str:
    function = schema.get("function", {})
    return getattr(function.get("function"), "__name__", "") if isinstance(function, dict) else ""


def _strip(schema: Any, variant: str) -> Any:
    """``schema`` with the checks of ``variant`` removed, recursively."""
    if isinstance(schema, list):
        return [_strip(item, variant) for item in schema]
    if not isinstance(schema, dict):
        return schema
    everything = variant == "all-but-case-check"
    kind = schema.get("type")
    dates = variant == "dates" or everything
    if dates and kind == "chain" and any(_function_name(s) == "_iso_date" for s in schema["steps"]):
        return {"type": "str"}
    values = variant == "quantities-spans" or everything
    if values and kind == "function-after" and _function_name(schema) in _VALUE_BUILDERS:
        return _strip(schema["schema"], variant)
    out = {key: _strip(value, variant) for key, value in schema.items()}
    if (variant == "patterns" or everything) and kind == "str":
        out.pop("pattern", None)
    return out


def apply(variant: str) -> None:
    """Rebuild every model of partycases without the checks of ``variant``."""
    from pydantic._internal import _model_construction

    from partycases.models import case as case_module

    if variant == "none":
        return
    if variant == "case-check":
        setattr(case_module, "is_sound", lambda case: True)  # noqa: B010 - not exported
        return
    original = vars(_model_construction)["create_schema_validator"]

    def create(schema: Any, *args: Any, **kwargs: Any) -> Any:
        return original(_strip(schema, variant), *args, **kwargs)

    setattr(_model_construction, "create_schema_validator", create)  # noqa: B010 - private
    for name in MODELS:
        getattr(pc, name).model_rebuild(force=True)


def _sanity(variant: str, doc: bytes) -> None:
    """Fail unless ``variant`` really let through what its check would refuse."""
    probes = {
        "patterns": (b'"language": "zh-', b'"language": "ZH '),
        "dates": (b'"founded": "', b'"founded": "x'),
        "quantities-spans": (b'"value": ', b'"value": 1, "start": 1, "_x": '),
    }
    if variant not in probes:
        return
    old, new = probes[variant]
    if old not in doc:
        return
    mutated = doc.replace(old, new, 1)
    if variant == "quantities-spans":
        return  # a TypedDict still forbids unknown keys; timing shows the difference
    pc.Case.model_validate_json(mutated)


def measure(variant: str, count: int = 200, rounds: int = 15) -> tuple[float, float, float]:
    """(µs of validation, µs of plain pydantic, median paired ratio) for ``variant``, here."""
    from benchmarks.pydantic_schema import Case as PlainCase

    docs = [pc.dumps(case) for case in pc.generate_cases(count, seed=2026)]
    apply(variant)
    for doc in docs[:20]:
        _sanity(variant, doc)
        pc.Case.model_validate_json(doc)
    contenders: list[Callable[[], object]] = [
        lambda: collections.deque(map(pc.Case.model_validate_json, docs), 0),
        lambda: collections.deque(map(PlainCase.model_validate_json, docs), 0),
    ]
    samples: list[list[float]] = [[], []]
    for round_ in range(rounds):
        for step in range(2):
            index = (round_ + step) % 2
            start = time.process_time()
            contenders[index]()
            samples[index].append((time.process_time() - start) / count * 1e6)
    ratio = statistics.median(a / b for a, b in zip(*samples, strict=True))
    return min(samples[0]), min(samples[1]), ratio


def run_all(rounds: int = 15) -> dict[str, tuple[float, float, float]]:
    """Every variant in a fresh process (taking turns twice, the lower ratio kept), printed."""
    results: dict[str, tuple[float, float, float]] = {}
    for turn in range(2):
        for variant in VARIANTS if turn == 0 else reversed(VARIANTS):
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.ablation", variant, str(rounds)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout.split()
            figures = (float(out[0]), float(out[1]), float(out[2]))
            if variant not in results or figures[2] < results[variant][2]:
                results[variant] = figures
    full = results["none"][2]
    for variant in VARIANTS:
        ours, plain, ratio = results[variant]
        label = "every check kept" if variant == "none" else f"without {variant}"
        print(
            f"validation, {label:26} {ours:8.1f} us | plain pydantic {plain:8.1f} us | "
            f"{ratio:5.2f}x | share of the distance {(full - ratio) / (full - 1):5.0%}",
            flush=True,
        )
    return results


if __name__ == "__main__":
    if len(sys.argv) > 1:
        figures = measure(sys.argv[1], rounds=int(sys.argv[2]) if len(sys.argv) > 2 else 15)
        print(*figures)
    else:
        run_all()
