"""Pages whose header or body carries furniture: site banners, app footers, PDF page breaks."""

from __future__ import annotations

import warnings

import pytest

import partycases as pc
from partycases.text.layout import is_chrome


def parse(text: str) -> tuple[pc.Case, pc.ParseReport]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        return pc.parse_text(text, report=True)


@pytest.mark.parametrize(
    "line",
    [
        "END",
        "阅读原文",
        "分享  收藏  赞  在看",
        "点赞 在看",
        "关注",
        "— 23 —",
        "- 7 -",
        "第3页",
        "第 3 页 共 12 页",
        *("—END—", "阅读 2315", "分享 在看 46 赞 88", "写留言", "文字 | 宣传部", "编辑:林晓"),
        *("审核 | 郑帆", "字体:大 中 小", "打开微信,点击底部的「发现」,"),
        *("社会组织党建 2020(6) 22", "22 社会组织党建 2020年第6期", "社会组织党建 2020.6 · 22 ·"),
        *("南屏门户 | 政务公开 | 政务服务 | 互动交流", "无障碍 | 长者模式 | 繁体 | 简体 | 登录"),
        *(
            "《社会组织党建》2020年第6期  第22-23页",
            "打开APP 阅读更多精彩内容",
            "无障碍浏览  长者模式",
        ),
    ],
)
def test_app_footers_and_page_numbers_are_chrome(line: str) -> None:
    """A footer made only of an app's buttons, or a page number alone, is page furniture."""
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        *("在看得见的地方做表率", "分享经验", "收藏红色记忆", "2023", "END OF YEAR", "文字铸魂"),
        *("编辑部的故事", "社会组织党建 2020(6)", "阅读让党员更有力量", "党建引领 | 服务发展"),
        "某市商会:党建引领发展 | 服务会员企业 | 助力乡村振兴行动",
    ],
)
def test_lines_that_only_hold_those_words_are_not(line: str) -> None:
    """The words count only alone: a line that says more is the article's."""
    assert not is_chrome(line)


BANNER = (
    "澄湖县人民政府\n"
    "首页 > 政务公开 > 基层党建 > 正文\n"
    "字号:大 中 小    打印本页\n"
    "“红色驿站”温暖快递小哥——澄湖县快递行业协会党支部工作案例\n"
    "发布时间:2023-04-11 10:20    来源:澄湖县委组织部\n"
    "一、基本情况\n"
    "澄湖县快递行业协会成立于2017年5月,现有会员企业46家。\n"
)


def test_a_site_banner_over_breadcrumbs_is_not_the_title() -> None:
    """A site's name over its breadcrumbs is page chrome; the title comes after them."""
    case, report = parse(BANNER)
    assert case.title == "“红色驿站”温暖快递小哥——澄湖县快递行业协会党支部工作案例"
    assert "澄湖县人民政府" in case.unparsed
    assert any(w.startswith("a site banner") for w in report.warnings)


def test_a_title_followed_by_chrome_stays_the_title() -> None:
    """A headline that is no body's name keeps its place, whatever chrome follows it."""
    text = "党建引领快递业发展\n分享到:微信 朋友圈\n发布时间:2023-04-11\n澄湖县快递行业协会成立于2017年。\n"
    case, _ = parse(text)
    assert case.title == "党建引领快递业发展"


def test_a_name_alone_with_no_chrome_after_it_is_the_title() -> None:
    """A profile page titled with its body's name, a row of honours under it."""
    text = (
        "澄湖县快递行业协会\n"
        "全省物流示范单位  县级文明单位  全县先进社会组织\n"
        "协会简介\n澄湖县快递行业协会成立于2017年,现有会员企业46家。\n"
    )
    case, _ = parse(text)
    assert case.title == "澄湖县快递行业协会"
    assert len(case.honours) == 3


def test_a_row_of_honours_between_the_banner_and_the_title() -> None:
    """Banner, menu, a row of honours, then the title: the row's titles are honours, and one
    dated and attributed later in the text is the same honour."""
    text = (
        "澄湖县快递行业协会\n"
        "首页 | 协会概况 | 党建园地 | 联系我们\n"
        "全省物流示范单位   县级文明单位   全县先进社会组织\n"
        "以党建聚合力 以服务促发展\n"
        "发布日期:2023-03-28\n"
        "澄湖县快递行业协会成立于2017年,现有会员企业46家。"
        "2021年,协会被澄湖县民政局评为全县先进社会组织。\n"
    )
    case, _ = parse(text)
    assert case.title == "以党建聚合力 以服务促发展"
    honours = {h.title: (str(h.date) if h.date else None, len(h.evidence)) for h in case.honours}
    assert honours == {
        "全省物流示范单位": (None, 1),
        "县级文明单位": (None, 1),
        "全县先进社会组织": ("2021", 2),
    }


