"""The layout pass: the role of every line, read with a small page grammar.

It builds the case's skeleton — title, timestamp, source, editor's note,
headline, sections — and records every stretch of the input it accounts for as
a :class:`Segment`, so a caller can prove nothing was lost. It decides nothing
about facts: the facts pass reads every line but the page's furniture, whatever
role the layout gave it.

Lines are read in the matching view (:class:`~partycases.text.normalise.View`),
so a heading or a 来源 line with conversion artefacts in it is still recognised;
every span it records is an offset into the input.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import operator
import re
from collections.abc import Iterator
from typing import Final

import attrs

from partycases.errors import LoadError, Problem
from partycases.models import SectionKind
from partycases.text import lexicon
from partycases.text.normalise import HAN, View, is_han
from partycases.text.numerals import NUMERAL_CHARS, parse_number

__all__ = ["Block", "Node", "Segment", "Skeleton", "read_layout"]

Span = tuple[int, int]
N: Final = f"[{NUMERAL_CHARS}]"

#: 濟南市優秀活動案例(典型案例二十三) / 青岚市…（典型案例第七期） / 典型案例之12
SERIES: Final = re.compile(
    rf"(?P<name>[\u3400-\u9fff]{{0,10}}?案例)(?:之|第)?(?P<number>[0-9]{{1,4}}|{N}{{1,6}})(?:期|号|篇)?"
)
#: 2023-05-23 16:34:54 / 2022年3月8日10:20 / 2019/07/23 / 2021.07.02
TIMESTAMP: Final = re.compile(
    r"(?P<year>[0-9]{4})\s{0,2}(?P<sep>[-/.年])\s{0,2}(?P<month>[0-9]{1,2})\s{0,2}[-/.月]"
    r"\s{0,2}(?P<day>[0-9]{1,2})(?![0-9])\s{0,2}日?"
    r"(?:\s{0,3}(?P<hour>[0-9]{1,2})\s{0,1}[:时]\s{0,1}(?P<minute>[0-9]{2})"
    r"(?:\s{0,1}[:分]\s{0,1}(?P<second>[0-9]{2}))?)?"
)
#: How many lines from the top a site banner and the title after it are looked for in.
HEADER_SCAN: Final = 12
#: What may stand on a timestamp line besides the timestamp: 发布时间:, 来源:…, 作者:…
META_LABEL: Final = re.compile(
    r"发布时间|发布日期|更新时间|时间|日期|来源|作者|编辑|浏览|阅读|点击|字号|发表于"
)
TIMESTAMP_LABEL: Final = re.compile(r"(?:发布时间|发布日期|更新时间|时间|日期)?\s{0,3}:?\s{0,3}")
#: The label right before a timestamp on a meta line: 发布时间: / 更新时间 (marked, not lost).
_LABEL_BEFORE: Final = re.compile(r"(?:发布时间|发布日期|更新时间|时间|日期)\s{0,3}:?\s{0,3}$")
#: 来源: 中国网络社会组织联合会 / 文章来源:… (anywhere in a short line)
SOURCE: Final = re.compile(r"(?:文章|稿件|信息|新闻)?来源\s{0,3}[:]\s{0,3}")
#: Where a source's value ends: a timestamp, another label, a web address, a wide gap.
SOURCE_END: Final = re.compile(
    r"\s{2,}|\s?(?:作者|编辑|责任编辑|浏览|阅读|点击|发布时间|发布日期|时间|日期)\s{0,2}[:]"
    r"|https?:|www\.|\s?(?:19|20)[0-9]{2}[-/.年][0-9]{1,2}|\s?\|"
)
#: 【編者按】… / 编者按:… / -编者按- … / [编者按]
EDITOR_NOTE: Final = re.compile(
    r"^[【\[(<《-]{0,2}\s{0,3}编者按\s{0,3}[】\])>》-]{0,2}\s{0,3}[:]?\s{0,3}"
)
#: 一、案例背景 / 三. 工作成效 / 二、 背景与起因
SECTION: Final = re.compile(rf"^(?P<number>{N}{{1,4}})\s{{0,3}}[、.]\s{{0,3}}")
#: (一)提升支部組織力… / （二）繪製…
SUBSECTION: Final = re.compile(rf"^\(\s{{0,3}}(?P<number>{N}{{1,4}})\s{{0,3}}\)\s{{0,3}}")
#: 1. 强化政治引领 / 2、搭建平台 (not 2023.5 or 1.5万)
ARABIC: Final = re.compile(r"^(?P<number>[0-9]{1,2})\s{0,2}(?:、|\.(?![0-9]))\s{0,3}")
#: 一是以學為先… (kept only at a paragraph start or after a sentence end)
ITEM: Final = re.compile(rf"(?P<number>{N}{{1,3}})是")
ITEM_AFTER: Final = "。;!?"
#: A byline: 文|某某 / 作者:某某 / 记者 某某 / 通讯员 某某
BYLINE: Final = re.compile(
    r"^(?:(?:作者|记者|通讯员|撰稿|供稿)\s{0,2}[|丨/:]?"
    # 文 and 图 alone start words too (文化, 图书): a separator or a space must follow them.
    r"|(?:文|图|文/图|文图)(?:\s{1,2}[|丨/:]?|[|丨/:]))\s{0,2}[\u3400-\u9fff]"
)
#: A name line: 某某商会党支部书记 张某某
NAME_LINE: Final = re.compile(
    r"(?:书记|副书记|会长|副会长|秘书长|主任|理事长|董事长|总经理|负责人|主席|党委委员)\s{1,4}[\u3400-\u9fff]{2,4}$"
)
#: A heading over a list of honours, one per line: 近年来获得的荣誉:
HONOUR_LIST: Final = re.compile(r"荣誉|获奖|殊荣|表彰|称号|奖项")
#: A caption: △ … / ▲ … / (某某 摄) / … 某某 摄. The credit's name holds no bracket, so a
#: numbered heading about filming, (三)组织拍摄, is no credit.
CAPTION: Final = re.compile(r"^[△▲▼◆]|[\s(][^\s()]{1,8}\s{0,2}摄\)?$|^图[为:]")
#: A periodical's issue line: 社会组织党建 2021年4期
ISSUE_LINE: Final = re.compile(r"(?:19|20)[0-9]{2}年(?:第)?[0-9]{1,2}期$")
#: How a caption that holds no 摄 opens (:data:`CAPTION`).
_CAPTION_OPENINGS: Final = ("△", "▲", "▼", "◆", "图")
_END_PUNCTUATION: Final = "。!?;,."
#: A run of characters on one line that are not white space (nor a byte order mark).
_VISIBLE_RUN: Final = re.compile(
    r"[^\s\ufeff](?:[^\r\n\f\v\x1c-\x1e\x85\u2028\u2029]*[^\s\ufeff])?"
)
_MEANINGFUL: Final = re.compile(f"[0-9A-Za-z{HAN}]")
HEADING_MAX: Final = 30
#: A line this long or longer that holds a comma is running text, not a heading (it
#: ends without punctuation where a converted document broke it at the page's width).
WRAPPED_MIN: Final = 24
TITLE_MAX: Final = 80


@attrs.frozen
class Segment:
    """A stretch ``[start, end)`` of the input and the role it plays in the case."""

    start: int
    end: int
    role: str

    def read(self, text: str) -> str:
        """The characters of the segment."""
        return text[self.start : self.end]


#: The sort key of segments, in order through the input (a C call, not a Python function).
SEGMENT_START: Final = operator.attrgetter("start")


@attrs.define
class Block:
    """A paragraph: its text span and, for an enumerated item, its marker span."""

    start: int
    end: int
    marker: Span | None = None
    broken: bool = False
    """Whether it runs over a line break (a sentence broken over lines, joined): a
    paragraph within one line holds none, but for invisible characters the view drops."""
    skipped: list[Span] | None = None
    """Input spans inside it that are not its text: a page break's running head and page
    number, between the two halves of a sentence it broke (None: there are none)."""
    fact_line: int = -1
    """The index of its line among the skeleton's fact lines, once recorded."""


