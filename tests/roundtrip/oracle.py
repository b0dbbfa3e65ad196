"""The round-trip harness: does what runs match what was deployed, except the losses?

Both projects are first brought to the target's canonical form (see
`canonical`).  What still differs must be explained by a reported loss: one
at the difference's IR path or above it, or below it for a difference inside
a service or resource.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from orchconv.ir.loss import Loss
from orchconv.ir.project import Project
from orchconv.translate.k8s.vocabulary import SERVICE_TYPE_LABEL
from tests.roundtrip.canonical import canonical


@dataclass(frozen=True)
class Difference:
    """One value that differs between what was deployed and what runs."""

    path: str
    expected: Any
    actual: Any

    def __str__(self) -> str:
        return f"{self.path}: expected {self.expected!r}, got {self.actual!r}"


def _diff(expected: Any, actual: Any, path: str, out: list[Difference]) -> None:
    if isinstance(expected, dict) and actual is None:
        actual = {}  # compare key by key, so each missing key meets its own loss
    if isinstance(actual, dict) and expected is None:
        expected = {}
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual), key=str):
            where = f"{path}.{key}" if path else str(key)
            _diff(expected.get(key), actual.get(key), where, out)
        return
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for index, (left, right) in enumerate(zip(expected, actual, strict=True)):
            _diff(left, right, f"{path}[{index}]", out)
        return
    if _empty(expected) and _empty(actual):
        return
    if expected != actual:
        out.append(Difference(path, expected, actual))


def _empty(value: Any) -> bool:
    return value is None or value in ({}, [])


# Lists whose order means nothing to an engine, and what identifies an entry.
_UNORDERED: dict[str, tuple[str, ...]] = {
    "ports": ("target", "protocol"), "volumes": ("target",), "secrets": ("source",),
    "configs": ("source",),
}


def _aligned(expected: list[Any], actual: list[Any], key: tuple[str, ...]) -> list[Any]:
    """`actual` reordered to follow `expected` entry by entry, so that list indexes (and
    the losses that name them) mean the same entry on both sides."""
    def identity(entry: Any) -> tuple[str, ...]:
        return tuple(str(entry.get(k)) for k in key) if isinstance(entry, dict) else (
            str(entry),)

    left = list(actual)
    ordered = []
    for entry in expected:
        match = next((i for i, other in enumerate(left) if identity(other) == identity(entry)),
                     None)
        if match is not None:
            ordered.append(left.pop(match))
    return ordered + left


def _align_services(expected: dict[str, Any], actual: dict[str, Any]) -> None:
    for name, service in (actual.get("services") or {}).items():
        source = (expected.get("services") or {}).get(name) or {}
        for field, key in _UNORDERED.items():
            if isinstance(service.get(field), list) and isinstance(source.get(field), list):
                service[field] = _aligned(source[field], service[field], key)


def differences(expected: Project, actual: Project, target: str) -> list[Difference]:
    found: list[Difference] = []
    left, right = canonical(expected, target), canonical(actual, target)
    _align_services(left, right)
    _diff(left, right, "", found)
    return found


def _tokens(path: str) -> list[str]:
    return re.findall(r"[^.\[\]]+", path)


# A lost key explains differences in keys whose meaning depends on it.
_CONSEQUENCES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("deploy", "mode"): ("deploy", "replicas"),
    # kompose's service-type label: the Service type it set reads back as ours
    tuple(_tokens("labels.kompose.service.type")): tuple(
        _tokens(f"labels.{SERVICE_TYPE_LABEL}")),
}

# Keys the canonical form moves (see canonical.common and each target's rules): a loss at
# the key the user wrote explains a difference where the canonical form put its value.
_LIMITS = ("deploy", "resources", "limits")
_MOVED: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {
    ("cpus",): ((*_LIMITS, "cpus"),),
    ("mem_limit",): ((*_LIMITS, "memory"),),
    ("pids_limit",): ((*_LIMITS, "pids"),),
    ("mem_reservation",): (("deploy", "resources", "reservations", "memory"),),
    ("cpu_quota",): (("cpus",), (*_LIMITS, "cpus")),
    ("cpu_period",): (("cpus",), (*_LIMITS, "cpus")),
    ("deploy", "restart_policy", "condition"): (("restart",),),
    ("deploy", "restart_policy", "max_attempts"): (("restart",),),
}


# A lost key explains its siblings that only mean something with it: how a port is
# published, when its published side is lost.
_SIBLINGS: dict[str, tuple[str, ...]] = {"published": ("mode",)}


def _sibling_of(mine: list[str], theirs: list[str]) -> bool:
    return (len(mine) == len(theirs) > 1 and mine[:-1] == theirs[:-1]
            and mine[-1] in _SIBLINGS.get(theirs[-1], ()))


def _moved_here(mine: list[str], theirs: list[str]) -> bool:
    """Whether the loss `theirs` is at a key the canonical form moved to `mine`."""
    if theirs[:2] != mine[:2]:
        return False
    return any(tuple(mine[2:2 + len(moved)]) == moved
               for moved in _MOVED.get(tuple(theirs[2:]), ()))


def is_explained(difference: Difference, losses: Iterable[Loss]) -> bool:
    """A loss at the same path or above it accounts for a difference; so does one below it,
    unless the difference is a whole service or top-level resource (a missing service is
    not explained by one of its keys being lost); and so does one at a key whose value the
    canonical form moved to the difference's path (_MOVED) or that it depends on
    (_CONSEQUENCES, _SIBLINGS)."""
    mine = _tokens(difference.path)
    for loss in losses:
        theirs = _tokens(loss.path)
        follows = _CONSEQUENCES.get(tuple(theirs[2:]))
        if follows and theirs[:2] == mine[:2] and tuple(mine[2:]) == follows:
            return True
        if _moved_here(mine, theirs) or _sibling_of(mine, theirs):
            return True
        if theirs and mine[:len(theirs)] == theirs:
            return True
        if len(mine) > 2 and theirs[:len(mine)] == mine:
            return True
    return False


def unexplained(expected: Project, actual: Project, target: str,
                losses: Iterable[Loss]) -> list[Difference]:
    """Differences between deployed and read-back projects that no loss accounts for."""
    kept = list(losses)
    return [d for d in differences(expected, actual, target) if not is_explained(d, kept)]
