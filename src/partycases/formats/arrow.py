"""Arrow and Parquet tables (extra ``[arrow]``): a corpus as normalised, linked tables.

Seven tables, linked by ``case_id`` and the entities' ids: ``cases``,
``organisations``, ``honours``, ``activities``, ``works``, ``sections`` and
``evidence``. An organisation has the same ``org_id`` in every case that names
it, in either script, so honours group by organisation across a corpus. Partial
dates are a text column plus ``*_lower`` and ``*_upper`` date columns, so SQL
can filter by year. The column lists below are the stable, documented schema.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from partycases._gc import paused_gc
from partycases.errors import MissingExtraError, WriteError
from partycases.models import Case, Section
from partycases.values import DateRange, PartialDate

__all__ = ["COLUMNS", "TABLES", "to_arrow", "write_parquet"]

#: Every table and its columns, as (name, Arrow type name).
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "cases": [
        ("case_id", "string"), ("schema_version", "string"), ("title", "string"),
        ("series_name", "string"), ("series_number", "int32"), ("published_at", "timestamp"),
        ("language", "string"), ("publisher", "string"), ("publisher_id", "string"),
        ("subject_ids", "list<string>"), ("tags", "list<string>"),
    ],
    "organisations": [
        ("case_id", "string"), ("org_id", "string"), ("name", "string"), ("kind", "string"),
        ("founded", "string"), ("founded_lower", "date"), ("founded_upper", "date"),
        ("location", "string"), ("grade", "string"), ("member_count", "int64"),
        ("member_qualifier", "string"), ("member_unit", "string"), ("parent_id", "string"),
        ("approved_by", "list<string>"), ("supervised_by", "list<string>"),
        ("credit_code", "string"), ("is_subject", "bool"),
    ],
    "honours": [
        ("case_id", "string"), ("honour_id", "string"), ("title", "string"),
        ("recipient_id", "string"), ("recipient_kind", "string"), ("awarded_by", "list<string>"),
        ("date", "string"), ("date_lower", "date"), ("date_upper", "date"), ("year", "int32"),
        ("level", "string"), ("batch", "int32"), ("kind", "string"),
    ],
    "activities": [
        ("case_id", "string"), ("activity_id", "string"), ("name", "string"), ("kind", "string"),
        ("date", "string"), ("date_lower", "date"), ("date_upper", "date"),
        ("organiser_ids", "list<string>"), ("participants", "list<string>"),
        ("work_ids", "list<string>"),
    ],
    "works": [
        ("case_id", "string"), ("work_id", "string"), ("title", "string"), ("kind", "string"),
        ("creator_ids", "list<string>"), ("platforms", "list<string>"),
        ("date", "string"), ("date_lower", "date"), ("date_upper", "date"),
    ],
    "sections": [
        ("case_id", "string"), ("path", "string"), ("depth", "int32"), ("number", "int32"),
        ("kind", "string"), ("heading", "string"), ("paragraphs", "list<string>"),
    ],
    "evidence": [
        ("case_id", "string"), ("entity_id", "string"), ("entity_kind", "string"),
        ("start", "int64"), ("end", "int64"), ("text", "string"),
    ],
}  # fmt: skip
TABLES = tuple(COLUMNS)


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise MissingExtraError("arrow", "pyarrow") from None
    return pyarrow


def _type(pa: Any, name: str) -> Any:
    return {
        "string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "bool": pa.bool_(),
        "date": pa.date32(), "timestamp": pa.timestamp("s"), "list<string>": pa.list_(pa.string()),
    }[name]  # fmt: skip


def schema(table: str) -> Any:
    """The Arrow schema of one table."""
    pa = _pyarrow()
    return pa.schema([(name, _type(pa, kind)) for name, kind in COLUMNS[table]])


def _dates(value: PartialDate | DateRange | None) -> tuple[str | None, Any, Any]:
    if value is None:
        return None, None, None
    if isinstance(value, DateRange):
        return str(value), value.start.lower, value.end.upper
    return str(value), value.lower, value.upper


class _Rows:
    """Column lists for every table, filled one case at a time."""

    def __init__(self) -> None:
        self.columns: dict[str, dict[str, list[Any]]] = {
            table: {name: [] for name, _ in cols} for table, cols in COLUMNS.items()
        }

    def add(self, table: str, **values: Any) -> None:
        for name, column in self.columns[table].items():
            column.append(values.get(name))

    def case(self, case: Case) -> None:
        cid = case.id
        kinds = {o.id: "organisation" for o in case.organisations}
        kinds.update({w.id: "work" for w in case.works})
        kinds.update({p.id: "person" for p in case.people})
        self.add(
            "cases", case_id=cid, schema_version=case.schema_version, title=case.title,
            series_name=case.series.name if case.series else None,
            series_number=case.series.number if case.series else None,
            published_at=case.published_at, language=case.language,
            publisher=case.source.publisher if case.source else None,
            publisher_id=case.source.publisher_id if case.source else None,
            subject_ids=list(case.subject_ids), tags=list(case.tags),
        )  # fmt: skip
        text = case.text or ""
        for org in case.organisations:
            founded, lower, upper = _dates(org.founded)
            count = org.member_count
            code = next((i.value for i in org.identifiers if i.scheme.value == "uscc"), None)
            self.add(
                "organisations", case_id=cid, org_id=org.id, name=org.name, kind=org.kind.value,
                founded=founded, founded_lower=lower, founded_upper=upper, location=org.location,
                grade=org.grade, member_count=count.value if count else None,
                member_qualifier=count.qualifier.value if count else None,
                member_unit=count.unit if count else None, parent_id=org.parent_id,
                approved_by=list(org.approved_by), supervised_by=list(org.supervised_by),
                credit_code=code, is_subject=org.id in case.subject_ids,
            )  # fmt: skip
            self._evidence(cid, org.id, "organisation", org.evidence, text)
        for honour in case.honours:
            date, lower, upper = _dates(honour.date)
            self.add(
                "honours", case_id=cid, honour_id=honour.id, title=honour.title,
                recipient_id=honour.recipient_id, recipient_kind=kinds.get(honour.recipient_id),
                awarded_by=list(honour.awarded_by), date=date, date_lower=lower, date_upper=upper,
                year=honour.date.year if honour.date else None,
                level=honour.level.value if honour.level else None, batch=honour.batch,
                kind=honour.kind.value,
            )  # fmt: skip
            self._evidence(cid, honour.id, "honour", honour.evidence, text)
        for activity in case.activities:
            date, lower, upper = _dates(activity.date)
            self.add(
                "activities", case_id=cid, activity_id=activity.id, name=activity.name,
                kind=activity.kind.value, date=date, date_lower=lower, date_upper=upper,
                organiser_ids=list(activity.organiser_ids),
                participants=list(activity.participants), work_ids=list(activity.work_ids),
            )  # fmt: skip
            self._evidence(cid, activity.id, "activity", activity.evidence, text)
        for work in case.works:
            date, lower, upper = _dates(work.date)
            self.add(
                "works", case_id=cid, work_id=work.id, title=work.title, kind=work.kind.value,
                creator_ids=list(work.creator_ids), platforms=list(work.platforms),
                date=date, date_lower=lower, date_upper=upper,
            )  # fmt: skip
            self._evidence(cid, work.id, "work", work.evidence, text)
        for person in case.people:
            self._evidence(cid, person.id, "person", person.evidence, text)
        self._sections(cid, case.sections, "", 0)

    def _sections(self, cid: str, sections: tuple[Section, ...], prefix: str, depth: int) -> None:
        for index, section in enumerate(sections, start=1):
            path = f"{prefix}{index}"
            self.add(
                "sections", case_id=cid, path=path, depth=depth, number=section.number,
                kind=section.kind.value, heading=section.heading,
                paragraphs=[(p.marker or "") + p.text for p in section.paragraphs],
            )  # fmt: skip
            self._sections(cid, section.subsections, f"{path}.", depth + 1)

    def _evidence(self, cid: str, entity: str, kind: str, spans: Iterable[Any], text: str) -> None:
        for span in spans:
            self.add(
                "evidence", case_id=cid, entity_id=entity, entity_kind=kind,
                start=span.start, end=span.end, text=span.read(text),
            )  # fmt: skip


def to_arrow(cases: Iterable[Case]) -> dict[str, Any]:
    """The corpus as seven linked ``pyarrow.Table`` objects, by table name."""
    pa = _pyarrow()
    rows = _Rows()
    with paused_gc():
        for index, case in enumerate(cases, start=1):
            rows.case(case)
            if index % 1000 == 0:
                # Young objects only: frees any cycles the cases' source left
                # behind, without rescanning the rows gathered so far.
                gc.collect(1)
        return {
            table: pa.Table.from_pydict(columns, schema=schema(table))
            for table, columns in rows.columns.items()
        }


def write_parquet(cases: Iterable[Case], directory: str | os.PathLike[str]) -> dict[str, Path]:
    """Write the seven tables as ``DIRECTORY/<table>.parquet``, each atomically."""
    import pyarrow.parquet as pq

    tables = to_arrow(cases)
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, table in tables.items():
        path = target / f"{name}.parquet"
        temporary = target / f".{name}.parquet.tmp"
        try:
            pq.write_table(table, temporary)
            os.replace(temporary, path)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise WriteError(f"{path}: cannot write: {error}") from None
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        written[name] = path
    return written