@attrs.define
class Node:
    """A section or subsection under construction."""

    kind: SectionKind = SectionKind.OTHER
    number: int | None = None
    heading: list[Span] = attrs.Factory(list)
    paragraphs: list[Block] = attrs.Factory(list)
    subsections: list[Node] = attrs.Factory(list)
    last_item: int = 0
    """The number of the last enumerated item (一是 is 1), so 二是 on the next line continues."""


@attrs.define
class Skeleton:
    """Everything the layout pass found, as spans of the input."""

    title: list[Span] = attrs.Factory(list)
    series: tuple[str, int] | None = None
    published_at: dt.datetime | None = None
    editor_note: Span | None = None
    headline: Span | None = None
    sections: list[Node] = attrs.Factory(list)
    source: Span | None = None
    unparsed: list[Span] = attrs.Factory(list)
    segments: list[Segment] = attrs.Factory(list)
    warnings: list[str] = attrs.Factory(list)
    lines: list[tuple[Span, str]] = attrs.Factory(list)
    """Every line (or sentence broken over lines) with its role, for the facts pass."""
    joins: list[Span] = attrs.Factory(list)
    skipped: list[Span] = attrs.Factory(list)
    """Page furniture inside joined sentences (each paragraph's :attr:`Block.skipped`)."""
    """Line breaks inside a sentence: the facts pass reads across them."""

    def mark(self, start: int, end: int, role: str) -> None:
        """Record that ``[start, end)`` plays ``role``."""
        if start < end:
            self.segments.append(Segment(start, end, role))

    def lose(self, start: int, end: int, why: str, text: str) -> None:
        """Keep ``[start, end)`` as unparsed text, with a warning that says why."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            self.unparsed.append((start, end))
            self.mark(start, end, "unparsed")
            self.warnings.append(f"{why}: {text[start:end]!r} at offset {start}")


@functools.cache
def _chrome_words() -> tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    """Words anywhere in a short line (but > and », which count apart), at its start, alone.

    The first as one pattern: one search finds any of them.
    """
    words = lexicon.chrome()
    in_line = [w for w, where in words.items() if where == "line" and w not in (">", "»")]
    return (
        re.compile("|".join(map(re.escape, in_line)) or "(?!)"),  # none: nothing matches
        tuple(w for w, where in words.items() if where == "start"),
        tuple(w for w, where in words.items() if where == "block"),
    )


#: An app article's credits: 文字 | 宣传部, 编辑:黄琦, 审核 | 某某, 图片:某某.
CREDIT: Final = re.compile(r"(?:文字|编辑|审核|图片|摄影|排版|校对|责编|美编)\s{0,2}[:|丨/]")


def _only_buttons(bare: str) -> bool:
    """Whether a line holds only an app's buttons and their counts: 分享 在看 46 赞 88, —END—."""
    words = [piece for piece in bare.strip("—-–~·•*=_ ").lower().split() if not piece.isdigit()]
    return bool(words) and _alone_words().issuperset(words)


@functools.cache
def _alone_words() -> frozenset[str]:
    """Words that make a line chrome when it holds nothing else: END, 阅读原文, 分享 收藏 在看."""
    return frozenset(w.lower() for w, where in lexicon.chrome().items() if where == "alone")


@functools.cache
def _labels() -> re.Pattern[str]:
    words = sorted(lexicon.labels(), key=len, reverse=True)
    return re.compile("^(?P<label>" + "|".join(map(re.escape, words)) + r")\s{0,2}:\s{0,3}")


@functools.cache
def _org_suffix_at_end() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(map(re.escape, lexicon.suffixes())) + ")$")


def section_kind(folded_heading: str) -> SectionKind:
    """The section kind a heading's words say (案例背景 -> background)."""
    for word, kind in lexicon.section_words():
        if word in folded_heading:
            return SectionKind(kind)
    return SectionKind.OTHER


#: A page number on a line of its own, as a converted document prints it: — 23 —, - 7 -,
#: 第3页, 第 3 页 共 12 页, 3/12.
PAGE_NUMBER: Final = re.compile(
    r"[-—–~\s]*(?:[-—–~]\s*[0-9]{1,4}\s*[-—–~]|第\s*[0-9]{1,4}\s*页(?:\s*[,/]?\s*共\s*[0-9]{1,4}\s*页)?"
    r"|[0-9]{1,4}\s*/\s*[0-9]{1,4})[-—–~\s]*"
)


