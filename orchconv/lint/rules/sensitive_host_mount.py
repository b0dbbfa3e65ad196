"""sensitive-host-mount: a host system folder or credential store mounted into a container."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._compose import COMPOSE_KINDS, mount_items, services
from orchconv.lint.rules._host_paths import SENSITIVE_PATHS, sensitive_mount, sensitive_roots


class SensitiveHostMount(Rule):
    """A host system folder or credential store mounted into a container.

    ## What it does
    Reports a bind mount whose host path is, or is inside, a sensitive
    location (option `paths`): the host root `/`, `/etc`, `/proc`, `/sys`,
    `/dev`, `/boot`, `/root`, `/home`, `/usr`, `/lib/modules`, `/run` and
    `/var/run`, the container engines' state (`/var/lib/docker`,
    `/var/lib/containerd`, `/var/lib/kubelet`), and credential folders in a
    home (`~/.ssh`, `~/.aws`, `~/.kube`, `~/.docker`, `~/.gnupg`,
    `~/.config/gcloud`).  Read-only `/etc/localtime` and `/etc/timezone` are
    not reported; engine sockets are `docker-socket-mount`'s finding.

    ## Why it matters
    These paths hold the host's configuration and password hashes, kernel
    interfaces, other containers' data, and keys to other systems.  A
    container that can read them can steal them; one that can write them
    can take over the host.  Read-only lowers the risk but still discloses.

    ## Example
    ```yaml
    services:
      backup:
        image: example/backup:1.0
        volumes:
          - /etc:/host-etc
          - ~/.ssh:/root/.ssh:ro
    ```

    ## Fix
    Mount only the file the service needs (`/etc/ssl/certs:/etc/ssl/certs:ro`),
    read-only; hand credentials over as secrets instead of mounting their
    folder.
    """

    id = "sensitive-host-mount"
    kinds = COMPOSE_KINDS
    level = Level.WARNING
    category = "security"
    options: ClassVar[Mapping[str, Any]] = {"paths": SENSITIVE_PATHS}

    def check(self, context: LintContext) -> Iterator[Finding]:
        roots = sensitive_roots(context, SENSITIVE_PATHS)
        # a cheap look first: `./data` cannot name `/etc` or `~/.ssh`
        starts = tuple({root[:1] for root in roots if root})

        def may_matter(written: str) -> bool:
            return written.startswith(starts)

        for ref in services(context):
            for mount in mount_items(ref.service, may_matter):
                if mount.type != "bind" or not mount.source:
                    continue
                how = sensitive_mount(mount.source, mount.read_only, roots)
                if how is not None:
                    yield self.finding(
                        context,
                        f"service {ref.name!r} mounts the sensitive host path {mount.source!r}"
                        f"{how}",
                        mount.source_loc)
