"""Glob patterns: ``**`` walks each real folder once, and a pattern names no pipe it cannot read."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import partycases as pc
from partycases._glob import expand

PATTERNS = [
    "**/*.json",
    "**",
    "a/**/*.json",
    "**/a/*",
    "*/**/c.json",
    "**/.z.json",
    ".h/**/*",
    "**/sub/**/*.yaml",
    "b/**/x.json",
    "[ab]/**/?.json",
    "a/**/",
    "**/sub/",
    "**/./*.json",
    "a//**/*.json",
    "a/**/b/../b/*.json",
    "a/**",
]

FOLDERS = st.lists(st.sampled_from(["a", "b", ".h", "sub"]), max_size=3)
FILES = st.sampled_from(["x.json", "y.yaml", ".z.json", "c.json"])


@settings(max_examples=40)
@given(tree=st.lists(st.tuples(FOLDERS, FILES), min_size=1, max_size=12))
def test_expand_matches_what_glob_matches_where_no_link_leads_back(
    tree: list[tuple[list[str], str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Without links, every pattern finds the paths glob finds, relative and absolute."""
    root = tmp_path_factory.mktemp("tree")
    for folders, file in tree:
        folder = root.joinpath(*folders)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / file).touch()
    here = os.getcwd()
    os.chdir(root)
    try:
        for pattern in PATTERNS:
            for written in (pattern, str(root / pattern)):
                # glob lists a path once per way ** can match it, and the folder before a
                # trailing ** with a separator: neither changes what is read.
                expected = set(glob.glob(written, recursive=True))
                if written.endswith(os.sep + "**"):  # a/** lists a/ first (even if a is missing)
                    expected.discard(written[:-2])
                assert set(expand(written)) == expected, written
                assert expand(written) == sorted(expand(written))
    finally:
        os.chdir(here)


def test_links_to_a_parent_are_walked_once(tmp_path: Path, tianjin_path: Path) -> None:
    """Two links up from a subfolder: ** ends, and finds the one case the folder walk finds."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "case.json").write_bytes(tianjin_path.read_bytes())
    (tmp_path / "sub" / "up").symlink_to("..")
    (tmp_path / "sub" / "up2").symlink_to("..")
    assert expand(str(tmp_path / "**" / "*.json")) == [str(tmp_path / "sub" / "case.json")]
    by_pattern = list(pc.iter_cases(str(tmp_path / "**" / "*.json")))
    assert [type(item) for item in by_pattern] == [pc.Case]
    assert len(by_pattern) == len(list(pc.iter_cases(tmp_path)))


def test_a_link_is_followed_where_only_it_leads_to_a_match(tmp_path: Path) -> None:
    """**/latest/*.json finds latest/c.json though latest links to a folder walked already."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "c.json").touch()
    (tmp_path / "latest").symlink_to("data")
    assert expand(str(tmp_path / "**" / "latest" / "*.json")) == [
        str(tmp_path / "latest" / "c.json")
    ]
    # Where both lead to a match, the folder is entered once: its first name, in order.
    assert expand(str(tmp_path / "**" / "*.json")) == [str(tmp_path / "data" / "c.json")]


def test_a_pipe_matched_by_a_pattern_is_named_not_opened(
    tmp_path: Path, tianjin_path: Path
) -> None:
    """A FIFO that a pattern matches is an error, as in a folder walk: opening it would wait."""
    (tmp_path / "good.json").write_bytes(tianjin_path.read_bytes())
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "gone.json").symlink_to(tmp_path / "nowhere.json")
    items = list(pc.iter_cases(str(tmp_path / "*.json")))
    errors = {Path(i.path or "").name: str(i) for i in items if isinstance(i, pc.LoadError)}
    assert "not a regular file" in errors.pop("pipe.json")
    assert "dangling symbolic link" in errors.pop("gone.json")
    assert errors == {}
    assert sum(isinstance(item, pc.Case) for item in items) == 1


def test_a_pattern_matching_nothing_is_one_error(tmp_path: Path) -> None:
    """A pattern with no match, recursive or not, is a LoadError naming the pattern."""
    for pattern in ("*.json", "**/*.json", "missing/**/*.json"):
        [item] = pc.iter_cases(str(tmp_path / pattern))
        assert isinstance(item, pc.LoadError)
        assert "no file matches this pattern" in str(item)
