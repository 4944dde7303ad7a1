"""The case: one published typical-case report and every fact it states."""

import ipaddress
import re
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    Field,
    GetCoreSchemaHandler,
    JsonValue,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, ValidationError, core_schema

from partycases.models._base import (
    MAX_EXTENSION_DEPTH,
    MAX_ITEMS,
    MAX_NUMBER,
    MAX_TEXT,
    CaseId,
    Language,
    LocalDateTime,
    Model,
    Reference,
    Text,
)
from partycases.models._keys import QUANTITY_KEYS, STATED_KEYS
from partycases.models._line import Line
from partycases.models._sound import is_sound, sound_keys
from partycases.models.activity import Activity
from partycases.models.honour import Honour
from partycases.models.organisation import Organisation
from partycases.models.person import Person
from partycases.models.section import Section
from partycases.models.work import Work

__all__ = ["SCHEMA_VERSION", "Case", "Series", "Source", "require_case"]

#: The version of the case format this release reads and writes.
SCHEMA_VERSION: Final = "1.0"

#: A namespace for extension data, e.g. ``org.example.crawler``.
EXTENSION_KEY_PATTERN: Final = r"^[a-z0-9]+([._-][a-z0-9]+)*$"
ExtensionKey = Annotated[str, StringConstraints(pattern=EXTENSION_KEY_PATTERN)]


# RFC 3987's grammar for http(s) IRIs, written so that Python, Rust and ECMAScript engines
# read it alike: an unreserved, sub-delimiter or escaped character, or a character of
# RFC 3987's ``ucschar`` in the Basic Multilingual Plane (not white space, private use, kept
# for the query, or a non-character). What the pattern cannot say alike in the three
# dialects, characters past U+FFFF and IPv6 hosts, :func:`_checked_iri` checks after it.
_IRI_CHAR = (
    r"(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2}"
    r"|[^\x00-\x9f\s\ue000-\uf8ff\ufdd0-\ufdef\ufff0-\uffff])"
)
#: What ``Source.url`` may hold: an http or https IRI (RFC 3987), with a host.
HTTP_IRI_PATTERN: Final = (
    rf"^https?://(?:(?:{_IRI_CHAR}|:)*@)?(?:\[[0-9A-Fa-f:.]+\]|{_IRI_CHAR}+)(?::[0-9]*)?"
    rf"(?:/(?:{_IRI_CHAR}|[:@])*)*"
    rf"(?:\?(?:{_IRI_CHAR}|[:@/?\ue000-\uf8ff])*)?"
    rf"(?:#(?:{_IRI_CHAR}|[:@/?])*)?$"
)
_IRI_MESSAGE: Final = (
    "expected an http or https address with a host (an IRI, RFC 3987): no white space, "
    'none of < > " { } | \\ ^ `, and % only before two hexadecimal digits'
)
# Past U+FFFF, what is no ``ucschar``: each plane's last two code points, the tags' block
# (U+E0000-U+E0FFF), and the private-use planes, which only a query may hold.
_NOT_UCSCHAR: Final = re.compile(
    "[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000e0000-\U000e0fff\U000efffe\U000effff]"
)
_PRIVATE_PLANES: Final = re.compile("[\U000f0000-\U0010ffff]")


def _checked_iri(url: str) -> str:
    """``url``, its pattern passed, if its IPv6 host and its characters past U+FFFF are sound."""
    if "[" in url:  # the pattern lets a bracket stand only around a host
        try:
            ipaddress.IPv6Address(url[url.index("[") + 1 : url.index("]")])
        except ValueError:
            raise PydanticCustomError(
                "http_iri", _IRI_MESSAGE + "; a host in brackets is an IPv6 address"
            ) from None
    if url.isascii() or max(url) <= "\uffff":
        return url
    fragment = url.find("#")
    query = url.find("?", 0, fragment if fragment >= 0 else len(url))
    outside = url if query < 0 else url[:query] + (url[fragment:] if fragment >= 0 else "")
    if _NOT_UCSCHAR.search(url) or _PRIVATE_PLANES.search(outside):
        raise PydanticCustomError(
            "http_iri",
            _IRI_MESSAGE + "; past U+FFFF, no non-character or tag, and private use only in "
            "the query",
        )
    return url


class _HttpIri:
    """:data:`HTTP_IRI_PATTERN`, then :func:`_checked_iri`: a message says what an address holds."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            _checked_iri,
            core_schema.custom_error_schema(
                core_schema.str_schema(pattern=HTTP_IRI_PATTERN),
                custom_error_type="http_iri",
                custom_error_message=_IRI_MESSAGE,
            ),
        )


def _extension_problem(kind: str, what: str, path: list[str | int]) -> PydanticCustomError:
    from partycases.errors import json_pointer  # only here: a case's import stays lean

    return PydanticCustomError(
        kind,
        "extension data at {pointer} {what}",
        {"what": what, "pointer": json_pointer(["extensions", *path])},
    )


def _canonical(value: Any, path: list[str | int]) -> Any:
    """``value`` with every object's keys in order; ``value`` itself when they already are.

    Validated data holds only dicts and lists; a case made without validation may
    hold tuples and sets as well, whose depth counts alike.
    """
    if not isinstance(value, dict | list | tuple | set | frozenset):
        return value
    if len(path) > MAX_EXTENSION_DEPTH:
        raise _extension_problem(
            "extension_depth",
            f"is nested deeper than {MAX_EXTENSION_DEPTH} levels; expected at most "
            f"{MAX_EXTENSION_DEPTH}, which every format reads back",
            path,
        )
    changed = False
    if not isinstance(value, dict):
        items: list[Any] = []
        for index, item in enumerate(value):
            path.append(index)
            kept = _canonical(item, path)
            path.pop()
            changed = changed or kept is not item
            items.append(kept)
        return items if changed else value
    names = list(value)
    if not all(type(name) is str for name in names):
        raise _extension_problem(
            "extension_key", "has a key that is no string; expected text keys, as JSON has", path
        )
    ordered = sorted(names)
    changed = names != ordered
    members: dict[str, Any] = {}
    for name in ordered:
        path.append(name)
        item = value[name]
        kept = _canonical(item, path)
        path.pop()
        changed = changed or kept is not item
        members[name] = kept
    return members if changed else value


def canonical_extensions(extensions: dict[str, JsonValue]) -> dict[str, JsonValue]:
    """Extension data with every object's keys sorted, nested no deeper than every format reads.

    Objects already in order are kept as they are: only what changes is built anew.
    """
    canonical = _canonical(extensions, [])
    assert isinstance(canonical, dict)
    return canonical


class Series(Model):
    """The series a case belongs to: 典型案例二十三 is series 典型案例, number 23."""

    name: Line
    """The series name, e.g. 典型案例."""
    number: Annotated[int, Field(ge=1, le=MAX_NUMBER, strict=True)] | None = None
    """The case's number in the series."""


