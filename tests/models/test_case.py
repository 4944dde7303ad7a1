"""Tests for the case-wide rules: each has a passing and a failing case."""

from __future__ import annotations

import copy
import json
import unicodedata
from typing import Any

import orjson
import pydantic
import pytest
from hypothesis import given

import partycases as pc
from tests.strategies import cases


def base() -> dict[str, Any]:
    """A small valid case that uses every kind of reference."""
    return {
        "id": "sample",
        "language": "zh-Hant",
        "subject_ids": ["org:商會"],
        "source": {"publisher": "聯合會", "publisher_id": "org:聯合會"},
        "organisations": [
            {
                "id": "org:商會",
                "name": "某市商會",
                "approved_by": ["org:局"],
                "supervised_by": ["org:局"],
            },
            {"id": "org:支部", "name": "某市商會支部委員會", "parent_id": "org:商會"},
            {"id": "org:局", "name": "某市社管局"},
            {"id": "org:聯合會", "name": "聯合會"},
        ],
        "people": [
            {
                "id": "person:甲",
                "name": "王甲",
                "roles": [{"title": "會長", "organisation_id": "org:商會"}],
            }
        ],
        "works": [{"id": "work:片", "title": "我的城市", "creator_ids": ["org:支部", "person:甲"]}],
        "honours": [
            {
                "id": "honour:一",
                "title": "示範點",
                "recipient_id": "org:商會",
                "awarded_by": ["org:局"],
            },
            {"id": "honour:二", "title": "榮譽證書", "recipient_id": "work:片"},
            {"id": "honour:三", "title": "優秀會長", "recipient_id": "person:甲"},
        ],
        "activities": [
            {
                "id": "activity:日",
                "name": "主題黨日",
                "organiser_ids": ["org:支部"],
                "participant_ids": ["person:甲", "org:商會"],
                "work_ids": ["work:片"],
            }
        ],
        "text": "某市商會成立於2013年",
    }


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Load ``data`` as JSON and return (pointer, message) for every problem."""
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(orjson.dumps(data))
    return [(problem.pointer, problem.message) for problem in caught.value.problems]


def test_base_case_is_valid() -> None:
    """The base case, with every kind of reference, validates."""
    case = pc.loads(orjson.dumps(base()))
    assert case.organisation("org:支部").parent_id == "org:商會"
    assert len(case.honours) == 3


def test_duplicate_ids_are_reported() -> None:
    """Two entities with one id are an error at the second one."""
    data = base()
    data["honours"][1]["id"] = "honour:一"
    assert problems(data) == [
        ("/honours/1/id", "the id 'honour:一' is used twice; ids must be unique in a case")
    ]


def test_entity_id_must_have_its_kind_prefix() -> None:
    """An organisation's id must start with org:."""
    data = base()
    data["organisations"].append({"id": "work:錯", "name": "錯誤"})
    [(pointer, message)] = problems(data)
    assert pointer == "/organisations/4/id"
    assert "starting with org:" in message


@pytest.mark.parametrize(
    ("path", "value", "pointer"),
    [
        (("honours", 0, "awarded_by", 0), "org:無", "/honours/0/awarded_by/0"),
        (("honours", 0, "recipient_id"), "org:無", "/honours/0/recipient_id"),
        (("subject_ids", 0), "org:無", "/subject_ids/0"),
        (("organisations", 0, "approved_by", 0), "org:無", "/organisations/0/approved_by/0"),
        (("organisations", 0, "supervised_by", 0), "org:無", "/organisations/0/supervised_by/0"),
        (("organisations", 1, "parent_id"), "org:無", "/organisations/1/parent_id"),
        (
            ("people", 0, "roles", 0, "organisation_id"),
            "org:無",
            "/people/0/roles/0/organisation_id",
        ),
        (("works", 0, "creator_ids", 0), "org:無", "/works/0/creator_ids/0"),
        (("activities", 0, "organiser_ids", 0), "org:無", "/activities/0/organiser_ids/0"),
        (("activities", 0, "participant_ids", 0), "person:無", "/activities/0/participant_ids/0"),
        (("activities", 0, "work_ids", 0), "work:無", "/activities/0/work_ids/0"),
        (("source", "publisher_id"), "org:無", "/source/publisher_id"),
    ],
)
def test_dangling_references(path: tuple[str | int, ...], value: str, pointer: str) -> None:
    """A reference to an id no entity has is an error at that reference."""
    data = base()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    [(where, message)] = problems(data)
    assert where == pointer
    assert message.startswith(f"no entity has the id '{value}'; expected the id of")


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("honours", 0, "awarded_by", 0), "work:片", "an organisation"),
        (("honours", 0, "recipient_id"), "activity:日", "an organisation, a work or a person"),
        (("honours", 0, "recipient_id"), "honour:二", "an organisation, a work or a person"),
        (("subject_ids", 0), "person:甲", "an organisation"),
        (("organisations", 1, "parent_id"), "work:片", "an organisation"),
        (("people", 0, "roles", 0, "organisation_id"), "person:甲", "an organisation"),
        (("works", 0, "creator_ids", 0), "work:片", "an organisation or a person"),
        (("activities", 0, "organiser_ids", 0), "person:甲", "an organisation"),
        (("activities", 0, "work_ids", 0), "org:商會", "a work"),
    ],
)
def test_references_must_point_at_the_right_kind(
    path: tuple[str | int, ...], value: str, expected: str
) -> None:
    """A reference that resolves to the wrong kind of entity is an error that names both kinds."""
    data = base()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    [(_, message)] = problems(data)
    assert message.endswith(f"; expected the id of {expected}")
    assert f"'{value}' is " in message


