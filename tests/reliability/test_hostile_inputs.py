"""Hostile inputs end in a clear partycases error or a valid case, never a crash or a hang."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import partycases as pc
from partycases.models import MAX_EXTENSION_DEPTH
from partycases.validate import validate_data
from tests.conftest import EXAMPLE_CASES

BASE = {"id": "x", "language": "zh-Hans"}


def nested(depth: int) -> bytes:
    """A case whose extensions nest ``depth`` lists deep."""
    return (
        b'{"id": "x", "language": "zh-Hans", "extensions": {"org.x": '
        + b"[" * depth
        + b"]" * depth
        + b"}}"
    )


def test_nesting_up_to_the_models_limit_loads_and_past_it_is_located() -> None:
    """Extension data nests as deep as every format reads back; 150 levels is a located problem."""
    case = pc.loads(nested(MAX_EXTENSION_DEPTH))
    assert "org.x" in case.extensions
    with pytest.raises(pc.LoadError, match="expected at most") as caught:
        pc.loads(nested(150))
    [problem] = caught.value.problems
    assert problem.pointer == "/extensions"


@pytest.mark.parametrize("depth", [250, 1100, 100_000])
def test_nesting_beyond_the_limits_is_refused(depth: int) -> None:
    """Beyond the JSON reader's limit (and beyond orjson's 1024) is a LoadError, not a crash."""
    with pytest.raises(pc.LoadError, match="recursion limit"):
        pc.loads(nested(depth))


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("member_count", {"value": 10**30}, "less than or equal to 1000000000000"),
        ("member_count", {"value": 1e308}, "integer"),
        ("member_count", {"value": -5}, "greater than or equal to 0"),
        ("founded", "99999", "partial date"),
        ("founded", 2013.5, "string"),
    ],
)
def test_huge_numbers_where_counts_and_years_go(field: str, value: object, fragment: str) -> None:
    """Huge or fractional numbers in counts and dates are located problems."""
    data = {**BASE, "organisations": [{"id": "org:甲", "name": "甲", field: value}]}
    with pytest.raises(pc.LoadError, match=fragment) as caught:
        pc.loads(json.dumps(data))
    assert caught.value.problems[0].pointer.startswith(f"/organisations/0/{field}")


def test_a_huge_single_line_file_is_refused_before_parsing(tmp_path: Path) -> None:
    """A 100 MB one-line file is over the default limit: refused before any parsing starts."""
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.write(b'{"id": "x", "language": "zh-Hans", "title": "')
        stream.write(b"a" * (100 * 1024 * 1024))
        stream.write(b'"}')
    with pytest.raises(pc.LoadError, match="larger than the limit") as caught:
        pc.load(path)
    assert caught.value.path == str(path)
    text = tmp_path / "huge.txt"
    text.write_bytes(b"a" * (11 * 1024 * 1024))
    with pytest.raises(pc.LoadError, match="the limit is"):
        pc.load(text, max_bytes=20 * 1024 * 1024)


def test_too_many_items_is_refused() -> None:
    """More organisations than the documented limit is refused with the limit in the message."""
    data = {**BASE, "organisations": [{"id": f"org:{i}", "name": "甲"} for i in range(10_001)]}
    with pytest.raises(pc.LoadError, match="at most 10000 items"):
        pc.loads(json.dumps(data))


def test_toml_with_a_huge_table_is_bounded() -> None:
    """A TOML document with 50,000 keys in one table loads (it is just big) or fails cleanly."""
    lines = ['id = "x"', 'language = "zh-Hans"', '[extensions."org.x"]']
    lines += [f"k{i} = {i}" for i in range(50_000)]
    case = pc.loads("\n".join(lines), format="toml")
    assert len(case.extensions["org.x"]) == 50_000


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ('"甲\\u0000乙"', r"U\+0000 at position 1 is not allowed"),
        ('"甲\\u200b乙"', r"U\+200B at position 1 is not allowed"),
        ('"甲\\u202e乙"', r"U\+202E at position 1 is not allowed"),
        ('"甲\\ud800乙"', "invalid JSON"),
    ],
)
def test_nul_invisible_and_lone_surrogates_in_names(raw: str, fragment: str) -> None:
    """NUL, zero-width and direction characters and lone surrogates in a name are refused."""
    data = (
        '{"id": "x", "language": "zh-Hans", "organisations": [{"id": "org:甲", "name": '
        + raw
        + "}]}"
    )
    with pytest.raises(pc.LoadError, match=fragment):
        pc.loads(data.encode())


def test_look_alike_names_cannot_make_two_organisations() -> None:
    """A name with a zero-width space is refused, so it cannot pose as a second organisation."""
    data = {**BASE, "organisations": [
        {"id": "org:天津市文化传媒商会", "name": "天津市文化傳媒商會"},
        {"id": "org:天津市文化传媒商会x", "name": "天津市文化\u200b傳媒商會"},
    ]}  # fmt: skip
    with pytest.raises(pc.LoadError, match="U\\+200B") as caught:
        pc.loads(json.dumps(data, ensure_ascii=False))
    assert caught.value.problems[0].pointer == "/organisations/1/name"
    assert pc.organisation_id("天津市文化\u200b傳媒商會") == pc.organisation_id(
        "天津市文化傳媒商會"
    )


def test_non_nfc_text_is_normalised() -> None:
    """Decomposed text takes the slow path and comes out composed."""
    case = pc.loads('{"id": "x", "language": "zh-Hans", "title": "Cafe\\u0301 協會"}')
    assert case.title == "Café 協會"


def test_mixed_encodings_in_one_file(tmp_path: Path) -> None:
    """Half UTF-8, half GB18030 is neither: a LoadError, not mojibake."""
    text = "北溪市网络作家协会成立于2006年，现有会员约200名。\n" * 3
    path = tmp_path / "mixed.txt"
    path.write_bytes(text.encode("utf-8") + text.encode("gb18030"))
    with pytest.raises(pc.LoadError, match="not UTF-8"):
        pc.load(path)


@pytest.mark.parametrize(
    "evil", ["../../etc/passwd", "org:../../etc/passwd", "/etc/passwd", "..", "a/b"]
)
def test_ids_cannot_hold_paths(evil: str) -> None:
    """No id can hold a path separator or be a dot-path, so no writer can be steered by one."""
    for data in (
        {**BASE, "id": evil},
        {**BASE, "organisations": [{"id": evil, "name": "甲"}]},
    ):
        with pytest.raises(pc.LoadError):
            pc.loads(json.dumps(data))


def test_writers_write_only_where_they_are_told(tmp_path: Path) -> None:
    """A case titled like a path goes through every writer into the given directory only."""
    case = pc.load(EXAMPLE_CASES[0]).model_copy(update={"title": "../../etc/passwd"})
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("json", "yaml", "toml", "jsonl", "markdown", "text", "jsonld"):
        pc.dump(case, out / f"case.{ {'markdown': 'md', 'text': 'txt'}.get(fmt, fmt) }")
    pc.dump_jsonl([case], out / "corpus.jsonl")
    pc.write_parquet([case], out / "tables")
    written = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()}
    assert all(name.startswith("out/") for name in written)
    assert not (tmp_path / "etc").exists()


LOOK_ALIKES = ["\u061c", "\u00ad", "\u180e", "\u034f", "\ufe0f", "\u3164", "\u115f", "\U000e0041"]


@pytest.mark.parametrize("invisible", LOOK_ALIKES, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_are_refused_in_text_and_dropped_from_ids(invisible: str) -> None:
    """Each invisible look-alike character is refused in a name and dropped by organisation_id."""
    name = "天津市文化傳媒商會"
    spoofed = name[:3] + invisible + name[3:]
    data = {**BASE, "organisations": [{"id": "org:甲", "name": spoofed}]}
    with pytest.raises(pc.LoadError, match=f"U\\+{ord(invisible):04X}") as caught:
        pc.loads(json.dumps(data, ensure_ascii=False).encode())
    assert caught.value.problems[0].pointer == "/organisations/0/name"
    assert pc.organisation_id(spoofed) == pc.organisation_id(name)


@pytest.mark.parametrize("control", ["\x1b", "\x07", "\x9b", "\u200e"])
def test_terminal_controls_are_refused_in_ids(control: str) -> None:
    """ESC, BEL, a C1 control or a direction mark in an id is a located problem."""
    for data in (
        {**BASE, "id": f"x{control}[31m"},
        {**BASE, "organisations": [{"id": f"org:甲{control}", "name": "甲"}]},
    ):
        with pytest.raises(pc.LoadError, match="control or invisible") as caught:
            pc.loads(json.dumps(data))
        assert "\x1b" not in str(caught.value)


def test_a_key_holding_a_newline_cannot_forge_an_output_line() -> None:
    """Pointers and messages are printed with control characters escaped."""
    data = {**BASE, "bad\nx.json:1:1: / fake": 1}
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(json.dumps(data))
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert "\\u000a" in lines[1]
    assert pc.errors.printable("a\x1b[2Jb\u202ec") == "a\\u001b[2Jb\\u202ec"


def test_a_union_field_is_one_problem_at_its_own_pointer() -> None:
    """A date that is neither a partial date nor a range: one problem, no schema internals."""
    data = {**BASE, "activities": [{"id": "activity:a", "name": "甲", "date": "2019-13"}]}
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(json.dumps(data))
    [problem] = caught.value.problems
    assert problem.pointer == "/activities/0/date"
    assert "month 13" in problem.message
    assert "date range" in problem.message


@pytest.mark.parametrize(
    ("fmt", "document", "fragment"),
    [
        ("json", {"schema_version": "0.9", **BASE, "organizations": 5}, "/organisations"),
        ("json", {"schema_version": "0.9", **BASE, "extensions": 5}, "/extensions"),
        (
            "json",
            {"schema_version": "0.9", **BASE, "organizations": [], "organisations": []},
            "holds both",
        ),
        (
            "json",
            {"schema_version": "0.9", **BASE, "honours": [{"year": 2017, "date": "2018"}]},
            "holds both",
        ),
        ("yaml", "id: x\nlanguage: zh-Hans\npublished_at: 2013-02-03T10:00:00+99:00\n", "/"),
        (
            "yaml",
            "id: x\nlanguage: zh-Hans\npublished_at: !!timestamp 2013-02-30\n",
            "/published_at",
        ),
        ("yaml", "id: x\nlanguage: zh-Hans\nextensions: {a.b: " + "9" * 5000 + "}\n", "bits"),
        ("yaml", "id: x\nlanguage: zh-Hans\nextensions: {a.b: 0x" + "f" * 5000 + "}\n", "bits"),
        ("toml", 'id = "x"\nlanguage = "zh-Hans"\n[extensions]\n"a.b" = ' + "9" * 5000, ":4:9:"),
        (
            "toml",
            'id = "x"\nlanguage = "zh-Hans"\n[extensions]\n"a.b".'
            + ".".join(["k"] * 3000)
            + " = 1",
            "TOML",
        ),
    ],
)
def test_malformed_data_ends_in_a_load_error(fmt: str, document: object, fragment: str) -> None:
    """Malformed 0.9 data, impossible dates and offsets, huge integers, deep keys: a LoadError."""
    data = json.dumps(document) if isinstance(document, dict) else document
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(data, format=fmt)  # type: ignore[arg-type]
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("fmt", "document", "pointer"),
    [
        (
            "json",
            '{"id": "x", "language": "zh-Hans", "extensions": {"a.b": [1, NaN]}}',
            "/extensions/a.b/1",
        ),
        (
            "json",
            '{"id": "x", "language": "zh-Hans", "extensions": {"a.b": 1e400}}',
            "/extensions/a.b",
        ),
        ("yaml", "id: x\nlanguage: zh-Hans\nextensions: {a.b: [.inf]}\n", "/extensions/a.b/0"),
        ("toml", 'id = "x"\nlanguage = "zh-Hans"\n[extensions]\n"a.b" = nan\n', "/extensions/a.b"),
        (
            "json",
            '{"id": "x", "language": "zh-Hans", "extensions": {"a.b": ' + "9" * 4000 + "}}",
            "/extensions/a.b",
        ),
    ],
)
def test_extension_values_that_cannot_round_trip_are_refused(
    fmt: str, document: str, pointer: str
) -> None:
    """NaN, infinities and integers no format can write back are located problems at load."""
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(document, format=fmt)
    [problem] = caught.value.problems
    assert problem.pointer == pointer
    assert problem.line is not None


@pytest.mark.parametrize("value", ["0", 0, "1700000000", True, 1.5])
def test_a_number_is_not_a_timestamp(value: object) -> None:
    """Seconds since 1970, as a number or text, are refused where a publication time goes."""
    with pytest.raises(pc.LoadError, match="not a number of seconds") as caught:
        pc.loads(json.dumps({**BASE, "published_at": value}))
    assert caught.value.problems[0].pointer == "/published_at"


@pytest.mark.parametrize(
    ("fmt", "document"),
    [
        ("json", json.dumps({**BASE, "published_at": "2023-05-23"})),
        ("json", json.dumps({**BASE, "published_at": " 2023-05-23 "})),
        (
            "yaml",
            "".join(f"{k}: {json.dumps(v)}\n" for k, v in BASE.items())
            + "published_at: 2023-05-23\n",
        ),
        (
            "toml",
            "".join(f"{k} = {json.dumps(v)}\n" for k, v in BASE.items())
            + "published_at = 2023-05-23\n",
        ),
    ],
    ids=["json", "json-spaced", "yaml-date", "toml-date"],
)
def test_a_date_alone_is_not_a_timestamp(fmt: str, document: str) -> None:
    """A date without its time is refused where a publication time goes, not read as midnight."""
    pytest.importorskip({"json": "json", "yaml": "yaml", "toml": "tomli_w"}[fmt])
    with pytest.raises(pc.LoadError, match="not a date alone") as caught:
        pc.loads(document, format=fmt)
    [problem] = caught.value.problems
    assert problem.pointer == "/published_at"
    assert problem.line is not None
    midnight = pc.loads(json.dumps({**BASE, "published_at": "2023-05-23T00:00"}))
    assert midnight.published_at is not None
    assert midnight.published_at.hour == 0


def test_a_reader_bug_is_a_load_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception no check foresaw, in any reader, reaches the caller as a LoadError."""

    def broken(data: bytes | str, encoding: str | None = None) -> pc.Case:
        raise KeyError("internal")

    monkeypatch.setattr("partycases.text.codec.loads", broken)
    path = tmp_path / "case.txt"
    path.write_text("标题\n")
    with pytest.raises(pc.LoadError, match="KeyError") as caught:
        pc.load(path)
    assert caught.value.path == str(path)
    [item] = list(pc.iter_cases(path))
    assert isinstance(item, pc.LoadError)
    with pytest.raises(pc.LoadError, match="KeyError"):
        pc.loads("标题\n", format="text")


