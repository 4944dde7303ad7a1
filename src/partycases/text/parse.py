"""parse_text: a published case text in, a validated case with evidence out.

The pipeline: fold the text (one script, half-width punctuation) and build the
matching view (conversion artefacts dropped, offsets kept); read the layout
(title, timestamp, source, note, sections), which decides the skeleton and
nothing else; find the facts on every line but the page's furniture; assemble
and validate. A text it accepts always gives a case: a fact that cannot be
represented is dropped with a warning, never raised.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import warnings
from collections.abc import Sequence
from typing import Any, Literal, overload

import attrs
import orjson

from partycases.errors import LoadError, PartycasesWarning, Problem
from partycases.models import MAX_TEXT, Case
from partycases.text.facts import extract
from partycases.text.layout import SEGMENT_START, Block, Node, Segment, Skeleton, read_layout
from partycases.text.normalise import drop_invisible, fold, is_traditional, make_view
from partycases.validate import validate_json
from partycases.values import DateRange, PartialDate, Quantity

__all__ = ["ParseReport", "Segment", "parse_text"]


@attrs.frozen
class ParseReport:
    """How the parser used the input: every stretch it placed, and what it could not place."""

    segments: tuple[Segment, ...]
    """Every stretch of the input and its role, in order."""
    warnings: tuple[str, ...]
    """One line per stretch kept in ``Case.unparsed`` or fact left out, saying why."""

    @property
    def unparsed(self) -> tuple[Segment, ...]:
        """The stretches kept in ``Case.unparsed``."""
        return tuple(segment for segment in self.segments if segment.role == "unparsed")

    def uncovered(self, text: str) -> list[int]:
        """Offsets of non-whitespace characters no segment accounts for (none: nothing lost)."""
        covered = bytearray(len(text))
        for segment in self.segments:
            covered[segment.start : segment.end] = b"\x01" * (segment.end - segment.start)
        return [
            i
            for i, char in enumerate(text)
            if not covered[i] and not char.isspace() and char != "\ufeff"
        ]


#: What makes a "text" binary: C0 controls but tab, line ends and form feed; lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")
#: Line breaks of every kind, with the spaces around them: closed up in one-line fields.
_LINE_BREAK = re.compile(r"\s*[\r\n\f\v\x1c-\x1e\x85\u2028\u2029]+\s*")
_COLLECTIONS = ("organisations", "honours", "activities", "works")
#: A line break of any kind: most one-line fields hold none, and skip :data:`_LINE_BREAK`
#: (which opens with white space, so it is tried at every position).
_BREAK = re.compile(r"[\r\n\f\v\x1c-\x1e\x85\u2028\u2029]")


class _Fields:
    """Field values read from the input's spans.

    Invisible characters are dropped, looked for only when the input holds any;
    one-line fields have their line breaks closed up.
    """

    def __init__(self, text: str, invisible: bool) -> None:
        self.text = text
        self.invisible = invisible

    def read(self, span: tuple[int, int] | None) -> str | None:
        if span is None:
            return None
        value = self.text[span[0] : span[1]]
        return (drop_invisible(value) if self.invisible else value).strip() or None

    def line(self, span: tuple[int, int] | None) -> str | None:
        """One span as a one-line field."""
        part = self.read(span)
        if part is None or _BREAK.search(part) is None:
            return part
        return _LINE_BREAK.sub("", part) or None

    def lines(self, spans: list[tuple[int, int]]) -> str | None:
        """Spans joined as one one-line field."""
        if len(spans) == 1:
            return self.line(spans[0])
        return "".join(part for part in map(self.line, spans) if part) or None

    def paragraph(self, block: Block) -> str | None:
        """A broken paragraph's text: on one line, without what a page break put inside."""
        if not block.skipped:
            return self.line((block.start, block.end))
        edges = [block.start, *(at for gap in block.skipped for at in gap), block.end]
        # Each gap lies between two halves, in order: the edges pair up into the halves.
        pieces = zip(edges[::2], edges[1::2], strict=True)
        return "".join(part for part in map(self.line, pieces) if part) or None

    def section(self, node: Node) -> dict[str, Any]:
        return {
            "kind": node.kind,
            "number": node.number,
            "heading": self.lines(node.heading),
            "paragraphs": [
                {
                    # A sentence broken over two lines is one paragraph, on one line.
                    "text": self.paragraph(block)
                    if block.broken
                    else self.read((block.start, block.end)),
                    "marker": self.read(block.marker),
                }
                for block in node.paragraphs
            ],
            "subsections": [self.section(sub) for sub in node.subsections],
        }


