"""Tests for parse_text on texts of our own in the genre: structure, facts, evidence."""

from __future__ import annotations

import os
import unicodedata
import warnings
from pathlib import Path

import pytest

import partycases as pc
from partycases import name_key
from tests.conftest import DATA
from tests.text.factsets import KINDS, differences, fact_sets, score

TEXTS = sorted((DATA / "texts").glob("*.txt"))
# The floor for the fixtures the rules were written against; the held-out texts
# (tests/text/test_holdout.py) have their own, lower floor.
FLOOR = 0.9


def parse(path: Path) -> tuple[pc.Case, pc.ParseReport]:
    """Parse a fixture, collecting its warnings rather than raising them."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        case, report = pc.parse_text(path.read_bytes().decode("utf-8"), id=path.stem, report=True)
    assert [str(w.message) for w in caught] == list(report.warnings)
    assert all(issubclass(w.category, pc.PartycasesWarning) for w in caught)
    return case, report


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_fixture_matches_its_expected_case(path: Path) -> None:
    """Each fixture parses into its expected case (PARTYCASES_REGENERATE=1 rewrites them)."""
    case, _ = parse(path)
    golden = path.with_suffix(".json")
    if os.environ.get("PARTYCASES_REGENERATE") == "1":
        golden.write_bytes(pc.dumps(case))
    expected = pc.load(golden)
    assert differences(fact_sets(expected), fact_sets(case)) == []
    assert case == expected


def test_quality_per_fact_kind() -> None:
    """Precision and recall per fact kind across the fixtures stay above the floor."""
    totals = dict.fromkeys(KINDS, (0, 0, 0))
    for path in TEXTS:
        case, _ = parse(path)
        for kind, (hit, found, expected) in score(
            fact_sets(pc.load(path.with_suffix(".json"))), fact_sets(case)
        ).items():
            total = totals[kind]
            totals[kind] = (total[0] + hit, total[1] + found, total[2] + expected)
    for kind, (hit, found, expected) in totals.items():
        precision = hit / found if found else 1.0
        recall = hit / expected if expected else 1.0
        print(f"{kind:14} precision {precision:.2f} recall {recall:.2f} ({hit}/{found}/{expected})")
        assert precision >= FLOOR, kind
        assert recall >= FLOOR, kind


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_nothing_is_lost(path: Path) -> None:
    """Every non-whitespace character is in a field, a paragraph, a marker or Case.unparsed."""
    case, report = parse(path)
    text = case.text or ""
    assert report.uncovered(text) == []
    fields = {
        "title": {case.title},
        "editor_note": {case.editor_note},
        "headline": {case.headline},
        "source": {case.source.publisher if case.source else None},
        "unparsed": set(case.unparsed),
        "paragraph": set(),
        "heading": set(),
    }

    def walk(sections: tuple[pc.Section, ...]) -> None:
        for section in sections:
            fields["heading"].add(section.heading)
            fields["paragraph"].update(p.text for p in section.paragraphs)
            walk(section.subsections)

    walk(case.sections)
    for segment in report.segments:
        if segment.role in fields:
            read = unicodedata.normalize("NFC", segment.read(text)).strip()
            assert read in fields[segment.role], (segment, read)
    assert [segment.read(text) for segment in report.unparsed] == list(case.unparsed)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_evidence_reads_back_the_fact(path: Path) -> None:
    """Every fact's evidence spans read words that name it."""
    case, _ = parse(path)
    text = case.text or ""

    def named(span: pc.Span, *names: str) -> bool:
        words = name_key(span.read(text))
        return any(name_key(name) in words for name in names)

    for org in case.organisations:
        names = (org.name, *(n.value for n in org.other_names))
        assert org.evidence, org.name
        assert any(named(span, *names) for span in org.evidence), org.name
    for honour in case.honours:
        assert all(named(span, honour.title) for span in honour.evidence), honour.title
    for work in case.works:
        assert all(named(span, work.title) for span in work.evidence), work.title
    for activity in case.activities:
        assert all(named(span, activity.name) for span in activity.evidence), activity.name


