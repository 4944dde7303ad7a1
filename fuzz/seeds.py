"""Build the seed corpora for fuzz/harness.py from the project's own fixtures."""

from __future__ import annotations

import hashlib
from pathlib import Path

import partycases

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("json", "jsonl", "yaml", "toml", "text")


def write(directory: Path, data: bytes) -> None:
    """Store one seed under its digest."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main() -> None:
    """Every example case in every format, and every fixture text in several encodings."""
    cases = [partycases.load(p) for p in sorted((ROOT / "examples" / "cases").glob("*.json"))]
    for case in cases:
        for index, fmt in enumerate(FORMATS):
            if fmt != "text":
                write(
                    ROOT / "fuzz" / "corpus" / "loads",
                    bytes([index]) + partycases.dumps(case, format=fmt),
                )
    for path in sorted((ROOT / "tests" / "data").rglob("*.txt")):
        text = path.read_bytes().decode("utf-8")
        for encoding in ("utf-8", "utf-16", "gb18030"):
            write(ROOT / "fuzz" / "corpus" / "text", text.encode(encoding, "replace"))
        write(ROOT / "fuzz" / "corpus" / "loads", bytes([4]) + text.encode("utf-8"))
    for path in sorted((ROOT / "tests" / "data" / "invalid").glob("*.json")):
        write(ROOT / "fuzz" / "corpus" / "loads", b"\x00" + path.read_bytes())
    for index, seed in HOSTILE_SHAPES:
        write(ROOT / "fuzz" / "corpus" / "loads", bytes([index]) + seed)


#: Small documents of the shapes that once cost far more than their size (for the perf target):
#: YAML aliases, many problems in one document, deep dotted keys. (format index, document)
HOSTILE_SHAPES = [
    (2, b"id: x\nlanguage: zh-Hans\nextensions:\n  a.b:\n    - &a [1, 2, 3]\n    - [*a, *a]\n"),
    (
        0,
        b'{"id": "x", "language": "zh-Hans", "honours": ['
        + b",".join(
            b'{"id": "honour:%d", "title": "t", "recipient_id": "org:n"}' % i for i in range(20)
        )
        + b"]}",
    ),
    (3, b'id = "x"\nlanguage = "zh-Hans"\n[extensions."a.b"]\n' + b"k.k.k.k.k.k = 1\n"),
    (2, b"id: x\nlanguage: zh-Hans\nbad1: 1\nbad2: 2\nbad3: 3\n"),
]


if __name__ == "__main__":
    main()
