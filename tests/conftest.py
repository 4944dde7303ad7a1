"""Shared fixtures and the Hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Two Hypothesis profiles. "quick", the default, keeps the README's test command
# to about two minutes on a two-core machine; "thorough" is what CI runs
# (.ci/run sets HYPOTHESIS_PROFILE=thorough): eight times the examples, the
# same properties.
_COMMON: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("quick", max_examples=25, **_COMMON)
settings.register_profile("thorough", max_examples=200, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_CASES = sorted((EXAMPLES / "cases").glob("*.json"))
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every atomic write fail as a full disk would, after its bytes reached the file."""
    from partycases import io

    real_fsync = os.fsync

    def fail(fd: int) -> None:
        real_fsync(fd)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io.os, "fsync", fail)


@pytest.fixture
def tianjin_path() -> Path:
    """The seed-derived example case file."""
    return EXAMPLES / "cases" / "tianjin-culture-media-chamber.json"
