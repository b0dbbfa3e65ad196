"""no-duplicate-published-ports: two port entries that publish the same host port."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._compose import (
    COMPOSE_KINDS,
    PortItem,
    for_swarm,
    is_all_interfaces,
    port_items,
    services,
)
from orchconv.location import Loc


class Publisher(NamedTuple):  # not a dataclass, whose methods compile at every start
    """A port entry that publishes a host port, and where."""

    service: str
    text: str
    host_ip: str  # "" for every interface
    loc: Loc | None


def _clashes(first: str, second: str) -> bool:
    """Whether two host addresses overlap: equal, or one of them is every interface."""
    return first == second or not first or not second


class NoDuplicatePublishedPorts(Rule):
    """Two `ports` entries publish the same host port.

    ## What it does
    Collects the host ports every service publishes (a range such as
    `8000-8005:8000-8005` publishes each port in it) and reports each entry
    whose port, protocol and host address overlap one published before it,
    in the same service or another.  A port bound to every interface
    overlaps the same port on any one address.  For swarm the host address
    does not count: the routing mesh publishes every port on every node.
    Entries that let the engine pick the host port (`"80"`, or a host range
    for one container port) cannot clash and are skipped.

    ## Why it matters
    Only one container can hold a host port: `docker compose up` starts the
    first service and fails the second with "port is already allocated";
    `docker stack deploy` refuses the second service outright.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports: ["8080:80"]
      admin:
        image: example/admin:3.0
        ports: ["8080:9000"]
    ```

    ## Fix
    Publish one of them on another host port, or put a reverse proxy in
    front of both.
    """

    id = "no-duplicate-published-ports"
    kinds = COMPOSE_KINDS
    level = Level.ERROR
    category = "correctness"

    def check(self, context: LintContext) -> Iterator[Finding]:
        swarm = for_swarm(context)
        by_document: dict[int, dict[tuple[int, str], list[Publisher]]] = {}
        for ref in services(context):
            seen = by_document.setdefault(ref.document, {})
            for port in port_items(ref.service):
                host_ip = "" if swarm or is_all_interfaces(port.host_ip) else port.host_ip
                earlier = self._first_clash(port, host_ip, seen)
                if earlier is not None:
                    yield self._report(context, ref.name, port, earlier)
                self._remember(port, Publisher(ref.name, port.text, host_ip, port.loc), seen)

    @staticmethod
    def _first_clash(port: PortItem, host_ip: str,
                     seen: dict[tuple[int, str], list[Publisher]]) -> Publisher | None:
        for first, last in port.published:
            for number in range(first, last + 1):
                for publisher in seen.get((number, port.protocol), ()):
                    if _clashes(publisher.host_ip, host_ip):
                        return publisher
        return None

    @staticmethod
    def _remember(port: PortItem, publisher: Publisher,
                  seen: dict[tuple[int, str], list[Publisher]]) -> None:
        for first, last in port.published:
            for number in range(first, last + 1):
                seen.setdefault((number, port.protocol), []).append(publisher)

    def _report(self, context: LintContext, service: str, port: PortItem,
                earlier: Publisher) -> Finding:
        where = f" (line {earlier.loc.line})" if earlier.loc and earlier.loc.line > 0 else ""
        owner = ("this service" if earlier.service == service
                 else f"service {earlier.service!r}")
        return self.finding(
            context,
            f"service {service!r}: port {port.text!r} publishes a host port already published"
            f" by {owner} as {earlier.text!r}{where}",
            port.loc)
