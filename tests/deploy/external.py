"""Create the external networks, volumes, secrets and configs a case expects to exist.

A compose file's `external: true` resources are made by someone else before
`up`/`stack deploy`; the test is that someone.  They carry our owner label so
scripts/docker/down.sh finds them if a test dies before its cleanup.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from orchconv.deploy.base import OWNER_LABEL
from orchconv.ir.project import Project


def _docker(*args: str, input_text: str | None = None) -> bool:
    done = subprocess.run(["docker", *args], input=input_text, capture_output=True, text=True,
                          check=False)
    return done.returncode == 0


def _exists(kind: str, name: str) -> bool:
    return _docker(kind, "inspect", name)


@contextmanager
def external_resources(project: Project, target: str, owner: str) -> Iterator[None]:
    """Make the project's missing external resources; remove them (and only them) after."""
    label = f"{OWNER_LABEL}={owner}"
    created: list[tuple[str, str]] = []
    try:
        for key, network in project.networks.items():
            name = network.name or key
            if network.external and not _exists("network", name):
                driver = ["--driver", "overlay", "--attachable"] if target == "swarm" else []
                assert _docker("network", "create", *driver, "--label", label, name), name
                created.append(("network", name))
        for key, volume in project.volumes.items():
            name = volume.name or key
            if volume.external and not _exists("volume", name):
                assert _docker("volume", "create", "--label", label, name), name
                created.append(("volume", name))
        if target == "swarm":
            for kind, objects in (("secret", project.secrets), ("config", project.configs)):
                for key, item in objects.items():
                    name = item.name or key
                    if item.external and not _exists(kind, name):
                        assert _docker(kind, "create", "--label", label, name, "-",
                                       input_text=f"external {kind} {name}\n"), name
                        created.append((kind, name))
        yield
    finally:
        for kind, name in reversed(created):
            _docker(kind, "rm", name)
