"""Small value types: partial dates, date ranges, quantities and text spans.

Each is a frozen attrs class with slots that also tells pydantic how to
validate and serialise it, so models use them as ordinary field types and the
JSON Schema describes them exactly.
"""

# Annotations are not postponed: pydantic reads the TypedDicts' annotations at
# import, and postponed ones are strings it would have to compile and evaluate.
import copy
import datetime as dt
import enum
import functools
import numbers
import operator
import re
import unicodedata
from calendar import monthrange
from typing import Annotated, Any, Final

import attrs
from pydantic import ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema
from typing_extensions import NotRequired, Self, TypedDict

__all__ = ["DateRange", "PartialDate", "Qualifier", "Quantity", "Span"]

# [0-9] rather than \d: \d also matches other scripts' digits and is slower.
_ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# 2013年 / 2013年9月 / 2019年10月1日 (with or without 日, spaces allowed).
_CJK_DATE = r"([0-9]{4})\s*年(?:\s*([0-9]{1,2})\s*月(?:\s*([0-9]{1,2})\s*[日号號]?)?)?"


@functools.cache
def _cjk_date() -> re.Pattern[str]:
    return re.compile(_CJK_DATE)  # on first use: JSON reads only the ISO form


_PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
#: The largest span offset: the length of the longest ``Case.text`` (10 MiB of characters).
MAX_OFFSET: Final = 10 * 1024 * 1024
#: The largest count a quantity may state.
MAX_COUNT: Final = 10**12
#: Where quantities validated from JSON add up the keys their objects stated, when the
#: validation context holds this key (see ``partycases.models._keys``).
QUANTITY_KEYS: Final = "partycases.quantity_keys"


def _inline(handler: GetCoreSchemaHandler, typed_dict: type) -> core_schema.CoreSchema:
    """The core schema of ``typed_dict`` without its own definition.

    The value type's schema is the named definition (``Quantity``, ``Span``);
    a definition for the private TypedDict would show up in OpenAPI documents
    as ``_QuantityDict`` beside it.
    """
    schema = dict(handler.resolve_ref_schema(handler.generate_schema(typed_dict)))
    schema.pop("ref", None)
    return schema


#: The core schema of ``_SpanDict``, once generated.
_SPAN_DICT: list[core_schema.CoreSchema] = []


