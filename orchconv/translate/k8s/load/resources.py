"""Container resources -> deploy.resources: limits stay limits, requests are reservations."""

from __future__ import annotations

from orchconv.translate.k8s.load.draft import Draft, new_map
from orchconv.translate.k8s.load.node import Node
from orchconv.translate.k8s.load.units import quantity, whole_bytes


def _side(resources: Node, key: str, name: str) -> dict[str, object] | None:
    side = resources.node(key)
    if side is None:
        return None
    spec = new_map(side.loc)
    cpu = side.scalar("cpu")
    if cpu is not None:
        amount = quantity(cpu)
        if amount is None or amount <= 0:
            side.lose("cpu", f"{cpu!r} is not a positive CPU quantity")
        else:
            spec.put("cpus", float(amount), side.key_loc("cpu"), side.value_loc("cpu"))
    memory = side.scalar("memory")
    if memory is not None:
        amount = quantity(memory)
        if amount is None or amount < 0:
            side.lose("memory", f"{memory!r} is not a memory quantity")
        else:
            size, exact = whole_bytes(amount)
            spec.put("memory", size, side.key_loc("memory"), side.value_loc("memory"))
            if not exact:
                side.lose("memory", f"compose counts whole bytes: {memory} becomes {size}")
    for other in side.data:
        if other not in ("cpu", "memory"):
            side.lose(other, f"the {other} resource has no compose counterpart (GPUs need "
                             "deploy.resources.reservations.devices by hand)")
    return spec if spec else None


def read_resources(container: Node, draft: Draft) -> None:
    resources = container.node("resources")
    if resources is None:
        return
    limits = _side(resources, "limits", "limits")
    requests = _side(resources, "requests", "reservations")
    if resources.has("claims"):
        resources.lose("claims", "dynamic resource claims have no compose counterpart")
    if limits is None and requests is None:
        return
    deploy = draft.deploy(resources.loc)
    section = new_map(resources.loc, limits=limits, reservations=requests)
    deploy.put("resources", section, container.key_loc("resources"), resources.loc)
