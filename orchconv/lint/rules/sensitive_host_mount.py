"""sensitive-host-mount: a host system folder or credential store mounted into a container."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._compose import (
    COMPOSE_KINDS,
    MountItem,
    engine_socket,
    mount_items,
    services,
)

SENSITIVE_PATHS = [
    "/", "/boot", "/dev", "/etc", "/home", "/lib/modules", "/proc", "/root", "/run", "/sys",
    "/usr", "/var/lib/containerd", "/var/lib/docker", "/var/lib/kubelet", "/var/run",
    "~/.aws", "~/.config/gcloud", "~/.docker", "~/.gnupg", "~/.kube", "~/.ssh",
]
# Read-only, these only tell the container the host's time zone.
HARMLESS_READ_ONLY = frozenset({"/etc/localtime", "/etc/timezone"})


def normal_host_path(source: str) -> str:
    """`/etc/`, `//etc` and `/etc/./x/..` all as `/etc`; `~/...` kept as written."""
    if source.startswith("/"):
        return "/" + posixpath.normpath(source).lstrip("/")
    if source.startswith("~/"):
        return "~/" + posixpath.normpath(source[2:]).lstrip("/")
    return source


def sensitive_root(path: str, roots: list[str]) -> str | None:
    """The listed folder that `path` is, or is inside of; `/` only matches itself."""
    for root in roots:
        if path == root or (root != "/" and path.startswith(root.rstrip("/") + "/")):
            return root
    return None


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
        roots = sorted((str(p) for p in context.options.get("paths", SENSITIVE_PATHS)),
                       key=len, reverse=True)  # the most specific folder names the finding
        # a cheap look first: `./data` cannot name `/etc` or `~/.ssh`
        starts = tuple({root[:1] for root in roots if root})

        def may_matter(written: str) -> bool:
            return written.startswith(starts)

        for ref in services(context):
            for mount in mount_items(ref.service, may_matter):
                root = self._sensitive(mount, roots)
                if root is None:
                    continue
                access = "read-only" if mount.read_only else "read-write"
                inside = "" if root == normal_host_path(mount.source) else f" (inside {root})"
                yield self.finding(
                    context,
                    f"service {ref.name!r} mounts the sensitive host path {mount.source!r}"
                    f"{inside} {access}",
                    mount.source_loc)

    @staticmethod
    def _sensitive(mount: MountItem, roots: list[str]) -> str | None:
        if mount.type != "bind" or not mount.source or engine_socket(mount) is not None:
            return None
        path = normal_host_path(mount.source)
        if mount.read_only and path in HARMLESS_READ_ONLY:
            return None
        return sensitive_root(path, roots)