def test_scripts_give_the_same_ids() -> None:
    """An organisation named in Traditional in one text and Simplified in another has one id."""
    trad = pc.parse_text("一、案例背景\n天津市文化傳媒商會成立於2013年9月。\n")
    simp = pc.parse_text("一、案例背景\n天津市文化传媒商会成立于2013年9月。\n")
    assert trad.organisations[0].name == "天津市文化傳媒商會"
    assert simp.organisations[0].name == "天津市文化传媒商会"
    assert trad.organisations[0].id == simp.organisations[0].id
    assert (trad.language, simp.language) == ("zh-Hant", "zh-Hans")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("某市網絡商會成立於2013年9月。", "2013-09"),
        ("某市网络商会成立于06年。", "2006"),
        ("某市网络商会成立于2010年5月12日。", "2010-05-12"),
        ("某市网络商会于2016年4月正式成立。", "2016-04"),
        ("2015年8月，某市网络商会正式组建，会员逐年增加。", "2015-08"),
        ("某市網絡商會組建於2012年。", "2012"),
        ("某市网络商会于2011年组建，此后不断壮大。", "2011"),
    ],
)
def test_founding_dates_at_every_precision(sentence: str, expected: str) -> None:
    """成立於 with a year, year-month, full date or two-digit year gives the founding date."""
    case = pc.parse_text(f"一、案例背景\n{sentence}\n")
    assert str(case.organisations[0].founded) == expected


@pytest.mark.parametrize(
    ("phrase", "grade"),
    [
        ("是經市民政局批准的「一級商會」", "一級商會"),
        ("被評為5A級社會組織", "5A級社會組織"),
        ("是全市首批5A社會組織", "5A社會組織"),
        ("是全市首批５Ａ社會組織", "５Ａ社會組織"),
    ],
)
def test_grades(phrase: str, grade: str) -> None:
    """A grade is read with or without 級, in half- or full-width letters."""
    case = pc.parse_text(f"一、案例背景\n某市網絡商會成立於2013年，{phrase}。\n")
    assert case.organisations[0].grade == grade


@pytest.mark.parametrize(
    ("phrase", "value", "qualifier"),
    [
        ("現有近300家會員單位", 300, "nearly"),
        ("现有会员300余家", 300, "over"),
        ("拥有会员300多名", 300, "over"),
        ("现有超过300家会员企业", 300, "over"),
        ("有约80名会员", 80, "about"),
        ("现有会员单位60家", 60, "exact"),
        ("會員企業從成立時的40餘家發展到目前的260餘家", 260, "over"),
        ("会员由起步时的12户增加到了现在的95户", 95, "exact"),
        ("会员规模从2013年的50家扩大到近200家", 200, "nearly"),
        ("会员企业多达150余家", 150, "over"),
        ("会员企业已达300余家", 300, "over"),
    ],
)
def test_member_counts_with_qualifiers(phrase: str, value: int, qualifier: str) -> None:
    """Member counts carry their qualifier: 近 nearly, 余/多/超过 over, 约 about."""
    case = pc.parse_text(f"一、案例背景\n某市網絡商會成立於2013年，{phrase}。\n")
    count = case.organisations[0].member_count
    assert count is not None
    assert (count.value, count.qualifier.value) == (value, qualifier)


