"""Instruction counts: the benchmark's ratios without the machine's noise.

    python -m benchmarks.instructions                  # every group (about 9 minutes)
    python -m benchmarks.instructions import parse     # any subset: import, parse, kinds, decode

Needs ``valgrind`` (not a Python package: ``apt-get install valgrind``). Each
group runs a child process under ``valgrind --tool=callgrind`` once with only
a setup, then once more per contender with the setup followed by the
contender's work, done ``k`` times; the difference divided by ``k`` is the
work's count (in the parse group each side has a setup of its own, warming
only itself). Every child has the same hash seed. Both sides of every ratio
are counted the same way, in the same run.

Instructions are not time: a cache miss costs more than an addition, and
neither a C call's nor a memory allocator's cost is weighed. But on a shared
machine whose speed drifts by up to 2x within the hour, a count is the same
from run to run, so it decides between two versions of the same code where
timing cannot, and it shows whether a ratio timed at 1.3x is 1.3x or noise.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.texts import KIND_SENTENCES, published_text

ROOT = Path(__file__).resolve().parent.parent
_COLLECTED = re.compile(r"Collected : ([0-9]+)")
_CHILD = "import sys\n{setup}\nfor _ in range(int(sys.argv[1])):\n{work}\n"


def count(setup: str, work: str, times: int) -> int:
    """Instructions a child runs: ``setup``, then ``work`` (one statement) ``times`` times."""
    code = _CHILD.format(setup=setup, work="    " + work)
    # Bytecode as a user's installation has it: written once by a run outside valgrind.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # One hash seed for every child: set and dict layouts, and so the setup's count, then
    # come out the same in each, and the setup taken away is the setup that ran.
    env["PYTHONHASHSEED"] = "0"
    subprocess.run([sys.executable, "-c", code, "0"], check=True, env=env, capture_output=True)
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    result = subprocess.run(
        [*command, sys.executable, "-c", code, str(times)],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    found = _COLLECTED.search(result.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no count:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def per_call(setup: str, works: dict[str, str], times: int) -> dict[str, float]:
    """Each work's instructions per call, with the setup's own count taken away."""
    base = count(setup, "pass", 0)
    return {name: (count(setup, work, times) - base) / times for name, work in works.items()}


def _row(name: str, ours: float, baseline: str, theirs: float, unit: str = "M instr") -> None:
    scale = 1e6 if unit.startswith("M") else 1
    print(f"{name:44} {ours / scale:12.2f} {unit:8} | {baseline:36} {theirs / scale:12.2f} | "
          f"{ours / theirs:6.3f}x", flush=True)  # fmt: skip


def group_import() -> None:
    """import partycases ready to validate, against pydantic and one model (with and without attrs)."""
    start = count("", "pass", 0)  # the interpreter's own start
    model = "from pydantic import BaseModel\nclass M(BaseModel):\n    x: int"
    counts = {
        "ready": count("import partycases; partycases.Case", "pass", 0),
        "one model": count(model, "pass", 0),
        "one model, attrs": count(model + "\nimport attrs", "pass", 0),
    }
    ours, plain, with_attrs = (value - start for value in counts.values())
    _row("import partycases; Case", ours, "pydantic + one model", plain)
    _row("import partycases; Case", ours, "pydantic + one model + import attrs", with_attrs)
    _row("import attrs (a core dependency)", with_attrs - plain, "pydantic + one model", plain)


def group_parse() -> None:
    """parse_text per byte at three sizes, and against one OpenCC pass over the same text."""
    sizes = (8_192, 65_536, 262_144)
    per_byte = {}
    for size in sizes:
        # Each side after a setup of its own: only the one text, warmed by that side alone. A
        # parse in OpenCC's setup would count differently from child to child (objects' order
        # in sets follows their addresses) by more than a few OpenCC passes cost.
        setup = (
            "import warnings, opencc, partycases as pc\n"
            "from benchmarks.texts import published_text\n"
            "warnings.simplefilter('ignore', pc.PartycasesWarning)\n"
            "converter = opencc.OpenCC('t2s')\n"
            f"text = published_text({size}, seed=4)\n"
        )
        length = len(published_text(size, seed=4).encode())
        times = max(1, sizes[-1] // size)
        ours = per_call(setup + "pc.parse_text(text)", {"ours": "pc.parse_text(text)"}, times)
        theirs = per_call(
            setup + "converter.convert(text)", {"cc": "converter.convert(text)"}, times
        )
        per_byte[size] = ours["ours"] / length
        _row(f"parse_text, {size // 1024} KB, per byte", per_byte[size], "one OpenCC t2s pass",
             theirs["cc"] / length, "instr")  # fmt: skip
    slowest, fastest = max(per_byte.values()), min(per_byte.values())
    _row("parse_text per byte, max/min", slowest, "8 KB to 256 KB", fastest, "instr")


def group_kinds() -> None:
    """parse_text per byte on pages of one kind of sentence each, against one OpenCC pass."""
    from benchmarks.texts import SENTENCE_KINDS, kind_text

    texts = [kind_text(kind, KIND_SENTENCES) for kind in SENTENCE_KINDS]
    setup = (
        "import warnings, opencc, partycases as pc\n"
        "from benchmarks.texts import SENTENCE_KINDS, kind_text\n"
        "warnings.simplefilter('ignore', pc.PartycasesWarning)\n"
        "converter = opencc.OpenCC('t2s')\n"
        f"texts = [kind_text(kind, {KIND_SENTENCES}) for kind in SENTENCE_KINDS]\n"
    )
    works = {str(index): f"{{}}(texts[{index}])" for index in range(len(SENTENCE_KINDS))}
    # Each side after a setup of its own that runs it once on every page (see group_parse).
    ours = per_call(setup + "for text in texts: pc.parse_text(text)",
                    {key: work.format("pc.parse_text") for key, work in works.items()}, 1)  # fmt: skip
    theirs = per_call(setup + "for text in texts: converter.convert(text)",
                      {key: work.format("converter.convert") for key, work in works.items()}, 1)  # fmt: skip
    for index, (kind, text) in enumerate(zip(SENTENCE_KINDS, texts, strict=True)):
        length = len(text.encode())
        _row(f"parse_text per byte: {kind}", ours[str(index)] / length, "one OpenCC t2s pass",
             theirs[str(index)] / length, "instr")  # fmt: skip


def group_decode() -> None:
    """loads, and validation alone, against plain pydantic of the same shape (per document)."""
    setup = (
        "from collections import deque\n"
        "import partycases as pc\n"
        "from partycases.validate import validate_json\n"
        "from benchmarks.pydantic_schema import Case as Plain\n"
        "docs = [pc.dumps(case) for case in pc.generate_cases(100, seed=2026)]\n"
        "deque(map(pc.loads, docs), 0); deque(map(Plain.model_validate_json, docs), 0)"
    )
    counts = per_call(setup, {
        "loads": "deque(map(pc.loads, docs), 0)",
        "validation": "deque(map(validate_json, docs), 0)",
        "plain": "deque(map(Plain.model_validate_json, docs), 0)",
    }, 3)  # fmt: skip
    per_doc = {name: value / 100 for name, value in counts.items()}
    _row("loads, per document", per_doc["loads"], "plain pydantic, same shape",
         per_doc["plain"], "instr")  # fmt: skip
    _row("loads without the duplicate-key test", per_doc["validation"],
         "plain pydantic, same shape", per_doc["plain"], "instr")  # fmt: skip
    # The case-wide check on the case just validated, as loads runs it: validation with the
    # check stubbed out, then the check on each case, against the same with a call of nothing.
    setup = (
        "import partycases as pc\n"
        "from benchmarks.__main__ import _case_checks, _without_case_check\n"
        "docs = [pc.dumps(case) for case in pc.generate_cases(100, seed=2026)]\n"
        "check = _case_checks().is_sound\n"
        "_without_case_check().__enter__()\n"
        "for doc in docs: check(pc.Case.model_validate_json(doc))"
    )
    validate = "for doc in docs: {}(pc.Case.model_validate_json(doc))"
    counts = per_call(setup, {
        "check": validate.format("check"), "empty": validate.format("bool"),
    }, 3)  # fmt: skip
    _row("case-wide check, on the case loads made", (counts["check"] - counts["empty"]) / 100,
         "loads, per document", per_doc["loads"], "instr")  # fmt: skip
    setup = (
        "from collections import deque\n"
        "import partycases as pc\n"
        "from benchmarks.__main__ import parsed_documents\n"
        "from benchmarks.pydantic_schema import Case as Plain\n"
        "docs = parsed_documents((4_096, 8_192, 16_384), 2)\n"
        "deque(map(pc.loads, docs), 0); deque(map(Plain.model_validate_json, docs), 0)"
    )
    counts = per_call(setup, {
        "loads": "deque(map(pc.loads, docs), 0)",
        "plain": "deque(map(Plain.model_validate_json, docs), 0)",
    }, 2)  # fmt: skip
    _row("loads, parsed pages, per document", counts["loads"] / 6, "plain pydantic, same shape",
         counts["plain"] / 6, "instr")  # fmt: skip


GROUPS = {
    "import": group_import,
    "parse": group_parse,
    "kinds": group_kinds,
    "decode": group_decode,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("groups", nargs="*", metavar="group",
                        help=f"any of: {', '.join(GROUPS)} (default: every group)")  # fmt: skip
    args = parser.parse_args()
    unknown = sorted(set(args.groups) - set(GROUPS))
    if unknown:
        parser.error(f"unknown group {', '.join(unknown)}; expected any of {', '.join(GROUPS)}")
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: apt-get install valgrind", file=sys.stderr)
        return 2
    for name in args.groups or GROUPS:
        GROUPS[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