def test_organisation_cannot_be_its_own_parent() -> None:
    """parent_id may not name the organisation itself."""
    data = base()
    data["organisations"][1]["parent_id"] = "org:支部"
    assert problems(data) == [
        ("/organisations/1/parent_id", "an organisation cannot be its own parent")
    ]


def test_partial_dates_must_be_real() -> None:
    """Month 13 and 30 February are errors; real dates pass."""
    data = base()
    data["organisations"][0]["founded"] = "2013-09"
    data["honours"][0]["date"] = "2024-02-29"
    assert pc.loads(orjson.dumps(data)).honours[0].date == pc.PartialDate(2024, 2, 29)
    data["organisations"][0]["founded"] = "2013-13"
    data["honours"][0]["date"] = "2023-02-30"
    found = dict(problems(data))
    assert "month 13" in found["/organisations/0/founded"]
    assert "day 30" in found["/honours/0/date"]


def test_quantities_must_not_be_negative() -> None:
    """A member count of 0 passes; -1 fails at its pointer."""
    data = base()
    data["organisations"][0]["member_count"] = {"value": 0}
    assert pc.loads(orjson.dumps(data)).organisations[0].member_count == pc.Quantity(0)
    data["organisations"][0]["member_count"] = {"value": -1, "qualifier": "nearly"}
    [(pointer, message)] = problems(data)
    assert pointer == "/organisations/0/member_count/value"
    assert "greater than or equal to 0" in message


def test_strings_are_nfc_and_stripped() -> None:
    """Decomposed text is stored composed and trimmed; blank text is an error."""
    data = base()
    decomposed = "Cafe\u0301 協會"
    assert not unicodedata.is_normalized("NFC", decomposed)
    data["organisations"][0]["name"] = f"  {decomposed}\n"
    assert pc.loads(orjson.dumps(data)).organisations[0].name == "Café 協會"
    data["organisations"][0]["name"] = " \u3000 "
    [(pointer, message)] = problems(data)
    assert pointer == "/organisations/0/name"
    assert "at least 1 character" in message


def test_evidence_spans_must_lie_inside_the_text() -> None:
    """A span inside Case.text passes; one past its end fails, as does evidence without text."""
    data = base()
    data["organisations"][0]["evidence"] = [{"start": 0, "end": 4}]
    case = pc.loads(orjson.dumps(data))
    assert case.organisations[0].evidence[0].read(case.text or "") == "某市商會"
    data["organisations"][0]["evidence"] = [{"start": 0, "end": 99}]
    assert problems(data) == [
        ("/organisations/0/evidence/0", "span ends at 99 but the text has 12 characters")
    ]
    del data["text"]
    data["organisations"][0]["evidence"] = [{"start": 0, "end": 4}]
    [(pointer, message)] = problems(data)
    assert pointer == "/organisations/0/evidence/0"
    assert "need the case's text" in message


@pytest.mark.parametrize(
    ("path", "pointer"),
    [
        ((), "/colour"),
        (("organisations", 0), "/organisations/0/colour"),
        (("source",), "/source/colour"),
    ],
)
def test_unknown_fields_are_rejected(path: tuple[str | int, ...], pointer: str) -> None:
    """Unknown fields fail at every level and point to extensions."""
    data = base()
    target: Any = data
    for key in path:
        target = target[key]
    target["colour"] = "red"
    assert problems(data) == [(pointer, "unknown field 'colour'; put extra data under /extensions")]


