"""Every Python example in the docs and the README runs; every docs page exists."""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

import pytest

import partycases as pc
from tests.conftest import ROOT

PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
BLOCK = re.compile(r"^```python\n(?!--8<--)(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks() -> list[tuple[Path, int, str]]:
    """(page, block number, code) for every ```python block (```python notest is skipped)."""
    return [
        (page, number, match.group(1))
        for page in PAGES
        for number, match in enumerate(BLOCK.finditer(page.read_text(encoding="utf-8")))
    ]


@pytest.mark.parametrize(
    ("page", "number", "code"),
    [pytest.param(*block, id=f"{block[0].name}-{block[1]}") for block in blocks()],
)
def test_docs_example_runs(
    page: Path, number: int, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A docs code block that stops working fails this test."""
    monkeypatch.chdir(ROOT)
    with warnings.catch_warnings():
        # Examples that parse real-shaped texts show the parser's warnings to readers.
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        exec(compile(code, f"{page.name}:block{number}", "exec"), {"__name__": f"docs_{number}"})


def test_docs_examples_exist() -> None:
    """The docs hold runnable examples at all (a parser change must not silently skip them)."""
    assert len(blocks()) >= 3
    assert os.path.exists(ROOT / "docs" / "tables.md")


def test_model_reference_page_is_current() -> None:
    """docs/reference/models.md is what the models generate (PARTYCASES_REGENERATE=1 rewrites it)."""
    from partycases._reference import render

    page = ROOT / "docs" / "reference" / "models.md"
    if os.environ.get("PARTYCASES_REGENERATE") == "1":
        page.write_text(render(), encoding="utf-8")
    assert page.read_text(encoding="utf-8") == render()


def test_check_jsonschema_accepts_the_examples() -> None:
    """The worked example of docs/json-schema.md: a standard validator accepts the example cases."""
    import shutil
    import subprocess
    import sys

    command = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip("check-jsonschema is not installed (it is in the [test] extra)")
    examples = sorted(str(p) for p in (ROOT / "examples" / "cases").glob("*.json"))
    result = subprocess.run(
        [command, "--schemafile", str(ROOT / "docs" / "schema" / "case.schema.json"), *examples],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    broken = subprocess.run(
        [command, "--schemafile", str(ROOT / "docs" / "schema" / "case.schema.json"),
         str(ROOT / "tests" / "data" / "invalid" / "unknown-field.json")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert broken.returncode == 1


def test_every_example_script_is_in_the_docs() -> None:
    """Each examples/*.py is included in docs/examples.md."""
    page = (ROOT / "docs" / "examples.md").read_text(encoding="utf-8")
    for script in sorted((ROOT / "examples").glob("*.py")):
        assert f'--8<-- "examples/{script.name}"' in page
