"""Hypothesis fuzzing, bounded for CI: any bytes end in a valid case or a partycases error.

The coverage-guided atheris harness in fuzz/ goes much further, on demand; this suite keeps the
same promise checked on every run, seeded with the project's own documents and mutations of them.
"""

from __future__ import annotations

import contextlib
import warnings

from hypothesis import given
from hypothesis import strategies as st

import partycases as pc
from partycases.formats import REGISTRY
from partycases.text.decode import decode_text
from tests.conftest import DATA, EXAMPLE_CASES
from tests.strategies import GENRE_CHAR

FORMATS = tuple(fmt.name for fmt in REGISTRY if fmt.read)
LOSSLESS = tuple(fmt.name for fmt in REGISTRY if fmt.read and fmt.write and fmt.lossless)
SEEDS = [
    *(
        pc.dumps(pc.load(p), format=fmt.name)
        for p in EXAMPLE_CASES
        for fmt in REGISTRY
        if fmt.name in LOSSLESS and not fmt.many
    ),
    *(p.read_bytes() for p in sorted((DATA / "texts").glob("*.txt"))),
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A seed document with a few bytes flipped, cut, or spliced in."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, max(0, len(data) - 1)))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip" and data:
            data[position] ^= 1 << draw(st.integers(0, 7))
        elif action == "cut":
            del data[position : position + draw(st.integers(1, 40))]
        else:
            data[position:position] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


def outcome(data: bytes, fmt: str) -> None:
    """Load ``data``; only a case or a PartycasesError may come out."""
    result: pc.Case | pc.PartycasesError
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        try:
            result = pc.loads(data, format=fmt)
        except pc.PartycasesError as error:
            result = error
    if isinstance(result, pc.PartycasesError):
        assert str(result)
    elif fmt in LOSSLESS:
        assert pc.loads(pc.dumps(result, format=fmt), format=fmt) == result


@given(st.binary(max_size=2000), st.sampled_from(FORMATS))
def test_random_bytes_in_every_format(data: bytes, fmt: str) -> None:
    """Arbitrary bytes, in every format: a valid case or a partycases error."""
    outcome(data, fmt)


@given(mutated(), st.sampled_from(FORMATS))
def test_mutated_documents_in_every_format(data: bytes, fmt: str) -> None:
    """Real-shaped documents, damaged: a valid case or a partycases error."""
    outcome(data, fmt)


@given(
    st.text(
        st.one_of(
            GENRE_CHAR,
            st.sampled_from(list("\n\r\t 一二三是、（）()【】编者按來源来源:年月日第批")),
        ),
        max_size=600,
    )
)
def test_genre_shaped_text_parses_without_loss(text: str) -> None:
    """Text made of the genre's characters parses, and nothing is lost."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        case, report = pc.parse_text(text, report=True)
    assert case.text == text
    assert report.uncovered(text) == []


@given(mutated())
def test_text_files_in_any_encoding(data: bytes) -> None:
    """Any bytes as a text file: decoded and parsed, or a LoadError; never a crash."""
    try:
        text = decode_text(data)
    except pc.PartycasesError:
        return
    outcome(text.encode("utf-8", "surrogatepass"), "text")


CASE_KEYS = [
    "schema_version", "id", "language", "title", "organisations", "organizations", "honours",
    "activities", "works", "people", "sections", "extensions", "tags", "published_at", "series",
    "source", "subject_ids", "text", "name", "date", "year", "member_count", "founded",
    "recipient_id", "parent_id", "value", "org.x",
]  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["0.9", "1.0", "zh-Hans", "org:甲", "2013-02-30", "2013", "+99:00", "yes"]),
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(CASE_KEYS), st.text(max_size=6)), inner, max_size=5
        ),
    ),
    max_leaves=25,
)


def _documents(value: object) -> list[tuple[str, bytes]]:
    """``value`` written in every format that can hold it."""
    import json

    import tomli_w
    import yaml

    documents = [("json", json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass"))]
    documents.append(("jsonl", documents[0][1].replace(b"\n", b" ") + b"\n"))
    documents.append(
        ("yaml", yaml.safe_dump(value, allow_unicode=True).encode("utf-8", "surrogatepass"))
    )
    if isinstance(value, dict):
        # TOML has no null: such structures are left out of it.
        with contextlib.suppress(TypeError, ValueError):
            documents.append(("toml", tomli_w.dumps(value).encode("utf-8", "surrogatepass")))
    return documents


@given(
    st.one_of(
        STRUCTURES,
        st.dictionaries(st.sampled_from(CASE_KEYS), STRUCTURES, max_size=8),
        st.fixed_dictionaries(
            {"schema_version": st.sampled_from(["0.9", "1.0"]), "id": st.just("x")},
            optional=dict.fromkeys(CASE_KEYS[3:], STRUCTURES),
        ),
    )
)
def test_random_structures_in_every_loader(value: object) -> None:
    """Any structure, in every format, ends in a case or a LoadError: the loaders' boundary holds."""
    for fmt, data in _documents(value):
        outcome(data, fmt)