#: A journal's running foot: its name, the issue and the page, in either order
#: (社会组织党建 2020(6) 22 / 22 社会组织党建 2020年第6期).
JOURNAL_FOOT: Final = re.compile(
    r"(?P<lead>[0-9]{1,4}\s+)?[\u3400-\u9fff]{2,16}\s*(?:19|20)[0-9]{2}\s*(?:年\s*)?"
    r"(?:第\s*[0-9]{1,2}\s*期|\(\s*[0-9]{1,2}\s*\)|\.\s*[0-9]{1,2})"
    r"(?P<trail>\s*·\s*[0-9]{1,4}\s*·?|\s+[0-9]{1,4})?"
)


#: A journal's issue line over an article: 《社会组织党建》2020年第6期 第22-23页.
JOURNAL_ISSUE: Final = re.compile(
    r"《[^《》]{2,20}》\s*(?:19|20)[0-9]{2}\s*年\s*(?:第\s*)?[0-9]{1,2}\s*期"
    r"(?:\s*(?:第\s*)?[0-9]{1,4}\s*(?:[-—~]\s*[0-9]{1,4}\s*)?页)?"
)


def _furniture(bare: str, size: int) -> bool:
    """Whether a short line is a printed document's furniture.

    That is a page number, a journal's issue line or its running foot; each holds a digit,
    looked for first.
    """
    if _DIGIT.search(bare) is None:
        return False
    if size <= 24 and PAGE_NUMBER.fullmatch(bare):
        return True
    if JOURNAL_ISSUE.fullmatch(bare):
        return True
    if size <= 36:
        foot = JOURNAL_FOOT.fullmatch(bare)
        # A page number at one end, not both: 全国先进社会组织 2019.12 prints none.
        return foot is not None and (foot["lead"] is None) != (foot["trail"] is None)
    return False


_DIGIT: Final = re.compile("[0-9]")


def _menu(line: str) -> bool:
    """Whether a line is a site's menu: three items or more, each short, between bars."""
    items = [item.strip() for item in line.strip(" |").split("|")]
    return (
        len(items) >= 3
        and all(0 < len(item) <= MENU_ITEM_MAX for item in items)
        # A menu names pages, with no figure (1 | 全国先进社会组织 | 2019年 is a table).
        and _DIGIT.search(line) is None
    )


#: The longest item of a site's menu (政务公开, 走进南屏, 长者模式): a title's halves are longer.
MENU_ITEM_MAX: Final = 8


def is_chrome(line: str) -> bool:
    """Whether a line (folded) is page furniture: share prompts, breadcrumbs, counters."""
    in_line, at_start, _ = _chrome_words()
    bare = line.lstrip("【[(『「 ").rstrip()
    size = len(bare)
    if size <= 40 and _furniture(bare, size):
        return True
    if bare.count("|") >= 2 and _menu(bare):
        return True
    if bare.startswith(at_start):
        return True
    if line.count(">") >= 2 or "»" in line:  # a breadcrumb: 首页 > 新闻 (>> counts twice)
        return len(line) <= 120
    if len(line) <= 40 and (
        in_line.search(line) is not None or _only_buttons(bare) or CREDIT.match(bare) is not None
    ):
        return True
    # Lengths first: the patterns end at the line's end, and are searched for from each
    # position; and a word either must hold, found by a plain search.
    return (len(line) <= 30 and "期" in line and ISSUE_LINE.search(line) is not None) or (
        len(line) <= 60
        and ("摄" in line or line.startswith(_CAPTION_OPENINGS))
        and CAPTION.search(line) is not None
    )


def opens_block(line: str) -> bool:
    """Whether a line opens a block of other stories (相关阅读, 新闻推荐)."""
    bare = line.strip("【】[]()<>:- ")
    return bare in _chrome_words()[2]


#: Where a timestamp may start: a digit with three more after it.
_YEAR_START: Final = re.compile("[0-9](?=[0-9]{3})")


def _first_timestamp(line: str) -> re.Match[str] | None:
    """``TIMESTAMP.search(line, 0, 120)``, tried only where four digits start.

    The pattern opens with a group, which the engine tries at every position; this one
    opens with a class, which it skips ahead to.
    """
    for year in _YEAR_START.finditer(line, 0, 120):
        match = TIMESTAMP.match(line, year.start(), 120)
        if match is not None:
            return match
    return None


def _has_source(line: str) -> bool:
    """Whether :data:`SOURCE` is in ``line``.

    The word first: the pattern opens with options, which the engine tries at every position.
    """
    return "来源" in line and SOURCE.search(line) is not None


def timestamp(line: str) -> tuple[re.Match[str], dt.datetime] | None:
    """The publication timestamp on a header or meta line, if the line is one."""
    if len(line) > 160:
        return None
    match = _first_timestamp(line)
    if match is None:
        return None
    before = line[: match.start()]
    rest = line[match.end() :].strip()
    if len(rest) > 3 and not (META_LABEL.search(rest) or _has_source(rest)):
        return None  # 2019年10月1日,支部黨員…: a sentence that starts with a date
    labelled = TIMESTAMP_LABEL.fullmatch(before) is not None
    if not labelled and not META_LABEL.search(line) and not _has_source(line):
        return None
    if not labelled and len(line) > 100:
        return None
    if match["sep"] != "年" and not (match["hour"] or labelled or META_LABEL.search(line)):
        return None
    parts = match.groupdict()
    try:
        stamp = dt.datetime(
            int(parts["year"]),
            int(parts["month"]),
            int(parts["day"]),
            int(parts["hour"] or 0),
            int(parts["minute"] or 0),
            int(parts["second"] or 0),
        )
    except ValueError:
        return None
    return match, stamp


def source(line: str) -> tuple[int, int, int] | None:
    """A 来源 on a meta line: (marker start, value start, value end) in the line."""
    if len(line) > 160 or "来源" not in line:  # the word first: the pattern opens with options
        return None
    match = SOURCE.search(line)
    if match is None:
        return None
    if match.start() > 0 and not (
        line[match.start() - 1].isspace() or line[match.start() - 1] in "|丨[【(" or timestamp(line)
    ):
        return None
    start = match.end()
    stop = SOURCE_END.search(line, start)
    end = stop.start() if stop is not None else len(line)
    while end > start and not _MEANINGFUL.match(line[end - 1]) and line[end - 1] not in ")】」":
        end -= 1
    return match.start(), start, end


