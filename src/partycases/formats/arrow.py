"""Arrow, Parquet and CSV tables (extra ``[arrow]``): a corpus as normalised, linked tables.

Per-case tables (``cases``, ``organisations``, ``names``, ``identifiers``,
``people``, ``honours``, ``activities``, ``works``, ``sections``, ``evidence``,
``crosswalk``) link by ``case_id`` and the entities' ids; corpus tables
(``entities``, ``entity_facts``) hold one record per organisation, work and
honour across the corpus (see :mod:`partycases.corpus`). An organisation has
the same ``org_id`` in every table and every case: the key of its name, in
either script. Partial dates are a text column plus ``*_lower`` and
``*_upper`` date columns, so SQL can filter by year. A timestamp is its date
and time as published (microseconds, no zone) plus an ``*_offset`` column, its
offset from UTC in minutes, null when it states none. Every integer column is
64-bit. The column lists below are the stable, documented schema.

Tables are built in record batches of a bounded number of rows and written as
they fill, so memory stays flat in the number of cases; only the corpus
records grow, with the number of distinct entities.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

import orjson

from partycases.corpus import Corpus, EntityRecord
from partycases.errors import MissingExtraError, WriteError
from partycases.formats._tableset import staged_directory
from partycases.models import Case, Section, writable_case
from partycases.values import DateRange, PartialDate

__all__ = [
    "COLUMNS",
    "CORPUS_TABLES",
    "TABLES",
    "folders_clash",
    "iter_batches",
    "schema",
    "staged_directory",
    "table_targets",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "write_csv",
    "write_parquet",
    "write_tables",
]

_DATES: Final = [("date", "string"), ("date_lower", "date"), ("date_upper", "date")]

#: Every table and its columns, as (name, Arrow type name).
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "cases": [
        ("case_id", "string"), ("schema_version", "string"), ("title", "string"),
        ("series_name", "string"), ("series_number", "int64"), ("published_at", "timestamp"),
        ("language", "string"), ("publisher", "string"), ("publisher_id", "string"),
        ("subject_ids", "list<string>"), ("tags", "list<string>"), ("source_url", "string"),
        ("retrieved_at", "timestamp"), ("editor_note", "string"), ("headline", "string"),
        ("source_file", "string"), ("published_at_offset", "int64"),
        ("retrieved_at_offset", "int64"),
    ],
    "organisations": [
        ("case_id", "string"), ("org_id", "string"), ("name", "string"), ("kind", "string"),
        ("founded", "string"), ("founded_lower", "date"), ("founded_upper", "date"),
        ("location", "string"), ("grade", "string"), ("member_count", "int64"),
        ("member_qualifier", "string"), ("member_unit", "string"), ("parent_id", "string"),
        ("approved_by", "list<string>"), ("supervised_by", "list<string>"),
        ("credit_code", "string"), ("is_subject", "bool"),
    ],
    "names": [
        ("case_id", "string"), ("org_id", "string"), ("name", "string"),
        ("language", "string"), ("kind", "string"), ("is_main", "bool"),
    ],
    "identifiers": [
        ("case_id", "string"), ("org_id", "string"), ("scheme", "string"), ("value", "string"),
    ],
    "people": [
        ("case_id", "string"), ("person_id", "string"), ("entity_id", "string"),
        ("name", "string"), ("role_titles", "list<string>"), ("role_org_ids", "list<string>"),
    ],
    "honours": [
        ("case_id", "string"), ("honour_id", "string"), ("entity_id", "string"),
        ("title", "string"), ("recipient_id", "string"), ("recipient_kind", "string"),
        ("awarded_by", "list<string>"), *_DATES, ("year", "int64"),
        ("level", "string"), ("batch", "int64"), ("kind", "string"),
    ],
    "activities": [
        ("case_id", "string"), ("activity_id", "string"), ("name", "string"), ("kind", "string"),
        *_DATES, ("organiser_ids", "list<string>"), ("participants", "list<string>"),
        ("work_ids", "list<string>"),
    ],
    "works": [
        ("case_id", "string"), ("work_id", "string"), ("entity_id", "string"),
        ("title", "string"), ("kind", "string"), ("creator_ids", "list<string>"),
        ("platforms", "list<string>"), *_DATES,
    ],
    "sections": [
        ("case_id", "string"), ("path", "string"), ("depth", "int64"), ("number", "int64"),
        ("kind", "string"), ("heading", "string"), ("paragraphs", "list<string>"),
    ],
    "evidence": [
        ("case_id", "string"), ("entity_id", "string"), ("entity_kind", "string"),
        ("start", "int64"), ("end", "int64"), ("text", "string"),
    ],
    "crosswalk": [
        ("case_id", "string"), ("local_id", "string"), ("entity_id", "string"),
        ("entity_kind", "string"),
    ],
    "entities": [
        ("entity_id", "string"), ("entity_kind", "string"), ("name", "string"),
        ("names", "list<string>"), ("languages", "list<string>"), ("case_count", "int64"),
        ("case_ids", "list<string>"), ("conflicts", "list<string>"),
    ],
    "entity_facts": [
        ("entity_id", "string"), ("entity_kind", "string"), ("fact", "string"),
        ("value", "string"), ("case_count", "int64"), ("case_ids", "list<string>"),
        ("in_conflict", "bool"),
    ],
}  # fmt: skip
TABLES: Final = tuple(COLUMNS)
#: The tables built from the corpus records, after every case has been read.
CORPUS_TABLES: Final = ("entities", "entity_facts")
#: The rows gathered per table before they are handed on as one record batch.
BATCH_ROWS: Final = 8192
_KINDS: Final = {"org": "organisation", "person": "person", "honour": "honour", "work": "work"}


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise MissingExtraError("arrow", "pyarrow") from None
    return pyarrow


def _type(pa: Any, name: str) -> Any:
    return {
        "string": pa.string(), "int64": pa.int64(), "bool": pa.bool_(),
        "date": pa.date32(), "timestamp": pa.timestamp("us"), "list<string>": pa.list_(pa.string()),
    }[name]  # fmt: skip


def schema(table: str) -> Any:
    """The Arrow schema of one table."""
    pa = _pyarrow()
    return pa.schema([(name, _type(pa, kind)) for name, kind in COLUMNS[table]])


def _wall_time(value: dt.datetime | None) -> dt.datetime | None:
    """A timestamp's date and time as published, its zone left to :func:`_offset`.

    Kept as written, not moved to UTC: a zoned time then sits beside unzoned local
    times with one meaning, and every year from 1 to 9999 stays in range.
    """
    return None if value is None else value.replace(tzinfo=None)


def _offset(value: dt.datetime | None) -> int | None:
    """A timestamp's offset from UTC in whole minutes (480 for +08:00); None if it states none."""
    offset = None if value is None else value.utcoffset()
    # RFC 3339 offsets are whole minutes; a finer one made in Python is cut toward zero.
    return None if offset is None else int(offset.total_seconds() / 60)


