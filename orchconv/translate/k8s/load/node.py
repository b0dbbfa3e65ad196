"""Reading manifests key by key, so that no key is dropped without a loss entry.

A `Node` wraps one mapping of a manifest and is its key ledger
(orchconv/translate/ledger.py): every read marks the key as handled; at the end
`Ledger.finish` reports every key that no mapping function read as a loss at
the position of that key.  Type errors are located InputErrors.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.errors import InputError
from orchconv.ir.loss import WARNING, Loss
from orchconv.location import Loc
from orchconv.translate.ledger import KeyLedger, Losses

TARGET = "compose"
NO_COUNTERPART = "no compose counterpart"


def _kind_name(value: Any) -> str:
    for kind, name in ((bool, "a boolean"), (int, "an integer"), (float, "a number"),
                       (str, "a string"), (dict, "a mapping"), (list, "a list")):
        if isinstance(value, kind):
            return name
    return "null" if value is None else type(value).__name__


class Ledger:
    """The losses and warnings of one load, and every node still to be checked."""

    def __init__(self) -> None:
        self.sink = Losses(TARGET)
        self.warnings: list[str] = []
        self._nodes: list[Node] = []

    @property
    def losses(self) -> list[Loss]:
        return self.sink.entries

    def lose(self, loc: Loc, path: str, reason: str, level: str = WARNING) -> None:
        self.sink.lose(loc, path, reason, level)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def track(self, node: Node) -> None:
        self._nodes.append(node)

    def finish(self) -> None:
        """Report the keys no one read, once per node."""
        for node in self._nodes:
            node.report_unused()
        self._nodes.clear()


class Node(KeyLedger):
    """One mapping of a manifest, its path (`Deployment/web.spec...`) and position."""

    __slots__ = ("data", "ledger", "loc")

    def __init__(self, data: Mapping[str, Any], path: str, loc: Loc, ledger: Ledger) -> None:
        super().__init__(path)
        self.data = data
        self.loc = loc
        self.ledger = ledger
        ledger.track(self)

    @property
    def losses(self) -> Losses:
        return self.ledger.sink

    # -- positions -------------------------------------------------------------------

    def key_loc(self, key: str) -> Loc:
        table = getattr(self.data, "key_locs", None)
        found = table.get(key) if table else None
        return found if isinstance(found, Loc) else self.loc

    def value_loc(self, key: str) -> Loc:
        table = getattr(self.data, "val_locs", None)
        found = table.get(key) if table else None
        return found if isinstance(found, Loc) else self.loc

    def sub(self, key: str) -> str:
        return f"{self.path}.{key}"

    # -- reading ---------------------------------------------------------------------

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def raw(self, key: str) -> Any:
        """The value as written (marking the whole subtree as read)."""
        self.handled.add(key)
        return self.data.get(key)

    def skip(self, *keys: str) -> None:
        """Mark keys as accounted for: derived, server-written or consumed elsewhere."""
        self.done(*keys)

    def _typed(self, key: str, kinds: tuple[type, ...], label: str) -> Any:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, bool) and bool not in kinds:
            raise self.type_error(key, label, value)
        if not isinstance(value, kinds):
            raise self.type_error(key, label, value)
        return value

    def type_error(self, key: str, label: str, value: Any) -> InputError:
        return InputError(f"{self.sub(key)} must be {label}, not {_kind_name(value)}",
                          self.value_loc(key))

    def text(self, key: str) -> str | None:
        value: str | None = self._typed(key, (str,), "a string")
        return value

    def integer(self, key: str) -> int | None:
        value: int | None = self._typed(key, (int,), "an integer")
        return value

    def boolean(self, key: str) -> bool | None:
        value: bool | None = self._typed(key, (bool,), "a boolean")
        return value

    def scalar(self, key: str) -> str | int | float | None:
        """A string or a number (IntOrString, Quantity)."""
        value: str | int | float | None = self._typed(key, (str, int, float),
                                                      "a string or a number")
        return value

    def node(self, key: str) -> Node | None:
        value = self._typed(key, (dict,), "a mapping")
        if value is None:
            return None
        return Node(value, self.sub(key), self.value_loc(key), self.ledger)

    def nodes(self, key: str) -> list[Node]:
        """A list of mappings."""
        items = self._typed(key, (list,), "a list")
        if items is None:
            return []
        result = []
        for index, item in enumerate(items):
            where = _item_loc(items, index, self.value_loc(key))
            if not isinstance(item, dict):
                raise InputError(f"{self.sub(key)}[{index}] must be a mapping, not "
                                 f"{_kind_name(item)}", where)
            result.append(Node(item, f"{self.sub(key)}[{index}]", where, self.ledger))
        return result

    def strings(self, key: str) -> list[str]:
        items = self._typed(key, (list,), "a list")
        if items is None:
            return []
        for index, item in enumerate(items):
            if not isinstance(item, str):
                raise InputError(f"{self.sub(key)}[{index}] must be a string, not "
                                 f"{_kind_name(item)}", _item_loc(items, index, self.loc))
        return list(items)

    def string_map(self, key: str) -> dict[str, str]:
        mapping = self._typed(key, (dict,), "a mapping")
        if mapping is None:
            return {}
        result: dict[str, str] = {}
        for name, raw_value in mapping.items():
            value = "" if raw_value is None else raw_value
            if not isinstance(value, str):
                where = getattr(mapping, "val_locs", {}).get(name, self.value_loc(key))
                raise InputError(f"{self.sub(key)}.{name} must be a string, not "
                                 f"{_kind_name(value)}", where)
            result[str(name)] = value
        return result

    def default(self, key: str, *defaults: Any) -> bool:
        """Mark `key` read when it holds one of its defaults (or is absent)."""
        value = self.data.get(key)
        if value is None or value in defaults:
            self.handled.add(key)
            return True
        return False

    # -- losses ----------------------------------------------------------------------

    def lose_self(self, reason: str) -> None:
        """The whole mapping has no counterpart."""
        self.done(*(str(k) for k in self.data))
        self.ledger.lose(self.loc, self.path, reason)

    def report_unused(self) -> None:
        for key in self.open_keys(k for k, value in self.data.items() if value is not None):
            self.lose(key, REASONS.get(key, NO_COUNTERPART))


def _item_loc(items: list[Any], index: int, fallback: Loc) -> Loc:
    table = getattr(items, "item_locs", None)
    found = table[index] if table is not None and index < len(table) else None
    return found if isinstance(found, Loc) else fallback


# Why common keys have no compose counterpart; other keys get NO_COUNTERPART.
REASONS: dict[str, str] = {
    "activeDeadlineSeconds": "compose does not stop a container after a deadline",
    "automountServiceAccountToken": "compose containers have no service account token",
    "enableServiceLinks": "compose does not inject *_SERVICE_HOST variables",
    "ephemeralContainers": "debug containers are added at run time, not declared",
    "minReadySeconds": "compose has no minimum ready time",
    "nodeName": "compose runs on one host",
    "overhead": "pod overhead is a RuntimeClass matter",
    "podManagementPolicy": "compose starts replicas its own way",
    "preemptionPolicy": "compose has no scheduler preemption",
    "priority": "compose has no scheduling priority",
    "priorityClassName": "compose has no scheduling priority",
    "progressDeadlineSeconds": "compose has no rollout deadline",
    "readinessGates": "compose has no readiness gates",
    "revisionHistoryLimit": "compose keeps no rollout history",
    "runtimeClassName": "choose the container runtime with `runtime` by hand",
    "schedulerName": "compose has no scheduler",
    "schedulingGates": "compose has no scheduler",
    "startupProbe": "compose has one healthcheck; the startup probe is not kept",
    "volumeDevices": "raw block devices have no compose counterpart",
    "resizePolicy": "compose restarts a container to change its resources",
    "sessionAffinity": "compose's DNS round robin has no client affinity",
    "ttlSecondsAfterFinished": "compose keeps finished containers until `down`",
}
