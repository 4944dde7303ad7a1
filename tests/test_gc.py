"""Tests for pausing the garbage collector around corpus-sized loops."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

import partycases as pc
from partycases._gc import paused_gc


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_pause_and_resume() -> None:
    """The collector is off inside the block and on again after it, even after an error."""
    gc.enable()
    seen = []

    def fail_inside() -> None:
        with paused_gc():
            seen.append(gc.isenabled())
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_inside()
    assert seen == [False]
    assert gc.isenabled()


def test_nested_pauses_resume_once() -> None:
    """An inner pause ending does not restart the collector under an outer one."""
    gc.enable()
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    """A caller who turned the collector off finds it off afterwards."""
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_in_threads() -> None:
    """Pauses in several threads resume the collector only when the last one ends."""
    gc.enable()
    inside = threading.Barrier(3)
    leave = threading.Event()

    def work() -> None:
        with paused_gc():
            inside.wait()
            leave.wait()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait()
    assert not gc.isenabled()
    leave.set()
    for thread in threads:
        thread.join()
    assert gc.isenabled()


def test_to_arrow_leaves_the_collector_running() -> None:
    """Building tables pauses the collector only for the duration of the call."""
    pytest.importorskip("pyarrow", reason="the [arrow] extra is not installed")
    gc.enable()
    tables = pc.to_arrow(pc.generate_cases(3, seed=1))
    assert tables["cases"].num_rows == 3
    assert gc.isenabled()
