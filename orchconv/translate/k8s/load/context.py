"""State shared while loading: options, the ledger, the project's top-level sections."""

from __future__ import annotations

from dataclasses import dataclass, field

from orchconv.location import Loc
from orchconv.source.yamltree import YMap
from orchconv.translate.k8s.load.documents import Manifest
from orchconv.translate.k8s.load.node import Ledger, Node
from orchconv.translate.k8s.load.options import K8sLoadOptions


@dataclass
class LoadContext:
    """State shared while reading one set of manifests."""

    options: K8sLoadOptions
    project_name: str
    ledger: Ledger = field(default_factory=Ledger)
    volumes: YMap = field(default_factory=lambda: YMap(Loc("<generated>")))
    secrets: YMap = field(default_factory=lambda: YMap(Loc("<generated>")))
    configs: YMap = field(default_factory=lambda: YMap(Loc("<generated>")))
    networks: YMap = field(default_factory=lambda: YMap(Loc("<generated>")))
    # Values of secrets the compose file reads from the environment: never printed.
    environ: dict[str, str] = field(default_factory=dict)
    service_names: set[str] = field(default_factory=set)
    # The next number to try after each fallback name: claims stay linear when many
    # workloads want the same name.
    _numbered: dict[str, int] = field(default_factory=dict, init=False, repr=False)

    def root(self, manifest: Manifest) -> Node:
        """The object's top mapping, read through the ledger."""
        return Node(manifest.body, manifest.label, manifest.loc, self.ledger)

    def resource_name(self, key: str) -> str:
        """What compose calls an unnamed top-level resource: `<project>_<key>`."""
        return f"{self.project_name}_{key}"

    def claim_service_name(self, wanted: str, fallback: str) -> str:
        """A free compose service name: `wanted`, else `fallback`, else a numbered one."""
        for candidate in (wanted, fallback):
            if candidate not in self.service_names:
                self.service_names.add(candidate)
                return candidate
        number = self._numbered.get(fallback, 2)  # the numbers below it are all taken
        while f"{fallback}-{number}" in self.service_names:
            number += 1
        self._numbered[fallback] = number + 1
        name = f"{fallback}-{number}"
        self.service_names.add(name)
        return name
