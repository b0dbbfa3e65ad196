"""stack-ignored-host-ip: a port bound to one address, which a swarm publishes everywhere."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import (
    ServiceRef,
    SwarmServiceRule,
    is_all_interfaces,
    port_items,
)


class StackIgnoredHostIp(SwarmServiceRule):
    """A published port limited to one host address, in a file deployed to a swarm.

    ## What it does
    Reports a `ports` entry that names a host IP (`127.0.0.1:8080:80`, or
    `host_ip:` in the long syntax) in a stack file, or in a Compose file
    linted with `--target swarm`.  `0.0.0.0` and `::` are not reported: they
    mean every interface anyway.

    ## Why it matters
    Swarm services have no host IP: docker/cli logs "ignoring IP-address ...
    service will listen on '0.0.0.0'" and publishes the port on every
    interface of every node, through the routing mesh.  A port meant to be
    reachable only from the host itself (a database, an admin page) becomes
    reachable from the network.  (The stack format has no long-syntax
    `host_ip` at all: a stack file that uses it fails `stack-invalid`.)

    ## Example
    ```yaml
    version: "3.8"
    services:
      admin:
        image: example/admin:3.0
        ports:
          - "127.0.0.1:9000:9000"
    ```

    ## Fix
    Do not publish the port; reach the service over an overlay network from
    the services that need it, or publish it in `mode: host` on chosen nodes
    and firewall it there.
    """

    id = "stack-ignored-host-ip"
    level = Level.WARNING
    category = "security"

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        for port in port_items(ref.service):
            if is_all_interfaces(port.host_ip):
                continue
            if port.long_syntax and context.kind is FileKind.STACK:
                continue  # a schema error there: stack-invalid reports it
            yield self.finding(
                context,
                f"service {ref.name!r}: port {port.text!r} is bound to {port.host_ip}, but a"
                " swarm ignores the host IP and publishes it on every interface of every"
                " node",
                port.host_ip_loc)
