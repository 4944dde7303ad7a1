"""The installed ``partycases`` command, run for real in a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
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
    """| head stops the command without a traceback."""
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
    """--help imports neither pydantic, the models nor any optional dependency."""
    code = (
        "import sys; from partycases.cli import main; main(['--help']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'pydantic', 'rich', 'yaml', 'pyarrow', 'tomli_w', 'opencc'} "
        "or m.startswith('partycases.models')), file=sys.stderr)"
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
