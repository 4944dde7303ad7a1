"""Every format: round trips, errors with line:column, and the registry."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import partycases as pc
from tests.conftest import DATA, EXAMPLE_CASES
from tests.strategies import cases


def _no_null(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, dict):
        return all(_no_null(item) for item in value.values())
    if isinstance(value, list):
        return all(_no_null(item) for item in value)
    return True


@given(cases())
def test_jsonl_round_trip(case: pc.Case) -> None:
    """JSON Lines holds a case on one line and reads it back exactly."""
    data = pc.dumps(case, format="jsonl")
    assert data.count(b"\n") == 1
    assert pc.loads(data, format="jsonl") == case


@given(cases())
def test_yaml_round_trip(case: pc.Case) -> None:
    """YAML round-trips every case exactly."""
    assert pc.loads(pc.dumps(case, format="yaml"), format="yaml") == case


@given(cases().filter(lambda case: _no_null(dict(case.extensions))))
def test_toml_round_trip(case: pc.Case) -> None:
    """TOML round-trips every case it can hold (TOML has no null)."""
    assert pc.loads(pc.dumps(case, format="toml"), format="toml") == case


def test_toml_refuses_null() -> None:
    """A case with a null in its extensions cannot be TOML: a FormatError, not a lossy file."""
    case = pc.Case(id="x", language="zh-Hans", extensions={"org.example": {"a": None}})
    with pytest.raises(pc.FormatError, match="TOML has no null"):
        pc.dumps(case, format="toml")


@pytest.mark.parametrize("path", EXAMPLE_CASES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml", "toml"])
def test_examples_in_every_format(tmp_path: Path, path: Path, fmt: str) -> None:
    """load picks the format from the extension; each example survives each format."""
    case = pc.load(path)
    target = tmp_path / f"case.{fmt}"
    pc.dump(case, target)
    assert pc.load(target) == case
    assert pc.dumps(pc.load(target), format=fmt) == target.read_bytes()


@pytest.mark.parametrize(
    ("fmt", "data", "line", "column", "fragment"),
    [
        ("yaml", "id: x\nlanguage: zh-Hans\ntitle: [unclosed\n", 4, 1, "invalid YAML"),
        (
            "yaml",
            "id: x\nlanguage: zh-Hans\norganisations:\n- id: org:甲\n  name: 甲\n  founded: 2013-13\n",
            6,
            3,
            "month 13",
        ),
        ("yaml", "id: x\nlanguage: zh-Hans\ncolour: red\n", 3, 1, "unknown field 'colour'"),
        ("toml", 'id = "x"\nlanguage = "zh-Hans"\ntitle = \n', 3, 9, "invalid TOML"),
        (
            "toml",
            'id = "x"\nlanguage = "zh-Hans"\ncolour = "red"\n',
            3,
            1,
            "unknown field 'colour'",
        ),
    ],
)
def test_errors_carry_line_and_column(
    fmt: str, data: str, line: int, column: int, fragment: str
) -> None:
    """YAML and TOML problems carry line:column, syntax and content alike."""
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(data.encode(), format=fmt)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (line, column)
    assert fragment in problem.message


def test_yaml_is_loaded_safely() -> None:
    """Python tags cannot construct objects; alias bombs are refused before they expand."""
    with pytest.raises(pc.LoadError, match="invalid YAML"):
        pc.loads(
            b"id: !!python/object/apply:os.system ['true']\nlanguage: zh-Hans\n", format="yaml"
        )
    # Twelve levels of nine aliases each: 9**12 strings if expanded, under extensions.
    bomb = (
        "id: x\nlanguage: zh-Hans\nextensions:\n  org.x:\n    a: &a [x, x, x, x, x, x, x, x, x]\n"
    )
    bomb += "".join(
        f"    {chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
        for i in range(12)
    )
    with pytest.raises(pc.LoadError, match="aliases expand the document"):
        pc.loads(bomb.encode(), format="yaml")
    many = "id: x\nlanguage: zh-Hans\nextensions:\n  org.x:\n    a: &a 1\n    b: ["
    with pytest.raises(pc.LoadError, match="more than 100 aliases"):
        pc.loads((many + ", ".join(["*a"] * 101) + "]\n").encode(), format="yaml")


@pytest.mark.parametrize(
    ("document", "said"),
    [
        ("id: x\n---\nid: y\n", "expected a single document in the stream, but found another"),
        ("id: [x\n", "while parsing a flow sequence, did not find expected ','"),
    ],
)
def test_a_yaml_syntax_error_says_what_the_reader_was_reading(document: str, said: str) -> None:
    """The reader's context comes before its problem: "but found another document" alone says
    nothing of what was expected."""
    with pytest.raises(pc.LoadError, match=said) as caught:
        pc.loads(document, format="yaml")
    (problem,) = caught.value.problems
    assert problem.line == 2


def test_yaml_merge_keys_follow_yaml_1_1_and_keys_written_twice_are_refused() -> None:
    """<< merges: a key written in the mapping wins, then the first merged mapping that has it."""
    head = "id: x\nlanguage: zh-Hans\nextensions:\n  org.x:\n"
    case = pc.loads(
        head + "    a: &a {c: 1}\n    b: &b {c: 3, e: 5}\n"
        "    d: {<<: *a, c: 2}\n    f: {<<: [*a, *b]}\n",
        format="yaml",
    )
    data = case.extensions["org.x"]
    assert isinstance(data, dict)
    assert data["d"] == {"c": 2}
    assert data["f"] == {"c": 1, "e": 5}
    with pytest.raises(pc.LoadError, match="duplicate key 'c'"):
        pc.loads(head + "    d: {c: 1, c: 2}\n", format="yaml")


def test_yaml_and_toml_accept_native_dates() -> None:
    """Hand-written YAML and TOML may use bare years and calendar dates for partial dates."""
    yaml_case = pc.loads(
        "id: x\nlanguage: zh-Hans\norganisations:\n- {id: 'org:甲', name: 甲, founded: 2013}\n",
        format="yaml",
    )
    assert yaml_case.organisations[0].founded == pc.PartialDate(2013)
    toml_case = pc.loads(
        'id = "x"\nlanguage = "zh-Hans"\n[[organisations]]\nid = "org:甲"\nname = "甲"\nfounded = 2013-09-01\n',
        format="toml",
    )
    assert toml_case.organisations[0].founded == pc.PartialDate(2013, 9, 1)


def test_markdown_is_write_only() -> None:
    """Markdown renders facts as tables and refuses to be read back."""
    case = pc.load(EXAMPLE_CASES[-1])
    page = pc.dumps(case, format="markdown").decode()
    assert page.startswith(f"# {case.title}\n")
    assert "| Year | Title | Recipient | Awarded by | Level | Batch | Kind |" in page
    assert (
        "| 2018 | 市級黨建工作示範點 | 天津市文化傳媒商會 | 市委組織部、市非公有制經濟組織和社會組織工委 | municipal | 2 | title |"
        in page
    )
    with pytest.raises(pc.FormatError, match="write-only"):
        pc.loads(page, format="markdown")


def test_jsonl_document_must_hold_one_case(tmp_path: Path) -> None:
    """load of a .jsonl with two cases points to iter_cases."""
    path = tmp_path / "two.jsonl"
    pc.dump_jsonl([pc.load(p) for p in EXAMPLE_CASES], path)
    with pytest.raises(pc.LoadError, match="use iter_cases"):
        pc.load(path)


@pytest.mark.parametrize("name", ["0.9-harbour-chamber.json", "0.9-harbour-chamber.yaml"])
def test_old_schema_version_is_migrated(name: str) -> None:
    """A 0.9 file loads as a current case with its migration recorded."""
    case = pc.load(DATA / "migrations" / name)
    assert case.schema_version == "1.0"
    assert case.organisations[0].member_count == pc.Quantity(85)
    assert case.honours[0].date == pc.PartialDate(2016)
    assert case.extensions["partycases.migration"] == {"from": "0.9", "steps": ["0.9->1.0"]}
    assert pc.loads(pc.dumps(case)) == case


def test_future_major_version_is_a_clear_error() -> None:
    """A 2.x file says which partycases it needs."""
    with pytest.raises(
        pc.LoadError,
        match=r"schema version 2\.0 is newer than this partycases reads \(1\.0\); upgrade",
    ):
        pc.load(DATA / "migrations" / "2.0-future.json")
    with pytest.raises(pc.LoadError, match=r"unknown schema version .0\.1."):
        pc.loads(b'{"schema_version": "0.1", "id": "x", "language": "zh-Hans"}')


@st.composite
def _mixed_corpus(draw: st.DrawFn) -> list[tuple[str, bytes, int, int]]:
    """(name, bytes, good items, bad items) files for a corpus directory."""
    return draw(st.lists(st.sampled_from(CORPUS_FILES), min_size=1, max_size=8))


GOOD = EXAMPLE_CASES[0].read_bytes()
GOOD_LINE = pc.dumps(pc.load(EXAMPLE_CASES[0]), format="jsonl")
CORPUS_FILES = [
    ("good.json", GOOD, 1, 0),
    ("bad.json", b"{", 0, 1),
    ("empty.json", b"", 0, 1),
    ("binary.json", b"\xff\xfe\x00", 0, 1),
    ("lines.jsonl", GOOD_LINE + b'{"id": 1}\n\n' + GOOD_LINE, 2, 1),
    ("bad-lines.jsonl", b"not json\n[]\n", 0, 2),
    ("case.yaml", pc.dumps(pc.load(EXAMPLE_CASES[0]), format="yaml"), 1, 0),
    ("bad.yaml", b"id: [\n", 0, 1),
    ("bad.toml", b"id = \n", 0, 1),
    # A directory walk reads published texts only when asked, and never write-only formats.
    ("text.txt", "一、案例背景\n北溪市网络作家协会成立于2006年。\n".encode(), 0, 0),
    ("notes.md", b"# not a case\n", 0, 0),
]


@given(_mixed_corpus())
def test_iter_cases_accounts_for_every_item(
    tmp_path_factory: pytest.TempPathFactory, files: list[tuple[str, bytes, int, int]]
) -> None:
    """Items in = cases out + errors reported, over any mix of good and broken files."""
    root = tmp_path_factory.mktemp("corpus")
    good = bad = 0
    for index, (name, data, ok, failed) in enumerate(files):
        folder = root / f"d{index % 3}"
        folder.mkdir(exist_ok=True)
        (folder / f"{index}-{name}").write_bytes(data)
        good, bad = good + ok, bad + failed
    stream = pc.iter_cases(root)
    items = list(stream)
    assert sum(isinstance(i, pc.Case) for i in items) == good == stream.summary.ok
    assert sum(isinstance(i, pc.LoadError) for i in items) == bad == stream.summary.failed
    assert all(i.path for i in items if isinstance(i, pc.LoadError))


def test_iter_cases_sources(tmp_path: Path) -> None:
    """Globs, JSON Lines lines, open streams and missing paths: each item located, none skipped."""
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(GOOD_LINE + b"{oops\n" + GOOD_LINE)
    items = list(pc.iter_cases(str(tmp_path / "*.jsonl")))
    assert [type(i).__name__ for i in items] == ["Case", "LoadError", "Case"]
    error = items[1]
    assert isinstance(error, pc.LoadError)
    assert (error.path, error.problems[0].line) == (str(corpus), 2)
    with corpus.open("rb") as stream:
        assert len(list(pc.iter_cases(stream))) == 3
    [missing] = list(pc.iter_cases(tmp_path / "nothing.json"))
    assert isinstance(missing, pc.LoadError)
    [no_match] = list(pc.iter_cases(str(tmp_path / "*.yaml")))
    assert isinstance(no_match, pc.LoadError)
    assert "no file matches" in str(no_match)


def test_dump_jsonl_is_atomic(tmp_path: Path) -> None:
    """A failure while writing a corpus leaves the old file as it was, with no temporary file."""
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b"old\n")

    def cases_then_failure() -> Any:
        yield pc.load(EXAMPLE_CASES[0])
        raise RuntimeError("source failed")

    with pytest.raises(RuntimeError, match="source failed"):
        pc.dump_jsonl(cases_then_failure(), path)
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["corpus.jsonl"]
    assert pc.dump_jsonl([pc.load(p) for p in EXAMPLE_CASES], path) == 2
    assert len(list(pc.iter_cases(path))) == 2


def test_toml_problems_are_placed_at_their_own_key() -> None:
    """A TOML problem is placed at its own table's key, not the first line with the same name."""
    doc = (
        'id = "x"\nlanguage = "zh-Hans"\n'
        '[[organisations]]\nid = "org:甲"\nname = "甲"\n'
        '[[organisations]]\nid = "org:乙"\nname = "乙"\nmember_count = "many"\n'
    )
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(doc, format="toml")
    for problem in caught.value.problems:
        assert problem.pointer.startswith("/organisations/1/member_count")
        assert (problem.line, problem.column) == (9, 1)


