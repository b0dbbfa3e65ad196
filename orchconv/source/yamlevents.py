"""libyaml's events for a YAML stream, with aliases replayed and weighed.

An alias repeats a subtree: the stream refuses aliases that would make the
document far larger than the file writes (an alias bomb) before replaying them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from orchconv.errors import InputError
from orchconv.location import Loc

MAX_DEPTH = 256
# What the aliases make the document (nodes, and characters of scalar text) may be
# this many times what the file writes, past a floor that any hand-written file stays
# under; beyond that it is an alias bomb.
EXPANSION_RATIO = 10
EXPANSION_FLOOR_NODES = 200_000
EXPANSION_FLOOR_CHARS = 4 * 1024 * 1024
# Whatever the file's size: the nodes of the largest input we accept (see source/limits.py).
EXPANSION_MAX_NODES = 20_000_000

_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")  # what libyaml counts as one
new_loc = tuple.__new__  # Loc(...) without the named tuple's Python-level __new__


class _Anchor:
    """An anchored node: its events, and what one alias to it adds to the document."""

    __slots__ = ("chars", "complete", "depth", "events", "mark", "nodes")

    def __init__(self, mark: Any, depth: int, events: list[Any], nodes: int, chars: int) -> None:
        self.mark = mark
        self.depth = depth
        self.events = events
        self.nodes = nodes
        self.chars = chars
        self.complete = True  # False while the alias sits inside the node it names


class Events:
    """libyaml's events, with anchored nodes replayed for their aliases.

    The builder reads events rather than a composed node tree: the node tree
    of a large file took more memory than the values built from it.  Every
    anchored node's events are kept (aliases inside it stay aliases) with the
    size they expand to, so an alias is weighed before it is replayed.
    """

    def __init__(self, parser: Any, text: str, file: str) -> None:
        self.file = file
        self.parser = parser  # libyaml's, over `text`
        self.replays: list[Iterator[Any]] = []
        self.anchors: dict[str, _Anchor] = {}
        self.open: list[_Anchor] = []  # anchored collections whose events are still coming
        self.depth = 0
        # What building the stream makes: nodes and characters of scalar text.
        self.nodes = 0
        self.chars = 0
        self.written_nodes = 0
        self.char_budget = max(EXPANSION_FLOOR_CHARS, EXPANSION_RATIO * len(text))
        self.enforce = True
        # One int object per line, shared by the positions on it: a large file's
        # positions would otherwise each hold their own.
        breaks = sum(text.count(mark) for mark in _LINE_BREAKS)  # at least libyaml's lines
        self.lines = list(range(1, breaks + 2))

    def dispose(self) -> None:
        self.parser.dispose()

    def next(self) -> Any:
        replays = self.replays
        while replays:
            event = next(replays[-1], None)
            if event is not None:
                return event  # weighed when its alias was
            replays.pop()
        event = self.parser.get_event()
        self._account(event)
        return event

    def resolve(self, event: Any) -> Any:
        """The event itself, or for an alias the first event of the node it names."""
        if event.__class__ is not AliasEvent:
            return event
        self.replays.append(iter(self.anchors[event.anchor or ""].events))  # known: accounted
        return self.next()

    def drain(self) -> None:
        """Read the rest of the stream so that its syntax errors come first, as before."""
        self.enforce = False
        self.replays.clear()
        while self.next().__class__ is not StreamEndEvent:
            pass

    def _account(self, event: Any) -> None:
        cls = event.__class__
        if cls is ScalarEvent:
            nodes, chars = 1, len(event.value)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            nodes, chars = 1, 0
        elif cls is AliasEvent:
            nodes, chars = self._alias(event)
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            self.depth -= 1
            for anchor in self.open:
                anchor.events.append(event)
            while self.open and self.open[-1].depth == self.depth:
                self.open.pop().complete = True
            return
        else:
            if cls is DocumentEndEvent:
                self.anchors.clear()  # anchors name nodes of their own document only
            return
        self.nodes += nodes
        self.chars += chars
        if cls is not AliasEvent:
            self.written_nodes += 1
        for anchor in self.open:
            anchor.events.append(event)
            anchor.nodes += nodes
            anchor.chars += chars
        name = event.anchor if cls is not AliasEvent else None
        if name is not None:
            self._define(name, event, nodes, chars)
        if cls is MappingStartEvent or cls is SequenceStartEvent:
            self.depth += 1

    def _define(self, name: str, event: Any, nodes: int, chars: int) -> None:
        known = self.anchors.get(name)
        if known is not None:
            raise ComposerError("found duplicate anchor; first occurrence", known.mark,
                                "second occurrence", event.start_mark)
        anchor = _Anchor(event.start_mark, self.depth, [event], nodes, chars)
        self.anchors[name] = anchor
        if event.__class__ is not ScalarEvent:
            self.open.append(anchor)
            anchor.complete = False

    def _alias(self, event: Any) -> tuple[int, int]:
        anchor = self.anchors.get(event.anchor)
        if anchor is None:
            raise ComposerError(None, None, "found undefined alias", event.start_mark)
        if not self.enforce:
            return 0, 0
        if not anchor.complete:  # the alias sits inside the node it names: endless
            raise InputError(f"nesting deeper than {MAX_DEPTH} levels", self.loc(anchor.mark))
        nodes = self.nodes + anchor.nodes
        chars = self.chars + anchor.chars
        node_budget = min(EXPANSION_MAX_NODES,
                          max(EXPANSION_FLOOR_NODES, EXPANSION_RATIO * self.written_nodes))
        if nodes > node_budget:
            self._refuse(event, f"{node_budget} nodes ({EXPANSION_RATIO} times the nodes the"
                                f" file writes, at least {EXPANSION_FLOOR_NODES})")
        if chars > self.char_budget:
            self._refuse(event, f"{self.char_budget} characters of text ({EXPANSION_RATIO} times"
                                f" the file's size, at least {EXPANSION_FLOOR_CHARS})")
        return anchor.nodes, anchor.chars

    def _refuse(self, alias: Any, budget: str) -> None:
        raise InputError(f"aliases expand the document past {budget}: refusing a possible"
                         " alias bomb", self.loc(alias.start_mark))

    def loc(self, mark: Any) -> Loc:
        return new_loc(Loc, (self.file, self.lines[mark.line], mark.column + 1))