def _dates(value: PartialDate | DateRange | None) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, DateRange):
        return {"date": str(value), "date_lower": value.start.lower, "date_upper": value.end.upper}
    return {"date": str(value), "date_lower": value.lower, "date_upper": value.upper}


Item = Case | tuple[Case, str | None]


class _Rows:
    """Column lists for every table, filled one case at a time and drained in batches."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        # Column lists rather than row dicts: a batch of 8,192 rows of thirteen tables
        # held as dicts cost about 35 MB more at the peak of a million-case export.
        self.columns: dict[str, dict[str, list[Any]]] = {
            table: {name: [] for name, _ in cols} for table, cols in COLUMNS.items()
        }

    def add(self, table: str, **values: Any) -> None:
        for name, column in self.columns[table].items():
            column.append(values.get(name))

    def size(self, table: str) -> int:
        return len(next(iter(self.columns[table].values())))

    def drain(self, table: str) -> dict[str, list[Any]]:
        columns = self.columns[table]
        self.columns[table] = {name: [] for name in columns}
        return columns

    def case(self, case: Case, source_file: str | None) -> None:
        cid = case.id
        keys = self.corpus.add(case)
        orgs = {org.id for org in case.organisations}

        def org(local: str | None) -> str | None:
            return keys[local] if local in orgs else local

        def orgs_of(ids: Iterable[str]) -> list[str | None]:
            return [org(i) for i in ids]

        kinds = {o.id: "organisation" for o in case.organisations}
        kinds.update({w.id: "work" for w in case.works})
        kinds.update({p.id: "person" for p in case.people})
        source = case.source
        self.add(
            "cases", case_id=cid, schema_version=case.schema_version, title=case.title,
            series_name=case.series.name if case.series else None,
            series_number=case.series.number if case.series else None,
            published_at=_wall_time(case.published_at),
            published_at_offset=_offset(case.published_at), language=case.language,
            publisher=source.publisher if source else None,
            publisher_id=org(source.publisher_id) if source else None,
            subject_ids=orgs_of(case.subject_ids), tags=list(case.tags),
            source_url=source.url if source else None,
            retrieved_at=_wall_time(source.retrieved_at) if source else None,
            retrieved_at_offset=_offset(source.retrieved_at) if source else None,
            editor_note=case.editor_note, headline=case.headline, source_file=source_file,
        )  # fmt: skip
        for local, key in keys.items():
            self.add(
                "crosswalk", case_id=cid, local_id=local, entity_id=key,
                entity_kind=_KINDS.get(local.split(":", 1)[0], "activity"),
            )  # fmt: skip
        text = case.text or ""
        for entity in case.organisations:
            count = entity.member_count
            oid = keys[entity.id]
            code = next((i.value for i in entity.identifiers if i.scheme.value == "uscc"), None)
            self.add(
                "organisations", case_id=cid, org_id=oid, name=entity.name,
                kind=entity.kind.value, location=entity.location, grade=entity.grade,
                **{f"founded{k[4:]}": v for k, v in _dates(entity.founded).items()},
                member_count=count.value if count else None,
                member_qualifier=count.qualifier.value if count else None,
                member_unit=count.unit if count else None, parent_id=org(entity.parent_id),
                approved_by=orgs_of(entity.approved_by),
                supervised_by=orgs_of(entity.supervised_by),
                credit_code=code, is_subject=entity.id in case.subject_ids,
            )  # fmt: skip
            self.add(
                "names", case_id=cid, org_id=oid, name=entity.name, language=case.language,
                kind="main", is_main=True,
            )  # fmt: skip
            for name in entity.other_names:
                self.add(
                    "names", case_id=cid, org_id=oid, name=name.value, language=name.language,
                    kind=name.kind.value, is_main=False,
                )  # fmt: skip
            for identifier in entity.identifiers:
                self.add(
                    "identifiers", case_id=cid, org_id=oid, scheme=identifier.scheme.value,
                    value=identifier.value,
                )  # fmt: skip
            self._evidence(cid, oid, "organisation", entity.evidence, text)
        for person in case.people:
            self.add(
                "people", case_id=cid, person_id=person.id, entity_id=keys[person.id],
                name=person.name, role_titles=[r.title for r in person.roles],
                role_org_ids=[org(r.organisation_id) for r in person.roles],
            )  # fmt: skip
            self._evidence(cid, person.id, "person", person.evidence, text)
        for honour in case.honours:
            self.add(
                "honours", case_id=cid, honour_id=honour.id, entity_id=keys[honour.id],
                title=honour.title, recipient_id=org(honour.recipient_id),
                recipient_kind=kinds.get(honour.recipient_id),
                awarded_by=orgs_of(honour.awarded_by), **_dates(honour.date),
                year=honour.date.year if honour.date else None,
                level=honour.level.value if honour.level else None, batch=honour.batch,
                kind=honour.kind.value,
            )  # fmt: skip
            self._evidence(cid, honour.id, "honour", honour.evidence, text)
        for activity in case.activities:
            self.add(
                "activities", case_id=cid, activity_id=activity.id, name=activity.name,
                kind=activity.kind.value, **_dates(activity.date),
                organiser_ids=orgs_of(activity.organiser_ids),
                participants=list(activity.participants), work_ids=list(activity.work_ids),
            )  # fmt: skip
            self._evidence(cid, activity.id, "activity", activity.evidence, text)
        for work in case.works:
            self.add(
                "works", case_id=cid, work_id=work.id, entity_id=keys[work.id], title=work.title,
                kind=work.kind.value, creator_ids=orgs_of(work.creator_ids),
                platforms=list(work.platforms), **_dates(work.date),
            )  # fmt: skip
            self._evidence(cid, work.id, "work", work.evidence, text)
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

    def entity(self, record: EntityRecord) -> None:
        names = sorted(record.names, key=lambda n: (n[0], n[1] or ""))
        conflicts = record.conflicts
        self.add(
            "entities", entity_id=record.key, entity_kind=record.kind, name=record.name,
            names=list(dict.fromkeys(n for n, _ in names)),
            languages=sorted({language for _, language in names if language}),
            case_count=record.case_count, case_ids=record.case_ids, conflicts=conflicts,
        )  # fmt: skip
        for fact, values in record.facts.items():
            for value, seen in values.items():
                self.add(
                    "entity_facts", entity_id=record.key, entity_kind=record.kind, fact=fact,
                    value=value, case_count=seen.count, case_ids=list(seen.cases),
                    in_conflict=fact in conflicts,
                )  # fmt: skip


def _items(cases: Iterable[Item]) -> Iterator[tuple[Case, str | None]]:
    """Each case with its source file, or a :class:`WriteError` naming what is not one."""
    if isinstance(cases, (Case, str, bytes, os.PathLike)):  # one case or a path, not cases
        raise WriteError(
            f"expected cases (a list or an iterator of them), not a {type(cases).__name__}"
        )
    for number, item in enumerate(cases, 1):
        case, source = (
            (item[0], item[1]) if isinstance(item, tuple) and len(item) == 2 else (item, None)
        )
        if not isinstance(case, Case) or not (source is None or isinstance(source, str)):
            raise WriteError(
                f"item {number}: expected a case or a (case, source file name) pair, "
                f"not {_described(item)}"
            )
        try:
            written = writable_case(case)
        except WriteError as error:
            raise WriteError(f"item {number}: {error}") from None
        yield written, source


def _described(item: object) -> str:
    """What an item is, for an error: its type, or a pair's two types."""
    if isinstance(item, tuple):
        return f"a tuple of {', '.join(type(part).__name__ for part in item)}"
    return type(item).__name__


