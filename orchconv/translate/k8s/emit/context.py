"""State shared while emitting: options, the result, names, and each service's ledger.

A service's ledger (orchconv/translate/ledger.py) is what makes "nothing silently
dropped" hold by construction: every mapping function marks the keys it carried
over (`done`) or could not (`lose`), and `finish` reports every other key the user set.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from orchconv.ir.deploy import Deploy
from orchconv.ir.loss import INFO, WARNING
from orchconv.ir.project import Project
from orchconv.ir.service import Service
from orchconv.location import NOWHERE, Loc
from orchconv.translate.k8s.emit.names import TARGET, NameRegistry
from orchconv.translate.k8s.emit.options import K8sEmitOptions
from orchconv.translate.k8s.emit.unmapped import DEPLOY_KEYS, SERVICE_KEYS, kept_reason, reason_for
from orchconv.translate.ledger import NOT_KEYS, KeyLedger, Losses, written_keys
from orchconv.translate.result import Conversion

_LEAVES = frozenset({str, int, float, bool, type(None)})  # hold no extras: not walked


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _walked_fields(kind: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(kind) if f.name not in NOT_KEYS)
        _FIELD_NAMES[kind] = names
    return names


class EmitContext:
    def __init__(self, project: Project, options: K8sEmitOptions) -> None:
        self.project = project
        self.options = options
        self.result = Conversion()
        self.names = NameRegistry(self.result)
        self.objects: dict[tuple[str, str], dict[str, Any]] = {}
        self.losses = Losses(TARGET, self.result.losses)

    def add_object(self, obj: dict[str, Any]) -> None:
        """Keep an object for the output; the first of a kind and name wins."""
        key = (obj["kind"], obj["metadata"]["name"])
        self.objects.setdefault(key, obj)

    def lose(self, loc: Loc, path: str, reason: str, *, level: str = WARNING) -> None:
        self.losses.lose(loc, path, reason, level)

    def warn(self, message: str) -> None:
        if message not in self.result.warnings:
            self.result.warnings.append(message)

    def metadata(self, name: str, labels: dict[str, str],
                 annotations: dict[str, str] | None = None) -> dict[str, Any]:
        meta: dict[str, Any] = {"name": name}
        if self.options.namespace:
            meta["namespace"] = self.options.namespace
        meta["labels"] = labels
        if annotations:
            meta["annotations"] = annotations
        return meta


def known(*locs: Loc) -> Loc | None:
    """The first position that points somewhere: nested values may have none of their own."""
    return next((loc for loc in locs if loc != NOWHERE), None)


def is_extension(key: str) -> bool:
    """x-* keys are for the author (anchors, tooling); compose itself ignores them."""
    return key.startswith("x-")


class ServiceContext(KeyLedger):
    """One service being emitted: where its keys are, and which were accounted for."""

    __slots__ = ("emit", "service")

    def __init__(self, emit: EmitContext, service: Service) -> None:
        super().__init__(f"services.{service.name}")
        self.emit = emit
        self.service = service

    @property
    def options(self) -> K8sEmitOptions:
        return self.emit.options

    @property
    def losses(self) -> Losses:
        return self.emit.losses

    def key_loc(self, key: str) -> Loc:
        return self.loc(key)

    def loc(self, key: str) -> Loc:
        """Where `key` (or "deploy.<key>") was written, as precisely as known."""
        head = key.split(".", 1)[0]
        deploy = self.service.deploy
        if head == "deploy" and key != "deploy" and deploy is not None and deploy.loc != NOWHERE:
            return deploy.loc  # deploy's own keys keep no positions
        found = self.service.locs.get(head)
        if found is not None:
            return found
        value_loc = getattr(getattr(self.service, head, None), "loc", None)
        return value_loc if isinstance(value_loc, Loc) else self.service.loc

    def finish(self) -> None:
        """Report every key the user set that no mapping function accounted for,
        and every untyped key (extras) at any depth of the service.  A loss is INFO
        only where the behaviour is provably the same without the key."""
        for key in self.open_keys(k for k in written_keys(self.service) if k != "deploy"):
            kept = kept_reason(key, self.service)
            if kept is not None:
                self.lose(key, kept, level=INFO)
            else:
                self.lose(key, reason_for(key, SERVICE_KEYS))
        for key in self.open_keys(k for k in self.service.extras if not is_extension(k)):
            self.lose(key, reason_for(key, SERVICE_KEYS), loc=self.service.extras[key].loc)
        if self.service.deploy is not None:
            self._finish_deploy(self.service.deploy)
        for name in _walked_fields(type(self.service)):
            value = getattr(self.service, name)
            if value and type(value) not in _LEAVES:
                self._nested_extras(name, value, "")

    def _finish_deploy(self, deploy: Deploy) -> None:
        for key in self.open_keys(f"deploy.{name}" for name in written_keys(deploy)):
            self.lose(key, reason_for(key.removeprefix("deploy."), DEPLOY_KEYS))

    def _nested_extras(self, key: str, value: Any, sub: str) -> None:
        """Walk a field's value and report the extras of every dataclass inside it."""
        if type(value) in _LEAVES:
            return
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for name, extra in getattr(value, "extras", {}).items():
                if not is_extension(name):
                    table = DEPLOY_KEYS if key == "deploy" else {}
                    self.lose(key, reason_for(name, table), sub=f"{sub}.{name}".lstrip("."),
                              loc=extra.loc)
            for name in _walked_fields(type(value)):
                child = getattr(value, name)
                if child and type(child) not in _LEAVES:
                    self._nested_extras(key, child, f"{sub}.{name}")
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                self._nested_extras(key, item, f"{sub}[{index}]")
        elif isinstance(value, Mapping):
            for name, item in value.items():
                self._nested_extras(key, item, f"{sub}.{name}")
