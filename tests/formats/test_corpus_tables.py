"""The corpus tables: identity across cases, new per-case tables, CSV, pandas and polars."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import orjson
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

import partycases as pc
from partycases.formats.arrow import TABLES
from tests.conftest import EXAMPLE_CASES
from tests.strategies import timestamps

CODE = "51120000MJ05432108"
CHAMBER = "org:天津市文化传媒商会"


def pair() -> list[pc.Case]:
    """One body named in Traditional (with a credit code) and in Simplified, in two cases."""
    traditional = pc.Case.model_validate(
        {
            "id": "trad",
            "language": "zh-Hant",
            "series": {"name": "典型案例", "number": 9999},
            "source": {
                "publisher": "某網",
                "url": "https://example.org/a",
                "retrieved_at": "2024-01-02T03:04:05",
            },
            "editor_note": "編者按文字",
            "subject_ids": ["org:天津市文化传媒商会"],
            "organisations": [
                {
                    "id": "org:天津市文化传媒商会",
                    "name": "天津市文化傳媒商會",
                    "other_names": [
                        {"value": "天津文傳商會", "language": "zh-Hant", "kind": "short"}
                    ],
                    "identifiers": [{"scheme": "uscc", "value": CODE}],
                    "founded": "2013-09",
                    "member_count": {"value": 2**39},
                }
            ],
            "people": [
                {
                    "id": "person:张三",
                    "name": "張三",
                    "roles": [{"title": "會長", "organisation_id": CHAMBER}, {"title": "委員"}],
                }
            ],
            "honours": [
                {
                    "id": "honour:a",
                    "title": "「四好」商會",
                    "recipient_id": CHAMBER,
                    "date": "2017",
                    "batch": 9999,
                }
            ],
        }
    )
    simplified = pc.Case.model_validate(
        {
            "id": "simp",
            "language": "zh-Hans",
            "organisations": [
                {"id": "org:天津市文化传媒商会", "name": "天津市文化传媒商会", "founded": "2014"}
            ],
            "honours": [
                {"id": "honour:b", "title": "“四好”商会", "recipient_id": CHAMBER, "date": "2017"}
            ],
        }
    )
    return [traditional, simplified]


def test_one_body_one_entity_and_one_org_id_everywhere() -> None:
    """Two cases naming one body in either script, one with a code, give one entity and one id."""
    tables = pc.to_arrow(pair())
    [entity] = [r for r in tables["entities"].to_pylist() if r["entity_kind"] == "organisation"]
    assert entity["entity_id"] == CHAMBER
    assert entity["case_ids"] == ["trad", "simp"]
    assert entity["case_count"] == 2
    assert set(entity["names"]) == {"天津市文化傳媒商會", "天津文傳商會", "天津市文化传媒商会"}
    assert entity["languages"] == ["zh-Hans", "zh-Hant"]
    assert entity["conflicts"] == ["founded"]
    for name in ("organisations", "names", "identifiers"):
        assert set(tables[name].column("org_id").to_pylist()) == {CHAMBER}
    assert set(tables["honours"].column("recipient_id").to_pylist()) == {CHAMBER}
    [honour] = [r for r in tables["entities"].to_pylist() if r["entity_kind"] == "honour"]
    assert honour["case_ids"] == ["trad", "simp"]


def test_facts_keep_their_cases_and_conflicts_are_flagged() -> None:
    """Each stated founding date is a row naming the case that states it, marked as a conflict."""
    facts = pc.to_arrow(pair())["entity_facts"].to_pylist()
    founded = {r["value"]: r for r in facts if r["fact"] == "founded"}
    assert {v: r["case_ids"] for v, r in founded.items()} == {"2013-09": ["trad"], "2014": ["simp"]}
    assert all(r["in_conflict"] for r in founded.values())
    [code] = [r for r in facts if r["fact"] == "credit_code"]
    assert (code["value"], code["in_conflict"]) == (CODE, False)


def test_new_per_case_tables_and_case_columns() -> None:
    """people, names, identifiers, crosswalk and the source columns of cases are filled."""
    tables = pc.to_arrow([(pair()[0], "corpus/trad.json"), pair()[1]])
    case = tables["cases"].to_pylist()[0]
    assert (case["source_url"], case["retrieved_at"], case["editor_note"], case["source_file"]) == (
        "https://example.org/a",
        dt.datetime(2024, 1, 2, 3, 4, 5),
        "編者按文字",
        "corpus/trad.json",
    )
    assert tables["cases"].to_pylist()[1]["source_file"] is None
    [person] = tables["people"].to_pylist()
    assert (person["role_titles"], person["role_org_ids"]) == (["會長", "委員"], [CHAMBER, None])
    names = {(r["name"], r["kind"], r["is_main"]) for r in tables["names"].to_pylist()}
    assert ("天津文傳商會", "short", False) in names
    assert tables["identifiers"].to_pylist() == [
        {"case_id": "trad", "org_id": CHAMBER, "scheme": "uscc", "value": CODE}
    ]
    walk = {(r["case_id"], r["local_id"]): r["entity_id"] for r in tables["crosswalk"].to_pylist()}
    assert (
        walk[("trad", "honour:a")]
        == walk[("simp", "honour:b")]
        == "honour:天津市文化传媒商会-2017-四好商会"
    )


def test_numbers_past_32_bits_export(tmp_path: Path) -> None:
    """Counts of 2**31 and more are written as 64-bit integers; numbers and batches up to their maxima."""
    paths = pc.write_parquet(pair(), tmp_path / "out")
    assert pq.read_table(paths["organisations"]).column("member_count").to_pylist()[0] == 2**39
    assert pq.read_table(paths["cases"]).column("series_number").to_pylist()[0] == 9999
    assert pq.read_table(paths["honours"]).column("batch").to_pylist()[0] == 9999


def timed(stamps: list[dt.datetime]) -> list[pc.Case]:
    """A case per timestamp, published and retrieved at it."""
    return [
        pc.Case(id=f"t{i}", language="zh-Hans", published_at=s, source={"retrieved_at": s})
        for i, s in enumerate(stamps)
    ]


def test_timestamps_keep_their_wall_time_zone_and_microseconds(tmp_path: Path) -> None:
    """A zoned time keeps its time as published and its offset; a local one has no offset;
    microseconds and the first and last years are kept, in Arrow, Parquet and CSV."""
    east, west = (
        dt.timezone(dt.timedelta(hours=8)),
        dt.timezone(-dt.timedelta(hours=23, minutes=59)),
    )
    stamps = [
        dt.datetime(2023, 5, 23, 16, 34, 54, 500000),
        dt.datetime(2023, 5, 23, 16, 34, 54, tzinfo=east),
        dt.datetime(1, 1, 1, 0, 0, tzinfo=east),
        dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=west),
    ]
    wall = [s.replace(tzinfo=None) for s in stamps]
    offsets = [None, 480, 480, -1439]
    paths = pc.write_parquet(timed(stamps), tmp_path / "parquet")
    for table in (pc.to_arrow(timed(stamps))["cases"], pq.read_table(paths["cases"])):
        rows = table.to_pylist()
        assert [r["published_at"] for r in rows] == [r["retrieved_at"] for r in rows] == wall
        assert [r["published_at_offset"] for r in rows] == offsets
        assert [r["retrieved_at_offset"] for r in rows] == offsets
    lines = pc.write_csv(timed(stamps), tmp_path / "csv")["cases"].read_text().splitlines()
    assert ',"2023-05-23 16:34:54.500000",' in lines[1]
    assert lines[1].endswith(",,")  # no offset for a local time
    assert ',"2023-05-23 16:34:54",' in lines[2]  # a fraction only when it is not zero
    assert lines[2].endswith(",480,480")
    assert ',"0001-01-01 00:00:00",' in lines[3]
    assert ',"9999-12-31 23:59:59.999999",' in lines[4]
    assert lines[4].endswith(",-1439,-1439")


def test_csv_timestamps_read_back_for_every_year(tmp_path: Path) -> None:
    """pyarrow reads the CSV times of years 1 and 9999 with the documented types; whole seconds unaided."""
    import pyarrow as pa

    whole = [dt.datetime(1, 1, 1), dt.datetime(2023, 5, 23, 16, 34, 54), dt.datetime(9999, 1, 1)]
    guessed = pacsv.read_csv(pc.write_csv(timed(whole), tmp_path / "whole")["cases"])
    assert guessed.column("published_at").to_pylist() == whole
    stamps = [*whole, dt.datetime(9999, 12, 31, 23, 59, 59, 500000)]
    stamp = pa.timestamp("us")
    options = pacsv.ConvertOptions(column_types={"published_at": stamp, "retrieved_at": stamp})
    read = pacsv.read_csv(
        pc.write_csv(timed(stamps), tmp_path / "csv")["cases"], convert_options=options
    )
    assert read.column("published_at").to_pylist() == stamps
    assert read.column("retrieved_at").to_pylist() == stamps


@given(st.lists(timestamps(), min_size=1, max_size=5))
def test_every_timestamp_a_case_holds_reads_back_from_the_tables(
    stamps: list[dt.datetime],
) -> None:
    """Any timestamp a case can hold is written and read back as the case states it."""
    rows = pc.to_arrow(timed(stamps))["cases"].to_pylist()
    for stamp, row in zip(stamps, rows, strict=True):
        offset = row["published_at_offset"]
        zone = None if offset is None else dt.timezone(dt.timedelta(minutes=offset))
        assert row["published_at"].replace(tzinfo=zone) == stamp
        assert (row["published_at"].tzinfo, zone) == (None, stamp.tzinfo)


def test_csv_of_every_table_with_lists_as_json(tmp_path: Path) -> None:
    """Every table is written as CSV; a list is one JSON array text, null an empty field."""
    cases = [pc.load(p) for p in EXAMPLE_CASES] + pair()
    paths = pc.write_csv(cases, tmp_path / "csv")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(
        f"{t}.csv" for t in TABLES
    )
    parquet = pc.to_arrow(cases)
    for table in TABLES:
        read = pacsv.read_csv(paths[table])
        assert read.num_rows == parquet[table].num_rows
    [person] = [p for p in pacsv.read_csv(paths["people"]).to_pylist() if p["case_id"] == "trad"]
    assert orjson.loads(person["role_org_ids"]) == [CHAMBER, None]
    honours = pacsv.read_csv(paths["honours"]).to_pylist()
    assert {h["awarded_by"] for h in honours} >= {"[]"}


def test_pandas_keeps_integers_nullable() -> None:
    """to_pandas gives Int64 columns holding missing values, not float64."""
    pytest.importorskip("pandas", reason="pandas is not installed")
    frame = pc.to_pandas(pc.to_arrow(pair())["honours"])
    assert str(frame["batch"].dtype) == "Int64"
    assert frame["batch"].isna().tolist() == [False, True]
    assert int(frame["batch"][0]) == 9999


def test_polars_keeps_integers_nullable() -> None:
    """to_polars gives Int64 columns with nulls."""
    pytest.importorskip("polars", reason="polars is not in the test extra (large runtime wheel)")
    frame = pc.to_polars(pc.to_arrow(pair())["honours"])
    assert str(frame["batch"].dtype) == "Int64"
    assert frame["batch"].to_list() == [9999, None]