def iter_batches(
    cases: Iterable[Item],
    *,
    corpus: Corpus | None = None,
    batch_rows: int = BATCH_ROWS,
    entities: bool = True,
) -> Iterator[tuple[str, Any]]:
    """Yield ``(table, pyarrow.RecordBatch)`` pairs for a corpus, a bounded batch at a time.

    ``cases`` holds cases, or ``(case, source_file)`` pairs. Per-case tables come
    as they fill; ``entities`` and ``entity_facts`` come last, from ``corpus``
    (a fresh :class:`~partycases.corpus.Corpus` unless one is given), unless
    ``entities`` is false (a part of a corpus whose records are merged elsewhere).
    """
    pa = _pyarrow()
    schemas = {table: schema(table) for table in TABLES}
    rows = _Rows(corpus if corpus is not None else Corpus())

    def batch(table: str) -> Any:
        try:
            return pa.RecordBatch.from_pydict(rows.drain(table), schema=schemas[table])
        except (pa.ArrowException, ValueError, TypeError, OverflowError) as error:
            # The models bound every value the tables hold; this is the last line of defence.
            raise WriteError(f"the {table} table cannot hold a value: {error}") from None

    for case, source_file in _items(cases):
        rows.case(case, source_file)
        for table in TABLES:
            if rows.size(table) >= batch_rows:
                yield table, batch(table)
    for record in rows.corpus.entities() if entities else ():
        rows.entity(record)
        for table in ("entities", "entity_facts"):
            if rows.size(table) >= batch_rows:
                yield table, batch(table)
    for table in TABLES:
        if rows.size(table):
            yield table, batch(table)


