"""What every model shares: one configuration and the constrained string types."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import numbers
import re
import sys
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any, ClassVar, Final, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
)
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import (
    PydanticCustomError,
    PydanticUndefined,
    SchemaValidator,
    ValidationError,
    core_schema,
)

from partycases.ids import (
    CONTROL_CHARACTERS,
    ID_KINDS,
    ID_PATTERN,
    INVISIBLE_ASTRAL,
    INVISIBLE_CHARACTERS,
    LEGACY_ORG_PREFIX,
    MAX_KEY,
)
from partycases.models._descriptions import DESCRIPTIONS
from partycases.models._nfc_unsafe import NFC_UNSAFE
from partycases.values import Span

__all__ = [
    "LEGACY_ID_ERROR",
    "MAX_COUNT",
    "MAX_EXTENSION_DEPTH",
    "MAX_ITEMS",
    "MAX_NUMBER",
    "MAX_SECTION_DEPTH",
    "MAX_TEXT",
    "TEXT_FAST_ERROR",
    "TEXT_FAST_PATTERN",
    "ActivityId",
    "CaseId",
    "Evidence",
    "Language",
    "LocalDateTime",
    "Model",
    "OrganisationId",
    "PersonId",
    "Reference",
    "Text",
    "WorkId",
]


@functools.cache
def _module_docstrings(module: str) -> dict[str, dict[str, str]]:
    """Each top-level class of ``module``: its annotated attributes and their docstrings.

    The library's own model modules are read ahead of time into
    ``_descriptions`` (an ``ast`` parse of each costs several milliseconds at
    import); any other module is read here, once. pydantic's own
    ``use_attribute_docstrings`` finds each class by walking the caller's frames,
    which cost about 15 ms across the models at import before Python 3.13.
    """
    generated = DESCRIPTIONS.get(module)
    if generated is not None:
        return generated
    from partycases.models._docstrings import module_docstrings

    return module_docstrings(getattr(sys.modules.get(module), "__file__", None))


class Model(BaseModel):
    """Base of every partycases model: frozen, strict about unknown fields.

    The docstring under each field becomes its description (and so its JSON
    Schema ``description``), as with pydantic's ``use_attribute_docstrings``,
    except for a field whose default is ``Field(...)``, which gives its own.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_default=False,
        revalidate_instances="never",
        ser_json_inf_nan="strings",
    )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Runs before pydantic collects the fields, so a description given here
        # is part of the schemas pydantic builds next, and every hook that
        # pydantic and the class's author run (json_schema_extra, a schema
        # generator, __pydantic_init_subclass__) sees it.
        docs = _module_docstrings(cls.__module__).get(cls.__qualname__, {})
        if not docs:
            return
        annotations = inspect.get_annotations(cls)
        for name, doc in docs.items():
            if not _is_field(name, annotations):
                continue
            value = cls.__dict__.get(name, PydanticUndefined)
            if isinstance(value, FieldInfo):
                # A ``= Field(...)`` default states its own description; ours put
                # Field(...) inside Annotated[...] so that the docstring applies.
                continue
            # FieldInfo itself, which is what Field() returns, without Field()'s
            # handling of some forty keywords (about 4 M instructions at import).
            if value is PydanticUndefined:
                setattr(cls, name, FieldInfo(description=doc))
            else:
                setattr(cls, name, FieldInfo(default=value, description=doc))


def _is_field(name: str, annotations: dict[str, Any]) -> bool:
    """Whether the docstring under ``name`` documents a field of the class.

    Not a private attribute or a ``ClassVar`` (a docstring there documents the
    attribute, which a ``FieldInfo`` would replace), nor a name the class no
    longer annotates (a module reloaded since its docstrings were read).
    """
    if name.startswith("_") or name not in annotations:
        return False
    annotation = annotations[name]
    if isinstance(annotation, str):
        head = annotation.split("[", 1)[0].strip()
        return head.rsplit(".", 1)[-1] != "ClassVar"
    return annotation is not ClassVar and get_origin(annotation) is not ClassVar


