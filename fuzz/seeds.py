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


if __name__ == "__main__":
    main()