def test_a_source_line_holding_chrome_gives_the_date_and_source() -> None:
    """来源:某网2023年05月16日15:08 字号:大 中 小 is a meta line, not chrome."""
    text = (
        "某市网络商会:凝聚力量\n来源:某市统战网2023年05月16日15:08    字号:大 中 小\n正文第一段。\n"
    )
    case, _ = parse(text)
    assert case.published_at is not None
    assert case.published_at.isoformat()[:16] == "2023-05-16T15:08"
    assert case.source is not None


def test_an_app_article_header_gives_its_date() -> None:
    """原创 作者 账号 2022-11-03 18:05 发表于某地: the app's meta line dates the page."""
    text = "原创 林小满 澄湖发布 2022-11-03 18:05 发表于澄湖\n\n澄湖县快递行业协会:让党旗飘在网点\n正文。\n"
    case, _ = parse(text)
    assert case.published_at is not None
    assert case.published_at.isoformat()[:16] == "2022-11-03T18:05"
    assert case.title == "澄湖县快递行业协会:让党旗飘在网点"


def test_share_widget_lines_are_not_the_title() -> None:
    """分享到: with its targets one a line (微信好友, 朋友圈, 新浪微博) before the title."""
    text = "分享到:\n微信好友\n朋友圈\n新浪微博\n澄湖县快递行业协会:让党旗飘在网点\n正文。\n"
    case, _ = parse(text)
    assert case.title == "澄湖县快递行业协会:让党旗飘在网点"


def test_a_heading_does_not_swallow_the_paragraph_after_a_meta_line() -> None:
    """An unnumbered heading, a meta line, then a long paragraph: the paragraph stays one."""
    text = (
        "澄湖县快递行业协会\n以党建聚合力 以服务促发展\n发布日期:2023-03-28\n"
        "澄湖县快递行业协会成立于2017年5月,是由全县快递企业自愿组成的行业性社会团体,"
        "现有会员企业46家。\n"
    )
    case, _ = parse(text)
    headings = [s.heading for s in case.sections]
    assert all(heading is None or len(heading) < 20 for heading in headings)
    assert any(
        p.text.startswith("澄湖县快递行业协会成立于") for s in case.sections for p in s.paragraphs
    )


PDF = (
    "某市社会组织党建案例汇编(2023)\n"
    "— 31 —\n"
    "\n"
    "以“暖蜂驿站”凝聚快递力量\n"
    "——澄湖县快递行业协会党支部工作纪实\n"
    "\n"
    "一、基本情况\n"
    "澄湖县快递行业协会成立于2017年5月,全县共有快递网点三百余\n"
    "个,从业人员近两千人。协会现有会员企业46家,协会党支部成\n"
    "立于2019年,现有党员12名,多数为网点负责人。\n"
    "二、主要做法\n"
    "(一)建驿站强阵地,把党员凝聚在网点一线。协会党支部坚\n"
    "持在城区网点设立“暖蜂驿站”,为快递小哥提供歇脚、充电和\n"
    "“红色课堂”服务,协会连续两年在会员企业中开展“平安投递\n"
    "\n"
    "某市社会组织党建案例汇编(2023)\n"
    "— 32 —\n"
    "\n"
    "月”活动,举办全县快递行业职业技能竞赛。\n"
)


def test_a_converted_document_loses_its_running_heads_and_page_numbers() -> None:
    """A running head repeated at each page break, and the page numbers, are furniture; the
    title is the article's; a sentence broken by a page break is one paragraph without them."""
    case, _ = parse(PDF)
    assert case.title == "以“暖蜂驿站”凝聚快递力量——澄湖县快递行业协会党支部工作纪实"
    assert set(case.unparsed) >= {"某市社会组织党建案例汇编(2023)", "— 31 —", "— 32 —"}
    paragraphs = [p.text for s in case.sections for n in (s, *s.subsections) for p in n.paragraphs]
    assert "“平安投递月”活动,举办全县快递行业职业技能竞赛。" in paragraphs[-1]
    assert not any("汇编" in p or "—" in p for p in paragraphs)
    names = [a.name for a in case.activities]
    assert {"“平安投递月”活动", "全县快递行业职业技能竞赛"} <= set(names)
    assert not any("汇编" in name for name in names)


