"""odd-manager-count: a consensus group (swarm managers, etcd members) of the wrong size."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule

if TYPE_CHECKING:
    from orchconv.ir.topology import Cluster, ClusterNode

MAX_MEMBERS = 7  # Docker's recommended maximum of swarm managers
SHOWN_NAMES = 7


def quorum(members: int) -> int:
    """Votes a raft group of `members` needs to decide anything: a majority."""
    return members // 2 + 1


def tolerance(members: int) -> int:
    """Members a raft group can lose and still reach its quorum."""
    return (members - 1) // 2 if members > 0 else 0


def consensus_members(cluster: Cluster) -> tuple[tuple[ClusterNode, ...], str]:
    """The nodes that vote, and what to call them.

    Swarm: the managers.  Kubernetes: the nodes with the `etcd` role when any
    node has it (an external or explicitly listed etcd), else the control-plane
    nodes, each running a stacked etcd member (kubeadm's and kind's default).
    """
    from orchconv.ir.topology import NodeRole, Platform

    if cluster.platform is Platform.SWARM:
        return tuple(n for n in cluster.nodes if NodeRole.MANAGER in n.roles), "manager"
    etcd = tuple(n for n in cluster.nodes if NodeRole.ETCD in n.roles)
    if etcd:
        return etcd, "etcd member"
    control = tuple(n for n in cluster.nodes if NodeRole.CONTROL_PLANE in n.roles)
    return control, "control-plane node"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _names(members: tuple[ClusterNode, ...]) -> str:
    shown = ", ".join(n.name for n in members[:SHOWN_NAMES])
    return f" ({shown}{', ...' if len(members) > SHOWN_NAMES else ''})"


class OddManagerCount(Rule):
    """A cluster whose managers or etcd members are not an odd number up to seven.

    ## What it does
    Counts the members of the cluster's consensus group: a swarm's managers,
    or a Kubernetes cluster's etcd members (the nodes with the `etcd` role
    when any has it, else the control-plane nodes, which run stacked etcd).
    An even count is an error; a single member, or more than seven (option
    `max_members`), is a warning; none at all is an error.  The cluster comes
    from an inventory or kind cluster config being linted (see
    docs/inventory.md), or from a running cluster with `--docker` or
    `--kubeconfig`/`--context`; a live cluster is checked with every file
    linted.

    ## Why it matters
    Swarm managers (raft) and etcd agree on every change by majority: `N`
    members need a quorum of `N/2+1` (integer division) and tolerate
    `(N-1)/2` failures.  Docker's swarm administration guide ("Administer
    and maintain a swarm of Docker Engines") tells you to maintain an odd
    number of managers, because the next even number does not make quorum
    easier to keep (3 and 4 managers both survive only one failure, and 4
    split 2-2 by a network partition leaves neither side a majority).  One
    manager survives nothing: while it is down the swarm cannot be changed,
    and if it is lost the swarm must be rebuilt.  Its "How nodes work" page
    recommends at most seven managers: each extra one makes every write
    wait for more acknowledgements without scaling anything.  etcd's raft
    follows the same arithmetic.

    | members | quorum | tolerates |
    | --- | --- | --- |
    | 1 | 1 | 0 |
    | 2 | 2 | 0 |
    | 3 | 2 | 1 |
    | 4 | 3 | 1 |
    | 5 | 3 | 2 |
    | 7 | 4 | 3 |
    | 9 | 5 | 4 |

    ## Example
    ```yaml
    platform: swarm
    name: prod
    nodes:
      - {name: manager-1, roles: [manager]}
      - {name: manager-2, roles: [manager]}
      - {name: worker-1, roles: [worker]}
    ```

    ## Fix
    Run 3 or 5 managers (etcd members), spread over failure zones: promote
    or demote one (`docker node promote` / `docker node demote`), or add a
    control-plane node.  A single-manager swarm is fine for development;
    say so with `# orchconv: disable-file odd-manager-count`.
    """

    id = "odd-manager-count"
    kinds = frozenset(FileKind)
    level = Level.ERROR
    category = "topology"
    options: ClassVar[Mapping[str, Any]] = {"max_members": MAX_MEMBERS}

    def check(self, context: LintContext) -> Iterator[Finding]:
        cluster = context.cluster
        if cluster is None:
            return
        members, noun = consensus_members(cluster)
        count = len(members)
        limit = int(context.options.get("max_members", MAX_MEMBERS))
        where = members[0].loc if members else cluster.loc
        what = f"{cluster.platform.value} cluster {cluster.name!r}"
        arithmetic = (f"a quorum of {quorum(count)} tolerates"
                      f" {_plural(tolerance(count), 'failure')}")
        if count == 0:
            yield self.finding(
                context, f"{what} has no {noun}: nothing can manage it", where)
        elif count % 2 == 0:
            smaller = count - 1
            yield self.finding(
                context,
                f"{what} has {_plural(count, noun)}{_names(members)}: {arithmetic}, as"
                f" {smaller} would; use an odd number", where)
        elif count == 1:
            yield self.finding(
                context,
                f"{what} has {_plural(count, noun)}{_names(members)}: {arithmetic}; use 3 or 5"
                " for fault tolerance", where, level=Level.WARNING)
        elif count > limit:
            yield self.finding(
                context,
                f"{what} has {_plural(count, noun)}: {arithmetic}, but every change waits for"
                f" {quorum(count)} of them; at most {limit} are recommended", where,
                level=Level.WARNING)