#: The most lines (not blank) a text may have. A published case has tens to hundreds; each
#: line costs the layout and facts passes some tens of microseconds and a kilobyte or so of
#: objects whatever its length, so a megabyte of one-character lines would take most of a
#: minute. Past this, the text is refused once its lines are found.
MAX_LINES: Final = 50_000


class _Reader:
    """Reads the lines once, header first, then the body."""

    def __init__(self, text: str, view: View) -> None:
        self.text = text
        self.view = view
        self.lines = _lines(view.text, MAX_LINES + 1)
        self.line_starts = [start for start, _ in self.lines]
        if len(self.lines) > MAX_LINES:
            raise LoadError(
                [
                    Problem(
                        f"the text has more than {MAX_LINES} lines, the limit "
                        "(a published case has hundreds)"
                    )
                ]
            )
        self.skeleton = Skeleton()
        self.arabic_top = False
        self.paren_top = False
        self.furniture = self._running_heads()

    # ---------------------------------------------------------- helpers

    def _running_heads(self) -> frozenset[Span]:
        """The lines a converted document repeats at each page break: its running heads.

        A short line printed twice or more, once at least beside a page number (— 23 —), is
        the document's running head or foot, not the article's text; but not its first
        printing away from any page number (the title, set as the running head too), and
        never a numbered heading.
        """
        lines = self.lines
        numbers = [
            i
            for i, line in enumerate(lines)
            if line[1] - line[0] <= 24 and PAGE_NUMBER.fullmatch(self.folded(line).strip())
        ]
        if not numbers:
            return frozenset()
        # The short lines beside a page number, by their text, and every short line by its
        # text: a running head is printed beside a page number, and again at other breaks.
        beside: set[str] = set()
        for i in numbers:
            for j in (i - 1, i + 1):
                if 0 <= j < len(lines) and lines[j][1] - lines[j][0] <= 40:
                    beside.add(self.folded(lines[j]).strip())
        near = {lines[j] for i in numbers for j in (i - 1, i + 1) if 0 <= j < len(lines)}
        seen: dict[str, list[int]] = {}  # the indexes of each text's lines, in order
        for index, line in enumerate(lines):
            if line[1] - line[0] <= 40:
                text = self.folded(line).strip()
                if text in beside:
                    seen.setdefault(text, []).append(index)
        furniture: set[Span] = set()
        for text, found in seen.items():
            if (
                len(found) < 2
                or not _MEANINGFUL.search(text)
                or SECTION.match(text)  # a numbered heading repeated: 二、工作成效
                or SUBSECTION.match(text)
            ):
                continue
            # Its first printing away from any page number, right over the article's text, is
            # the article's own line (its title, set as the running head too); every other is
            # furniture (a compilation's head over 案例十二 and the case's own title).
            first = found[0]
            following = self.folded(lines[first + 1]) if first + 1 < len(lines) else ""
            own = lines[first] not in near and (
                len(following) > TITLE_MAX or any(p in following for p in "。,;")
            )
            furniture.update(lines[index] for index in found if index != first or not own)
        return frozenset(furniture)

    def folded(self, line: Span) -> str:
        return self.view.text[line[0] : line[1]]

    def span(self, start: int, end: int) -> Span:
        # Layout pieces take the dropped characters at their edges: nothing is lost.
        return self.view.outer(start, end)

    def mark(self, start: int, end: int, role: str) -> None:
        a, b = self.span(start, end)
        self.skeleton.mark(a, b, role)

    def lose(self, start: int, end: int, why: str) -> None:
        a, b = self.span(start, end)
        self.skeleton.lose(a, b, why, self.text)

    def fact_line(self, start: int, end: int, role: str) -> None:
        self.skeleton.lines.append((self.span(start, end), role))

    def read(self) -> Skeleton:
        lines = self.lines
        # Top-level headings are 一、…; without any, (一)…; without those either, 1. …
        plain = not any(SECTION.match(self.folded(line)) for line in lines)
        # Not where unnumbered headings stand above them (主要做法, then (一)…(二)…).
        self.paren_top = (
            plain
            and any(SUBSECTION.match(self.folded(line)) for line in lines)
            and not any(self._section_line(self.folded(line)) for line in lines)
        )
        self.arabic_top = (
            plain and not self.paren_top and any(ARABIC.match(self.folded(line)) for line in lines)
        )
        trailing = next(
            (i for i, line in enumerate(lines) if opens_block(self.folded(line))), len(lines)
        )
        body_at = self._header(lines[:trailing])
        self._body(lines[body_at:trailing])
        for line in lines[trailing:]:
            self.lose(*line, "page text after the article")
            self.fact_line(*line, "chrome")
        self._keep_the_rest()
        return self.skeleton

    def _keep_the_rest(self) -> None:
        """Keep as unparsed whatever no role covers.

        That is characters the matching view dropped, on a line of their own or apart
        from the text by a space.
        """
        sk = self.skeleton
        position = 0
        gaps: list[Span] = []
        for segment in sorted(sk.segments, key=SEGMENT_START):
            if segment.start > position:
                gaps.append((position, segment.start))
            position = max(position, segment.end)
        gaps.append((position, len(self.text)))
        for start, end in gaps:
            if self.text[start:end].isspace():  # most gaps: the line breaks between lines
                continue
            for run in _VISIBLE_RUN.finditer(self.text, start, end):
                sk.lose(run.start(), run.end(), "characters a conversion left", self.text)

    # ----------------------------------------------------------- header

    def _meta(self, line: Span) -> bool:
        """Take a timestamp and/or 来源 line; False when the line is neither."""
        folded = self.folded(line)
        sk = self.skeleton
        stamp = timestamp(folded)
        found = source(folded)
        if stamp is None and found is None:
            return False
        if found is not None and not (stamp is not None or found[0] == 0 or len(folded) <= 60):
            return False
        taken: list[tuple[int, int, str]] = []
        if stamp is not None:
            match, when = stamp
            if sk.published_at is None:
                sk.published_at = when
            taken.append((match.start(), match.end(), "timestamp"))
            # 发布时间: right before it is the timestamp's label, not text of the page.
            label = _LABEL_BEFORE.search(folded, 0, match.start())
            if label is not None and label.start() < label.end():
                taken.append((label.start(), label.end(), "marker"))
        if found is not None:
            marker, start, end = found
            if start < end and sk.source is None:
                sk.source = self.span(line[0] + start, line[0] + end)
                taken.append((marker, start, "marker"))
                taken.append((start, end, "source"))
        taken.sort()
        position = 0
        for start, end, role in taken:
            if start < position:
                continue
            if start > position:
                self._loose(line[0] + position, line[0] + start, position > 0)
            self.mark(line[0] + start, line[0] + end, role)
            position = end
        self._loose(line[0] + position, line[1], position > 0)
        return True

    def _loose(self, start: int, end: int, after: bool) -> None:
        """Keep a meta line's other text aside: after what was taken from it, or before."""
        piece = self.view.text[start:end]
        if piece.strip():
            self.lose(start, end, "text after the timestamp" if after else "page text")

    def _title_candidate(self, folded: str) -> bool:
        return (
            len(folded) <= TITLE_MAX
            and "。" not in folded[:-1]
            and folded[-1] not in "。;,"
            and not (SECTION.match(folded) or SUBSECTION.match(folded) or _labels().match(folded))
        )

    def _byline(self, folded: str) -> bool:
        if BYLINE.match(folded) or NAME_LINE.search(folded):
            return True
        if len(folded) > 30 or not _org_suffix_at_end().search(folded):
            return False
        return all(is_han(char) or char in "()、 " for char in folded)

    def _banner(self, lines: list[Span]) -> int:
        """How many header lines come before the title's: a site's name above its chrome.

        A page may open with its site's name (某县人民政府, 某协会, 某某党建网) over its
        breadcrumbs or menus, and put the title after them. The first line that could be a
        title is such a banner when it is a name alone, chrome follows it, and another line
        that could be a title comes after that chrome; the title is then that line.
        """
        first = -1
        chrome_after = False
        for index, line in enumerate(lines[:HEADER_SCAN]):
            folded = self.folded(line)
            if not _MEANINGFUL.search(folded):
                continue
            meta = timestamp(folded) is not None or source(folded) is not None
            if meta or (line in self.furniture or is_chrome(folded)):
                if first < 0 or meta:
                    continue
                chrome_after = True
                continue
            if (first >= 0 and _honour_row(folded)) or SERIES.fullmatch(folded.strip()):
                continue  # a profile's row of honours, or the case's number over the title
            if not self._title_candidate(folded):
                return 0
            if first < 0:
                if not self._names_a_body(folded):
                    return 0
                first = index
                continue
            # A profile's name over its first heading (协会简介) is its title, not a banner.
            return index if chrome_after and not self._section_line(folded) else 0
        return 0

    def _section_line(self, folded: str) -> bool:
        """Whether a line is an unnumbered heading by its words alone: 主要做法, 协会简介."""
        if (
            len(folded) > HEADING_MAX
            or any(p in folded for p in "。,;")
            or SUBSECTION.match(folded)
        ):
            return False
        return section_kind(folded) is not SectionKind.OTHER or _labels().match(folded) is not None

    def _names_a_body(self, folded: str) -> bool:
        """Whether a line is only a body's name: Han characters ending in an organisation suffix."""
        return (
            len(folded) <= 30
            and _org_suffix_at_end().search(folded) is not None
            and all(is_han(char) or char in "()" for char in folded)
        )

    def _header(self, lines: list[Span]) -> int:
        """Read the header; return the index of the first body line."""
        sk = self.skeleton
        index = 0
        note_seen = False
        count = len(lines)
        title_at = self._banner(lines)
        while index < count:
            line = lines[index]
            folded = self.folded(line)
            # A timestamp or 来源 line first: it may hold chrome too (来源:某网 字号:大 中 小).
            if self._meta(line):
                self.fact_line(*line, "meta")
                index += 1
                continue
            if sk.title and (row := _honour_row(folded)):
                # Under the title, a row of honours between bars is no site menu.
                self._row(line, row, None)
                index += 1
                continue
            if line in self.furniture or is_chrome(folded):
                self.lose(*line, "page chrome")
                self.fact_line(*line, "chrome")
                index += 1
                continue
            note = EDITOR_NOTE.match(folded)
            if note is not None and sk.editor_note is None:
                self.mark(line[0], line[0] + note.end(), "marker")
                note_seen = True
                if line[0] + note.end() < line[1]:
                    self._note(line[0] + note.end(), line[1])
                    index += 1
                elif index + 1 < count:
                    self._note(*lines[index + 1])
                    index += 2
                else:
                    index += 1
                continue
            if not sk.title and SERIES.fullmatch(folded.strip()):
                # 案例十四 on a line of its own, over the title: the case's number.
                match = SERIES.fullmatch(folded.strip())
                assert match is not None
                number = _number(match["number"])
                if sk.series is None and number is not None:
                    sk.series = (match["name"], number)
                self.mark(*line, "marker")
                index += 1
                continue
            if index < title_at and (row := _honour_row(folded)):
                self._row(line, row, None)  # a profile's row of honours, under its banner
                index += 1
                continue
            if not self._title_candidate(folded):
                break
            if index < title_at:
                self.lose(*line, "a site banner")
                self.fact_line(*line, "chrome")
                index += 1
                continue
            if not sk.title:
                index = self._title(lines, index)
                continue
            following = self.folded(lines[index + 1]) if index + 1 < count else ""
            before_heading = bool(SECTION.match(following) or _labels().match(following))
            byline = self._byline(folded)
            if (
                (before_heading or (note_seen and not byline))
                and sk.headline is None
                and len(folded) <= HEADING_MAX
                and index + 1 < count
                and not (BYLINE.match(folded) or NAME_LINE.search(folded))
            ):
                sk.headline = self.span(*line)
                self.mark(*line, "headline")
                self.fact_line(*line, "headline")
                index += 1
                continue
            if byline:
                self.lose(*line, "a byline")
                self.fact_line(*line, "byline")
                index += 1
                continue
            break
        return index

    def _note(self, start: int, end: int) -> None:
        self.skeleton.editor_note = self.span(start, end)
        self.mark(start, end, "editor_note")
        self.fact_line(start, end, "note")

    def _title(self, lines: list[Span], index: int) -> int:
        sk = self.skeleton
        line = lines[index]
        parts = [line]
        folded = self.folded(line)
        if index + 1 < len(lines):
            following = self.folded(lines[index + 1])
            joins = folded.endswith((":", "——", "|")) or following.startswith("——")
            if (
                joins
                and self._title_candidate(following)
                and not self._meta_like(following)
                and len(folded) + len(following) <= TITLE_MAX
            ):
                parts.append(lines[index + 1])
        for part in parts:
            sk.title.append(self.span(*part))
            self.mark(*part, "title")
            self.fact_line(*part, "title")
        whole = "".join(self.folded(part) for part in parts)
        match = SERIES.search(whole)
        if match is not None and not _NUMERAL.match(whole, match.end("number")):
            number = _number(match["number"])
            if number is not None:
                sk.series = (match["name"], number)
        return index + len(parts)

    def _meta_like(self, folded: str) -> bool:
        return timestamp(folded) is not None or source(folded) is not None or is_chrome(folded)

    # ------------------------------------------------------------- body

    def _body(self, lines: list[Span]) -> None:
        sk = self.skeleton
        top: Node | None = None
        sub: Node | None = None
        previous: Block | None = None  # the last paragraph, if it may continue on this line
        listing: Node | None = None  # a section listing honours, one per line
        heading_lines = 0  # lines of an unnumbered heading still to take
        for position, line in enumerate(lines):
            folded = self.folded(line)
            if not _MEANINGFUL.search(folded):
                why = "text after the source line" if sk.source else "stray punctuation"
                self.lose(*line, why)
                previous = None
                continue
            if self._meta(line):
                self.fact_line(*line, "meta")
                previous = None
                continue
            if line in self.furniture or is_chrome(folded):
                self.lose(*line, "page chrome")
                self.fact_line(*line, "chrome")
                if not (line in self.furniture or PAGE_NUMBER.fullmatch(folded.strip())):
                    previous = None  # a page break's furniture leaves its paragraph open
                continue
            note = EDITOR_NOTE.match(folded)
            if note is not None and sk.editor_note is None and line[0] + note.end() < line[1]:
                self.mark(line[0], line[0] + note.end(), "marker")
                self._note(line[0] + note.end(), line[1])
                previous = None
                continue
            if previous is not None and self._continues(previous, folded):
                self._join(previous, line)
                continue
            previous = None
            if len(folded) <= 40 and NAME_LINE.search(folded):
                self.lose(*line, "a byline")
                self.fact_line(*line, "byline")
                continue
            row = _honour_row(folded)
            if row:
                holder = self._row(line, row, sub or top)
                if sub is None:
                    top = holder
                continue
            if listing is not None:
                if (
                    len(folded) <= 40
                    and not any(p in folded for p in "。;,")
                    and _numbered(SECTION.match(folded)) is None
                    and _numbered(SUBSECTION.match(folded)) is None
                    and not self._ends_listing(lines, position, folded)
                ):
                    listing.paragraphs.append(Block(*self.span(*line)))
                    self.mark(*line, "paragraph")
                    self.fact_line(*line, "honour")
                    continue
                listing = None
            section = _numbered(
                SECTION.match(folded)
                or (SUBSECTION.match(folded) if self.paren_top else None)
                or (ARABIC.match(folded) if self.arabic_top else None)
            )
            subsection = _numbered(
                (SUBSECTION.match(folded) if not self.paren_top else None)
                or (ARABIC.match(folded) if not self.arabic_top and top is not None else None)
            )
            label = _labels().match(folded)
            if heading_lines and not self._short(folded):
                heading_lines = 0  # a heading's lines end where a long line (a paragraph) starts
            if section is not None:
                top = self._heading(line, section, Node())
                top.kind = section_kind(self._heading_text(top))
                sk.sections.append(top)
                sub = None
                previous = self._last_block(top)
                if previous is None and self._honour_list(lines, position, folded):
                    listing = top  # 三、所获荣誉: one honour a line follows
            elif subsection is not None:
                sub = self._heading(line, subsection, Node())
                if top is None:
                    sk.sections.append(sub)
                    top, sub = sub, None
                else:
                    top.subsections.append(sub)
                previous = self._last_block(sub or top)
            elif label is not None:
                top = Node(kind=SectionKind(lexicon.labels()[label["label"]]))
                start = line[0] + label.start("label")
                top.heading.append(self.span(start, line[0] + label.end("label")))
                self.mark(start, line[0] + label.end("label"), "heading")
                self.mark(line[0] + label.end("label"), line[0] + label.end(), "marker")
                self.fact_line(start, line[0] + label.end("label"), "heading")
                sk.sections.append(top)
                sub = None
                if line[0] + label.end() < line[1]:
                    previous = self._paragraphs(line[0] + label.end(), line[1], top)
            elif heading_lines:
                heading_lines -= 1
                node = sub or top
                assert node is not None
                node.heading.append(self.span(*line))
                self.mark(*line, "heading")
                self.fact_line(*line, "heading")
            elif self._honour_list(lines, position, folded):
                node = Node(kind=SectionKind.OUTCOMES)
                end = line[1] - (1 if folded.endswith(":") else 0)
                node.heading.append(self.span(line[0], end))
                self.mark(line[0], end, "heading")
                self.mark(end, line[1], "marker")
                sk.sections.append(node)
                top, sub, listing = node, None, node
            elif (extra := self._unnumbered_heading(lines, position, folded)) >= 0:
                heading_lines = extra
                node = Node()
                node.heading.append(self.span(*line))
                self.mark(*line, "heading")
                self.fact_line(*line, "heading")
                if (
                    top is None
                    or (top.number is None and not top.subsections and top.heading)
                    or (top.number is None and not top.heading)
                ):
                    node.kind = section_kind(folded)
                    sk.sections.append(node)
                    top, sub = node, None
                else:
                    top.subsections.append(node)
                    sub = node
            else:
                node = sub or top
                if node is None:
                    node = top = Node()
                    sk.sections.append(node)
                previous = self._paragraphs(*line, node)

    def _ends_listing(self, lines: list[Span], position: int, folded: str) -> bool:
        """Whether a line after a list of honours is a heading that ends it (下一步工作打算).

        A heading as :meth:`_unnumbered_heading` reads one, holding no digit (a year) and
        not ending the way honour titles do.
        """
        return (
            _HONOUR_END.search(folded) is None
            and not any(char.isdigit() for char in folded)
            and self._unnumbered_heading(lines, position, folded) >= 0
        )

    def _row(self, line: Span, row: list[Span], node: Node | None) -> Node:
        """A row of honour titles: a paragraph of ``node`` (a new section if None)."""
        if node is None:
            node = Node()
            self.skeleton.sections.append(node)
        node.paragraphs.append(Block(*self.span(*line)))
        self.mark(*line, "paragraph")
        for a, b in row:
            self.fact_line(line[0] + a, line[0] + b, "honour")
        return node

    def _short(self, folded: str) -> bool:
        return (
            len(folded) <= HEADING_MAX
            and folded[-1] not in _END_PUNCTUATION
            and folded[-1] != ":"
            and not is_chrome(folded)
        )

    def _unnumbered_heading(self, lines: list[Span], position: int, folded: str) -> int:
        """-1 when the line is no heading, else how many following lines continue it."""
        if not self._short(folded) or (
            len(folded) >= WRAPPED_MIN
            and "," in folded
            and position + 1 < len(lines)
            and len(self.folded(lines[position + 1])) * 4 <= len(folded) * 5
        ):
            # A long line holding a comma, the next about as long at most: running text broken
            # at the page's width (a heading is followed by a paragraph longer than it).
            return -1
        extra = 0
        while extra < 2 and position + extra + 1 < len(lines):
            following = self.folded(lines[position + extra + 1])
            if not self._short(following) or (
                SECTION.match(following)
                or SUBSECTION.match(following)
                or _labels().match(following)
            ):
                break
            extra += 1
        if position + extra + 1 >= len(lines):
            return -1
        after = self.folded(lines[position + extra + 1])
        if len(after) <= len(folded) or is_chrome(after) or _MEANINGFUL.search(after) is None:
            return -1
        return extra

    def _honour_list(self, lines: list[Span], position: int, folded: str) -> bool:
        """近年来获得的荣誉: followed by one honour per line."""
        if (
            len(folded) > 20
            or not HONOUR_LIST.search(folded)
            or any(p in folded for p in "。,.;!?")
        ):
            return False
        if position + 1 >= len(lines):
            return False
        following = self.folded(lines[position + 1])
        return len(following) <= 40 and not any(p in following for p in "。;,")

    def _continues(self, previous: Block, folded: str) -> bool:
        r"""Whether a line continues a sentence the previous line broke off (发\\n挥)."""
        start, end = self.view.position(previous.start), self.view.position(previous.end)
        if end - start < 20:
            # The previous line's length, not its paragraph's: after an inline heading
            # ((一)标题。正文…) a paragraph starts mid-line. Lines end at any line break.
            start = self._line_start(start)
        last = self.view.text[end - 1 : end]
        first = folded[:1]
        return (
            end - start >= 20
            # A line of phrases a space apart (守初心担使命 强党建促发展) is no broken sentence.
            and " " not in self.view.text[self._line_start(end - 1) : end]
            and (is_han(last) or last in ",、」》")
            and (is_han(first) or first.isdigit() or first in "「《")
            and not (ITEM.match(folded) or SECTION.match(folded) or SUBSECTION.match(folded))
            and not _labels().match(folded)
        )

    def _line_start(self, position: int) -> int:
        """Where the line holding view offset ``position`` starts (its first visible character)."""
        return self.line_starts[max(0, bisect.bisect_right(self.line_starts, position) - 1)]

    def _join(self, previous: Block, line: Span) -> None:
        sk = self.skeleton
        start, end = self.span(*line)
        sk.joins.append((previous.end, start))
        if self.text[previous.end : start].strip():  # page furniture between the halves
            if previous.skipped is None:
                previous.skipped = []
            previous.skipped.append((previous.end, start))
            sk.skipped.append((previous.end, start))
        sk.mark(start, end, "paragraph")
        previous.end = end
        previous.broken = True
        # The facts pass reads the joined sentence as one line: the paragraph's own line
        # (the page furniture a page break put between the halves is recorded after it).
        index = previous.fact_line
        assert index >= 0, "a paragraph that continues was recorded with its line"
        (first, _), role = sk.lines[index]
        sk.lines[index] = ((first, end), role)

    def _heading_text(self, node: Node) -> str:
        return "".join(
            self.view.text[self.view.position(a) : self.view.position(b)] for a, b in node.heading
        )

    def _last_block(self, node: Node) -> Block | None:
        return node.paragraphs[-1] if node.paragraphs else None

    def _heading(self, line: Span, match: re.Match[str], node: Node) -> Node:
        node.number = parse_number(match["number"])
        start = line[0] + match.end()
        self.mark(line[0], start, "marker")
        if start >= line[1]:
            return node
        folded = self.view.text[start : line[1]]
        stop = folded.find("。")
        if stop > 0 and folded[stop + 1 :].strip():
            # An inline heading, however long: 一、標題。正文…
            node.heading.append(self.span(start, start + stop))
            self.mark(start, start + stop, "heading")
            self.fact_line(start, start + stop, "heading")
            self.mark(start + stop, start + stop + 1, "marker")
            body = start + stop + 1
            while body < line[1] and self.view.text[body].isspace():
                body += 1
            self._paragraphs(body, line[1], node)
        else:
            node.heading.append(self.span(start, line[1]))
            self.mark(start, line[1], "heading")
            self.fact_line(start, line[1], "heading")
        return node

    def _paragraphs(self, start: int, end: int, node: Node) -> Block | None:
        """Add ``[start, end)`` (view offsets) to ``node``, split at 一是, 二是, …"""
        folded = self.view.text
        cuts: list[Span] = []
        expected = node.last_item + 1
        for marker_start, marker_end in _items(folded, start, end):
            back = marker_start
            while back > start and folded[back - 1].isspace():
                back -= 1
            if back > start and folded[back - 1] not in ITEM_AFTER:
                continue
            number = parse_number(folded[marker_start : marker_end - 1])
            if number in (1, expected):
                cuts.append((marker_start, marker_end))
                expected = number + 1
        node.last_item = expected - 1 if cuts else 0
        pieces: list[tuple[int, int, Span | None]] = []
        if not cuts or cuts[0][0] > start:
            pieces.append((start, cuts[0][0] if cuts else end, None))
        for index, (marker_start, marker_end) in enumerate(cuts):
            piece_end = cuts[index + 1][0] if index + 1 < len(cuts) else end
            pieces.append((marker_end, piece_end, (marker_start, marker_end)))
        block = None
        for first, last, marker in pieces:
            piece_start, piece_end = first, last
            while piece_end > piece_start and folded[piece_end - 1].isspace():
                piece_end -= 1
            while piece_start < piece_end and folded[piece_start].isspace():
                piece_start += 1
            if marker is not None:
                self.mark(*marker, "marker")
            if piece_start < piece_end:
                a, b = self.span(piece_start, piece_end)
                block = Block(a, b, self.span(*marker) if marker else None)
                node.paragraphs.append(block)
                self.mark(piece_start, piece_end, "paragraph")
            elif marker is not None:
                self.lose(*marker, "an enumeration marker with no text")
        self.fact_line(start, end, "body")
        if block is not None:
            block.fact_line = len(self.skeleton.lines) - 1
        return block


