"""Works: micro-videos, articles, songs and other productions titled in 《》."""

import enum
from typing import Annotated

from pydantic import AfterValidator

from partycases.models._base import Evidence, Model, Reference, WorkId
from partycases.models._line import Line
from partycases.values import PartialDate

__all__ = ["Work", "WorkKind"]


class WorkKind(str, enum.Enum):
    """What sort of work it is."""

    MICRO_VIDEO = "micro_video"
    """微視頻 / 微视频."""
    VIDEO = "video"
    ARTICLE = "article"
    SONG = "song"
    BOOK = "book"
    ONLINE_WORK = "online_work"
    """網絡作品: a work made for the internet, of unstated form."""
    COLUMN = "column"
    """A recurring column or feature (專欄, 專題)."""
    DOCUMENT = "document"
    """A document: a convention, decision, notice or set of rules (公約, 決定, 通知, 制度)."""
    OTHER = "other"


def _no_title_marks(title: str) -> str:
    if title.startswith("《") or title.endswith("》"):
        raise ValueError("write the title without the 《》 marks")
    return title


class Work(Model):
    """A work produced by an organisation or person."""

    id: WorkId
    """``work:`` id."""
    title: Annotated[Line, AfterValidator(_no_title_marks)]
    """The title, without 《》."""
    kind: WorkKind = WorkKind.OTHER
    """What sort of work it is."""
    creator_ids: tuple[Reference, ...] = ()
    """Ids of the organisations or people that made it."""
    platforms: tuple[Line, ...] = ()
    """Where it was published or shown (e.g. 央視網)."""
    date: PartialDate | None = None
    """When it was made or published."""
    evidence: Evidence = ()
    """Where the case text states this work."""
