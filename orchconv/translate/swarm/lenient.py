"""Accept what `docker stack config` accepts, though Compose refuses it.

docker/cli never checks `depends_on` (a swarm service has no start order) and
ignores `network_mode` and `container_name`, so a stack file may name a
dependency that is not in the file, form a dependency cycle, set
`network_mode` beside `networks`, or repeat a container name.  The Compose
loader, and every Compose tool reading a conversion's output, refuses each of
these.  They are left out here, before the merged document is normalised, each
with a loss: nothing the stack applied goes with them.

`network_mode` and `container_name` reach this point only under
`--keep-ignored-keys` (ignored.py takes them out otherwise).  Mounts of one
file that share a path are reported before the files are merged
(shared_targets), since merging keeps only the last.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from orchconv.ir.loss import INFO, Loss
from orchconv.location import Loc
from orchconv.source.yamltree import loc_of
from orchconv.translate.compose.syntax.volumes import parse_volume
from orchconv.translate.swarm.ignored import ANY_TARGET

_NO_ORDER = "docker stack deploy ignores depends_on"


def _remove(container: Any, key: str | int) -> None:
    """Delete one entry; the located tree keeps its positions in step."""
    del container[key]


def _dependencies(service: Mapping[str, Any]) -> list[tuple[str, str | int]]:
    """(service named, its key in depends_on) for a list or a mapping."""
    depends = service.get("depends_on")
    if isinstance(depends, list):
        return [(str(name), index) for index, name in enumerate(depends)]
    if isinstance(depends, Mapping):
        return [(str(name), name) for name in depends]
    return []


@dataclass
class Leniency:
    """Applied to the merged stack document (after ignored.py): takes out, with a
    loss each, what docker accepts and Compose refuses."""

    losses: list[Loss] = field(default_factory=list)

    def __call__(self, document: Any) -> None:
        services = document.get("services") if isinstance(document, Mapping) else None
        if not isinstance(services, dict):
            return
        mappings = {name: s for name, s in services.items() if isinstance(s, dict)}
        for name in sorted(mappings):
            self._dangling(name, mappings[name], mappings)
            self._network_mode(name, mappings[name], mappings)
        self._cycles(mappings)
        self._container_names(mappings)

    def _lose(self, loc: Loc | None, path: str, reason: str) -> None:
        # info: docker stack deploy ignores each of these keys, so nothing changes
        self.losses.append(Loss(loc or Loc("<stack>"), path, ANY_TARGET, reason, INFO))

    def _drop_dependency(self, name: str, service: dict[str, Any], key: str | int,
                         reason: str) -> None:
        depends = service["depends_on"]
        self._lose(loc_of(depends, key, of_key=True) if isinstance(key, str)
                   else loc_of(depends, key),
                   f"services.{name}.depends_on.{depends[key] if isinstance(key, int) else key}",
                   reason)
        _remove(depends, key)
        if not depends:
            del service["depends_on"]

    def _dangling(self, name: str, service: dict[str, Any],
                  services: Mapping[str, Any]) -> None:
        # from the last, so the indexes of a list stay valid while removing
        for target, key in reversed(_dependencies(service)):
            if target not in services:
                self._drop_dependency(name, service, key, f"{_NO_ORDER}, and service"
                                      f" {target!r} is not in the stack")

    def _network_mode(self, name: str, service: dict[str, Any],
                      services: Mapping[str, Any]) -> None:
        mode = service.get("network_mode")
        if not isinstance(mode, str):
            return
        reason = ""
        if service.get("networks"):
            reason = "docker stack deploy joins the service to its `networks` and ignores" \
                     " network_mode; Compose refuses both together"
        elif mode.startswith("service:") and mode[8:] not in services:
            reason = f"service {mode[8:]!r} is not in the stack"
        if reason:
            self._lose(loc_of(service, "network_mode", of_key=True),
                       f"services.{name}.network_mode", reason)
            del service["network_mode"]

    def _cycles(self, services: Mapping[str, dict[str, Any]]) -> None:
        """Depth-first in name order, as the Compose loader searches; the dependency
        that closes a cycle goes."""
        done: set[str] = set()

        def search(path: list[str]) -> None:
            name = path[-1]
            service = services[name]
            # from the last, so the indexes of a list stay valid while removing
            for target, key in reversed(_dependencies(service)):
                if target in path:
                    cycle = " -> ".join([*path[path.index(target):], target])
                    self._drop_dependency(name, service, key,
                                          f"{_NO_ORDER}; it closes the cycle {cycle}")
            for target, _ in sorted(_dependencies(service)):
                if target in services and target not in done:
                    search([*path, target])
            done.add(name)

        for name in sorted(services):
            if name not in done:
                search([name])

    def _container_names(self, services: Mapping[str, dict[str, Any]]) -> None:
        owners: dict[str, str] = {}
        for name in sorted(services):
            container = services[name].get("container_name")
            if container is None:
                continue
            if container in owners:
                self._lose(loc_of(services[name], "container_name", of_key=True),
                           f"services.{name}.container_name",
                           f"docker stack deploy ignores container_name, and {container!r}"
                           f" is already the one of service {owners[container]!r}")
                del services[name]["container_name"]
            else:
                owners[str(container)] = name


def _mount_target(item: Any) -> str | None:
    if isinstance(item, str):
        target = parse_volume(item, None).get("target")
    elif isinstance(item, Mapping):
        target = item.get("target")
    else:
        return None
    return target if isinstance(target, str) else None


def shared_targets(document: Any) -> list[Loss]:
    """Mounts of one file that share a container path.  The Compose loader keeps the
    last of them; docker/cli keeps them all, and Docker then refuses the task's
    container ("duplicate mount point").  Each mount left behind is a loss.  (Across files a later
    mount at the same path replaces an earlier one by design: that is merging.)"""
    losses: list[Loss] = []
    services = document.get("services") if isinstance(document, Mapping) else None
    if not isinstance(services, Mapping):
        return losses
    for name, service in services.items():
        volumes = service.get("volumes") if isinstance(service, Mapping) else None
        if not isinstance(volumes, list):
            continue
        last = {_mount_target(item): index for index, item in enumerate(volumes)}
        for index, item in enumerate(volumes):
            target = _mount_target(item)
            if target is not None and last[target] != index:
                losses.append(Loss(
                    loc_of(volumes, index) or Loc("<stack>"), f"services.{name}.volumes[{index}]",
                    ANY_TARGET, f"volumes[{last[target]}] mounts at {target} too: the last mount "
                    "at a path is kept (docker stack deploy keeps both, and Docker refuses a "
                    "container with a duplicate mount point)"))
    return losses
