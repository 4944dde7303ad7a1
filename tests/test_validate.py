"""The validation gateway: raw data or JSON bytes in, a case or located problems out."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest

import partycases as pc
from partycases.errors import Problem
from partycases.validate import MAX_INT_BITS, validate_data, validate_json

BASE = {"id": "x", "language": "zh-Hans"}


def test_validate_data_gives_a_case() -> None:
    """Raw data as a reader builds it becomes a case."""
    case = validate_data({**BASE, "title": "Cafe\u0301"})
    assert case.title == "Café"


def test_validate_data_migrates_in_one_place() -> None:
    """0.9 data is migrated by the gateway and records the step."""
    case = validate_data({"schema_version": "0.9", **BASE, "organizations": []})
    assert case.extensions["partycases.migration"]["from"] == "0.9"


@pytest.mark.parametrize("raw", [None, [], "text", 5])
def test_validate_data_refuses_what_is_not_a_mapping(raw: object) -> None:
    """A document that is not a mapping is a LoadError, not a crash."""
    with pytest.raises(pc.LoadError, match="expected a mapping"):
        validate_data(raw)


def test_the_locator_places_every_problem_once() -> None:
    """The locator is called once, with every problem, and its placing is kept."""
    calls: list[int] = []

    def locate(problems: list[Problem]) -> list[Problem]:
        calls.append(len(problems))
        return [attrs.evolve(problem, line=7, column=1) for problem in problems]

    with pytest.raises(pc.LoadError) as caught:
        validate_data({**BASE, "colour": 1, "shade": 2}, locate)
    assert calls == [2]
    assert {problem.line for problem in caught.value.problems} == {7}


def test_validate_json_takes_the_slow_path_when_needed() -> None:
    """Decomposed text and older versions leave the fast path and still load."""
    data = json.dumps({"schema_version": "0.9", **BASE, "title": "e\u0301"}).encode()
    assert validate_json(data).title == "é"


def test_validate_json_refuses_unwritable_extension_data() -> None:
    """An integer past MAX_INT_BITS in extension data is refused with its pointer."""
    data = json.dumps({**BASE, "extensions": {"a.b": 1 << (MAX_INT_BITS + 1)}})
    with pytest.raises(pc.LoadError) as caught:
        validate_json(data)
    assert caught.value.problems[0].pointer == "/extensions/a.b"


@pytest.mark.parametrize("value", ["23", True, 2.0, "2_3"])
@pytest.mark.parametrize(
    ("pointer", "document"),
    [
        ("/series/number", {"series": {"name": "典型案例", "number": None}}),
        ("/sections/0/number", {"sections": [{"heading": "h", "number": None}]}),
        (
            "/organisations/0/evidence/0/start",
            {
                "text": "天津市文化传媒商会",
                "organisations": [
                    {"id": "org:甲", "name": "甲", "evidence": [{"start": None, "end": 3}]}
                ],
            },
        ),
    ],
)
def test_whole_numbers_refuse_strings_booleans_and_floats(
    value: object, pointer: str, document: dict[str, object]
) -> None:
    """A number the schema calls an integer is one in the document, never converted to one."""
    data = json.loads(json.dumps({"id": "x", "language": "zh-Hans", **document}))
    parts = pointer.strip("/").split("/")
    holder: Any = data
    for part in parts[:-1]:
        holder = holder[int(part)] if part.isdigit() else holder[part]
    holder[parts[-1]] = value
    with pytest.raises(pc.LoadError) as raised:
        pc.loads(json.dumps(data))
    assert [problem.pointer for problem in raised.value.problems] == [pointer]
