"""Activities: campaigns, theme education, practice activities and dated events."""

import enum
from typing import Annotated

from pydantic import Field

from partycases.models._base import ActivityId, Evidence, Model, Reference, Text
from partycases.models._line import Line
from partycases.values import DateRange, PartialDate

__all__ = ["Activity", "ActivityKind"]


class ActivityKind(str, enum.Enum):
    """What sort of activity it was."""

    CAMPAIGN = "campaign"
    """A named, recurring campaign, e.g. 「兩學一做」."""
    THEME_EDUCATION = "theme_education"
    """主題教育."""
    PRACTICE = "practice"
    """實踐活動, a practice activity."""
    PARTY_DAY = "party_day"
    """主題黨日活動, a themed party day."""
    STUDY = "study"
    """Study sessions and lectures."""
    TRAINING = "training"
    """Training courses."""
    MEETING = "meeting"
    """Meetings, e.g. 組織生活會."""
    EVENT = "event"
    """A dated one-off event."""
    VOLUNTEERING = "volunteering"
    """Public-service and volunteer work."""
    OTHER = "other"


class Activity(Model):
    """Something an organisation held or took part in."""

    id: ActivityId
    """``activity:`` id."""
    name: Line
    """The activity's name or a short description of it."""
    kind: ActivityKind = ActivityKind.OTHER
    """What sort of activity it was."""
    # Left to right: a partial date is tried first and most dates are one, so the
    # range's reader runs only for what is not (a smart union would try both).
    date: Annotated[PartialDate | DateRange | None, Field(union_mode="left_to_right")] = None
    """When it happened: a partial date, or ``START/END`` for a span of time."""
    organiser_ids: tuple[Reference, ...] = ()
    """Ids of the organisations that held it."""
    participants: tuple[Line, ...] = ()
    """Groups that took part, as the text names them (e.g. 支部黨員)."""
    participant_ids: tuple[Reference, ...] = ()
    """Ids of organisations or people that took part."""
    description: Text | None = None
    """What happened, in a sentence."""
    work_ids: tuple[Reference, ...] = ()
    """Ids of works the activity produced."""
    evidence: Evidence = ()
    """Where the case text states this activity."""
