"""Tests for the canonical JSON format and the errors of its loader."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import partycases as pc
from partycases.formats import json as json_format
from partycases.formats.json import _keys_written
from partycases.validate import validate_json_keys
from tests.conftest import DATA, EXAMPLE_CASES
from tests.strategies import cases

INVALID = DATA / "invalid"


@pytest.mark.parametrize("path", EXAMPLE_CASES, ids=lambda p: p.name)
def test_example_files_are_canonical(path: Path) -> None:
    """Every committed example is byte-for-byte what dumps writes for it."""
    data = path.read_bytes()
    assert pc.dumps(pc.loads(data)) == data


def test_canonical_rules(tianjin_path: Path) -> None:
    """UTF-8 without escapes, schema_version first, defaults omitted, one trailing newline."""
    data = pc.dumps(pc.load(tianjin_path))
    assert data.startswith(b'{\n  "schema_version": "1.0",\n  "id": ')
    assert data.endswith(b"}\n")
    assert not data.endswith(b"\n\n")
    assert b"\\u" not in data
    assert "天津市文化傳媒商會".encode() in data
    assert b": null" not in data
    assert b": []" not in data
    assert b"\r" not in data
    decoded = orjson.loads(data)
    assert "people" not in decoded  # empty, so omitted
    assert list(decoded)[:3] == ["schema_version", "id", "title"]


def _pydantic_bytes(case: pc.Case) -> bytes:
    """The canonical bytes as pydantic's own indenting encoder writes them."""
    body = case.model_dump_json(exclude_defaults=True, indent=2)
    return b'{\n  "schema_version": "1.0",' + body[1:].encode() + b"\n"


def _earlier_bytes(case: pc.Case) -> bytes:
    """The canonical bytes as the earlier encoder wrote them: orjson over the Python-mode dump."""
    if case.extensions:
        return _pydantic_bytes(case)
    return orjson.dumps(
        json_format.to_data(case), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
    )


def _earlier_compact_bytes(case: pc.Case) -> bytes:
    """One JSON Lines line as the earlier encoder wrote it: pydantic's str output, encoded."""
    body = case.model_dump_json(exclude_defaults=True)
    return b'{"schema_version":"1.0",' + body[1:].encode() + b"\n"


@given(cases())
def test_dumps_agrees_with_earlier_encoders(case: pc.Case) -> None:
    """dumps, through pydantic-core's bytes path, writes exactly the bytes of the earlier encoders."""
    assert pc.dumps(case) == _earlier_bytes(case) == _pydantic_bytes(case)


@given(cases())
def test_compact_dumps_agrees_with_earlier_encoder(case: pc.Case) -> None:
    """dumps_compact writes exactly the line the earlier encoder wrote, and it parses back."""
    line = json_format.dumps_compact(case)
    assert line == _earlier_compact_bytes(case)
    assert line.count(b"\n") == 1
    assert pc.loads(line) == case


@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), 2**70, -(2**64)],
    ids=["nan", "infinity", "int-past-64-bits", "negative-past-64-bits"],
)
def test_dumps_of_values_orjson_writes_differently(value: object) -> None:
    """Extension values orjson would write differently (or not at all) keep pydantic's form."""
    case = pc.Case(id="x", language="zh-Hans", extensions={"org.example": {"value": value}})
    data = pc.dumps(case)
    assert data == _pydantic_bytes(case)
    assert b"null" not in data
    assert json_format.dumps_compact(case) == _earlier_compact_bytes(case)


