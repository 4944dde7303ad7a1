"""JSON Lines: one canonical compact case per line.

``loads`` reads a document of exactly one case (use :func:`partycases.iter_cases`
for a corpus); :func:`iter_lines` yields every line's case or error, lazily.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

import attrs

from partycases.errors import LoadError, Problem
from partycases.formats._problems import boundary
from partycases.formats.json import dumps_compact
from partycases.formats.json import loads as loads_json
from partycases.models import Case

__all__ = ["dumps", "iter_lines", "iter_stream", "loads"]


def _with_line(error: LoadError, line: int) -> LoadError:
    # Within a line, the JSON position's line is always 1: keep its column.
    problems = [attrs.evolve(problem, line=line) for problem in error.problems]
    return LoadError(problems, error.path)


def iter_lines(lines: Iterable[bytes | str]) -> Iterator[Case | LoadError]:
    """Each non-blank line's case, or a :class:`LoadError` carrying its line number."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield loads_json(line)
        except LoadError as error:
            yield _with_line(error, number)


def iter_stream(stream: IO[bytes] | IO[str], max_bytes: int) -> Iterator[Case | LoadError]:
    """Each line's case or error from an open stream, no line read past ``max_bytes``.

    A line longer than the limit is reported, with its number, as a
    :class:`LoadError`, and the stream is read no further: its end cannot be
    found without reading all of it (a file of ``/dev/zero`` has none). Memory
    stays within one line however long the stream is.
    """
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        ended = line[-1:] in (b"\n", "\n")
        if len(line) > max_bytes and not ended:
            message = (
                f"line {number} is longer than the limit of {max_bytes} bytes; "
                "the rest of the stream was not read (pass max_bytes= to raise the limit)"
            )
            yield LoadError([Problem(message, line=number, column=1)])
            return
        if line.strip():
            try:
                yield loads_json(line)
            except LoadError as error:
                yield _with_line(error, number)


@boundary("JSON Lines")
def loads(data: bytes | str) -> Case:
    """Read a JSON Lines document that holds exactly one case."""
    # Lines are counted before any is validated: a corpus here is refused at once.
    text = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    found = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if len(found) != 1:
        raise LoadError(
            [
                Problem(
                    f"expected exactly one case, found {len(found)} lines; "
                    "use iter_cases for a corpus"
                )
            ]
        )
    number, line = found[0]
    try:
        return loads_json(line)
    except LoadError as error:
        raise _with_line(error, number) from None


def dumps(case: Case) -> bytes:
    """One canonical line of JSON for ``case``."""
    return dumps_compact(case)
