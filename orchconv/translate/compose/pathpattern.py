"""Path patterns over a compose document (`services.*.ports`), as compose-go's tree.Path.

`*` matches any one key.  Tables of patterns become a tree walked one key at a
time, so a lookup costs one dict access per key and a subtree no pattern
reaches is never entered.
"""

from __future__ import annotations

from typing import Generic, TypeVar

Path = tuple[str, ...]
_T = TypeVar("_T")


def pattern(text: str) -> Path:
    return tuple(text.split("."))


def matches(path: Path, wanted: Path) -> bool:
    return len(path) == len(wanted) and all(
        want in ("*", got) for got, want in zip(path, wanted, strict=True)
    )


class PatternTree(Generic[_T]):
    """Patterns as a tree; where several patterns match, the first listed wins."""

    __slots__ = ("_literal", "_other", "value")

    def __init__(self, table: list[tuple[Path, _T]]) -> None:
        self.value: _T | None = next((value for wanted, value in table if not wanted), None)
        deeper = [(wanted, value) for wanted, value in table if wanted]
        self._literal = {
            key: PatternTree([(p[1:], v) for p, v in deeper if p[0] in ("*", key)])
            for key in {wanted[0] for wanted, _ in deeper} - {"*"}
        }
        others = [(p[1:], v) for p, v in deeper if p[0] == "*"]
        self._other = PatternTree(others) if others else None

    def child(self, key: str) -> PatternTree[_T] | None:
        found = self._literal.get(key)
        return self._other if found is None else found

    def at(self, path: Path) -> PatternTree[_T] | None:
        node: PatternTree[_T] | None = self
        for key in path:
            if node is None:
                return None
            node = node.child(key)
        return node

    def lookup(self, path: Path) -> _T | None:
        node = self.at(path)
        return None if node is None else node.value
