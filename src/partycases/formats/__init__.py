"""The format registry: each format declares what it can do, and turns bytes into a case and back.

Formats know nothing of files; :mod:`partycases.io` picks one by file
extension, by name or by sniffing the content, and adds the file's name to
every error. Every list of formats in the package (the command's choices, the
directory walk, the fuzz suites) is derived from :data:`REGISTRY`; adding a
format is one entry there and one module with ``loads`` and ``dumps``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import PurePath
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs

from partycases.errors import FormatError
from partycases.formats._problems import as_document

if TYPE_CHECKING:
    from partycases.models import Case

__all__ = [
    "REGISTRY",
    "Format",
    "as_document",
    "format_for_path",
    "get_format",
    "names",
    "readable",
    "significant_lines",
    "sniff",
    "writable",
]


#: Each format's module, once its import has finished.
_LOADED: dict[str, ModuleType] = {}


@attrs.frozen
class Format:
    """A registered format: its name, file extensions, module and capabilities."""

    name: str
    """The name used by ``format=`` and by the command's ``--from`` and ``--to``."""
    extensions: tuple[str, ...]
    """File extensions, lower case with the dot; the first is the one written."""
    module: str
    """The module implementing ``loads(data, **options)`` and ``dumps(case)``."""
    read: bool = True
    """Whether a case can be read from this format."""
    write: bool = True
    """Whether a case can be written in this format."""
    many: bool = False
    """Whether one document holds many cases (JSON Lines), read one by one."""
    scanned: bool = True
    """Whether a directory walk reads files of this format unless another format is named.

    Published texts are not scanned: any ``.txt`` (notes, licences) would parse
    into a "case", so texts are read only when their format is asked for.
    """
    versioned: bool = True
    """Whether a document carries ``schema_version`` (and so can be migrated)."""
    lossless: bool = True
    """Whether a case written in this format reads back equal to itself.

    Formats that are not (a rendered text, Markdown, JSON-LD) are what ``render`` offers.
    """
    options: tuple[str, ...] = ()
    """Keyword options its ``loads`` accepts, such as ``encoding``."""
    extra: str | None = None
    """The optional extra its dependencies come from, if any."""
    sniff: Callable[[list[bytes]], bool] | None = None
    """Whether a document opening with these significant lines (see :func:`sniff`) is this format.

    ``None`` means the format is never guessed from content, only named.
    """

    def _load_module(self) -> ModuleType:
        # A dict read first: import_module's own bookkeeping costs more. Not sys.modules,
        # which holds a module from the start of its import: a second thread could take
        # it from there half-initialised, where import_module waits for the first.
        module = _LOADED.get(self.module)
        if module is None:
            module = _LOADED[self.module] = importlib.import_module(self.module)
        return module

    @property
    def loads(self) -> Callable[..., Case]:
        """The format's ``loads(data, **options) -> Case``."""
        if not self.read:
            raise FormatError(
                f"{self.name} is a write-only format; expected one of {', '.join(readable())}"
            )
        function: Callable[..., Case] = self._load_module().loads
        return function

    @property
    def dumps(self) -> Callable[[Case], bytes]:
        """The format's ``dumps(case) -> bytes``."""
        if not self.write:
            raise FormatError(
                f"{self.name} is a read-only format; expected one of {', '.join(writable())}"
            )
        function: Callable[[Case], bytes] = self._load_module().dumps
        return function

    def read_bytes(self, data: bytes | str, **options: Any) -> Case:
        """Read one case from ``data``; options left at ``None`` are not passed on.

        An option this format does not declare is a :class:`FormatError` naming
        the formats it applies to.
        """
        given = {key: value for key, value in options.items() if value is not None}
        if not given:
            return self.loads(data)
        for key in sorted(set(given) - set(self.options)):
            takers = " and ".join(fmt.name for fmt in REGISTRY if key in fmt.options) or "no"
            raise FormatError(f"{key}= applies to {takers} files, not to {self.name}")
        return self.loads(data, **given)


# ---------------------------------------------------------------- sniffing
# Each test sees the first two significant lines (after a byte order mark, blank lines
# and ``#`` comment lines are skipped). None of them accepts prose: a published text
# must be named (format="text", --from text), never guessed.

_YAML_START = re.compile(
    rb"(?:---|%YAML\b|(?:[A-Za-z_][\w-]*|\"[^\"]*\"|'[^']*')[ \t]*:(?:[ \t]|\Z))"
)
_TOML_START = re.compile(
    rb"(?:\[\[?[ \t]*[A-Za-z_\"'][^\]]*\]|(?:[A-Za-z_][\w.-]*|\"[^\"]*\"|'[^']*')[ \t]*=)"
)