@pytest.mark.parametrize(
    "value", [2**64 + 1, -(2**70), 10**400], ids=["65-bits", "71-bits", "1e400"]
)
@pytest.mark.parametrize(
    "title",
    ["某某商会", "x\u0301", "\u0915\u094d\u0937"],
    ids=["fast-path", "combining-mark", "virama"],
)
def test_integers_past_64_bits_read_back_on_either_path(value: int, title: str) -> None:
    """Text the fast path leaves to Python (a combining mark) reads large integers as integers."""
    case = pc.Case(
        id="x", language="zh-Hans", title=title, extensions={"org.example": {"n": value}}
    )
    for fmt in ("json", "jsonl"):
        back = pc.loads(pc.dumps(case, format=fmt), format=fmt)
        assert back == case
        number = back.extensions["org.example"]["n"]
        assert type(number) is int
        assert number == value


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e400"])
def test_numbers_that_do_not_read_back_are_refused_alike_on_either_path(value: str) -> None:
    """NaN and a number past the double range get the same located problem on both paths."""
    messages = []
    for title in ("abc", "x\u0301"):
        document = (
            f'{{"schema_version":"1.0","id":"x","language":"zh-Hans","title":"{title}",'
            f'"extensions":{{"org.example":{{"n":{value}}}}}}}'
        )
        with pytest.raises(pc.LoadError) as raised:
            pc.loads(document.encode())
        (problem,) = raised.value.problems
        assert problem.pointer == "/extensions/org.example/n"
        messages.append(problem.message)
    assert messages[0] == messages[1]
    assert "expected a finite number" in messages[0]


def test_integers_past_64_bits_read_back_from_an_earlier_schema_version() -> None:
    """A document migrated from an earlier version keeps its large integers exact."""
    document = (
        b'{"schema_version": "0.9", "id": "x", "language": "zh-Hans",'
        b' "extensions": {"org.example": {"n": 18446744073709551617}}}'
    )
    number = pc.loads(document).extensions["org.example"]["n"]
    assert type(number) is int
    assert number == 2**64 + 1


def test_loads_accepts_str_bytes_and_bom(tianjin_path: Path) -> None:
    """loads takes bytes or str, with or without a UTF-8 byte order mark."""
    data = tianjin_path.read_bytes()
    case = pc.loads(data)
    assert pc.loads(data.decode()) == case
    assert pc.loads(b"\xef\xbb\xbf" + data) == case
    assert pc.loads("\ufeff" + data.decode()) == case


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "dangling-awarded-by.json",
            [(25, 9, "/honours/0/awarded_by/1", "no entity has the id 'org:某省委宣傳部'")],
        ),
        (
            "recipient-is-activity.json",
            [
                (
                    22,
                    7,
                    "/honours/0/recipient_id",
                    "'activity:讀書會' is an activity; expected the id of",
                )
            ],
        ),
        ("month-13.json", [(10, 7, "/organisations/0/founded", "month 13 is out of range")]),
        (
            "unknown-field.json",
            [(16, 7, "/organisations/1/website", "unknown field 'website'")],
        ),
        ("truncated.json", [(19, 4, "", "invalid JSON: EOF while parsing")]),
        ("empty.json", [(1, 1, "", "the document is empty; expected a JSON object")]),
        ("not-utf8.json", [(7, 19, "", "is not UTF-8; expected UTF-8 encoded JSON")]),
        (
            "several-problems.json",
            [
                (22, 7, "/honours/0/recipient_id", "is an activity"),
                (24, 9, "/honours/0/awarded_by/0", "no entity has the id 'org:無此單位'"),
            ],
        ),
    ],
)
def test_bad_files_give_one_error_listing_every_problem(
    name: str, expected: list[tuple[int | None, int | None, str, str]]
) -> None:
    """Each bad file raises one LoadError naming the file, with every problem and its location."""
    path = INVALID / name
    with pytest.raises(pc.LoadError) as caught:
        pc.load(path)
    error = caught.value
    assert error.path == str(path)
    assert str(path) in str(error)
    assert len(error.problems) == len(expected)
    for problem, (line, column, pointer, fragment) in zip(error.problems, expected, strict=True):
        assert (problem.line, problem.column, problem.pointer) == (line, column, pointer)
        assert fragment in problem.message
    assert error.__cause__ is None
    assert error.__suppress_context__


