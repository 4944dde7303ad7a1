"""The body of a case: numbered sections, subsections and paragraphs."""

import enum
from collections.abc import Iterable
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from partycases.models._base import MAX_NUMBER, MAX_SECTION_DEPTH, Model
from partycases.models._line import Line

__all__ = ["Paragraph", "Section", "SectionKind"]


class SectionKind(str, enum.Enum):
    """The role of a top-level section in the genre."""

    BACKGROUND = "background"
    """案例背景: who the organisation is."""
    PRACTICES = "practices"
    """主要做法: what it does."""
    OUTCOMES = "outcomes"
    """工作成效: what came of it."""
    OTHER = "other"


class Paragraph(Model):
    """A paragraph, with its enumeration marker when it is an item (一是…)."""

    text: Line
    """The paragraph's text, without the marker."""
    marker: Line | None = None
    """The enumeration marker that opens the item, e.g. 一是."""


def nested_too_deep(sections: "Iterable[object]", depth: int) -> bool:
    """Whether ``sections``, standing at level ``depth``, nest past :data:`MAX_SECTION_DEPTH`.

    Level by level, never recursing; what is no section (in a case made without
    validation) holds no level.
    """
    level = [
        section for section in sections if isinstance(section, Section) and section.subsections
    ]
    while level:
        depth += 1
        if depth > MAX_SECTION_DEPTH:
            return True
        level = [
            sub
            for section in level
            for sub in section.subsections
            if isinstance(sub, Section) and sub.subsections
        ]
    return False


def _shallow_enough(subsections: "tuple[Section, ...]") -> "tuple[Section, ...]":
    """``subsections``, if the section holding them nests no deeper than every format reads.

    Runs only where subsections are stated, once their own have passed: a section
    and everything under it span at most :data:`MAX_SECTION_DEPTH` levels.
    """
    if nested_too_deep(subsections, 2):  # the section holding them is level 1
        raise PydanticCustomError(
            "section_depth",
            "sections nested deeper than {limit} levels; expected at most {limit}, "
            "which every format reads back",
            {"limit": MAX_SECTION_DEPTH},
        )
    return subsections


class Section(Model):
    """A numbered section (一、…) or subsection ((一)…) of a case."""

    kind: SectionKind = SectionKind.OTHER
    """Background, practices, outcomes or other."""
    number: Annotated[int, Field(ge=1, le=MAX_NUMBER, strict=True)] | None = None
    """The section's number (一 is 1); absent for unnumbered headings."""
    heading: Line | None = None
    """The heading, without its number."""
    paragraphs: tuple[Paragraph, ...] = ()
    """The paragraphs before any subsection."""
    subsections: Annotated[tuple["Section", ...], AfterValidator(_shallow_enough)] = ()
    """Nested sections."""