def test_a_union_problem_from_yaml_names_what_was_wrong() -> None:
    """In YAML (validated in Python) a bad quantity is one problem, not "an instance of Quantity"."""
    document = (
        "id: x\nlanguage: zh-Hans\norganisations:\n- {id: 'org:甲', name: 甲, member_count: many}\n"
    )
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(document, format="yaml")
    [problem] = caught.value.problems
    assert problem.pointer == "/organisations/0/member_count"
    assert "instance of" not in problem.message


@pytest.mark.parametrize(
    "value",
    [
        "2023-05-06T10:11:12.1234567",
        "2023-05-06T10:11:12.123456789+08:00",
        "2023-05-06T10:11:12.0000001",
    ],
)
def test_a_time_finer_than_microseconds_is_refused_not_cut(value: str) -> None:
    """A datetime holds microseconds: a finer fraction is a located problem, never cut silently."""
    with pytest.raises(pc.LoadError, match="at most six digits") as caught:
        pc.loads(json.dumps({**BASE, "published_at": value}))
    assert caught.value.problems[0].pointer == "/published_at"


def test_zeros_past_the_microseconds_lose_nothing() -> None:
    """.123456000 is .123456: it loads, and the schema's pattern takes it too."""
    import re

    case = pc.loads(json.dumps({**BASE, "published_at": "2023-05-06T10:11:12.123456000"}))
    assert case.published_at is not None
    assert case.published_at.microsecond == 123456
    patterns = [form["pattern"] for form in pc.json_schema()["$defs"]["Timestamp"]["anyOf"]]
    assert all(re.match(p, "2023-05-06T10:11:12.123456000") for p in patterns[1:])
    assert not any(re.match(p, "2023-05-06T10:11:12.1234567") for p in patterns)


