"""host-network: a service that shares the host's network stack."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._compose import COMPOSE_KINDS, ServiceRef, for_swarm, services
from orchconv.source.yamltree import loc_of

HOST = "host"


def host_network_keys(document: Mapping[str, Any]) -> frozenset[str]:
    """The top-level network keys that stand for the engine's `host` network."""
    networks = document.get("networks")
    if not isinstance(networks, Mapping):
        return frozenset()
    found = set()
    for key, network in networks.items():
        name = network.get("name") if isinstance(network, Mapping) else None
        if name == HOST or (key == HOST and name is None):
            found.add(key)
    return frozenset(found)


class HostNetwork(Rule):
    """A service on the host's network stack.

    ## What it does
    Reports `network_mode: host` in a Compose file and, for swarm (where
    `network_mode` is ignored), a service attached to the engine's `host`
    network (a top-level network named `host`, usually `external: true`).

    ## Why it matters
    The container shares the host's interfaces: every port it opens is open
    on the host, it can reach services bound to the host's loopback
    (`127.0.0.1`) and sniff or spoof the host's traffic with `NET_RAW`.
    Network isolation, and with it the point of publishing only chosen
    ports, is gone.

    ## Example
    ```yaml
    services:
      exporter:
        image: example/exporter:1.0
        network_mode: host
    ```

    ## Fix
    Use a bridge (or overlay) network and publish only the ports that must be
    reachable; when host networking is truly needed (some monitoring agents),
    keep the image minimal and say why with
    `# orchconv: disable-line host-network -- why`.
    """

    id = "host-network"
    kinds = COMPOSE_KINDS
    level = Level.WARNING
    category = "security"

    def check(self, context: LintContext) -> Iterator[Finding]:
        swarm = for_swarm(context)
        host_keys: dict[int, frozenset[str]] = {}
        for ref in services(context):
            if not swarm:
                if ref.service.get("network_mode") == HOST:
                    yield self._finding(context, ref, ref.key_loc("network_mode"))
                continue
            if ref.document not in host_keys:
                data = context.documents[ref.document].data
                host_keys[ref.document] = host_network_keys(data)
            networks = ref.service.get("networks")
            if not isinstance(networks, list | Mapping):
                continue
            for position, key in enumerate(networks):
                if isinstance(key, str) and key in host_keys[ref.document]:
                    where = (loc_of(networks, key, of_key=True) if isinstance(networks, Mapping)
                             else loc_of(networks, position))
                    yield self._finding(context, ref, where)

    def _finding(self, context: LintContext, ref: ServiceRef, where: Any) -> Finding:
        return self.finding(
            context,
            f"service {ref.name!r} uses the host's network stack: no network isolation, every"
            " port it opens is open on the host",
            where)
