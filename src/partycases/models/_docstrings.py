"""Field docstrings read from source, and the generator of ``_descriptions``.

The models take each field's description from the docstring under it. Reading
those with ``ast`` costs several milliseconds at import, so for the library's
own model modules they are read ahead of time into
``partycases/models/_descriptions.py``; regenerate it after changing a field's
docstring with::

    python -m partycases.models._docstrings --write

(without ``--write`` it prints the module). A test regenerates it and compares.
Models defined elsewhere (by users, in tests) still have their module read
here, once, at class creation.
"""

from __future__ import annotations

import ast
import inspect
import itertools
from pathlib import Path

__all__ = ["GENERATED_MODULES", "class_docstrings", "module_docstrings", "render"]

#: The modules whose field docstrings ``_descriptions`` holds.
GENERATED_MODULES = (
    "activity",
    "case",
    "honour",
    "organisation",
    "person",
    "section",
    "work",
)


def class_docstrings(source: str) -> dict[str, dict[str, str]]:
    """Each top-level class of ``source``: its annotated attributes and their docstrings."""
    tree = ast.parse(source)
    classes: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs: dict[str, str] = {}
        for statement, following in itertools.pairwise(node.body):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                docs[statement.target.id] = inspect.cleandoc(following.value.value)
        if docs:
            classes[node.name] = docs
    return classes


def module_docstrings(path: str | None) -> dict[str, dict[str, str]]:
    """:func:`class_docstrings` of the file at ``path``; empty when it cannot be read."""
    try:
        with open(path or "", encoding="utf-8") as file:
            return class_docstrings(file.read())
    except (OSError, SyntaxError, ValueError):
        return {}


def render() -> str:
    """The source of ``_descriptions``, from the model modules next to this file."""
    here = Path(__file__).resolve().parent
    lines = [
        '"""Field descriptions of the models, generated from their docstrings: do not edit.',
        "",
        "Regenerate with ``python -m partycases.models._docstrings --write``",
        "(see ``_docstrings``).",
        '"""',
        "",
        "# fmt: off",
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        "#: Module name -> class name -> field name -> description.",
        "DESCRIPTIONS: Final[dict[str, dict[str, dict[str, str]]]] = {",
    ]
    for module in GENERATED_MODULES:
        classes = module_docstrings(str(here / f"{module}.py"))
        lines.append(f"    {f'partycases.models.{module}'!r}: {{")
        for name, docs in classes.items():
            lines.append(f"        {name!r}: {{")
            for field, doc in docs.items():
                line = f"            {field!r}: {doc!r},"
                lines.append(line if len(line) <= 100 else f"{line}  # noqa: E501")
            lines.append("        },")
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    from partycases.models._generated import main

    target = Path(__file__).with_name("_descriptions.py")
    sys.exit(main(render, target, "partycases.models._docstrings", sys.argv[1:]))
