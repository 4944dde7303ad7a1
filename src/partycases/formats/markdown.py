"""Markdown (write only): a readable page for a case, with its facts as tables."""

from __future__ import annotations

import re
import unicodedata

from partycases.errors import FormatError
from partycases.formats.present import display_names, metadata
from partycases.models import Case, Honour, Section, writable_case

__all__ = ["dumps", "loads"]


# Every character Markdown could read as markup in running text: emphasis, code,
# links, table pipes, strikethrough and heading marks get a backslash; <, > and & become
# entities, so no field can open raw HTML, an autolink or a blockquote.
_INLINE = re.compile(r"[\\`*_\[\]|~#]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Every line break CommonMark or a reader's splitlines() honours.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
# What makes a line a heading, list item, thematic break or setext underline.
# (A backslash escapes only punctuation, so 1. becomes 1\. rather than \1.)
_BLOCK_START = re.compile(r"^([0-9]+(?=[.)])|)([.)]|[\-+=])")
# The deepest heading Markdown has (######).
_DEEPEST = 6


def _text(value: object) -> str:
    """``value`` as one line of Markdown text that shows exactly its characters."""
    text = _LINE_BREAK.sub(" ", "" if value is None else str(value))
    text = _INLINE.sub(lambda match: "\\" + match.group(), text)
    text = re.sub(r"[&<>]", lambda match: _ENTITIES[match.group()], text)
    return _BLOCK_START.sub(r"\1\\\2", text, count=1)


def _cell(value: object) -> str:
    return _text(value) or "—"


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return [*lines, ""]


def _by_date(honour: Honour) -> tuple[bool, str]:
    return (honour.date is None, str(honour.date.lower) if honour.date else "")


def _marker(marker: str | None) -> str:
    """An item's marker in bold, then the space it needs to end as bold (none after 一是)."""
    if not marker:
        return ""
    # CommonMark ends bold at ** after punctuation only if a space or punctuation follows:
    # **(1)**加强 would show its asterisks, **(1)** 加强 shows (1) in bold. Symbols count
    # as punctuation for the newer specification only, so they get the space too.
    space = " " if unicodedata.category(marker[-1])[0] in "PS" else ""
    return f"**{_text(marker)}**{space}"


def _sections(sections: tuple[Section, ...], depth: int, out: list[str]) -> None:
    for section in sections:
        number = f"{section.number}. " if section.number is not None else ""
        if section.heading or number:
            # Markdown has six levels of heading; sections nested deeper are headings of the
            # sixth level (####### would be a paragraph that shows the marks).
            level = min(depth + 2, _DEEPEST)
            out += ["#" * level + f" {number}{_text(section.heading)}".rstrip(), ""]
        for paragraph in section.paragraphs:
            out += [_marker(paragraph.marker) + _text(paragraph.text), ""]
        _sections(section.subsections, depth + 1, out)


def dumps(case: Case) -> bytes:
    """A Markdown page: title, metadata, the body, then tables of the facts."""
    case = writable_case(case)
    names = display_names(case)

    def named(ids: tuple[str, ...]) -> str:
        return "、".join(names.get(i, i) for i in ids)

    out = [f"# {_text(case.title or case.id)}", ""]
    meta = [*metadata(case), ("about", named(case.subject_ids))]
    out += [f"- **{label.capitalize()}:** {_text(value)}" for label, value in meta if value]
    out.append("")
    if case.editor_note:
        out += [f"> {_text(case.editor_note)}", ""]
    if case.headline:
        out += [f"**{_text(case.headline)}**", ""]
    _sections(case.sections, 0, out)
    if case.organisations:
        out += ["## Organisations", ""]
        out += _table(
            ["Name", "Kind", "Founded", "Members", "Grade", "Approved by", "Supervised by"],
            [
                [o.name, o.kind.value, o.founded, o.member_count, o.grade,
                 named(o.approved_by), named(o.supervised_by)]
                for o in case.organisations
            ],
        )  # fmt: skip
    if case.honours:
        out += ["## Honours", ""]
        out += _table(
            ["Year", "Title", "Recipient", "Awarded by", "Level", "Batch", "Kind"],
            [
                [h.date, h.title, names.get(h.recipient_id, h.recipient_id), named(h.awarded_by),
                 h.level.value if h.level else None, h.batch, h.kind.value]
                for h in sorted(case.honours, key=_by_date)
            ],
        )  # fmt: skip
    if case.activities:
        out += ["## Activities", ""]
        out += _table(
            ["Date", "Name", "Kind", "Organisers", "Participants"],
            [
                [a.date, a.name, a.kind.value, named(a.organiser_ids), "、".join(a.participants)]
                for a in case.activities
            ],
        )
    if case.works:
        out += ["## Works", ""]
        out += _table(
            ["Title", "Kind", "Creators", "Platforms", "Date"],
            [
                [
                    f"《{w.title}》",
                    w.kind.value,
                    named(w.creator_ids),
                    "、".join(w.platforms),
                    w.date,
                ]
                for w in case.works
            ],
        )
    if case.people:
        out += ["## People", ""]
        out += _table(
            ["Name", "Roles"],
            [
                [
                    p.name,
                    "、".join(
                        f"{names.get(r.organisation_id or '', '')}{r.title}" for r in p.roles
                    ),
                ]
                for p in case.people
            ],
        )
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def loads(data: bytes | str) -> Case:
    """Markdown is written for people, not read back."""
    raise FormatError("markdown is a write-only format; load the case from JSON, YAML or TOML")