def test_problem_format() -> None:
    """A problem prints as path:line:col: pointer: message."""
    problem = pc.Problem("bad", "/a/0", line=3, column=7)
    assert problem.format("x.json") == "x.json:3:7: /a/0: bad"
    assert pc.Problem("bad").format() == "<input>: /: bad"


@pytest.mark.parametrize(
    "data",
    [
        b"[]",
        b"42",
        b'"case"',
        b"null",
        b"{",
        b"{}",
        b'{"id": 1}',
        b"\x00",
        "\ud800".encode("utf-8", "surrogatepass"),
    ],
)
def test_no_foreign_exception_escapes(data: bytes) -> None:
    """Odd inputs end in a LoadError, never a pydantic or orjson exception."""
    with pytest.raises(pc.LoadError):
        json_format.loads(data)


def test_deep_nesting_is_a_load_error() -> None:
    """A deeply nested document is refused with a clear message, not a crash."""
    data = (
        b'{"id": "x", "language": "zh-Hant", "extensions": {"a": '
        + b"[" * 5000
        + b"]" * 5000
        + b"}}"
    )
    with pytest.raises(pc.LoadError, match="recursion limit"):
        pc.loads(data)


@pytest.mark.parametrize(
    ("document", "pointer", "column"),
    [
        ('{"id": "x", "language": "zh-Hans", "id": "y"}', "/id", 36),
        (
            '{"id": "x", "language": "zh-Hans", "extensions": {"a.b": {"k": 1, "k": 2}}}',
            "/extensions/a.b/k",
            67,
        ),
    ],
)
def test_duplicate_keys_are_refused_where_they_repeat(
    document: str, pointer: str, column: int
) -> None:
    """A key given twice in one object is a located problem, not last-wins."""
    with pytest.raises(pc.LoadError, match="duplicate key") as caught:
        pc.loads(document)
    [problem] = caught.value.problems
    assert (problem.pointer, problem.line, problem.column) == (pointer, 1, column)


def test_a_duplicate_whose_last_value_is_invalid_is_reported_with_it() -> None:
    """The value that won is reported, and so is the key stated twice."""
    document = '{"id": "x", "language": "zh-Hans", "language": "??"}'
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(document)
    problems = caught.value.problems
    assert [problem.pointer for problem in problems] == ["/language", "/language"]
    assert "duplicate key 'language'" in problems[1].message
    assert (problems[1].line, problems[1].column) == (1, 36)
    assert "duplicate" not in problems[0].message


@pytest.mark.parametrize(
    "document",
    [
        b'{"id": "x", "language": "??"}',  # no duplicate: only the value's problem
        b'{"id": "x", "id": "y", "language": ',  # broken: only the syntax error
        '{"id": "x", "id": "y"}'.encode("utf-16"),  # not UTF-8: only the encoding
    ],
)
def test_a_failed_document_without_a_readable_duplicate_reports_one_problem(
    document: bytes,
) -> None:
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(document)
    assert all("duplicate" not in problem.message for problem in caught.value.problems)


def _encode(value: object, duplicate: int, seen: list[int]) -> str:
    """Compact JSON of ``value``.

    Its ``duplicate``-th object that holds a key (depth first) states its first key twice.
    """
    if isinstance(value, dict):
        index = len(seen) if value else -1  # an empty object has no key to repeat
        if value:
            seen.append(index)
        pairs = [
            f"{orjson.dumps(key).decode()}:{_encode(item, duplicate, seen)}"
            for key, item in value.items()
        ]
        if index == duplicate:
            pairs.append(pairs[0])  # the same key, with the same value: still twice
        return "{" + ",".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_encode(item, duplicate, seen) for item in value) + "]"
    return orjson.dumps(value).decode()


def _objects(value: object) -> int:
    """The objects of ``value`` that hold a key."""
    if isinstance(value, dict):
        return bool(value) + sum(map(_objects, value.values()))
    if isinstance(value, list):
        return sum(map(_objects, value))
    return 0


