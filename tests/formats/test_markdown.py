"""Tests for the Markdown page: what a field holds is shown, never read as markup."""

from __future__ import annotations

from typing import Any

import pytest

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