def _encode(value: object) -> object:
    # orjson handles dicts, lists, enums and datetimes; the value types go as their JSON form.
    if isinstance(value, (PartialDate, DateRange)):
        return str(value)
    if isinstance(value, Quantity):
        return value.to_dict()
    raise TypeError(f"cannot encode {type(value).__name__}")


def _prune(data: dict[str, Any], problems: Sequence[Problem], notes: list[str]) -> bool:
    """Drop the facts ``problems`` point at; False when they point at none.

    Text (sections, paragraphs, unparsed stretches) is never dropped: a text whose
    layout exceeds the model's limits is refused whole.
    """
    dropped: dict[str, set[int]] = {}
    changed = False
    removed: set[str] = set()
    for problem in problems:
        tokens = problem.pointer.split("/")[1:]
        if len(tokens) >= 2 and tokens[0] in _COLLECTIONS and tokens[1].isdigit():
            dropped.setdefault(tokens[0], set()).add(int(tokens[1]))
        elif tokens and tokens[0] in _COLLECTIONS:
            notes.append(f"every {tokens[0][:-1]} left out: {problem.message}")
            removed.update(item["id"] for item in data[tokens[0]])
            data[tokens[0]] = []
            changed = True
        elif tokens and tokens[0] == "subject_ids":
            data["subject_ids"] = []
            changed = True
    for name, indexes in dropped.items():
        if not data[name]:  # emptied above
            continue
        kept = []
        for index, item in enumerate(data[name]):
            if index in indexes:
                removed.add(item["id"])
                notes.append(f"a fact left out: {name[:-1]} {item['id']!r}")
            else:
                kept.append(item)
        data[name] = kept
        changed = True
    if removed:
        _drop_references(data, removed)
    return changed


def _drop_references(data: dict[str, Any], removed: set[str]) -> None:
    def keep(ids: list[str]) -> list[str]:
        return [i for i in ids if i not in removed]

    data["subject_ids"] = keep(data["subject_ids"])
    for org in data["organisations"]:
        for field in ("approved_by", "supervised_by"):
            if field in org:
                org[field] = keep(org[field])
        if org.get("parent_id") in removed:
            del org["parent_id"]
    for honour in list(data["honours"]):
        honour["awarded_by"] = keep(honour["awarded_by"])
        if honour["recipient_id"] in removed:
            data["honours"].remove(honour)
    for activity in data["activities"]:
        activity["organiser_ids"] = keep(activity["organiser_ids"])
        activity["work_ids"] = keep(activity["work_ids"])
    for work in data["works"]:
        work["creator_ids"] = keep(work["creator_ids"])
    source = data.get("source")
    if source and source.get("publisher_id") in removed:
        del source["publisher_id"]


def _validated(data: dict[str, Any], notes: list[str]) -> Case:
    """Validate through the one gateway; prune the facts that cannot be represented."""
    for _ in range(8):
        try:
            return validate_json(orjson.dumps(data, default=_encode))
        except LoadError as error:  # noqa: PERF203 - a retry after pruning, rare
            if not _prune(data, error.problems, notes):
                raise
    for name in _COLLECTIONS:
        data[name] = []
    data["subject_ids"] = []
    data.get("source", {}).pop("publisher_id", None)
    notes.append("every fact left out: the case would not validate with them")
    return validate_json(orjson.dumps(data, default=_encode))


_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _caller_level() -> int:
    """The ``stacklevel`` that names the first frame outside partycases.

    A warning then points at the caller's line, whether it called
    :func:`parse_text` directly or through :func:`partycases.load`.
    """
    frame = sys._getframe(2)  # parse_text's caller
    level = 2
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


#: Every byte but the C0 controls :data:`_CONTROL` refuses: in UTF-8, a byte below 0x80 is
#: an ASCII character and every other character's bytes are 0x80 and above.
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not _CONTROL.match(chr(b)))


