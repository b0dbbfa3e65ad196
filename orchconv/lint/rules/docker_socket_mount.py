"""docker-socket-mount: the container engine's API socket mounted into a container."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import (
    ServiceRef,
    ServiceRule,
    engine_socket,
    may_be_engine_socket,
    mount_items,
)


class DockerSocketMount(ServiceRule):
    """The Docker (or another engine's) API socket mounted into a container.

    ## What it does
    Reports a service volume that mounts a container engine's control
    socket from the host: `/var/run/docker.sock` (or any `docker.sock`),
    `containerd.sock`, `podman.sock`, `crio.sock`, and the Windows pipe
    `//./pipe/docker_engine`.

    ## Why it matters
    Whoever talks to the socket commands the engine, and the engine runs as
    root: one `docker run -v /:/host --privileged` through it and the host is
    theirs.  Mounting it read-only (`:ro`) changes nothing, since it only
    protects the socket file, not the API behind it.  A compromised
    container holding the socket is a compromised host (and, on a swarm
    manager, a compromised cluster).

    ## Example
    ```yaml
    services:
      proxy:
        image: traefik:3.2
        volumes:
          - /var/run/docker.sock:/var/run/docker.sock:ro
    ```

    ## Fix
    Put a filtering proxy in front of the socket that allows only the calls
    the service needs (read-only container listing, for a reverse proxy),
    and give the service that proxy's address instead.  When the mount is a
    deliberate trade-off, say so with
    `# orchconv: disable-line docker-socket-mount -- why`.
    """

    id = "docker-socket-mount"
    level = Level.WARNING
    category = "security"

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        for mount in mount_items(ref.service, may_be_engine_socket):
            engine = engine_socket(mount)
            if engine is None:
                continue
            yield self.finding(
                context,
                f"service {ref.name!r} mounts the {engine} API socket {mount.source!r}: it"
                " can control the engine and take over the host (read-only does not help)",
                mount.source_loc)
