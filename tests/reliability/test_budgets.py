"""The hostile-input corpus: each class of costly input, with the bound it must stay within.

Work is bounded in counted steps (:mod:`tests.work`: lines of Python run and C
functions called, exact on any machine), as a ratio against a benign input or
a smaller one of the same class, never in seconds; memory as a multiple of the
input's size. Each generator builds the smallest document that showed the
class; the bounds are generous, several times what the fixed code takes, and
far below what the unfixed code took.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

import partycases as pc
from partycases.io import read_limited
from tests.work import growth, steps

HEAD = {"id": "x", "language": "zh-Hans"}


# ---------------------------------------------------------------- YAML aliases


def alias_bomb(levels: int) -> bytes:
    """Nine aliases per level, ``levels`` deep, under extensions: 9**levels values expanded."""
    lines = ["id: x", "language: zh-Hans", "extensions:", "  org.x:", "    a: &a [x, x, x]"]
    for level in range(levels):
        name, previous = chr(98 + level), chr(97 + level)
        lines.append(f"    {name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


def yaml_benign(size: int) -> bytes:
    """A YAML case of about ``size`` bytes with no aliases."""
    items = ", ".join(["x"] * max(1, (size - 60) // 3))
    return f"id: x\nlanguage: zh-Hans\nextensions:\n  org.x:\n    a: [{items}]\n".encode()


def test_yaml_alias_bomb_under_the_alias_cap_is_refused_in_proportion() -> None:
    """90 aliases ten levels deep (a few hundred bytes) are refused within 50x a benign one's steps."""
    bomb = alias_bomb(10)
    assert bomb.count(b"*") == 90
    with pytest.raises(pc.LoadError, match="aliases expand the document"):
        pc.loads(bomb, format="yaml")
    benign = yaml_benign(len(bomb))
    pc.loads(benign, format="yaml")  # compiled once, outside the counts
    refused = steps(lambda: pc.loads(bomb, format="yaml"))
    assert refused < 50 * steps(lambda: pc.loads(benign, format="yaml"))


def test_yaml_aliases_within_the_budget_still_load() -> None:
    """A few shared nodes that expand modestly are ordinary YAML and load."""
    case = pc.loads(alias_bomb(2), format="yaml")
    assert len(case.extensions["org.x"]["c"]) == 9


