"""The benchmark's pages of one kind of sentence hold the facts of that kind, and no others."""

from __future__ import annotations

import warnings

import pytest
from benchmarks.texts import SENTENCE_KINDS, kind_text, published_text

import partycases as pc

COUNT = 12


def _parsed(kind: str, count: int = COUNT) -> pc.Case:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        return pc.parse_text(kind_text(kind, count))


def _stated(case: pc.Case) -> list[pc.Organisation]:
    """Organisations with a founding date and a member count, the page's subject aside."""
    return [
        org
        for org in case.organisations
        if org.founded is not None
        and org.member_count is not None
        and org.id not in case.subject_ids
    ]


def _found(case: pc.Case) -> set[str]:
    """Which kinds of fact the case holds beyond its page's head."""
    found = {name for name in ("honours", "activities", "works") if getattr(case, name)}
    return found | ({"foundings"} if _stated(case) else set())


def test_the_kinds_are_the_benchmark_pages_kinds_with_no_fact_last() -> None:
    """Five kinds state a fact and the last none, as the pages draw them (five in fourteen)."""
    assert len(SENTENCE_KINDS) == 6
    assert list(SENTENCE_KINDS)[-1] == "no fact"


def test_a_page_of_foundings_states_foundings_and_member_counts_only() -> None:
    case = _parsed("a founding and a member count")
    assert len(_stated(case)) >= COUNT // 2
    assert _found(case) == {"foundings"}


@pytest.mark.parametrize(
    ("kind", "awarded"),
    [("an honour won", False), ("an honour conferred by two bodies", True)],
)
def test_a_page_of_honours_states_honours_only(kind: str, awarded: bool) -> None:
    """Honours won name no awarder; honours conferred name the two bodies that conferred them."""
    case = _parsed(kind)
    assert len(case.honours) >= COUNT // 2
    assert all((len(honour.awarded_by) >= 2) is awarded for honour in case.honours)
    assert _found(case) == {"honours"}


def test_a_page_of_dated_activities_states_dated_activities_only() -> None:
    case = _parsed("a dated activity")
    assert len(case.activities) >= COUNT // 2
    assert all(activity.date is not None for activity in case.activities)
    assert _found(case) == {"activities"}


def test_a_page_of_works_states_works_and_their_certificates() -> None:
    case = _parsed("a work, its certificate and its platform")
    assert len(case.works) >= COUNT // 2
    assert len(case.honours) >= COUNT // 2
    assert _found(case) == {"works", "honours"}


def test_a_page_of_no_fact_states_nothing_beyond_its_head() -> None:
    """Only the head's facts: its subject's founding and members, no entity of the body."""
    case = _parsed("no fact")
    head = _parsed("no fact", 0)
    assert _found(case) == set()
    assert [org.id for org in case.organisations] == [org.id for org in head.organisations]


def test_a_page_holds_the_sentences_asked_for_laid_out_as_the_benchmark_pages() -> None:
    """Four sentences to a paragraph under the pages' head, sections and source line."""
    text = kind_text("an honour won", 10)
    assert text.count("榮獲") == 10
    body = text.split("二、主要做法\n")[1].split("\n三、工作成效")[0].split("\n")
    assert [line.count("。") for line in body] == [1, 4, 4, 2]  # a subsection heading, then 4-4-2
    page = published_text(8_192)
    assert text.split("\n")[:6] == page.split("\n")[:6]  # the same seed: the same head
    assert text.split("\n")[-4:] == page.split("\n")[-4:]
