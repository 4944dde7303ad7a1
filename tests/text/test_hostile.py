"""Pathological texts finish: no pattern backtracks, no pass goes quadratic.

These are guards against hangs, not timings: each input gets a generous budget
enforced by an alarm, growth is bounded in counted steps (``tests.work``), and
the measured times live in the benchmarks.
"""

from __future__ import annotations

import signal
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from benchmarks.texts import REPEATED_UNITS, repeated

import partycases as pc
from tests.work import growth

BUDGET_SECONDS = 20

HOSTILE = {
    "unclosed quotes": "一、背景\n" + "「" * 100_000 + "\n",
    "unclosed curly quotes": "一、背景\n" + "“" * 100_000 + "\n",
    "a megabyte of digits and 年": "一、背景\n" + ("2019年1" * 170_000)[:1_000_000] + "\n",
    "repeated 一是": "一、背景\n" + "一是" * 100_000 + "\n",
    "repeated 一是 lines": "一、背景\n" + "一是甲。\n" * 30_000,
    "suffix flood": "一、背景\n" + "商會" * 200_000 + "\n",
    "unclosed title marks": "一、背景\n" + "《商會" * 50_000 + "\n",
    "owner flood": "一、背景\n" + "甲的" * 200_000 + "\n",
    "agent flood": "一、背景\n" + "被" * 200_000 + "評為\n",
    "heading flood": "一、\n" * 9_000,
    "note markers": "【編者按】" * 50_000,
}


@contextmanager
def budget(seconds: int) -> Iterator[None]:
    """Fail instead of hanging when the body runs past ``seconds``."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGALRM is POSIX only")
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_finishes_with_a_case(name: str) -> None:
    """Each hostile text ends in a valid case, with every character accounted for."""
    text = HOSTILE[name]
    with budget(BUDGET_SECONDS), warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        case, report = pc.parse_text(text, report=True)
    assert case.text == text
    assert report.uncovered(text) == []


def test_more_lines_than_the_limit_is_refused_before_they_are_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past MAX_LINES lines (blank ones aside) a text is a LoadError; at the limit it parses."""
    from partycases.text import layout

    assert layout.MAX_LINES == 50_000
    monkeypatch.setattr(layout, "MAX_LINES", 100)
    for separator in ("\n", "\r\n", "\r", "\u2028", "\f"):
        with pytest.raises(pc.LoadError, match="the text has more than 100 lines, the limit"):
            pc.parse_text("a" + f"{separator}a" * 100)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pc.PartycasesWarning)
            case = pc.parse_text("a" + f"{separator}a" * 99 + separator * 50)
        assert case.text is not None


def test_lines_past_the_limit_cost_nothing_more() -> None:
    """A megabyte of one-character lines is refused in the steps of 100,000 lines (fold aside)."""
    texts = {count: "a\n" * count for count in (100_000, 524_288)}
    with pytest.raises(pc.LoadError, match="more than 50000 lines"):
        pc.parse_text(texts[524_288])
    assert growth(lambda count: pc.parse_text(texts[count]), 100_000, 524_288) < 1.1


def test_more_sections_than_the_limit_is_a_clean_error() -> None:
    """50,000 numbered headings exceed the per-case section limit: a LoadError that says so."""
    with pytest.raises(pc.LoadError, match="at most 10000 items"):
        pc.parse_text("一、\n" * 50_000)


def test_more_organisations_than_the_limit_leave_no_reference_behind() -> None:
    """Past 10,000 organisations every one is left out, with a warning, and so is each link to one.

    The publisher (来源) is one of them: the case keeps its name, not its id.
    """
    han = "".join(dict.fromkeys("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥东南西北春夏秋冬"
                                "金木水火土山川河海湖云雨风雷星月日光明红黄蓝白绿紫梅兰竹菊松柏"
                                "桃李杏梨枫杨柳桂荷莲芳华英秀丽美佳嘉祥瑞福禄寿喜安康宁静和泰"
                                "昌盛兴旺发达江州青岚清禾湾茶叶"))  # fmt: skip
    names = [a + b for a in han for b in han][:10_600]
    text = "".join(f"{name}市网络商会成立于2013年。" for name in names)
    with pytest.warns(pc.PartycasesWarning) as caught:
        case = pc.parse_text(f"标题\n{text}\n来源:中国网络社会组织联合会\n")
    assert any("every organisation left out" in str(note.message) for note in caught)
    assert case.organisations == ()
    assert case.source is not None
    assert (case.source.publisher, case.source.publisher_id) == ("中国网络社会组织联合会", None)


