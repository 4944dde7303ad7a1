"""The stage timings time every stage of real parses, and leave the parser as it was."""

from __future__ import annotations

import warnings

import pytest
from benchmarks import stages
from benchmarks.texts import published_text

import partycases as pc
from partycases.text import facts, parse

TEXT = published_text(3_000, seed=2)


def _parse(text: str) -> pc.Case:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        return pc.parse_text(text)


def test_every_stage_is_timed_once_per_parse_and_the_parser_is_restored() -> None:
    """Inside, each stage adds one time per parse and the case is the same; after, no wrapper stays."""
    originals = {name: getattr(owner, attribute) for name, owner, attribute in stages.STAGES}
    plain = _parse(TEXT)
    with stages.timed_stages() as spent:
        start = stages.CPU()
        inside = _parse(TEXT)
        whole = stages.CPU() - start
        _parse(TEXT)
    assert inside == plain
    # The stages run inside the parse, one after another: together no longer than it.
    assert sum(times[0] for times in spent.values()) <= whole
    assert set(spent) == set(originals)
    for name, times in spent.items():
        assert len(times) == 2, name
        # Every stage does work on this page: its clock moved on each call.
        assert all(seconds > 0 for seconds in times), name
    for name, owner, attribute in stages.STAGES:
        assert getattr(owner, attribute) is originals[name], name
    assert parse.fold is originals["fold"]
    assert facts.assemble is originals["assembly"]


def test_stage_times_cover_the_parse_with_the_rest_left_over() -> None:
    """Every stage and the rest are given, in order, none negative; the parse and OpenCC took time."""
    times, total, convert = stages.stage_times(TEXT, 3, repeat=2)
    assert list(times) == [name for name, _, _ in stages.STAGES] + [stages.REST]
    assert total > 0
    assert convert > 0
    assert all(seconds >= 0 for seconds in times.values())


def test_a_stage_the_parse_never_calls_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stage that no longer runs once per parse (parse_text changed) is an error, not a zero."""
    monkeypatch.setattr(stages, "STAGES", (*stages.STAGES, ("pruning", parse, "_drop_references")))
    with pytest.raises(RuntimeError, match="'pruning' ran 0 times in 2 parses"):
        stages.stage_times(TEXT, 2)
    assert parse._drop_references.__name__ == "_drop_references"
    assert not hasattr(parse._drop_references, "__wrapped__")


def test_the_command_prints_every_stage_and_refuses_counts_below_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A page of a given size gets a line per stage; a size or round count below one is refused."""
    stages.main(["--rounds", "2", "3000"])
    printed = capsys.readouterr().out
    assert printed.startswith("page of 3,000 bytes")
    for name in [*(name for name, _, _ in stages.STAGES), stages.REST]:
        assert f"  {name} " in printed
    for argv in (["--rounds", "0", "3000"], ["--", "-5"]):
        with pytest.raises(SystemExit) as exit_:
            stages.main(argv)
        assert exit_.value.code == 2
        assert "is not a positive whole number" in capsys.readouterr().err


def test_a_parse_that_raises_leaves_no_timer_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    """An error inside a timed stage reaches the caller, and the parser's functions are put back."""
    originals = {name: getattr(owner, attribute) for name, owner, attribute in stages.STAGES}

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("broken layout")

    monkeypatch.setattr(parse, "read_layout", broken)
    originals["layout"] = broken
    with pytest.raises(ValueError, match="broken layout"), stages.timed_stages():
        _parse(TEXT)
    for name, owner, attribute in stages.STAGES:
        assert getattr(owner, attribute) is originals[name], name


def test_a_second_timing_while_one_runs_is_refused() -> None:
    """Two timings at once would leave one's timers installed for good: the second is refused."""
    fold = parse.fold
    with stages.timed_stages():
        with pytest.raises(RuntimeError, match="already running"), stages.timed_stages():
            pass  # pragma: no cover - not entered
        assert parse.fold is not fold
    assert parse.fold is fold
    with stages.timed_stages() as spent:  # free again once the first has ended
        _parse(TEXT)
    assert all(len(times) == 1 for times in spent.values())


def test_kinds_prints_every_kind_with_each_stage_per_sentence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--kinds`` times a page of each sentence kind alone, and gives each stage per sentence."""
    from benchmarks.texts import KIND_SENTENCES, SENTENCE_KINDS

    stages.main(["--kinds", "--rounds", "1"])
    printed = capsys.readouterr().out
    headers = [line for line in printed.splitlines() if not line.startswith("  ")]
    assert [header.split(" (")[0] for header in headers] == [
        f"{KIND_SENTENCES} sentences: {kind}" for kind in SENTENCE_KINDS
    ]
    rows = [line.split() for line in printed.splitlines() if line.startswith("  ")]
    assert len(rows) == len(SENTENCE_KINDS) * (len(stages.STAGES) + 1)
    for row in rows:
        # "<stage> <ms> ms <share> <multiple>x OpenCC <us> us a sentence"
        milliseconds = float(row[row.index("ms") - 1])
        per_sentence = float(row[row.index("us") - 1])
        assert row[-3:] == ["us", "a", "sentence"]
        assert per_sentence == pytest.approx(milliseconds * 1e3 / KIND_SENTENCES, abs=0.01)


def test_pages_by_size_give_no_per_sentence_column(capsys: pytest.CaptureFixture[str]) -> None:
    """A page of mixed kinds is not counted in sentences: its rows end at the OpenCC multiple."""
    stages.main(["--rounds", "1", "3000"])
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  ")]
    assert len(rows) == len(stages.STAGES) + 1
    assert all(row.endswith("x OpenCC") for row in rows)
