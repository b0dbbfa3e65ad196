"""What the Kubernetes rules share: objects, their pod templates, containers and selectors.

A Kubernetes file holds one object per YAML document (or a `kind: List` of
them).  The rules read the located source tree (YMap/YSeq), so a finding
points at the key the user wrote.  Helpers never raise on a malformed
object: they skip what they cannot read (`k8s-schema` reports the shape).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar, NamedTuple

from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.finding import Finding
from orchconv.lint.rule import Rule
from orchconv.location import Loc
from orchconv.source.yamltree import loc_of

K8S_KINDS = frozenset({FileKind.KUBERNETES})

# Where each pod-bearing kind keeps its pod template (a mapping with
# `metadata` and `spec`); a Pod is its own template.
TEMPLATE_PATHS: Mapping[str, tuple[str, ...]] = {
    "Deployment": ("spec", "template"),
    "ReplicaSet": ("spec", "template"),
    "StatefulSet": ("spec", "template"),
    "DaemonSet": ("spec", "template"),
    "Job": ("spec", "template"),
    "ReplicationController": ("spec", "template"),
    "CronJob": ("spec", "jobTemplate", "spec", "template"),
    "PodTemplate": ("template",),
    "Pod": (),
}
# Kinds whose pods run to completion: probes and restarts mean less there.
BATCH_KINDS = frozenset({"Job", "CronJob"})
CONTAINER_SECTIONS = ("initContainers", "containers", "ephemeralContainers")
DEFAULT_PROTOCOL = "TCP"


def mapping(value: Any) -> Mapping[str, Any] | None:
    return value if isinstance(value, Mapping) else None


def sequence(value: Any) -> Sequence[Any]:
    """The list, or nothing for anything else (a string is not a list here)."""
    return value if isinstance(value, Sequence) and not isinstance(value, str) else ()


def at(container: Any, *keys: str) -> Any:
    """`container[k1][k2]...`, or None when a step is missing or not a mapping."""
    node = container
    for key in keys:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def key_loc(container: Any, key: str) -> Loc | None:
    return loc_of(container, key, of_key=True)


def key_loc_or(container: Any, key: str, fallback: Loc | None) -> Loc | None:
    """Where `key` is written in `container`, or `fallback` when it is not there."""
    if isinstance(container, Mapping) and key in container:
        return key_loc(container, key)
    return fallback


def label_text(value: Any) -> str:
    """A label value as the API would hold it (YAML may read `1` or `true` as non-strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


class K8sObject(NamedTuple):
    """One object of the file: a document, or an item of a `kind: List`."""

    document: int
    data: Mapping[str, Any]
    kind: str
    api_version: str
    path: tuple[str | int, ...] = ()  # inside its document: ("items", i) in a List

    def fix_path(self, *parts: str | int) -> tuple[str | int, ...]:
        """The Fix path of a value inside this object."""
        return (*self.path, *parts)

    @property
    def metadata(self) -> Mapping[str, Any]:
        return mapping(self.data.get("metadata")) or {}

    @property
    def name(self) -> str:
        name = self.metadata.get("name")
        return label_text(name) if name is not None else "?"

    @property
    def namespace(self) -> str | None:
        namespace = self.metadata.get("namespace")
        return label_text(namespace) if namespace else None

    @property
    def label(self) -> str:
        """How messages name the object: `Deployment 'web'`."""
        return f"{self.kind} {self.name!r}"

    @property
    def loc(self) -> Loc | None:
        """The object's name when written, else its `kind`."""
        metadata = self.metadata
        if "name" in metadata:
            return loc_of(metadata, "name")
        return loc_of(self.data, "kind")

    def same_namespace(self, other: K8sObject) -> bool:
        """Objects without a namespace go wherever `kubectl -n` sends them: they match any."""
        return self.namespace is None or other.namespace is None or (
            self.namespace == other.namespace)


def objects(context: LintContext) -> Iterator[K8sObject]:
    """Every object of the file with a string `apiVersion` and `kind`, in file order."""
    for index, document in enumerate(context.documents):
        data = document.data
        if not _is_object(data):
            continue
        if data["kind"] == "List":
            for position, item in enumerate(sequence(data.get("items"))):
                if _is_object(item):
                    yield K8sObject(index, item, item["kind"], item["apiVersion"],
                                    ("items", position))
            continue
        yield K8sObject(index, data, data["kind"], data["apiVersion"])


def _is_object(data: Any) -> bool:
    return (isinstance(data, Mapping) and isinstance(data.get("kind"), str)
            and isinstance(data.get("apiVersion"), str))


# --- pods and containers -----------------------------------------------------


class PodRef(NamedTuple):
    """The pod an object runs: its template (the Pod itself for a Pod) and spec."""

    owner: K8sObject
    template: Mapping[str, Any]
    spec: Mapping[str, Any]

    @property
    def labels(self) -> Mapping[str, Any]:
        return mapping(at(self.template, "metadata", "labels")) or {}

    @property
    def batch(self) -> bool:
        return self.owner.kind in BATCH_KINDS

    @property
    def windows(self) -> bool:
        """A Windows pod: the API refuses Linux security settings on it."""
        return bool(at(self.spec, "os", "name") == "windows")


def pod_of(obj: K8sObject) -> PodRef | None:
    path = TEMPLATE_PATHS.get(obj.kind)
    if path is None:
        return None
    template = mapping(at(obj.data, *path)) if path else obj.data
    spec = mapping(at(template, "spec")) if template is not None else None
    if template is None or spec is None:
        return None
    return PodRef(obj, template, spec)


def pods(context: LintContext) -> Iterator[PodRef]:
    for obj in objects(context):
        pod = pod_of(obj)
        if pod is not None:
            yield pod


class ContainerRef(NamedTuple):
    pod: PodRef
    container: Mapping[str, Any]
    section: str  # containers | initContainers | ephemeralContainers

    @property
    def name(self) -> str:
        return label_text(self.container.get("name")) or "?"

    @property
    def label(self) -> str:
        """`container 'app' of Deployment 'web'` (`init container` for init containers)."""
        what = {"initContainers": "init container",
                "ephemeralContainers": "ephemeral container"}.get(self.section, "container")
        return f"{what} {self.name!r} of {self.pod.owner.label}"

    @property
    def loc(self) -> Loc | None:
        """The container's name when written, else the container."""
        return loc_of(self.container, "name") if "name" in self.container else loc_of(
            self.container)

    @property
    def security(self) -> Mapping[str, Any]:
        return mapping(self.container.get("securityContext")) or {}

    @property
    def pod_security(self) -> Mapping[str, Any]:
        return mapping(self.pod.spec.get("securityContext")) or {}

    def effective(self, key: str) -> Any:
        """A security setting the container's context takes over from the pod's."""
        if key in self.security:
            return self.security[key]
        return self.pod_security.get(key)


def containers(pod: PodRef, sections: Sequence[str] = CONTAINER_SECTIONS
               ) -> Iterator[ContainerRef]:
    for section in sections:
        for item in sequence(pod.spec.get(section)):
            if isinstance(item, Mapping):
                yield ContainerRef(pod, item, section)


def all_containers(context: LintContext, sections: Sequence[str] = CONTAINER_SECTIONS
                   ) -> Iterator[ContainerRef]:
    for pod in pods(context):
        yield from containers(pod, sections)


def linux_containers(context: LintContext, sections: Sequence[str] = CONTAINER_SECTIONS
                     ) -> Iterator[ContainerRef]:
    """The containers Linux security settings apply to: none of a Windows pod's."""
    for ref in all_containers(context, sections):
        if not ref.pod.windows:
            yield ref


# --- rules that judge one object, pod or container at a time -------------------


class ObjectRule(Rule):
    """A Kubernetes rule that judges each object on its own (`check_object`)."""

    kinds = K8S_KINDS

    def check(self, context: LintContext) -> Iterator[Finding]:
        for obj in objects(context):
            yield from self.check_object(context, obj)

    def check_object(self, context: LintContext, obj: K8sObject) -> Iterator[Finding]:
        raise NotImplementedError


class PodRule(Rule):
    """A Kubernetes rule that judges each pod (template) on its own (`check_pod`)."""

    kinds = K8S_KINDS

    def check(self, context: LintContext) -> Iterator[Finding]:
        for pod in pods(context):
            yield from self.check_pod(context, pod)

    def check_pod(self, context: LintContext, pod: PodRef) -> Iterator[Finding]:
        raise NotImplementedError


class ContainerRule(Rule):
    """A Kubernetes rule that judges each container on its own (`check_container`), in
    the container lists `sections` names."""

    kinds = K8S_KINDS
    sections: ClassVar[Sequence[str]] = CONTAINER_SECTIONS

    def scope(self, context: LintContext) -> Iterator[ContainerRef]:
        return all_containers(context, self.sections)

    def check(self, context: LintContext) -> Iterator[Finding]:
        for ref in self.scope(context):
            yield from self.check_container(context, ref)

    def check_container(self, context: LintContext, ref: ContainerRef) -> Iterator[Finding]:
        raise NotImplementedError


class LinuxContainerRule(ContainerRule):
    """A container rule about Linux security settings: Windows pods are skipped."""

    def scope(self, context: LintContext) -> Iterator[ContainerRef]:
        return linux_containers(context, self.sections)


class ContainerPort(NamedTuple):
    name: str | None
    number: int | None
    protocol: str


def container_ports(container: Mapping[str, Any]) -> list[ContainerPort]:
    found: list[ContainerPort] = []
    for item in sequence(container.get("ports")):
        if not isinstance(item, Mapping):
            continue
        number = item.get("containerPort")
        name = item.get("name")
        found.append(ContainerPort(
            name if isinstance(name, str) and name else None,
            number if isinstance(number, int) and not isinstance(number, bool) else None,
            str(item.get("protocol") or DEFAULT_PROTOCOL)))
    return found


class HostPathVolume(NamedTuple):
    """A pod's hostPath volume and the containers that mount it."""

    name: str
    path: str
    path_loc: Loc | None
    mounts: tuple[tuple[ContainerRef, bool], ...]  # (container, read-only)

    @property
    def read_only(self) -> bool:
        return all(read_only for _, read_only in self.mounts)


def host_path_volumes(pod: PodRef) -> Iterator[HostPathVolume]:
    """The pod's hostPath volumes that some container mounts."""
    mounted: dict[str, list[tuple[ContainerRef, bool]]] = {}
    for ref in containers(pod):
        for mount in sequence(ref.container.get("volumeMounts")):
            if isinstance(mount, Mapping) and isinstance(mount.get("name"), str):
                mounted.setdefault(mount["name"], []).append(
                    (ref, mount.get("readOnly") is True))
    for volume in sequence(pod.spec.get("volumes")):
        host_path = mapping(volume.get("hostPath")) if isinstance(volume, Mapping) else None
        if host_path is None or not isinstance(volume.get("name"), str):
            continue
        path = host_path.get("path")
        mounts = mounted.get(volume["name"])
        if isinstance(path, str) and path and mounts:
            yield HostPathVolume(volume["name"], path, loc_of(host_path, "path"), tuple(mounts))


# --- selectors -----------------------------------------------------------------


def matches_labels(wanted: Mapping[str, Any], labels: Mapping[str, Any]) -> bool:
    """Equality selector (a Service's `selector`, a `matchLabels`)."""
    return all(key in labels and label_text(labels[key]) == label_text(value)
               for key, value in wanted.items())


def _expression_matches(expression: Mapping[str, Any], labels: Mapping[str, Any]) -> bool | None:
    key = expression.get("key")
    operator = expression.get("operator")
    values = {label_text(v) for v in sequence(expression.get("values"))}
    if not isinstance(key, str):
        return None
    present = key in labels
    if operator == "In":
        return present and label_text(labels[key]) in values
    if operator == "NotIn":
        return not present or label_text(labels[key]) not in values
    if operator == "Exists":
        return present
    if operator == "DoesNotExist":
        return not present
    return None


def selector_matches(selector: Mapping[str, Any], labels: Mapping[str, Any]) -> bool | None:
    """Whether a LabelSelector (`matchLabels` and `matchExpressions`) selects `labels`;
    None when it cannot be read (an unknown operator, a malformed expression)."""
    match_labels = selector.get("matchLabels")
    if match_labels is not None and not isinstance(match_labels, Mapping):
        return None
    if match_labels and not matches_labels(match_labels, labels):
        return False
    for expression in sequence(selector.get("matchExpressions")):
        if not isinstance(expression, Mapping):
            return None
        result = _expression_matches(expression, labels)
        if result is not True:
            return result
    return True


def is_empty_selector(selector: Any) -> bool:
    """Absent, null, `{}` or a selector with no terms."""
    if not isinstance(selector, Mapping):
        return True
    return not selector.get("matchLabels") and not sequence(selector.get("matchExpressions"))


def format_labels(labels: Mapping[str, Any]) -> str:
    return ", ".join(f"{key}={label_text(value)}" for key, value in labels.items()) or "none"


# --- services -----------------------------------------------------------------

EXTERNAL_NAME = "ExternalName"


def services(context: LintContext) -> Iterator[K8sObject]:
    for obj in objects(context):
        if obj.kind == "Service" and obj.api_version == "v1":
            yield obj


def service_selector(service: K8sObject) -> Mapping[str, Any] | None:
    """The Service's selector when it has terms; None when it selects nothing itself."""
    selector = mapping(at(service.data, "spec", "selector"))
    return selector if selector else None


def is_external_name(service: K8sObject) -> bool:
    return bool(at(service.data, "spec", "type") == EXTERNAL_NAME)


def running_pods(context: LintContext) -> list[PodRef]:
    """The pods the file's objects run (a PodTemplate object runs none)."""
    return [pod for pod in pods(context) if pod.owner.kind != "PodTemplate"]


class PodIndex:
    """The file's running pods, indexed by label, for Services to look up.

    A file with many Services and workloads would otherwise compare every
    Service with every pod template.
    """

    def __init__(self, context: LintContext) -> None:
        self.pods = running_pods(context)
        self._labels: list[dict[str, str]] = []
        self._by_label: dict[tuple[str, str], list[int]] = {}
        for position, pod in enumerate(self.pods):
            labels = {str(key): label_text(value) for key, value in pod.labels.items()}
            self._labels.append(labels)
            for item in labels.items():
                self._by_label.setdefault(item, []).append(position)

    def __bool__(self) -> bool:
        return bool(self.pods)

    def selected_by(self, service: K8sObject) -> list[PodRef]:
        """The pods the Service's selector picks (none when it has no selector)."""
        selector = service_selector(service)
        if selector is None:
            return []
        wanted = {str(key): label_text(value) for key, value in selector.items()}
        first = next(iter(wanted.items()))
        return [self.pods[position] for position in self._by_label.get(first, ())
                if all(self._labels[position].get(k) == v for k, v in wanted.items())
                and self.pods[position].owner.same_namespace(service)]


def services_with_pods(context: LintContext) -> Iterator[tuple[K8sObject, list[PodRef]]]:
    """Each Service with the file's pods its selector picks; nothing when the file runs
    no pods (the Services then select pods deployed some other way)."""
    index = PodIndex(context)
    if not index:
        return
    for service in services(context):
        yield service, index.selected_by(service)