@pytest.mark.parametrize(
    ("sentence", "title", "year"),
    [
        ("2017年榮獲「四好」商會。", "「四好」商會", 2017),
        ("2018年，商会被某市委组织部评为先进社会组织。", "先进社会组织", 2018),
        ("2019年获评某市优秀社会组织。", "某市优秀社会组织", 2019),
        ("2020年入选全国网络社会组织党建工作典型案例。", "全国网络社会组织党建工作典型案例", 2020),
        ("2021年，商会被授予“诚信商会”称号。", "诚信商会", 2021),
        ("2021年，商会被命名为某市党建示范基地。", "某市党建示范基地", 2021),
        ("2022年，商会被确定为某市党建工作联系点。", "某市党建工作联系点", 2022),
        ("2022年，商会获得某市委网信办颁发的荣誉证书。", "荣誉证书", 2022),
        ("商会连续三年荣获“五好”商会。", "“五好”商会", None),
        ("2023年，某市工商联向商会授予“模范商会”牌匾。", "模范商会", 2023),
        ("2019年，商会获得“星级服务窗口”等荣誉。", "星级服务窗口", 2019),
    ],
)
def test_every_honour_phrasing(sentence: str, title: str, year: int | None) -> None:
    """Each common honour phrasing gives the honour, its title and its year."""
    case = pc.parse_text(f"一、主要做法\n某市網絡商會成立於2013年。{sentence}\n")
    assert [(h.title, h.date.year if h.date else None) for h in case.honours] == [(title, year)]


def test_party_members_that_grew_count_the_later_figure() -> None:
    """党员人数从5名增加到23名: the branch has 23 members, not 5."""
    case = pc.parse_text(
        "一、案例背景\n某市网络商会成立于2013年。"
        "2016年，某市网络商会党支部成立，党员人数由最初的4名发展到如今的31名。\n"
    )
    branch = next(org for org in case.organisations if org.name.endswith("党支部"))
    assert branch.member_count is not None
    assert (branch.member_count.value, branch.member_count.text) == (
        31,
        "党员人数由最初的4名发展到如今的31名",
    )


@pytest.mark.parametrize("verb", ["指导组建", "批复组建", "牵头组建"])
def test_a_body_that_helped_form_another_is_not_founded(verb: str) -> None:
    """由某局指导组建: the date founds the body formed, not the one that helped."""
    case = pc.parse_text(
        f"一、案例背景\n某市网络商会成立于2014年3月，由某市商务局{verb}，现有会员80家。\n"
    )
    founded = {org.name: str(org.founded) if org.founded else None for org in case.organisations}
    assert founded == {"某市网络商会": "2014-03", "某市商务局": None}


def test_forming_something_else_is_no_founding() -> None:
    """2019年，商会组建志愿服务队: the team is formed, the chamber not founded again."""
    case = pc.parse_text("一、主要做法\n2019年，某市网络商会组建党员志愿服务队。\n")
    assert [org.founded for org in case.organisations] == [None]


def test_quoted_titles_side_by_side_are_two_honours() -> None:
    """获得“A”“B”等荣誉: one honour per quoted title, each an honour by the trailer."""
    case = pc.parse_text(
        "一、工作成效\n某市網絡商會成立於2013年。"
        "商會先後獲得“市級誠信經營單位”“全省優秀異地商會”等榮譽。\n"
    )
    assert [h.title for h in case.honours] == ["市級誠信經營單位", "全省優秀異地商會"]


def test_a_body_conferring_through_xiang_is_the_awarder() -> None:
    """某工商联向某商会授予…: the body before 向 confers, the one after receives."""
    case = pc.parse_text(
        "一、工作成效\n某市网络商会成立于2013年。2022年，某市工商联向某市网络商会授予“先锋商会”牌匾。\n"
    )
    (honour,) = case.honours
    names = {org.id: org.name for org in case.organisations}
    assert (honour.title, [names[i] for i in honour.awarded_by], names[honour.recipient_id]) == (
        "先锋商会",
        ["某市工商联"],
        "某市网络商会",
    )


@pytest.mark.parametrize("script", ["Hans", "Hant"])
def test_an_honour_list_under_a_numbered_heading(script: str) -> None:
    """三、所获荣誉, then one title a line, a year in brackets after some: each is an honour."""
    text = (
        "某市网络商会：党建聚合力\n一、基本情况\n某市网络商会成立于2012年。\n"
        "三、所获荣誉\n全省先进社会组织（2018年）\n某市“五好”商会\n全市诚信示范单位(2020年度)\n"
        "四、工作成效\n商会服务会员企业成效明显。\n"
    )
    expected = [("全省先进社会组织", 2018), ("某市“五好”商会", None), ("全市诚信示范单位", 2020)]
    if script == "Hant":
        table = str.maketrans("获荣誉会进组织单诚范", "獲榮譽會進組織單誠範")
        text = text.translate(table)
        expected = [(title.translate(table), year) for title, year in expected]
    case = pc.parse_text(text)
    assert [(h.title, h.date.year if h.date else None) for h in case.honours] == expected
    # The next numbered heading ends the list: it is a heading, not an honour.
    assert [s.heading for s in case.sections][-1] == "工作成效"


