"""What every model shares: one configuration and the constrained string types."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Final

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

from partycases.ids import ID_PATTERN
from partycases.values import Span

__all__ = [
    "ActivityId",
    "CaseId",
    "Evidence",
    "Language",
    "Model",
    "OrganisationId",
    "PersonId",
    "Reference",
    "Text",
    "WorkId",
]


class Model(BaseModel):
    """Base of every partycases model: frozen, strict about unknown fields."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        use_attribute_docstrings=True,
        validate_default=False,
        revalidate_instances="never",
        ser_json_inf_nan="strings",
    )


#: Characters no human text field may hold: C0 controls but tab and line ends,
#: DEL, zero-width and direction marks (they make look-alike names), BOMs and
#: lone surrogates (which no encoding can write).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _nfc(value: str) -> str:
    bad = _FORBIDDEN.search(value)
    if bad is not None:
        raise PydanticCustomError(
            "text_character",
            "character U+{code} at position {position} is not allowed in text "
            "(control, zero-width, direction mark or lone surrogate)",
            {"code": f"{ord(bad.group()):04X}", "position": bad.start()},
        )
    # is_normalized is a quick check that allocates nothing for text already in NFC.
    if unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value).strip()


#: Human text: stripped, NFC-normalised, never empty.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_nfc)]

ID_KEY: Final = r"[^\s/\\:]{1,200}"


def _id(kind: str) -> object:
    return StringConstraints(pattern=rf"^{kind}:{ID_KEY}$")


#: An id of any kind, used where a field refers to another entity of the case.
Reference = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
OrganisationId = Annotated[str, _id("org")]
PersonId = Annotated[str, _id("person")]
HonourId = Annotated[str, _id("honour")]
ActivityId = Annotated[str, _id("activity")]
WorkId = Annotated[str, _id("work")]
#: A case's own id: a slug usable as a file name (no separators, no leading dot).
CaseId = Annotated[str, StringConstraints(pattern=r"^[^\s/\\:.][^\s/\\:]{0,199}$")]
#: A BCP 47 tag such as ``zh-Hant``, ``zh-Hans`` or ``zh-Hans-CN``.
Language = Annotated[
    str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
]
#: Where a fact was read, as spans of ``Case.text``.
Evidence = tuple[Span, ...]
