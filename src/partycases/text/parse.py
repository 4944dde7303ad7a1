"""parse_text: a published case text in, a validated case with evidence out."""

from __future__ import annotations

import hashlib
import re
import warnings
from typing import Any, Literal, overload

import attrs
import orjson
from pydantic import ValidationError

from partycases.errors import LoadError, PartycasesWarning, Problem
from partycases.models import Case
from partycases.models._base import MAX_TEXT
from partycases.models._problems import problems_from
from partycases.text.facts import extract
from partycases.text.normalise import drop_invisible, fold, is_traditional
from partycases.text.structure import Node, Segment, Skeleton, read_structure
from partycases.values import DateRange, PartialDate, Quantity

__all__ = ["ParseReport", "Segment", "parse_text"]


@attrs.frozen
class ParseReport:
    """How the parser used the input: every stretch it placed, and what it could not place."""

    segments: tuple[Segment, ...]
    """Every stretch of the input and its role, in order."""
    warnings: tuple[str, ...]
    """One line per stretch kept in ``Case.unparsed``, saying why."""

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


def _span(text: str, span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    return drop_invisible(text[span[0] : span[1]]).strip() or None


def _section(node: Node, text: str) -> dict[str, Any]:
    return {
        "kind": node.kind,
        "number": node.number,
        "heading": _span(text, node.heading),
        "paragraphs": [
            {"text": _span(text, (block.start, block.end)), "marker": _span(text, block.marker)}
            for block in node.paragraphs
        ],
        "subsections": [_section(sub, text) for sub in node.subsections],
    }


def _regions(skeleton: Skeleton) -> list[tuple[int, int]]:
    regions = [skeleton.editor_note] if skeleton.editor_note else []

    def walk(nodes: list[Node]) -> None:
        for node in nodes:
            regions.extend((block.start, block.end) for block in node.paragraphs)
            walk(node.subsections)

    walk(skeleton.sections)
    return regions


def _encode(value: object) -> object:
    # orjson handles dicts, lists, enums and datetimes; the value types go as their JSON form.
    if isinstance(value, (PartialDate, DateRange)):
        return str(value)
    if isinstance(value, Quantity):
        return value.to_dict()
    raise TypeError(f"cannot encode {type(value).__name__}")


def _validated(data: dict[str, Any]) -> Case:
    """Validate through the JSON fast path (checks inside pydantic-core), else in Python."""
    try:
        return Case.model_validate_json(orjson.dumps(data, default=_encode))
    except ValidationError:
        pass  # text the fast path cannot vouch for (not NFC): Python normalises it below
    try:
        return Case.model_validate(data)
    except ValidationError as error:  # pragma: no cover - a parser bug, reported, not raised raw
        raise LoadError(problems_from(error)) from None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _evidence(data: dict[str, Any]) -> None:
    data["evidence"] = [
        {"start": start, "end": end} for start, end in sorted(set(data["evidence"]))
    ]


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
    """
    if len(text) > MAX_TEXT:
        raise LoadError([Problem(f"the text has {len(text)} characters; the limit is {MAX_TEXT}")])
    binary = _CONTROL.search(text)
    if binary is not None:
        raise LoadError(
            [
                Problem(
                    f"character U+{ord(binary.group()):04X} at offset {binary.start()} is a "
                    "control character or lone surrogate; expected a plain text document"
                )
            ]
        )
    folded = fold(text)
    skeleton = read_structure(text, folded)
    facts = extract(text, folded, _regions(skeleton), skeleton.editor_note, skeleton.source)
    for group in (facts.organisations, facts.honours, facts.activities, facts.works):
        for item in group:
            _evidence(item)
    data: dict[str, Any] = {
        "id": id
        or "case-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16],
        "language": "zh-Hant" if is_traditional(text, folded) else "zh-Hans",
        "title": _span(text, skeleton.title),
        "published_at": skeleton.published_at,
        "editor_note": _span(text, skeleton.editor_note),
        "headline": _span(text, skeleton.headline),
        "subject_ids": facts.subject_ids,
        "sections": [_section(node, text) for node in skeleton.sections],
        "organisations": facts.organisations,
        "honours": facts.honours,
        "activities": facts.activities,
        "works": facts.works,
        "unparsed": [
            kept for kept in (_span(text, span) for span in skeleton.unparsed) if kept is not None
        ],
        "text": text,
    }
    if skeleton.series is not None:
        name, number, _ = skeleton.series
        data["series"] = {"name": name, "number": number}
    if skeleton.source is not None:
        data["source"] = {
            "publisher": _span(text, skeleton.source),
            "publisher_id": facts.publisher_id,
        }
    case = _validated(data)
    result = ParseReport(
        tuple(sorted(skeleton.segments, key=lambda s: s.start)), tuple(skeleton.warnings)
    )
    for message in skeleton.warnings:
        warnings.warn(message, PartycasesWarning, stacklevel=2)
    return (case, result) if report else case