def test_an_honour_row_one_space_apart() -> None:
    """A profile's row of titles, one space apart: each title is an honour."""
    case = pc.parse_text(
        "某县物流协会\n全省物流示范单位 县级文明单位 全县先进社会组织 县“五好”协会\n"
        "协会简介\n某县物流协会成立于2014年，现有会员单位120家。\n"
    )
    assert [h.title for h in case.honours] == [
        "全省物流示范单位",
        "县级文明单位",
        "全县先进社会组织",
        "县“五好”协会",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "张明 李华 王刚 赵磊",
        "党建引领 服务发展 凝心聚力 共建共享",
        "文化铸魂 党建引领",
        "一二三四五 上山打老虎",
    ],
)
def test_lines_one_space_apart_that_are_no_honour_row(line: str) -> None:
    """Names, or short slogans, one space apart are no row of honours."""
    case = pc.parse_text(f"某县物流协会\n{line}\n协会简介\n某县物流协会成立于2014年。\n")
    assert case.honours == ()


def test_a_heading_over_honours_is_no_honour() -> None:
    """所获荣誉 says honours follow; it names none."""
    case = pc.parse_text("一、主要做法\n某市网络商会成立于2013年。商会所获荣誉：略。\n")
    assert case.honours == ()


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("商会每年举办某市青年创业者大会。", "某市青年创业者大会"),
        ("协会牵头举办首届某市网络公益嘉年华。", "首届某市网络公益嘉年华"),
        ("商会定期举办某市民营企业家恳谈会。", "某市民营企业家恳谈会"),
        ("协会承办全市家政服务技能比武。", "全市家政服务技能比武"),
        ("商会开展“诚信之星”评选。", "“诚信之星”评选"),
        ("协会举办“健康同行”公益课堂。", "“健康同行”公益课堂"),
        ("协会倡导“文明餐桌行动”。", "“文明餐桌行动”"),
    ],
)
def test_more_activity_phrasings(sentence: str, name: str) -> None:
    """Events named by their head (大会, 嘉年华, 恳谈会, 比武), quoted names before 评选 or
    课堂, and quoted names ending in their own head."""
    case = pc.parse_text(f"一、主要做法\n某市网络商会成立于2013年。{sentence}\n")
    assert [a.name for a in case.activities] == [name]


@pytest.mark.parametrize(
    "sentence", ["商会团结带领广大会员企业共同发展。", "支部每季度召开党员大会。"]
)
def test_what_holds_an_event_head_but_is_no_event(sentence: str) -> None:
    """广大会员 holds 大会 and 党员大会 is routine: neither is an activity."""
    case = pc.parse_text(f"一、主要做法\n某市网络商会成立于2013年。{sentence}\n")
    assert case.activities == ()


def test_same_year_and_several_bodies() -> None:
    """同年 carries the year; bodies split on 、 and on 和 between names only."""
    case = pc.parse_text(
        "一、主要做法\n南嶼市網絡商會成立於2013年。2018年榮獲南嶼市優秀商會；"
        "同年被南嶼市委組織部、市非公有制經濟組織和社會組織工委評為第二批市級示範點。\n"
    )
    honour = case.honours[1]
    assert (honour.date, honour.batch, honour.level) == (
        pc.PartialDate(2018),
        2,
        pc.HonourLevel.MUNICIPAL,
    )
    assert [case.organisation(i).name for i in honour.awarded_by] == [
        "南嶼市委組織部",
        "市非公有制經濟組織和社會組織工委",
    ]
    split = pc.parse_text(
        "一、做法\n北溪市网络协会成立于2015年。协会被北溪市委组织部和北溪市民政局评为五星级社会组织。\n"
    )
    bodies = [split.organisation(i).name for i in split.honours[0].awarded_by]
    assert bodies == ["北溪市委组织部", "北溪市民政局"]