def test_a_finer_time_is_refused_in_every_form_it_comes_in() -> None:
    """Bytes, a TOML date-time literal and a timestamp holding nanoseconds: refused, never cut."""
    from datetime import datetime

    class Nanoseconds(datetime):  # as pandas.Timestamp and NumPy's datetime64 carry them
        nanosecond = 7

    class NotATime(datetime):  # as pandas.NaT: its nanoseconds are NaN
        nanosecond = float("nan")

    for value in (b"2023-05-06T10:11:12.1234567", Nanoseconds(2023, 5, 6, 10, 11, 12, 123456)):
        with pytest.raises(pc.LoadError, match="at most six digits"):
            validate_data({**BASE, "published_at": value})
    with pytest.raises(pc.LoadError, match=r"not a missing time \(NaT\)"):
        validate_data({**BASE, "published_at": NotATime(2023, 5, 6)})
    base = 'id = "x"\nlanguage = "zh-Hans"\n'
    for literal in ("2023-05-06T10:11:12.1234567", "2023-05-06 10:11:12.9999999+08:00"):
        with pytest.raises(pc.LoadError, match="finer than microseconds") as caught:
            pc.loads(f"{base}published_at = {literal}\n", format="toml")
        problem = caught.value.problems[0]
        assert (problem.pointer, problem.line, problem.column) == ("/published_at", 3, 1)
    # The same characters in a string, a comment or a key are text, and zeros past the sixth
    # digit lose nothing.
    said = 'text = "at 2023-05-06T10:11:12.1234567 it began"\n'
    assert pc.loads(base + said, format="toml").text == "at 2023-05-06T10:11:12.1234567 it began"
    for elsewhere in (
        "# exported 2023-05-06T10:11:12.1234567\n" + base,
        base + "published_at = 2023-05-06T10:11:12 # was 2023-05-06T10:11:12.1234567\n",
        base + 'extensions."org.x" = { "2023-05-06T10:11:12.1234567" = "seen" }\n',
    ):
        assert pc.loads(elsewhere, format="toml").id == "x"
    # A literal is found beside a string holding the same characters, at its field, and beside
    # the document's other problems.
    both = f"{base}published_at = 2023-05-06T10:11:12.1234567\n{said}"
    with pytest.raises(pc.LoadError, match="finer than microseconds") as caught:
        pc.loads(both, format="toml")
    assert caught.value.problems[0].pointer == "/published_at"
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(
            'language = "zh-Hans"\npublished_at = 2023-05-06T10:11:12.1234567\n', format="toml"
        )
    assert [problem.pointer for problem in caught.value.problems] == ["/id", "/published_at"]
    case = pc.loads(f"{base}published_at = 2023-05-06T10:11:12.123456000\n", format="toml")
    assert case.published_at is not None
    assert case.published_at.microsecond == 123456


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2023-13-06T10:11:12.1234567", "month value is outside"),
        (" 2023-05-06T10:11:12.1234567", "invalid character"),
    ],
)
def test_a_finer_time_that_is_wrong_otherwise_reports_what_else_is_wrong(
    value: str, message: str
) -> None:
    """The fraction is named only when it is what stops the timestamp."""
    with pytest.raises(pc.LoadError, match=message):
        pc.loads(json.dumps({**BASE, "published_at": value}))


