"""The format registry: each format turns bytes into a case and back.

Formats know nothing of files; :mod:`partycases.io` picks one by file
extension or by name and adds the file's name to every error.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePath
from types import ModuleType
from typing import TYPE_CHECKING

import attrs

from partycases.errors import FormatError

if TYPE_CHECKING:
    from partycases.models import Case

__all__ = ["Format", "format_for_path", "get_format", "names"]


@attrs.frozen
class Format:
    """A registered format: its name, file extensions and the module that implements it."""

    name: str
    extensions: tuple[str, ...]
    module: str

    def _load_module(self) -> ModuleType:
        return importlib.import_module(self.module)

    @property
    def loads(self) -> Callable[[bytes | str], Case]:
        """The format's ``loads(data) -> Case``."""
        function: Callable[[bytes | str], Case] = self._load_module().loads
        return function

    @property
    def dumps(self) -> Callable[[Case], bytes]:
        """The format's ``dumps(case) -> bytes``."""
        function: Callable[[Case], bytes] = self._load_module().dumps
        return function


_FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("json", (".json",), "partycases.formats.json"),
        Format("jsonl", (".jsonl", ".ndjson"), "partycases.formats.jsonl"),
        Format("yaml", (".yaml", ".yml"), "partycases.formats.yaml"),
        Format("toml", (".toml",), "partycases.formats.toml"),
        Format("text", (".txt", ".text"), "partycases.text.codec"),
        Format("html", (".html", ".htm"), "partycases.text.html"),
        Format("markdown", (".md", ".markdown"), "partycases.formats.markdown"),
        Format("jsonld", (".jsonld",), "partycases.formats.jsonld"),
    )
}


def names() -> tuple[str, ...]:
    """The names of every registered format."""
    return tuple(_FORMATS)


def get_format(name: str) -> Format:
    """Return the format called ``name``; :class:`FormatError` names the known ones."""
    try:
        return _FORMATS[name.lower()]
    except KeyError:
        raise FormatError(
            f"unknown format {name!r}; expected one of {', '.join(_FORMATS)}"
        ) from None


def format_for_path(path: str | PurePath) -> Format:
    """Return the format a file's extension implies."""
    suffix = PurePath(path).suffix.lower()
    for fmt in _FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    known = ", ".join(ext for fmt in _FORMATS.values() for ext in fmt.extensions)
    raise FormatError(
        f"cannot tell the format of {str(path)!r} from its extension; "
        f"expected one of {known}, or pass format="
    )
