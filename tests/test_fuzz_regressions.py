"""Inputs the fuzzers found that once crashed partycases; each now ends in a case or an error."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import partycases as pc
from tests.conftest import DATA

FORMATS = ("json", "jsonl", "yaml", "toml", "text")
CRASHES = sorted((DATA / "fuzz").glob("loads-*"))
TEXT_CRASHES = sorted((DATA / "fuzz").glob("text-*"))


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


@pytest.mark.parametrize("path", TEXT_CRASHES, ids=lambda p: p.name)
def test_text_crash_is_now_a_clean_result(path: Path) -> None:
    """The saved bytes (fuzz/harness.py text target) decode and parse to a case, nothing lost."""
    from partycases.text.decode import decode_text

    text = decode_text(path.read_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        case, report = pc.parse_text(text, report=True)
    assert case.text == text
    assert report.uncovered(text) == []
