"""The installed ``partycases`` command, run for real in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import DATA, EXAMPLES

TIANJIN = EXAMPLES / "cases" / "tianjin-culture-media-chamber.json"
QINGLAN = EXAMPLES / "cases" / "qinglan-online-literature-association.json"
COMMAND = shutil.which("partycases", path=str(Path(sys.executable).parent)) or "partycases"


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed command."""
    return subprocess.run([COMMAND, *args], input=stdin, capture_output=True, cwd=cwd, check=False)


def text(data: bytes) -> str:
    """Decode command output."""
    return data.decode("utf-8")


def test_show_prints_the_summary() -> None:
    """show prints title, series, organisations with founding, honours by year, activities, works."""
    result = run("show", str(TIANJIN))
    assert result.returncode == 0, result.stderr
    out = text(result.stdout)
    assert out.startswith("濟南市優秀活動案例(典型案例二十三)\nseries: 典型案例 23\n")
    assert "天津市文化傳媒商會  chamber_of_commerce, founded 2013-09, members nearly 300" in out
    assert "2018    市級黨建工作示範點 → 天津市文化傳媒商會  municipal, batch 2" in out
    assert "2019-10-01      觀看國慶大閱兵實況轉播  event" in out
    assert "《我愛你中國》  micro_video" in out
    assert "\x1b[" not in out  # no colour codes in a pipe


def test_show_from_stdin_and_bad_file() -> None:
    """show - reads stdin; a bad file is exit 1 with the located problem, no traceback."""
    result = run("show", "-", stdin=QINGLAN.read_bytes())
    assert result.returncode == 0
    assert "青岚市网络文艺工作者协会" in text(result.stdout)
    bad = run("show", str(DATA / "invalid" / "month-13.json"))
    assert bad.returncode == 1
    assert "month-13.json:10:7: /organisations/0/founded: month 13" in text(bad.stderr)
    assert "Traceback" not in text(bad.stderr)
    folder = run("show", str(EXAMPLES / "cases"))
    assert folder.returncode == 1
    assert "is a folder; expected one case file" in text(folder.stderr)


def test_validate_directory_with_one_valid_and_two_invalid(tmp_path: Path) -> None:
    """validate prints every problem with its location and exits 1; only valid files exit 0."""
    shutil.copy(TIANJIN, tmp_path / "good.json")
    shutil.copy(DATA / "invalid" / "several-problems.json", tmp_path / "bad-1.json")
    shutil.copy(DATA / "invalid" / "truncated.json", tmp_path / "bad-2.json")
    result = run("validate", str(tmp_path))
    assert result.returncode == 1
    lines = text(result.stdout).splitlines()
    assert lines == [
        f"{tmp_path / 'bad-1.json'}:22:7: /honours/0/recipient_id: 'activity:讀書會' is an activity; "
        "expected the id of an organisation, a work or a person",
        f"{tmp_path / 'bad-1.json'}:24:9: /honours/0/awarded_by/0: no entity has the id 'org:無此單位'; "
        "expected the id of an organisation in this case",
        f"{tmp_path / 'bad-2.json'}:19:4: /: invalid JSON: EOF while parsing a list",
    ]
    assert "3 cases checked: 1 valid, 2 invalid" in text(result.stderr)
    (tmp_path / "bad-1.json").unlink()
    (tmp_path / "bad-2.json").unlink()
    assert run("validate", str(tmp_path)).returncode == 0


def test_validate_json_report_globs_and_jsonl(tmp_path: Path) -> None:
    """--format json reports every item; globs and JSON Lines files work; lines are located."""
    corpus = tmp_path / "corpus.jsonl"
    good = json.dumps(json.loads(TIANJIN.read_bytes()), ensure_ascii=False)
    corpus.write_text(f'{good}\n{{"id": 1}}\n\n{good}\n', encoding="utf-8")
    result = run("validate", "--format", "json", str(tmp_path / "*.jsonl"))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert (report["valid"], report["invalid"]) == (2, 1)
    [bad] = [item for item in report["items"] if not item["valid"]]
    assert {p["line"] for p in bad["problems"]} == {2}
    assert run("validate", str(tmp_path / "nothing-*.json")).returncode == 1


def test_validate_usage_error_is_two() -> None:
    """No paths, or an unknown option, is a usage error: exit 2."""
    assert run("validate").returncode == 2
    assert run("validate", "--colour", "x.json").returncode == 2
    twice = run("validate", "-", "-", stdin=b"")
    assert twice.returncode == 2
    assert "given only once" in text(twice.stderr)
    assert twice.stdout == b""


