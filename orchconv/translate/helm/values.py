"""The chart's values: what people change per environment, one section per service."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The order the keys of a service's section are written in values.yaml.
SECTION_ORDER = ("enabled", "image", "replicas", "resources", "env", "existingSecret",
                 "service", "ingress", "autoscaling")


@dataclass
class ChartValues:
    """values.yaml, built while the objects become templates."""

    services: dict[str, dict[str, Any]] = field(default_factory=dict)
    persistence: dict[str, dict[str, Any]] = field(default_factory=dict)
    secrets: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> existingSecret

    def section(self, key: str) -> dict[str, Any]:
        return self.services.setdefault(key, {})

    def ordered(self) -> dict[str, dict[str, Any]]:
        return {key: {name: section[name] for name in SECTION_ORDER if name in section}
                for key, section in self.services.items()}


def split_image(image: str) -> dict[str, str]:
    """`host:5000/app:1.2@sha256:...` -> repository, tag and digest, as `docker pull` reads
    them: a tag is the part after the last `:` that has no `/` after it."""
    name, _, digest = image.partition("@")
    repository, tag = name, ""
    colon = name.rfind(":")
    if colon > name.rfind("/") and colon < len(name) - 1:  # `app:` is no tag: kept whole
        repository, tag = name[:colon], name[colon + 1:]
    parts = {"repository": repository, "tag": tag}
    if digest:
        parts["digest"] = digest
    return parts
