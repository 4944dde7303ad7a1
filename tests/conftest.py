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


#: Set in the child :func:`ran_unprivileged` starts, so that it runs the test itself.
_UNPRIVILEGED = "PARTYCASES_TEST_UNPRIVILEGED"


@pytest.fixture
def ran_unprivileged(request: pytest.FixtureRequest, tmp_path: Path) -> bool:
    """Whether the test already ran, and passed, in a child where file permissions hold.

    False when they hold here: the test runs itself. As root (who reads every
    folder, so a test of an unreadable folder would test nothing) the test is run
    in a child without the capabilities that bypass permissions (``setpriv``),
    its result asserted here, and True returned; it is skipped, with the reason,
    where that cannot be done.
    """
    import shutil
    import subprocess
    import sys

    probe = tmp_path / "permissions-probe"
    probe.mkdir()
    probe.chmod(0o311)
    try:
        os.listdir(probe)
    except PermissionError:
        return False  # permissions hold here
    finally:
        probe.chmod(0o700)
        probe.rmdir()
    if os.environ.get(_UNPRIVILEGED) or shutil.which("setpriv") is None:
        pytest.skip("this user reads every folder, and setpriv is not there to drop that")
    drop = "-dac_override,-dac_read_search"
    command = [
        *("setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}"),
        *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly"),
        f"{request.node.path}::{request.node.name}",
    ]
    env = {**os.environ, _UNPRIVILEGED: "1"}
    child = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if " passed" not in child.stdout and " failed" not in child.stdout:
        pytest.skip(
            f"this user reads every folder, and setpriv could not drop that: {child.stderr}"
        )
    assert child.returncode == 0, child.stdout[-3000:]
    assert "1 passed" in child.stdout, child.stdout[-3000:]
    return True