@given(case=cases(), data=st.data())
def test_a_key_twice_in_any_object_is_refused(case: pc.Case, data: st.DataObject) -> None:
    """Whichever object states a key twice (a quantity, a span, extension data), it is refused.

    The duplicate repeats the key with its own value, the case the fast key count must
    still tell apart from a document without it.
    """
    raw = orjson.loads(pc.dumps(case))
    which = data.draw(st.integers(0, _objects(raw) - 1), label="object")
    document = _encode(raw, which, [])
    with pytest.raises(pc.LoadError, match="duplicate key"):
        pc.loads(document.encode())
    with pytest.raises(pc.LoadError, match="duplicate key"):
        pc.loads(document)


def _true_keys(document: bytes) -> int:
    count = 0

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        nonlocal count
        count += len(items)
        return dict(items)

    json.loads(document, object_pairs_hook=pairs)
    return count


@given(case=cases())
def test_the_keys_a_case_was_given_are_counted_whole(case: pc.Case) -> None:
    """The keys a validated case was given equal the keys of its document, object by object.

    Were a field left out of the count, every document using it would be parsed a
    second time (correct, but slow): this keeps the count whole. The fast count of the
    document never falls short of it (it may exceed it, when text holds a quote and
    a colon); a document whose text puts white space before a colon is not counted fast.
    """
    for document in (pc.dumps(case), json_format.dumps_compact(case)):
        _, given_keys = validate_json_keys(document)
        assert given_keys == _true_keys(document)
        written = _keys_written(document)
        if written is None:
            assert re.search(rb"[ \t\r\n]:", document)
        else:
            assert written >= given_keys


def test_published_like_documents_take_the_fast_count() -> None:
    """On documents shaped like published cases, the two counts agree: no second parse."""
    for case in [*pc.generate_cases(50, seed=7), *map(pc.load, EXAMPLE_CASES)]:
        document = pc.dumps(case)
        assert validate_json_keys(document)[1] == _keys_written(document), case.id


def test_white_space_before_a_colon_is_read_by_the_full_check() -> None:
    """A key spaced from its colon is not counted fast; a duplicate there is still found."""
    with pytest.raises(pc.LoadError, match="duplicate key 'id'"):
        pc.loads(b'{"id":"x","language":"zh-Hans","id" :"x"}')
    assert pc.loads(b'{"id" :"x","language"\n:"zh-Hans"}').id == "x"


def test_no_model_adds_keys_before_its_fields_are_read() -> None:
    """A model validator run before the fields could state keys the document never held.

    The duplicate-key count relies on each model's set fields being keys its object
    stated; every model validator therefore runs after the fields.
    """
    models = [getattr(pc.models, name) for name in pc.models.__all__]
    models = [
        model for model in models if isinstance(model, type) and hasattr(model, "model_fields")
    ]
    assert pc.Case in models
    for model in models:
        modes = {d.info.mode for d in model.__pydantic_decorators__.model_validators.values()}
        assert modes <= {"after"}, model.__name__


@pytest.mark.parametrize("limit", [RecursionError, ValueError])
def test_duplicate_keys_are_found_past_the_standard_parsers_limits(
    monkeypatch: pytest.MonkeyPatch, limit: type[Exception]
) -> None:
    """Where the standard library's parser gives up (nesting, integer digits), the scan decides.

    pydantic-core reads deeper nesting and longer integers than ``json.loads`` under a
    low recursion or digit limit; the duplicate-key test must not pass such a
    document unread.
    """

    def give_up(*args: object, **kwargs: object) -> object:
        raise limit("the standard parser's own limit")

    monkeypatch.setattr(json_format.json, "loads", give_up)
    with pytest.raises(pc.LoadError, match="duplicate key 'id'") as caught:
        pc.loads(b'{"id":"x","language":"zh-Hans","extensions":{"a":[[1]]},"id":"y"}')
    assert caught.value.problems[0].pointer == "/id"
    # A document without a repeated key, whose fast count differs (text holding '":'), loads.
    assert pc.loads(b'{"id":"x","language":"zh-Hans","headline":":x"}').headline == ":x"