def test_yaml_reads_the_core_schema_and_refuses_duplicate_keys() -> None:
    """YAML 1.1 booleans and dates stay text; a duplicate key is a located problem."""
    case = pc.loads(b"id: x\nlanguage: zh-Hans\ntitle: yes\nheadline: 2013-02-30\n", format="yaml")
    assert (case.title, case.headline) == ("yes", "2013-02-30")
    with pytest.raises(pc.LoadError, match="duplicate key 'id'") as caught:
        pc.loads(b"id: x\nlanguage: zh-Hans\nid: y\n", format="yaml")
    assert caught.value.problems[0].line == 3


@pytest.mark.parametrize("title", ["1e5", "0o17", "yes", "010", "1:20", "2013-02-03", ".nan", "~"])
def test_yaml_writes_number_like_text_quoted(title: str) -> None:
    """Text that a YAML 1.1 or 1.2 reader would take for a number, date or boolean reads back as text."""
    case = pc.loads(json.dumps({"id": "x", "language": "zh-Hans", "title": title}))
    written = pc.dumps(case, format="yaml")
    assert f"title: '{title}'" in written.decode()
    assert pc.loads(written, format="yaml") == case


_FIRST_USE_IN_THREADS = """
import sys, threading
import partycases as pc

case = pc.Case(id="case-1", language="zh-Hans", title="某某商会")
assert not any(name in sys.modules for name in ("partycases.formats.json", "partycases.formats.yaml"))
barrier = threading.Barrier(16)
failures = []

def work(fmt):
    barrier.wait()
    try:
        assert pc.loads(pc.dumps(case, format=fmt), format=fmt) == case
    except Exception as error:
        failures.append(f"{fmt}: {type(error).__name__}: {error}")

threads = [threading.Thread(target=work, args=(("json", "yaml")[i % 2],)) for i in range(16)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("\\n".join(failures))
"""


