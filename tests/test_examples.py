"""The examples run and say what the example case states."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import partycases as pc
from tests.conftest import EXAMPLES


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run an example script the way a user would."""
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_load_case_prints_the_summary() -> None:
    """examples/load_case.py prints organisations, honours by year, activities and works."""
    result = run("load_case.py")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "濟南市優秀活動案例(典型案例二十三)"
    assert "series: 典型案例 no. 23" in out
    assert "天津市文化傳媒商會  (chamber_of_commerce, founded 2013-09, members: nearly 300)" in out
    assert "2018  市級黨建工作示範點 [municipal, batch 2] → 天津市文化傳媒商會" in out
    assert "2019  榮譽證書 [national] → 《我愛你中國》  (by 中央網信辦)" in out
    assert "2019-10-01  觀看國慶大閱兵實況轉播  [event]" in out
    assert "《我愛你中國》  [micro_video]" in out


def test_load_case_reports_a_bad_file(tmp_path: Path) -> None:
    """Given a broken file, the example prints the partycases error and exits 1."""
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = run("load_case.py", str(bad))
    assert result.returncode == 1
    assert f"{bad}:1:1: /: invalid JSON: EOF while parsing an object" in result.stderr
    assert "Traceback" not in result.stderr


def test_tianjin_example_states_the_seed_facts(tianjin_path: Path) -> None:
    """The seed-derived example carries the facts the seed states."""
    case = pc.load(tianjin_path)
    chamber = case.organisations[1]
    assert chamber.name == "天津市文化傳媒商會"
    assert str(chamber.founded) == "2013-09"
    assert chamber.grade == "一級商會"
    assert chamber.member_count == pc.Quantity(
        300, pc.Qualifier.NEARLY, "家會員單位", "近300家會員單位"
    )
    assert [case.organisation(i).name for i in chamber.approved_by] == ["天津市社管局"]
    assert [case.organisation(i).name for i in chamber.supervised_by] == ["天津市委網信辦"]
    assert case.series == pc.Series(name="典型案例", number=23)
    assert case.published_at is not None
    assert case.published_at.isoformat() == "2023-05-23T16:34:54"
    assert case.source is not None
    assert case.source.publisher == "中國網絡社會組織聯合會"
    honours = {(str(h.date), h.title): h for h in case.honours}
    assert set(honours) == {
        ("2017", "「四好」商會"),
        ("2018", "天津市社會組織黨建工作優秀創新案例"),
        ("2018", "市級黨建工作示範點"),
        ("2019", "天津市網際網路企業和網絡社會組織黨建工作示範點"),
        ("2019", "榮譽證書"),
    }
    demo = honours[("2018", "市級黨建工作示範點")]
    assert (demo.batch, demo.level) == (2, pc.HonourLevel.MUNICIPAL)
    assert [case.organisation(i).name for i in demo.awarded_by] == [
        "市委組織部",
        "市非公有制經濟組織和社會組織工委",
    ]
    certificate = honours[("2019", "榮譽證書")]
    assert certificate.recipient_id == "work:我爱你中国"
    assert {w.title: w.kind for w in case.works}["我愛你中國"] is pc.WorkKind.MICRO_VIDEO
    parade = [a for a in case.activities if a.kind is pc.ActivityKind.EVENT]
    assert [str(a.date) for a in parade] == ["2019-10-01"]
    assert [s.kind for s in case.sections] == [
        pc.SectionKind.BACKGROUND,
        pc.SectionKind.PRACTICES,
        pc.SectionKind.OUTCOMES,
    ]
    items = case.sections[1].subsections[1].paragraphs
    assert [p.marker for p in items[:3]] == ["一是", "二是", "三是"]


def test_second_example_uses_what_the_seed_does_not() -> None:
    """The Simplified example has people, a credit code, a date range, extensions, evidence."""
    case = pc.load(EXAMPLES / "cases" / "qinglan-online-literature-association.json")
    assert case.language == "zh-Hans"
    assert [role.title for person in case.people for role in person.roles] == ["会长", "党支部书记"]
    assert case.organisations[0].identifiers[0].scheme is pc.IdentifierScheme.USCC
    assert isinstance(case.activities[0].date, pc.DateRange)
    assert "org.example.crawler" in case.extensions
    assert case.text is not None
    honour = case.honours[0]
    assert honour.evidence[0].read(case.text).endswith("评为“五星级党组织”")


@pytest.mark.parametrize("script", sorted(p.name for p in EXAMPLES.glob("*.py")))
def test_every_example_script_runs(script: str) -> None:
    """Every examples/*.py exits 0."""
    result = run(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_parse_pages_writes_one_case_per_page(tmp_path: Path) -> None:
    """examples/parse_pages.py parses the bundled pages (UTF-8 and GB2312) into JSON Lines."""
    out = tmp_path / "pages.jsonl"
    result = run("parse_pages.py", str(EXAMPLES / "pages"), str(out))
    assert result.returncode == 0, result.stderr
    assert "2 pages: 2 parsed, 0 failed" in result.stderr
    cases = list(pc.iter_cases(out))
    assert [c.title for c in cases if isinstance(c, pc.Case)] == [
        "清禾县茶叶协会:党建引领茶农增收",
        "松湾区个体私营企业协会党支部建设纪实",
    ]
    first = cases[0]
    assert isinstance(first, pc.Case)
    assert first.source is not None
    assert first.source.url == "https://www.qinghe-rm.example.cn/dj/2023/0712/301.html"


def test_parse_pages_reports_a_bad_page(tmp_path: Path) -> None:
    """A page with no text is reported with its name; the exit code is 1."""
    (tmp_path / "blank.html").write_text("<html><body><script>x()</script></body></html>")
    result = run("parse_pages.py", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path / 'blank.html'}" in result.stderr
    assert "1 page: 0 parsed, 1 failed" in result.stderr
    assert "Traceback" not in result.stderr