def test_convert_pipeline_through_yaml() -> None:
    """cat x.json | partycases convert - - --to yaml | partycases validate - works."""
    yaml_out = run("convert", "-", "-", "--to", "yaml", stdin=TIANJIN.read_bytes())
    assert yaml_out.returncode == 0, yaml_out.stderr
    assert text(yaml_out.stdout).startswith(
        "schema_version: '1.0'\nid: tianjin-culture-media-chamber\n"
    )
    checked = run("validate", "-", stdin=yaml_out.stdout)
    assert checked.returncode == 0, checked.stdout
    assert "1 case checked: 1 valid, 0 invalid" in text(checked.stderr)


def test_convert_files_and_force(tmp_path: Path) -> None:
    """convert writes by extension, refuses to overwrite without --force, then replaces atomically."""
    target = tmp_path / "case.toml"
    assert run("convert", str(TIANJIN), str(target)).returncode == 0
    back = run("convert", str(target), "-")
    assert back.stdout == TIANJIN.read_bytes()
    target.write_bytes(b"keep me")
    refused = run("convert", str(TIANJIN), str(target))
    assert refused.returncode == 1
    assert "already exists; pass --force" in text(refused.stderr)
    assert target.read_bytes() == b"keep me"
    assert run("convert", str(TIANJIN), str(target), "--force").returncode == 0
    assert target.read_bytes() != b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.toml"]


def test_render_text_and_markdown() -> None:
    """render writes the published layout or Markdown on stdout."""
    layout = text(run("render", str(TIANJIN)).stdout).splitlines()
    assert layout[:2] == ["濟南市優秀活動案例(典型案例二十三)", "2023-05-23 16:34:54"]
    markdown = text(run("render", str(TIANJIN), "--to", "markdown").stdout)
    assert markdown.startswith("# 濟南市優秀活動案例(典型案例二十三)\n")
    assert "## Honours" in markdown
    assert "| 2018 | 市級黨建工作示範點 |" in markdown