def _items(folded: str, start: int, end: int) -> Iterator[Span]:
    """The spans :data:`ITEM` finds in ``folded[start:end]``, found from each 是.

    The pattern opens with a class, so the engine would try it at every position; 是
    is found by a plain search, and the numerals before it (three at most) are read back.
    """
    at = folded.find("是", start, end)
    while at >= 0:
        first = at
        while first > start and at - first < 3 and folded[first - 1] in NUMERAL_CHARS:
            first -= 1
        if first < at:
            yield first, at + 1
        at = folded.find("是", at + 1, end)


_ROW_GAP: Final = re.compile(r"\s{2,}|\u3000|\s{0,2}\|\s{0,2}")


#: How honour titles end: a line after a list of honours that ends otherwise may be a heading.
_HONOUR_END: Final = re.compile(
    r"(?:单位|集体|组织|商会|协会|称号|奖|奖项|基地|示范点|标兵|模范|先锋|品牌|案例|岗|党委|党支部"
    r"|党总支|先进|典型|号|状|章|旗|杯|牌|[)」])$"
)
#: A title in a row whose titles are one space apart: Han characters and quotation marks,
#: more than four (凝心聚力 共建共享 is a row of slogans).
_ROW_TITLE: Final = re.compile(f"[{HAN}「」·]{{5,25}}")


