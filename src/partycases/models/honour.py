"""Honours: titles, certificates and selections an organisation, work or person received."""

import enum
from typing import Annotated

from pydantic import Field

from partycases.models._base import MAX_NUMBER, Evidence, HonourId, Model, Reference
from partycases.models._line import Line
from partycases.values import PartialDate

__all__ = ["Honour", "HonourKind", "HonourLevel"]


class HonourLevel(str, enum.Enum):
    """The administrative level of the body that gave an honour."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"
    DISTRICT = "district"
    OTHER = "other"


class HonourKind(str, enum.Enum):
    """What form an honour takes."""

    TITLE = "title"
    """A title conferred, e.g. 示範點 (demonstration site), 「四好」商會."""
    CERTIFICATE = "certificate"
    """A certificate of honour (榮譽證書)."""
    SELECTION = "selection"
    """Being selected as an exemplary case or entry (入選, 優秀案例)."""
    AWARD = "award"
    """A prize or award."""
    OTHER = "other"


class Honour(Model):
    """An honour received by an organisation, a work or a person."""

    id: HonourId
    """``honour:`` id."""
    title: Line
    """The honour's title, without batch or level words that have their own fields."""
    recipient_id: Reference
    """Id of the organisation, work or person that received it."""
    awarded_by: tuple[Reference, ...] = ()
    """Ids of the organisations that conferred it."""
    date: PartialDate | None = None
    """When it was conferred, to the precision stated."""
    level: HonourLevel | None = None
    """National, provincial, municipal or district."""
    batch: Annotated[int, Field(ge=1, le=MAX_NUMBER, strict=True)] | None = None
    """The batch number when honours are given in batches (第二批 is 2)."""
    kind: HonourKind = HonourKind.TITLE
    """Title, certificate, selection or award."""
    evidence: Evidence = ()
    """Where the case text states this honour."""