#: Characters no human text field may hold: C0 controls but tab and line ends, DEL and C1
#: controls (a terminal obeys ESC and BEL), and the invisible characters that make look-alike
#: names (zero-width and direction marks, soft hyphens, variation selectors, Hangul fillers,
#: tag characters; see :data:`partycases.ids.INVISIBLE_CHARACTERS`).
FORBIDDEN_CHARACTERS: Final = (
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + INVISIBLE_CHARACTERS + INVISIBLE_ASTRAL
)


@functools.cache
def _forbidden() -> re.Pattern[str]:
    # Lone surrogates too: no encoding can write them. Compiled on first use (the JSON
    # fast path checks text inside pydantic-core and never needs it).
    return re.compile(f"[{FORBIDDEN_CHARACTERS}\ud800-\udfff]")


#: The JSON fast path's check, run inside pydantic-core: text holding none of
#: these characters is clean and already NFC. Anything else fails this pattern
#: and the loader retries on the slow path, where :func:`_nfc` normalises or
#: explains.
TEXT_FAST_PATTERN: Final = f"^[^{FORBIDDEN_CHARACTERS}{NFC_UNSAFE}]*$"
#: The error type of text that fails :data:`TEXT_FAST_PATTERN`. It carries no context: the
#: pattern (about 5 KB) is not copied into each error, so a document holding many such
#: strings costs memory in proportion to its size on its way to the slow path.
TEXT_FAST_ERROR: Final = "text_needs_slow_path"


def _nfc(value: str) -> str:
    bad = _forbidden().search(value)
    if bad is not None:
        raise PydanticCustomError(
            "text_character",
            "character U+{code} at position {position} is not allowed in text "
            "(control, zero-width or other invisible character, direction mark or lone surrogate)",
            {"code": f"{ord(bad.group()):04X}", "position": bad.start()},
        )
    # is_normalized is a quick check that allocates nothing for text already in NFC.
    if unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value).strip()


def text_core_schema(fast_pattern: str, normalise: Callable[[str], str]) -> core_schema.CoreSchema:
    """Stripped, non-empty text, checked once per path.

    From JSON, ``fast_pattern`` runs inside pydantic-core and fails with
    :data:`TEXT_FAST_ERROR`, which sends the document to the slow path; from
    Python, ``normalise`` checks and normalises.
    """
    return core_schema.json_or_python_schema(
        json_schema=core_schema.chain_schema(
            [
                core_schema.str_schema(strip_whitespace=True, min_length=1),
                core_schema.custom_error_schema(
                    core_schema.str_schema(pattern=fast_pattern),
                    custom_error_type=TEXT_FAST_ERROR,
                    custom_error_message="text to be checked and normalised in Python",
                ),
            ]
        ),
        python_schema=core_schema.no_info_after_validator_function(
            normalise, core_schema.str_schema(strip_whitespace=True, min_length=1)
        ),
    )


class _TextSchema:
    """Human text: stripped, non-empty, clean and NFC.

    From JSON the checks run inside pydantic-core (one pattern, no Python call
    per field); from Python the value is normalised by :func:`_nfc`.
    """

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return text_core_schema(TEXT_FAST_PATTERN, _nfc)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "minLength": 1}


#: Human text: stripped, NFC-normalised, never empty, free of control and invisible characters.
Text = Annotated[str, _TextSchema]

#: The most entities of one kind (organisations, honours, …) one case may hold.
MAX_ITEMS: Final = 10_000
#: The longest ``Case.text``, in characters (the parser's limit too).
MAX_TEXT: Final = 10 * 1024 * 1024
#: The largest count a quantity may state.
MAX_COUNT: Final = 10**12
#: The largest section, series or batch number: 9999 is the largest a heading
#: writes in Chinese numerals (九千九百九十九), and it fits every table column.
MAX_NUMBER: Final = 9999
#: The deepest sections may nest (a case's top-level sections are level 1): YAML reads
#: documents nested 64 levels deep at most, and each level of sections takes two.
MAX_SECTION_DEPTH: Final = 16
#: The deepest the value under one extension key may nest (a list or object is a level).
MAX_EXTENSION_DEPTH: Final = 32


#: Controls and invisible characters: no id may hold one (see ``partycases.ids``).
_NOT_IN_IDS: Final = CONTROL_CHARACTERS + INVISIBLE_CHARACTERS


