"""Tests for the benchmark harness: fair races, equal-work baselines, ablations that bite."""

from __future__ import annotations

import shutil

import pytest

import partycases as pc

msgspec = pytest.importorskip("msgspec")

from benchmarks import __main__ as harness  # noqa: E402
from benchmarks import ablation  # noqa: E402 - only with the bench extra
from benchmarks.__main__ import each, paired, parsed_documents, race, race_each  # noqa: E402
from benchmarks.msgspec_equal import DECODER as EQUAL  # noqa: E402
from benchmarks.pydantic_schema import Case as PlainCase  # noqa: E402


def test_race_rotates_the_order_and_times_every_round() -> None:
    """Each round starts with a different contender, and every contender gets one time per round."""
    calls: list[str] = []
    samples = race([lambda: calls.append("a"), lambda: calls.append("b")], 1, 4)
    assert calls == ["a", "b", "b", "a", "a", "b", "b", "a"]
    assert [len(times) for times in samples] == [4, 4]


def test_race_each_runs_each_contender_its_own_number_of_times_a_round(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A round runs every contender its own number of times, in turn; a time is per call."""
    calls: list[str] = []
    samples = race_each([lambda: calls.append("a"), lambda: calls.append("b")], [3, 1], 2)
    assert calls == ["a", "a", "a", "b", "b", "a", "a", "a"]
    assert [len(times) for times in samples] == [2, 2]
    clock = iter(range(100))
    monkeypatch.setattr(harness, "CPU", lambda: float(next(clock)))  # a second per reading
    # a: 3 calls between two readings; b: 1 call. Per call: 1/3 s and 1 s.
    assert race_each([lambda: None, lambda: None], [3, 1], 1) == [[pytest.approx(1 / 3)], [1.0]]


def test_paired_ratio_is_the_median_of_ratios_within_rounds() -> None:
    """A ratio pairs each round's two times, so one slow round of one side does not decide it."""
    assert paired([2.0, 2.0, 90.0], [1.0, 1.0, 1.0]) == 2.0


def test_each_calls_the_function_on_every_item_every_time() -> None:
    """A contender built with each() does all the work on every call, not only the first."""
    seen: list[int] = []
    call = each(seen.append, [1, 2])
    call()
    call()
    assert seen == [1, 2, 1, 2]


def test_check_on_fresh_cases_times_the_check_on_each_case_loads_just_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check is timed once a round on every document's case, validated just before, unchecked."""
    _, documents = harness.documents(5)
    checked: list[pc.Case] = []
    case_module = harness._case_checks()
    the_check = case_module.is_sound

    class Checks:
        @staticmethod
        def is_sound(case: pc.Case) -> bool:
            # The validation just before ran with the check replaced by a stand-in.
            assert case_module.is_sound is not the_check
            checked.append(case)
            return True

    monkeypatch.setattr(harness, "_case_checks", lambda: Checks)
    harness.check_on_fresh_cases(documents, 3)
    assert case_module.is_sound is the_check
    assert [pc.dumps(case) for case in checked] == documents * 3


@pytest.mark.parametrize("new_ids", [False, True])
def test_check_on_fresh_cases_meets_ids_for_the_first_time_when_asked(
    monkeypatch: pytest.MonkeyPatch, new_ids: bool
) -> None:
    """With new_ids the kept id folds are let go before each check; without, they are kept."""
    from partycases.ids import FOLD_FIXED_IDS, ID_FOLDS

    _, documents = harness.documents(3)
    kept: list[int] = []

    class Checks:
        @staticmethod
        def is_sound(case: pc.Case) -> bool:
            kept.append(len(ID_FOLDS) + len(FOLD_FIXED_IDS))
            for organisation in case.organisations:
                ID_FOLDS[organisation.id]  # as the check meets each id
            return True

    monkeypatch.setattr(harness, "_case_checks", lambda: Checks)
    harness.check_on_fresh_cases(documents, 2, new_ids=new_ids)
    assert len(kept) == 6
    assert all(count == 0 for count in kept) is new_ids


def test_equal_work_msgspec_accepts_valid_cases_and_refuses_what_partycases_refuses() -> None:
    """The equal-work baseline reads every generated case and refuses bad ids and dangling ones."""
    docs = [pc.dumps(case) for case in pc.generate_cases(5, seed=3)]
    for doc in docs:
        EQUAL.decode(doc)
    with pytest.raises(msgspec.ValidationError):
        EQUAL.decode(docs[0].replace(b'"language": "zh-', b'"language": "ZH '))
    with pytest.raises(msgspec.ValidationError, match="references"):
        EQUAL.decode(
            docs[0].replace(b'"subject_ids": [\n    "org:', b'"subject_ids": [\n    "org:x')
        )


def test_parsed_pages_hold_text_and_evidence_and_every_baseline_reads_them() -> None:
    """The parsed-page documents carry what synthetic cases lack, and both baselines read them."""
    pages = parsed_documents((4_096, 8_192), 2)
    assert len(pages) == 4
    for page in pages:
        case = pc.loads(page)
        assert case.text
        assert sum(len(org.evidence) for org in case.organisations) > 0
        EQUAL.decode(page)
        assert PlainCase.model_validate_json(page).id == case.id


def test_ablation_strips_patterns_from_nested_schemas() -> None:
    """The pattern ablation removes patterns at every depth of a core schema, and nothing else."""
    schema = {
        "type": "model",
        "schema": {"fields": {"a": {"type": "str", "pattern": "^x$", "min_length": 1}}},
    }
    stripped = ablation._strip(schema, "patterns")
    assert stripped["schema"]["fields"]["a"] == {"type": "str", "min_length": 1}
    assert schema["schema"]["fields"]["a"]["pattern"] == "^x$"  # the original is untouched


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_instruction_counts_take_the_setup_away_and_grow_with_the_work() -> None:
    """A count per call excludes the setup, and ten times the work counts about ten times more."""
    from benchmarks.instructions import per_call

    counts = per_call(
        "import math\nvalues = list(range(2000))",
        {"one": "sum(values)", "ten": "[sum(values) for _ in range(10)]"},
        5,
    )
    assert 0 < counts["one"] < counts["ten"]
    assert 8 < counts["ten"] / counts["one"] < 12