def _span_dict_schema(handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
    """``_inline(handler, _SpanDict)``, generated once and copied after.

    Five models hold spans, and pydantic generates a TypedDict's schema anew for
    each (about 1 M instructions a time). A span's schema names no other
    definition, so a copy serves every model.
    """
    if not _SPAN_DICT:
        _SPAN_DICT.append(_inline(handler, _SpanDict))
    return copy.deepcopy(_SPAN_DICT[0])


def _utf16_length(text: str) -> int:
    # Characters past U+FFFF take two UTF-16 code units, the others one; the
    # codec counts in C. surrogatepass: Case.text is kept exactly as read.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _from_python(value: object, cls: type, parse: Any) -> Any:
    # Python callers, and the YAML and TOML loaders, may hand over more than
    # text: an instance, a bare year (2013) or a calendar date (TOML 2013-09-01).
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        return parse(value)
    if cls is PartialDate and not isinstance(value, (bool, dt.datetime)):
        try:
            if isinstance(value, dt.date):
                return PartialDate(value.year, value.month, value.day)
            if isinstance(value, int):
                return PartialDate(value)
        except ValueError as error:
            raise PydanticCustomError("partial_date", str(error)) from None
    raise PydanticCustomError(
        "date_type",
        "expected a date as text, e.g. 2013-09; got {kind}",
        {"kind": type(value).__name__},
    )


def _str_input_schema(parse_json: Any, parse_python: Any, cls: type) -> core_schema.CoreSchema:
    """Validate the strict text form from JSON; in Python also instances, years and dates."""
    return core_schema.json_or_python_schema(
        json_schema=core_schema.chain_schema(
            [core_schema.str_schema(), core_schema.no_info_plain_validator_function(parse_json)]
        ),
        python_schema=core_schema.no_info_plain_validator_function(
            lambda value: _from_python(value, cls, parse_python)
        ),
        serialization=core_schema.to_string_ser_schema(),
        ref=f"partycases.values.{cls.__name__}",
    )


#: The types a month or a day is given as, on the path every date takes.
_PARTS: Final = (int, type(None))


@attrs.frozen(eq=True, order=False)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Ordered by its bounds: ``2013 < 2013-09`` because the year starts earlier
    and both end no later. The text form is ``2013``, ``2013-09`` or
    ``2013-09-01``; :meth:`parse` also reads ``2013年9月`` and ``2019年10月1日``.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        if not (type(self.year) is int and type(self.month) in _PARTS and type(self.day) in _PARTS):
            self._check_types()  # the rare case, kept off the path every date takes
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range; expected 1 to 9999")
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range; expected 1 to 12")
        if self.day is not None:
            last = monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(
                    f"day {self.day} is out of range for {self.year}-{self.month:02d}; "
                    f"expected 1 to {last}"
                )

    def _check_types(self) -> None:
        """Each part as an int; a :class:`TypeError` for one that is no integer.

        An integer of another type (NumPy's, from a table's column) is kept as the
        int it equals; ``True`` is no year, nor ``2013.0``.
        """
        for part in ("year", "month", "day"):
            value: object = getattr(self, part)
            if value is None and part != "year":
                continue
            if isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise TypeError(
                    f"a partial date's {part} must be an int, not {type(value).__name__} "
                    "(PartialDate.parse reads text such as 2013-09)"
                )
            # An int already, or NumPy's: stored as the int it equals either way.
            object.__setattr__(self, part, operator.index(value))

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a partial date in ISO or Chinese form.

        Accepts ``2013``, ``2013-09``, ``2013-09-01``, ``2013年``, ``2013年9月``
        and ``2019年10月1日``, with full-width digits and spaces.
        """
        clean = unicodedata.normalize("NFKC", text).strip()
        match = _ISO_DATE.fullmatch(clean) or _cjk_date().fullmatch(clean)
        if match is None:
            raise ValueError(
                f"{text!r} is not a partial date; expected YYYY, YYYY-MM, YYYY-MM-DD "
                "or a Chinese date such as 2013年9月"
            )
        year, month, day = match.groups()
        return cls(
            int(year),
            None if month is None else int(month),
            None if day is None else int(day),
        )

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def lower(self) -> dt.date:
        """The first day the date may mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def upper(self) -> dt.date:
        """The last day the date may mean."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    def _key(self) -> tuple[dt.date, dt.date]:
        return (self.lower, self.upper)

    def __lt__(self, other: "PartialDate") -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: "PartialDate") -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: "PartialDate") -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: "PartialDate") -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def _validate(cls, value: str) -> Self:
        try:
            return cls.parse(value)
        except ValueError as error:
            raise PydanticCustomError("partial_date", str(error)) from None

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # The cached parser itself, not a method calling it: one Python call per date.
        return _str_input_schema(_iso_date, cls._validate, cls)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": _PARTIAL_DATE_PATTERN,
            "description": "A date known to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD.",
            "examples": ["2013", "2013-09", "2019-10-01"],
        }


@functools.lru_cache(maxsize=4096)
def _iso_date(value: str) -> PartialDate:
    """The strict text form, parsed once per distinct value (dates repeat across a corpus)."""
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        raise PydanticCustomError(
            "partial_date", "expected a partial date YYYY, YYYY-MM or YYYY-MM-DD"
        )
    year, month, day = match.groups()
    try:
        return PartialDate(
            int(year), None if month is None else int(month), None if day is None else int(day)
        )
    except ValueError as error:
        raise PydanticCustomError("partial_date", str(error)) from None


@attrs.frozen
class DateRange:
    """A span of time between two partial dates, written ``start/end``."""

    start: PartialDate
    end: PartialDate

    def __attrs_post_init__(self) -> None:
        for part in ("start", "end"):
            value = getattr(self, part)
            if not isinstance(value, PartialDate):
                raise TypeError(
                    f"a date range's {part} must be a PartialDate, not {type(value).__name__} "
                    "(DateRange.parse reads text such as 2019-10/2019-12)"
                )
        if self.end.upper < self.start.lower:
            raise ValueError(f"the range ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ``2019-10/2019-12`` (ISO 8601 interval style)."""
        start, sep, end = text.partition("/")
        if not sep:
            raise ValueError(
                f"{text!r} is not a date range; expected START/END, e.g. 2019-10/2019-12"
            )
        return cls(PartialDate.parse(start), PartialDate.parse(end))

    def __str__(self) -> str:
        return f"{self.start}/{self.end}"

    @classmethod
    def _validate(cls, value: str) -> Self:
        try:
            return cls.parse(value)
        except ValueError as error:
            raise PydanticCustomError("date_range", str(error)) from None

    @classmethod
    def _validate_iso(cls, value: str) -> Self:
        start, sep, end = value.partition("/")
        if not sep:
            raise PydanticCustomError(
                "date_range", "expected a date range START/END, e.g. 2019-10/2019-12"
            )
        try:
            return cls(_iso_date(start), _iso_date(end))
        except ValueError as error:
            raise PydanticCustomError("date_range", str(error)) from None

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return _str_input_schema(cls._validate_iso, cls._validate, cls)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        part = _PARTIAL_DATE_PATTERN[1:-1]
        return {
            "type": "string",
            "pattern": f"^{part}/{part}$",
            "description": "A span between two partial dates: START/END.",
            "examples": ["2019-10/2019-12"],
        }


class Qualifier(str, enum.Enum):
    """How a stated quantity relates to the true value."""

    EXACT = "exact"
    ABOUT = "about"
    NEARLY = "nearly"
    OVER = "over"
    AT_LEAST = "at_least"


class _QuantityDict(TypedDict):
    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]

    value: Annotated[int, Field(ge=0, le=MAX_COUNT, strict=True, description="The number stated.")]
    qualifier: NotRequired[
        Annotated[Qualifier, Field(description="How the number relates to the true value.")]
    ]
    unit: NotRequired[
        Annotated[str, Field(min_length=1, description="What is counted, e.g. 家會員單位.")]
    ]
    text: NotRequired[
        Annotated[str, Field(min_length=1, description="The words the quantity came from.")]
    ]


