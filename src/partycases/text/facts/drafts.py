"""Typed drafts of the facts on a page, before they become model data.

Every span here is in the matching view's offsets (see
:class:`~partycases.text.normalise.View`); the assembly step maps them back to
the input.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

import attrs

from partycases.ids import name_key, organisation_id
from partycases.models import ActivityKind, HonourKind, HonourLevel, OrganisationKind, WorkKind
from partycases.text.normalise import View, drop_invisible, has_invisible
from partycases.values import DateRange, PartialDate, Quantity

__all__ = ["ActivityDraft", "HonourDraft", "Mention", "Org", "Page", "WorkDraft"]

Span = tuple[int, int]
_SPACE: Final = re.compile(r"\s+")
_BREAKS: Final = frozenset("\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029")


@attrs.define(eq=False)
class Org:
    """An organisation the page names, with what the page says of it."""

    name: str
    key: str
    kind: OrganisationKind
    clean: str = ""
    """The name as matched: folded, conversion artefacts dropped; its id comes from it."""
    evidence: dict[Span, None] = attrs.Factory(dict)  # an ordered set
    other_names: list[str] = attrs.Factory(list)
    founded: PartialDate | None = None
    grade: str | None = None
    member_count: Quantity | None = None
    approved_by: list[Org] = attrs.Factory(list)
    supervised_by: list[Org] = attrs.Factory(list)
    parent: Org | None = None
    location: str | None = None
    places: set[str] = attrs.Factory(set)
    """Where the page names it: ``title``, ``note``, ``body``, ``agent``, ``publisher``."""
    mentions: int = 0
    first: int = 0
    """View offset of its first mention, for ordering."""

    @property
    def id(self) -> str:
        """Its id: the script-folded key of its name, conversion artefacts left out."""
        return organisation_id(self.clean or self.name)

    @property
    def party(self) -> bool:
        """Whether it is a party organisation (branch or committee)."""
        return self.kind in (OrganisationKind.PARTY_BRANCH, OrganisationKind.PARTY_COMMITTEE)


@attrs.define
class Mention:
    """Where a sentence names an organisation, or refers back to the page's subject."""

    start: int
    end: int
    org: Org | None
    role: str
    """``name`` for a proper name; ``subject`` (该协会, 商会) or ``branch`` (党支部) for a
    reference."""


@attrs.define
class HonourDraft:
    """An honour: its title span, recipient and awarders, as the page states them."""

    title: str
    start: int
    end: int
    evidence: Span
    clean: str
    recipient: Org | WorkDraft | None
    awarders: list[Org]
    date: PartialDate | None
    level: HonourLevel | None
    batch: int | None
    kind: HonourKind


@attrs.define
class ActivityDraft:
    """An activity: its name, kind and date, who ran it and who took part."""

    name: str
    kind: ActivityKind
    evidence: list[Span]
    clean: str = ""
    """The name as matched, conversion artefacts dropped: its id comes from it."""
    date: PartialDate | DateRange | None = None
    organisers: list[Org] = attrs.Factory(list)
    participants: list[str] = attrs.Factory(list)
    works: list[WorkDraft] = attrs.Factory(list)


@attrs.define(eq=False)
class WorkDraft:
    """A work named in 《》."""

    title: str
    kind: WorkKind
    clean: str = ""
    """The title as matched, conversion artefacts dropped: its id comes from it."""
    evidence: list[Span] = attrs.Factory(list)
    creators: list[Org] = attrs.Factory(list)
    platforms: list[str] = attrs.Factory(list)
    date: PartialDate | None = None


@attrs.define
class Page:
    """The input, its matching view, and the organisations found so far, by name key."""

    text: str
    view: View
    orgs: dict[str, Org] = attrs.Factory(dict)
    primary: Org | None = None
    branch: Org | None = None
    traditional: bool = False
    aliases: dict[str, Org] = attrs.Factory(dict)
    """Short names the page declares for a body (…联合党委(以下简称“网联党委”)), folded."""
    skipped: tuple[Span, ...] = ()
    """Input spans that sit inside a joined sentence but are not its text: the running head
    and page number a page break put between its halves. No field value holds them."""
    folded: str = attrs.field(init=False)
    """The text the detectors read: the view's (an attribute, read thousands of times)."""
    invisible: bool = attrs.field(init=False)
    """Whether the input holds invisible characters or :attr:`skipped` spans (most do not:
    :meth:`read` skips looking for them)."""
    reverse: str = attrs.field(init=False, eq=False, repr=False)
    """:attr:`folded` backwards: a name is read from its suffix leftwards, and a search
    forwards in this text reads leftwards in that one."""

    @folded.default
    def _view_text(self) -> str:
        return self.view.text

    @invisible.default
    def _holds_invisible(self) -> bool:
        # Page furniture to leave out takes the same, rarely needed, slower way.
        return bool(self.skipped) or has_invisible(self.text)

    @reverse.default
    def _backwards(self) -> str:
        return self.folded[::-1]

    def read(self, start: int, end: int) -> str:
        """The input's characters for the view span ``[start, end)``, as a field value.

        Invisible characters are dropped and line breaks inside it closed up.
        """
        a, b = self.view.span(start, end)
        value = self.text[a:b]
        if self.invisible:  # invisible characters, or page furniture inside a sentence
            if self.skipped:
                value = "".join(self.text[x:y] for x, y in self.kept(a, b))
            value = drop_invisible(value)
        # A printable value holds no white space but " " (every other one is a control,
        # separator or space character): most values are printable, and the test is cheap.
        if (value.isprintable() and " " not in value) or _SPACE.search(value) is None:
            return value
        return _SPACE.sub(
            lambda m: "" if _BREAKS.intersection(m.group()) else m.group(), value
        ).strip()

    def kept(self, a: int, b: int) -> list[Span]:
        """Input span ``[a, b)`` without the :attr:`skipped` spans inside it, as pieces.

        The skipped spans are in order and apart: those inside are found by binary search.
        """
        skipped = self.skipped
        index = bisect.bisect_left(skipped, (a,))
        pieces = []
        position = a
        while index < len(skipped) and skipped[index][1] <= b:
            first, last = skipped[index]
            if first > position:
                pieces.append((position, first))
            position = max(position, last)
            index += 1
        if position < b or not pieces:
            pieces.append((position, b))
        return pieces

    def org(self, start: int, end: int, kind: OrganisationKind, where: str) -> Org | None:
        """The organisation named by view span ``[start, end)``, created on first sight.

        None when the span holds no letter or digit (……, a stray 」): it names nothing.
        """
        clean = self.folded[start:end]
        try:
            key = name_key(clean)
        except ValueError:
            return None
        found = self.orgs.get(key)
        if found is None:
            found = Org(self.read(start, end), key, kind, clean=clean, first=start)
            self.orgs[key] = found
        found.evidence[start, end] = None
        found.places.add(where)
        found.mentions += 1
        return found

    def alias(self, start: int, end: int, org: Org, where: str) -> Mention:
        """A mention of ``org`` by a short name the page declared for it."""
        org.evidence[start, end] = None
        org.places.add(where)
        org.mentions += 1
        return Mention(start, end, org, "name")
