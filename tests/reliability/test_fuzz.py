"""Hypothesis fuzzing, bounded for CI: any bytes end in a valid case or a partycases error.

The coverage-guided atheris harness in fuzz/ goes much further, on demand; this suite keeps the
same promise checked on every run, seeded with the project's own documents and mutations of them.
"""

from __future__ import annotations

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
