"""render_text writes the published layout; parse_text reads it back."""

from __future__ import annotations

import datetime as dt
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


#: Held-out sets no rule has yet been written from. Their texts round-trip once a set becomes a
#: development set: a difference in a round trip shows the text it comes from, and reading it
#: to fix the reader would make the set a development set before its figures are reported.
BLIND: frozenset[str] = frozenset({"heldout5", "heldout6"})
CORPUS = sorted(path for path in (DATA / "corpus").rglob("*.txt") if path.parent.name not in BLIND)

#: What parsing a rendered genre text does not give back, and why; every other text of the
#: corpus gives back every fact. A change that fixes one of these fails here until it is struck.
ROUND_TRIP_DIFFERENCES = {
    # A body named only in a byline: render_text writes no byline (it is in case.unparsed).
    "08-hengjiang-netshop-09-founding": ["missing organisation: ('蘅江区网商协会党支部',)"],
    "16-quan-chamber-byline-long": ["missing organisation: ('中共渠安市委组织部',)"],
    "02-pinyin-two-line-title-byline": ["missing organisation: ('中共桐陵市砚溪区委组织部',)"],
    "10-long-inline-headings-honour-lines": ["missing organisation: ('中共枫浦县委两新工委',)"],
    "08-byline-dates-slash-dot-twodigit": ["missing organisation: ('中共禾坪县委组织部',)"],
    "15-note-before-title-bylines-visits": ["missing organisation: ('中共沐溪县委组织部',)"],
    # Broken lines first read as subsection headings are read as one paragraph once joined.
    "13-tangliang-catering-hard-line-breaks": [
        "missing section: (1, None, '协会党支部还注重发挥党员店主的示范带动作用在全县餐饮店"
        "推行党员示范店挂牌由党员店主公开承诺诚信经营', 'other')",
        "missing section: (1, None, '明码标价文明服务接受群众监督针对疫情期间餐饮企业经营困难的"
        "情况协会党支部协调金融机构为会员企业提供', 'other')",
    ],
    # A column tag on its own line kept an activity name apart from its verb; rendered, they meet.
    "07-xipu-cloud-company-column-tag": ["extra   activity: ('云端学习教育', None)"],
}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_render_then_parse_of_genre_texts(path: Path) -> None:
    """For the genre's texts, the rendered case parses to the same facts, but for listed causes."""
    case = quiet_parse(path.read_bytes().decode("utf-8"))
    again = quiet_parse(pc.render_text(case))
    found = differences(fact_sets(case), fact_sets(again))
    assert found == ROUND_TRIP_DIFFERENCES.get(path.stem, [])


def test_label_headings_are_written_with_their_colon() -> None:
    """名片 and 亮点 headings come back as labels of their kind, in either script."""
    text = "标题\n名片：江州市网商协会成立于2015年。\n亮点：协会党支部开展「红色领航」行动。\n"
    for script in (text, text.replace("协会", "協會").replace("亮点", "亮點")):
        case = quiet_parse(script)
        assert [section.kind.value for section in case.sections] == ["background", "practices"]
        rendered = pc.render_text(case)
        assert [line for line in rendered.splitlines() if line.endswith("：")] == [
            section.heading + "：" for section in case.sections
        ]
        assert quiet_parse(rendered).sections == case.sections


def test_a_label_subsection_stays_in_its_section() -> None:
    """A 亮点 subsection is written without the colon that would make it a section of its own."""
    case = pc.Case.model_validate(
        {
            "id": "x",
            "language": "zh-Hans",
            "title": "天津市文化传媒商会党建工作案例",
            "sections": [
                {
                    "number": 1,
                    "heading": "基本情况",
                    "kind": "background",
                    "paragraphs": [{"text": "商会成立于2013年。"}],
                    "subsections": [
                        {
                            "heading": "亮点",
                            "kind": "practices",
                            "paragraphs": [{"text": "开展活动。"}],
                        }
                    ],
                }
            ],
        }
    )
    rendered = pc.render_text(case)
    assert "亮点：" not in rendered
    back = quiet_parse(rendered)
    assert [(s.number, s.heading, len(s.subsections)) for s in back.sections] == [
        (1, "基本情况", 1)
    ]


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


def test_rendering_anything_but_a_case_is_a_write_error() -> None:
    """render_text(None) names what it was given, as every writer does."""
    with pytest.raises(pc.WriteError, match=r"expected a partycases\.Case, not NoneType"):
        pc.render_text(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("year", [1, 999, 1000, 9999])
def test_a_timestamp_of_any_year_is_written_with_four_digits_and_read_back(year: int) -> None:
    """The year is padded to four digits, so a time before 1000 reads back as a time."""
    when = dt.datetime(year, 1, 2, 3, 4, 5)
    case = pc.Case(id="x", language="zh-Hans", title="某某商会党建工作案例", published_at=when)
    rendered = pc.render_text(case)
    assert rendered.splitlines()[1] == f"{year:04d}-01-02 03:04:05"
    assert quiet_parse(rendered).published_at == when
