"""Tests for the Markdown page: what a field holds is shown, never read as markup."""

from __future__ import annotations

import html.parser
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import partycases as pc

markdown_it = pytest.importorskip("markdown_it")

HOSTILE = '<img src=x onerror="alert(1)"> *b* `c` [l](javascript:x) | ~~s~~ & &amp; \\'


def _case(**fields: Any) -> pc.Case:
    """A case whose every shown text field holds ``HOSTILE``, plus ``fields``."""
    return pc.Case.model_validate(
        {
            "id": "hostile",
            "language": "zh-Hans",
            "title": HOSTILE,
            "editor_note": HOSTILE,
            "headline": HOSTILE,
            "source": {"publisher": HOSTILE},
            "sections": [
                {
                    "number": 1,
                    "heading": HOSTILE,
                    "paragraphs": [{"text": HOSTILE}, {"text": "# 假标题"}, {"text": "1. 列表"}],
                }
            ],
            "organisations": [{"id": "org:甲", "name": HOSTILE, "grade": "- 一级"}],
            "activities": [{"id": "activity:乙", "name": HOSTILE, "description": "第一行\n第二行"}],
            **fields,
        }
    )


def _html(case: pc.Case) -> str:
    page = pc.dumps(case, format="markdown").decode()
    html: str = markdown_it.MarkdownIt("commonmark").enable("table").render(page)
    return html


def test_html_and_markup_in_fields_are_shown_as_text() -> None:
    """Raw HTML, emphasis, code, links and pipes in any field render as the characters themselves."""
    html = _html(_case())
    for tag in ("<img", "<em>", "<code>", "<a ", "<s>", "<del>"):
        assert tag not in html
    shown = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; *b* `c` [l](javascript:x) | ~~s~~ &amp; &amp;amp; \\"
    # The title, the note, the headline, the heading, the paragraph and the table cells.
    assert html.count(shown) >= 6


def test_line_starts_do_not_become_structure() -> None:
    """A paragraph starting with # or 1. stays a paragraph, not a heading or a list."""
    html = _html(_case())
    assert "<p># 假标题</p>" in html
    assert "<p>1. 列表</p>" in html
    assert "<ol" not in html
    assert html.count("<h2") == 3  # the section, Organisations, Activities


def test_line_breaks_in_free_text_stay_inside_their_cell() -> None:
    """A description with a line break stays one table row."""
    page = pc.dumps(_case(), format="markdown").decode()
    rows = [line for line in page.splitlines() if line.startswith("| ")]
    assert all(line.endswith(" |") for line in rows)
    html = _html(_case())
    assert html.count("<tr>") == 4  # two header rows, two body rows


def test_plain_chinese_text_is_unchanged() -> None:
    """Ordinary text, dates and full-width punctuation come out as written."""
    case = pc.Case.model_validate(
        {
            "id": "plain",
            "language": "zh-Hant",
            "title": "濟南市優秀活動案例(典型案例二十三)",
            "organisations": [{"id": "org:甲", "name": "天津市文化傳媒商會", "founded": "2013-09"}],
        }
    )
    page = pc.dumps(case, format="markdown").decode()
    assert page.startswith("# 濟南市優秀活動案例(典型案例二十三)\n")
    assert "| 天津市文化傳媒商會 | other | 2013-09 |" in page


