"""Tests for the table of cross-entity references and the two checks derived from it."""

from __future__ import annotations

import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import orjson
import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import partycases as pc
from partycases.models import _references, _sound_writer, stated_keys
from partycases.models._base import Reference
from partycases.models._references import (
    COLLECTIONS,
    ENTITY_MODELS,
    REFERENCES,
    Link,
    case_problems,
    is_sound,
    located_problems,
)
from partycases.models._sound import sound_keys
from tests.models.test_case import base
from tests.strategies import cases


def _model_of(annotation: Any) -> type[pydantic.BaseModel] | None:
    """The model inside an annotation such as ``tuple[Role, ...]`` or ``Source | None``."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_of(argument)
        if found is not None:
            return found
    return None


def _refers(annotation: Any) -> bool:
    """Whether an annotation is a reference or a list of them."""
    return annotation == Reference or any(_refers(arg) for arg in typing.get_args(annotation))


def _reference_fields(model: type[pydantic.BaseModel], prefix: str = "") -> set[str]:
    """Every field path under ``model`` typed as a reference, in the table's notation."""
    found = set()
    hints = typing.get_type_hints(model, include_extras=True)
    for name in model.model_fields:
        annotation = hints[name]
        many = typing.get_origin(annotation) is tuple
        path = f"{prefix}{name}{'[]' if many else ''}"
        if _refers(annotation):
            found.add(path)
        inner = _model_of(annotation)
        if inner is not None and inner is not model and name not in COLLECTIONS:
            found |= _reference_fields(inner, f"{path}.")
    return found


def test_every_reference_field_is_declared() -> None:
    """Each field typed as a reference, in the case or any entity, has exactly one link."""
    declared = {(link.owner, link.field) for link in REFERENCES}
    assert len(declared) == len(REFERENCES)
    in_models = {("", path) for path in _reference_fields(pc.Case)}
    for collection, kind in COLLECTIONS.items():
        model = getattr(pc, ENTITY_MODELS[kind])
        in_models |= {(collection, path) for path in _reference_fields(model)}
    assert declared == in_models


def test_collections_and_kinds_match_the_models() -> None:
    """Each collection is a field of Case holding the model named for its kind."""
    for collection, kind in COLLECTIONS.items():
        annotation = pc.Case.model_fields[collection].annotation
        assert _model_of(annotation) is getattr(pc, ENTITY_MODELS[kind])
    assert {kind for link in REFERENCES for kind in link.kinds} <= set(ENTITY_MODELS)


def test_link_steps_and_expected_words() -> None:
    """A link's path splits into steps, and its kinds read as words."""
    link = Link("people", "roles[].organisation_id", frozenset({"org", "person"}))
    assert link.steps == (("roles", True), ("organisation_id", False))
    assert link.expected == "an organisation or a person"
    assert Link("", "x", frozenset({"org", "work", "person"})).expected == (
        "an organisation, a work or a person"
    )


def _dangle(link: Link) -> tuple[dict[str, Any], str]:
    """The base case with ``link`` pointing at an id nobody has, and the pointer of that id."""
    data = base()
    target: Any = data
    pointer = ""
    if link.owner:
        target, pointer = data[link.owner][0], f"/{link.owner}/0"
    *path, (last, many) = link.steps
    for name, step_many in path:
        target, pointer = target[name], f"{pointer}/{name}"
        if step_many:
            target, pointer = target[0], f"{pointer}/0"
    kind = sorted(link.kinds)[0]
    bad = f"{kind}:無"
    if many:
        target[last], pointer = [bad], f"{pointer}/{last}/0"
    else:
        target[last], pointer = bad, f"{pointer}/{last}"
    return data, pointer


@pytest.mark.parametrize("link", REFERENCES, ids=lambda link: f"{link.owner}:{link.field}")
def test_each_declared_link_is_checked_where_it_is(link: Link) -> None:
    """A dangling id in any declared field fails both checks, located at that field."""
    data, pointer = _dangle(link)
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(orjson.dumps(data))
    assert [problem.pointer for problem in caught.value.problems] == [pointer]
    assert "no entity has the id" in caught.value.problems[0].message