@attrs.frozen
class Quantity:
    """A non-negative count with a qualifier: 近300家 is 300, nearly, unit 家."""

    value: int
    qualifier: Qualifier = Qualifier.EXACT
    unit: str | None = None
    text: str | None = None

    def __attrs_post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise TypeError(f"a quantity's value must be an int, not {type(self.value).__name__}")
        if not 0 <= self.value <= MAX_COUNT:
            raise ValueError(f"quantity {self.value} is out of range; expected 0 to 10**12")
        if type(self.qualifier) is not Qualifier:  # validated input holds a member already
            object.__setattr__(self, "qualifier", Qualifier(self.qualifier))

    def __str__(self) -> str:
        return self.text or f"{self.value}{self.unit or ''}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; unset parts are omitted."""
        out: dict[str, Any] = {"value": self.value, "qualifier": self.qualifier.value}
        if self.unit is not None:
            out["unit"] = self.unit
        if self.text is not None:
            out["text"] = self.text
        return out

    @classmethod
    def _from_dict(cls, data: _QuantityDict) -> Self:
        return cls(
            data["value"],
            data.get("qualifier", Qualifier.EXACT),
            data.get("unit"),
            data.get("text"),
        )

    @classmethod
    def _from_json_dict(cls, data: _QuantityDict, info: core_schema.ValidationInfo) -> Self:
        # Whether "qualifier": "exact" was stated cannot be read back from the value:
        # the keys are counted here, for the JSON reader's duplicate-key test.
        context = info.context
        if context is not None and QUANTITY_KEYS in context:
            context[QUANTITY_KEYS] += len(data)
        return cls._from_dict(data)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        typed_dict = _inline(handler, _QuantityDict)
        from_dict = core_schema.no_info_after_validator_function(cls._from_dict, typed_dict)
        return core_schema.json_or_python_schema(
            json_schema=core_schema.with_info_after_validator_function(
                cls._from_json_dict, typed_dict
            ),
            python_schema=core_schema.union_schema(
                [core_schema.is_instance_schema(cls), from_dict]
            ),
            serialization=core_schema.plain_serializer_function_ser_schema(
                cls.to_dict, when_used="always"
            ),
            ref=f"partycases.values.{cls.__name__}",
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema = handler.resolve_ref_schema(json_schema)
        json_schema["title"] = "Quantity"
        json_schema["description"] = (
            "A non-negative count with a qualifier: 近300家 is 300, nearly, unit 家."
        )
        return json_schema


class _SpanDict(TypedDict):
    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]

    start: Annotated[
        int,
        Field(
            ge=0,
            le=MAX_OFFSET - 1,
            strict=True,
            description="Offset of the first character, counted in Unicode code points from 0.",
        ),
    ]
    end: Annotated[
        int,
        Field(
            ge=1,
            le=MAX_OFFSET,
            strict=True,
            description="Offset just past the last character, in Unicode code points.",
        ),
    ]