def test_parse_to_directory_and_stdout(tmp_path: Path) -> None:
    """parse writes DIR/<name>.json from the input's name, reports warnings, and streams JSON Lines."""
    source = DATA / "texts" / "11-simp-seedlike.txt"
    result = run("parse", str(source), "-o", str(tmp_path))
    assert result.returncode == 0
    assert f"{source}: warning: text after the timestamp" in text(result.stderr)
    written = tmp_path / "11-simp-seedlike.json"
    assert json.loads(written.read_bytes())["title"] == "江州市优秀网络社会组织案例（典型案例四十）"
    assert run("parse", str(source), "-o", str(tmp_path)).returncode == 1
    streamed = run("parse", str(DATA / "texts" / "01-trad-full-width.txt"), str(source))
    assert len(streamed.stdout.splitlines()) == 2
    missing = run("parse", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1
    assert "cannot read the file" in text(missing.stderr)


def test_a_missing_path_is_reported_as_missing(tmp_path: Path) -> None:
    """validate, show and convert say a mistyped folder or file does not exist, not its format."""
    missing = tmp_path / "corpus-dri"
    for args in (["validate", str(missing)], ["show", str(missing)],
                 ["convert", str(missing), str(tmp_path / "out.json")]):  # fmt: skip
        result = run(*args)
        said = text(result.stdout + result.stderr)
        assert result.returncode == 1
        assert f"{missing}: /: cannot read the file: No such file or directory" in said
        assert "cannot tell the format" not in said


def test_schema_print_and_write(tmp_path: Path) -> None:
    """schema prints the case schema, or writes every entity's schema to a directory."""
    printed = json.loads(run("schema").stdout)
    assert printed["$id"] == "urn:partycases:schema:1.0:case"
    assert run("schema", "--out", str(tmp_path)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "activity.schema.json",
        "case.schema.json",
        "honour.schema.json",
        "organisation.schema.json",
        "work.schema.json",
    ]
    assert run("schema", "--out", str(tmp_path)).returncode == 1
    assert run("schema", "--out", str(tmp_path), "--force").returncode == 0


def test_broken_pipe_ends_quietly() -> None:
    """| head stops the command without a traceback; several cases on stdin are not one."""
    big = "\n".join([json.dumps(json.loads(TIANJIN.read_bytes()), ensure_ascii=False)] * 2000)
    pipeline = subprocess.run(
        f"'{COMMAND}' convert - - --to jsonl | head -c 10 > /dev/null; "
        f"'{COMMAND}' render '{TIANJIN}' | head -1",
        shell=True, input=big.encode(), capture_output=True, check=False,
    )  # fmt: skip
    assert b"Traceback" not in pipeline.stderr
    assert b"BrokenPipe" not in pipeline.stderr
    assert text(pipeline.stdout) == "濟南市優秀活動案例(典型案例二十三)\n"


def test_python_m_is_the_same_command() -> None:
    """python -m partycases behaves like the installed command."""
    result = subprocess.run(
        [sys.executable, "-m", "partycases", "show", str(TIANJIN)], capture_output=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout == run("show", str(TIANJIN)).stdout


def test_help_stays_light() -> None:
    """--help imports no dependency but click, and nothing of ours but the command's own modules."""
    code = (
        "import sys; from partycases.cli import main; main(['--help']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'pydantic', 'rich', 'yaml', 'pyarrow', 'tomli_w', 'opencc', 'attr', 'attrs', 'orjson'} "
        "or m.startswith('partycases.') and not m.startswith('partycases.cli')), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stderr.strip() == "[]"
    assert "validate" in result.stdout


@pytest.mark.parametrize(
    "command", ["show", "validate", "parse", "convert", "render", "schema", "export", "migrate"]
)
def test_every_subcommand_has_help(command: str) -> None:
    """Each subcommand documents itself."""
    result = run(command, "--help")
    assert result.returncode == 0
    assert text(result.stdout).startswith(f"Usage: partycases {command}")


def test_export_to_one_folder_for_both_formats_is_a_usage_error(tmp_path: Path) -> None:
    """--parquet and --csv naming one folder (even spelled two ways) exit 2 with one message."""
    for csv in (tmp_path / "t", tmp_path / "." / "t"):
        result = run(
            "export", str(EXAMPLES / "cases"), "--parquet", str(tmp_path / "t"), "--csv", str(csv)
        )
        assert result.returncode == 2
        assert "need two different folders" in text(result.stderr)
        assert "Traceback" not in text(result.stderr)
    nested = run(
        "export",
        str(EXAMPLES / "cases"),
        "--csv",
        str(tmp_path / "t"),
        "--parquet",
        str(tmp_path / "t" / "p"),
    )
    assert nested.returncode == 2
    assert "cannot be one inside the other" in text(nested.stderr)
    assert not (tmp_path / "t").exists()


def test_export_parquet(tmp_path: Path) -> None:
    """export writes every table as Parquet and CSV, reports bad inputs, and needs --force."""
    from partycases.formats.arrow import TABLES

    out, csv = tmp_path / "tables", tmp_path / "csv"
    result = run(
        "export",
        str(EXAMPLES / "cases"),
        str(DATA / "invalid" / "month-13.json"),
        "--parquet",
        str(out),
        "--csv",
        str(csv),
    )
    assert result.returncode == 1
    assert "month-13.json:10:7: /organisations/0/founded" in text(result.stderr)
    assert f"2 cases exported to {out} and {csv}; 1 failed" in text(result.stderr)
    assert len(list(out.glob("*.parquet"))) == len(TABLES)
    assert len(list(csv.glob("*.csv"))) == len(TABLES)
    again = run("export", str(EXAMPLES / "cases"), "--parquet", str(out))
    assert again.returncode == 1
    assert "pass --force" in text(again.stderr)
    assert run("export", str(EXAMPLES / "cases"), "--parquet", str(out), "--force").returncode == 0


def test_export_that_reads_no_case_keeps_the_tables(tmp_path: Path) -> None:
    """export --force of a folder holding no case exits 1, says so, and replaces nothing."""
    out = tmp_path / "tables"
    assert run("export", str(EXAMPLES / "cases"), "--parquet", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    empty, pages = tmp_path / "empty", tmp_path / "pages"
    empty.mkdir()
    pages.mkdir()
    (pages / "a.html").write_text("<p>某某商会成立于2013年。</p>", encoding="utf-8")
    for source in (empty, pages):
        result = run("export", str(source), "--parquet", str(out), "--force")
        assert result.returncode == 1
        assert (
            "0 cases exported to nothing (no case could be read; no table was written or replaced); 0 failed"
            in text(result.stderr)
        )
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    fresh = run("export", str(empty), "--csv", str(tmp_path / "csv"))
    assert fresh.returncode == 1
    assert not (tmp_path / "csv").exists()


def test_migrate_in_place_and_to_a_directory(tmp_path: Path) -> None:
    """migrate upgrades a 0.9 file: into -o DIR, or in place only with --force."""
    old = tmp_path / "old.json"
    old.write_bytes((DATA / "migrations" / "0.9-harbour-chamber.json").read_bytes())
    refused = run("migrate", str(old))
    assert refused.returncode == 1
    assert json.loads(old.read_bytes())["schema_version"] == "0.9"
    out = tmp_path / "new"
    assert run("migrate", str(old), "-o", str(out)).returncode == 0
    upgraded = json.loads((out / "old.json").read_bytes())
    assert upgraded["schema_version"] == "1.0"
    assert upgraded["extensions"]["partycases.migration"]["from"] == "0.9"
    assert run("migrate", str(old), "--force").returncode == 0
    assert json.loads(old.read_bytes())["schema_version"] == "1.0"


def test_parse_names_outputs_after_inputs_never_content(tmp_path: Path) -> None:
    """A text whose title looks like a path still lands in -o DIR, under the input's name."""
    source = tmp_path / "evil.txt"
    source.write_text(
        "../../etc/passwd\n一、案例背景\n北溪市网络作家协会成立于2006年。\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert run("parse", str(source), "-o", str(out)).returncode == 0
    assert [p.name for p in out.iterdir()] == ["evil.json"]
    assert json.loads((out / "evil.json").read_bytes())["title"] == "../../etc/passwd"
    assert not (tmp_path / "etc").exists()


TEXTS = sorted((DATA / "texts").glob("*.txt"))


def shell(script: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``script`` in bash with $P set to the installed command."""
    return subprocess.run(
        ["bash", "-c", script],
        input=stdin,
        capture_output=True,
        check=False,
        env={**os.environ, "P": COMMAND},
    )


def test_parse_reads_one_text_from_stdin() -> None:
    """cat x.txt | partycases parse - --from text: one case as one JSON Lines line."""
    result = run("parse", "-", "--from", "text", stdin=TEXTS[0].read_bytes())
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    expected = json.loads((TEXTS[0].with_suffix(".json")).read_bytes())
    assert json.loads(line)["title"] == expected["title"]
    assert "<stdin>: warning:" in text(result.stderr) or result.stderr == b""


def test_parse_splits_texts_on_stdin_only_when_asked(tmp_path: Path) -> None:
    """Texts separated by NUL are one case each with --split nul, named stdin-N.json in -o DIR."""
    joined = b"\x00".join(path.read_bytes() for path in TEXTS[:3])
    streamed = run("parse", "-", "--split", "nul", stdin=joined)
    assert streamed.returncode == 0, streamed.stderr
    titles = [json.loads(line).get("title") for line in streamed.stdout.splitlines()]
    assert titles == [
        json.loads(p.with_suffix(".json").read_bytes()).get("title") for p in TEXTS[:3]
    ]
    out = tmp_path / "out"
    assert run("parse", "-", "--split", "nul", "-o", str(out), stdin=joined).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["stdin-1.json", "stdin-2.json", "stdin-3.json"]
    whole = run("parse", "-", stdin=TEXTS[0].read_bytes() + TEXTS[1].read_bytes())
    assert len(whole.stdout.splitlines()) == 1  # without --split, stdin is one text


def test_closed_pipe_exits_141_through_real_pipes() -> None:
    """| head -1 ends the command with 141 and no traceback: a report, parse and show."""
    bad_lines = b'{"id": 1}\n' * 5000
    validated = shell('"$P" validate - | head -1; echo "${PIPESTATUS[@]}" >&2', stdin=bad_lines)
    assert validated.stdout.count(b"\n") == 1
    assert validated.stderr.splitlines()[-1] == b"141 0"
    assert b"Traceback" not in validated.stderr
    texts = b"\x00".join([TEXTS[0].read_bytes()] * 400)
    parsed = shell('"$P" parse - --split nul | head -1; echo "${PIPESTATUS[@]}" >&2', stdin=texts)
    assert parsed.stdout.count(b"\n") == 1
    assert parsed.stderr.splitlines()[-1] == b"141 0"
    assert b"Traceback" not in parsed.stderr
    # show writes through rich, which exits 1 on a closed pipe unless told otherwise.
    case = str(EXAMPLES / "cases" / "tianjin-culture-media-chamber.json")
    shown = shell(f'"$P" show "{case}" | true; echo "${{PIPESTATUS[@]}}" >&2', stdin=b"")
    assert shown.stderr.splitlines()[-1] == b"141 0"
    assert b"Traceback" not in shown.stderr


def _wait_for_read_of_stdin(pid: int) -> None:
    """Wait until process ``pid`` blocks reading fd 0 (x86-64 syscall 0), or skip."""
    path = Path(f"/proc/{pid}/syscall")
    for _ in range(1200):
        try:
            call = path.read_text()
        except OSError:
            pytest.skip("this system does not show a process's system call")
        if call.startswith("0 0x0 "):
            return
        time.sleep(0.05)
    pytest.fail("the command never read its standard input")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_exits_130() -> None:
    """SIGINT while reading stdin ends the command with 130, one line and no traceback."""
    if os.uname().machine != "x86_64":
        pytest.skip("the system call number for read is x86-64's")
    process = subprocess.Popen(
        [COMMAND, "validate", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # As a terminal starts it: a shell without job control starts background commands
        # with SIGINT ignored, and a process started so (a CI job) never sees Ctrl-C.
        preexec_fn=_default_sigint,  # noqa: PLW1509 - the child runs no threads yet
    )
    try:
        _wait_for_read_of_stdin(process.pid)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130
    assert text(err) == "partycases: interrupted\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the input is empty"),
        (b"garbage", "cannot tell the format from the content"),
        ("一、案例背景\n北溪市网络作家协会成立于2006年。\n".encode(), "--from FORMAT"),
    ],
)
def test_validate_stdin_never_calls_garbage_valid(data: bytes, message: str) -> None:
    """Empty stdin, garbage and an unnamed published text are invalid, exit 1."""
    result = run("validate", "-", stdin=data)
    assert result.returncode == 1
    assert message in text(result.stdout)
    assert "1 case checked: 0 valid, 1 invalid" in text(result.stderr)


@pytest.mark.parametrize(
    ("prefix", "fmt"), [(b"---\n", "yaml"), (b"# a comment\n", "yaml"), (b"# a comment\n", "toml")]
)
def test_validate_stdin_reads_yaml_and_toml_openings(prefix: bytes, fmt: str) -> None:
    """YAML opening with --- or a comment, TOML opening with a comment: sniffed and validated."""
    document = run("convert", str(TIANJIN), "-", "--to", fmt).stdout
    assert run("validate", "-", stdin=prefix + document).returncode == 0
    broken = prefix + document.replace(b"2013-09", b"2013-13", 1)
    result = run("validate", "-", stdin=broken)
    assert result.returncode == 1
    assert "/founded: month 13" in text(result.stdout)


def test_validate_json_report_names_each_file_and_escapes_odd_names(tmp_path: Path) -> None:
    """--format json gives each file's own path, and a non-UTF-8 file name does not crash it."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(TIANJIN, folder / "a.json")
    shutil.copy(QINGLAN, folder / "b.json")
    odd = os.path.join(os.fsencode(folder), b"bad\xff.json")
    with open(odd, "wb") as handle:
        handle.write(b"{")
    result = run("validate", "--format", "json", str(folder))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [item["path"] for item in report["items"]] == [
        str(folder / "a.json"),
        str(folder / "b.json"),
        str(folder / "bad\\xff.json"),
    ]


def test_show_names_an_odd_file_as_validate_does(tmp_path: Path) -> None:
    """A file name that is not UTF-8 is written with ``\\xff`` by every command."""
    odd = os.path.join(os.fsencode(tmp_path), b"bad\xff.json")
    with open(odd, "wb") as handle:
        handle.write(b"{")
    shown = str(tmp_path / "bad\\xff.json")
    for command in ("show", "validate"):
        result = run(command, os.fsdecode(odd))
        assert result.returncode == 1
        said = text(result.stdout + result.stderr)
        assert f"{shown}:1:1: /: invalid JSON" in said, command
        assert "udcff" not in said


def test_parser_warnings_are_one_line_each_in_every_command(tmp_path: Path) -> None:
    """show, convert and validate report a parsed text's warnings as parse does, never as Python
    prints them (the line of code that raised them)."""
    page = EXAMPLES / "texts" / "jiangzhou-network-av-chamber.txt"
    for args, prefix in [
        (("show", str(page)), f"partycases: {page}: warning: "),
        (("convert", str(page), "-", "--to", "json"), f"partycases: {page}: warning: "),
        (("parse", str(page)), f"partycases: {page}: warning: "),
        (("validate", str(page), "--from", "text"), f"partycases: {page}: warning: "),
        (("show", "-", "--from", "text"), "partycases: <stdin>: warning: "),
    ]:
        result = run(*args, stdin=page.read_bytes())
        assert result.returncode == 0, result.stderr
        lines = [line for line in text(result.stderr).splitlines() if "checked:" not in line]
        assert lines, args
        assert all(line.startswith(prefix) for line in lines), (args, lines)
        assert any("text after the timestamp" in line for line in lines)
    # The same warnings from two files: each file's, not only the first one's.
    copy = tmp_path / "copy.txt"
    copy.write_bytes(page.read_bytes())
    result = run("validate", str(page), str(copy), "--from", "text")
    said = text(result.stderr)
    assert said.count("text after the timestamp") == 2
    assert f"partycases: {copy}: warning: text after the timestamp" in said


def test_validate_json_report_escapes_what_a_terminal_acts_on(tmp_path: Path) -> None:
    """A key with a direction override and a C1 control reaches the JSON report escaped, same value."""
    key = "a\u202ee\u009bg\u007f"
    (tmp_path / "c.json").write_bytes(
        json.dumps({"id": "x", "language": "zh-Hans", key: 1}).encode("ascii")
    )
    result = run("validate", "--format", "json", str(tmp_path))
    assert result.returncode == 1
    for raw in ("\u202e", "\u009b", "\u007f"):
        assert raw.encode("utf-8") not in result.stdout
    assert b"\\u202e" in result.stdout
    [problem] = json.loads(result.stdout)["items"][0]["problems"]
    assert problem["pointer"] == "/" + key


def test_folders_skip_readmes_and_texts_unless_asked(tmp_path: Path) -> None:
    """README.md is never a case; .txt files count only with --from text."""
    shutil.copy(TIANJIN, tmp_path / "case.json")
    (tmp_path / "README.md").write_text("# corpus\n", encoding="utf-8")
    shutil.copy(TEXTS[0], tmp_path / "notes.txt")
    plain = run("validate", str(tmp_path))
    assert plain.returncode == 0
    assert "1 case checked: 1 valid, 0 invalid (2 files of other formats in folders not read;" in (
        text(plain.stderr)
    )
    texts = run("validate", "--from", "text", str(tmp_path))
    assert "1 case checked: 1 valid, 0 invalid" in text(texts.stderr)
    assert "notes.txt" not in text(texts.stdout)


def test_accounting_is_the_same_by_path_folder_and_stdin(tmp_path: Path) -> None:
    """One JSON Lines corpus with CR line ends and a bad line counts alike by every route."""
    good = json.dumps(json.loads(TIANJIN.read_bytes()), ensure_ascii=False).encode()
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(good + b"\r\n" + b'{"id": 1}\r\n\r\n' + good + b"\n{oops")
    summaries = [
        run("validate", str(corpus)).stderr,
        run("validate", str(tmp_path)).stderr,
        run("validate", "-", stdin=corpus.read_bytes()).stderr,
    ]
    assert [s.splitlines()[-1] for s in summaries] == [b"4 cases checked: 2 valid, 2 invalid"] * 3


def test_formats_offered_come_from_the_registry(tmp_path: Path) -> None:
    """--from markdown is not offered; --to jsonld is accepted; hints name the CLI options."""
    assert run("validate", "--from", "markdown", str(TIANJIN)).returncode == 2
    assert run("validate", "--from", "JSON", str(TIANJIN)).returncode == 0
    assert "[json|jsonl|yaml|toml|text|html]" in text(run("show", "--help").stdout)
    jsonld = run("convert", str(TIANJIN), "-", "--to", "jsonld")
    assert jsonld.returncode == 0
    assert json.loads(jsonld.stdout)["@graph"]
    odd = run("convert", str(TIANJIN), "out.data")
    assert odd.returncode == 1
    assert "pass --to FORMAT" in text(odd.stderr)
    assert "format=" not in text(odd.stderr)
    data = tmp_path / "case.data"
    data.write_bytes(TIANJIN.read_bytes())
    unknown = run("validate", str(data))
    assert "pass --from FORMAT" in text(unknown.stdout)


def test_terminal_controls_are_escaped(tmp_path: Path) -> None:
    """ESC, BEL, C1, bidi controls and newlines from file names and keys print escaped, one line each."""
    case = json.loads(TIANJIN.read_bytes())
    case["evil\nkey\u202e"] = 1
    name = tmp_path / "x\x1b]0;owned\x07\u009b.json"
    name.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    result = run("validate", str(name))
    out = text(result.stdout)
    assert result.returncode == 1
    assert len(out.splitlines()) == 1
    assert "\\x1b]0;owned\\x07\\x9b.json" in out
    assert "/evil\\u000akey\\u202e" in out
    for raw in ("\x1b", "\x07", "\u009b", "\u202e"):
        assert raw not in out
    untitled = json.loads(TIANJIN.read_bytes())
    del untitled["title"]
    untitled["id"] = "x\x1b[31mred\x07"  # refused in ids; the refusal prints it escaped
    shown = run("show", "-", stdin=json.dumps(untitled).encode())
    assert shown.returncode == 1
    assert "x\\x1b[31mred\\x07" in text(shown.stderr)
    assert b"\x1b" not in shown.stderr
    rendered = run("render", "-", stdin=json.dumps(untitled).encode()).stdout
    assert b"\x1b" not in rendered


def test_migrate_twice_says_already_current_and_refuses_texts(tmp_path: Path) -> None:
    """A migrated file is left alone the second time; a published text is never replaced."""
    old = tmp_path / "old.json"
    old.write_bytes((DATA / "migrations" / "0.9-harbour-chamber.json").read_bytes())
    first = run("migrate", str(old), "--force")
    assert first.returncode == 0, first.stderr
    assert "from 0.9" in text(first.stderr)
    again = run("migrate", str(old), "--force")
    assert again.returncode == 0
    assert "already at schema version 1.0; left as it is" in text(again.stderr)
    assert "from 0.9" not in text(again.stderr)
    edited = json.loads(old.read_bytes())  # a migrated file, rewritten by another tool
    old.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    before = old.read_bytes()
    third = run("migrate", str(old), "--force")
    assert "already at schema version 1.0" in text(third.stderr)
    assert old.read_bytes() == before
    published = tmp_path / "published.txt"
    shutil.copy(TEXTS[0], published)
    refused = run("migrate", str(published), str(old), "--force")
    assert refused.returncode == 1
    assert "carry no schema version" in text(refused.stderr)
    assert published.read_bytes() == TEXTS[0].read_bytes()


def test_batches_report_every_collision_and_go_on(tmp_path: Path) -> None:
    """Two inputs with one output name: the second is reported, later inputs still written."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(TEXTS[0], tmp_path / folder / "same.txt")
    shutil.copy(TEXTS[1], tmp_path / "later.txt")
    out = tmp_path / "out"
    inputs = [str(tmp_path / "a" / "same.txt"), str(tmp_path / "b" / "same.txt")]
    result = run("parse", *inputs, str(tmp_path / "later.txt"), "-o", str(out), "--force")
    assert result.returncode == 1
    assert "same.json: already written from" in text(result.stderr)
    assert sorted(p.name for p in out.iterdir()) == ["later.json", "same.json"]


def test_unwritable_outputs_are_one_line_not_a_traceback(tmp_path: Path) -> None:
    """An output folder that cannot be made, a device or a link to stdout: exit 1, nothing written."""
    blocker = tmp_path / "file"
    blocker.write_bytes(b"x")
    folder = run("parse", str(TEXTS[0]), "-o", str(blocker / "sub"))
    assert folder.returncode == 1
    assert "cannot create the folder" in text(folder.stderr)
    assert "Traceback" not in text(folder.stderr)
    device = run("convert", str(TIANJIN), "/dev/null", "--to", "json", "--force")
    assert device.returncode == 1
    assert "is a device, not a regular file" in text(device.stderr)
    link = tmp_path / "out.json"
    link.symlink_to("/proc/self/fd/1")
    through = run("convert", str(TIANJIN), str(link), "--force")
    assert through.returncode == 1
    assert "is a symbolic link" in text(through.stderr)
    assert through.stdout == b""
    assert link.is_symlink()


def test_missing_extra_is_one_line_and_exit_2() -> None:
    """Without click, main() names the extra to install and returns 2."""
    code = (
        "import sys; sys.modules['click'] = None; from partycases.cli import main; "
        "sys.exit(main(['--help']))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert result.returncode == 2
    assert "pip install 'partycases[cli]'" in text(result.stderr)
    assert "Traceback" not in text(result.stderr)


def test_cat_texts_into_parse_as_documented() -> None:
    """cat texts/*.txt | parse - --from text is one text; the NUL loop of docs/cli.md gives one each."""
    folder = str(DATA / "texts")
    joined = shell(f'cat "{folder}"/*.txt | "$P" parse - --from text')
    assert joined.returncode == 0, joined.stderr
    assert len(joined.stdout.splitlines()) == 1
    each = shell(
        f'for f in "{folder}"/*.txt; do cat "$f"; printf "\\0"; done | "$P" parse - --split nul'
    )
    assert each.returncode == 0, each.stderr
    assert len(each.stdout.splitlines()) == len(TEXTS)


@pytest.mark.parametrize("cut", [0, 1, 2])
def test_a_cut_json_lines_stream_stays_json_lines(cut: int) -> None:
    """Whichever line of a JSON Lines stream is cut short, the others are still read one by one."""
    good = json.dumps(json.loads(TIANJIN.read_bytes()), ensure_ascii=False).encode()
    lines = [good, good, good]
    lines[cut] = good[: len(good) // 2]
    result = run("validate", "--format", "json", "-", stdin=b"\n".join(lines) + b"\n")
    report = json.loads(result.stdout)
    assert (report["valid"], report["invalid"]) == (2, 1)
    [bad] = [item for item in report["items"] if not item["valid"]]
    assert bad["line"] == cut + 1


def test_split_files_and_missing_inputs(tmp_path: Path) -> None:
    """--split applies to files too; an unreadable input is reported and the rest still parse."""
    both = tmp_path / "two.txt"
    both.write_bytes(TEXTS[0].read_bytes() + b"\x00" + TEXTS[1].read_bytes())
    out = tmp_path / "out"
    missing = tmp_path / "missing.txt"
    result = run("parse", str(missing), str(both), "--split", "nul", "-o", str(out))
    assert result.returncode == 1
    assert f"{missing}: cannot read the file" in text(result.stderr)
    assert sorted(p.name for p in out.iterdir()) == ["two-1.json", "two-2.json"]


def _large_inputs(folder: Path) -> tuple[Path, Path]:
    """A case whose JSON, YAML, text and summary, and a corpus whose report, pass 64 KiB each."""
    import partycases

    names = [f"第{number}號商會" for number in range(5000)]
    case = partycases.Case(
        id="large",
        language="zh-Hant",
        organisations=[{"id": partycases.organisation_id(name), "name": name} for name in names],
        sections=[{"kind": "other", "paragraphs": [{"text": "段落" * 200}] * 100}],
    )
    large = folder / "large.json"
    partycases.dump(case, large)
    corpus = folder / "corpus.jsonl"
    small = partycases.Case(id="small", language="zh-Hans")
    corpus.write_bytes(b"\n".join([partycases.dumps(small, format="jsonl")] * 3000))
    return large, corpus


def _outputs(large: Path, corpus: Path) -> list[list[str]]:
    return [
        ["convert", str(large), "-"],
        ["convert", str(large), "-", "--to", "yaml"],
        ["render", str(large)],
        ["show", str(large)],
        ["validate", "--format", "json", str(corpus)],
    ]


@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "unbuffered"])
def test_a_reader_gone_midway_is_141_however_stdout_is_buffered(
    tmp_path: Path, unbuffered: str
) -> None:
    """A reader that takes 10 bytes of a large output and goes: exit 141, also under python -u."""
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    for args in _outputs(*_large_inputs(tmp_path)):
        process = subprocess.Popen(
            [COMMAND, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        assert process.stdout is not None
        assert len(process.stdout.read(10)) == 10
        process.stdout.close()
        _, errors = process.communicate()
        assert (process.returncode, errors) == (141, b""), args


@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "unbuffered"])
def test_a_full_non_blocking_stdout_is_waited_for(tmp_path: Path, unbuffered: str) -> None:
    """A non-blocking stdout that fills up gets the whole output, neither cut short nor an error."""
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    for args in _outputs(*_large_inputs(tmp_path)):
        expected = run(*args)
        read_end, write_end = os.pipe()
        os.set_blocking(write_end, False)
        process = subprocess.Popen(
            [COMMAND, *args], stdout=write_end, stderr=subprocess.PIPE, env=env
        )
        os.close(write_end)
        with os.fdopen(read_end, "rb") as reader:
            time.sleep(0.2)  # the command fills the pipe before anything is read
            received = reader.read()
        _, errors = process.communicate()
        assert (process.returncode, errors) == (0, b""), args
        assert len(received) > 65536
        assert received == expected.stdout, args


def test_closed_standard_streams_are_one_line_and_exit_1(tmp_path: Path) -> None:
    """Started with stdin or stdout closed: exit 1 and one line when it is needed, else no matter."""
    case = str(TIANJIN)
    for script, message in (
        ('"$P" validate - <&-', "<stdin>: standard input is closed; there is nothing to read"),
        ('"$P" parse - <&-', "<stdin>: standard input is closed; there is nothing to read"),
        ('"$P" show - <&-', "<stdin>: standard input is closed; there is nothing to read"),
        (f'"$P" convert "{case}" - >&-', "standard output is closed; the output has nowhere to go"),
        (f'"$P" show "{case}" >&-', "standard output is closed; the output has nowhere to go"),
        (f'"$P" render "{case}" >&-', "standard output is closed; the output has nowhere to go"),
        ('"$P" schema >&-', "standard output is closed; the output has nowhere to go"),
    ):
        result = shell(script)
        assert result.returncode == 1, script
        assert text(result.stderr) == f"partycases: {message}\n", script
    written = tmp_path / "case.yaml"
    quiet = shell(f'"$P" convert "{case}" "{written}" >&- <&-')
    assert quiet.returncode == 0, quiet.stderr
    assert written.exists()
    assert shell(f'"$P" validate "{case}" >&- 2>&-').returncode == 0


def _run_encoded(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the installed command with ``PYTHONIOENCODING=encoding``."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([COMMAND, *args], capture_output=True, env=env, check=False)


def test_a_stdout_that_claims_ascii_or_a_narrow_encoding_is_no_traceback(tmp_path: Path) -> None:
    r"""An ASCII stdout gets UTF-8, as click gives it; one that cannot hold a character gets \uXXXX."""
    bad = tmp_path / "案例.json"
    bad.write_text('{"schema_version": "1.0", "id": "x"}', encoding="utf-8")
    checked = _run_encoded("ascii", "validate", str(bad))
    assert checked.returncode == 1, checked.stderr
    assert text(checked.stdout) == f"{bad}:1:1: /language: missing required field 'language'\n"
    assert b"Traceback" not in checked.stderr
    expected = run("show", str(TIANJIN)).stdout
    shown = _run_encoded("ascii", "show", str(TIANJIN))
    assert (shown.returncode, shown.stdout) == (0, expected)
    narrow = _run_encoded("latin-1", "show", str(TIANJIN))
    assert narrow.returncode == 0, narrow.stderr
    assert narrow.stdout.decode("ascii").startswith("\\u6fdf\\u5357\\u5e02")
    assert narrow.stdout.decode("unicode_escape") == text(expected)


@pytest.mark.parametrize(
    "args",
    [
        ["show", str(TIANJIN)],
        ["validate", str(DATA / "invalid")],
        ["validate", "--format", "json", str(DATA / "invalid")],
        ["convert", str(TIANJIN), "-", "--to", "yaml"],
        ["render", str(TIANJIN)],
        ["schema"],
    ],
    ids=["show", "validate", "validate-json", "convert", "render", "schema"],
)
def test_main_writes_text_to_a_stdout_that_takes_only_text(args: list[str]) -> None:
    """main() under redirect_stdout(StringIO()), as in IDLE or a notebook, prints what the command does."""
    import contextlib
    import io

    from partycases.cli import main

    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        print("before", end="|")
        code = main(args)
    expected = run(*args)
    assert code == expected.returncode
    assert captured.getvalue() == "before|" + text(expected.stdout)
