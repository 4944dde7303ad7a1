"""The corpus layer: entity records across cases, merged in parts, bounded in memory."""

from __future__ import annotations

import itertools
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import partycases as pc
from partycases.corpus import crosswalk
from tests.conftest import EXAMPLE_CASES
from tests.strategies import cases


def test_the_shared_organisation_is_one_record_in_both_scripts() -> None:
    """The organisation shared by the example and synthetic cases is one record with every name."""
    cases = [pc.load(p) for p in EXAMPLE_CASES] + list(pc.generate_cases(40, seed=3))
    corpus = pc.build_corpus(cases)
    record = corpus.records["org:天津市文化传媒商会"]
    assert {name for name, _ in record.names} == {"天津市文化傳媒商會", "天津市文化传媒商会"}
    assert {language for _, language in record.names} == {"zh-Hant", "zh-Hans"}
    naming = [c.id for c in cases if "org:天津市文化传媒商会" in {o.id for o in c.organisations}]
    assert record.case_count == len(naming) > 2
    assert record.case_ids == naming[: corpus.sample]


def test_conflicting_facts_are_flagged_not_resolved() -> None:
    """Two founding dates for one body stay two values, each with its case."""
    [case] = [pc.load(p) for p in EXAMPLE_CASES if "tianjin" in p.name]
    data = case.model_dump(mode="json", exclude_none=True)
    data["id"] = "tianjin-again"
    for org in data["organisations"]:
        if org["id"] == "org:天津市文化传媒商会":
            org["founded"] = "2014"
    other = pc.Case.model_validate(data)
    corpus = pc.build_corpus([case, other])
    record = corpus.records["org:天津市文化传媒商会"]
    assert record.values("founded") == {"2013-09": [case.id], "2014": ["tianjin-again"]}
    assert "founded" in record.conflicts
    assert "member_count" not in record.conflicts
    assert record in list(corpus.conflicts())


def test_works_and_honours_merge_by_title_recipient_and_year() -> None:
    """A work and an honour reported by two cases are one record each."""
    [case] = [pc.load(p) for p in EXAMPLE_CASES if "tianjin" in p.name]
    data = case.model_dump(mode="json", exclude_none=True)
    data["id"] = "tianjin-again"
    corpus = pc.build_corpus([case, pc.Case.model_validate(data)])
    works = list(corpus.entities("work"))
    honours = list(corpus.entities("honour"))
    assert works
    assert honours
    assert all(r.case_ids == [case.id, "tianjin-again"] for r in works + honours)
    assert len(honours) == len({crosswalk(case)[h.id] for h in case.honours})


def test_merging_parts_equals_one_pass() -> None:
    """Corpora built from consecutive parts and merged in order equal the one-pass corpus."""
    cases = list(pc.generate_cases(60, seed=9))
    whole = pc.build_corpus(cases)
    merged = pc.Corpus()
    for start in range(0, 60, 25):
        merged.merge(pc.build_corpus(cases[start : start + 25]))
    assert merged.records == whole.records


def test_memory_grows_with_entities_not_cases() -> None:
    """Reading the same 50 cases ten times over holds about as much as reading them once."""
    pool = list(pc.generate_cases(50, seed=2))

    def held(rounds: int) -> int:
        corpus = pc.Corpus()
        tracemalloc.start()
        for index, case in enumerate(itertools.chain.from_iterable([pool] * rounds)):
            corpus.add(case.model_copy(update={"id": f"c{index}"}))
        size, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert corpus.records
        return size

    once, many = held(1), held(10)
    assert many < once * 1.5


@settings(max_examples=10, deadline=None)
@given(st.lists(cases(), min_size=1, max_size=2))
def test_any_valid_cases_make_tables_and_one_key_per_id(drawn: list[pc.Case]) -> None:
    """Any valid cases give every table; each local id maps to exactly one crosswalk row."""
    pytest.importorskip("pyarrow", reason="the [arrow] extra is not installed")
    unique = [c.model_copy(update={"id": f"c{i}"}) for i, c in enumerate(drawn)]
    tables = pc.to_arrow(unique)
    walk = tables["crosswalk"].to_pylist()
    assert len({(r["case_id"], r["local_id"]) for r in walk}) == len(walk)
    ids = sum(
        len(c.organisations) + len(c.people) + len(c.works) + len(c.honours) + len(c.activities)
        for c in unique
    )
    assert len(walk) == ids
    entity_ids = set(tables["entities"].column("entity_id").to_pylist())
    assert {r["entity_id"] for r in walk if r["entity_kind"] == "organisation"} <= entity_ids


@pytest.mark.parametrize("item", [None, {"id": "x"}, "case.json"])
def test_a_corpus_of_anything_but_cases_is_a_type_error(item: object) -> None:
    """build_corpus names what it was given instead of failing inside the crosswalk."""
    with pytest.raises(TypeError, match=rf"built of partycases\.Case, not {type(item).__name__}"):
        pc.build_corpus([item])  # type: ignore[list-item]