def test_extensions_hold_namespaced_data() -> None:
    """Extensions take any JSON under namespaced keys, and only such keys."""
    data = base()
    data["extensions"] = {"org.example.crawler": {"status": 200, "tags": ["a", None]}}
    assert pc.loads(orjson.dumps(data)).extensions["org.example.crawler"] == {
        "status": 200,
        "tags": ["a", None],
    }
    data["extensions"] = {"Bad Key": 1}
    [(pointer, message)] = problems(data)
    assert pointer == "/extensions/Bad Key"
    assert message.startswith("the key itself")


@pytest.mark.parametrize("code", ["51330100MJ9A1B2C3T", "91110000600037341L"])
def test_valid_credit_codes_pass(code: str) -> None:
    """Credit codes with the right GB 32100-2015 check character pass."""
    identifier = pc.Identifier(scheme=pc.IdentifierScheme.USCC, value=code)
    assert identifier.value == code


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("51330100MJ9A1B2C3X", "checksum"),
        ("51330100MJ9A1B2C3", "length"),
        ("51330100mj9a1b2c3t", "compact form"),
    ],
)
def test_invalid_credit_codes_fail(code: str, fragment: str) -> None:
    """A wrong check character, a wrong length or a non-compact form is refused."""
    with pytest.raises(pydantic.ValidationError, match=fragment):
        pc.Identifier(scheme=pc.IdentifierScheme.USCC, value=code)
    # Other schemes are not checked.
    assert pc.Identifier(scheme=pc.IdentifierScheme.OTHER, value=code).value == code


def test_many_problems_are_reported_together() -> None:
    """A case with several problems lists all of them, each with its JSON pointer."""
    data = copy.deepcopy(base())
    data["honours"][0]["awarded_by"] = ["org:無"]
    data["honours"][1]["recipient_id"] = "activity:日"
    data["organisations"][0]["founded"] = "2013-13"
    data["works"][0]["colour"] = "red"
    pointers = sorted(pointer for pointer, _ in problems(data))
    assert pointers == ["/organisations/0/founded", "/works/0/colour"]
    # Field errors stop the case-wide pass; once fixed, the reference errors all show.
    del data["works"][0]["colour"]
    data["organisations"][0]["founded"] = "2013-09"
    pointers = sorted(pointer for pointer, _ in problems(data))
    assert pointers == ["/honours/0/awarded_by/0", "/honours/1/recipient_id"]


def test_models_are_frozen() -> None:
    """Models cannot be changed after validation."""
    case = pc.loads(orjson.dumps(base()))
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        case.title = "改"  # type: ignore[misc]


def test_direct_construction_raises_pydantic_errors() -> None:
    """Building a model in Python raises pydantic's ValidationError, as pydantic users expect."""
    with pytest.raises(pydantic.ValidationError, match="dangling_reference"):
        pc.Case(id="x", language="zh-Hans", subject_ids=("org:無",))


def test_work_titles_exclude_title_marks() -> None:
    """Work titles are stored without 《》."""
    with pytest.raises(pydantic.ValidationError, match="without the 《》"):
        pc.Work(id="work:x", title="《我愛你中國》")


def test_cases_are_hashable() -> None:
    """hash(case) works, with extension data too, and equal cases hash alike."""
    data = base()
    data["extensions"] = {"org.example": {"nested": [1, {"deep": True}]}}
    case = pc.Case.model_validate(data)
    again = pc.Case.model_validate(copy.deepcopy(data))
    assert hash(case) == hash(again)
    assert len({case, again, case.model_copy(update={"id": "other"})}) == 2
    assert hash(case.organisations[0]) == hash(again.organisations[0])


@pytest.mark.parametrize(
    ("path", "pointer"),
    [
        (("title",), "/title"),
        (("headline",), "/headline"),
        (("organisations", 0, "name"), "/organisations/0/name"),
        (("people", 0, "roles", 0, "title"), "/people/0/roles/0/title"),
        (("honours", 0, "title"), "/honours/0/title"),
        (("works", 0, "title"), "/works/0/title"),
        (("activities", 0, "name"), "/activities/0/name"),
    ],
)
@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028", "\u2029"])
def test_single_line_fields_refuse_line_breaks(
    path: tuple[str | int, ...], pointer: str, brk: str
) -> None:
    """A line break in a name, title or heading is a located line_break problem, from JSON and Python."""
    data = base()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = f"某某{brk}来源：假的來源"
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(orjson.dumps(data), format="json")
    assert [problem.pointer for problem in caught.value.problems] == [pointer]
    assert "line break" in str(caught.value)
    with pytest.raises(pydantic.ValidationError, match="line_break"):
        pc.Case.model_validate(data)


