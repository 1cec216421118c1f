"""A round-trip YAML loader that hostile files cannot hang or crash: bounded nesting, a
small budget for alias expansion, no cyclic aliases, no integers too large to compute with,
and impossible dates left as text for the model to reject by field.

Every refusal is a ``MarkedYAMLError`` carrying the line, so the loader reports it as
``file:line: ...`` like any other syntax error.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, ComposerError, MaxDepthExceededError
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, SequenceNode

MAX_DEPTH = 50
"""Deepest nesting of mappings and lists in an inputs file (the model needs 5)."""

MAX_ALIAS_VALUES = 10_000
"""Values that aliases (``*name``) may add to a file in all, counting nested aliases whole:
enough to reuse an owner or a list, far too few for a "billion laughs" bomb."""

MAX_INT_DIGITS = 15
"""Longest integer literal: every count and size fits, and each one converts to a float."""


class BoundError(ComposerError):
    """A file beyond one of the bounds above (not a syntax error: a refusal)."""


class _BoundedComposer(Composer):
    """Counts what every alias expands to and refuses aliases to a node still open."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False  # legal YAML (the later one wins); no stderr noise
        self._sizes: dict[int, int] = {}
        self._alias_values = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            target = self.anchors.get(event.anchor)
            if target is not None:
                if isinstance(target, SequenceNode | MappingNode) and target.end_mark is None:
                    raise BoundError(None, None, f"alias *{event.anchor} refers to a value "
                                        "that contains it (a cycle)", event.start_mark)
                self._alias_values += self._size(target)
                if self._alias_values > MAX_ALIAS_VALUES:
                    raise BoundError(None, None, f"aliases expand to more than "
                                        f"{MAX_ALIAS_VALUES:,} values (alias *{event.anchor}); "
                                        "write the values out instead", event.start_mark)
        try:
            return super().compose_node(parent, index)
        except MaxDepthExceededError as exc:
            raise BoundError(None, None, f"nested more than {MAX_DEPTH} levels deep",
                             exc.problem_mark) from None

    def _size(self, node: Any) -> int:
        """Values ``node`` stands for with every alias inside expanded (memoised, so linear)."""
        key = id(node)
        if key in self._sizes:
            return self._sizes[key]
        size = 1
        if isinstance(node, SequenceNode):
            size += sum(self._size(child) for child in node.value)
        elif isinstance(node, MappingNode):
            size += sum(self._size(k) + self._size(v) for k, v in node.value)
        self._sizes[key] = size
        return size


def _digits(text: str) -> int:
    body = text.replace("_", "").lstrip("+-")
    if body[:2].lower() in ("0x", "0o", "0b"):
        body = body[2:]
    return len(body)


class _BoundedConstructor(RoundTripConstructor):
    """Refuses integers too large to compute with; keeps an impossible date as its text."""

    def construct_yaml_int(self, node: Any) -> Any:
        if isinstance(node.value, str) and _digits(node.value) > MAX_INT_DIGITS:
            shown = node.value if len(node.value) <= 24 else f"{node.value[:12]}…"
            raise BoundError(None, None, f"integer {shown} ({_digits(node.value):,} "
                                   f"digits) is too large; at most {MAX_INT_DIGITS} digits",
                                   node.start_mark)
        return super().construct_yaml_int(node)

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError):
            return str(node.value)  # the model says which field holds an impossible date


_BoundedConstructor.add_constructor("tag:yaml.org,2002:int", _BoundedConstructor.construct_yaml_int)
_BoundedConstructor.add_constructor("tag:yaml.org,2002:timestamp",
                                    _BoundedConstructor.construct_yaml_timestamp)


def loader() -> YAML:
    """A round-trip YAML instance with the bounds above (duplicate keys refused)."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_DEPTH
    yaml.Composer = _BoundedComposer
    yaml.Constructor = _BoundedConstructor
    return yaml
