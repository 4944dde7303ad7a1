"""A Griffe extension: Sphinx roles in docstrings shown as code on the API page.

The docstrings say :class:`~partycases.Case` and :func:`iter_cases`, as Sphinx
reads them; MkDocs would print those roles raw. Each becomes a code span of the
name a reader should see: the last part after ``~``, the whole target otherwise.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?[a-z]+:`(~?)([^`<]*?)(?:\s*<([^`>]*)>)?`")


def _code(match: re.Match[str]) -> str:
    tilde, target, explicit = match.group(1), match.group(2).strip(), match.group(3)
    if explicit:  # :class:`the case <partycases.Case>` shows its own words
        return target
    return f"`{target.rsplit('.', 1)[-1] if tilde else target}`"


def convert(text: str) -> str:
    """Return ``text`` with every Sphinx role turned into a Markdown code span."""
    return _ROLE.sub(_code, text)


class SphinxRoles(griffe.Extension):
    """Rewrite each object's docstring once it is loaded."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Convert the roles in ``obj``'s docstring."""
        if obj.docstring is not None:
            obj.docstring.value = convert(obj.docstring.value)
