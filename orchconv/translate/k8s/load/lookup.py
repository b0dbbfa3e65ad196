"""Pods and Services indexed by what other objects name them by.

A Service selects pods by labels, an Ingress names a Service, an autoscaler a
workload: scanning every pod or manifest for each of them made loading
quadratic in the number of objects.  Each index keeps the input's order, so
every lookup answers what the scan it replaces answered.
"""

from __future__ import annotations

from collections.abc import Mapping

from orchconv.translate.k8s.load.documents import Manifest
from orchconv.translate.k8s.load.pod import Pod

_NONE: tuple[Pod, ...] = ()


class PodIndex:
    """The pods of the input, by label, owning service and workload."""

    def __init__(self, pods: list[Pod]) -> None:
        self.pods = pods
        self._by_label: dict[tuple[str | None, str, str], list[Pod]] = {}
        self._by_owner: dict[str, Pod] = {}
        self._by_workload: dict[tuple[str, str, str | None], Pod] = {}
        self.examined = 0  # pods a selector was tested against: linear in the input
        for pod in pods:
            for key, value in pod.labels.items():
                if isinstance(value, str):  # selector values are strings: nothing else matches
                    self._by_label.setdefault((pod.namespace, key, value), []).append(pod)
            self._by_owner.setdefault(pod.owner.name, pod)
            manifest = pod.manifest
            self._by_workload.setdefault((manifest.kind, manifest.name, pod.namespace), pod)

    def selected(self, namespace: str | None, selector: Mapping[str, str]) -> list[Pod]:
        """The pods of `namespace` whose labels hold every pair of `selector`, in input order;
        none for an empty selector (its endpoints are managed elsewhere)."""
        if not selector:
            return []
        # Only pods with the rarest of the selector's pairs can have them all.
        candidates = min((self._by_label.get((namespace, key, value), _NONE)
                          for key, value in selector.items()), key=len)
        self.examined += len(candidates)
        return [pod for pod in candidates
                if all(pod.labels.get(key) == value for key, value in selector.items())]

    def owned_by(self, service: str | None) -> Pod | None:
        """The first pod whose owning compose service is `service`."""
        return self._by_owner.get(service) if service is not None else None

    def workload(self, kind: str, name: str, namespace: str | None) -> Pod | None:
        """The first pod of the workload `kind/name` in `namespace`."""
        return self._by_workload.get((kind, name, namespace))


def services_by_name(manifests: list[Manifest]) -> dict[tuple[str | None, str], Manifest]:
    """The first Service object of each namespace and name."""
    found: dict[tuple[str | None, str], Manifest] = {}
    for manifest in manifests:
        if manifest.kind == "Service":
            found.setdefault((manifest.namespace, manifest.name), manifest)
    return found