def test_honour_for_a_work_goes_to_the_work() -> None:
    """獲得…頒發的榮譽證書 after a work's title goes to that work."""
    case = pc.parse_text(
        "一、做法\n某市網絡商會成立於2013年。支部創作微視頻《我們的城》，獲得中央網信辦頒發的榮譽證書。\n"
    )
    [honour] = case.honours
    assert honour.recipient_id == "work:我们的城"
    assert case.works[0].kind is pc.WorkKind.MICRO_VIDEO


def test_short_form_is_an_alias() -> None:
    """市委網信辦 after 天津市委網信辦 is the same organisation, with an alias."""
    case = pc.parse_text(
        "一、背景\n某市商會在天津市委網信辦的指導下成立於2013年。2019年被市委網信辦評為示範點。\n"
    )
    office = case.organisation("org:天津市委网信办")
    assert [n.value for n in office.other_names] == ["市委網信辦"]
    assert case.honours[0].awarded_by == (office.id,)


def quiet(text: str) -> pc.Case:
    """Parse, ignoring the parser's notes."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        return pc.parse_text(text)


def test_pinyin_inside_a_name_gives_one_organisation() -> None:
    """網(wǎng) inside a name matches the same body: its facts are not split off to a twin."""
    case = quiet(
        "江州市网络视听商会典型案例\n一、背景\n"
        "江州市网(wǎng)络(luò)视听商会成立于2016年11月,现有会员单位200家。"
    )
    assert [org.id for org in case.organisations] == ["org:江州市网络视听商会"]
    chamber = case.organisations[0]
    assert str(chamber.founded) == "2016-11"
    assert chamber.member_count is not None
    assert chamber.member_count.value == 200


def test_area_statistics_are_not_member_counts() -> None:
    """全市共有会员企业3000余家 counts a city's members, not the chamber's."""
    case = quiet("标题\n一、背景\n江州市网络视听商会成立于2016年。全市共有会员企业3000余家。")
    assert all(org.member_count is None for org in case.organisations)


@pytest.mark.parametrize("role", ["成员", "书记", "副书记"])
def test_a_party_group_role_names_the_body_not_the_group(role: str) -> None:
    """工商联党组副书记 is a person's role in the federation: no body named 工商联党组."""
    case = quiet(f"标题\n一、背景\n青岚市商会成立于2015年。市工商联党组{role}张某出席活动。")
    assert sorted(org.name for org in case.organisations) == ["市工商联", "青岚市商会"]


def test_conferred_title_names_its_recipient_and_awarder_apart() -> None:
    """某网信办授予某商会「五好商会」称号: the title is the quoted words; the chamber receives it."""
    case = quiet(
        "江州市网络视听商会党建案例\n一、背景\n江州市委网信办授予江州市网络视听商会“五好商会”称号。"
    )
    [honour] = case.honours
    assert honour.title == "五好商会"
    assert honour.recipient_id == "org:江州市网络视听商会"
    assert honour.awarded_by == ("org:江州市委网信办",)


def test_angle_bracket_titles_are_works_not_organisations() -> None:
    """〈江州市网络文化协会章程〉 is a work; the association named inside it is not a body of the case."""
    case = quiet("标题\n一、背景\n江州市网络视听商会学习〈江州市网络文化协会章程〉。")
    assert [work.title for work in case.works] == ["江州市网络文化协会章程"]
    assert [org.name for org in case.organisations] == ["江州市网络视听商会"]


