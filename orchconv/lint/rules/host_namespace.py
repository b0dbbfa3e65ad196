"""host-namespace: a service sharing the host's process, IPC, UTS or user namespace."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import (
    EngineServiceRule,
    ServiceRef,
)

HOST = "host"
# key -> what sharing it gives the container
NAMESPACES = {
    "pid": "sees and can signal every process on the host",
    "ipc": "reaches the host's shared memory and IPC objects",
    "uts": "shares the host's hostname",
    "userns_mode": "leaves the engine's user-namespace remapping, so root in it is root on the"
                   " host",
}


class HostNamespace(EngineServiceRule):
    """A service that shares one of the host's namespaces.

    ## What it does
    Reports `pid: host`, `ipc: host`, `uts: host` and `userns_mode: host` on
    a service.  Not checked for swarm: a stack ignores `pid`, `ipc` and
    `userns_mode`, and has no `uts`.

    ## Why it matters
    Namespaces are what keep a container's view of the system its own.  With
    the host's PID namespace a process can see every host process's command
    line (passwords included) and signal it; with the host's IPC namespace
    it can read other programs' shared memory; with `userns_mode: host` a
    daemon that remaps users no longer does so for it.

    ## Example
    ```yaml
    services:
      debug:
        image: example/debug:1.0
        pid: host
    ```

    ## Fix
    Remove the key.  To look into one other container, share only its
    namespace (`pid: "service:app"`).
    """

    id = "host-namespace"
    level = Level.WARNING
    category = "security"

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        for key, effect in NAMESPACES.items():
            if ref.service.get(key) == HOST:
                yield self.finding(
                    context,
                    f"service {ref.name!r}: `{key}: host` shares the host's namespace; the"
                    f" container {effect}",
                    ref.key_loc(key))
