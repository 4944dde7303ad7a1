"""Tests for files: load, dump, atomic writes and format selection."""

from __future__ import annotations

import array
import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import partycases as pc
from tests.conftest import EXAMPLE_CASES
from tests.strategies import cases


def test_dump_then_load(tmp_path: Path, tianjin_path: Path) -> None:
    """A dumped case loads back equal, and the file holds the canonical bytes."""
    case = pc.load(tianjin_path)
    target = tmp_path / "case.json"
    pc.dump(case, target)
    assert pc.load(target) == case
    assert target.read_bytes() == pc.dumps(case)
    assert [p.name for p in tmp_path.iterdir()] == ["case.json"]


def test_dump_keeps_the_old_file_when_encoding_fails(
    tmp_path: Path, tianjin_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception from the encoder leaves the old file byte-identical and no temporary file."""
    target = tmp_path / "case.json"
    target.write_bytes(b"old contents")

    def explode(case: pc.Case) -> bytes:
        raise RuntimeError("encoder failed")

    monkeypatch.setattr("partycases.formats.json.dumps", explode)
    with pytest.raises(RuntimeError, match="encoder failed"):
        pc.dump(pc.load(tianjin_path), target)
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["case.json"]


@pytest.mark.usefixtures("full_disk")
def test_dump_keeps_the_old_file_when_the_disk_fills(tmp_path: Path, tianjin_path: Path) -> None:
    """A write that fails halfway (disk full) leaves the old file and cleans up."""
    target = tmp_path / "case.json"
    target.write_bytes(b"old contents")
    with pytest.raises(pc.WriteError, match="No space left on device"):
        pc.dump(pc.load(tianjin_path), target)
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["case.json"]


def test_dump_keeps_file_mode(tmp_path: Path, tianjin_path: Path) -> None:
    """Replacing a file keeps its permission bits."""
    target = tmp_path / "case.json"
    target.write_bytes(b"{}")
    target.chmod(0o640)
    pc.dump(pc.load(tianjin_path), target)
    assert target.stat().st_mode & 0o777 == 0o640


def test_dump_into_missing_directory_is_a_write_error(tmp_path: Path, tianjin_path: Path) -> None:
    """Writing where no directory exists is a WriteError naming the path."""
    target = tmp_path / "missing" / "case.json"
    with pytest.raises(pc.WriteError, match="missing"):
        pc.dump(pc.load(tianjin_path), target)


def test_load_missing_file_names_it(tmp_path: Path) -> None:
    """A file that is not there is a LoadError naming it."""
    path = tmp_path / "nowhere.json"
    with pytest.raises(pc.LoadError, match="cannot read the file") as caught:
        pc.load(path)
    assert caught.value.path == str(path)


def test_a_missing_path_is_missing_whatever_its_name(tmp_path: Path) -> None:
    """A path that does not exist is reported as missing, naming it, not as an unknown format."""
    for path in (tmp_path / "corpus-dir", f"{tmp_path}/corpus-dir/", tmp_path / "no" / "cases"):
        with pytest.raises(pc.LoadError) as caught:
            pc.load(path)
        assert caught.value.path == os.fspath(path)
        assert caught.value.problems[0].message == "cannot read the file: No such file or directory"
        [item] = pc.iter_cases(path)
        assert isinstance(item, pc.LoadError)
        assert item.path == os.fspath(path)
        assert item.problems[0].message == "cannot read the file: No such file or directory"
    with pytest.raises(pc.LoadError, match="No such file") as caught:
        pc.load(os.fsencode(tmp_path / "case.json"))  # type: ignore[arg-type]
    assert caught.value.path == str(tmp_path / "case.json")
    summary = pc.export(tmp_path / "corpus-dir", csv=tmp_path / "csv", on_error=print)
    assert (summary.cases, summary.failed) == (0, 1)


def test_load_refuses_files_over_the_limit(tmp_path: Path, tianjin_path: Path) -> None:
    """A file larger than max_bytes is refused before it is parsed."""
    path = tmp_path / "big.json"
    path.write_bytes(tianjin_path.read_bytes())
    with pytest.raises(pc.LoadError, match="limit of 100 bytes"):
        pc.load(path, max_bytes=100)
    assert pc.load(path, max_bytes=1_000_000).id == "tianjin-culture-media-chamber"


def test_format_selection(tmp_path: Path, tianjin_path: Path) -> None:
    """The extension picks the format; an unknown one is a FormatError, format= overrides it."""
    odd = tmp_path / "case.data"
    odd.write_bytes(tianjin_path.read_bytes())
    with pytest.raises(pc.FormatError, match="cannot tell the format"):
        pc.load(odd)
    assert pc.load(odd, format="json").id == "tianjin-culture-media-chamber"
    with pytest.raises(pc.FormatError, match="unknown format 'xml'"):
        pc.loads(b"{}", format="xml")


# ------------------------------------------------------------- the registry


def test_registry_lists_each_format_once_with_its_capabilities() -> None:
    """Names, extensions and capabilities come from one table; the helper lists agree with it."""
    from partycases.formats import REGISTRY, get_format, names, readable, writable

    assert names() == tuple(fmt.name for fmt in REGISTRY)
    assert len(set(names())) == len(names())
    extensions = [ext for fmt in REGISTRY for ext in fmt.extensions]
    assert len(set(extensions)) == len(extensions)
    assert "markdown" not in readable()
    assert "jsonld" not in readable()
    assert {"jsonld", "markdown", "text"} <= set(writable())
    assert [fmt.name for fmt in REGISTRY if fmt.many] == ["jsonl"]
    assert get_format("text").options == ("encoding",)


def test_write_only_formats_are_refused_before_reading(tmp_path: Path) -> None:
    """load() of a README.md is a FormatError naming the readable formats, not a parse attempt."""
    readme = tmp_path / "README.md"
    readme.write_text("# notes\n", encoding="utf-8")
    with pytest.raises(pc.FormatError, match="markdown is a write-only format; expected one of"):
        pc.load(readme)


def test_options_apply_only_where_declared(tianjin_path: Path) -> None:
    """encoding= on JSON is refused with the formats it applies to."""
    with pytest.raises(
        pc.FormatError, match="encoding= applies to text and html files, not to json"
    ):
        pc.loads(tianjin_path.read_bytes(), encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{\n  "id": 1\n}\n', "json"),
        (b'{"id": 1}\n{"id": 2}\n', "jsonl"),
        (b'{"id": 1}\n{"id": 2', "jsonl"),  # the last line cut
        (b'{"id": \n{"id": 2}\n', "jsonl"),  # the first line cut
        (b'{"id": 1,\n "title": "x"}\n', "json"),
        (b"---\nid: x\n", "yaml"),
        (b"# a comment\n\nid: x\n", "yaml"),
        (b"# a comment\nid = 'x'\n", "toml"),
        (b"[series]\nname = 'x'\n", "toml"),
        (b"\xef\xbb\xbfid: x\n", "yaml"),
        (b"", None),
        (b"  \n\n", None),
        (b"garbage", None),
        (b"# only a comment\n", None),
        ("一、案例背景\n北溪市网络作家协会成立于2006年。\n".encode(), None),
    ],
)
def test_sniffing_never_guesses_text_or_garbage(data: bytes, expected: str | None) -> None:
    """Sniffing tells the structured formats apart and returns None for prose and empty input."""
    from partycases.formats import sniff

    found = sniff(data)
    assert (found.name if found else None) == expected


# ------------------------------------------------------------------ corpora


def _corpus(tmp_path: Path, tianjin_path: Path) -> Path:
    """A folder with JSON Lines, JSON, a text, a README and a broken file."""
    line = pc.dumps(pc.load(tianjin_path), format="jsonl")
    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = line + b"\n" + b'{"id": 1}\r\n' + line.rstrip(b"\n") + b"\r\n" + b"{oops\n"
    (folder / "cases.jsonl").write_bytes(lines)
    (folder / "README.md").write_text("# corpus\n", encoding="utf-8")
    (folder / "notes.txt").write_text("一、案例背景\n某协会成立于2006年。\n", encoding="utf-8")
    return folder


def test_accounting_is_the_same_by_path_folder_and_stream(
    tmp_path: Path, tianjin_path: Path
) -> None:
    """One JSON Lines corpus counts the same read by path, by directory and from a stream."""
    folder = _corpus(tmp_path, tianjin_path)
    counts = []
    for source in (folder / "cases.jsonl", folder):
        stream = pc.iter_cases(source)
        list(stream)
        counts.append((stream.summary.ok, stream.summary.failed))
    with (folder / "cases.jsonl").open("rb") as handle:
        stream = pc.iter_cases(handle)
        list(stream)
        counts.append((stream.summary.ok, stream.summary.failed))
    assert counts == [(2, 2)] * 3


def test_folders_skip_texts_and_write_only_formats_unless_asked(
    tmp_path: Path, tianjin_path: Path
) -> None:
    """README.md is never read from a folder; notes.txt only with format='text'."""
    folder = _corpus(tmp_path, tianjin_path)
    stream = pc.iter_cases(folder)
    sources = {stream.source for _ in stream}
    assert sources == {str(folder / "cases.jsonl")}
    assert (stream.summary.skipped, stream.summary.total) == (2, 4)  # README.md, notes.txt
    texts = pc.iter_cases(folder, format="text")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        [case] = list(texts)
    assert isinstance(case, pc.Case)
    assert texts.source == str(folder / "notes.txt")


def test_each_item_names_its_file_and_line(tmp_path: Path, tianjin_path: Path) -> None:
    """CaseStream.source and .line say where the last item came from, valid or not."""
    folder = _corpus(tmp_path, tianjin_path)
    (folder / "one.json").write_bytes(tianjin_path.read_bytes())
    stream = pc.iter_cases(folder)
    seen = [(type(item).__name__, stream.source, stream.line) for item in stream]
    corpus = str(folder / "cases.jsonl")
    assert seen == [
        ("Case", corpus, 1),
        ("LoadError", corpus, 3),  # line 2 is blank
        ("Case", corpus, 4),
        ("LoadError", corpus, 5),
        ("Case", str(folder / "one.json"), None),
    ]


def test_walks_report_dangling_links_and_special_files(tmp_path: Path, tianjin_path: Path) -> None:
    """A dangling symbolic link and a FIFO named .json are errors, not silent skips or hangs."""
    import os

    (tmp_path / "good.json").write_bytes(tianjin_path.read_bytes())
    (tmp_path / "gone.json").symlink_to(tmp_path / "nowhere.json")
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "loop").symlink_to(tmp_path)  # a link back up is walked once
    items = list(pc.iter_cases(tmp_path))
    errors = {Path(i.path or "").name: str(i) for i in items if isinstance(i, pc.LoadError)}
    assert set(errors) == {"gone.json", "pipe.json"}
    assert "dangling symbolic link" in errors["gone.json"]
    assert "not a regular file" in errors["pipe.json"]
    assert sum(isinstance(i, pc.Case) for i in items) == 1


def test_unreadable_folders_are_reported(
    tmp_path: Path, tianjin_path: Path, ran_unprivileged: bool
) -> None:
    """A folder the walk cannot open is an error naming it."""
    if ran_unprivileged:
        return
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "case.json").write_bytes(tianjin_path.read_bytes())
    locked.chmod(0)
    try:
        [error] = list(pc.iter_cases(tmp_path))
    finally:
        locked.chmod(0o700)
    assert isinstance(error, pc.LoadError)
    assert error.path == str(locked)
    assert "cannot read the folder" in str(error)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the input is empty"),
        (b"garbage\n", "cannot tell the format from the content"),
        ("一、案例背景\n北溪市网络作家协会成立于2006年。\n".encode(), "published text"),
    ],
)
def test_streams_of_unknown_content_are_errors(data: bytes, message: str) -> None:
    """Empty input, garbage and prose on a stream are one located error, never a case."""
    import io

    [error] = list(pc.iter_cases(io.BytesIO(data)))
    assert isinstance(error, pc.LoadError)
    assert message in str(error)


def test_streams_are_sniffed_per_format(tianjin_path: Path) -> None:
    """A stream of YAML starting with a comment, or TOML, reads as one case; text when named."""
    import io

    case = pc.load(tianjin_path)
    for fmt in ("yaml", "toml"):
        data = b"# exported\n" + pc.dumps(case, format=fmt)
        assert list(pc.iter_cases(io.BytesIO(data))) == [case]
    assert list(pc.iter_cases(io.BytesIO(pc.dumps(case)))) == [case]
    text = pc.dumps(case, format="text")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        [parsed] = list(pc.iter_cases(io.BytesIO(text), format="text"))
    assert isinstance(parsed, pc.Case)
    assert parsed.title == case.title


def test_a_stream_that_fails_ends_with_one_located_error(
    tmp_path: Path, tianjin_path: Path
) -> None:
    """Text that does not decode in a text stream, a closed stream, a failing device: one
    ``LoadError`` naming the stream and the line, after every case read before it."""
    import io

    line = pc.dumps(pc.load(tianjin_path), format="jsonl")
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(line * 3 + b'{"id": "caf\xe9"}\n' + line * 3)
    with path.open("rb") as binary:  # each line decoded on its own: one bad line, the rest read
        kinds = [type(item) for item in pc.iter_cases(binary)]
    assert kinds == [pc.Case, pc.Case, pc.Case, pc.LoadError, pc.Case, pc.Case, pc.Case]
    with path.open(encoding="utf-8") as text:
        stream = pc.iter_cases(text)
        *read, error = list(stream)
    assert all(isinstance(item, pc.Case) for item in read)
    assert isinstance(error, pc.LoadError)
    assert error.path == str(path)
    assert stream.line is not None
    assert stream.line == error.problems[0].line == len(read) + 1
    assert "UnicodeDecodeError" in str(error)
    assert "opened in binary mode" in str(error)
    assert (stream.summary.ok, stream.summary.failed) == (len(read), 1)

    closed = path.open("rb")
    closed.close()
    [error] = list(pc.iter_cases(closed))
    assert isinstance(error, pc.LoadError)
    assert "ValueError" in str(error)

    class Failing(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: object) -> int:
            raise OSError(5, "Input/output error")

    for format in (None, "json"):  # sniffed line by line, or read whole
        [error] = list(pc.iter_cases(io.BufferedReader(Failing()), format=format))
        assert isinstance(error, pc.LoadError)
        assert "cannot read the stream from line 1 on: OSError" in str(error)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_read_as_its_writer_writes_it(tmp_path: Path, tianjin_path: Path) -> None:
    """A named pipe given by name is read as ``cat`` reads one: whenever its writer comes.

    (In a folder walk or a pattern, a pipe is reported and not opened; see the walk's test.)
    """
    import threading

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    loaded: list[object] = []
    reader = threading.Thread(target=lambda: loaded.append(pc.load(fifo)), daemon=True)
    reader.start()  # it waits for a writer to open the pipe
    fifo.write_bytes(tianjin_path.read_bytes())  # which waits for the reader: no race
    reader.join(timeout=60)
    assert loaded == [pc.load(tianjin_path)]


def test_a_folder_passed_as_a_file_is_a_load_error(tmp_path: Path) -> None:
    """A folder where a file was expected is a LoadError saying so, from load and for JSON Lines."""
    folder = tmp_path / "cases.json"
    folder.mkdir()
    with pytest.raises(pc.LoadError, match="cannot read the file: Is a directory"):
        pc.load(folder)
    (tmp_path / "more.jsonl").mkdir()
    with pytest.raises(pc.LoadError, match="cannot read the file: Is a directory"):
        pc.load(tmp_path / "more.jsonl")


def test_the_docs_table_matches_the_registry() -> None:
    """docs/formats.md's registry table states each format's capabilities as REGISTRY declares."""
    from partycases.formats import REGISTRY
    from tests.conftest import ROOT

    page = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    rows = {}
    for line in page.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 9 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells
    assert list(rows) == [fmt.name for fmt in REGISTRY]
    for fmt in REGISTRY:
        name, extensions, read, write, many, walked, sniffed, options, extra = rows[fmt.name]
        assert extensions == ", ".join(f"`{ext}`" for ext in fmt.extensions)
        assert (read != "no", write != "no") == (fmt.read, fmt.write), name
        assert (many, sniffed) == ("yes" if fmt.many else "no", "yes" if fmt.sniff else "no")
        assert walked == ("yes" if fmt.scanned else "only when named" if fmt.read else "no")
        assert options == ", ".join(f"`{option}`" for option in fmt.options)
        assert extra == (f"`[{fmt.extra}]`" if fmt.extra else "")


def test_folders_that_fail_to_open_are_reported(
    tmp_path: Path, tianjin_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder whose listing fails (as an unreadable one does, even for root) is an error."""
    import os

    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "case.json").write_bytes(tianjin_path.read_bytes())
    (tmp_path / "open.json").write_bytes(tianjin_path.read_bytes())
    real = os.scandir

    def scandir(path: str) -> object:
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(pc.iter_cases(tmp_path))
    [error] = [item for item in items if isinstance(item, pc.LoadError)]
    assert error.path == str(locked)
    assert "cannot read the folder: Permission denied" in str(error)
    assert sum(isinstance(item, pc.Case) for item in items) == 1


# Few examples: writing big cases as YAML and TOML is slow, and sniffing reads only two lines.
@settings(max_examples=25)
@given(cases(), st.sampled_from(["", "# exported\n", "\n\n"]))
def test_every_sniffable_format_is_told_from_its_own_output(case: pc.Case, preamble: str) -> None:
    """What each sniffable format writes, after blank or comment lines YAML and TOML allow, sniffs back."""
    from partycases.formats import REGISTRY, sniff

    for fmt in REGISTRY:
        if fmt.sniff is None or not fmt.write:
            continue
        try:
            data = pc.dumps(case, format=fmt.name)
        except pc.FormatError:  # TOML has no null
            continue
        if fmt.name in {"yaml", "toml"}:
            data = preamble.encode() + data
        found = sniff(data)
        assert found is not None
        assert found.name == fmt.name


@settings(max_examples=25)
@given(st.lists(cases(), min_size=2, max_size=4), st.data())
def test_json_lines_cut_anywhere_after_its_first_line_stays_json_lines(
    corpus: list[pc.Case], data: st.DataObject
) -> None:
    """A JSON Lines stream cut at any byte after its first line is still sniffed as JSON Lines."""
    from partycases.formats import sniff

    stream = b"".join(pc.dumps(case, format="jsonl") for case in corpus)
    first = stream.index(b"\n") + 1
    cut = data.draw(st.integers(first, len(stream)))
    found = sniff(stream[:cut])
    assert found is not None
    assert found.name == "jsonl"


def test_sniffing_a_stream_of_blank_lines_costs_its_size() -> None:
    """Megabytes of blank lines before the content are held as one buffer, not line by line."""
    import io
    import tracemalloc

    data = b"\n" * 200_000 + b"garbage\n"
    stream = io.BytesIO(data)
    tracemalloc.start()
    try:
        [error] = list(pc.iter_cases(stream))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "cannot tell the format" in str(error)
    assert peak < 8 * len(data)  # a list of line objects took about 90 times its size


@pytest.mark.parametrize("buffer", [bytearray, memoryview])
@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_buffers_read_as_their_bytes(tianjin_path: Path, buffer: type, fmt: str) -> None:
    """A bytearray or memoryview holding a document loads like the bytes it holds."""
    pytest.importorskip({"json": "orjson", "yaml": "yaml", "toml": "tomli_w"}[fmt])
    case = pc.load(tianjin_path)
    data = pc.dumps(case, format=fmt)
    assert pc.loads(buffer(data), format=fmt) == case
    module = __import__(f"partycases.formats.{fmt}", fromlist=["loads"])
    assert module.loads(buffer(data)) == case


def _outcome(read: object, data: object) -> object:
    """What ``read(data)`` gives: the case, or the problems of its LoadError."""
    try:
        return read(data)  # type: ignore[operator]
    except pc.LoadError as error:
        return [str(problem) for problem in error.problems]


def test_json_answers_alike_for_bytes_text_buffers_and_any_spelling(tianjin_path: Path) -> None:
    """Bytes, text, a buffer and the name "JSON" give one answer, errors word for word."""
    valid = pc.dumps(pc.load(tianjin_path))
    documents = [
        valid,
        b"\xef\xbb\xbf" + valid,  # a byte order mark
        valid.replace(b'"id":', b'"id": "case:x", "id":', 1),  # a key stated twice
        valid.replace(b'"id":', b'"unknown": 1, "id":', 1),
        valid[:-40],  # cut short
        b"",
        b"[1, 2]",
        b"\xff\xfe{}",  # not UTF-8
    ]
    others = [
        lambda data: pc.loads(bytearray(data)),
        lambda data: pc.loads(data, format="JSON"),
    ]
    for document in documents:
        for data in (document, document.decode("utf-8", "replace")):
            first = _outcome(pc.loads, data)
            assert first == _outcome(others[1], data)
            if isinstance(data, bytes):
                assert first == _outcome(others[0], data)
    assert _outcome(pc.loads, valid) == pc.load(tianjin_path)
    assert pc.dumps(pc.load(tianjin_path)) == pc.dumps(pc.load(tianjin_path), format="JSON")


class _Yaml(str):
    """A format name that equals "json" but names YAML when looked up."""

    def lower(self) -> str:
        return "yaml"


def test_a_format_is_looked_up_by_its_name_and_read_when_called(
    tianjin_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a str names a format, as it lowers; the reader and writer are read at each call."""
    from unittest import mock

    case = pc.load(tianjin_path)
    valid = pc.dumps(case)
    for name in (mock.ANY, b"json"):
        with pytest.raises(pc.FormatError, match="a format is named by a str"):
            pc.loads(valid, format=name)  # type: ignore[arg-type]
        with pytest.raises(pc.FormatError, match="a format is named by a str"):
            pc.dumps(case, format=name)  # type: ignore[arg-type]
    pytest.importorskip("yaml")
    assert pc.dumps(case, format=_Yaml("json")) == pc.dumps(case, format="yaml")
    monkeypatch.setattr("partycases.formats.json.loads", lambda data: "patched reader")
    monkeypatch.setattr("partycases.formats.json.dumps", lambda case: b"patched writer")
    assert pc.loads(valid) == "patched reader"
    assert pc.dumps(case) == b"patched writer"


def test_what_escapes_a_readers_own_boundary_is_a_load_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What escapes the JSON reader's own boundary is still a LoadError (here, memory)."""

    def exhausted(data: object, what: str) -> None:
        raise MemoryError

    monkeypatch.setattr("partycases.formats._problems._within_value_budget", exhausted)
    with pytest.raises(pc.LoadError, match="too large to hold in memory"):
        pc.loads(b"{}")


@pytest.mark.parametrize("value", [123, None, 1.5, ["{}"], object()])
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_documents_of_the_wrong_type_say_what_was_expected(value: object, fmt: str) -> None:
    """Anything but bytes, text or a buffer is a LoadError naming the type it got."""
    with pytest.raises(pc.LoadError) as raised:
        pc.loads(value, format=fmt)  # type: ignore[arg-type]
    message = str(raised.value)
    assert f"expected a {fmt} document as bytes or str, not {type(value).__name__}" in message


@pytest.mark.parametrize("value", [b"\xe6\x9f\x90\xe5\x95\x86\xe4\xbc\x9a", None, 123])
def test_parse_text_and_parse_html_of_the_wrong_type_say_what_was_expected(value: object) -> None:
    """Bytes, None or a number given as the text or the page is a LoadError naming the type."""
    with pytest.raises(pc.LoadError) as raised:
        pc.parse_text(value)  # type: ignore[arg-type]
    assert f"expected the text as a str, not {type(value).__name__}" in str(raised.value)
    hint = 'partycases.loads(data, format="text") decodes bytes'
    assert (hint in str(raised.value)) == isinstance(value, bytes)
    if not isinstance(value, bytes):
        with pytest.raises(
            pc.LoadError, match=f"expected the page as bytes or str, not {type(value).__name__}"
        ):
            pc.parse_html(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, 123, ["case.json"]])
def test_load_of_no_path_is_a_type_error_saying_what_it_reads(value: object) -> None:
    """load(None) is a mistake in the calling code: a TypeError, as iter_cases gives one."""
    with pytest.raises(
        TypeError, match=f"expected its path .*, not {type(value).__name__}; partycases.loads"
    ):
        pc.load(value)  # type: ignore[arg-type]


def _released() -> memoryview:
    view = memoryview(bytearray(b"{}"))
    view.release()
    return view


@pytest.mark.parametrize(
    ("make", "named"),
    [
        (_released, "a released memoryview"),
        (lambda: memoryview(array.array("i", [1, 2])), "memoryview of 'i' items"),
        (lambda: memoryview(bytearray(4)).cast("B", (2, 2)), "2-dimensional memoryview"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_buffers_that_are_not_bytes_are_named(make: object, named: str, fmt: str) -> None:
    """A released view or a view of other items is a LoadError, through either entry point."""
    from partycases.formats import json as json_format

    readers = [lambda data: pc.loads(data, format=fmt)]
    if fmt == "json":
        readers.append(json_format.loads)
    for read in readers:
        with pytest.raises(pc.LoadError, match=named):
            read(make())  # type: ignore[operator]


def test_subclasses_of_bytes_and_str_are_read_as_copies(tianjin_path: Path) -> None:
    """A subclass's own methods never run: the document is copied to exact bytes or str first."""

    class Hostile(bytes):
        def __len__(self) -> int:
            raise RuntimeError("called")

    class HostileText(str):
        def __len__(self) -> int:
            raise RuntimeError("called")

        def startswith(self, *args: object) -> bool:  # type: ignore[override]
            raise RuntimeError("called")

    from partycases.formats import json as json_format

    case = pc.load(tianjin_path)
    data = pc.dumps(case)
    for document in (Hostile(data), HostileText(data.decode())):
        assert pc.loads(document) == case
        assert json_format.loads(document) == case


def test_a_write_only_format_is_refused_as_such_whatever_the_data() -> None:
    with pytest.raises(pc.FormatError, match="write-only"):
        pc.loads(123, format="markdown")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, [1, 2], {"id": "x", "language": "zh-Hans"}, "{}"])
@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml", "toml", "markdown", "jsonld", "text"])
def test_writing_anything_but_a_case_is_a_write_error(value: object, fmt: str) -> None:
    """dumps of a non-case is a WriteError naming the type, never the serialiser's best guess."""
    expected = f"expected a partycases.Case, not {type(value).__name__}"
    with pytest.raises(pc.WriteError, match=re.escape(expected)):
        pc.dumps(value, format=fmt)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, "not a case", {"id": "x", "language": "zh-Hans"}])
