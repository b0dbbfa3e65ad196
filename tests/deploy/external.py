"""Create what a case expects to exist already.

A compose file's `external: true` resources (and containers named in
`network_mode: container:X` or `volumes_from: container:X`) are made by
someone else before `up`/`stack deploy`; the test is that someone.  They carry
our owner label so scripts/docker/down.sh finds them if a test dies before its
cleanup.  (Cases that ask for fixed subnets no longer take turns: each round
trip moves them to subnets of its own first, see subnets.py.)
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from orchconv.deploy.base import OWNER_LABEL
from orchconv.ir.project import Project


def _docker(*args: str, input_text: str | None = None) -> bool:
    done = subprocess.run(["docker", *args], input=input_text, capture_output=True, text=True,
                          check=False)
    return done.returncode == 0


def _exists(kind: str, name: str) -> bool:
    return _docker(kind, "inspect", name)


CONTAINER_PREFIX = "container:"


def _named_containers(project: Project) -> set[str]:
    names: set[str] = set()
    for service in project.services.values():
        references = [service.network_mode or "", *service.volumes_from]
        names.update(r[len(CONTAINER_PREFIX):] for r in references
                     if r.startswith(CONTAINER_PREFIX))
    return names


def _payload(project: Project, kind: str, key: str) -> str:
    """The data a secret or config the emitter declared external should hold: what the
    source project says (a file, inline content, a variable), else a placeholder."""
    source = (project.secrets if kind == "secret" else project.configs).get(key)
    if source is not None and source.file and Path(source.file).is_file():
        return Path(source.file).read_text()
    if source is not None and source.content is not None:
        return source.content
    if source is not None and source.environment:
        return os.environ.get(source.environment, f"placeholder for {key}\n")
    return f"external {kind} {key}\n"


@contextmanager
def external_resources(document: Mapping[str, Any], project: Project, target: str,
                       owner: str) -> Iterator[None]:
    """Make the missing external resources the emitted `document` refers to (and the
    containers the project names); remove them, and only them, afterwards."""
    label = f"{OWNER_LABEL}={owner}"
    created: list[tuple[str, str]] = []
    kinds = [("network", "networks"), ("volume", "volumes")]
    if target == "swarm":
        kinds += [("secret", "secrets"), ("config", "configs")]
    try:
        for kind, section in kinds:
            for key, declared in (document.get(section) or {}).items():
                if not (isinstance(declared, Mapping) and declared.get("external")):
                    continue
                name = str(declared.get("name") or key)
                if _exists(kind, name):
                    continue
                if kind == "network":
                    driver = ["--driver", "overlay", "--attachable"] if target == "swarm" \
                        else []
                    made = _docker("network", "create", *driver, "--label", label, name)
                elif kind == "volume":
                    made = _docker("volume", "create", "--label", label, name)
                else:
                    made = _docker(kind, "create", "--label", label, name, "-",
                                   input_text=_payload(project, kind, key))
                assert made, f"cannot create external {kind} {name}"
                created.append((kind, name))
        for name in sorted(_named_containers(project)):
            if not _exists("container", name):
                assert _docker("run", "--detach", "--name", name, "--label", label,
                               "--init", "busybox:1.36", "sleep", "3600"), name
                created.append(("container", name))
        yield
    finally:
        for kind, name in reversed(created):
            if kind == "container":
                _docker("rm", "--force", name)
            else:
                _docker(kind, "rm", name)
