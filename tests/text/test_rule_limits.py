"""Where the layout and phrasing rules stop: plausible pages each rule must leave alone."""

from __future__ import annotations

import warnings

import pytest

import partycases as pc


def parse(text: str) -> pc.Case:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        return pc.parse_text(text)


def paragraphs(case: pc.Case) -> list[str]:
    return [p.text for s in case.sections for n in (s, *s.subsections) for p in n.paragraphs]


def names(case: pc.Case) -> dict[str, str]:
    return {org.id: org.name for org in case.organisations}


@pytest.mark.parametrize("brk", ["\r", "\u2028", "\f"], ids=["cr", "ls", "ff"])
def test_lines_broken_by_any_line_break_are_not_glued(brk: str) -> None:
    """Short lines ending at a carriage return (or U+2028, a form feed) are paragraphs each."""
    case = parse(
        f"澄湖县快递行业协会党建工作{brk}一、主要做法{brk}协会党支部设立驿站{brk}协会党支部开展志愿服务{brk}"
    )
    assert paragraphs(case) == ["协会党支部设立驿站", "协会党支部开展志愿服务"]


def test_a_title_set_as_the_running_head_stays_the_title() -> None:
    """The title, printed again as a page's running head: the copy is furniture, not the title."""
    case = parse(
        "以“暖蜂驿站”凝聚快递力量\n澄湖县快递行业协会成立于2017年5月,现有会员企业46家,"
        "协会党支部组织党员开展志愿服务\n— 1 —\n以“暖蜂驿站”凝聚快递力量\n活动,举办技能竞赛。\n— 2 —\n"
    )
    assert case.title == "以“暖蜂驿站”凝聚快递力量"
    assert paragraphs(case) == [
        "澄湖县快递行业协会成立于2017年5月,现有会员企业46家,协会党支部组织党员开展志愿服务活动,"
        "举办技能竞赛。"
    ]


def test_a_numbered_heading_after_a_page_number_is_kept() -> None:
    """二、工作成效 printed twice in a compilation, once after a page break: both headings."""
    case = parse(
        "汇编\n— 1 —\n一、基本情况\n甲协会成立于2017年。\n二、工作成效\n甲协会获评先进。\n"
        "汇编\n— 2 —\n二、工作成效\n乙协会获评先进。\n"
    )
    assert [s.heading for s in case.sections] == ["基本情况", "工作成效", "工作成效"]


@pytest.mark.parametrize(
    "text",
    [
        "标题\n所获荣誉\n全国先进社会组织 2019.12\n澄湖县文明单位 2021.3\n",
        "澄湖县快递行业协会简介\n成立时间 2017.05\n澄湖县快递行业协会现有会员企业46家。\n",
    ],
)
def test_a_line_ending_in_a_dotted_date_is_no_journal_foot(text: str) -> None:
    """A journal's running foot prints a page number; a title or field with a date does not."""
    assert parse(text).unparsed == ()


def test_a_row_of_honours_between_bars_is_no_menu() -> None:
    """Under the title and meta line, honour titles between bars are honours, not a menu."""
    case = parse(
        "标题\n发布时间:2021/07/23\n全国文明单位 | 五好商会 | 5A级社会组织\n"
        "澄湖县快递行业协会成立于2017年。\n"
    )
    assert [h.title for h in case.honours] == ["全国文明单位", "五好商会", "5A级社会组织"]


def test_a_table_between_bars_is_no_menu() -> None:
    """Rows of a table (figures between bars) are kept as the article's text."""
    case = parse(
        "标题\n二、所获荣誉\n1 | 全国先进社会组织 | 民政部 | 2019年\n2 | 全县文明单位 | 县文明委 | 2020年\n"
    )
    assert case.unparsed == ()
    assert len(paragraphs(case)) == 2


def test_a_profiles_name_over_its_first_heading_is_its_title() -> None:
    """A body's name, share buttons, then 协会简介: the name is the title, not a banner."""
    case = parse(
        "澄湖县快递行业协会\n分享到:微信 朋友圈\n协会简介\n澄湖县快递行业协会成立于2017年5月。\n"
    )
    assert case.title == "澄湖县快递行业协会"