def test_to_jsonld_of_anything_but_a_case_is_a_write_error(value: object) -> None:
    """to_jsonld refuses a non-case as every writer does, naming the type it got."""
    expected = f"cannot write: expected a partycases.Case, not {type(value).__name__}"
    with pytest.raises(pc.WriteError, match=re.escape(expected)):
        pc.to_jsonld(value)  # type: ignore[arg-type]


def test_a_failed_write_of_a_non_case_leaves_the_file(tmp_path: Path, tianjin_path: Path) -> None:
    """dump and dump_jsonl refuse a non-case before replacing anything; the old bytes stay."""
    good = tianjin_path.read_bytes()
    target, lines = tmp_path / "case.json", tmp_path / "cases.jsonl"
    target.write_bytes(good)
    lines.write_bytes(good.replace(b"\n", b"") + b"\n")
    before = lines.read_bytes()
    with pytest.raises(pc.WriteError, match=re.escape(f"{target}: cannot write")):
        pc.dump(None, target)  # type: ignore[arg-type]
    with pytest.raises(pc.WriteError, match=r"item 2: cannot write: .* not NoneType"):
        pc.dump_jsonl([pc.loads(good), None], lines)  # type: ignore[list-item]
    assert target.read_bytes() == good
    assert lines.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["case.json", "cases.jsonl"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (b"{}", "not a document held in memory"),
        (bytearray(b"{}"), "not a document held in memory"),
        (5, "expected a path, a folder, a glob, a stream or a list of them, not int"),
        ([None], "not NoneType"),
    ],
)
def test_iter_cases_names_sources_it_cannot_read(source: object, message: str) -> None:
    """Bytes in memory or a non-source is a TypeError saying what iter_cases reads."""
    with pytest.raises(TypeError, match=message):
        list(pc.iter_cases(source))  # type: ignore[arg-type]