def test_parse_warnings_point_at_the_callers_line(tmp_path: Path) -> None:
    """A parse warning names the caller's file, through parse_text and through load alike."""
    path = tmp_path / "case.txt"
    path.write_text("标题\n2023-05-23 16:34:54 2\n一、背景\n内容。\n", encoding="utf-8")
    for read in (lambda: pc.parse_text(path.read_text(encoding="utf-8")), lambda: pc.load(path)):
        with pytest.warns(pc.PartycasesWarning) as caught:
            read()
        assert {Path(w.filename).name for w in caught} == {Path(__file__).name}


@pytest.mark.parametrize("mark", ["\ufe0f", "\u00ad", "\u3164", "\U000e0041", "\x9b"])
def test_characters_no_field_may_hold_are_left_out_of_fields(mark: str) -> None:
    """A variation selector, soft hyphen, filler, tag character or C1 control in the text: a case."""
    case = quiet(f"标题\n一、背景\n江州市网络视听商会成立于2016年{mark}11月,现有会员单位200家。")
    assert case.organisations[0].name == "江州市网络视听商会"
    assert mark not in case.sections[0].paragraphs[0].text
    assert mark in (case.text or "")


def test_an_honour_list_published_by_a_body_names_it_as_awarder() -> None:
    """某网信办公布…名单, and the next sentence's honour: the body that published the list confers it."""
    case = quiet(
        "标题\n一、背景\n近日,砚港市委网信办公布首批网络社会组织党建工作示范点名单。"
        "砚港市电竞行业协会入选首批网络社会组织党建工作示范点。"
    )
    [honour] = case.honours
    assert honour.awarded_by == ("org:砚港市委网信办",)


@pytest.mark.parametrize(
    "line",
    [
        "(青岚 摄)",
        "(新华社记者 李四 摄)",
        "△ 协会党员志愿者为快递小哥送清凉 陆知秋 摄",
        "图文 吴桐摄",
    ],
)
def test_photo_credits_are_page_chrome(line: str) -> None:
    """A line ending in a name and 摄, alone or in brackets, credits a photograph."""
    from partycases.text.layout import is_chrome

    assert is_chrome(line)


@pytest.mark.parametrize("heading", ["(三)组织党员拍摄", "(一)丁摄", "(二)微视频拍摄"])
def test_a_numbered_heading_about_filming_is_a_heading(heading: str) -> None:
    """(三)组织拍摄 ends in 摄 like a photo credit, but its brackets number a heading."""
    text = f"一、工作做法\n{heading}\n支部组织党员拍摄微视频。\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error", pc.PartycasesWarning)
        case = pc.parse_text(text)
    (section,) = case.sections
    assert [sub.heading for sub in section.subsections] == [heading[3:]]


#: A page whose second line, under the title, is the line a test puts there.
UNDER_A_TITLE = "青岚市商会党建工作案例\n{}\n一、案例背景\n商会成立于2008年。\n"


@pytest.mark.parametrize("headline", ["文化铸魂 党建引领", "图书馆里的红色课堂", "文明实践进商圈"])
def test_a_headline_starting_with_wen_or_tu_is_a_headline(headline: str) -> None:
    """文 and 图 open bylines (文/张三, 图 李四) and words (文化, 图书): only a separator makes a byline."""
    text = UNDER_A_TITLE.format(headline)
    with warnings.catch_warnings():
        warnings.simplefilter("error", pc.PartycasesWarning)
        case = pc.parse_text(text)
    assert case.headline == headline


