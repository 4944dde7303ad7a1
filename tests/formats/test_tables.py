"""Arrow and Parquet tables, and JSON-LD: the shapes other tools read."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyarrow.parquet as pq
import pytest
from hypothesis import given
from pyld import jsonld

import partycases as pc
from partycases.formats.arrow import COLUMNS, TABLES
from tests import strategies
from tests.conftest import EXAMPLE_CASES, ROOT

SCHEMA = "https://schema.org/"


def corpus() -> list[pc.Case]:
    """The example cases and some synthetic ones."""
    return [pc.load(p) for p in EXAMPLE_CASES] + list(pc.generate_cases(200, seed=3))


def test_tables_and_their_documented_columns() -> None:
    """Every table has exactly the documented columns; per-case tables link by case_id."""
    tables = pc.to_arrow(corpus())
    assert tuple(tables) == TABLES
    documented = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    for name, table in tables.items():
        assert table.column_names == [column for column, _ in COLUMNS[name]]
        assert f"## `{name}`" in documented
        for column, kind in COLUMNS[name]:
            assert f"| `{column}` | {kind} |" in documented.split(f"## `{name}`")[1]
    assert tables["cases"].num_rows == 202
    case_ids = set(tables["cases"].column("case_id").to_pylist())
    for name in TABLES:
        if "case_id" in tables[name].column_names and name != "cases":
            assert set(tables[name].column("case_id").to_pylist()) <= case_ids


def test_partial_dates_have_bounds() -> None:
    """A partial date is text plus lower and upper dates, so SQL can filter by year."""
    tables = pc.to_arrow([pc.load(EXAMPLE_CASES[-1])])
    organisations = tables["organisations"].to_pylist()
    chamber = next(row for row in organisations if row["name"] == "天津市文化傳媒商會")
    assert (chamber["founded"], chamber["founded_lower"], chamber["founded_upper"]) == (
        "2013-09",
        dt.date(2013, 9, 1),
        dt.date(2013, 9, 30),
    )
    assert (chamber["member_count"], chamber["member_qualifier"]) == (300, "nearly")
    honours = tables["honours"].to_pylist()
    certificate = next(row for row in honours if row["title"] == "榮譽證書")
    assert (certificate["year"], certificate["recipient_kind"], certificate["level"]) == (
        2019,
        "work",
        "national",
    )


def test_same_organisation_same_id_across_scripts() -> None:
    """The organisation named in Traditional in one case and Simplified in another has one id."""
    rows = pc.to_arrow(corpus())["organisations"].to_pylist()
    names = {row["name"] for row in rows if row["org_id"] == "org:天津市文化传媒商会"}
    assert names == {"天津市文化傳媒商會", "天津市文化传媒商会"}


def test_evidence_table_reads_the_text() -> None:
    """The evidence table carries each span and the words it covers."""
    rows = pc.to_arrow([pc.load(EXAMPLE_CASES[0])])["evidence"].to_pylist()
    row = next(r for r in rows if r["entity_kind"] == "honour")
    assert row["text"].endswith("评为“五星级党组织”")


def test_write_parquet(tmp_path: Path) -> None:
    """write_parquet writes one file per table, nothing else, readable back with the same rows."""
    paths = pc.write_parquet(corpus(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    assert pq.read_table(paths["honours"]).num_rows == pc.to_arrow(corpus())["honours"].num_rows


def test_synthetic_corpus_is_deterministic() -> None:
    """The same seed gives the same cases, byte for byte."""
    first = [pc.dumps(c) for c in pc.generate_cases(20, seed=11)]
    assert first == [pc.dumps(c) for c in pc.generate_cases(20, seed=11)]
    assert first != [pc.dumps(c) for c in pc.generate_cases(20, seed=12)]


def test_query_corpus_example(tmp_path: Path) -> None:
    """examples/query_corpus.py answers both questions, grouping the shared organisation as one."""
    pytest.importorskip("duckdb", reason="the DuckDB example needs the [duckdb] extra")
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "query_corpus.py"), str(tmp_path)],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Honours per year and level" in result.stdout
    assert "天津市文化传媒商会 / 天津市文化傳媒商會" in result.stdout
    assert "founding date the cases state differently" in result.stdout
    assert "dates_stated" in result.stdout


def test_jsonld_expands_with_the_facts() -> None:
    """to_jsonld expands under a JSON-LD processor and keeps the mapped facts."""
    case = pc.load(EXAMPLE_CASES[-1])
    expanded = jsonld.expand(pc.to_jsonld(case))
    by_id = {node["@id"]: node for node in expanded}
    article = by_id["urn:partycases:case:tianjin-culture-media-chamber"]
    assert article["@type"] == [SCHEMA + "Article"]
    assert article[SCHEMA + "datePublished"] == [{"@value": "2023-05-23T16:34:54"}]
    chamber = by_id["urn:partycases:org:天津市文化传媒商会"]
    assert chamber[SCHEMA + "foundingDate"] == [{"@value": "2013-09"}]
    assert {"@value": "市級黨建工作示範點"} in chamber[SCHEMA + "award"]
    [count] = chamber["urn:partycases:vocab:memberCount"]
    assert count["@type"] == [SCHEMA + "QuantitativeValue"]
    assert count[SCHEMA + "value"] == [{"@value": 300}]
    branch = by_id["urn:partycases:org:中共天津市文化传媒商会支部委员会"]
    assert branch[SCHEMA + "parentOrganization"] == [{"@id": chamber["@id"]}]
    video = by_id["urn:partycases:work:我爱你中国"]
    assert video["@type"] == [SCHEMA + "VideoObject"]
    events = [n for n in expanded if n["@type"] == [SCHEMA + "Event"]]
    assert {"@value": "2019-10-01"} in [
        e[SCHEMA + "startDate"][0] for e in events if SCHEMA + "startDate" in e
    ]
    honours = [n for n in expanded if n["@type"] == ["urn:partycases:vocab:Honour"]]
    assert len(honours) == len(case.honours)
    with pytest.raises(pc.FormatError, match="write-only"):
        pc.loads(b"{}", format="jsonld")


# RFC 3987: what an IRI's path holds besides percent-escapes (ipchar: iunreserved, sub-delims,
# ":" and "@"; "/" between segments), the letters beyond ASCII being the ucschar ranges.
_IPCHAR_ASCII = set(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/"
)
_UCSCHAR = [(0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF), (0xE1000, 0xEFFFD)] + [
    (plane << 16, (plane << 16) + 0xFFFD) for plane in range(1, 14)
]


def _is_iri(value: str) -> bool:
    """Whether ``value`` is an absolute IRI of a scheme and a path, as RFC 3987 allows one."""
    scheme, colon, path = value.partition(":")
    if not colon or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme):
        return False
    return all(
        char in _IPCHAR_ASCII or any(low <= ord(char) <= high for low, high in _UCSCHAR)
        for char in re.sub("%[0-9A-Fa-f]{2}", "", path)
    )


def _node_ids(value: Any) -> list[str]:
    """Every ``@id`` in a JSON-LD document, nodes and references alike."""
    if isinstance(value, dict):
        found = [value["@id"]] if "@id" in value else []
        return found + [i for key, item in value.items() if key != "@id" for i in _node_ids(item)]
    if isinstance(value, list):
        return [i for item in value for i in _node_ids(item)]
    return []


@given(strategies.cases())
def test_jsonld_ids_are_iris_that_name_their_ids(case: pc.Case) -> None:
    """Every @id is an IRI that decodes to its id, whatever the id holds; N-Quads read back."""
    document = pc.to_jsonld(case)
    found = _node_ids(document)
    assert all(_is_iri(iri) for iri in found), found
    named = {unquote(iri.removeprefix("urn:partycases:")) for iri in found}
    entities = [case.organisations, case.people, case.honours, case.activities, case.works]
    assert named == {f"case:{case.id}"} | {e.id for group in entities for e in group}
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    quads = jsonld.JsonLdProcessor.parse_nquads(nquads)["@default"]
    subjects = {quad["subject"]["value"] for quad in quads}
    assert {iri for iri in subjects if not iri.startswith("_:")} == set(found)


def test_jsonld_percent_encodes_what_an_iri_may_not_hold() -> None:
    """<, >, % and other such characters of an id are escaped; Han characters stay as they are."""
    case = pc.Case(
        id="case<1>",
        language="zh-Hans",
        organisations=[
            {"id": "org:<x>", "name": "甲"},
            {"id": "org:100%", "name": "乙"},
            {"id": "org:商会#1?", "name": "丙"},
        ],
        subject_ids=["org:<x>"],
    )
    graph = pc.to_jsonld(case)["@graph"]
    assert [node["@id"] for node in graph] == [
        "urn:partycases:case:case%3C1%3E",
        "urn:partycases:org:%3Cx%3E",
        "urn:partycases:org:100%25",
        "urn:partycases:org:商会%231%3F",
    ]
    assert graph[0]["about"] == [{"@id": "urn:partycases:org:%3Cx%3E"}]


def test_every_reference_has_its_column() -> None:
    """Each field of the references table is a column of its collection's table, of its shape."""
    pytest.importorskip("pyarrow")
    from partycases.formats.arrow import COLUMNS
    from partycases.models import REFERENCES

    tables = {"": "cases", "organisations": "organisations", "honours": "honours",
              "activities": "activities", "works": "works", "people": "people"}  # fmt: skip
    # Where a table names a column otherwise: the case's source is flattened, a person's
    # roles become one list of organisations, and participants are kept as their names.
    renamed = {"source.publisher_id": "publisher_id", "roles[].organisation_id": "role_org_ids",
               "participant_ids[]": "participants"}  # fmt: skip
    for link in REFERENCES:
        columns = dict(COLUMNS[tables[link.owner]])
        name = renamed.get(link.field, link.steps[-1][0])
        many = any(many for _, many in link.steps)
        assert name in columns, (link.owner, link.field)
        assert columns[name] == ("list<string>" if many else "string"), (link.field, columns[name])


def test_what_is_not_a_case_is_a_write_error_naming_it(tmp_path: Path) -> None:
    """One case, a path, or an item that is no case is refused before any table is written."""
    case = pc.load(EXAMPLE_CASES[0])
    for cases, message in [
        ([case, 1], "item 2: expected a case or a (case, source file name) pair, not int"),
        ([(case, Path("a.json"))], f"item 1: .*, not a tuple of Case, {type(Path()).__name__}"),
        (case, "expected cases (a list or an iterator of them), not a Case"),
        ("corpus.jsonl", "not a str"),
        (tmp_path / "corpus.jsonl", f"not a {type(Path()).__name__}"),
    ]:
        with pytest.raises(pc.WriteError, match=message.replace("(", r"\(").replace(")", r"\)")):
            pc.to_arrow(cases)  # type: ignore[arg-type]
        with pytest.raises(pc.WriteError):
            pc.write_parquet(cases, tmp_path / "tables")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
    tables = pc.to_arrow([case, (case, "a.json")])
    assert tables["cases"].column("source_file").to_pylist() == [None, "a.json"]