@pytest.mark.skipif(not hasattr(sys, "set_int_max_str_digits"), reason="no integer digit limit")
def test_a_duplicate_beside_a_long_integer_is_refused_under_a_low_digit_limit() -> None:
    """Python's integer-digit limit stops ``json.loads``, not pydantic-core: still refused."""
    document = b'{"id":"x","language":"zh-Hans","extensions":{"a":' + b"1" * 700 + b'},"id":"y"}'
    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(640)
    try:
        with pytest.raises(pc.LoadError, match="duplicate key 'id'"):
            pc.loads(document)
    finally:
        sys.set_int_max_str_digits(before)


def test_a_legacy_id_spelled_with_an_escape_is_repaired_like_the_plain_one() -> None:
    r"""``org:\u0075scc-…`` is ``org:uscc-…``: the repair reads decoded ids, not bytes."""
    plain = (
        b'{"id":"x","language":"zh-Hans","organisations":'
        b'[{"id":"org:uscc-91110000600037341L","name":"a"}]}'
    )
    escaped = plain.replace(b"org:uscc", b"org:\\u0075scc")
    assert escaped != plain
    assert pc.loads(escaped) == pc.loads(plain)
    assert pc.loads(plain).organisations[0].id == "org:a"


def test_a_long_text_full_of_commas_reads_back() -> None:
    """Separators inside text do not count as values: what ``dumps`` writes, ``loads`` reads."""
    case = pc.Case(id="x", language="zh-Hans", text=",-[{" * 300_000)
    assert pc.loads(pc.dumps(case)) == case
    assert pc.loads(json_format.dumps_compact(case).decode()) == case


def test_a_failing_document_in_utf_16_reports_no_duplicate_it_cannot_place() -> None:
    """Bytes that are not UTF-8 are not guessed into UTF-16 to look for a duplicate key."""
    document = '{"id": "x", "t": "a\\"b", "language": "??", "language": "?"}'
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le"):
        with pytest.raises(pc.LoadError) as caught:
            pc.loads(document.encode(encoding))
        assert all("duplicate" not in problem.message for problem in caught.value.problems)


def test_the_duplicate_scan_places_keys_at_any_depth() -> None:
    """A key repeated after a deep array is found and placed (the scan keeps no path copies)."""
    from partycases.formats._locate import duplicate_key

    depth, items = 800, 20_000
    text = '{"a": ' + "[" * depth + ",".join(["0"] * items) + "]" * depth + ', "a": 1}'
    assert duplicate_key(text) == ("/a", 1, text.rindex('"a"') + 1)
    # The pointer of a duplicate deep inside arrays and objects names every step.
    nested = '{"x": [0, {"y": [[1, {"k": 1, "k": 2}]]}]}'
    assert duplicate_key(nested)[0] == "/x/1/y/0/1/k"  # type: ignore[index]


def test_a_large_failing_document_is_not_parsed_again_for_duplicates() -> None:
    """Past the size limit a failing document reports its own problems only."""
    from partycases.formats.json import REPORTED_DUPLICATE_MAX

    filler = "0," * (REPORTED_DUPLICATE_MAX // 2)
    document = (
        '{"id": "x", "language": "??", "extensions": {"org.ex.a": [' + filler + '0]}, "id": "y"}'
    )
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(document)
    assert all("duplicate" not in problem.message for problem in caught.value.problems)
    small = '{"id": "x", "language": "??", "extensions": {"org.ex.a": [0]}, "id": "y"}'
    with pytest.raises(pc.LoadError, match="duplicate key 'id'"):
        pc.loads(small)
