"""What every deploy backend offers, and the pieces they share.

A backend deploys under a *name* (compose project, swarm stack, or the owner
label value in a Kubernetes namespace).  Everything it creates carries the
label `io.orchconv.owner=<name>`, and teardown removes only what carries it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from orchconv.deploy.progress import Progress, SilentProgress, UnitStatus
from orchconv.errors import ConversionError, InputError
from orchconv.ir.loss import Loss
from orchconv.ir.project import Project
from orchconv.project_name import normalise_project_name

OWNER_LABEL = "io.orchconv.owner"
DEFAULT_TIMEOUT = 300.0
POLL_INTERVAL = 0.5

def owner_label(name: str) -> str:
    """`io.orchconv.owner=<name>`: the label as written in a list and as a selector/filter."""
    return f"{OWNER_LABEL}={name}"


def owned_by(labels: Mapping[str, Any] | None, name: str) -> bool:
    """Whether an object with these labels was deployed by orchconv under `name`."""
    return (labels or {}).get(OWNER_LABEL) == name


# A compose project name (compose-go's rule) is also a valid stack name and label value.
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")


class DeployError(ConversionError):
    """The engine or cluster refused, or a wait failed or timed out (exit 1)."""


@dataclass
class ReadBack:
    """Live state as files (a compose/stack document, or manifests) and as the IR."""

    documents: list[dict[str, Any]]
    project: Project | None
    losses: list[Loss] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Backend(Protocol):
    target: str  # compose | swarm | k8s
    name: str

    def apply(self, documents: Sequence[Mapping[str, Any]]) -> None:
        """Create or update everything the documents describe, labelled as ours."""

    def wait(self, timeout: float = DEFAULT_TIMEOUT, progress: Progress | None = None) -> None:
        """Block until everything applied is running/ready/complete, or raise DeployError."""

    def read_back(self) -> ReadBack:
        """What is running under this name, in the target's file format and in the IR."""

    def teardown(self, wait: bool = True, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Remove everything labelled with this name, and nothing else."""


def checked_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise InputError(
            f"invalid deployment name {name!r}: use lowercase letters, digits, '-' and '_',"
            " starting with a letter or digit, at most 63 characters")
    return name


def name_from(raw: str, fallback: str) -> str:
    """A deployment name made from a folder or service name the way compose makes a project
    name from a folder, or `fallback` when nothing is left."""
    return checked_name(normalise_project_name(raw) or fallback)


# What a backend says about units that are not ready: their last states and events,
# one line each, added to the error as notes (printed under its one line).
Describe = Callable[[list[UnitStatus]], list[str]]


def wait_until_ready(poll: Callable[[], list[UnitStatus]], timeout: float,
                     progress: Progress | None = None,
                     interval: float = POLL_INTERVAL,
                     describe: Describe | None = None) -> list[UnitStatus]:
    """Poll until every unit is ready; DeployError when one fails or time runs out.

    A unit's `ready` and `failure` must only ever be decided by states that last
    (a task that completed, an exit code, a restart count), so that when the
    poll happens never changes the outcome."""
    shown = progress or SilentProgress()
    deadline = time.monotonic() + timeout
    try:
        while True:
            statuses = poll()
            shown.show(statuses)
            failed = [s for s in statuses if s.failure]
            if failed:
                raise _explained(DeployError(
                    "; ".join(f"{s.name}: {s.failure}" for s in failed)), failed, describe)
            if all(s.ready for s in statuses):
                return statuses
            if time.monotonic() >= deadline:
                waiting = [s for s in statuses if not s.ready]
                pending = ", ".join(f"{s.name} ({s.state})" for s in waiting)
                raise _explained(DeployError(
                    f"timed out after {timeout:g}s waiting for: {pending}"), waiting, describe)
            time.sleep(interval)
    finally:
        shown.close()


def _explained(error: DeployError, units: list[UnitStatus],
               describe: Describe | None) -> DeployError:
    if describe is not None:
        try:
            lines = describe(units)
        except DeployError as failed:  # the engine went away: the error itself still stands
            lines = [f"(no details: {failed})"]
        for line in lines:
            error.add_note(line)
    return error


def wait_until_gone(remaining: Callable[[], list[str]], timeout: float,
                    interval: float = POLL_INTERVAL) -> None:
    """Poll until nothing remains; DeployError naming what is left after the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        left = remaining()
        if not left:
            return
        if time.monotonic() >= deadline:
            raise DeployError(f"still present after {timeout:g}s: {', '.join(left[:10])}")
        time.sleep(interval)
