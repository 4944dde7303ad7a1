"""Two checks of a case's organisations: one id across scripts, and parent chains without loops."""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Final

from partycases.ids import ID_FOLDS

if TYPE_CHECKING:
    from partycases.models.case import Case

__all__ = ["parent_cycle", "same_name_ids"]

_get_parent: Final = operator.attrgetter("parent_id")
_get_id: Final = operator.attrgetter("id")
_id_fold: Final = ID_FOLDS.__getitem__  # id_fold, read in C for an id met lately


def same_name_ids(case: Case) -> tuple[int, int] | None:
    """Two organisations whose ids differ only in script, case or form (NFKC), by index, or None.

    天津市文化傳媒商會 and 天津市文化传媒商会 are one organisation: it has one id.
    """
    organisations = case.organisations
    # As many folds as organisations: no two ids fold together (one pass in C).
    if len(organisations) < 2 or len(set(map(_id_fold, map(_get_id, organisations)))) == len(
        organisations
    ):
        return None
    seen: dict[str, int] = {}
    for position, org in enumerate(organisations):
        key = _id_fold(org.id)
        earlier = seen.setdefault(key, position)
        if earlier != position and organisations[earlier].id != org.id:
            return earlier, position
    return None


def parent_cycle(case: Case) -> int | None:
    """The index of an organisation whose ``parent_id`` chain leads back to itself, or None.

    One pass: each organisation is walked once, whatever the number of chains.
    """
    organisations = case.organisations
    children = [org for org in organisations if org.parent_id is not None]
    # A chain needs an organisation that has a parent and is one: most cases have none.
    if not children or set(map(_get_parent, children)).isdisjoint(map(_get_id, children)):
        return None
    index = {org.id: position for position, org in enumerate(organisations)}
    state = [0] * len(organisations)  # 0 unseen, 1 on the current chain, 2 done
    for start in range(len(organisations)):
        chain = []
        position: int | None = start
        while position is not None and state[position] == 0:
            state[position] = 1
            chain.append(position)
            parent = organisations[position].parent_id
            # Its own parent is the self-reference check's to report, not a chain's.
            own = parent == organisations[position].id
            position = index.get(parent) if parent is not None and not own else None
        if position is not None and state[position] == 1:
            return position
        for visited in chain:
            state[visited] = 2
    return None
