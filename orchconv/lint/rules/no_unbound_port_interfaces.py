"""no-unbound-port-interfaces: a published port open on every interface of the host."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import (
    EngineServiceRule,
    ServiceRef,
    is_all_interfaces,
    port_items,
)


class NoUnboundPortInterfaces(EngineServiceRule):
    """A published port with no host address, so it listens on every interface.

    ## What it does
    Reports each `ports` entry of a Compose file that publishes a port
    without a host IP (`"8080:80"`, `"3000"`, a long-syntax entry without
    `host_ip`) or with the any-address (`0.0.0.0`, `::`).  Not checked for
    swarm, where a service cannot be bound to an address at all (see
    `stack-ignored-host-ip`).

    ## Why it matters
    Docker publishes ports with its own firewall rules, ahead of the host's
    firewall (ufw, firewalld): a port published on every interface is
    reachable from every network the host is on, whatever the host firewall
    says.  A development database or an admin page ends up on the internet.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:16
        ports:
          - "5432:5432"
    ```

    ## Fix
    Name the interface: `"127.0.0.1:5432:5432"` for the host only, or the
    address of the private network that needs it.  Publish on every
    interface only what must be public, deliberately, and say so with
    `# orchconv: disable-line no-unbound-port-interfaces -- public`.
    """

    id = "no-unbound-port-interfaces"
    level = Level.WARNING
    category = "security"

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        for port in port_items(ref.service):
            if not is_all_interfaces(port.host_ip):
                continue
            where = ("the any-address " + port.host_ip if port.host_ip
                     else "no host IP")
            yield self.finding(
                context,
                f"service {ref.name!r}: port {port.text!r} has {where}, so it is published"
                " on every interface of the host",
                port.loc)
