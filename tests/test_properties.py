"""Property tests over generated cases: round trips and determinism."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given

import partycases as pc
from tests.conftest import EXAMPLE_CASES
from tests.strategies import cases


@given(cases())
def test_json_round_trip(case: pc.Case) -> None:
    """loads(dumps(c)) == c for every valid case."""
    assert pc.loads(pc.dumps(case)) == case


@given(cases())
def test_dumps_is_deterministic(case: pc.Case) -> None:
    """The same case gives the same bytes, also after a round trip and from a copy."""
    data = pc.dumps(case)
    assert pc.dumps(case) == data
    assert pc.dumps(pc.loads(data)) == data
    assert pc.dumps(pc.Case.model_validate(case.model_dump())) == data


def test_dumps_is_the_same_in_another_process() -> None:
    """A fresh interpreter with another hash seed writes the same bytes."""
    script = (
        "import sys, partycases; "
        "sys.stdout.buffer.write(partycases.dumps(partycases.load(sys.argv[1])))"
    )
    for path in EXAMPLE_CASES:
        outputs = {
            subprocess.run(
                [sys.executable, "-c", script, str(path)],
                capture_output=True,
                check=True,
                env={"PYTHONHASHSEED": seed},
            ).stdout
            for seed in ("1", "2")
        }
        assert outputs == {path.read_bytes()}
