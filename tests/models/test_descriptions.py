"""Tests for the field descriptions generated ahead of time from the models' docstrings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import partycases as pc
from partycases.models import _descriptions, _docstrings
from partycases.models._base import Model, _module_docstrings

GENERATED = Path(_descriptions.__file__)
REGENERATE = "python -m partycases.models._docstrings --write"


def test_generated_module_is_up_to_date() -> None:
    """The committed _descriptions module is exactly what the generator writes from the sources."""
    assert GENERATED.read_text(encoding="utf-8") == _docstrings.render(), f"run: {REGENERATE}"


def test_generator_runs_as_documented() -> None:
    """The documented command prints the module's source and nothing else."""
    out = subprocess.run(
        [sys.executable, "-m", "partycases.models._docstrings"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out == _docstrings.render()
    compile(out, str(GENERATED), "exec")


def test_generated_descriptions_are_the_models_descriptions() -> None:
    """Each generated description is the one the model's field carries, and none is missing."""
    seen = 0
    for module, classes in _descriptions.DESCRIPTIONS.items():
        for name, docs in classes.items():
            model = getattr(sys.modules[module], name)
            for field, doc in docs.items():
                assert model.model_fields[field].description == doc, (module, name, field)
                seen += 1
    assert seen > 50
    assert pc.Organisation.model_fields["member_count"].description == (
        "How many members it has, e.g. nearly 300 member units."
    )


def test_generated_table_covers_every_model_module() -> None:
    """Every module that defines a public model is generated, so none is parsed at import."""
    modules = {
        getattr(pc, name).__module__
        for name in pc.__all__
        if isinstance(getattr(pc, name), type) and issubclass(getattr(pc, name), Model)
    }
    assert modules <= set(_descriptions.DESCRIPTIONS)


def test_other_modules_are_read_from_source() -> None:
    """A module outside the generated table still has its docstrings read, from its file."""
    docs = _module_docstrings(__name__)
    assert docs == {}  # no annotated class attributes with docstrings here
    source = 'class A:\n    x: int\n    """An x."""\n    y: int = 0\n'
    assert _docstrings.class_docstrings(source) == {"A": {"x": "An x."}}
    assert _docstrings.module_docstrings(None) == {}