@pytest.mark.parametrize(
    ("inside", "where"),
    [("{b: *x}", (4, 6)), ("[1, [*x]]", (4, 13)), ("\n    <<: *x", (4, 6))],
    ids=["mapping", "nested list", "merge key"],
)
def test_a_yaml_alias_inside_the_node_it_names_is_located(
    inside: str, where: tuple[int, int]
) -> None:
    """A structure holding itself is a located LoadError that says so, not an internal error."""
    document = f"id: x\nlanguage: zh-Hans\nextensions:\n  a: &x {inside}\n"
    with pytest.raises(pc.LoadError, match="an alias inside the node it names") as caught:
        pc.loads(document, format="yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == where


# ------------------------------------------------------- many problems, one pass


def dangling(count: int) -> bytes:
    """``count`` honours whose recipient does not exist: one problem each."""
    honours = [
        {"id": f"honour:{i}", "title": "t", "recipient_id": "org:nobody"} for i in range(count)
    ]
    return json.dumps({**HEAD, "honours": honours}).encode()


def resolved(count: int) -> bytes:
    """The same document with the recipient declared: no problem at all."""
    data = json.loads(dangling(count))
    data["organisations"] = [{"id": "org:nobody", "name": "甲"}]
    return json.dumps(data).encode()


def test_json_many_problems_are_located() -> None:
    """5,000 dangling references: every problem located, and the same document resolved loads."""
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(dangling(5000))
    assert len(caught.value.problems) == 5000
    assert all(problem.line == 1 for problem in caught.value.problems)
    assert len(pc.loads(resolved(5000)).honours) == 5000


def test_problem_location_grows_linearly() -> None:
    """Four times the problems takes under six times the steps (one pass, not quadratic)."""
    documents = {count: dangling(count) for count in (1500, 6000)}
    assert growth(lambda count: pc.loads(documents[count]), 1500, 6000) < 6


def toml_honours(count: int, recipient: str) -> str:
    """A TOML case with ``count`` honours for ``recipient``."""
    head = 'id = "x"\nlanguage = "zh-Hans"\n'
    if recipient == "org:nobody-else":
        head += '[[organisations]]\nid = "org:nobody-else"\nname = "甲"\n'
    honour = '[[honours]]\nid = "honour:{}"\ntitle = "t"\nrecipient_id = "{}"\n'
    return head + "".join(honour.format(i, recipient) for i in range(count))


def test_toml_many_problems_are_located_in_one_pass() -> None:
    """5,000 TOML problems, each placed at its own key; 4x the problems, under 6x the steps."""
    documents = {count: toml_honours(count, "org:nobody") for count in (1250, 5000)}
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(documents[5000], format="toml")
    lines = [problem.line for problem in caught.value.problems]
    assert lines == [6 + 4 * i for i in range(5000)]
    assert len(pc.loads(toml_honours(5000, "org:nobody-else"), format="toml").honours) == 5000
    assert growth(lambda count: pc.loads(documents[count], format="toml"), 1250, 5000) < 6


def test_yaml_many_unknown_keys_are_located_in_one_pass() -> None:
    """10,000 unknown keys in one mapping, located; 4x the keys, under 6x the steps."""

    def unknown(count: int) -> str:
        return "id: x\nlanguage: zh-Hans\n" + "".join(f"bad{i}: 1\n" for i in range(count))

    documents = {count: unknown(count) for count in (2500, 10_000)}
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(documents[10_000], format="yaml")
    assert caught.value.problems[-1].line == 10_002
    assert growth(lambda count: pc.loads(documents[count], format="yaml"), 2500, 10_000) < 6


# ------------------------------------------------------------ JSON fast path


def peak_rss_growth(code: str) -> float:
    """Run ``code`` in a fresh interpreter; return its peak resident memory growth in bytes."""
    program = (
        "import resource, partycases as pc\n"
        'pc.loads(b\'{"id": "x", "language": "zh-Hans", "title": "e\\\\u0301"}\')\n'
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        f"{code}\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    return float(result.stdout.split()[-1])


def test_json_many_decomposed_strings_stay_within_memory() -> None:
    """100,000 NFD tags (1.5 MB) reach the slow path within 200x their size (was 900x)."""
    tags = [f"e\u0301{i}" for i in range(100_000)]
    size = len(json.dumps({**HEAD, "tags": tags}))
    code = (
        "import json\n"
        "tags = [f'e\\u0301{i}' for i in range(100_000)]\n"
        "data = json.dumps({'id': 'x', 'language': 'zh-Hans', 'tags': tags}).encode()\n"
        "case = pc.loads(data)\n"
        "assert case.tags[0] == '\\u00e90'\n"
    )
    assert peak_rss_growth(code) < 200 * size


def test_json_fast_path_errors_carry_no_pattern() -> None:
    """A problem from the slow path names the character, not a 5 KB pattern."""
    data = json.dumps({**HEAD, "title": "甲\u200b乙"}).encode()
    with pytest.raises(pc.LoadError) as caught:
        pc.loads(data)
    assert len(str(caught.value)) < 400


# --------------------------------------------------- streams and JSON Lines


def test_jsonl_symlinked_to_dev_zero_is_refused_after_max_bytes(tmp_path: Path) -> None:
    """A .jsonl that is /dev/zero: one LoadError after max_bytes, memory within 4x of it."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this system")
    link = tmp_path / "zero.jsonl"
    link.symlink_to("/dev/zero")
    limit = 1 << 20
    tracemalloc.start()
    try:
        stream = pc.iter_cases(link, max_bytes=limit)
        items = list(stream)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    [error] = items
    assert isinstance(error, pc.LoadError)
    assert "longer than the limit" in str(error)
    assert stream.summary.failed == 1
    assert peak < 4 * limit


def test_a_long_line_in_a_stream_ends_the_stream_with_an_error() -> None:
    """A line past max_bytes is reported with its number; the lines before it are kept."""
    good = json.dumps(HEAD).encode() + b"\n"
    stream = io.BytesIO(good + b'{"id": "' + b"x" * 5000 + b'"}\n' + good)
    items = list(pc.iter_cases(stream, max_bytes=1000))
    assert isinstance(items[0], pc.Case)
    assert isinstance(items[1], pc.LoadError)
    assert items[1].problems[0].line == 2
    assert len(items) == 2


def test_read_limited_reads_no_more_than_the_limit() -> None:
    """Standard input past the limit is refused after reading max_bytes + 1 bytes."""
    stream = io.BytesIO(b"x" * 5000)
    with pytest.raises(pc.LoadError, match="larger than the limit of 1000 bytes"):
        read_limited(stream, 1000)
    assert stream.tell() == 1001
    assert read_limited(io.BytesIO(b"{}"), 1000) == b"{}"


def test_cli_refuses_stdin_past_the_limit() -> None:
    """``partycases validate -`` with more than 64 MiB on stdin ends in a located error."""
    command = [sys.executable, "-m", "partycases", "validate", "-"]
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        chunk = b" " * (1 << 20)
        try:
            for _ in range(80):
                assert process.stdin is not None
                process.stdin.write(chunk)
        except BrokenPipeError:
            pass  # it stopped reading at the limit, as it should
        out, err = process.communicate()
    assert process.returncode == 1
    assert b"larger than the limit" in out + err


# ------------------------------------------------------------ extension data


def traced_peak(function: Callable[[], object]) -> int:
    """Peak memory traced while ``function`` runs."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_json_extension_data_stays_within_memory() -> None:
    """100,000 numbers in extension data: the loaded case within 30x the document (was 33x)."""
    data = json.dumps({**HEAD, "extensions": {"a.b": list(range(100_000))}}).encode()
    pc.loads(json.dumps(HEAD))
    assert traced_peak(lambda: pc.loads(data)) < 30 * len(data)


def test_yaml_flow_list_stays_within_memory() -> None:
    """A flow list of 20,000 small numbers: within 250x the document (Python objects per node)."""
    text = "id: x\nlanguage: zh-Hans\nextensions: {a.b: [" + ",".join(["1"] * 20_000) + "]}\n"
    pc.loads(b"id: x\nlanguage: zh-Hans\n", format="yaml")
    assert traced_peak(lambda: pc.loads(text, format="yaml")) < 250 * len(text)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_document_of_a_million_tiny_values_is_refused_before_parsing(fmt: str) -> None:
    """1.2 million zeros in extension data: refused before any is parsed, in little memory."""
    import tracemalloc

    zeros = ",".join(["0"] * 1_200_000)
    data = (
        f'{{"id": "x", "language": "zh-Hans", "extensions": {{"a:b": [{zeros}]}}}}'
        if fmt == "json"
        else f"id: x\nlanguage: zh-Hans\nextensions:\n  a:b: [{zeros}]\n"
    ).encode()
    tracemalloc.start()
    try:
        with pytest.raises(pc.LoadError, match="the limit is 1000000"):
            pc.loads(data, format=fmt)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * len(data)  # a copy or two of the input, never its values
