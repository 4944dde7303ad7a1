"""Repairing 1.0 files whose organisation ids were made from credit codes."""

from __future__ import annotations

import copy
from pathlib import Path

import orjson
import pydantic
import pytest

import partycases as pc
from partycases.migrate import migrate, needs_migration
from partycases.models import LEGACY_ID_ERROR
from tests.conftest import ROOT

LEGACY = ROOT / "tests" / "data" / "migrations" / "1.0-credit-code-ids.json"
CHAMBER = "org:天津市文化传媒商会"


def legacy() -> dict[str, object]:
    """The legacy file as raw data."""
    data: dict[str, object] = orjson.loads(LEGACY.read_bytes())
    return data


def test_legacy_ids_need_migration_and_current_ones_do_not() -> None:
    """A 1.0 file with org:uscc- ids needs the repair; one without does not."""
    assert needs_migration(legacy())
    assert not needs_migration(orjson.loads(pc.dumps(pc.load(LEGACY))))


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".jsonl"])
def test_every_reference_follows_the_new_id(tmp_path: Path, suffix: str) -> None:
    """Loading rewrites the id and every reference to it, and keeps the code as an identifier."""
    path = tmp_path / f"case{suffix}"
    data = legacy()
    if suffix == ".yaml":
        import yaml

        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    else:
        path.write_bytes(orjson.dumps(data) + (b"\n" if suffix == ".jsonl" else b""))
    [case] = [item for item in pc.iter_cases(path) if isinstance(item, pc.Case)]
    chamber = case.organisation(CHAMBER)
    assert [(i.scheme.value, i.value) for i in chamber.identifiers] == [
        ("uscc", "51120000MJ05432108")
    ]
    association = case.organisation("org:北京市网络协会")
    assert [i.value for i in association.identifiers] == ["51110000MJ0112233N"]
    assert association.supervised_by == (CHAMBER,)
    assert case.subject_ids == (CHAMBER,)
    assert case.source is not None
    assert case.source.publisher_id == CHAMBER
    assert case.organisation("org:中共天津市文化传媒商会支部委员会").parent_id == CHAMBER
    assert case.people[0].roles[0].organisation_id == CHAMBER
    [honour] = case.honours
    assert (honour.recipient_id, honour.awarded_by) == (CHAMBER, ("org:北京市网络协会",))
    assert "org:uscc-" not in pc.dumps(case).decode().replace(
        '"seen_as": "org:uscc-51120000mj05432108"', ""
    )
    assert case.extensions["org.example.crawler"] == {"seen_as": "org:uscc-51120000mj05432108"}
    assert case.extensions["partycases.migration"] == {
        "from": "1.0",
        "steps": ["1.0:org-ids-from-names"],
    }


def test_migration_is_pure() -> None:
    """The step leaves its input untouched."""
    data = legacy()
    before = copy.deepcopy(data)
    migrate(data)
    assert data == before


def test_a_collision_is_refused_with_its_place() -> None:
    """A legacy id whose name key is already taken is a located error, not a silent merge."""
    data = legacy()
    organisations = data["organisations"]
    assert isinstance(organisations, list)
    organisations.append({"id": CHAMBER, "name": "天津市文化传媒商会"})
    with pytest.raises(pc.LoadError, match="merge them") as caught:
        migrate(data)
    assert caught.value.problems[0].pointer == "/organisations/0/id"


def test_from_json_the_old_form_is_an_error_that_sends_loads_to_the_repair() -> None:
    """pydantic-core tells the old id form apart, so the loader needs no Python pass to find it.

    Validating the document directly refuses each such id with an error of its own;
    ``loads`` takes that error as its cue to repair the raw data. From Python an id
    is taken as it is (the readers repair raw data before validating it).
    """
    document = orjson.dumps(legacy())
    with pytest.raises(pydantic.ValidationError) as caught:
        pc.Case.model_validate_json(document)
    errors = caught.value.errors()
    assert {error["type"] for error in errors} == {LEGACY_ID_ERROR}
    assert [error["loc"] for error in errors] == [
        ("organisations", 0, "id"),
        ("organisations", 2, "id"),
    ]
    assert pc.loads(document).organisation(CHAMBER).identifiers
    assert pc.Organisation(id="org:uscc-51120000MJ05432108", name="甲").id == (
        "org:uscc-51120000MJ05432108"
    )
    # Ids that only share the prefix's first characters are current ids.
    for current in ("org:usc", "org:uscc", "org:uscc1", "org:USCC-1"):
        pc.Organisation.model_validate_json(orjson.dumps({"id": current, "name": "甲"}))


def _outcome(data: bytes, format: str) -> object:
    """What reading ``data`` gives: the case's canonical JSON, or its problems."""
    try:
        return pc.dumps(pc.loads(data, format=format))
    except pc.LoadError as error:
        return [(problem.pointer, problem.message) for problem in error.problems]


def _changed(change: str) -> dict[str, object]:
    if change == "a malformed old id alone":
        organisation = {"id": "org:uscc-a b", "name": "甲市商会"}
        return {"id": "case-one", "language": "zh-Hans", "organisations": [organisation]}
    data = legacy()
    organisations = data["organisations"]
    assert isinstance(organisations, list)
    if change == "malformed old id":
        organisations[0]["id"] = "org:uscc-a b"
    elif change == "old id and a twin in capitals":
        organisations.append({"id": "org:USCC-51120000MJ05432108", "name": "另一商会"})
    elif change == "old id without a name":
        del organisations[2]["name"]
    elif change == "old id and a bad date":
        organisations[0]["founded"] = "2013-13"
    return data


@pytest.mark.parametrize(
    "change",
    [
        "a malformed old id alone",
        "malformed old id",
        "old id and a twin in capitals",
        "old id without a name",
        "old id and a bad date",
    ],
)
def test_json_and_yaml_read_old_ids_alike(change: str) -> None:
    """Whatever else a document holds, its old-form ids are repaired before it is judged.

    The YAML reader repairs raw data before validating it; the JSON reader, which
    finds old ids while validating, must come to the same answer.
    """
    yaml = pytest.importorskip("yaml", reason="the [yaml] extra is not installed")
    data = _changed(change)
    as_json = _outcome(orjson.dumps(data), "json")
    as_yaml = _outcome(yaml.safe_dump(data, allow_unicode=True).encode(), "yaml")
    assert as_json == as_yaml