def to_arrow(cases: Iterable[Item], *, corpus: Corpus | None = None) -> dict[str, Any]:
    """The corpus as linked ``pyarrow.Table`` objects, by table name (held in memory)."""
    pa = _pyarrow()
    batches: dict[str, list[Any]] = {table: [] for table in TABLES}
    for table, batch in iter_batches(cases, corpus=corpus):
        batches[table].append(batch)
    return {
        table: pa.Table.from_batches(found, schema=schema(table))
        for table, found in batches.items()
    }


def _csv_value(value: Any) -> Any:
    return None if value is None else orjson.dumps(value).decode()


class _ParquetSink:
    suffix = ".parquet"

    def __init__(self, directory: Path) -> None:
        import pyarrow.parquet as pq

        self.writers = {
            table: pq.ParquetWriter(directory / f"{table}.parquet", schema(table))
            for table in TABLES
        }

    def write(self, table: str, batch: Any) -> None:
        self.writers[table].write_batch(batch)

    def close(self) -> None:
        _close_all(self.writers.values())


def _close_all(writers: Iterable[Any]) -> None:
    """Close every writer, each even when one before it fails; then raise the first failure.

    A Parquet writer whose close failed (a full disk) would try again when it is
    collected and print the failure as an ignored exception: it is marked closed.
    """
    failure: BaseException | None = None
    for writer in writers:
        try:
            writer.close()
        except Exception as error:  # noqa: PERF203 - each writer is closed, whatever failed
            if getattr(writer, "is_open", False):
                writer.is_open = False
            failure = failure or error
    if failure is not None:
        raise failure