_CALENDAR = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: A date with nothing after it, which pydantic would read as midnight.
_DATE_ALONE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
#: A fraction of a second finer than a microsecond (a digit past the sixth that is not 0),
#: which a datetime would cut.
_FINER_THAN_MICROSECONDS = re.compile(r"[.,][0-9]{6}0*[1-9]")


def _calendar_timestamp(value: object) -> object:
    """Refuse what pydantic would read as seconds since 1970 (``0``, ``"1700000000"``, ``true``).

    A published timestamp is a calendar date and time; a bare number is a mistake,
    and so is a date alone, which would be read as midnight, a time nobody stated.
    So is a fraction of a second finer than a microsecond (``.1234567``; zeros past
    the sixth digit lose nothing): a datetime holds no more, and cutting the rest
    would lose what the document states.
    """
    if isinstance(value, str):
        stripped = value.strip()
        if not _CALENDAR.match(stripped):
            raise PydanticCustomError(*_NOT_SECONDS)
        if _DATE_ALONE.match(stripped):
            raise PydanticCustomError(*_DATE_ONLY)
        if len(value) > 26 and _FINER_THAN_MICROSECONDS.search(value) and _valid_cut(value):
            raise PydanticCustomError(*_TOO_FINE)
        return value
    if isinstance(value, (bytes, bytearray)):
        _calendar_timestamp(value.decode("latin-1"))
        return value
    if isinstance(value, dt.datetime):
        nanosecond = getattr(value, "nanosecond", 0)  # a pandas or NumPy timestamp's
        if nanosecond != 0:
            if isinstance(nanosecond, int):
                raise PydanticCustomError(*_TOO_FINE)
            raise PydanticCustomError(*_MISSING)  # pandas' NaT: its nanoseconds are NaN
        return value
    if isinstance(value, dt.date):  # a calendar date alone (TOML's and YAML's dates)
        raise PydanticCustomError(*_DATE_ONLY)
    if isinstance(value, numbers.Number):  # bool, int, float, Decimal, ...
        raise PydanticCustomError(*_NOT_SECONDS)
    return value


# Messages, not exceptions: an exception raised again keeps the tracebacks of every raise.
_NOT_SECONDS: Final = (
    "calendar_timestamp",
    "expected a date and time such as 2023-05-23T16:34:54, not a number of seconds",
)
_DATE_ONLY: Final = (
    "calendar_timestamp",
    "expected a date and time such as 2023-05-23T16:34:54, not a date alone "
    "(which would be read as midnight: write T00:00 where only the date is known)",
)
_MISSING: Final = (
    "calendar_timestamp",
    "expected a date and time such as 2023-05-23T16:34:54, not a missing time (NaT)",
)
_TOO_FINE: Final = (
    "timestamp_precision",
    "expected at most six digits after the seconds (microseconds); a finer time cannot be kept",
)


def _valid_cut(value: str) -> bool:
    """Whether ``value`` with its fraction cut to microseconds is a valid timestamp.

    Only then is the fraction the problem to report; otherwise pydantic reports
    what else is wrong (a month 13, a space before the date).
    """
    cut = re.sub(r"([.,][0-9]{6})[0-9]+", r"\1", value, count=1)
    try:
        _datetime_validator().validate_python(cut)
    except ValidationError:
        return False
    return True


@functools.cache
def _datetime_validator() -> SchemaValidator:
    return SchemaValidator(core_schema.datetime_schema())


def _id(kind: str) -> object:
    # The key's length is a separate check; see ``partycases.ids.ID_PATTERN``.
    return StringConstraints(
        pattern=rf"^{kind}:[^\s/\\:{_NOT_IN_IDS}]+$", max_length=len(kind) + 1 + MAX_KEY
    )


#: An id of any kind, used where a field refers to another entity of the case.
#: (A key too long for its kind cannot match a declared id, so it is reported as dangling.)
Reference = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=max(map(len, ID_KINDS)) + 1 + MAX_KEY),
]
#: The error type of an organisation id of the form earlier releases made from a credit code
#: (:data:`~partycases.ids.LEGACY_ORG_PREFIX`), met reading JSON: the loader then takes the
#: slow path, whose repair gives the organisation the id of its name.
LEGACY_ID_ERROR: Final = "legacy_organisation_id"


