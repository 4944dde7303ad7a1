"""Tests for the value types: PartialDate, DateRange, Quantity, Span."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from pydantic import TypeAdapter, ValidationError

from partycases import DateRange, PartialDate, Qualifier, Quantity, Span
from tests.strategies import partial_dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2013", PartialDate(2013)),
        ("2013-09", PartialDate(2013, 9)),
        ("2013-09-01", PartialDate(2013, 9, 1)),
        ("2017年", PartialDate(2017)),
        ("2013年9月", PartialDate(2013, 9)),
        ("2019年10月1日", PartialDate(2019, 10, 1)),
        ("2019年10月1号", PartialDate(2019, 10, 1)),
        ("２０１９年１０月", PartialDate(2019, 10)),
        (" 2020 年 2 月 29 日 ", PartialDate(2020, 2, 29)),
    ],
)
def test_partial_date_parses(text: str, expected: PartialDate) -> None:
    """ISO and Chinese forms, full-width digits and spaces all parse."""
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2013-13", "month 13"),
        ("2013年13月", "month 13"),
        ("2023-02-30", "day 30"),
        ("2023年2月29日", "day 29"),
        ("2013-00", "month 0"),
        ("13年", "not a partial date"),
        ("2013/09", "not a partial date"),
        ("", "not a partial date"),
    ],
)
def test_partial_date_rejects(text: str, fragment: str) -> None:
    """Impossible months and days, and other shapes, are errors that say why."""
    with pytest.raises(ValueError, match=fragment):
        PartialDate.parse(text)


def test_partial_date_rejects_day_without_month() -> None:
    """A day needs a month."""
    with pytest.raises(ValueError, match="needs a month"):
        PartialDate(2013, None, 1)


@pytest.mark.parametrize(
    ("date", "text", "lower", "upper", "precision"),
    [
        (PartialDate(2013), "2013", dt.date(2013, 1, 1), dt.date(2013, 12, 31), "year"),
        (PartialDate(2024, 2), "2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month"),
        (PartialDate(9, 9, 9), "0009-09-09", dt.date(9, 9, 9), dt.date(9, 9, 9), "day"),
    ],
)
def test_partial_date_bounds_and_text(
    date: PartialDate, text: str, lower: dt.date, upper: dt.date, precision: str
) -> None:
    """Each precision has its text form, bounds and name."""
    assert str(date) == text
    assert (date.lower, date.upper, date.precision) == (lower, upper, precision)


def test_partial_date_order_by_bounds() -> None:
    """Dates sort by lower bound, then upper bound."""
    dates = [PartialDate(2014), PartialDate(2013, 9, 1), PartialDate(2013, 9), PartialDate(2013)]
    # 2013-09-01 and 2013-09 start on the same day; the one that ends first sorts first.
    assert sorted(dates) == [
        PartialDate(2013),
        PartialDate(2013, 9, 1),
        PartialDate(2013, 9),
        PartialDate(2014),
    ]
    assert PartialDate(2013) < PartialDate(2013, 9)
    assert PartialDate(2014) >= PartialDate(2013, 12, 31)


@given(partial_dates())
def test_partial_date_text_round_trip(date: PartialDate) -> None:
    """parse(str(d)) == d for every partial date."""
    assert PartialDate.parse(str(date)) == date
    assert date.lower <= date.upper


def test_partial_date_json_is_strict_python_is_lenient() -> None:
    """JSON takes only the ISO text form; Python code may also pass Chinese forms."""
    adapter = TypeAdapter(PartialDate)
    assert adapter.validate_json('"2013-09"') == PartialDate(2013, 9)
    assert adapter.validate_python("2013年9月") == PartialDate(2013, 9)
    with pytest.raises(ValidationError, match="YYYY-MM"):
        adapter.validate_json('"2013年9月"')
    assert adapter.dump_json(PartialDate(2013, 9)) == b'"2013-09"'


def test_date_range() -> None:
    """A range reads START/END and refuses to end before it starts."""
    span = DateRange.parse("2021-03/2021-06")
    assert (span.start, span.end, str(span)) == (
        PartialDate(2021, 3),
        PartialDate(2021, 6),
        "2021-03/2021-06",
    )
    assert DateRange.parse("2019/2019-05").start == PartialDate(2019)
    with pytest.raises(ValueError, match="ends"):
        DateRange.parse("2021-06/2021-03")
    with pytest.raises(ValueError, match="START/END"):
        DateRange.parse("2021-06")


def test_parts_of_the_wrong_type_are_type_errors() -> None:
    """True is no year, as it is no quantity; a range is of partial dates, never None or text."""
    for parts, named in [((True,), "year"), ((2013, True), "month"), ((2013, 9, 1.0), "day"),
                         (("2013",), "year")]:  # fmt: skip
        with pytest.raises(TypeError, match=f"a partial date's {named} must be an int, not"):
            PartialDate(*parts)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="int, not bool"):
        Quantity(True)
    for start, end, named in [(None, None, "start"), (PartialDate(2019), "2020", "end")]:
        with pytest.raises(TypeError, match=f"a date range's {named} must be a PartialDate"):
            DateRange(start, end)  # type: ignore[arg-type]


def test_parts_given_as_other_integers_are_kept_as_ints() -> None:
    """A year or month from a table's column (NumPy integers) makes the same date as ints."""
    np = pytest.importorskip("numpy")
    date = PartialDate(np.int64(2013), np.int32(9), np.uint8(1))
    assert date == PartialDate(2013, 9, 1)
    assert hash(date) == hash(PartialDate(2013, 9, 1))
    assert (type(date.year), type(date.month), type(date.day)) == (int, int, int)
    with pytest.raises(TypeError, match="month must be an int, not float64"):
        PartialDate(2013, np.float64(9))