@pytest.mark.parametrize("value", ["1700000000.5", "1.5e9"])
def test_a_decimal_number_is_not_a_timestamp(value: str) -> None:
    """A Decimal is a number of seconds too, refused as an int or a float is."""
    from decimal import Decimal

    with pytest.raises(pc.LoadError, match="not a number of seconds"):
        validate_data({**BASE, "published_at": Decimal(value)})


TOML_HEAD = 'id = "x"\nlanguage = "zh-Hans"\n[extensions]\n'


def assert_read_then_too_deep(document: str) -> None:
    """The key scan lets ``document`` through; the models then find its data too deep to keep."""
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(document, format="toml")
    [problem] = caught.value.problems
    assert "parts" not in problem.message
    assert problem.pointer == "/extensions"
    assert "nested deeper than" in problem.message


def test_a_toml_key_of_too_many_parts_is_refused_before_reading() -> None:
    """The reader's time grows with the square of a key's parts (its table's included): past the
    limit, refused at once, wherever the key stands."""
    from partycases.formats.toml import MAX_KEY_PARTS
    from tests.work import growth

    def key(parts: int, part: str = "a", dot: str = ".") -> str:
        return dot.join([part] * parts)

    at_limit = TOML_HEAD + key(MAX_KEY_PARTS - 1) + " = 1\n"  # with [extensions], the limit
    assert_read_then_too_deep(at_limit)
    over = {
        "a key": (TOML_HEAD + "b = 1\n" + key(MAX_KEY_PARTS) + " = 1\n", (5, 1)),
        "quoted parts": (TOML_HEAD + "b = 1\n" + key(24_000, '"甲"', " . ") + " = 1\n", (5, 1)),
        "a header": (TOML_HEAD + "[" + key(MAX_KEY_PARTS + 1, "h") + "]\n", (4, 1)),
        "a header and a key": (
            TOML_HEAD.replace("[extensions]", f"[extensions.{key(40, 'h')}]") + key(30) + "=1\n",
            (4, 1),
        ),
        "an inline table": (TOML_HEAD + "x = { " + key(24_000) + " = 1 }\n", (4, 7)),
        # A multi-line string may end in two quotes of its own: the key after it is still seen.
        "after a string's own quotes": (
            TOML_HEAD + "x = { s = '''q'''', " + key(24_000) + " = 1, y = 'z' }\n",
            (4, 21),
        ),
        # A line opening with a bracket inside an array is no header: the table's parts stand.
        "after an array's line": (
            f"[{key(MAX_KEY_PARTS - 1, 'h')}]\nv = [\n[0],\n]\n{key(MAX_KEY_PARTS - 1)} = 1\n",
            (5, 1),
        ),
        "a key of one part": (f"[{key(MAX_KEY_PARTS, 'h')}]\nx = 1\n", (2, 1)),
    }
    for name, (document, where) in over.items():
        with pytest.raises(pc.LoadError, match="parts with its table's nests too deeply") as caught:
            pc.loads(document, format="toml")
        problem = caught.value.problems[0]
        assert (problem.line, problem.column) == where, name

    def refused(parts: int) -> object:
        return pc.loads(TOML_HEAD + key(parts) + " = 1\n", format="toml")

    assert growth(refused, 3_000, 12_000) < 6