class _CsvSink:
    """CSV: a list is written as a JSON array (``["a","b"]``), an empty list as ``[]``.

    A timestamp is written as ``YYYY-MM-DD HH:MM:SS``, with ``.ffffff`` only when its
    microseconds are not zero: Arrow's writer would give every one six digits, and a
    reader guessing types takes a fraction for nanoseconds, whose years end at 1677
    and 2262, so one row outside them would turn the column into text.
    """

    suffix = ".csv"

    def __init__(self, directory: Path) -> None:
        from pyarrow import csv

        pa = _pyarrow()
        self.pa = pa
        self.texts = {
            table: {n for n, kind in cols if kind.startswith("list") or kind == "timestamp"}
            for table, cols in COLUMNS.items()
        }
        self.schemas = {
            table: pa.schema(
                [
                    (n, pa.string() if n in self.texts[table] else _type(pa, kind))
                    for n, kind in cols
                ]
            )
            for table, cols in COLUMNS.items()
        }
        self.writers = {
            table: csv.CSVWriter(directory / f"{table}.csv", self.schemas[table])
            for table in TABLES
        }

    def _text(self, column: Any) -> Any:
        import pyarrow.compute as pc

        pa = self.pa
        if pa.types.is_timestamp(column.type):
            return pc.replace_substring_regex(column.cast(pa.string()), r"\.0{6}$", "")
        return pa.array([_csv_value(v) for v in column.to_pylist()], pa.string())

    def write(self, table: str, batch: Any) -> None:
        texts = self.texts[table]
        columns = [
            self._text(batch.column(name)) if name in texts else batch.column(name)
            for name in batch.schema.names
        ]
        self.writers[table].write_batch(
            self.pa.RecordBatch.from_arrays(columns, schema=self.schemas[table])
        )

    def close(self) -> None:
        _close_all(self.writers.values())


def _table_names(suffix: str) -> Any:
    names = {f"{table}{suffix}" for table in TABLES}
    # Temporary names an earlier release used, e.g. .cases.parquet.tmp, are swept away too.
    stale = {f".{table}{suffix}.tmp" for table in TABLES}
    return lambda name: name in names or name in stale


def folders_clash(
    parquet: str | os.PathLike[str] | None, csv: str | os.PathLike[str] | None
) -> str | None:
    """Why the Parquet and CSV folders cannot both be written, or None.

    Each folder of tables is replaced whole, so they may be neither one folder, however
    spelled, nor one inside the other.
    """
    if parquet is None or csv is None:
        return None
    first, second = Path(parquet).resolve(), Path(csv).resolve()
    if first == second:
        return "Parquet and CSV need two different folders (one folder holds one set of tables)"
    if first.is_relative_to(second) or second.is_relative_to(first):
        return "Parquet and CSV folders cannot be one inside the other (each is replaced whole)"
    return None