class Source(Model):
    """Where a case was published."""

    publisher: Line | None = None
    """The publisher as the source line names it."""
    publisher_id: Reference | None = None
    """Id of the publisher, when it is also an organisation of the case."""
    # An IRI rather than a URI: published pages' paths often hold Chinese.
    url: (
        Annotated[
            str,
            _HttpIri,
            WithJsonSchema({"type": "string", "format": "iri", "pattern": HTTP_IRI_PATTERN}),
        ]
        | None
    ) = None
    """The page the case was read from."""
    retrieved_at: LocalDateTime | None = None
    """When the page was read."""


class Case(Model):
    """A typical case (典型案例): a report on one organisation's party-building work."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    """The version of the case format; always written."""
    id: CaseId
    """The case's slug, unique in a corpus and usable as a file name."""
    title: Line | None = None
    """The title line as published."""
    series: Series | None = None
    """The series and number from the title."""
    published_at: LocalDateTime | None = None
    """The publication timestamp, as printed (local time, no zone)."""
    language: Language
    """BCP 47 tag of the case's script: ``zh-Hant`` or ``zh-Hans``."""
    source: Source | None = None
    """Where the case was published."""
    editor_note: Line | None = None
    """The publisher's framing (編者按)."""
    headline: Line | None = None
    """The headline or slogan line before the sections."""
    subject_ids: tuple[Reference, ...] = ()
    """Ids of the organisations the case is about."""
    sections: Annotated[tuple[Section, ...], Field(max_length=MAX_ITEMS)] = ()
    """The body: numbered sections with their subsections and paragraphs."""
    organisations: Annotated[tuple[Organisation, ...], Field(max_length=MAX_ITEMS)] = ()
    """Every organisation the case names."""
    people: Annotated[tuple[Person, ...], Field(max_length=MAX_ITEMS)] = ()
    """Every person the case names."""
    honours: Annotated[tuple[Honour, ...], Field(max_length=MAX_ITEMS)] = ()
    """Every honour the case reports."""
    activities: Annotated[tuple[Activity, ...], Field(max_length=MAX_ITEMS)] = ()
    """Every activity the case reports."""
    works: Annotated[tuple[Work, ...], Field(max_length=MAX_ITEMS)] = ()
    """Every work the case names."""
    tags: tuple[Line, ...] = ()
    """Free keywords."""
    extensions: Annotated[
        dict[ExtensionKey, JsonValue],
        Field(default_factory=dict, json_schema_extra={"additionalProperties": False}),
        AfterValidator(canonical_extensions),
    ]
    """Extra data under namespaced keys (e.g. ``org.example.crawler``)."""
    unparsed: tuple[Text, ...] = ()
    """Text the parser kept but could not place; empty for hand-written cases."""
    text: Annotated[str, Field(max_length=MAX_TEXT)] | None = None
    """The original document, exactly as read; evidence spans index into it."""

    def __hash__(self) -> int:
        # Frozen models hash their fields; ``extensions`` is a dict, which cannot
        # be hashed. Leaving it out keeps equal cases at equal hashes, and costs
        # no walk over extension data however deep it is.
        return hash(tuple(value for name, value in self.__dict__.items() if name != "extensions"))

    @model_validator(mode="after")
    def _check_references(self, info: ValidationInfo) -> "Case":
        # The fast check answers for sound cases; the located one explains the rest.
        context = info.context
        if context is not None and QUANTITY_KEYS in context:
            # The JSON reader's duplicate-key test asks for the keys the case was given:
            # counted on the fast check's walk, not on one of their own.
            keys = sound_keys(self)
            if keys is not None:
                context[STATED_KEYS] = keys
                return self
        elif is_sound(self):
            return self
        # The tables and the located check are imported only when a case fails.
        from partycases.models._references import located_problems

        errors = located_problems(self)
        if errors:
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        return self

    def organisation(self, entity_id: str) -> Organisation:
        """Return the organisation with ``entity_id``; :class:`KeyError` if none."""
        for org in self.organisations:
            if org.id == entity_id:
                return org
        raise KeyError(entity_id)


def require_case(value: object) -> None:
    """A :class:`~partycases.WriteError` unless ``value`` is a case.

    Every writer asks first: pydantic's serialiser writes its best guess at anything.
    A writer that knows its target adds it to the message.
    """
    if not isinstance(value, Case):
        from partycases.errors import WriteError  # only here: a case's import stays lean

        kind = type(value).__name__
        raise WriteError(f"cannot write: expected a partycases.Case, not {kind}")
