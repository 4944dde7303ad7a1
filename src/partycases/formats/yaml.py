"""YAML (extra ``[yaml]``): safe loading only, with line:column on every problem.

The loader is PyYAML's ``SafeLoader`` (no tag can construct a Python object)
with a cap on aliases and nesting, so a billion-laughs document is refused
instead of expanded.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from partycases.errors import LoadError, MissingExtraError, Problem
from partycases.formats._problems import utf8_text
from partycases.formats.json import to_data
from partycases.migrate import migrate, needs_migration
from partycases.models import Case
from partycases.models._problems import problems_from

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "dumps", "loads"]

#: More aliases than this in one document is refused (billion-laughs guard).
MAX_ALIASES = 100
#: Deeper nesting than this is refused.
MAX_DEPTH = 64


def _yaml() -> Any:
    try:
        import yaml
    except ImportError:
        raise MissingExtraError("yaml", "pyyaml") from None
    return yaml


def _loader_class(yaml: Any) -> Any:
    class Loader(yaml.SafeLoader):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.aliases = 0
            self.depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            mark = self.peek_event().start_mark
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    raise yaml.composer.ComposerError(
                        None, None, f"more than {MAX_ALIASES} aliases", mark
                    )
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nesting deeper than {MAX_DEPTH}", mark
                )
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return Loader


def _node_at(root: Any, pointer: str, yaml: Any) -> Any:
    """The node a pointer names: the key for a field, the item for a list index."""
    node = root
    tokens = pointer.split("/")[1:]
    for position, token in enumerate(tokens):
        last = position == len(tokens) - 1
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == token), None)
            if pair is None:
                return node
            node = pair[0] if last else pair[1]
        elif (
            isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value)
        ):
            node = node.value[int(token)]
        else:
            return node
    return node


def loads(data: bytes | str) -> Case:
    """Validate a YAML document as a case; problems carry line:column."""
    yaml = _yaml()
    text = utf8_text(data, "YAML")
    loader = None
    try:
        # The reader checks every character as it is built: NUL and other
        # unprintable characters fail here, as a YAML error.
        loader = _loader_class(yaml)(text)
        root = loader.get_single_node()
        value = None if root is None else loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        message = f"invalid YAML: {error.problem or error}"
        raise LoadError([Problem(message, line=line, column=column)]) from None
    except (yaml.YAMLError, RecursionError) as error:
        raise LoadError([Problem(f"invalid YAML: {error}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(value, dict):
        got = "nothing" if value is None else type(value).__name__
        raise LoadError([Problem(f"expected a mapping, got {got}", line=1, column=1)])
    try:
        return Case.model_validate(migrate(value) if needs_migration(value) else value)
    except ValidationError as error:
        located = []
        for problem in problems_from(error):
            node = _node_at(root, problem.pointer, yaml)
            mark = node.start_mark
            located.append(
                Problem(problem.message, problem.pointer, mark.line + 1, mark.column + 1)
            )
        raise LoadError(located) from None


#: Characters YAML readers treat as line breaks or may not round-trip: such
#: strings are written double-quoted, with escapes.
_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _dumper(yaml: Any) -> Any:
    class Dumper(yaml.SafeDumper):  # type: ignore[misc]
        pass

    def text(dumper: Any, data: str) -> Any:
        style = '"' if _ESCAPE.search(data) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, text)
    return Dumper


def dumps(case: Case) -> bytes:
    """Canonical YAML: the JSON data model in block style, keys in model order, UTF-8."""
    yaml = _yaml()
    text: str = yaml.dump(
        to_data(case),
        Dumper=_dumper(yaml),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=4096,
    )
    return text.encode("utf-8")