@attrs.frozen
class Span:
    """A half-open range ``[start, end)`` of character offsets into ``Case.text``.

    Offsets count Unicode code points, as Python's ``str`` indexes: a character
    outside the Basic Multilingual Plane (CJK Extension B, e.g. 𠀀) is one.
    JavaScript strings and Java ``String`` count UTF-16 code units, Go and Rust
    byte offsets count UTF-8 bytes; :meth:`utf16` gives the offsets JavaScript
    needs.
    """

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.start < self.end <= MAX_OFFSET:
            raise ValueError(
                f"a span must have 0 <= start < end <= {MAX_OFFSET}; "
                f"got start={self.start}, end={self.end}"
            )

    def __len__(self) -> int:
        return self.end - self.start

    def read(self, text: str) -> str:
        """Return the characters of ``text`` this span covers."""
        return text[self.start : self.end]

    def utf16(self, text: str) -> tuple[int, int]:
        """Return this span's ``(start, end)`` in UTF-16 code units of ``text``.

        These are the offsets JavaScript's ``String.prototype.slice`` and Java's
        ``String.substring`` take: each character outside the Basic Multilingual
        Plane counts two. ``text`` is the ``Case.text`` the span indexes.
        """
        if self.end > len(text):
            raise ValueError(
                f"the span [{self.start}, {self.end}) lies outside a text of {len(text)} characters"
            )
        before = _utf16_length(text[: self.start])
        return before, before + _utf16_length(text[self.start : self.end])

    def to_dict(self) -> dict[str, int]:
        """The JSON form."""
        return {"start": self.start, "end": self.end}

    @classmethod
    def _from_dict(cls, data: _SpanDict) -> Self:
        start, end = data["start"], data["end"]
        if start >= end:
            raise PydanticCustomError(
                "span_order",
                "a span must have start < end; got start={start}, end={end}",
                {"start": start, "end": end},
            )
        # The schema has checked both bounds and the order is checked above: the
        # slots are filled directly, without __init__ checking them again (spans
        # are the most numerous values of a parsed case).
        span = _new(cls)
        _set_start(span, start)
        _set_end(span, end)
        return span

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from_dict = core_schema.no_info_after_validator_function(
            cls._from_dict, _span_dict_schema(handler)
        )
        return core_schema.json_or_python_schema(
            json_schema=from_dict,
            python_schema=core_schema.union_schema(
                [core_schema.is_instance_schema(cls), from_dict]
            ),
            serialization=core_schema.plain_serializer_function_ser_schema(
                cls.to_dict, when_used="always"
            ),
            ref=f"partycases.values.{cls.__name__}",
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema = handler.resolve_ref_schema(json_schema)
        json_schema["title"] = "Span"
        json_schema["description"] = (
            "A half-open range [start, end) of offsets into Case.text, counted in Unicode "
            "code points: a character outside the Basic Multilingual Plane (CJK Extension B) "
            "counts one, where JavaScript and Java count two UTF-16 code units and Go "
            "counts its UTF-8 bytes."
        )
        return json_schema


_new = object.__new__
_set_start = Span.__dict__["start"].__set__
_set_end = Span.__dict__["end"].__set__
