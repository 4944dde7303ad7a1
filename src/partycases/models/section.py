"""The body of a case: numbered sections, subsections and paragraphs."""

import enum
from typing import Annotated

from pydantic import Field

from partycases.models._base import MAX_NUMBER, Model
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
    subsections: "tuple[Section, ...]" = ()
    """Nested sections."""
