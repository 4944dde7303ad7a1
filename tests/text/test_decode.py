"""Tests for reading published texts in every supported encoding."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import partycases as pc
from partycases.text.decode import decode_text
from tests.conftest import DATA

TRADITIONAL = (DATA / "texts" / "10-mixed-punct.txt").read_text(encoding="utf-8")
SIMPLIFIED = (DATA / "texts" / "11-simp-seedlike.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "encoded"),
    [
        (SIMPLIFIED, SIMPLIFIED.encode("utf-8")),
        (SIMPLIFIED, codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8")),
        (SIMPLIFIED, SIMPLIFIED.encode("utf-16")),
        (SIMPLIFIED, SIMPLIFIED.encode("gb18030")),
        (TRADITIONAL, TRADITIONAL.encode("big5")),
        (TRADITIONAL, TRADITIONAL.encode("gb18030")),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "gb18030", "big5", "gb18030-traditional"],
)
def test_detected_encodings(text: str, encoded: bytes) -> None:
    """UTF-8 with or without BOM, UTF-16 with BOM, GB18030 and Big5 all decode to the same text."""
    assert decode_text(encoded) == text


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_load_reads_legacy_encodings(tmp_path: Path, encoding: str) -> None:
    """partycases.load parses a .txt in a legacy encoding into the same case as the UTF-8 file."""
    path = tmp_path / f"case-{encoding}.txt"
    path.write_bytes(TRADITIONAL.encode(encoding))
    with pytest.warns(pc.PartycasesWarning):
        loaded = pc.load(path)
    with pytest.warns(pc.PartycasesWarning):
        expected = pc.parse_text(TRADITIONAL)
    assert loaded.model_copy(update={"id": "x"}) == expected.model_copy(update={"id": "x"})


def test_explicit_encoding(tmp_path: Path) -> None:
    """encoding= skips detection; a wrong one is an error naming the file and the byte."""
    path = tmp_path / "case.txt"
    path.write_bytes(SIMPLIFIED.encode("gb18030"))
    with pytest.warns(pc.PartycasesWarning):
        assert (
            pc.load(path, encoding="gb18030").title == "江州市优秀网络社会组织案例（典型案例四十）"
        )
    with pytest.raises(pc.LoadError, match=r"case\.txt.*not valid utf-8"):
        pc.load(path, encoding="utf-8")
    with pytest.raises(pc.LoadError, match="encoding= applies to text and html files"):
        pc.load(DATA / "invalid" / "empty.json", encoding="utf-8")


def test_undecodable_bytes_are_an_error(tmp_path: Path) -> None:
    """Bytes that are no supported encoding give a LoadError, never mojibake."""
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(pc.LoadError, match=r"not UTF-8.*GB18030 or Big5") as caught:
        pc.load(path)
    assert caught.value.path == str(path)
