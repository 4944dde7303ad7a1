"""Tests for the modules written ahead of time: how they are regenerated, and the NFC table."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import partycases
from partycases.models import _generated, _nfc_unsafe

_PACKAGE = Path(partycases.__file__).parent

#: Each writer's module and the file it writes.
_WRITERS = [
    ("partycases.models._sound_writer", "_sound.py"),
    ("partycases.models._docstrings", "_descriptions.py"),
]


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the partycases package to regenerate in (the checkout is not touched)."""
    shutil.copytree(_PACKAGE, tmp_path / "partycases", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def _run(root: Path, module: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", module, *args], capture_output=True, text=True, env=env, check=False
    )


@pytest.mark.parametrize(("module", "name"), _WRITERS)
def test_write_regenerates_the_module_in_place(package_copy: Path, module: str, name: str) -> None:
    """``--write`` puts the rendered module in place, readable as the old one was."""
    target = package_copy / "partycases" / "models" / name
    expected = target.read_text(encoding="utf-8")
    target.write_text(expected + "# stale\n", encoding="utf-8")
    target.chmod(0o640)
    done = _run(package_copy, module, "--write")
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8") == expected
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(("module", "name"), _WRITERS)
def test_an_unknown_argument_writes_nothing(package_copy: Path, module: str, name: str) -> None:
    """Anything but ``--write`` is refused with the usage line, and nothing is written."""
    target = package_copy / "partycases" / "models" / name
    before = target.read_bytes()
    done = _run(package_copy, module, "--wrte")
    assert (done.returncode, done.stdout) == (2, "")
    assert "usage:" in done.stderr
    assert target.read_bytes() == before


def test_help_prints_the_usage(package_copy: Path) -> None:
    done = _run(package_copy, "partycases.models._sound_writer", "--help")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("usage:")


def test_write_follows_a_link_to_the_module(tmp_path: Path) -> None:
    """A linked module is rewritten where it lives; the link stays a link."""
    real = tmp_path / "real.py"
    real.write_text("VALUE = 1\n", encoding="utf-8")
    link = tmp_path / "_module.py"
    link.symlink_to(real)
    assert _generated.main(lambda: "VALUE = 2\n", link, "example", ["--write"]) == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "VALUE = 2\n"


def test_a_folder_that_cannot_be_written_is_a_message(
    tmp_path: Path, ran_unprivileged: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    """No traceback: the file and the reason, exit status 1, nothing changed or left behind."""
    if ran_unprivileged:
        return
    target = tmp_path / "_module.py"
    target.write_text("VALUE = 1\n", encoding="utf-8")
    tmp_path.chmod(0o555)
    try:
        status = _generated.main(lambda: "VALUE = 2\n", target, "example", ["--write"])
    finally:
        tmp_path.chmod(0o755)
    assert status == 1
    assert f"cannot write {target}" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "VALUE = 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_module.py"]


def test_a_failed_render_leaves_the_module_as_it_was(tmp_path: Path) -> None:
    """The source is rendered before the file is touched, and swapped in by one rename."""
    target = tmp_path / "_module.py"
    target.write_text("VALUE = 1\n", encoding="utf-8")

    def render() -> str:
        raise RuntimeError("a table is broken")

    with pytest.raises(RuntimeError):
        _generated.main(render, target, "example", ["--write"])
    assert target.read_text(encoding="utf-8") == "VALUE = 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_module.py"]


@pytest.mark.skipif(
    unicodedata.unidata_version != "14.0.0",
    reason=f"the table is generated for Unicode 14.0.0; this Python has "
    f"{unicodedata.unidata_version}",
)
def test_nfc_unsafe_table_is_what_the_unicode_database_gives() -> None:
    """The committed class of NFC-unsafe characters is the one computed from Unicode 14.0.0."""
    assert _nfc_unsafe.compute() == _nfc_unsafe.NFC_UNSAFE