@pytest.mark.skipif(sys.platform == "win32", reason="SIGALRM is POSIX only")
@pytest.mark.parametrize("unit", ['"\\', '"x\\', '\\"""', "'", '"""', "'''", "#"], ids=repr)
def test_the_toml_key_scan_reads_runs_of_quotes_once(unit: str) -> None:
    """Quotes that open strings without closing them are read once, not each to its line's end.

    The scan is one regular expression, whose steps the step count cannot see: a guard
    against a hang stands in (a scan that went back to every quote took minutes here).
    """
    from partycases.formats.toml import _check_key_parts
    from tests.text.test_hostile import BUDGET_SECONDS, budget

    with budget(BUDGET_SECONDS):
        _check_key_parts('title = "' + unit * 200_000 + "\n" + "." * 200)


def test_dots_in_toml_strings_comments_and_quoted_keys_count_as_no_parts() -> None:
    """A long run of dots inside a string, a comment or one quoted key is no deep key."""
    dots = ".".join(["a"] * 1_000)
    document = (
        f'{TOML_HEAD}"{dots}" = "{dots}"  # {dots}\n'
        f"many = \"\"\"\n{dots}\n\"\"\"\nliteral = '{dots}'\nlong = '''{dots}'''\n"
        f"quoted = {{ note = '''“青岚”'''', oid = '{dots}' }}\n"
    )
    case = pc.loads(document, format="toml")
    assert case.extensions[dots] == dots
    assert case.extensions["literal"] == case.extensions["long"] == dots
    assert case.extensions["quoted"] == {"note": "“青岚”'", "oid": dots}


def test_toml_values_and_arrays_are_no_keys_to_the_scan() -> None:
    """Numbers with a dot, times, and lines of an array that open with a bracket count nothing."""
    from partycases.formats.toml import MAX_KEY_PARTS

    head = ".".join(["h"] * (MAX_KEY_PARTS - 2))  # with extensions, one part short of the limit
    deep = ".".join(["a"] * (MAX_KEY_PARTS - 1))
    document = (
        f'{TOML_HEAD}v = [\n  [1.5, 2.5],\n  ["a.b"],\n]\n{deep} = 1\n'
        f"[extensions.{head}]\nx = 1.5\n"
    )
    assert_read_then_too_deep(document)
    shallow = f'{TOML_HEAD}v = [\n  [1.5, 2.5],\n  ["a.b"],\n]\n'
    assert pc.loads(shallow, format="toml").extensions["v"] == [[1.5, 2.5], ["a.b"]]
