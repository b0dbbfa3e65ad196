"""Host paths a container must not be handed: engine API sockets and system folders.

Shared by the Compose rules (bind mounts) and the Kubernetes rules (hostPath
volumes), so both call the same path sensitive.
"""

from __future__ import annotations

import posixpath

from orchconv.lint.context import LintContext

# The control sockets of container engines, by file name.
ENGINE_SOCKETS = {
    "docker.sock": "Docker",
    "containerd.sock": "containerd",
    "podman.sock": "Podman",
    "crio.sock": "CRI-O",
}
WINDOWS_ENGINE_PIPE = "docker_engine"  # //./pipe/docker_engine


def engine_of(path: str) -> str | None:
    """The engine whose API socket the path names, by its file name, or None."""
    return ENGINE_SOCKETS.get(posixpath.basename(path.rstrip("/")))


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


def sensitive_roots(context: LintContext, default: list[str]) -> list[str]:
    """The rule's `paths` option, most specific first, so the closest folder names a finding."""
    return sorted((str(p) for p in context.options.get("paths", default)), key=len, reverse=True)


def _root_of(path: str, roots: list[str]) -> str | None:
    """The listed folder that `path` is, or is inside of; `/` only matches itself."""
    for root in roots:
        if path == root or (root != "/" and path.startswith(root.rstrip("/") + "/")):
            return root
    return None


def sensitive_mount(path: str, read_only: bool, roots: list[str]) -> str | None:
    """How a finding describes mounting the host `path`: ` (inside /etc) read-write`;
    None when it is not sensitive.  Engine sockets are left to their own rules."""
    if engine_of(path) is not None:
        return None
    normal = normal_host_path(path)
    if read_only and normal in HARMLESS_READ_ONLY:
        return None
    root = _root_of(normal, roots)
    if root is None:
        return None
    inside = "" if root == normal else f" (inside {root})"
    return f"{inside} {'read-only' if read_only else 'read-write'}"
