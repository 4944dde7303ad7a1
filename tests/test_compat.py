"""Compatibility: a model change must not break committed files or the published schema unannounced.

``tests/data/compat/case-<version>.schema.json`` is the schema as published for
each version. While ``SCHEMA_VERSION`` stays the same, the current schema may
only grow: every published property stays, nothing optional becomes required,
closed objects stay closed. Breaking that needs a new version (and a migration).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

import partycases as pc
from tests.conftest import DATA, EXAMPLE_CASES

COMPAT = DATA / "compat"
COMMITTED_CASES = [
    *EXAMPLE_CASES,
    *sorted((DATA / "texts").glob("*.json")),
    *sorted((DATA / "migrations").glob("0.9-*")),
]


def test_published_schema_for_this_version_exists() -> None:
    """Each schema version has its published schema committed for comparison."""
    assert (COMPAT / f"case-{pc.SCHEMA_VERSION}.schema.json").exists()


def _definitions(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    root = {key: value for key, value in schema.items() if key != "$defs"}
    return {"Case": root, **schema.get("$defs", {})}


def test_schema_only_grows_within_a_version() -> None:
    """No property removed, no new required field, no closed object opened, without a version bump."""
    published = orjson.loads((COMPAT / f"case-{pc.SCHEMA_VERSION}.schema.json").read_bytes())
    current = pc.json_schema()
    broken = []
    now = _definitions(current)
    for name, definition in _definitions(published).items():
        if name not in now:
            broken.append(f"{name}: removed")
            continue
        after = now[name]
        kept = after.get("properties", {})
        broken += [
            f"{name}.{p}: removed" for p in definition.get("properties", {}) if p not in kept
        ]
        required = set(after.get("required", [])) - set(definition.get("required", []))
        broken += [f"{name}.{p}: newly required" for p in sorted(required)]
        if (
            definition.get("additionalProperties") is False
            and after.get("additionalProperties") is not False
        ):
            broken.append(f"{name}: no longer closed")
        if "enum" in definition and not set(definition["enum"]) <= set(after.get("enum", [])):
            broken.append(f"{name}: enum values removed")
    assert broken == [], "bump SCHEMA_VERSION and add a migration: " + "; ".join(broken)


@pytest.mark.parametrize("path", COMMITTED_CASES, ids=lambda p: p.name)
def test_committed_case_files_still_load(path: Path) -> None:
    """Every committed case file, of any version, loads as a current case."""
    case = pc.load(path)
    assert case.schema_version == pc.SCHEMA_VERSION
