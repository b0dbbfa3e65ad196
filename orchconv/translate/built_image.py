"""The image a service that is only built runs under, in a target that never builds.

docker compose tags the image it builds for such a service `<project>-<service>`;
Kubernetes and swarm run that image, under `--image-prefix` (a registry path,
for example "registry.example.com/team/") when given.
"""

from __future__ import annotations


def built_image(project: str, service: str, prefix: str | None = None) -> str:
    return f"{prefix or ''}{project}-{service}"