def _refuse(text: str) -> bytes:
    """The text in UTF-8, unless it is refused (not text, too long, or binary).

    Controls are looked for in the encoded bytes, which C deletes all but them from; a
    lone surrogate fails the encoding. Only then does :data:`_CONTROL` say where.
    """
    if not isinstance(text, str):
        hint = (
            '; partycases.loads(data, format="text") decodes bytes'
            if isinstance(text, (bytes, bytearray, memoryview))
            else ""
        )
        raise LoadError([Problem(f"expected the text as a str, not {type(text).__name__}{hint}")])
    if len(text) > MAX_TEXT:
        raise LoadError([Problem(f"the text has {len(text)} characters; the limit is {MAX_TEXT}")])
    try:
        encoded = text.encode("utf-8")
        clean = not encoded.translate(None, _NOT_CONTROL_BYTES)
    except UnicodeEncodeError:  # a lone surrogate
        encoded, clean = b"", False
    if not clean:
        binary = _CONTROL.search(text)
        if binary is not None:  # always: the bytes or the encoding found one
            raise LoadError(
                [
                    Problem(
                        f"character U+{ord(binary.group()):04X} at offset {binary.start()} is a "
                        "control character or lone surrogate; expected a plain text document"
                    )
                ]
            )
    return encoded


@overload
def parse_text(text: str, *, id: str | None = ..., report: Literal[False] = ...) -> Case: ...
@overload
def parse_text(
    text: str, *, id: str | None = ..., report: Literal[True]
) -> tuple[Case, ParseReport]: ...
def parse_text(
    text: str, *, id: str | None = None, report: bool = False
) -> Case | tuple[Case, ParseReport]:
    """Parse a published case text into a validated :class:`~partycases.Case`.

    Every fact carries evidence spans into ``case.text`` (the input, unchanged).
    Text the parser cannot place is kept in ``case.unparsed`` and reported with a
    :class:`~partycases.PartycasesWarning`. With ``report=True`` the
    :class:`ParseReport` is returned too. ``id`` defaults to a digest of the text.
    Raises :class:`~partycases.LoadError` only for input refused up front: anything
    but a ``str``, binary characters, or more than the model's text limit.
    """
    encoded = _refuse(text)
    folded = fold(text)
    first_view = make_view(text, folded)
    skeleton = read_layout(text, first_view)
    # Without joins to drop, the view is the one the layout read (a frozen value): built once.
    view = make_view(text, folded, skeleton.joins) if skeleton.joins else first_view
    published = (
        PartialDate(
            skeleton.published_at.year, skeleton.published_at.month, skeleton.published_at.day
        )
        if skeleton.published_at
        else None
    )
    traditional = is_traditional(text, folded)
    lines = (
        skeleton.lines
        if view.whole
        else [((view.position(a), view.position(b)), role) for (a, b), role in skeleton.lines]
    )
    facts = extract(
        text,
        view,
        lines,
        publisher=(
            (view.position(skeleton.source[0]), view.position(skeleton.source[1]))
            if skeleton.source
            else None
        ),
        published=published,
        traditional=traditional,
        skipped=tuple(skeleton.skipped),
    )
    data = _data(
        text, id or "case-" + hashlib.sha256(encoded).hexdigest()[:16], skeleton, facts, traditional
    )
    notes = list(facts.warnings)
    case = _validated(data, notes)
    messages = [*skeleton.warnings, *notes]
    result = ParseReport(tuple(sorted(skeleton.segments, key=SEGMENT_START)), tuple(messages))
    level = _caller_level()
    for message in messages:
        warnings.warn(message, PartycasesWarning, stacklevel=level)
    return (case, result) if report else case


def _data(
    text: str, case_id: str, skeleton: Skeleton, facts: Any, traditional: bool
) -> dict[str, Any]:
    fields = _Fields(text, facts.invisible)
    data: dict[str, Any] = {
        "id": case_id,
        "language": "zh-Hant" if traditional else "zh-Hans",
        "title": fields.lines(skeleton.title),
        "published_at": skeleton.published_at,
        "editor_note": fields.line(skeleton.editor_note),
        "headline": fields.line(skeleton.headline),
        "subject_ids": facts.subject_ids,
        "sections": [fields.section(node) for node in skeleton.sections],
        "organisations": facts.organisations,
        "honours": facts.honours,
        "activities": facts.activities,
        "works": facts.works,
        "unparsed": [kept for kept in map(fields.read, skeleton.unparsed) if kept],
        "text": text,
    }
    if skeleton.series is not None:
        name, number = skeleton.series
        data["series"] = {"name": name, "number": number}
    if skeleton.source is not None:
        data["source"] = {"publisher": fields.read(skeleton.source)}
        if facts.publisher_id is not None:
            data["source"]["publisher_id"] = facts.publisher_id
    return data
