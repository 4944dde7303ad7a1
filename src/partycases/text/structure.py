"""The layout pass: which line is the title, the note, a heading, a paragraph.

Works on lines of the folded text and records every stretch of the input it
accounts for as a :class:`Segment`, so a caller can prove nothing was lost.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

import attrs

from partycases.models import SectionKind
from partycases.text import rules
from partycases.text.normalise import Line, lines
from partycases.text.numerals import parse_number

__all__ = ["Block", "Node", "Segment", "Skeleton", "read_structure"]

#: How a stretch of the input was used.
ROLES: Final = (
    "title", "timestamp", "editor_note", "headline", "heading", "paragraph",
    "source", "marker", "unparsed",
)  # fmt: skip
_END_PUNCTUATION: Final = "。!?;,:"
_PUNCTUATION_ONLY: Final = re.compile(r"^[\W_]+$")


@attrs.frozen
class Segment:
    """A stretch ``[start, end)`` of the input and the role it plays in the case."""

    start: int
    end: int
    role: str

    def read(self, text: str) -> str:
        """The characters of the segment."""
        return text[self.start : self.end]


@attrs.define
class Block:
    """A paragraph: its text span and, for an enumerated item, its marker span."""

    start: int
    end: int
    marker: tuple[int, int] | None = None


@attrs.define
class Node:
    """A section or subsection under construction."""

    kind: SectionKind = SectionKind.OTHER
    number: int | None = None
    heading: tuple[int, int] | None = None
    paragraphs: list[Block] = attrs.Factory(list)
    subsections: list[Node] = attrs.Factory(list)
    last_item: int = 0
    """The number of the last enumerated item (一是 is 1), so 二是 on the next line continues."""


@attrs.define
class Skeleton:
    """Everything the layout pass found, as spans of the input."""

    title: tuple[int, int] | None = None
    series: tuple[str, int, tuple[int, int]] | None = None
    published_at: dt.datetime | None = None
    editor_note: tuple[int, int] | None = None
    headline: tuple[int, int] | None = None
    sections: list[Node] = attrs.Factory(list)
    source: tuple[int, int] | None = None
    unparsed: list[tuple[int, int]] = attrs.Factory(list)
    segments: list[Segment] = attrs.Factory(list)
    warnings: list[str] = attrs.Factory(list)

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


def _is_structural(folded_line: str) -> bool:
    return bool(
        rules.EDITOR_NOTE.match(folded_line)
        or rules.SECTION.match(folded_line)
        or rules.SUBSECTION.match(folded_line)
        or rules.SOURCE.match(folded_line)
    )


def _looks_like_heading(folded_line: str, limit: int = 20) -> bool:
    return len(folded_line) <= limit and folded_line[-1] not in _END_PUNCTUATION


def _section_kind(folded_heading: str) -> SectionKind:
    for kind, words in rules.SECTION_KINDS:
        if any(word in folded_heading for word in words):
            return kind
    return SectionKind.OTHER


def _timestamp(folded_line: str) -> tuple[re.Match[str], dt.datetime] | None:
    match = rules.TIMESTAMP.search(folded_line, 0, 80)
    if (
        match is None
        or not rules.TIMESTAMP_LABEL.fullmatch(folded_line, 0, match.start())
        or len(folded_line) - match.end() > 30
    ):
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


class _Reader:
    """Walks the lines once, top to bottom."""

    def __init__(self, text: str, folded: str) -> None:
        self.text = text
        self.folded = folded
        self.lines = list(lines(text))
        self.skeleton = Skeleton()
        self.position = 0

    def folded_line(self, line: Line) -> str:
        return self.folded[line.start : line.end]

    def read(self) -> Skeleton:
        self._header()
        self._body()
        return self.skeleton

    # ------------------------------------------------------------ header

    def _header(self) -> None:
        sk = self.skeleton
        head = self.lines[:8]
        stamp_at = next(
            (i for i, line in enumerate(head) if _timestamp(self.folded_line(line))), None
        )
        title_at: int | None = None
        if stamp_at is not None and stamp_at > 0:
            title_at = stamp_at - 1
        elif stamp_at is None:
            for index, line in enumerate(head[:3]):
                folded = self.folded_line(line)
                if rules.CHROME.search(folded) and len(folded) < 40:
                    continue
                if not _is_structural(folded) and len(folded) <= 60 and folded[-1] not in "。;":
                    title_at = index
                break
        if title_at is not None and _is_structural(self.folded_line(self.lines[title_at])):
            title_at = None
        first_content = (
            title_at if title_at is not None else (stamp_at if stamp_at is not None else 0)
        )
        for line in self.lines[:first_content]:
            sk.lose(line.start, line.end, "page text before the title", self.text)
        self.position = first_content
        if title_at is not None:
            line = self.lines[title_at]
            sk.title = (line.start, line.end)
            sk.mark(line.start, line.end, "title")
            self._series(line)
            self.position = title_at + 1
        if stamp_at is not None and stamp_at >= self.position:
            line = self.lines[stamp_at]
            found = _timestamp(self.folded_line(line))
            assert found is not None
            match, stamp = found
            sk.published_at = stamp
            sk.lose(line.start, line.start + match.start(), "text before the timestamp", self.text)
            sk.mark(line.start + match.start(), line.start + match.end(), "timestamp")
            rest_start = line.start + match.end()
            while rest_start < line.end and self.text[rest_start].isspace():
                rest_start += 1
            sk.lose(rest_start, line.end, "text after the timestamp", self.text)
            self.position = stamp_at + 1
        if self.position < len(self.lines):
            line = self.lines[self.position]
            note = rules.EDITOR_NOTE.match(self.folded_line(line))
            if note is not None:
                sk.mark(line.start, line.start + note.end(), "marker")
                if line.start + note.end() < line.end:
                    sk.editor_note = (line.start + note.end(), line.end)
                    sk.mark(line.start + note.end(), line.end, "editor_note")
                self.position += 1
        if self.position < len(self.lines) - 1:
            line = self.lines[self.position]
            folded = self.folded_line(line)
            if not _is_structural(folded) and _looks_like_heading(folded, rules.HEADING_MAX):
                sk.headline = (line.start, line.end)
                sk.mark(line.start, line.end, "headline")
                self.position += 1

    def _series(self, line: Line) -> None:
        folded = self.folded_line(line)
        match = rules.SERIES.search(folded)
        if match is None:
            return
        try:
            number = parse_number(match["number"])
        except ValueError:
            return
        name_start = line.start + match.start("name")
        name = self.text[name_start : line.start + match.end("name")]
        self.skeleton.series = (
            name,
            number,
            (line.start + match.start(), line.start + match.end()),
        )

    # -------------------------------------------------------------- body

    def _body(self) -> None:
        sk = self.skeleton
        top: Node | None = None
        sub: Node | None = None
        after_source = False
        for line in self.lines[self.position :]:
            folded = self.folded_line(line)
            if after_source:
                sk.lose(line.start, line.end, "text after the source line", self.text)
                continue
            source = rules.SOURCE.match(folded)
            if source is not None:
                self._source(line, source.end())
                after_source = True
                continue
            section = rules.SECTION.match(folded)
            subsection = rules.SUBSECTION.match(folded)
            if section is not None:
                top = self._heading(line, section, Node())
                top.kind = _section_kind(
                    self.folded[top.heading[0] : top.heading[1]] if top.heading else ""
                )
                sk.sections.append(top)
                sub = None
            elif subsection is not None:
                sub = self._heading(line, subsection, Node())
                if top is None:
                    sk.sections.append(sub)
                    top, sub = sub, None
                else:
                    top.subsections.append(sub)
            elif _is_structural(folded) or not _looks_like_heading(folded):
                node = sub or top
                if node is None:
                    node = top = Node()
                    sk.sections.append(node)
                self._paragraphs(line.start, line.end, node)
            else:
                node = Node(heading=(line.start, line.end))
                sk.mark(line.start, line.end, "heading")
                if top is None:
                    node.kind = _section_kind(folded)
                    sk.sections.append(node)
                    top = node
                else:
                    top.subsections.append(node)
                    sub = node

    def _heading(self, line: Line, match: re.Match[str], node: Node) -> Node:
        sk = self.skeleton
        node.number = parse_number(match["number"])
        start = line.start + match.end()
        sk.mark(line.start, start, "marker")
        if start >= line.end:
            return node
        folded = self.folded[start : line.end]
        stop = folded.find("。")
        if 0 < stop <= rules.HEADING_MAX and folded[stop + 1 :].strip():
            # An inline heading: 一、標題。正文…
            node.heading = (start, start + stop)
            sk.mark(start, start + stop, "heading")
            sk.mark(start + stop, start + stop + 1, "marker")
            body = start + stop + 1
            while body < line.end and self.text[body].isspace():
                body += 1
            self._paragraphs(body, line.end, node)
        else:
            node.heading = (start, line.end)
            sk.mark(start, line.end, "heading")
        return node

    def _paragraphs(self, start: int, end: int, node: Node) -> None:
        """Add ``[start, end)`` to ``node``, split at enumeration markers 一是, 二是, …"""
        sk = self.skeleton
        cuts: list[tuple[int, int]] = []  # (marker start, marker end)
        expected = node.last_item + 1
        for match in rules.ITEM.finditer(self.folded, start, end):
            back = match.start()
            while back > start and self.folded[back - 1].isspace():
                back -= 1
            if back > start and self.folded[back - 1] not in rules.ITEM_AFTER:
                continue
            try:
                number = parse_number(match["number"])
            except ValueError:  # pragma: no cover - the pattern only admits numerals
                continue
            if number in (1, expected):
                cuts.append((match.start(), match.end()))
                expected = number + 1
        node.last_item = expected - 1 if cuts else 0
        pieces: list[tuple[int, int, tuple[int, int] | None]] = []
        if not cuts or cuts[0][0] > start:
            pieces.append((start, cuts[0][0] if cuts else end, None))
        for index, (marker_start, marker_end) in enumerate(cuts):
            piece_end = cuts[index + 1][0] if index + 1 < len(cuts) else end
            pieces.append((marker_end, piece_end, (marker_start, marker_end)))
        for first, last, marker in pieces:
            piece_start, piece_end = first, last
            while piece_end > piece_start and self.text[piece_end - 1].isspace():
                piece_end -= 1
            while piece_start < piece_end and self.text[piece_start].isspace():
                piece_start += 1
            if marker is not None:
                sk.mark(*marker, "marker")
            if piece_start < piece_end:
                node.paragraphs.append(Block(piece_start, piece_end, marker))
                sk.mark(piece_start, piece_end, "paragraph")
            elif marker is not None:
                sk.lose(*marker, "an enumeration marker with no text", self.text)

    def _source(self, line: Line, marker_end: int) -> None:
        sk = self.skeleton
        start = line.start + marker_end
        sk.mark(line.start, start, "marker")
        end = line.end
        while end > start and _PUNCTUATION_ONLY.match(self.folded[end - 1]):
            end -= 1
        if start < end:
            sk.source = (start, end)
            sk.mark(start, end, "source")
        sk.lose(end, line.end, "stray punctuation after the source", self.text)


def read_structure(text: str, folded: str) -> Skeleton:
    """Find the layout of ``text`` (``folded`` is its folded copy)."""
    return _Reader(text, folded).read()