def test_self_reference_is_caught_by_both_checks() -> None:
    """A not_self link naming its own entity fails the fast check and is located by the slow one."""
    valid = pc.loads(orjson.dumps(base()))
    branch = valid.organisations[1]
    looped = branch.model_copy(update={"parent_id": branch.id})
    organisations = (valid.organisations[0], looped, *valid.organisations[2:])
    invalid = valid.model_copy(update={"organisations": organisations})
    assert is_sound(valid)
    assert not is_sound(invalid)
    by_attribute = _sound_writer.compile_sound(by_dict=False)
    assert by_attribute(valid)
    assert not by_attribute(invalid)
    [error] = located_problems(invalid)
    assert error["loc"] == ("organisations", 1, "parent_id")
    data = base()
    data["organisations"][1]["parent_id"] = data["organisations"][1]["id"]
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(orjson.dumps(data))
    [problem] = caught.value.problems
    assert (problem.pointer, problem.message) == (
        "/organisations/1/parent_id",
        "an organisation cannot be its own parent",
    )


@pytest.mark.parametrize(
    ("organisations", "code"),
    [
        (
            [
                {"id": "org:甲市商会", "name": "甲市商会", "parent_id": "org:乙市协会"},
                {"id": "org:乙市协会", "name": "乙市协会", "parent_id": "org:甲市商会"},
            ],
            "parent_cycle",
        ),
        (
            [
                {"id": "org:天津市文化傳媒商會", "name": "天津市文化傳媒商會"},
                {"id": "org:天津市文化传媒商会", "name": "天津市文化传媒商会"},
            ],
            "same_name_ids",
        ),
    ],
)
def test_case_problems_finds_what_the_validator_refuses(
    organisations: list[dict[str, str]], code: str
) -> None:
    """A case built without validation: ids and references resolve, but the chain or the ids do not."""
    case = pc.Case.model_construct(
        id="case-unchecked",
        language="zh-Hans",
        organisations=tuple(pc.Organisation(**org) for org in organisations),
    )
    assert not is_sound(case)
    assert not _BY_ATTRIBUTE(case)
    [error] = case_problems(case)
    assert error["type"].type == code  # type: ignore[union-attr]
    assert case_problems(pc.loads(orjson.dumps(base()))) == []


@given(cases())
def test_fast_and_located_checks_agree_on_valid_cases(case: pc.Case) -> None:
    """Every generated (valid) case passes the fast check, and the located check finds nothing."""
    assert is_sound(case)
    assert _BY_ATTRIBUTE(case)
    assert located_problems(case) == []


@given(cases())
def test_the_counting_check_counts_what_stated_keys_counts(case: pc.Case) -> None:
    """``sound_keys`` is ``is_sound`` and ``stated_keys`` on one walk: the same answers.

    The JSON reader's duplicate-key test trusts the count: one key too many would
    let a repeated key through.
    """
    assert is_sound(case)
    assert sound_keys(case) == stated_keys(case)


#: The fast check reading fields as attributes, as the msgspec baseline runs it.
_BY_ATTRIBUTE = _sound_writer.compile_sound(by_dict=False)


def _replace(case: pc.Case, collection: str, index: int, **update: object) -> pc.Case:
    """``case`` with one entity of ``collection`` changed, without validation."""
    entities = list(getattr(case, collection))
    entities[index] = entities[index].model_copy(update=update)
    return case.model_copy(update={collection: tuple(entities)})


#: One way to break each invariant the case-wide check keeps.
_BREAKS = (
    "dangling subject",
    "repeated id",
    "own parent",
    "dangling approver",
    "script twin",
    "parent loop",
    "recipient of the wrong kind",
    "span past the text",
)


def _with_organisations(case: pc.Case, count: int) -> pc.Case:
    """``case`` with at least ``count`` organisations (plain ones added at the end)."""
    added = tuple(
        pc.Organisation(id=f"org:补充组织{number}", name=f"补充组织{number}")
        for number in range(count - len(case.organisations))
    )
    return case.model_copy(update={"organisations": (*case.organisations, *added)})