def test_quantity() -> None:
    """Quantities carry value, qualifier, unit and text; negative values are refused."""
    quantity = Quantity(300, Qualifier.NEARLY, "家會員單位", "近300家會員單位")
    assert str(quantity) == "近300家會員單位"
    assert quantity.to_dict() == {
        "value": 300,
        "qualifier": "nearly",
        "unit": "家會員單位",
        "text": "近300家會員單位",
    }
    assert Quantity(5).to_dict() == {"value": 5, "qualifier": "exact"}
    for bad in (-1, 10**12 + 1):
        with pytest.raises(ValueError, match="out of range"):
            Quantity(bad)
    with pytest.raises(TypeError, match="int"):
        Quantity(True)


def test_quantity_in_pydantic() -> None:
    """Quantity validates from JSON objects and rejects negatives and unknown keys."""
    adapter = TypeAdapter(Quantity)
    assert adapter.validate_json('{"value": 400, "qualifier": "over"}') == Quantity(
        400, Qualifier.OVER
    )
    for bad in (
        '{"value": -3}',
        '{"value": 3, "qualifier": "roughly"}',
        '{"value": 3, "extra": 1}',
    ):
        with pytest.raises(ValidationError):
            adapter.validate_json(bad)


def test_span() -> None:
    """A span is a non-empty half-open range that reads its characters."""
    span = Span(2, 5)
    assert (len(span), span.read("天津市文化傳媒商會")) == (3, "市文化")
    for start, end in [(3, 3), (5, 2), (-1, 2)]:
        with pytest.raises(ValueError, match="start < end"):
            Span(start, end)
    with pytest.raises(ValidationError, match="start < end"):
        TypeAdapter(Span).validate_json('{"start": 4, "end": 4}')


def test_span_utf16_counts_astral_characters_twice() -> None:
    """On CJK Extension B text, utf16 gives the offsets JavaScript's slice takes; code points stay Python's."""
    text = "𠀀𠀁商會𪚥成立"  # U+20000, U+20001 and U+2A6A5 lie outside the BMP
    span = Span(2, 5)
    assert span.read(text) == "商會𪚥"
    start, end = span.utf16(text)
    assert (start, end) == (4, 8)
    units = text.encode("utf-16-le")
    assert units[start * 2 : end * 2].decode("utf-16-le") == "商會𪚥"
    assert Span(0, 2).utf16("商會") == (0, 2)
    with pytest.raises(ValueError, match="outside"):
        Span(0, 9).utf16(text)


def test_span_offsets_are_bounded() -> None:
    """A span past the longest case text is refused in Python and in the schema."""
    with pytest.raises(ValueError, match="start < end <="):
        Span(0, 10 * 1024 * 1024 + 1)
    with pytest.raises(ValidationError):
        TypeAdapter(Span).validate_json(b'{"start": 0, "end": 99999999999}')


@pytest.mark.parametrize(
    ("model", "collection"),
    [("Organisation", "organisations"), ("Person", "people"), ("Honour", "honours"),
     ("Activity", "activities"), ("Work", "works")],
)  # fmt: skip
def test_every_model_checks_spans_the_same(model: str, collection: str) -> None:
    """The span mapping's schema, generated once and copied, checks spans in every model."""
    import orjson

    import partycases as pc
    from partycases.schema import example_case

    cls = getattr(pc, model)
    properties = cls.model_json_schema()["$defs"]["Span"]["properties"]
    assert (properties["start"]["minimum"], properties["end"]["maximum"]) == (0, 10 * 1024 * 1024)
    entity = example_case()[collection][0]
    entity["evidence"] = [{"start": 2, "end": 5}]
    assert cls.model_validate_json(orjson.dumps(entity)).evidence == (Span(2, 5),)
    for bad in ({"start": 5, "end": 2}, {"start": 0, "end": 1, "x": 1}, {"start": -1, "end": 1}):
        entity["evidence"] = [bad]
        with pytest.raises(ValidationError):
            cls.model_validate_json(orjson.dumps(entity))


def test_a_count_is_a_whole_number_not_true() -> None:
    """``true`` (or ``"5"``) as a member count is refused, not read as 1 (or 5)."""
    import json

    import partycases as pc
    from tests.conftest import EXAMPLES

    data = json.loads((EXAMPLES / "cases" / "tianjin-culture-media-chamber.json").read_bytes())
    for wrong in (True, "5"):
        data["organisations"][1]["member_count"]["value"] = wrong
        with pytest.raises(pc.LoadError, match="member_count/value"):
            pc.loads(json.dumps(data))
