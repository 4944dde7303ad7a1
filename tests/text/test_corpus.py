"""Regression sets for the parser: the probes, a development set and six held-out sets.

Each set is a folder of ``NAME.txt`` texts with ``NAME.json`` gold facts in the
probes' format, scored with the shared scorer (``score_facts.py``), the same
metric the parser is judged by. The floors sit a little under today's figures,
per category, so a change that loses a class of facts fails here. Each held-out set was
written from the genre's description alone, without reading the parser, and first scored
before any rule was changed with its misses in view. Each has since served as a development
set: its misses showed classes of phrasing and page layout the rules were then widened for
(``heldout3`` after it had measured the phrasings learned from the first two, ``heldout4``
after it had measured those and the layouts ``heldout3`` showed). ``heldout5`` and
``heldout6`` have not: no text of them has been read to write a rule.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import partycases as pc
from tests.conftest import DATA, SHARED

SCORER = SHARED / "tools" / "score_facts.py"
PROBES = SHARED / "probes"
CORPUS = DATA / "corpus"

#: Per category floors (F1), and the floor of the headline figure (the mean over categories).
FLOORS: dict[str, tuple[float, dict[str, float]]] = {
    "probes": (0.95, {"organisations": 0.9, "activities": 0.9, "founded": 0.9, "honours": 0.9}),
    "dev": (
        0.9,
        {
            "organisations": 0.9,
            "founded": 0.9,
            "member_count": 0.9,
            "honours": 0.9,
            "honour_awarded_by": 0.75,
            "activities": 0.9,
            "activity_date": 0.8,
            "sections": 0.9,
            "title": 0.9,
        },
    ),
    "heldout": (
        0.92,
        {
            "organisations": 0.9,
            "founded": 0.85,
            "member_count": 0.9,
            "honours": 0.9,
            "honour_awarded_by": 0.8,
            "activities": 0.88,
            "sections": 0.9,
            "title": 0.9,
        },
    ),
    "heldout2": (
        0.9,
        {
            "organisations": 0.9,
            "founded": 0.85,
            "member_count": 0.87,
            "honours": 0.9,
            "honour_awarded_by": 0.85,
            "activities": 0.85,
            "sections": 0.92,
            "title": 0.85,
            "works": 0.95,
        },
    ),
    "heldout3": (
        0.9,
        {
            "organisations": 0.87,
            "founded": 0.9,
            "member_count": 0.9,
            "honours": 0.9,
            "honour_awarded_by": 0.75,
            "activities": 0.9,
            "activity_date": 0.9,
            "sections": 0.92,
            "title": 0.92,
            "published": 0.9,
            "works": 0.93,
        },
    ),
    "heldout5": (
        0.88,
        {
            "organisations": 0.9,
            "founded": 0.9,
            "member_count": 0.84,
            "honours": 0.9,
            "honour_awarded_by": 0.88,
            "activities": 0.92,
            "activity_date": 0.72,
            "sections": 0.9,
            "title": 0.72,
            "published": 0.88,
            "works": 0.95,
        },
    ),
    "heldout6": (
        0.84,
        {
            "organisations": 0.9,
            "founded": 0.8,
            "member_count": 0.82,
            "honours": 0.88,
            "honour_awarded_by": 0.7,
            "activities": 0.84,
            "activity_date": 0.86,
            "sections": 0.74,
            "title": 0.7,
            "published": 0.85,
            "works": 0.9,
        },
    ),
    "heldout4": (
        0.9,
        {
            "organisations": 0.86,
            "founded": 0.88,
            "member_count": 0.87,
            "honours": 0.92,
            "honour_awarded_by": 0.78,
            "activities": 0.83,
            "activity_date": 0.95,
            "sections": 0.95,
            "title": 0.92,
            "published": 0.9,
            "works": 0.95,
        },
    ),
}


def scorer() -> ModuleType:
    """The shared scorer, loaded from beside the checkout."""
    if not SCORER.exists():
        pytest.skip(f"the shared scorer is not beside this checkout ({SCORER})")
    spec = importlib.util.spec_from_file_location("score_facts", SCORER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def folder(name: str) -> Path:
    """Where a set lives: the probes beside the checkout, the others in tests/data/corpus."""
    path = PROBES if name == "probes" else CORPUS / name
    if not path.exists():
        pytest.skip(f"the {name} set is not beside this checkout ({path})")
    return path


def parse(text: str) -> pc.Case:
    """Parse, keeping the warnings the page's chrome and stray text give."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        return pc.parse_text(text)