def _is_jsonl(lines: list[bytes]) -> bool:
    # An indented JSON document opens with a lone "{"; a JSON Lines stream's first line
    # holds a whole object. A first line cut short is still JSON Lines when the next
    # line opens another object, so a cut stream is never read as one JSON document.
    first = lines[0]
    if not first.startswith(b"{") or first == b"{":
        return False
    import orjson

    try:
        orjson.loads(first)
    except orjson.JSONDecodeError:
        return len(lines) > 1 and lines[1].startswith(b"{")
    return True


def _is_json(lines: list[bytes]) -> bool:
    return lines[0].startswith(b"{") and not _is_jsonl(lines)


def _is_yaml(lines: list[bytes]) -> bool:
    return _YAML_START.match(lines[0]) is not None


def _is_toml(lines: list[bytes]) -> bool:
    return _TOML_START.match(lines[0]) is not None


#: Every format, in the order sniffing tries them and help texts list them.
REGISTRY: tuple[Format, ...] = (
    Format("json", (".json",), "partycases.formats.json", sniff=_is_json),
    Format("jsonl", (".jsonl", ".ndjson"), "partycases.formats.jsonl", many=True, sniff=_is_jsonl),
    Format("yaml", (".yaml", ".yml"), "partycases.formats.yaml", extra="yaml", sniff=_is_yaml),
    Format("toml", (".toml",), "partycases.formats.toml", extra="toml", sniff=_is_toml),
    Format(
        "text",
        (".txt", ".text"),
        "partycases.text.codec",
        scanned=False,
        versioned=False,
        lossless=False,
        options=("encoding",),
        extra="encodings",
    ),
    Format(
        "html",
        (".html", ".htm"),
        "partycases.text.html",
        write=False,
        scanned=False,
        versioned=False,
        lossless=False,
        options=("encoding",),
        extra="html",
    ),
    Format(
        "markdown",
        (".md", ".markdown"),
        "partycases.formats.markdown",
        read=False,
        scanned=False,
        versioned=False,
        lossless=False,
    ),
    Format(
        "jsonld",
        (".jsonld",),
        "partycases.formats.jsonld",
        read=False,
        scanned=False,
        versioned=False,
        lossless=False,
    ),
)

_BY_NAME: dict[str, Format] = {fmt.name: fmt for fmt in REGISTRY}
_BY_EXTENSION: dict[str, Format] = {ext: fmt for fmt in REGISTRY for ext in fmt.extensions}


def names() -> tuple[str, ...]:
    """The names of every registered format."""
    return tuple(_BY_NAME)


def readable() -> tuple[str, ...]:
    """The names of the formats a case can be read from."""
    return tuple(fmt.name for fmt in REGISTRY if fmt.read)


def writable() -> tuple[str, ...]:
    """The names of the formats a case can be written in."""
    return tuple(fmt.name for fmt in REGISTRY if fmt.write)


def get_format(name: str) -> Format:
    """Return the format called ``name``; :class:`FormatError` names the known ones."""
    if not isinstance(name, str):
        raise FormatError(
            f"a format is named by a str, not {type(name).__name__}; "
            f"expected one of {', '.join(names())}"
        )
    try:
        return _BY_NAME[name.lower()]
    except KeyError:
        raise FormatError(
            f"unknown format {name!r}; expected one of {', '.join(names())}"
        ) from None


def format_for_path(path: str | PurePath) -> Format:
    """Return the format a file's extension implies.

    The :class:`FormatError` for an unknown extension lists the known ones;
    callers add how to name a format instead (``format=``, ``--from``).
    """
    fmt = _BY_EXTENSION.get(PurePath(path).suffix.lower())
    if fmt is not None:
        return fmt
    raise FormatError(
        f"cannot tell the format of {str(path)!r} from its extension; "
        f"expected one of {', '.join(_BY_EXTENSION)}"
    )


def significant_lines(data: bytes, count: int = 2) -> list[bytes]:
    """Up to ``count`` lines of ``data`` that are not blank or ``#`` comments, stripped.

    A UTF-8 byte order mark is skipped. Sniffing needs no more than two.
    """
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    size = len(data)
    found: list[bytes] = []
    while start < size and len(found) < count:
        end = data.find(b"\n", start)
        end = size if end < 0 else end
        line = data[start:end].strip(b" \t\r")
        if line and not line.startswith(b"#"):
            found.append(line)
        start = end + 1
    return found


def sniff(data: bytes) -> Format | None:
    """The format whose content ``data`` starts with, or ``None`` when unsure.

    Only formats that declare a ``sniff`` test are guessed, so a published text
    (or empty input, or garbage) is never taken for a case. The first two
    significant lines decide, so the rest of ``data`` may still be arriving.
    """
    lines = significant_lines(data)
    if not lines:
        return None
    for fmt in REGISTRY:
        if fmt.sniff is not None and fmt.read and fmt.sniff(lines):
            return fmt
    return None