def _honour_row(folded: str) -> list[Span]:
    """A row of honour titles at the top of a profile, two spaces or a bar apart.

    Not a row of bodies' names (某县委组织部  某县民政局: the offices behind a page). Or one
    space apart, where a space cannot be a pause inside one title: four titles or more,
    each of five to 25 Han characters (quotation marks aside), all but one at most ending
    the way honour titles do (守初心担使命 强党建促发展 is a row of slogans).
    """
    if "。" in folded or len(folded) > 200:
        return []
    spans = _row(folded, _ROW_GAP)
    if (
        len(spans) >= 3
        and all(3 <= b - a <= 25 and not any(p in folded[a:b] for p in ",;:") for a, b in spans)
        and not all(_OFFICE_AT_END().search(folded, a, b) for a, b in spans)
    ):
        return spans
    spans = _row(folded, _ONE_SPACE)
    if (
        len(spans) >= 4
        and all(_ROW_TITLE.fullmatch(folded, a, b) for a, b in spans)
        and sum(_HONOUR_END.search(folded, a, b) is None for a, b in spans) <= 1
    ):
        return spans
    return []


@functools.cache
def _OFFICE_AT_END() -> re.Pattern[str]:  # noqa: N802 - a compiled pattern, named like one
    """The endings of an office's or an outlet's name: 组织部, 民政局, 网信办, 日报."""
    kinds = ("government_body", "media")
    endings = [word for word, kind in lexicon.suffixes().items() if kind in kinds]
    return re.compile("(?:" + "|".join(map(re.escape, endings)) + ")$")