@pytest.mark.parametrize(
    "line",
    [
        "守初心担使命 强党建促发展 聚合力谋振兴 优服务暖人心",
        "红色先锋服务队 青年志愿服务队 巾帼志愿服务队 银发志愿服务队",
    ],
)
def test_phrases_one_space_apart_are_no_honours(line: str) -> None:
    """Slogans or teams one space apart are no row of honours, nor half of a broken sentence."""
    case = parse(f"一、主要做法\n{line}\n澄湖县快递行业协会党支部组织党员学习。\n")
    assert case.honours == ()
    assert paragraphs(case)[0] == line


def test_a_row_of_offices_is_no_row_of_honours() -> None:
    """The offices behind a page, two spaces apart, are bodies, not honours."""
    case = parse(
        "澄湖县快递行业协会:暖蜂驿站温暖快递小哥\n澄湖县委组织部  澄湖县民政局  澄湖县邮政管理局\n"
        "澄湖县快递行业协会成立于2017年5月。\n"
    )
    assert case.honours == ()
    assert "澄湖县民政局" in names(case).values()


def test_an_honour_list_of_every_ending_and_its_end() -> None:
    """文明号, 先锋号, 奖状 and 文明岗 are honours of a list; a sentence after it is not one."""
    case = parse(
        "一、基本情况\n澄湖县快递行业协会成立于2017年。\n二、所获荣誉\n全国青年文明号\n全国工人先锋号\n"
        "五一劳动奖状\n江苏省巾帼文明岗\n协会党支部坚持把党建工作与行业发展同谋划、同推进,取得了良好成效\n"
    )
    assert [h.title for h in case.honours] == [
        "全国青年文明号",
        "全国工人先锋号",
        "五一劳动奖状",
        "江苏省巾帼文明岗",
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("澄湖县快递行业协会会员企业从业人员由3000名发展到5000名,现有会员企业46家。", 46),
        ("澄湖县网络社会组织联合会成员单位从事直播的由5家增加到20家,现有成员单位60家。", 60),
        ("澄湖县快递行业协会会员从最初的3个行业发展到如今的12个行业。", None),
    ],
)
def test_a_growth_of_something_else_is_no_member_count(text: str, count: int | None) -> None:
    """Staff (从业人员), a subset (从事直播的) or trades (12个行业) that grew are not members."""
    (body,) = parse(text).organisations
    assert (body.member_count.value if body.member_count else None) == count


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("社区社会组织联合会与澄湖县快递行业协会共同开展活动。", "社区社会组织联合会"),
        ("2019年,城乡居民互助协会被评为全县先进社会组织。", "城乡居民互助协会"),
    ],
)
def test_names_that_open_like_a_word_for_an_area_are_whole(text: str, name: str) -> None:
    """社区…, 城乡… open names of their own: only after 和 do they start no second name."""
    assert name in names(parse(text)).values()


@pytest.mark.parametrize(
    "sentence",
    [
        "澄湖县委组织部重视新经济组织和新社会组织(以下简称“两新组织”)党建工作,两新组织覆盖率达90%。",
        "澄湖县委组织部印发《关于加强社会组织党建工作的实施意见》(以下简称《意见》)。",
        "澄湖县快递行业协会党支部关心全县快递从业人员(以下简称“快递小哥”),为快递小哥设立驿站。",
        "澄湖县快递行业协会党支部启动“暖蜂驿站”建设项目(以下简称“驿站项目”),驿站项目覆盖32个网点。",
        "经澄湖县民政局登记,网络社会组织联合会(以下简称“网社联”)于2019年成立。",
    ],
)
def test_a_short_name_for_no_body_named_before_it_names_none(sentence: str) -> None:
    """A short name is a body's only where it shortens the name before it: not a concept's, a
    document's, people's or a project's, and not a registrar's; nor is it an activity."""
    case = parse(sentence)
    assert all(org.other_names == () for org in case.organisations)
    assert all(org.founded is None for org in case.organisations if org.name.endswith("局"))
    assert all("驿站项目" not in activity.name for activity in case.activities)