def texts(path: Path) -> list[Path]:
    """The texts of a set that have gold facts."""
    return [doc for doc in sorted(path.glob("*.txt")) if doc.with_suffix(".json").exists()]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_set_scores_above_its_floors(name: str) -> None:
    """Every category of every set scores above its floor, and so does the headline figure."""
    sf = scorer()
    tallies: dict[str, Any] = {category: sf.Tally() for category in sf.CATS}
    docs = texts(folder(name))
    assert docs, f"no texts with gold facts in the {name} set"
    for doc in docs:
        gold = json.loads(doc.with_suffix(".json").read_text(encoding="utf-8"))
        sf.score_doc(gold, orjson.loads(pc.dumps(parse(doc.read_text(encoding="utf-8")))), tallies)
    scores = {c: tallies[c].prf()[2] for c in sf.CATS if tallies[c].gold or tallies[c].pred}
    print(name, {c: round(f, 2) for c, f in scores.items()})
    headline, floors = FLOORS[name]
    assert sum(scores.values()) / len(scores) >= headline
    for category, floor in floors.items():
        assert scores.get(category, 1.0) >= floor, (category, scores.get(category))


def corpus_texts() -> list[Path]:
    """Every text of the development and held-out sets, and the probes when present."""
    found = [doc for name in ("dev", "heldout", "heldout2") for doc in texts(CORPUS / name)]
    return found + (texts(PROBES) if PROBES.exists() else [])


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_nothing_is_lost_and_evidence_reads_the_text(path: Path) -> None:
    """Every character lands in the case, and every evidence span lies inside the text."""
    text = path.read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        case, report = pc.parse_text(text, report=True)
    assert report.uncovered(text) == []
    for fact in (*case.organisations, *case.honours, *case.activities, *case.works):
        for span in fact.evidence:
            assert span.read(text).strip()


def test_the_same_text_gives_the_same_bytes_under_any_hash_seed() -> None:
    """Parsing is deterministic: three processes with different hash seeds write one case."""
    sample = next(iter(texts(CORPUS / "dev")))
    code = (
        "import sys, warnings, partycases as pc; warnings.simplefilter('ignore');"
        "sys.stdout.buffer.write(pc.dumps(pc.parse_text(open(sys.argv[1], encoding='utf-8').read())))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, str(sample)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


CORPUS_TEXTS = [path.read_text(encoding="utf-8") for path in corpus_texts()]
DAMAGE = [
    "(xié)",
    "??",
    "\u200b",
    "\n",
    "来源:",
    "一、",
    "【编者按】",
    "分享到",
    "。",
    "、",
    "被",
    "荣获",
]


@st.composite
def damaged_pages(draw: st.DrawFn) -> str:
    """A corpus text with lines of another spliced in, stretches cut, and artefacts inserted."""
    text = draw(st.sampled_from(CORPUS_TEXTS or ["一、背景\n"]))
    lines = text.splitlines(keepends=True)
    other = draw(st.sampled_from(CORPUS_TEXTS or [text])).splitlines(keepends=True)
    for _ in range(draw(st.integers(0, 3))):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(other or ["\n"])))
    page = "".join(lines)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(page)))
        if draw(st.booleans()):
            page = page[:at] + page[at + draw(st.integers(1, 30)) :]
        else:
            page = page[:at] + draw(st.sampled_from(DAMAGE)) + page[at:]
    return page


@settings(max_examples=60)
@given(damaged_pages())
def test_damaged_pages_always_give_a_valid_case(page: str) -> None:
    """Real-shaped pages, cut, spliced and damaged, parse into a case; nothing raises or is lost."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        case, report = pc.parse_text(page, report=True)
    assert case.text == page
    assert report.uncovered(page) == []