def test_the_first_use_of_a_format_from_many_threads_at_once_waits_for_its_module() -> None:
    """Threads that all reach a format first wait for its module's import, none takes it half-made."""
    pytest.importorskip("yaml")
    for _ in range(3):
        run = subprocess.run(
            [sys.executable, "-c", _FIRST_USE_IN_THREADS],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip() == ""


def _nested_sections(depth: int) -> list[dict[str, Any]]:
    section: dict[str, Any] = {"kind": "other", "heading": "标题", "paragraphs": [{"text": "正文"}]}
    for _ in range(depth - 1):
        section = {"kind": "other", "subsections": [section]}
    return [section]


def _nested_value(depth: int) -> Any:
    value: Any = 1
    for level in range(depth):
        value = [value] if level % 2 else {"k": value, "a": level}
    return value


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml", "toml"])
def test_the_deepest_sections_and_extension_data_a_case_holds_read_back(fmt: str) -> None:
    """Sections and extension data at the models' depth limits round-trip in every format."""
    pytest.importorskip({"yaml": "yaml", "toml": "tomli_w"}.get(fmt, "json"))
    from partycases.models import MAX_EXTENSION_DEPTH, MAX_SECTION_DEPTH

    case = pc.Case(
        id="x",
        language="zh-Hans",
        sections=_nested_sections(MAX_SECTION_DEPTH),
        extensions={"org.example": _nested_value(MAX_EXTENSION_DEPTH)},
    )
    assert pc.loads(pc.dumps(case, format=fmt), format=fmt) == case


def test_sections_or_extension_data_nested_deeper_are_refused_where_they_are() -> None:
    """One level more is a located problem, on construction and when read."""
    from partycases.models import MAX_EXTENSION_DEPTH, MAX_SECTION_DEPTH

    deep: list[tuple[str, dict[str, Any]]] = [
        ("/sections/0/subsections", {"sections": _nested_sections(MAX_SECTION_DEPTH + 1)}),
        (
            "/extensions",
            {"extensions": {"org.example": _nested_value(MAX_EXTENSION_DEPTH + 1)}},
        ),
    ]
    for pointer, fields in deep:
        document = {"id": "x", "language": "zh-Hans", **fields}
        with pytest.raises(pc.LoadError) as raised:
            pc.loads(json.dumps(document, indent=1))
        [problem] = raised.value.problems
        assert problem.pointer == pointer
        assert "expected at most" in problem.message
        if pointer == "/extensions":  # the message names the branch too deep
            deepest = "/k/0" * (MAX_EXTENSION_DEPTH // 2)
            assert f"at /extensions/org.example{deepest} is nested" in problem.message
        assert problem.line is not None
        with pytest.raises(ValueError, match="nested deeper"):
            pc.Case(**document)


def test_equal_extension_data_writes_the_same_bytes_whatever_its_key_order() -> None:
    """Extension objects are kept with their keys in order: equal cases, equal bytes."""
    one = pc.Case(
        id="x",
        language="zh-Hans",
        extensions={"org.b": {"z": 1, "a": [{"y": 2, "b": 3}]}, "org.a": {"k": None}},
    )
    other = pc.Case(
        id="x",
        language="zh-Hans",
        extensions={"org.a": {"k": None}, "org.b": {"a": [{"b": 3, "y": 2}], "z": 1}},
    )
    assert one == other
    assert pc.dumps(one) == pc.dumps(other)
    assert list(one.extensions) == ["org.a", "org.b"]
    assert list(one.extensions["org.b"]) == ["a", "z"]
    pytest.importorskip("tomli_w")
    table = pc.Case(
        id="x", language="zh-Hans", extensions={"org.example": {"table": {"x": 1}, "scalar": 2}}
    )
    assert pc.dumps(pc.loads(pc.dumps(table, format="toml"), format="toml")) == pc.dumps(table)


def _copied_sections(depth: int) -> tuple[pc.Section, ...]:
    """Sections ``depth`` levels deep, nested by model_copy, which does not validate."""
    section = pc.Section(heading="标题", paragraphs=[pc.Paragraph(text="正文")])
    for _ in range(depth - 1):
        section = section.model_copy(update={"subsections": (section,)})
    return (section,)


def _written(fmt: str, case: pc.Case) -> object:
    if fmt == "tables":
        return pc.to_arrow([case])
    return pc.dumps(case, format=fmt)


WRITERS = ["json", "jsonl", "yaml", "toml", "markdown", "jsonld", "text", "tables"]


@pytest.mark.parametrize("fmt", WRITERS)
def test_every_writer_refuses_a_copy_nested_deeper_than_the_models_accept(fmt: str) -> None:
    """A model_copy nesting extension data or sections past the limits is a WriteError naming it."""
    pytest.importorskip({"yaml": "yaml", "toml": "tomli_w", "tables": "pyarrow"}.get(fmt, "json"))
    from partycases.models import MAX_EXTENSION_DEPTH, MAX_SECTION_DEPTH

    case = pc.load(EXAMPLE_CASES[0])
    for depth in (MAX_EXTENSION_DEPTH + 1, 3000):
        copied = case.model_copy(update={"extensions": {"org.example": _nested_value(depth)}})
        with pytest.raises(
            pc.WriteError, match=r"at /extensions/org\.example/\S* is nested deeper than 32 levels"
        ):
            _written(fmt, copied)
    # Every writer walks the sections of a case with extensions; without them, JSON and
    # JSON Lines leave the sections to the serialiser, which stops at 255 levels.
    deep = [(MAX_SECTION_DEPTH + 1, {"org.example": 1}), (1000, {})]
    if fmt not in ("json", "jsonl"):
        deep.append((MAX_SECTION_DEPTH + 1, {}))
    for depth, extensions in deep:
        update = {"sections": _copied_sections(depth), "extensions": extensions}
        with pytest.raises(pc.WriteError, match="sections nested deeper than 16 levels"):
            _written(fmt, case.model_copy(update=update))


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml", "toml"])
@pytest.mark.parametrize("key", ["Not A Namespace", "org..x", "", 5])
def test_an_extension_key_no_reader_takes_is_not_written(fmt: str, key: object) -> None:
    """A copy holding an extension key that is no namespace is a WriteError naming the key."""
    pytest.importorskip({"yaml": "yaml", "toml": "tomli_w"}.get(fmt, "json"))
    case = pc.load(EXAMPLE_CASES[0]).model_copy(update={"extensions": {key: 1}})
    with pytest.raises(pc.WriteError, match=f"the extension key {re.escape(repr(key))} is no"):
        pc.dumps(case, format=fmt)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml", "toml"])
def test_a_copy_with_a_key_no_reader_keeps_or_tuples_too_deep_is_not_written(fmt: str) -> None:
    """Keys that are no string, and tuples nested as deep as lists may not, are named."""
    pytest.importorskip({"yaml": "yaml", "toml": "tomli_w"}.get(fmt, "json"))
    from partycases.models import MAX_EXTENSION_DEPTH

    case = pc.load(EXAMPLE_CASES[0])
    keyed = case.model_copy(update={"extensions": {"org.example": {"a": {1: 2}}}})
    with pytest.raises(pc.WriteError, match=r"at /extensions/org\.example/a has a key that is no"):
        pc.dumps(keyed, format=fmt)
    value: object = 1
    for _ in range(MAX_EXTENSION_DEPTH + 1):
        value = (value,)
    deep = case.model_copy(update={"extensions": {"org.example": value}})
    with pytest.raises(pc.WriteError, match="is nested deeper than 32 levels"):
        pc.dumps(deep, format=fmt)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml", "toml"])
def test_a_value_no_serialiser_writes_is_a_write_error(fmt: str) -> None:
    """Extension data of no JSON type, put in by model_copy, is a WriteError, not pydantic's own."""
    pytest.importorskip({"yaml": "yaml", "toml": "tomli_w"}.get(fmt, "json"))
    case = pc.load(EXAMPLE_CASES[0]).model_copy(update={"extensions": {"org.example": object()}})
    with pytest.raises(pc.WriteError, match=r"cannot write: .*Unable to serialize unknown type"):
        pc.dumps(case, format=fmt)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml", "toml"])
def test_a_copy_with_extension_keys_out_of_order_writes_the_canonical_bytes(fmt: str) -> None:
    """Extension objects a model_copy holds out of order are written in order, as validated ones."""
    pytest.importorskip({"yaml": "yaml", "toml": "tomli_w"}.get(fmt, "json"))
    case = pc.load(EXAMPLE_CASES[0])
    extensions = {"org.b": {"z": 1, "a": [{"y": 2, "b": 3}]}, "org.a": {"k": 4}}
    copied = case.model_copy(update={"extensions": extensions})
    validated = pc.Case.model_validate({**copied.model_dump(), "extensions": extensions})
    assert copied == validated
    assert pc.dumps(copied, format=fmt) == pc.dumps(validated, format=fmt)
    assert copied.extensions is extensions  # the case itself is left as it is
