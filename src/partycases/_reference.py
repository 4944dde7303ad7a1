"""Generate ``docs/reference/models.md``: every model and field, from the models themselves.

``python -m partycases._reference > docs/reference/models.md``; a test keeps the
committed page equal to this output, so the reference cannot drift from the code.
"""

from __future__ import annotations

import enum
import inspect
import re
import typing
from typing import Any

from pydantic import BaseModel

from partycases import models

__all__ = ["render"]

ORDER = ("Case", "Series", "Source", "Section", "Paragraph", "Organisation", "Name", "Identifier",
         "Honour", "Activity", "Work", "Person", "Role")  # fmt: skip
ENUMS = ("SectionKind", "OrganisationKind", "NameKind", "IdentifierScheme", "HonourKind",
         "HonourLevel", "ActivityKind", "WorkKind")  # fmt: skip

#: What holds what: a case its sections and entities, a section its paragraphs.
CONTAINMENT = """    Case ||--o{ Section : sections
    Section ||--o{ Paragraph : paragraphs
    Section ||--o{ Section : subsections
    Case ||--o| Source : source
    Case ||--o{ Organisation : organisations
    Case ||--o{ Person : people
    Case ||--o{ Honour : honours
    Case ||--o{ Activity : activities
    Case ||--o{ Work : works
    Person ||--o{ Role : roles"""
_OWNERS = {
    "": "Case",
    "organisations": "Organisation",
    "people": "Person",
    "honours": "Honour",
    "activities": "Activity",
    "works": "Work",
}
_NESTED = {"roles": "Role", "source": "Source"}
_TARGETS = {"org": "Organisation", "work": "Work", "person": "Person"}


def _reference_lines() -> list[str]:
    """One diagram line per reference, from the references table the checks use."""
    lines = []
    for link in models.REFERENCES:
        *path, (field, many) = link.steps
        owner = _NESTED[path[-1][0]] if path else _OWNERS[link.owner]
        targets = [_TARGETS[kind] for kind in ("org", "work", "person") if kind in link.kinds]
        label = field if len(targets) == 1 else f'"{field} (or {", ".join(targets[1:])})"'
        lines.append(f"    {owner} }}o--{'o{' if many else 'o|'} {targets[0]} : {label}")
    return lines


def diagram() -> str:
    """The Mermaid diagram of the models: containment, then every reference."""
    body = "\n".join([CONTAINMENT, *_reference_lines()])
    return f"```mermaid\nerDiagram\n{body}\n```"


def _type_name(annotation: Any) -> str:
    text = str(annotation) if not isinstance(annotation, type) else annotation.__name__
    for prefix in ("partycases.models.", "partycases.values.", "typing.", "datetime."):
        text = text.replace(prefix, "")
    for module in (
        "case.",
        "section.",
        "organisation.",
        "honour.",
        "activity.",
        "work.",
        "person.",
    ):
        text = text.replace(module, "")
    text = (
        text.replace("NoneType", "None")
        .replace("Annotated[", "")
        .replace("pydantic_core._pydantic_core.", "")
    )
    if "StringConstraints" in text or "_TextSchema" in text or "FieldInfo" in text:
        text = text.split(",")[0]
    text = re.sub(r"Optional\[(.*)\]$", r"\1 | None", text)
    return text.replace(" | ", " or ")


def _field_type(model: type[BaseModel], name: str) -> str:
    hints = typing.get_type_hints(model, include_extras=False)
    return f"`{_type_name(hints[name])}`"


def render() -> str:
    """The Markdown page."""
    lines = [
        "# The schema, model by model",
        "",
        "Generated from the models and their field docstrings (`python -m partycases._reference`).",
        "Field names are the JSON keys; defaults are left out of canonical JSON.",
        "",
        diagram(),
        "",
    ]
    for name in ORDER:
        model: type[BaseModel] = getattr(models, name)
        lines += [f"## {name}", "", inspect.cleandoc(model.__doc__ or ""), ""]
        lines += ["| field | type | required | description |", "|---|---|---|---|"]
        for field, info in model.model_fields.items():
            required = "yes" if info.is_required() else ""
            description = (info.description or "").replace("\n", " ").replace("|", "\\|")
            lines.append(
                f"| `{field}` | {_field_type(model, field)} | {required} | {description} |"
            )
        lines.append("")
    lines += ["## Vocabularies", ""]
    for name in ENUMS:
        kind: type[enum.Enum] = getattr(models, name)
        values = ", ".join(f"`{member.value}`" for member in kind)
        lines += [f"- **{name}**: {values}"]
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(), end="")
