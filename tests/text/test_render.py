"""render_text writes the published layout; parse_text reads it back."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import given

import partycases as pc
from tests.conftest import DATA
from tests.strategies import renderable_cases
from tests.text.factsets import differences, fact_sets

TEXTS = sorted((DATA / "texts").glob("*.txt"))


def quiet_parse(text: str) -> pc.Case:
    """Parse with lossy-input warnings silenced (the tests check unparsed text themselves)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        return pc.parse_text(text)


@given(renderable_cases())
def test_render_then_parse_recovers_the_structure(case: pc.Case) -> None:
    """parse_text(render_text(c)) has c's title, timestamp, note, headline, sections and source."""
    text = pc.render_text(case)
    back = pc.parse_text(text)
    assert back.title == case.title
    assert back.published_at == case.published_at
    assert back.editor_note == case.editor_note
    assert back.headline == case.headline
    assert back.sections == case.sections
    assert (back.source.publisher if back.source else None) == (
        case.source.publisher if case.source else None
    )
    assert back.unparsed == ()


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_render_then_parse_recovers_the_facts(path: Path) -> None:
    """For every fixture, parsing the rendered case gives the same sections and facts."""
    case = quiet_parse(path.read_bytes().decode("utf-8"))
    again = quiet_parse(pc.render_text(case))
    assert differences(fact_sets(case), fact_sets(again)) == []


def test_rendered_layout() -> None:
    """The layout: title, timestamp, 編者按 in the case's script, numbered headings, source."""
    case = pc.load(DATA.parent.parent / "examples" / "cases" / "tianjin-culture-media-chamber.json")
    lines = pc.render_text(case).splitlines()
    assert lines[:2] == ["濟南市優秀活動案例(典型案例二十三)", "2023-05-23 16:34:54"]
    assert lines[2].startswith("【編者按】")
    assert lines[3] == "聚是一團火,散是滿天星"
    assert "二、主要做法" in lines
    assert "(二)繪製「紅色圖譜」，打造「一體兩翼三傳播」機制。" in lines
    assert any(line.startswith("一是以學為先") for line in lines)
    assert lines[-1] == "來源：中國網絡社會組織聯合會"


def test_text_format_in_the_registry(tmp_path: Path) -> None:
    """dumps(format="text") renders; a .txt file dumps and loads through the registry."""
    case = quiet_parse(TEXTS[0].read_text(encoding="utf-8"))
    data = pc.dumps(case, format="text")
    assert data.decode("utf-8") == pc.render_text(case)
    path = tmp_path / "case.txt"
    pc.dump(case, path)
    back = pc.load(path)
    assert back.sections == case.sections
    assert differences(fact_sets(case), fact_sets(back)) == []
