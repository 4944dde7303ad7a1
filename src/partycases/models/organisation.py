"""Organisations, their names and their registered identifiers."""

import enum

from pydantic import model_validator

from partycases.models._base import Evidence, Language, Model, OrganisationId, Reference
from partycases.models._line import Line
from partycases.values import PartialDate, Quantity

__all__ = ["Identifier", "IdentifierScheme", "Name", "NameKind", "Organisation", "OrganisationKind"]


class OrganisationKind(str, enum.Enum):
    """What sort of body an organisation is."""

    CHAMBER_OF_COMMERCE = "chamber_of_commerce"
    ASSOCIATION = "association"
    FEDERATION = "federation"
    PARTY_BRANCH = "party_branch"
    PARTY_COMMITTEE = "party_committee"
    GOVERNMENT_BODY = "government_body"
    MASS_ORGANISATION = "mass_organisation"
    ENTERPRISE = "enterprise"
    MEDIA = "media"
    OTHER = "other"


class NameKind(str, enum.Enum):
    """How another name relates to the organisation's main name."""

    FULL = "full"
    SHORT = "short"
    FORMER = "former"
    TRANSLATION = "translation"
    OTHER = "other"


class Name(Model):
    """Another name an organisation is known by, in a stated script."""

    value: Line
    """The name as written."""
    language: Language | None = None
    """BCP 47 tag of the script the name is written in, e.g. ``zh-Hans``."""
    kind: NameKind = NameKind.OTHER
    """Whether this is the full, short, former or a translated name."""


class IdentifierScheme(str, enum.Enum):
    """Registers that issue organisation identifiers."""

    USCC = "uscc"
    """Unified social credit code (统一社会信用代码, GB 32100-2015)."""
    OTHER = "other"


class Identifier(Model):
    """A registered identifier of an organisation."""

    scheme: IdentifierScheme
    """The register that issued it; ``uscc`` values are checksum-validated."""
    value: Line
    """The identifier in its compact form."""

    @model_validator(mode="after")
    def _check_code(self) -> "Identifier":
        if self.scheme is IdentifierScheme.USCC:
            # Imported here: python-stdnum pulls in ssl and email (~10 ms), which
            # only cases that carry a credit code should pay for.
            from stdnum.cn import uscc
            from stdnum.exceptions import ValidationError as StdnumError

            try:
                compact = uscc.validate(self.value)
            except StdnumError as error:
                raise ValueError(
                    f"{self.value!r} is not a valid unified social credit code: {error}; "
                    "expected 18 characters whose last is the GB 32100-2015 check character"
                ) from None
            if compact != self.value:
                raise ValueError(f"write the credit code in its compact form: {compact!r}")
        return self


class Organisation(Model):
    """A body named in a case: the subject, its party branch, awarding bodies, publishers."""

    id: OrganisationId
    """``org:`` id, see :func:`partycases.organisation_id`."""
    name: Line
    """The main name, in the script the case uses."""
    other_names: tuple[Name, ...] = ()
    """Short forms, names in the other script, former names."""
    kind: OrganisationKind = OrganisationKind.OTHER
    """What sort of body it is."""
    founded: PartialDate | None = None
    """When it was founded, to the precision stated."""
    location: Line | None = None
    """Where it is, as named (a city or province)."""
    grade: Line | None = None
    """An assessed grade such as 一級商會 or 5A級."""
    member_count: Quantity | None = None
    """How many members it has, e.g. nearly 300 member units."""
    approved_by: tuple[Reference, ...] = ()
    """Ids of the organisations that approved its founding."""
    supervised_by: tuple[Reference, ...] = ()
    """Ids of the organisations that supervise or guide it."""
    parent_id: Reference | None = None
    """Id of the organisation it belongs to (a branch's chamber)."""
    identifiers: tuple[Identifier, ...] = ()
    """Registered identifiers such as the unified social credit code."""
    evidence: Evidence = ()
    """Where the case text states this organisation."""
