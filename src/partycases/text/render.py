"""render_text: a case back to the published layout."""

from __future__ import annotations

from partycases.models import Case, Section, writable_case
from partycases.text import lexicon
from partycases.text.normalise import fold
from partycases.text.numerals import format_number

__all__ = ["render_text"]


def _is_label(heading: str, section: Section) -> bool:
    """Whether an unnumbered heading is a label (名片, 亮点) of the kind that label gives.

    Such a heading is read back as a label only when a colon follows it (名片：).
    """
    kind = lexicon.labels().get(fold(heading))
    return kind is not None and kind == section.kind.value


def _section(section: Section, depth: int, out: list[str]) -> None:
    if section.heading is not None:
        if section.number is None:
            # A label is read as a section of its own: only a top-level one is written so.
            label = depth == 0 and _is_label(section.heading, section)
            out.append(section.heading + ("：" if label else ""))
        elif depth == 0:
            out.append(f"{format_number(section.number)}、{section.heading}")
        else:
            out.append(f"({format_number(section.number)}){section.heading}")
    elif section.number is not None:
        out.append(
            f"{format_number(section.number)}、"
            if depth == 0
            else f"({format_number(section.number)})"
        )
    out.extend((paragraph.marker or "") + paragraph.text for paragraph in section.paragraphs)
    for subsection in section.subsections:
        _section(subsection, depth + 1, out)


def render_text(case: Case) -> str:
    """Write ``case`` in the layout of a published case.

    Title, timestamp, 編者按 (in the case's script), headline, numbered sections
    and subsections with their paragraphs and 一是 markers, and the source line.
    Lines end with a line feed. A paragraph that opens as the page's own lines do
    (来源：, 【编者按】, a timestamp, a numbered heading) is read back by
    :func:`partycases.parse_text` as that line, as on a published page.
    """
    case = writable_case(case)
    traditional = case.language.startswith("zh-Hant")
    out: list[str] = []
    if case.title is not None:
        out.append(case.title)
    if case.published_at is not None:
        when = case.published_at
        # Four digits for the year: strftime writes the year 999 as 999, which reads as no time.
        out.append(f"{when.year:04d}-{when:%m-%d %H:%M:%S}")
    if case.editor_note is not None:
        out.append(("【編者按】" if traditional else "【编者按】") + case.editor_note)
    if case.headline is not None:
        out.append(case.headline)
    for section in case.sections:
        _section(section, 0, out)
    if case.source is not None and case.source.publisher is not None:
        out.append(("來源：" if traditional else "来源：") + case.source.publisher)
    return "\n".join(out) + "\n"
