"""Inputs the fuzzers found that once crashed partycases; each now ends in a case or an error."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import partycases as pc
from tests.conftest import DATA

FORMATS = ("json", "jsonl", "yaml", "toml", "text")
CRASHES = sorted((DATA / "fuzz").glob("*"))


@pytest.mark.parametrize("path", CRASHES, ids=lambda p: p.name)
def test_crash_is_now_a_clean_result(path: Path) -> None:
    """The saved input (first byte: format, as in fuzz/harness.py) ends in a case or a LoadError."""
    data = path.read_bytes()
    fmt = FORMATS[data[0] % len(FORMATS)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        outcome: pc.Case | pc.PartycasesError
        try:
            outcome = pc.loads(data[1:], format=fmt)
        except pc.PartycasesError as error:
            outcome = error
    if isinstance(outcome, pc.Case):
        assert pc.loads(pc.dumps(outcome, format=fmt), format=fmt) == outcome
    else:
        assert str(outcome)
