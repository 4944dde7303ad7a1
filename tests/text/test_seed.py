"""The published seed case: parsed, it states what the example case states."""

from __future__ import annotations

import warnings
from pathlib import Path

import opencc
import pytest

import partycases as pc
from partycases import name_key
from tests.conftest import EXAMPLES, SEEDS
from tests.text.factsets import differences, fact_sets

SEED = SEEDS / "000_9697d38e8743b09e.txt"
pytestmark = pytest.mark.skipif(
    not SEED.exists(), reason=f"the published seed text is not beside this checkout ({SEED})"
)
EXAMPLE = EXAMPLES / "cases" / "tianjin-culture-media-chamber.json"


def seed_text() -> str:
    """The seed, exactly as published."""
    return SEED.read_text(encoding="utf-8")


def simplified_full_width_crlf(text: str) -> str:
    """The seed in Simplified script, full-width punctuation, “” quotes and CRLF line ends."""
    simplified = opencc.OpenCC("t2s").convert(text)
    table = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", "「": "“", "」": "”"})
    return simplified.translate(table).replace("\n", "\r\n")


def parse_quietly(text: str) -> pc.Case:
    """Parse, expecting the seed's known noise to be reported as warnings."""
    with pytest.warns(pc.PartycasesWarning) as caught:
        case = pc.parse_text(text)
    messages = [str(warning.message) for warning in caught]
    assert [m.split(":")[0] for m in messages] == [
        "text after the timestamp",
        "text after the source line",
    ]
    return case


def test_seed_states_what_the_example_states() -> None:
    """Organisations, founding, members, honours, activities, works, sections, source match."""
    case = parse_quietly(seed_text())
    assert differences(fact_sets(pc.load(EXAMPLE)), fact_sets(case)) == []
    assert case.unparsed == ("2", ",")
    assert case.title == "濟南市優秀活動案例(典型案例二十三)"


def test_seed_evidence_reads_the_source_words() -> None:
    """Each fact's first evidence span reads the words it came from."""
    case = parse_quietly(seed_text())
    text = case.text or ""
    chamber = case.organisation("org:天津市文化传媒商会")
    assert [span.read(text) for span in chamber.evidence if "成立" in span.read(text)] == [
        "成立於2013年9月"
    ]
    assert "近300家會員單位" in [span.read(text) for span in chamber.evidence]
    readings = {honour.title: honour.evidence[0].read(text) for honour in case.honours}
    assert readings["「四好」商會"] == "2017年榮獲「四好」商會"
    assert readings["市級黨建工作示範點"].startswith("同年被市委組織部")
    assert readings["榮譽證書"] == "獲得中央網信辦頒發的榮譽證書"
    parade = next(a for a in case.activities if a.kind is pc.ActivityKind.EVENT)
    assert parade.evidence[0].read(text).startswith("2019年10月1日")


def test_simplified_full_width_crlf_variant_gives_the_same_facts() -> None:
    """The seed in Simplified, with full-width punctuation and CRLF, gives the same facts."""
    case = parse_quietly(simplified_full_width_crlf(seed_text()))
    assert case.language == "zh-Hans"
    assert differences(fact_sets(pc.load(EXAMPLE)), fact_sets(case)) == []
    assert case.organisation("org:天津市文化传媒商会").name == "天津市文化传媒商会"


def test_gb18030_file_loads_with_the_same_facts(tmp_path: Path) -> None:
    """The Simplified variant saved as GB18030 loads through partycases.load with the same facts."""
    path = tmp_path / "seed-gb18030.txt"
    path.write_bytes(simplified_full_width_crlf(seed_text()).encode("gb18030"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        case = pc.load(path)
    assert differences(fact_sets(pc.load(EXAMPLE)), fact_sets(case)) == []
    assert {name_key(org.name) for org in case.organisations} >= {name_key("天津市文化傳媒商會")}
