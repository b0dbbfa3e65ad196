"""The style rules' one way to report things out of order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from orchconv.lint.context import LintContext


class _Ordered(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


Item = TypeVar("Item")
Rank = TypeVar("Rank", bound=_Ordered)


def configured_order(context: LintContext, default: Sequence[str]) -> tuple[dict[str, int], int]:
    """The rule's `order` option as {key: position}, and the count of its entries (a
    position after every listed key)."""
    order = [str(key) for key in context.options.get("order", default)]
    return {key: position for position, key in enumerate(order)}, len(order)


def out_of_order(ranked: Iterable[tuple[Item, Rank | None]]) -> Iterator[tuple[Item, Item]]:
    """(item, the item it should come before) for each item ranked below the last one in
    order.  Items ranked None take no part; each item is compared with the last one in
    order, so one misplaced item is reported once, not with everything after it."""
    previous: tuple[Item, Rank] | None = None
    for item, rank in ranked:
        if rank is None:
            continue
        if previous is not None and rank < previous[1]:
            yield item, previous[0]
            continue
        previous = item, rank
