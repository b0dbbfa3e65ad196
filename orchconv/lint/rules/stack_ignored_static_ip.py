"""stack-ignored-static-ip: fixed container addresses and IPAM ranges a swarm does not take."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.finding import Finding, Fix, Level
from orchconv.lint.rules._compose import (
    ServiceRef,
    SwarmServiceRule,
    compose_documents,
    for_swarm,
    mapping_at,
)
from orchconv.source.yamltree import loc_of

SERVICE_ADDRESS_KEYS = ("ipv4_address", "ipv6_address")
# ipam.config keys other than `subnet`: the stack schema has only `subnet`
IPAM_POOL_KEYS = ("gateway", "ip_range", "aux_addresses")


class StackIgnoredStaticIp(SwarmServiceRule):
    """A fixed address or IPAM detail that a swarm stack cannot have.

    ## What it does
    In a stack file, or a Compose file linted with `--target swarm`, reports:

    - `ipv4_address` / `ipv6_address` on a service's network attachment;
    - in a Compose file, `gateway`, `ip_range` and `aux_addresses` in a
      network's `ipam.config` (a stack file that has them fails
      `stack-invalid`: the stack format allows only `subnet`).

    ## Why it matters
    docker/cli passes only aliases and driver options of a service's network
    attachment to the swarm: the fixed address is dropped without a word, and
    each task gets an address from the pool.  Anything that reaches the
    service by that address (a firewall rule, a hard-coded peer) stops
    working.  Swarm services are meant to be reached by name through the
    service's virtual IP.

    ## Example
    ```yaml
    version: "3.8"
    services:
      dns:
        image: example/dns:1.0
        networks:
          backend:
            ipv4_address: 10.0.9.53
    networks:
      backend:
        driver: overlay
    ```

    ## Fix
    Reach the service by its name (or an alias) instead.  `--fix` deletes the
    addresses and the IPAM keys.
    """

    id = "stack-ignored-static-ip"
    level = Level.WARNING
    category = "portability"
    fixable = True

    def check(self, context: LintContext) -> Iterator[Finding]:
        yield from super().check(context)
        if for_swarm(context) and context.kind is FileKind.COMPOSE:
            yield from self._ipam_findings(context)

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        networks = ref.service.get("networks")
        if not isinstance(networks, Mapping):
            return
        for network, attachment in networks.items():
            if not isinstance(attachment, Mapping):
                continue
            for key in SERVICE_ADDRESS_KEYS:
                if key not in attachment:
                    continue
                fix = Fix(f"remove `{key}`", ref.path("networks", network, key),
                          "remove-key", document=ref.document)
                yield self.finding(
                    context,
                    f"service {ref.name!r}: `{key}` on network {network!r} is ignored by"
                    " swarm; tasks get addresses from the network's pool",
                    loc_of(attachment, key, of_key=True), fix=fix)

    def _ipam_findings(self, context: LintContext) -> Iterator[Finding]:
        for index, document in compose_documents(context):
            networks = document.get("networks")
            if not isinstance(networks, Mapping):
                continue
            for name, network in networks.items():
                pools: Any = (mapping_at(network, "ipam") or {}).get("config")
                if not isinstance(pools, Sequence) or isinstance(pools, str):
                    continue
                for position, pool in enumerate(pools):
                    if not isinstance(pool, Mapping):
                        continue
                    for key in IPAM_POOL_KEYS:
                        if key not in pool:
                            continue
                        path = ("networks", name, "ipam", "config", position, key)
                        fix = Fix(f"remove ipam `{key}`", path, "remove-key", document=index)
                        yield self.finding(
                            context,
                            f"network {name!r}: ipam `{key}` is not allowed in a stack file,"
                            " which takes only `subnet`",
                            loc_of(pool, key, of_key=True), fix=fix)
