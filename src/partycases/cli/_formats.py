"""Format names as a click parameter type, read from the registry only when a command runs.

The choices come from :data:`partycases.formats.REGISTRY` when an option is parsed or
its help is shown, so ``partycases --help`` loads neither the registry nor attrs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from partycases.formats import Format

    _ParamType = click.ParamType[str]  # generic for type checkers in recent click
else:
    _ParamType = click.ParamType

__all__ = ["PARSED", "READABLE", "RENDERED", "WRITABLE", "FormatName"]


class FormatName(_ParamType):
    """The name of a registered format that ``offered`` accepts, in any case."""

    name = "format"

    def __init__(self, offered: Callable[[Format], bool]) -> None:
        self._offered = offered

    def choices(self) -> tuple[str, ...]:
        """The names offered, in registry order."""
        from partycases.formats import REGISTRY

        return tuple(fmt.name for fmt in REGISTRY if self._offered(fmt))

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        """``[json|yaml|...]``, as click shows a choice."""
        return f"[{'|'.join(self.choices())}]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        """The lower-case name, or a usage error listing the names offered."""
        name = str(value).lower()
        choices = self.choices()
        if name not in choices:
            offered = ", ".join(repr(choice) for choice in choices)
            self.fail(f"{value!r} is not one of {offered}", param, ctx)
        return name

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        """The names offered that start with what was typed."""
        from click.shell_completion import CompletionItem

        return [CompletionItem(c) for c in self.choices() if c.startswith(incomplete.lower())]


#: Formats a case is read from (``--from``).
READABLE = FormatName(lambda fmt: fmt.read)
#: Formats a case is written in (``convert --to``).
WRITABLE = FormatName(lambda fmt: fmt.write)
#: What ``render`` shows people: the formats written but not read back as they were.
RENDERED = FormatName(lambda fmt: fmt.write and not fmt.lossless)
#: What ``parse`` reads: the published documents, read but not kept as they were.
PARSED = FormatName(lambda fmt: fmt.read and not fmt.lossless)