def test_a_fact_stated_thousands_of_times_keeps_its_first_places() -> None:
    """Each fact's evidence is cut to its first places, with a warning; the case round-trips."""
    from partycases.text.facts.assemble import MAX_EVIDENCE

    text = "商会成立于2016年11月,荣获“五好”商会,创作《江州之光》," * 2_000
    with pytest.warns(pc.PartycasesWarning, match=f"first {MAX_EVIDENCE} places of each of 2 "):
        case = pc.parse_text(text)
    (honour,), (work,) = case.honours, case.works
    for fact in (honour, work):
        assert len(fact.evidence) == MAX_EVIDENCE
        assert fact.evidence == tuple(sorted(fact.evidence, key=lambda span: span.start))
    assert (honour.title, work.title) == ("“五好”商会", "江州之光")
    assert pc.loads(pc.dumps(case)) == case


def test_a_case_naming_too_many_places_keeps_fewer_of_each() -> None:
    """Past the case-wide bound every fact keeps the same number of its first places."""
    from partycases.text.facts.assemble import MAX_CASE_EVIDENCE, _bound_evidence

    def spans(count: int) -> list[dict[str, int]]:
        return [{"start": 2 * i, "end": 2 * i + 1} for i in reversed(range(count))]

    facts = [{"evidence": spans(60)} for _ in range(MAX_CASE_EVIDENCE // 50)] + [
        {"evidence": spans(3)}
    ]
    notes: list[str] = []
    _bound_evidence([facts[:10], facts[10:]], notes)
    assert [len(fact["evidence"]) for fact in facts] == [49] * (len(facts) - 1) + [3]
    assert facts[0]["evidence"][:2] == [{"start": 0, "end": 1}, {"start": 2, "end": 3}]
    assert notes == [f"evidence cut to the first 49 places of each of {len(facts) - 1} facts"]
    # Facts of few places leave theirs to the others: 2,000 of one and 1,000 of a hundred.
    facts = [{"evidence": spans(1)} for _ in range(2_000)]
    facts += [{"evidence": spans(100)} for _ in range(MAX_CASE_EVIDENCE // 100)]
    notes = []
    _bound_evidence([facts], notes)
    assert {len(fact["evidence"]) for fact in facts} == {1, 98}
    assert sum(len(fact["evidence"]) for fact in facts) <= MAX_CASE_EVIDENCE
    assert notes == ["evidence cut to the first 98 places of each of 1000 facts"]


def test_oversized_text_is_refused() -> None:
    """A text over the size limit is a LoadError before any pattern runs."""
    from partycases.models._base import MAX_TEXT

    with pytest.raises(pc.LoadError, match="the limit is"):
        pc.parse_text("甲" * (MAX_TEXT + 1))


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\ud800"])
def test_binary_text_is_refused(bad: str) -> None:
    """A NUL, another control character or a lone surrogate makes it binary: a LoadError with the offset."""
    with pytest.raises(pc.LoadError, match=r"at offset 7 .*expected a plain text document"):
        pc.parse_text(f"一、背景\n甲乙{bad}丙")


def test_invisible_characters_do_not_split_names() -> None:
    """Zero-width and direction marks inside a name are dropped from the value, kept in the text."""
    text = "一、背景\n天津市\u200b文化傳媒\u202e商會成立於2013年，出品《\u200b》。\n"
    case = pc.parse_text(text)
    [org] = case.organisations
    assert org.name == "天津市文化傳媒商會"
    assert org.id == "org:天津市文化传媒商会"
    assert case.works == ()
    assert case.text == text


#: The lengths compared, in characters: one, and four times it.
SHORT, LONG = 3_000, 12_000


def _parse_repeated(unit: str) -> Callable[[int], object]:
    texts = {length: repeated(unit, length) for length in (SHORT, LONG)}

    def parse(length: int) -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pc.PartycasesWarning)
            return pc.parse_text(texts[length])

    return parse


@pytest.mark.parametrize("name", list(REPEATED_UNITS))
def test_parse_work_grows_linearly(name: str) -> None:
    """Four times the input takes under six times the steps (linear; a quadratic pass shows 10x+)."""
    ratio = growth(_parse_repeated(REPEATED_UNITS[name]), SHORT, LONG)
    assert ratio < 6, f"{name}: 4x the input took {ratio:.2f}x the steps"


@pytest.mark.parametrize(
    "text",
    [
        "标题\n一、背景\n江州市网络视听商会现有会员\x0c单位200家,会员企业遍布全市各个区县和乡镇街道。",
        "标题\n0. 背景\n内容。\n1. 做法\n内容。",
        "标题\n零、背景\n内容。",
        "标题\n一、背景\n（零）内容。",
        "某某案例（典型案例零）\n一、背景\n内容。",
        "案例第99999999999999999999999期\n一、背景\n内容。",
        "标题 ??\n内容。",
        "标题\n内容。\n\u200b\u200b\n结尾。",
        "\u200f",
        "?",
    ],
)
def test_odd_numbers_breaks_and_artefacts_give_a_case(text: str) -> None:
    """Form feeds inside sentences, headings numbered 0, and lone artefacts: a case, nothing lost."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        case, report = pc.parse_text(text, report=True)
    assert report.uncovered(text) == []
    assert case.series is None or 1 <= case.series.number <= 9999


@pytest.mark.parametrize(
    "text",
    [
        "来源:」",
        "标题\n一、背景\n内容。\n来源:」",
        "标题\n一、背景\n作品在……展播。",
        "标题\n一、背景\n作品在\u202f…等平台展播。",
        "标题\n一、背景\n依托商会的团委、……等组织开展活动。",
    ],
)
def test_a_place_where_a_name_goes_holding_no_letter_names_nothing(text: str) -> None:
    """A publisher, platform or child body of punctuation alone is no organisation, not a crash."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        case, report = pc.parse_text(text, report=True)
    assert report.uncovered(text) == []
    assert all(org.name.strip("…」\u202f") for org in case.organisations)


def test_declared_short_names_are_bounded() -> None:
    """A page declaring hundreds of short names keeps the first MAX_ALIASES of them."""
    from partycases.text.facts import MAX_ALIASES

    digits = "零一二三四五六七八九"
    names = [
        f"天津市{digits[i // 100]}{digits[i // 10 % 10]}{digits[i % 10]}商会" for i in range(300)
    ]
    text = (
        "一、背景\n"
        + "".join(f"{name}成立(以下简称“{name[3:]}”)。" for name in names)
        + "零零零商会组织活动。\n"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        case = pc.parse_text(text)
    short = [org for org in case.organisations if org.other_names]
    assert len(short) == MAX_ALIASES
    assert short[0].other_names[0].value == "零零零商会"


@pytest.mark.parametrize("unit", ["facts across page breaks"], ids=str)
def test_page_breaks_stay_linear_at_length(unit: str) -> None:
    """Hundreds of page breaks, with facts on every page or one sentence over all of them:
    four times the breaks take under six times the steps (each break once cost a walk over
    every break before it)."""
    ratio = growth(_parse_repeated_at(REPEATED_UNITS[unit], 12_000, 48_000), 12_000, 48_000)
    assert ratio < 6, f"{unit}: 4x the input took {ratio:.2f}x the steps"


def _parse_repeated_at(unit: str, *lengths: int) -> Callable[[int], object]:
    texts = {length: repeated(unit, length) for length in lengths}

    def parse(length: int) -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pc.PartycasesWarning)
            return pc.parse_text(texts[length])

    return parse
