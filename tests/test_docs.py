"""Every Python example in the docs and the README runs; every docs page exists."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


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
    exec(compile(code, f"{page.name}:block{number}", "exec"), {"__name__": f"docs_{number}"})


def test_docs_examples_exist() -> None:
    """The docs hold runnable examples at all (a parser change must not silently skip them)."""
    assert len(blocks()) >= 3
    assert os.path.exists(ROOT / "docs" / "tables.md")
