"""Resolution: short forms folded into full names, the page's subject chosen by score.

The subject is the body the page is about: named in the title or the editor's
note, the subject of a founding or membership sentence, named often — never an
awarding, approving or supervising body, a government body or the publisher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

from partycases.models import OrganisationKind
from partycases.text.facts.drafts import Mention, Org, Page

__all__ = ["choose_subject", "fold_short_forms", "subjects"]

_LEVEL: Final = re.compile("[省市区县]")
_NOT_SUBJECTS: Final = (OrganisationKind.GOVERNMENT_BODY, OrganisationKind.MEDIA)
SOCIAL: Final = (
    OrganisationKind.CHAMBER_OF_COMMERCE,
    OrganisationKind.ASSOCIATION,
    OrganisationKind.FEDERATION,
    OrganisationKind.PARTY_BRANCH,
    OrganisationKind.PARTY_COMMITTEE,
    OrganisationKind.ENTERPRISE,
)


def _short_forms(long: str) -> Iterator[str]:
    """The short forms ``long`` may appear as.

    天津市委网信办 appears as 市委网信办, 澄川市网络文化促进会 as 澄川网络文化促进会.
    """
    for cut in range(1, 5):
        if cut < len(long) - 2 and long[cut] in "市省区县" and long[cut:] != long:
            yield long[cut:]
    level = _LEVEL.search(long, 1, 6)
    if level is not None:
        yield long[: level.start()] + long[level.end() :]


def fold_short_forms(page: Page, mentions: Iterable[list[Mention]]) -> None:
    """Fold each short form into the full name it stands for, everywhere it is mentioned."""
    longest: dict[str, str] = {}
    for key in sorted(page.orgs, key=lambda k: (-len(k), k)):
        for short in _short_forms(key):
            if len(short) >= 3:
                longest.setdefault(short, key)
    renames: dict[str, Org] = {}
    for short in sorted(page.orgs, key=lambda k: (-len(k), k)):
        long = longest.get(short)
        if long is None or long in renames or long == short:
            continue
        full, alias = page.orgs[long], page.orgs[short]
        renames[short] = full
        full.evidence.update(alias.evidence)
        if alias.name not in full.other_names:
            full.other_names.append(alias.name)
        full.places |= alias.places
        full.mentions += alias.mentions
        full.first = min(full.first, alias.first)
    if not renames:
        return
    for key in renames:
        del page.orgs[key]
    for group in mentions:
        for mention in group:
            if mention.org is not None and mention.org.key in renames:
                mention.org = renames[mention.org.key]


def choose_subject(page: Page, bonus: dict[str, float]) -> None:
    """Pick the page's subject and its party organisation by score.

    ``bonus`` adds to an organisation's score by key (the subject of a founding
    or membership sentence).
    """

    def score(org: Org) -> float:
        value = 4.0 * ("title" in org.places) + 3.0 * ("note" in org.places)
        value += min(org.mentions, 6) * 0.7 + bonus.get(org.key, 0.0)
        value -= 3.0 * (org.places <= {"agent", "publisher", "title"} and "title" not in org.places)
        return value - org.first * 1e-9

    candidates = [
        org
        for org in page.orgs.values()
        if org.kind not in _NOT_SUBJECTS and not org.places <= {"agent", "publisher"}
    ]
    bodies = sorted((o for o in candidates if not o.party), key=score, reverse=True)
    parties = sorted((o for o in candidates if o.party), key=score, reverse=True)
    page.primary = bodies[0] if bodies else (parties[0] if parties else None)
    if page.primary is not None and not page.primary.party:
        own = [o for o in parties if page.primary.key in o.key]
        page.branch = own[0] if own else (parties[0] if parties else None)
        if (
            page.branch is not None
            and page.branch.parent is None
            and page.primary.key in page.branch.key
        ):
            page.branch.parent = page.primary
    elif page.primary is not None:
        page.branch = page.primary


def subjects(page: Page) -> list[Org]:
    """The organisations the page is about.

    Its subject, its party organisation, and the social organisations its title or
    note names.
    """
    found = [org for org in (page.primary, page.branch) if org is not None]
    for org in page.orgs.values():
        if org not in found and org.kind in SOCIAL and org.places & {"title", "note"}:
            found.append(org)
    return found