class _Texts(html.parser.HTMLParser):
    """The text directly inside each element of a rendered page, by tag, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[list[str]] = []
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open.append(len(self.found))
        self.found.append([tag, ""])

    def handle_endtag(self, tag: str) -> None:
        self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.found[self._open[-1]][1] += data


_MARKUP = st.sampled_from([*"<>&*_`[]|~#-+=.!\\()/:' \"", "1.", "&amp;", "<b>", "**"])
_HOSTILE = (
    st.lists(_MARKUP | st.characters(min_codepoint=0x4E00, max_codepoint=0x4E20), max_size=12)
    .map("".join)
    .map(str.strip)
    .filter(bool)
)


@given(title=_HOSTILE, paragraph=_HOSTILE, name=_HOSTILE)
def test_every_field_shows_exactly_its_characters(title: str, paragraph: str, name: str) -> None:
    """Whatever markup characters a title, a paragraph or a name holds, the page shows them as written."""
    case = pc.Case.model_validate(
        {
            "id": "any",
            "language": "zh-Hans",
            "title": title,
            "sections": [{"paragraphs": [{"text": paragraph}]}],
            "organisations": [{"id": "org:甲", "name": name}],
        }
    )
    parser = _Texts()
    parser.feed(_html(case))
    texts = [(tag, re.sub(r"\s+", " ", text).strip()) for tag, text in parser.found]

    def shown(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip()

    assert texts[0] == ("h1", shown(title))
    assert ("p", shown(paragraph)) in texts
    assert ("td", shown(name)) in texts
    page_tags = {"h1", "h2", "p", "ul", "li", "strong", "table", "thead", "tbody", "tr", "th", "td"}
    assert {tag for tag, _ in texts} <= page_tags


def _paragraphs(*items: tuple[str | None, str]) -> pc.Case:
    """A case of one section whose paragraphs are ``(marker, text)`` pairs."""
    paragraphs = [{"marker": marker, "text": text} for marker, text in items]
    return pc.Case.model_validate(
        {"id": "m", "language": "zh-Hans", "sections": [{"paragraphs": paragraphs}]}
    )


def test_markers_ending_in_punctuation_are_bold_too() -> None:
    """(1), 一是： and （二） show in bold as 一是 does, never with their asterisks."""
    case = _paragraphs(
        ("(1)", "加强学习"),
        ("一是：", "强化服务"),
        ("（二）", "建强阵地"),
        ("<1>", "甲"),
        ("一是", "乙"),
    )
    html = _html(case)
    assert "*" not in html
    assert "<p><strong>(1)</strong> 加强学习</p>" in html
    assert "<p><strong>一是：</strong> 强化服务</p>" in html
    assert "<p><strong>（二）</strong> 建强阵地</p>" in html
    assert "<p><strong>&lt;1&gt;</strong> 甲</p>" in html
    # The parser's markers (一是, 二是, …) end in a letter and need no space.
    assert "\n**一是**乙\n" in pc.dumps(case, format="markdown").decode()


@given(marker=_HOSTILE, paragraph=_HOSTILE)
def test_every_marker_shows_in_bold_before_its_text(marker: str, paragraph: str) -> None:
    """Whatever a marker and its paragraph hold, the marker shows in bold and both as written."""
    parser = _Texts()
    parser.feed(_html(_paragraphs((marker, paragraph))))
    texts = [(tag, re.sub(r"\s+", " ", text).strip()) for tag, text in parser.found]
    assert ("strong", re.sub(r"\s+", " ", marker).strip()) in texts
    assert ("p", re.sub(r"\s+", " ", paragraph).strip()) in texts


def test_sections_nested_deeper_than_six_levels_stay_headings() -> None:
    """Markdown has six heading levels: deeper sections are headings of the sixth, in order."""
    deepest: dict[str, Any] = {"heading": "第8层", "paragraphs": [{"text": "正文"}]}
    section = deepest
    for level in range(7, 1, -1):
        section = {"heading": f"第{level}层", "subsections": [section]}
    case = pc.Case.model_validate({"id": "deep", "language": "zh-Hans", "sections": [section]})
    html = _html(case)
    assert "#" not in html
    headings = re.findall(r"<(h[1-6])>([^<]*)</h[1-6]>", html)
    assert headings == [
        ("h1", "deep"), ("h2", "第2层"), ("h3", "第3层"), ("h4", "第4层"), ("h5", "第5层"),
        ("h6", "第6层"), ("h6", "第7层"), ("h6", "第8层"),
    ]  # fmt: skip
    assert html.endswith("<h6>第8层</h6>\n<p>正文</p>\n")