def test_a_format_named_by_anything_but_a_string_is_a_format_error() -> None:
    """format=None or 3 is a FormatError listing the formats, not an AttributeError."""
    for name in (None, 3):
        with pytest.raises(pc.FormatError, match="a format is named by a str"):
            pc.loads(b"{}", format=name)  # type: ignore[arg-type]


def test_export_of_an_empty_path_reads_no_folder(tmp_path: Path) -> None:
    """export("") is one failed input, as iter_cases("") is, never a walk of the current folder."""
    summary = pc.export("", csv=tmp_path / "csv")
    assert (summary.cases, summary.failed) == (0, 1)


def test_a_case_built_without_an_id_is_not_written(tmp_path: Path, tianjin_path: Path) -> None:
    """A model_construct'ed case with no id is a WriteError naming the file; the old file stays."""
    target = tmp_path / "case.json"
    target.write_bytes(tianjin_path.read_bytes())
    empty = pc.Case.model_construct()
    for fmt in ("json", "jsonl"):
        with pytest.raises(pc.WriteError, match="the case has no id"):
            pc.dumps(empty, format=fmt)
    with pytest.raises(
        pc.WriteError, match=re.escape(f"{target}: cannot write: the case has no id")
    ):
        pc.dump(empty, target)
    with pytest.raises(pc.WriteError, match=r"item 1: cannot write: the case has no id"):
        pc.dump_jsonl([empty], tmp_path / "cases.jsonl")
    with pytest.raises(pc.WriteError, match=r"expected cases, not one \(use dump\)"):
        pc.dump_jsonl(pc.loads(tianjin_path.read_bytes()), tmp_path / "cases.jsonl")  # type: ignore[arg-type]
    assert target.read_bytes() == tianjin_path.read_bytes()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["case.json"]