@pytest.mark.parametrize(
    "byline", ["文/张三", "文|张三", "文:赵六", "图 李四", "文/图 张三", "记者 王五", "通讯员王五"]
)
def test_bylines_are_left_out_of_the_case(byline: str) -> None:
    """A byline under the title names the writer or photographer: not a headline, and reported."""
    text = UNDER_A_TITLE.format(byline)
    with pytest.warns(pc.PartycasesWarning, match="a byline"):
        case = pc.parse_text(text)
    assert case.headline is None


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("2022年9月,商会参加博览会;同年11月,举办某县首届斗茶大赛。", "2022-11"),
        ("今年2月,商会组织会员参观某县党史教育馆。", "2023-02"),
        ("去年10月,商会举办某县首届斗茶大赛。", "2022-10"),
        ("今天(3月1日)上午,某县首届斗茶大赛开幕。", "2023-03-01"),
        ("5月19日晚,由商会承办的某县首届斗茶大赛开幕。", "2023-05-19"),
    ],
)
def test_dates_without_their_own_year(sentence: str, date: str) -> None:
    """同年11月 takes the year stated last; 今年, 去年 and 今天 the page's; a month alone the
    year stated last, else the page's."""
    text = f"标题\n发布时间:2023-03-02 10:00\n一、做法\n某市网络商会成立于2013年。\n{sentence}\n"
    case = pc.parse_text(text)
    assert [str(activity.date) for activity in case.activities] == [date]


def test_a_month_after_a_year_in_an_earlier_sentence_takes_that_year() -> None:
    """2019年,… 5月,…: the paragraph's year, not the page's."""
    case = pc.parse_text(
        "标题\n发布时间:2023-03-02\n一、做法\n2019年,某市网络商会成立。5月,商会举办某县首届斗茶大赛。\n"
    )
    assert [str(activity.date) for activity in case.activities] == ["2019-05"]


def test_urban_and_rural_is_no_place_inside_a_name() -> None:
    """住房和城乡建设局 is one body: 城乡 starts no place after 和."""
    case = pc.parse_text(
        "一、做法\n某市网络商会成立于2013年,业务主管单位为某市住房和城乡建设局。\n"
    )
    assert [org.name for org in case.organisations] == ["某市网络商会", "某市住房和城乡建设局"]


def test_an_honour_list_with_years_awarders_and_a_verb_line() -> None:
    """A list's lines: 2017年 title(awarder), and a line that states its honour with a verb;
    the heading after the list ends it."""
    text = (
        "某市物业协会党支部:红色管家\n一、概况\n某市物业协会成立于2013年。\n近年来所获荣誉\n"
        "2017年 某市优秀社会组织(某市民政局)\n"
        "2018年 某市“红色物业”示范单位(中共某市委组织部)\n"
        "2021年 协会党支部被评为某市五星级党组织(中共某市社会组织委员会)\n"
        "下一步工作打算\n协会党支部将继续努力,进一步擦亮品牌,力争用两年时间实现全覆盖。\n"
    )
    case = pc.parse_text(text)
    names = {org.id: org.name for org in case.organisations}
    found = [
        (h.title, str(h.date), [names[i] for i in h.awarded_by], names[h.recipient_id])
        for h in case.honours
    ]
    assert found == [
        ("某市优秀社会组织", "2017", ["某市民政局"], "某市物业协会"),
        ("某市“红色物业”示范单位", "2018", ["中共某市委组织部"], "某市物业协会"),
        ("某市五星级党组织", "2021", ["中共某市社会组织委员会"], "某市物业协会党支部"),
    ]
    assert [s.heading for s in case.sections][-1] == "下一步工作打算"


@pytest.mark.parametrize(
    ("declared", "later"),
    [
        ("以下简称“网联党委”", "网联党委"),
        ("简称网社联委", "网社联委"),
        ("以下簡稱「網聯黨委」", "網聯黨委"),
    ],
)
def test_a_short_name_the_page_declares_names_the_body(declared: str, later: str) -> None:
    """某联合党委(以下简称“网联党委”): the short name later stands for the body, and is one of
    its other names."""
    case = pc.parse_text(
        f"一、背景\n2020年8月,某市网络社会组织联合党委正式成立({declared})。"
        f"{later}由某市委网信办党组领导,现有党员63名。\n"
    )
    body = next(org for org in case.organisations if org.name.endswith(("联合党委", "聯合黨委")))
    assert body.member_count is not None
    assert body.member_count.value == 63
    assert later in [name.value for name in body.other_names]


