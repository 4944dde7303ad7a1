"""People named in a case and the roles they hold."""

from partycases.models._base import Evidence, Model, PersonId, Reference
from partycases.models._line import Line

__all__ = ["Person", "Role"]


class Role(Model):
    """A position a person holds, optionally in an organisation of the case."""

    title: Line
    """The position, e.g. 會長 or 支部書記."""
    organisation_id: Reference | None = None
    """Id of the organisation the position is in."""


class Person(Model):
    """A person named in a case."""

    id: PersonId
    """``person:`` id."""
    name: Line
    """The person's name as written."""
    roles: tuple[Role, ...] = ()
    """Positions the person holds."""
    evidence: Evidence = ()
    """Where the case text names this person."""