def test_going_to_an_office_is_not_being_honoured_by_it() -> None:
    """某党支部向某部汇报工作,被授予…: the branch is honoured, not the office."""
    case = parse("澄湖县快递行业协会党支部向澄湖县委组织部汇报工作,被授予“五星级党组织”称号。\n")
    (honour,) = case.honours
    assert (names(case)[honour.recipient_id], honour.awarded_by) == ("澄湖县快递行业协会党支部", ())


def test_granted_is_one_verb() -> None:
    """获授予“X”称号: the title is X."""
    case = parse("澄湖县快递行业协会向澄湖县民政局申请,获授予“先进社会组织”称号。\n")
    assert [h.title for h in case.honours] == ["先进社会组织"]


@pytest.mark.parametrize(
    ("text", "founded"),
    [
        (
            "2019年5月,澄湖县快递行业协会党支部在澄湖县委组织部的帮助下组建,现有党员12名。",
            {"澄湖县快递行业协会党支部": "2019-05", "澄湖县委组织部": None},
        ),
        ("澄湖县快递行业协会组建20年来,始终坚持党建引领。", {"澄湖县快递行业协会": None}),
        ("澄湖县快递行业协会成立20年来,始终坚持党建引领。", {"澄湖县快递行业协会": None}),
    ],
)
def test_founding_dates_that_are_not(text: str, founded: dict[str, str | None]) -> None:
    """The office that helped form a branch was not founded; 20年来 is a span, not a year."""
    case = parse(text)
    assert {o.name: str(o.founded) if o.founded else None for o in case.organisations} == founded


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("每年3月,协会都组织党员开展“学雷锋”志愿服务活动。", None),
        ("3月至5月,协会开展“平安投递月”活动。", "2023-03"),
    ],
)
def test_months_every_year_and_ranges(sentence: str, date: str | None) -> None:
    """每年3月 dates nothing; 3月至5月 dates an activity from its start."""
    case = parse(f"澄湖县快递行业协会\n发布时间:2023-10-25 09:00\n{sentence}\n")
    assert [str(a.date) if a.date else None for a in case.activities] == [date]


def test_a_line_ending_in_a_bracket_is_no_broken_sentence() -> None:
    """成立于2017年5月(经某局登记) then the branch's own line: two paragraphs, two dates."""
    case = parse(
        "一、基本情况\n澄湖县快递行业协会成立于2017年5月(经澄湖县民政局登记)\n"
        "协会党支部成立于2019年,现有党员12名。\n"
    )
    founded = {o.name: str(o.founded) if o.founded else None for o in case.organisations}
    assert founded["澄湖县快递行业协会党支部"] == "2019"


def test_a_long_heading_with_commas_over_a_longer_paragraph_is_a_heading() -> None:
    """A 28-character heading holding commas, then a longer paragraph: a heading."""
    case = parse(
        "标题\n坚持党建引领,激发社会组织发展活力,服务全县经济高质量发展\n"
        "澄湖县快递行业协会成立于2017年5月,是全县快递企业自愿组成的行业性社会团体,现有会员企业46家。\n"
    )
    assert [s.heading for s in case.sections] == [
        "坚持党建引领,激发社会组织发展活力,服务全县经济高质量发展"
    ]
    assert [o.name for o in case.organisations] == ["澄湖县快递行业协会"]


def test_evidence_leaves_page_furniture_out() -> None:
    """An activity a page break cut: its evidence reads its own characters only."""
    text = (
        "标题\n一、做法\n协会党支部坚持在城区网点设立驿站,协会连续两年在会员企业中开展“平安投递\n"
        "汇编\n— 32 —\n月”活动,举办技能竞赛。\n汇编\n— 33 —\n"
    )
    case = parse(text)
    (activity,) = [a for a in case.activities if "平安投递" in a.name]
    assert activity.name == "“平安投递月”活动"
    assert [span.read(case.text) for span in activity.evidence] == ["“平安投递", "月”活动"]
