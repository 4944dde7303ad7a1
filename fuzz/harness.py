"""Coverage-guided fuzzing of every loader and of the parser, with atheris.

Run on demand (not in CI), for example for ten minutes per target:

    pip install -e '.[all]' atheris
    python fuzz/harness.py loads -max_total_time=600 fuzz/corpus/loads
    python fuzz/harness.py text -max_total_time=600 fuzz/corpus/text

Every input must end in a valid case or a ``PartycasesError``; any other
exception is a crash, which atheris saves as ``crash-*`` for a regression test.
The seed corpora are built from the project's own fixtures by ``fuzz/seeds.py``.
"""

from __future__ import annotations

import sys
import warnings

import atheris

with atheris.instrument_imports():
    import partycases
    from partycases.errors import PartycasesError
    from partycases.text.decode import decode_text

FORMATS = ("json", "jsonl", "yaml", "toml", "text")


def fuzz_loads(data: bytes) -> None:
    """The first byte picks the format; the rest is the document."""
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    try:
        case = partycases.loads(data[1:], format=fmt)
    except PartycasesError:
        return
    # A case that loaded must write and read back to itself.
    if fmt != "text":
        assert partycases.loads(partycases.dumps(case, format=fmt), format=fmt) == case


def fuzz_text(data: bytes) -> None:
    """Bytes in any encoding, decoded as load() does, then parsed; nothing may be lost."""
    try:
        text = decode_text(data)
    except PartycasesError:
        return
    try:
        case, report = partycases.parse_text(text, report=True)
    except PartycasesError:
        return
    assert case.text == text
    assert report.uncovered(text) == [], "characters lost"


TARGETS = {"loads": fuzz_loads, "text": fuzz_text}


def main() -> None:
    """``harness.py TARGET [libFuzzer options] [corpus dirs]``."""
    target = TARGETS[sys.argv.pop(1)]
    warnings.simplefilter("ignore", partycases.PartycasesWarning)
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
