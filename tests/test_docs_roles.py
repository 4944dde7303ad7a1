"""The API page's Griffe extension turns Sphinx roles into code spans."""

from __future__ import annotations

import importlib.util
import re

import pytest

from tests.conftest import ROOT

PATH = ROOT / "docs" / "_ext" / "griffe_roles.py"


@pytest.fixture(scope="module")
def convert() -> object:
    """The extension's convert function, loaded from its file (griffe is in the docs extra)."""
    pytest.importorskip("griffe")
    spec = importlib.util.spec_from_file_location("griffe_roles", PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.convert


@pytest.mark.parametrize(
    ("docstring", "shown"),
    [
        ("Return :class:`~partycases.Case`.", "Return `Case`."),
        ("See :func:`partycases.organisation_id`.", "See `partycases.organisation_id`."),
        ("A :class:`LoadError` names the file.", "A `LoadError` names the file."),
        (":py:meth:`~partycases.Span.utf16`", "`utf16`"),
        ("read :mod:`the rules <partycases.text.rules>`", "read the rules"),
        ("``2013-09`` stays", "``2013-09`` stays"),
    ],
)
def test_roles_become_code(convert: object, docstring: str, shown: str) -> None:
    """Each Sphinx role becomes the name a reader should see, as code; literals stay."""
    assert callable(convert)
    assert convert(docstring) == shown


def test_mkdocs_uses_the_extension() -> None:
    """mkdocs.yml loads the extension, so the API page shows no raw :class: roles."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"extensions:\s*\n\s*- docs/_ext/griffe_roles.py:SphinxRoles", config)