def _not_starting(prefix: str) -> str:
    """A pattern for text that does not start with ``prefix`` (pydantic-core has no look-ahead).

    ``ab`` gives ``^(?:(?:[^a]|$)|a(?:[^b]|$))``: each branch differs at one character.
    """
    branches = [
        f"{re.escape(prefix[:n])}(?:[^{re.escape(prefix[n])}]|$)" for n in range(len(prefix))
    ]
    return f"^(?:{'|'.join(branches)})"


class _NotLegacyFromJson:
    """From JSON, an organisation id of the old credit-code form fails with LEGACY_ID_ERROR.

    Tested in pydantic-core, one pattern per id, so a document without such ids
    costs no Python call; from Python the id is taken as it is (the loaders
    repair raw data before validating it). The test comes before the id's own
    constraints: any id with the old prefix, well formed or not, sends the
    document to the repair, as the YAML and TOML readers repair it, so a
    document reads the same in every format whatever else it holds.
    """

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        inner = handler(source)
        current = core_schema.custom_error_schema(
            core_schema.str_schema(pattern=_not_starting(LEGACY_ORG_PREFIX)),
            custom_error_type=LEGACY_ID_ERROR,
            custom_error_message=(
                "an id an earlier release made from a credit code; partycases.load and "
                "partycases.loads repair it"
            ),
        )
        return core_schema.json_or_python_schema(
            json_schema=core_schema.chain_schema([current, inner]), python_schema=inner
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # The id's own constraints in either mode: in validation mode the chain's first
        # step (the test of the old form) would stand for them.
        if schema["type"] == "json-or-python":
            return handler(schema["python_schema"])
        return handler(schema)


OrganisationId = Annotated[str, _id("org"), _NotLegacyFromJson]
PersonId = Annotated[str, _id("person")]
HonourId = Annotated[str, _id("honour")]
ActivityId = Annotated[str, _id("activity")]
WorkId = Annotated[str, _id("work")]
#: A case's own id: a slug usable as a file name (no separators, no leading dot).
CaseId = Annotated[
    str,
    StringConstraints(
        pattern=rf"^[^\s/\\:.{_NOT_IN_IDS}][^\s/\\:{_NOT_IN_IDS}]*$", max_length=MAX_KEY
    ),
]
#: A BCP 47 tag such as ``zh-Hant``, ``zh-Hans`` or ``zh-Hans-CN``.
Language = Annotated[
    str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
]
_DATE_TIME = r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6}0*)?)?"
_ZONED_DATE_TIME_PATTERN: Final = f"^{_DATE_TIME}(Z|[+-][0-9]{{2}}:[0-9]{{2}})$"
_LOCAL_DATE_TIME_PATTERN: Final = f"^{_DATE_TIME}$"


class _TimestampSchema:
    """A named ``Timestamp`` in the JSON Schema: RFC 3339 with a zone, or local time without.

    ``format: date-time`` alone would demand a zone that published timestamps
    do not carry, so the schema offers both forms and code generators see one
    named type.
    """

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # The JSON Schema function goes on the definition itself (a class's
        # __get_pydantic_json_schema__ on an annotation would run at each use),
        # so that the schema holds one named definition.
        return {
            **handler(source),
            "ref": "partycases.Timestamp",
            "metadata": {"pydantic_js_functions": [cls._json_schema]},
        }

    @staticmethod
    def _json_schema(
        schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "title": "Timestamp",
            "description": (
                "An ISO 8601 date and time: with a zone it is an RFC 3339 date-time; "
                "without one it is local time as published, e.g. 2023-05-23T16:34:54."
            ),
            "anyOf": [
                {"type": "string", "format": "date-time", "pattern": _ZONED_DATE_TIME_PATTERN},
                {"type": "string", "pattern": _LOCAL_DATE_TIME_PATTERN},
            ],
        }


#: A timestamp as published: ISO 8601, the zone optional (``2023-05-23T16:34:54``).
LocalDateTime = Annotated[dt.datetime, BeforeValidator(_calendar_timestamp), _TimestampSchema]
#: Where a fact was read, as spans of ``Case.text``.
Evidence = tuple[Span, ...]
