"""A cluster's shape: which nodes exist and what role each plays."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from orchconv.location import NOWHERE, Loc


class Platform(StrEnum):
    SWARM = "swarm"
    KUBERNETES = "kubernetes"


class NodeRole(StrEnum):
    MANAGER = "manager"  # swarm manager: a raft member
    WORKER = "worker"
    CONTROL_PLANE = "control-plane"  # kubernetes control plane node
    ETCD = "etcd"  # a dedicated etcd member


@dataclass(frozen=True, slots=True)
class ClusterNode:
    """One node and the roles it plays (manager, worker, control plane, etcd)."""

    name: str
    roles: tuple[NodeRole, ...]
    address: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)

    @property
    def votes_in_quorum(self) -> bool:
        """Whether the node is a member of the consensus group (raft or etcd)."""
        voters = (NodeRole.MANAGER, NodeRole.CONTROL_PLANE, NodeRole.ETCD)
        return any(role in voters for role in self.roles)


@dataclass(frozen=True, slots=True)
class Cluster:
    """A named cluster of one platform and its nodes."""

    name: str
    platform: Platform
    nodes: tuple[ClusterNode, ...] = ()
    loc: Loc = field(default=NOWHERE, compare=False)

    @property
    def quorum_members(self) -> tuple[ClusterNode, ...]:
        return tuple(n for n in self.nodes if n.votes_in_quorum)