def test_a_copy_nested_too_deep_is_not_written(tmp_path: Path, tianjin_path: Path) -> None:
    """A model_copy whose extension data load would refuse is a WriteError naming the file."""
    target = tmp_path / "case.yaml"
    target.write_bytes(b"old")
    value: object = 1
    for _ in range(40):
        value = [value]
    deep = pc.loads(tianjin_path.read_bytes()).model_copy(
        update={"extensions": {"org.example": value}}
    )
    for path in (target, tmp_path / "new.json", tmp_path / "new.toml"):
        with pytest.raises(pc.WriteError, match=re.escape(f"{path}: cannot write: extension data")):
            pc.dump(deep, path)
    with pytest.raises(pc.WriteError, match=r"item 1: cannot write: extension data"):
        pc.dump_jsonl([deep], tmp_path / "cases.jsonl")
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["case.yaml"]


def _nested_corpus(root: Path) -> list[str]:
    """Three case files at three depths, and the ids they hold (sorted)."""
    (root / "a" / "b").mkdir(parents=True)
    cases = list(pc.generate_cases(3, seed=5))
    for case, where in zip(cases, ("x.json", "a/y.json", "a/b/z.json"), strict=True):
        pc.dump(case, root / where)
    return sorted(case.id for case in cases)


def test_each_source_reads_a_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A glob matching folders and their files, two links to a file: one read each.

    ``**`` also matches the links' folder and a link to a folder already walked.
    """
    ids = _nested_corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a" / "again.json").symlink_to(tmp_path / "x.json")
    (tmp_path / "a" / "b" / "up").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "gone.json").symlink_to(tmp_path / "nowhere.json")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "to-a").symlink_to(tmp_path / "a")
    for source in ("**", "*", ".", str(tmp_path / "**"), "./**/"):
        stream = pc.iter_cases(source)
        items = list(stream)
        read = [item.id for item in items if isinstance(item, pc.Case)]
        assert sorted(read) == ids, source
        # The dangling link, reached in its folder and through a link to the folder, is one error.
        assert [Path(e.path or "").name for e in items if isinstance(e, pc.LoadError)] == [
            "gone.json"
        ], source


def test_sources_are_read_as_they_come(tmp_path: Path) -> None:
    """Sources given lazily are each read: a scratch file deleted after its read may come back
    with the same inode and other content, and is read again."""

    def sources() -> Iterator[Path]:
        for case in pc.generate_cases(4, seed=6):
            scratch = tmp_path / "scratch.json"
            pc.dump(case, scratch)
            yield scratch
            scratch.unlink()

    stream = pc.iter_cases(sources())
    assert [item.id for item in stream if isinstance(item, pc.Case)] == [
        case.id for case in pc.generate_cases(4, seed=6)
    ]
    assert stream.summary.failed == 0


def test_a_file_deleted_before_its_read_is_not_called_a_link(tmp_path: Path) -> None:
    """A regular file that goes away between the walk and the read says so."""
    from partycases.io import _not_readable

    assert _not_readable(str(tmp_path / "gone.json")) == "cannot read the file: it no longer exists"
    (tmp_path / "link.json").symlink_to(tmp_path / "nowhere.json")
    assert "dangling symbolic link" in (_not_readable(str(tmp_path / "link.json")) or "")


def test_export_reads_folders_as_iter_cases_does(tmp_path: Path, tianjin_path: Path) -> None:
    """A dangling link in a folder is a failed input of export, as of iter_cases; a glob reads
    each file once."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.json").write_bytes(tianjin_path.read_bytes())
    (corpus / "gone.json").symlink_to(tmp_path / "nowhere.json")
    errors: list[pc.LoadError] = []
    summary = pc.export(corpus, csv=tmp_path / "csv", on_error=errors.append)
    assert (summary.cases, summary.failed) == (1, 1)
    assert [Path(error.path or "").name for error in errors] == ["gone.json"]
    assert "dangling symbolic link" in str(errors[0])
    ids = _nested_corpus(tmp_path / "nested")
    summary = pc.export(str(tmp_path / "nested" / "**"), csv=tmp_path / "csv2")
    assert (summary.cases, summary.failed) == (len(ids), 0)


