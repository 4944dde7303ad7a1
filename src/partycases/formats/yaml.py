"""YAML (extra ``[yaml]``): safe loading only, with line:column on every problem.

The loader is PyYAML's ``SafeLoader`` (no tag can construct a Python object)
with a cap on aliases and nesting, so a billion-laughs document is refused
instead of expanded.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import attrs

from partycases.errors import LoadError, MissingExtraError, Problem
from partycases.formats._locate import pointer_tokens
from partycases.formats._problems import boundary, utf8_text
from partycases.formats.json import to_data
from partycases.models import Case
from partycases.validate import MAX_INT_BITS, validate_data

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_EXPANSION", "MIN_EXPANSION_BUDGET", "dumps", "loads"]

#: More aliases than this in one document is refused.
MAX_ALIASES = 100
#: Deeper nesting than this is refused.
MAX_DEPTH = 64
#: Aliases may make the document's data at most this many times its size in characters...
MAX_EXPANSION = 8
#: ... or this many units, whichever is larger (a node counts one, a scalar one per character).
MIN_EXPANSION_BUDGET = 1 << 16


def _yaml() -> Any:
    try:
        import yaml
    except ImportError:
        raise MissingExtraError("yaml", "pyyaml") from None
    return yaml


# YAML 1.2's core schema, not PyYAML's 1.1 defaults: ``yes``/``no``/``on``/``off`` stay text,
# ``010`` is ten, ``1:20`` is text, and dates stay text for the models to read (so an
# impossible date such as ``2013-02-30`` is a located problem, not a crash in the reader).
_IMPLICIT = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
)


def _loader_class(yaml: Any) -> Any:
    error = yaml.constructor.ConstructorError

    # libyaml's parser when PyYAML was built with it (several times faster and leaner), under
    # PyYAML's own composer, so that the caps below apply whichever parser reads the events.
    parser = yaml.cyaml.CParser if getattr(yaml, "__with_libyaml__", False) else None
    bases = (
        (yaml.composer.Composer, parser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver)
        if parser is not None
        else (yaml.SafeLoader,)
    )

    class Loader(*bases):  # type: ignore[misc]
        yaml_implicit_resolvers: dict[str, list[tuple[str, Any]]] = {}  # noqa: RUF012

        def __init__(self, stream: str) -> None:
            if parser is None:
                super().__init__(stream)
            else:
                parser.__init__(self, stream)
                yaml.composer.Composer.__init__(self)
                yaml.constructor.SafeConstructor.__init__(self)
                yaml.resolver.Resolver.__init__(self)
            self.aliases = 0
            self.depth = 0
            self.budget = max(MIN_EXPANSION_BUDGET, MAX_EXPANSION * len(stream))
            # The size each node stands for once its aliases are expanded, by node identity.
            self.sizes: dict[int, int] = {}

        def compose_node(self, parent: Any, index: Any) -> Any:
            mark = self.peek_event().start_mark
            is_alias = self.check_event(yaml.AliasEvent)
            if is_alias:
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
                node = super().compose_node(parent, index)
            finally:
                self.depth -= 1
            if not is_alias:
                self._measure(node, mark)
            return node

        def _size(self, node: Any) -> int:
            if isinstance(node, yaml.ScalarNode):
                return 1 + len(node.value)
            return self.sizes[id(node)]

        def _measure(self, node: Any, mark: Any) -> None:
            # Children are measured before their parent (composition is depth-first), and an
            # alias is the node it names, already measured: one addition per child. Only
            # collections are remembered; a scalar's size is its length.
            if isinstance(node, yaml.ScalarNode):
                # Only the start is ever reported; sharing the tag saves memory per value.
                node.end_mark = None
                node.tag = sys.intern(node.tag)
                size = self._size(node)
            else:
                try:
                    if isinstance(node, yaml.SequenceNode):
                        size = 1 + sum(map(self._size, node.value))
                    else:
                        size = 1 + sum(self._size(k) + self._size(v) for k, v in node.value)
                except KeyError:  # an alias to a node not measured yet: the node holding it
                    raise yaml.composer.ComposerError(
                        None,
                        None,
                        "an alias inside the node it names (a structure holding itself); "
                        "expected data that ends",
                        mark,
                    ) from None
            if size > self.budget:
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    f"aliases expand the document past {self.budget} units "
                    f"({MAX_EXPANSION} times its size); write the data out instead",
                    mark,
                )
            if not isinstance(node, yaml.ScalarNode):
                self.sizes[id(node)] = size

        def compose_mapping_node(self, anchor: Any) -> Any:
            node = super().compose_mapping_node(anchor)
            seen: set[str] = set()
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    if key.value in seen:
                        raise yaml.composer.ComposerError(
                            None,
                            None,
                            f"duplicate key {key.value!r}; each key may appear once",
                            key.start_mark,
                        )
                    seen.add(key.value)
            return node

        def construct_yaml_int(self, node: Any) -> int:
            text = self.construct_scalar(node).replace("_", "")
            sign, digits = (-1, text[1:]) if text[:1] == "-" else (1, text.lstrip("+"))
            base = {"0x": 16, "0o": 8, "0b": 2}.get(digits[:2].lower(), 10)
            if base != 10:
                digits = digits[2:]
            if len(digits) * (4 if base == 16 else 3.33) > MAX_INT_BITS or not digits:
                raise error(
                    None,
                    None,
                    f"integer too large (more than {MAX_INT_BITS} bits)",
                    node.start_mark,
                )
            try:
                return sign * int(digits, base)
            except ValueError:
                raise error(None, None, f"not an integer: {text!r}", node.start_mark) from None

        def construct_yaml_timestamp(self, node: Any) -> str:
            # An explicit !!timestamp is read as text too; the models parse dates.
            value: str = self.construct_scalar(node)
            return value

    for tag, pattern, first in _IMPLICIT:
        Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))
    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    return Loader


def _node_at(root: Any, tokens: tuple[str, ...], yaml: Any, keys: dict[int, Any]) -> Any:
    """The node a pointer names: the key for a field, the item for a list index.

    ``keys`` caches each mapping's index of its keys, so that many problems under one
    mapping cost one pass over it, not one each.
    """
    node = root
    for position, token in enumerate(tokens):
        last = position == len(tokens) - 1
        if isinstance(node, yaml.MappingNode):
            index = keys.get(id(node))
            if index is None:
                index = keys[id(node)] = {}
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode):
                        index.setdefault(key.value, (key, value))
            pair = index.get(token)
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


@boundary("YAML")
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
        # "expected a single document in the stream" says what "but found another
        # document" is about: the context goes first when the reader gives one.
        said = ", ".join(part for part in (error.context, error.problem) if part)
        message = f"invalid YAML: {said or error}"
        raise LoadError([Problem(message, line=line, column=column)]) from None
    except (yaml.YAMLError, RecursionError) as error:
        raise LoadError([Problem(f"invalid YAML: {error}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(value, dict):
        got = "nothing" if value is None else type(value).__name__
        raise LoadError([Problem(f"expected a mapping, got {got}", line=1, column=1)])

    def locate(problems: list[Problem]) -> list[Problem]:
        located = []
        keys: dict[int, Any] = {}
        for problem in problems:
            if problem.line is not None:
                located.append(problem)
                continue
            mark = _node_at(root, pointer_tokens(problem.pointer), yaml, keys).start_mark
            located.append(attrs.evolve(problem, line=mark.line + 1, column=mark.column + 1))
        return located

    return validate_data(value, locate)


#: Characters YAML readers treat as line breaks or may not round-trip: such
#: strings are written double-quoted, with escapes.
_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _dumper(yaml: Any) -> Any:
    class Dumper(yaml.SafeDumper):  # type: ignore[misc]
        pass

    # YAML 1.1's resolvers and the loader's too: a string either would read as something
    # else (``yes``, a date, ``1e5``, ``0o17``) is written quoted, for every reader.
    for tag, pattern, first in _IMPLICIT:
        Dumper.add_implicit_resolver(tag, re.compile(pattern), list(first))

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