def table_targets(
    parquet: str | os.PathLike[str] | None, csv: str | os.PathLike[str] | None, call: str
) -> dict[str, Path]:
    """The folders to write the tables into, by format, checked before anything is read.

    Neither folder is a :class:`TypeError` (``call`` names the function that was
    given none, as a missing argument would); two folders that clash are a
    :class:`~partycases.WriteError` (see :func:`folders_clash`).
    """
    targets = {
        name: Path(directory)
        for name, directory in (("parquet", parquet), ("csv", csv))
        if directory is not None
    }
    if not targets:
        raise TypeError(f"{call} needs a folder to write the tables into: parquet=, csv= or both")
    clash = folders_clash(parquet, csv)
    if clash is not None:
        raise WriteError(f"{targets['csv']}: cannot write the tables: {clash}")
    return targets


def write_tables(
    cases: Iterable[Item],
    *,
    parquet: str | os.PathLike[str] | None = None,
    csv: str | os.PathLike[str] | None = None,
    corpus: Corpus | None = None,
    batch_rows: int = BATCH_ROWS,
) -> dict[str, dict[str, Path]]:
    """Write every table as Parquet into ``parquet`` and/or as CSV into ``csv``, in one pass.

    Each directory appears all at once, or not at all: the tables are written
    into a private staging directory beside it, which replaces it only when all
    are complete. A failure (or a killed process) leaves the previous tables
    byte for byte. An existing directory may hold only tables: it is replaced
    as a whole. Returns the paths written, by format and table.
    """
    targets = table_targets(parquet, csv, "write_tables")
    _pyarrow()
    sinks: dict[str, Any] = {"parquet": _ParquetSink, "csv": _CsvSink}
    with _stage(targets, sinks) as opened:
        try:
            for table, batch in iter_batches(cases, corpus=corpus, batch_rows=batch_rows):
                for sink in opened:
                    sink.write(table, batch)
        finally:
            _close_all(opened)
    return {
        name: {table: target / f"{table}{sinks[name].suffix}" for table in TABLES}
        for name, target in targets.items()
    }


@contextlib.contextmanager
def _stage(targets: dict[str, Path], sinks: dict[str, Any]) -> Iterator[list[Any]]:
    """A staged directory and a sink for each target; all are committed on success."""
    with contextlib.ExitStack() as stack:
        opened = []
        for name, target in targets.items():
            staging = stack.enter_context(
                staged_directory(target, _table_names(sinks[name].suffix))
            )
            opened.append(sinks[name](staging))
        yield opened


def write_parquet(
    cases: Iterable[Item], directory: str | os.PathLike[str], *, corpus: Corpus | None = None
) -> dict[str, Path]:
    """Write every table as ``DIRECTORY/<table>.parquet``; the set appears all at once."""
    try:
        return write_tables(cases, parquet=directory, corpus=corpus)["parquet"]
    except OSError as error:
        if isinstance(error, WriteError):
            raise
        raise WriteError(f"{directory}: cannot write the tables: {error}") from None


def write_csv(
    cases: Iterable[Item], directory: str | os.PathLike[str], *, corpus: Corpus | None = None
) -> dict[str, Path]:
    """Write every table as ``DIRECTORY/<table>.csv`` (lists as JSON arrays), all at once."""
    return write_tables(cases, csv=directory, corpus=corpus)["csv"]


def to_pandas(table: Any) -> Any:
    """A ``pyarrow.Table`` as a pandas DataFrame with nullable dtypes (``Int64``, not float)."""
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError("pandas", "pandas") from None
    pa = _pyarrow()
    dtypes = {
        pa.int64(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.string(): pd.StringDtype(),
    }
    return table.to_pandas(types_mapper=dtypes.get)


def to_polars(table: Any) -> Any:
    """A ``pyarrow.Table`` as a polars DataFrame (integers stay nullable ``Int64``)."""
    try:
        import polars as pl
    except ImportError:
        raise MissingExtraError("polars", "polars") from None
    return pl.from_arrow(table)