_ONE_SPACE: Final = re.compile(" ")


def _row(folded: str, gaps: re.Pattern[str]) -> list[Span]:
    """The pieces of ``folded`` between the matches of ``gaps``."""
    spans: list[Span] = []
    position = 0
    for gap in [*gaps.finditer(folded), None]:
        end = gap.start() if gap is not None else len(folded)
        spans.append((position, end))
        position = gap.end() if gap is not None else end
    return spans


#: The numbers a section or series may carry (the model's bounds).
NUMBER_MAX: Final = 9999
_NUMERAL: Final = re.compile(f"[0-9{NUMERAL_CHARS}]")


def _number(numeral: str) -> int | None:
    """A heading's or series' number, or None when it is none the case can hold (零, 一万)."""
    try:
        number = parse_number(numeral)
    except ValueError:
        return None
    return number if 1 <= number <= NUMBER_MAX else None


def _numbered(match: re.Match[str] | None) -> re.Match[str] | None:
    """A heading match, if its number is one a section can carry: 零、 is no heading."""
    return match if match is not None and _number(match["number"]) is not None else None


#: The line breaks but LF: a text holding none is split at each LF by plain searches.
_OTHER_BREAKS: Final = "\r\f\v\x1c\x1d\x1e\x85\u2028\u2029"


def _lines(text: str, most: int) -> list[Span]:
    """The non-blank lines of ``text``, whitespace trimmed (CR, LF, CRLF, form feed ends).

    At most ``most``: past them the text is refused, whatever its length.
    """
    if any(char in text for char in _OTHER_BREAKS):
        stretches: Iterator[Span] = (match.span() for match in _BETWEEN_BREAKS.finditer(text))
    else:
        stretches = _between_line_feeds(text)
    found = []
    for stretch in stretches:
        start, end = stretch
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            found.append((start, end))
            if len(found) == most:
                break
    return found


#: A run of characters that are not line breaks.
_BETWEEN_BREAKS: Final = re.compile(r"[^\r\n\f\v\x1c-\x1e\x85\u2028\u2029]+")


def _between_line_feeds(text: str) -> Iterator[Span]:
    """The stretches of ``text`` between line feeds (some empty), found by plain searches."""
    start = 0
    end = text.find("\n")
    while end >= 0:
        yield start, end
        start = end + 1
        end = text.find("\n", start)
    yield start, len(text)


def read_layout(text: str, view: View) -> Skeleton:
    """Find the layout of ``text``, reading its lines in ``view``."""
    return _Reader(text, view).read()