def test_a_file_a_walk_passes_over_and_a_glob_names_is_read_not_skipped(tmp_path: Path) -> None:
    """``**`` walks a folder (passing over its .txt) and names the .txt itself: read, not skipped."""
    (tmp_path / "notes.txt").write_text("一、背景\n北溪市网络作家协会成立于2006年。\n", "utf-8")
    (tmp_path / "README.md").write_text("# corpus\n", "utf-8")
    stream = pc.iter_cases(str(tmp_path / "**"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        items = list(stream)
    assert [type(item) for item in items] == [pc.LoadError, pc.Case]  # README.md, notes.txt
    assert stream.summary.skipped == 0


def test_a_glob_walks_a_folder_inside_a_walked_one_no_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``deep/**`` matches every folder of a deep tree: each file is looked at twice (in the walk
    and as a match of the pattern), not once per folder above it."""
    import partycases.io as pio

    folder = tmp_path / "deep"
    for _ in range(6):
        folder = folder / "inner"
        folder.mkdir(parents=True)
        pc.dump(next(iter(pc.generate_cases(1, seed=len(folder.parts)))), folder / "case.json")
    looked_at: list[str] = []
    not_readable = pio._not_readable

    def counted(path: str) -> str | None:
        looked_at.append(path)
        return not_readable(path)

    monkeypatch.setattr(pio, "_not_readable", counted)
    items = list(pc.iter_cases(str(tmp_path / "deep" / "**")))
    assert len(items) == 6
    assert len(looked_at) == 12  # 6 + 5 + ... + 1 = 21 walked, + 6 matched, when walked anew


def test_a_folder_a_walk_could_not_enter_is_walked_when_a_glob_reaches_it(
    tmp_path: Path, tianjin_path: Path, ran_unprivileged: bool
) -> None:
    """A link into a folder below one that cannot be listed: the glob reads what it leads to."""
    if ran_unprivileged:
        return
    inner = tmp_path / "root" / "w" / "locked" / "inner"
    inner.mkdir(parents=True)
    (inner / "x.json").write_bytes(tianjin_path.read_bytes())
    (tmp_path / "root" / "zlink").symlink_to(inner)
    (tmp_path / "root" / "w" / "locked").chmod(0o311)  # can pass through, cannot list
    try:
        items = list(pc.iter_cases(str(tmp_path / "root" / "*")))
    finally:
        (tmp_path / "root" / "w" / "locked").chmod(0o700)
    assert sum(isinstance(item, pc.Case) for item in items) == 1


def test_a_name_holding_nul_is_refused_naming_it(tmp_path: Path) -> None:
    """No file name holds NUL: reading is a LoadError, writing a WriteError, the name escaped."""
    case = pc.load(EXAMPLE_CASES[0])
    name = str(tmp_path / "a\0.json")
    with pytest.raises(pc.LoadError, match="holds a NUL character") as caught:
        pc.load(name)
    assert caught.value.path == name
    [error] = list(pc.iter_cases(name))
    assert isinstance(error, pc.LoadError)
    assert "holds a NUL character" in str(error)
    for write in (
        lambda: pc.dump(case, name),
        lambda: pc.dump_jsonl([case], name + "l"),
        lambda: pc.write_parquet([case], tmp_path / "t\0"),
    ):
        with pytest.raises(pc.WriteError, match="holds a NUL character") as refused:
            write()
        assert "\0" not in str(refused.value)
        assert "\\u0000" in str(refused.value)
    assert list(tmp_path.iterdir()) == []
    path = tmp_path / "case.json"
    pc.dump(case, path)
    assert pc.load(os.fsencode(path), format="json") == case  # type: ignore[arg-type]