def test_free_text_keeps_its_line_breaks() -> None:
    """Activity descriptions and unparsed text may hold several lines."""
    data = base()
    data["activities"][0]["description"] = "第一行\n第二行"
    data["unparsed"] = ["甲\n乙"]
    case = pc.Case.model_validate(data)
    assert case.activities[0].description == "第一行\n第二行"
    assert case.unparsed == ("甲\n乙",)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("sections",), [{"number": 10_000, "heading": "標題"}]),
        (("series",), {"name": "典型案例", "number": 10_000}),
        (("honours", 0, "batch"), 10_000),
        (("honours", 0, "batch"), 2**31),
    ],
)
def test_numbers_past_the_maximum_are_refused(path: tuple[str | int, ...], value: Any) -> None:
    """Section, series and batch numbers above 9999 are refused, so no valid case breaks render or export."""
    data = base()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(pc.LoadError, match="9999"):
        pc.loads(orjson.dumps(data), format="json")


def test_the_largest_numbers_render_and_export() -> None:
    """A case at every maximum renders as text and Markdown and becomes Arrow tables."""
    pytest.importorskip("pyarrow")
    data = base()
    data["sections"] = [{"number": 9999, "heading": "標題", "subsections": [{"number": 9999}]}]
    data["series"] = {"name": "典型案例", "number": 9999}
    data["honours"][0]["batch"] = 9999
    data["organisations"][0]["member_count"] = {"value": 10**12}
    case = pc.Case.model_validate(data)
    assert "九千九百九十九、標題" in pc.render_text(case)
    assert b"9999. " in pc.dumps(case, format="markdown")
    tables = pc.to_arrow([case])
    assert tables["sections"].column("number").to_pylist() == [9999, 9999]


@given(cases())
def test_every_generated_case_hashes_like_its_copy(case: pc.Case) -> None:
    """Any valid case, extension data included, hashes, and its JSON round trip hashes alike."""
    again = pc.loads(pc.dumps(case), format="json")
    assert again == case
    assert hash(again) == hash(case)


def test_a_parent_chain_that_leads_back_is_refused() -> None:
    """Two organisations each the other's parent: a located problem, not a case."""
    data = {
        "id": "case-cycle",
        "language": "zh-Hans",
        "organisations": [
            {"id": "org:甲市商会", "name": "甲市商会", "parent_id": "org:乙市协会"},
            {"id": "org:乙市协会", "name": "乙市协会", "parent_id": "org:甲市商会"},
        ],
    }
    with pytest.raises(pc.LoadError, match="leads back to it") as caught:
        pc.loads(json.dumps(data, ensure_ascii=False))
    assert caught.value.problems[0].pointer.endswith("/parent_id")


def test_one_organisation_under_two_scripts_is_refused() -> None:
    """Ids differing only in script (傳媒商會 / 传媒商会) name one body twice: a located problem."""
    data = {
        "id": "case-twins",
        "language": "zh-Hant",
        "organisations": [
            {"id": "org:天津市文化傳媒商會", "name": "天津市文化傳媒商會"},
            {"id": "org:天津市文化传媒商会", "name": "天津市文化传媒商会"},
        ],
    }
    with pytest.raises(pc.LoadError, match="differ only in script") as caught:
        pc.loads(json.dumps(data, ensure_ascii=False))
    assert caught.value.problems[0].pointer == "/organisations/1/id"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("org:café", "org:cafe\u0301"),  # composed, decomposed
        ("org:ＡＢＣ商会", "org:ABC商会"),  # full-width, ASCII
        ("org:ABC商會", "org:abc商会"),  # case and script together
    ],
)
def test_organisation_ids_that_differ_only_in_form_are_refused(first: str, second: str) -> None:
    """Ids that fold alike under NFKC, as organisation_id folds names, name one organisation."""
    data = {
        "id": "case-forms",
        "language": "zh-Hans",
        "organisations": [{"id": first, "name": "甲"}, {"id": second, "name": "乙"}],
    }
    with pytest.raises(pc.LoadError, match="differ only in script, case or form") as caught:
        pc.loads(json.dumps(data, ensure_ascii=False))
    assert caught.value.problems[0].pointer == "/organisations/1/id"