def test_the_new_social_strata_federation_is_one_name() -> None:
    """新的社会阶层人士联合会: a body every city has, whose name holds 的."""
    case = pc.parse_text(
        "一、背景\n某市新的社会阶层人士联合会于2018年12月召开成立大会,现有会员420余名。\n"
    )
    (body,) = case.organisations
    assert (body.name, str(body.founded)) == ("某市新的社会阶层人士联合会", "2018-12")


def test_a_registrar_is_not_the_body_founded() -> None:
    """2018年经某局同意、某民政局登记成立: the association was founded, not the office."""
    case = pc.parse_text(
        "某市跨境电商协会:党建引领\n一、背景\n该协会由本市企业自愿组成,"
        "2018年经某市商务局同意、某市民政局登记成立,会员企业现有140余家。\n"
    )
    founded = {org.name: str(org.founded) if org.founded else None for org in case.organisations}
    assert founded == {"某市跨境电商协会": "2018", "某市商务局": None, "某市民政局": None}


def test_a_body_announcing_results_is_named_alone() -> None:
    """省工商联公布…结果: 公布 ends the name before it; the federation confers the honour."""
    case = pc.parse_text(
        "一、成效\n某市侨商联合会成立于2010年。日前,省工商联公布全省商会星级评定结果,"
        "某市侨商联合会获评全省五星级商会。\n"
    )
    names = {org.id: org.name for org in case.organisations}
    assert [[names[i] for i in h.awarded_by] for h in case.honours] == [["省工商联"]]


def test_quoted_titles_joined_by_he_are_two() -> None:
    """被X评为“A”和“B”: two titles, each with the bodies that conferred it."""
    case = pc.parse_text(
        "一、成效\n某市网络商会成立于2013年。商会先后被某区委、区政府评为“先进社会组织”和"
        "“民营企业服务示范单位”。\n"
    )
    assert [h.title for h in case.honours] == ["先进社会组织", "民营企业服务示范单位"]


@pytest.mark.parametrize(
    ("opening", "outlet"),
    [("萍浦新闻网讯(记者 许晴)", "萍浦新闻网"), ("苍澜日报5月20日讯 ", "苍澜日报")],
)
def test_an_outlet_named_by_its_dateline_is_a_body(opening: str, outlet: str) -> None:
    """某新闻网讯, 某日报5月20日讯: the outlet is named, with a place or without."""
    case = pc.parse_text(f"{opening}今天上午,某市网络商会举办直播节。\n")
    assert outlet in [org.name for org in case.organisations]


def test_unions_red_cross_and_charities_are_bodies() -> None:
    """总工会, 红十字会 and 慈善总会 end names."""
    case = pc.parse_text(
        "一、做法\n支部会同某市总工会开展慰问;联合某市红十字会举办课堂,通过某市慈善总会捐赠物资。\n"
    )
    assert [org.name for org in case.organisations] == [
        "某市总工会",
        "某市红十字会",
        "某市慈善总会",
    ]


@pytest.mark.parametrize(
    ("text", "awarders"),
    [
        (
            "2022年,商会荣获“先进商会党组织”称号,市工商联随后印发《关于表彰先进集体的通报》。",
            [["市工商联"]],
        ),
        (
            "2022年,商会荣获“先进商会党组织”称号。市工商联随后印发《关于表彰先进集体的通报》。",
            [["市工商联"]],
        ),
        (
            "日前,省工商联公布全省商会星级评定结果,商会获评全省五星级商会。"
            "此前,该会曾被评为全国侨界先进集体。",
            [["省工商联"], []],
        ),
    ],
)
def test_a_decisions_issuer_confers_the_honours_beside_it(
    text: str, awarders: list[list[str]]
) -> None:
    """The body that issued a decision confers an honour in its sentence or the next, not
    one the text says came earlier."""
    case = pc.parse_text(f"某市侨商联合会:凝心聚力\n一、成效\n某市侨商联合会成立于2010年。{text}\n")
    names = {org.id: org.name for org in case.organisations}
    assert [[names[i] for i in h.awarded_by] for h in case.honours] == awarders