def _broken(case: pc.Case, how: str, at: int) -> pc.Case:  # noqa: PLR0911 - a return per way
    """``case`` with one cross-field invariant broken ``how``, at its ``at``-th organisation."""
    case = _with_organisations(case, 2)
    orgs = case.organisations
    at %= len(orgs)
    if how == "dangling subject":
        return case.model_copy(update={"subject_ids": (*case.subject_ids, "org:不存在的组织")})
    if how == "repeated id":
        return case.model_copy(update={"organisations": (*orgs, orgs[at])})
    if how == "own parent":
        return _replace(case, "organisations", at, parent_id=orgs[at].id)
    if how == "dangling approver":
        return _replace(case, "organisations", at, approved_by=("org:不存在的组织",))
    if how == "script twin":
        twins = (
            pc.Organisation(id="org:天津市文化傳媒商會", name="天津市文化傳媒商會"),
            pc.Organisation(id="org:天津市文化传媒商会", name="天津市文化传媒商会"),
        )
        return case.model_copy(update={"organisations": (*orgs, *twins)})
    if how == "parent loop":
        other = (at + 1) % len(orgs)
        looped = _replace(case, "organisations", at, parent_id=orgs[other].id)
        return _replace(looped, "organisations", other, parent_id=orgs[at].id)
    if how == "recipient of the wrong kind":
        honour = pc.Honour(id="honour:自指荣誉", title="自指荣誉", recipient_id="honour:自指荣誉")
        return case.model_copy(update={"honours": (*case.honours, honour)})
    text = case.text or "一段短文"
    past = pc.Span(0, len(text) + 1)
    return _replace(case.model_copy(update={"text": text}), "organisations", at, evidence=(past,))


@pytest.mark.parametrize("how", _BREAKS)
@given(case=cases(), at=st.integers(0, 7))
def test_fast_and_located_checks_agree_on_broken_cases(case: pc.Case, at: int, how: str) -> None:
    """A case with an invariant broken fails the fast check in both forms, and is located.

    The fast check runs the organisations' identity checks only where a quick test
    cannot rule them out: a loop or a twin it missed would pass here.
    """
    broken = _broken(case, how, at)
    assert located_problems(broken)
    assert not is_sound(broken)
    assert not _BY_ATTRIBUTE(broken)
    assert sound_keys(broken) is None


def test_fast_check_source_is_written_from_the_tables() -> None:
    """The fast check names every declared field and every collection."""
    for source in (_sound_writer.sound_source(), _sound_writer.sound_source(by_dict=False)):
        for link in REFERENCES:
            field = link.steps[-1][0]
            assert f".{field}" in source or f'_f["{field}"]' in source
        for collection in COLLECTIONS:
            assert f"for entity in {collection}:" in source
        compile(source, "is_sound", "exec")


_GENERATED = Path(_sound_writer.__file__).with_name("_sound.py")
_REGENERATE = "python -m partycases.models._sound_writer --write"


def test_generated_fast_check_is_up_to_date() -> None:
    """The committed _sound module is what the writer writes from today's tables."""
    assert _GENERATED.read_text(encoding="utf-8") == _sound_writer.render(), f"run: {_REGENERATE}"
    assert is_sound.__module__ == "partycases.models._sound"


def test_writer_runs_as_documented() -> None:
    """The documented command prints the module's source and nothing else."""
    out = subprocess.run(
        [sys.executable, "-m", "partycases.models._sound_writer"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert (out.stdout, out.stderr) == (_sound_writer.render(), "")


def test_a_changed_table_changes_the_written_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer reads the tables: a link added to them is tested by the source it writes."""
    extra = _references.Link("works", "made_for[]", frozenset({"org"}))
    monkeypatch.setattr(_sound_writer, "REFERENCES", (*REFERENCES, extra))
    assert 'entity_f["made_for"]' in _sound_writer.sound_source()
    assert _sound_writer.render() != _GENERATED.read_text(encoding="utf-8")