def test_lines_broken_at_the_page_width_are_paragraphs_not_headings() -> None:
    """A long line holding a comma and ending mid-sentence continues on the next line."""
    case, _ = parse(PDF)
    basics = case.sections[0]
    assert basics.heading == "基本情况"
    assert basics.subsections == ()
    assert len(basics.paragraphs) == 1
    assert basics.paragraphs[0].text.endswith("多数为网点负责人。")
    (practice,) = case.sections[1].subsections
    assert practice.paragraphs[0].text.startswith("协会党支部坚持在城区网点设立“暖蜂驿站”")


def test_bracketed_numerals_are_top_level_without_chinese_numbered_headings() -> None:
    """(一)…(二)… with no 一、 in the text are the top-level sections, each with its kind."""
    text = (
        "标题\n(一)工作背景\n澄湖县快递行业协会成立于2017年。\n"
        "(二)主要做法\n协会党支部设立驿站。\n(三)工作成效\n快递小哥有了家。\n"
    )
    case, _ = parse(text)
    assert [(s.number, s.heading, s.kind.value) for s in case.sections] == [
        (1, "工作背景", "background"),
        (2, "主要做法", "practices"),
        (3, "工作成效", "outcomes"),
    ]


def test_a_case_number_over_the_title_is_the_series() -> None:
    """案例十四 on its own line over a title that runs over two lines: the case's number."""
    text = (
        "某市社会组织党建案例汇编\n— 45 —\n案例十四\n"
        "澄湖县快递行业协会党支部:\n“暖蜂驿站”让快递小哥有了家\n"
        "1.基本情况\n澄湖县快递行业协会成立于2017年5月,现有会员企业46家。\n"
        "某市社会组织党建案例汇编\n— 46 —\n2.主要做法\n协会党支部设立驿站。\n"
    )
    case, _ = parse(text)
    assert case.title == "澄湖县快递行业协会党支部:“暖蜂驿站”让快递小哥有了家"
    assert case.series is not None
    assert (case.series.name, case.series.number) == ("案例", 14)


def test_a_timestamps_label_is_no_stray_text() -> None:
    """发布时间: before a timestamp is its label: no warning of text kept aside."""
    _, report = parse("标题\n发布时间:2023-03-02 10:00\n正文第一段。\n")
    assert report.warnings == ()


def test_text_before_a_timestamp_is_not_called_text_after_it() -> None:
    """What stands before a meta line's timestamp is page text, what follows it text after."""
    _, report = parse("标题\n原创 林小满 2022-11-03 18:05 发表于澄湖 阅读 12\n正文第一段。\n")
    assert [w.split(":")[0] for w in report.warnings] == ["page text", "text after the timestamp"]


def test_a_row_of_honours_between_bars_under_the_title() -> None:
    """A site's menu is chrome; a row of honour titles between bars under the meta line is a
    row of honours, not the headline."""
    text = (
        "澄湖县快递行业协会\n首页 | 协会概况 | 党建园地 | 联系我们\n"
        "澄湖县快递行业协会:“暖蜂驿站”温暖快递小哥\n发布时间:2021/07/23  点击数:562\n"
        "全国先进社会组织 | 澄湖县5A级社会组织 | 澄湖县诚信示范协会 | 全县抗疫先进集体\n"
        "一、基本情况\n澄湖县快递行业协会成立于2017年5月,现有会员企业46家。\n"
    )
    case, _ = parse(text)
    assert case.title == "澄湖县快递行业协会:“暖蜂驿站”温暖快递小哥"
    assert [h.title for h in case.honours] == [
        "全国先进社会组织",
        "澄湖县5A级社会组织",
        "澄湖县诚信示范协会",
        "全县抗疫先进集体",
    ]


def test_a_listed_honour_dated_for_the_party_branch_is_one_honour() -> None:
    """The profile's row names 全省示范党支部 under the association; the text dates it for the
    association's branch: one honour, the branch's, with both places of evidence."""
    text = (
        "澄湖县快递行业协会\n全省物流示范单位  全省社会组织示范党支部  县级文明单位\n协会简介\n"
        "澄湖县快递行业协会成立于2017年,澄湖县快递行业协会党支部成立于2018年。"
        "2021年,协会党支部入选全省社会组织示范党支部。\n"
    )
    case, _ = parse(text)
    names = {org.id: org.name for org in case.organisations}
    branch = [
        (names[h.recipient_id], str(h.date), len(h.evidence))
        for h in case.honours
        if h.title == "全省社会组织示范党支部"
    ]
    assert branch == [("澄湖县快递行业协会党支部", "2021", 2)]
