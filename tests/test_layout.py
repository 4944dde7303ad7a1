"""The package keeps its shape: import direction, lazy imports, public names, CI and README."""

from __future__ import annotations

import ast
import doctest
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import partycases
from partycases.models import REFERENCES
from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "partycases"

# What each layer may import from the package; anything not listed is forbidden.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "_json": set(),
    "_glob": set(),
    "ids": set(),
    "values": set(),
    "models": {"errors", "ids", "values", "models"},
    "formats": {
        "errors",
        "models",
        "formats",
        "_json",
        "values",
        "migrate",
        "corpus",
        "ids",
        "_process",
        "validate",
    },
    "migrate": {"errors", "ids"},
    "validate": {"errors", "migrate", "models"},
    "corpus": {"errors", "ids", "models", "values"},
    "schema": {"models", "_json"},
    "io": {"errors", "formats", "models", "text", "_process", "_glob"},
    "cli": {"cli", "errors", "formats", "io", "migrate", "models", "schema", "text", "_export"},
    "text": {"errors", "ids", "models", "text", "values", "validate"},
}


def _layer(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _internal_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            if name.startswith("partycases."):
                found.add(name.split(".")[1])
    return found


@pytest.mark.parametrize(
    "path",
    sorted(p for p in PACKAGE.rglob("*.py") if _layer(p) in ALLOWED),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_imports_follow_the_layers(path: Path) -> None:
    """errors <- values <- models <- formats/schema <- io: no import against the direction."""
    imported = _internal_imports(path)
    assert imported <= ALLOWED[_layer(path)], (
        f"{path.name} imports {imported - ALLOWED[_layer(path)]}"
    )


def _private_reach_ins(path: Path) -> list[str]:
    """Imports of another package's private module (``partycases.models._base`` from formats)."""
    own = ".".join(("partycases", *path.relative_to(PACKAGE).parent.parts))
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            private = next((i for i, part in enumerate(parts) if part.startswith("_")), None)
            if private is None or not name.startswith("partycases."):
                continue
            package = ".".join(parts[:private])
            if not (own == package or own.startswith(package + ".")):
                found.append(name)
    return found


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_no_module_reaches_into_another_packages_private_module(path: Path) -> None:
    """A package's private modules are imported only from inside that package."""
    assert _private_reach_ins(path) == []


def test_import_is_lazy() -> None:
    """import partycases builds no model and imports no pydantic."""
    code = (
        "import sys, partycases; "
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'partycases.'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_models_alone_import_no_reader() -> None:
    """Case alone compiles no check and imports none of the readers' modules; they still resolve.

    The validator needs only the generated fast check, the organisations' checks
    and the key counting the fast check's counting form shares (compiled when first
    used); the reference tables and the located check load when a case fails.
    """
    code = """
import sys, pydantic, partycases
partycases.Case
print(sorted(m for m in sys.modules if m.startswith("partycases.")))
from partycases.schema import example_case
data = example_case()
data["subject_ids"] = ["org:nowhere"]
try:
    partycases.Case.model_validate(data)
except pydantic.ValidationError as error:
    print(error.errors()[0]["loc"])
from partycases.models import REFERENCES, problems_from, stated_keys
print(problems_from.__module__, stated_keys.__module__, len(REFERENCES))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded, failed, resolved = result.stdout.splitlines()
    assert failed == "('subject_ids', 0)"  # the located check, loaded on the failure
    readers = ("errors", "models._problems", "models._references")
    for reader in (*readers, "models._sound_writer"):
        assert f"'partycases.{reader}'" not in loaded
    assert "'partycases.models._sound'" in loaded
    assert "'partycases.models._keys'" in loaded
    assert resolved == f"partycases.models._problems partycases.models._keys {len(REFERENCES)}"
    models = importlib.import_module("partycases.models")
    assert set(models.__all__) <= set(dir(models))
    with pytest.raises(
        AttributeError, match=r"'partycases\.models' has no attribute 'nothing_here'"
    ):
        models.nothing_here  # noqa: B018


def test_public_names() -> None:
    """__all__ lists every export (ruff keeps it sorted), and each resolves and has a docstring."""
    assert set(partycases.__all__) == set(partycases._EXPORTS) | {"__version__"}
    for name in partycases._EXPORTS:
        value = getattr(partycases, name)
        if callable(value):
            assert value.__doc__, name
    with pytest.raises(AttributeError):
        partycases.nothing_here  # noqa: B018


@pytest.mark.parametrize("module", ["partycases.ids", "partycases.values"])
def test_doctests(module: str) -> None:
    """The examples in docstrings are true."""
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0
    assert result.attempted > 0 or module == "partycases.values"


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs the very command the README gives for the tests."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    assert len(commands) == 2
    assert commands[0].endswith("partycases show examples/cases/tianjin-culture-media-chamber.json")
    assert commands[1].endswith("python -m pytest")
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_hypothesis_profiles() -> None:
    """Local runs default to the quick profile; .ci/run selects the thorough one before pytest."""
    from hypothesis import settings

    quick, thorough = settings.get_profile("quick"), settings.get_profile("thorough")
    assert thorough.max_examples >= 8 * quick.max_examples
    if "HYPOTHESIS_PROFILE" not in os.environ:
        assert settings.default.max_examples == quick.max_examples
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    chosen = ci.index("export HYPOTHESIS_PROFILE=thorough")
    assert chosen < next(i for i, line in enumerate(ci) if line.endswith("python -m pytest"))
