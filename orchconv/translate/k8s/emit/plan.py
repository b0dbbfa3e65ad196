"""Project-wide facts the per-service mapping needs: pods shared through
`network_mode: service:X`, and which pods use each named volume.

A service with `network_mode: service:X` shares X's network namespace; in
Kubernetes that is a second container in X's pod.  Chains are followed to the
service that owns the pod.
"""

from __future__ import annotations

from orchconv.ir.project import Project
from orchconv.translate.k8s.emit.directives import pod_group

SERVICE_PREFIX = "service:"


def joined_service(network_mode: str | None) -> str | None:
    if network_mode and network_mode.startswith(SERVICE_PREFIX):
        return network_mode[len(SERVICE_PREFIX):]
    return None


class ProjectPlan:
    """Which services share a pod and which pods share a volume."""

    __slots__ = ("cycles", "grouped", "members", "root_of", "volume_users")

    def __init__(self) -> None:
        self.root_of: dict[str, str] = {}  # service -> owner of its pod
        self.members: dict[str, list[str]] = {}  # owner -> [owner, joined...]
        self.volume_users: dict[str, set[str]] = {}  # volume -> pod owners
        self.cycles: set[str] = set()  # services whose service:X chain loops
        self.grouped: set[str] = set()  # joined by the group label: own Service

    def is_root(self, service: str) -> bool:
        return self.root_of[service] == service


def _root(project: Project, name: str) -> tuple[str, bool]:
    """The service owning `name`'s pod, and False if the chain loops or breaks."""
    seen = [name]
    current = name
    while True:
        target = joined_service(project.services[current].network_mode)
        if target is None:
            return current, True
        if target not in project.services:
            return current, True  # the consistency check reports unknown services
        if target in seen:
            return name, False
        seen.append(target)
        current = target


def _group_roots(project: Project, plan: ProjectPlan) -> None:
    """The group label (kompose.service.group) puts pods together: the first service of a
    group (by name) owns the pod, the others, and what joined them, are its containers."""
    owners: dict[str, str] = {}
    for name in sorted(project.services):
        group = pod_group(project.services[name].labels)
        if group is None or plan.root_of[name] != name:
            continue  # a container of another pod already: network_mode service:X wins
        owner = owners.setdefault(group, name)
        if owner != name:
            plan.grouped.add(name)
            for member, root in plan.root_of.items():
                if root == name:
                    plan.root_of[member] = owner


def plan_project(project: Project) -> ProjectPlan:
    plan = ProjectPlan()
    for name in sorted(project.services):
        root, ok = _root(project, name)
        if not ok:
            plan.cycles.add(name)
        plan.root_of[name] = root
    _group_roots(project, plan)
    for name in sorted(project.services):
        root = plan.root_of[name]
        group = plan.members.setdefault(root, [root])
        if name != root:
            group.append(name)
    for name in sorted(project.services):
        for mount in project.services[name].volumes:
            if mount.type == "volume" and mount.source:
                plan.volume_users.setdefault(mount.source, set()).add(plan.root_of[name])
    return plan
