"""Kubernetes manifests as a graph: workloads with their images and replicas, Services
joined to the workloads their selector picks, Ingresses to their backends, and the
PersistentVolumeClaims, ConfigMaps and Secrets pods use (Secrets by name only).
Objects of a namespace are drawn inside a box named after it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from orchconv.graph.model import (
    CLAIM,
    CONFIG,
    INGRESS,
    K8S_SERVICE,
    PORT,
    SECRET,
    SERVICE,
    Cluster,
    Graph,
    Node,
)
from orchconv.translate.k8s.load.documents import Manifest

WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController",
             "Job", "CronJob", "Pod")
EXPOSED = ("NodePort", "LoadBalancer")


def _get(value: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def object_id(manifest: Manifest) -> str:
    return f"{manifest.namespace or ''}/{manifest.kind}/{manifest.name}"


def _pod_template(manifest: Manifest) -> Any:
    if manifest.kind == "Pod":
        return manifest.body
    if manifest.kind == "CronJob":
        return _get(manifest.body, "spec", "jobTemplate", "spec", "template")
    return _get(manifest.body, "spec", "template")


def _containers(pod_spec: Any) -> Iterator[Any]:
    for key in ("initContainers", "containers"):
        yield from (c for c in _items(_get(pod_spec, key)) if isinstance(c, Mapping))


def _workload_lines(manifest: Manifest, pod_spec: Any) -> tuple[str, ...]:
    lines = [manifest.name, manifest.kind]
    lines += sorted({str(c.get("image")) for c in _containers(pod_spec) if c.get("image")})
    replicas = _get(manifest.body, "spec", "replicas")
    if manifest.kind in ("Deployment", "StatefulSet", "ReplicaSet") and replicas not in (None, 1):
        lines.append(f"replicas: {replicas}")
    return tuple(lines)


def _sibling(graph: Graph, manifest: Manifest, kind: str, node_kind: str, name: str) -> str:
    """The node of an object the workload refers to, in the workload's namespace."""
    ident = f"{manifest.namespace or ''}/{kind}/{name}"
    return graph.add(Node(ident, node_kind, (name, kind)))


def _uses(graph: Graph, manifest: Manifest, pod_spec: Any, me: str) -> None:
    mounts: dict[str, str] = {}
    for container in _containers(pod_spec):
        for mount in _items(container.get("volumeMounts")):
            if isinstance(mount, Mapping) and mount.get("name"):
                mounts.setdefault(str(mount["name"]), str(mount.get("mountPath", "")))
        for source in _items(container.get("envFrom")):
            for key, kind, node_kind in (("configMapRef", "ConfigMap", CONFIG),
                                         ("secretRef", "Secret", SECRET)):
                if name := _get(source, key, "name"):
                    graph.link(me, _sibling(graph, manifest, kind, node_kind, str(name)), "env")
        for variable in _items(container.get("env")):
            for key, kind, node_kind in (("configMapKeyRef", "ConfigMap", CONFIG),
                                         ("secretKeyRef", "Secret", SECRET)):
                if name := _get(variable, "valueFrom", key, "name"):
                    graph.link(me, _sibling(graph, manifest, kind, node_kind, str(name)), "env")
    for volume in _items(_get(pod_spec, "volumes")):
        at = mounts.get(str(_get(volume, "name")), "")
        for kind, node_kind, name in _volume_sources(volume):
            graph.link(me, _sibling(graph, manifest, kind, node_kind, name), at)
    for template in _items(_get(manifest.body, "spec", "volumeClaimTemplates")):
        name = str(_get(template, "metadata", "name"))
        node = graph.add(Node(f"{manifest.namespace or ''}/PersistentVolumeClaim/{name}-"
                              f"{manifest.name}", CLAIM, (f"{name}-{manifest.name}-N",
                                                          "volumeClaimTemplate")))
        graph.link(me, node, mounts.get(name, ""))


def _volume_sources(volume: Any) -> Iterator[tuple[str, str, str]]:
    if name := _get(volume, "persistentVolumeClaim", "claimName"):
        yield "PersistentVolumeClaim", CLAIM, str(name)
    if name := _get(volume, "configMap", "name"):
        yield "ConfigMap", CONFIG, str(name)
    if name := _get(volume, "secret", "secretName"):
        yield "Secret", SECRET, str(name)
    for source in _items(_get(volume, "projected", "sources")):
        if name := _get(source, "configMap", "name"):
            yield "ConfigMap", CONFIG, str(name)
        if name := _get(source, "secret", "name"):
            yield "Secret", SECRET, str(name)


def _selects(selector: Mapping[str, Any], labels: Any) -> bool:
    return bool(selector) and isinstance(labels, Mapping) and all(
        str(labels.get(key)) == str(value) for key, value in selector.items())


def _service(graph: Graph, manifest: Manifest, pods: list[tuple[Manifest, Any]],
             layers_ports: bool) -> None:
    spec = _get(manifest.body, "spec") or {}
    kind = str(spec.get("type") or "ClusterIP")
    shown = "Headless" if kind == "ClusterIP" and spec.get("clusterIP") == "None" else kind
    me = graph.add(Node(object_id(manifest), K8S_SERVICE, (manifest.name, f"Service ({shown})")))
    ports = [p for p in _items(spec.get("ports")) if isinstance(p, Mapping)]
    label = ", ".join(f"{p.get('port')}\N{RIGHTWARDS ARROW}{p.get('targetPort', p.get('port'))}"
                      for p in ports)
    selector = spec.get("selector")
    if isinstance(selector, Mapping):
        for workload, template in pods:
            if workload.namespace == manifest.namespace and _selects(
                    selector, _get(template, "metadata", "labels")):
                graph.link(me, object_id(workload), label)
    if layers_ports and kind in EXPOSED:
        for port in ports:
            outside = port.get("nodePort") if kind == "NodePort" else port.get("port")
            text = f"{outside or 'auto'}/{port.get('protocol', 'TCP')}"
            graph.link(graph.add(Node(f"port:{kind}:{text}", PORT, (text,))), me,
                       str(port.get("port")))


def _ingress(graph: Graph, manifest: Manifest) -> None:
    spec = _get(manifest.body, "spec") or {}
    hosts = sorted({str(r.get("host")) for r in _items(spec.get("rules"))
                    if isinstance(r, Mapping) and r.get("host")})
    me = graph.add(Node(object_id(manifest), INGRESS, (manifest.name, "Ingress", *hosts)))
    backends: list[tuple[str, str]] = []
    default = _get(spec, "defaultBackend", "service", "name")
    if default:
        backends.append((str(default), "default"))
    for rule in _items(spec.get("rules")):
        for path in _items(_get(rule, "http", "paths")):
            if name := _get(path, "backend", "service", "name"):
                where = f"{_get(rule, 'host') or '*'}{_get(path, 'path') or '/'}"
                backends.append((str(name), where))
    for name, where in backends:
        graph.link(me, f"{manifest.namespace or ''}/Service/{name}", where)


def manifests_graph(name: str, manifests: Iterable[Manifest], *, volumes: bool = True,
                    ports: bool = True) -> Graph:
    graph = Graph(name)
    objects = sorted(manifests, key=object_id)
    pods = [(m, _pod_template(m)) for m in objects if m.kind in WORKLOADS]
    for manifest, template in pods:
        pod_spec = _get(template, "spec")
        me = graph.add(Node(object_id(manifest), SERVICE, _workload_lines(manifest, pod_spec)))
        if volumes:
            _uses(graph, manifest, pod_spec, me)
        else:  # configuration still shown: only storage is left out
            _uses_config_only(graph, manifest, pod_spec, me)
    for manifest in objects:
        if manifest.kind == "Service":
            _service(graph, manifest, pods, ports)
        elif manifest.kind == "Ingress":
            _ingress(graph, manifest)
        elif manifest.kind in ("ConfigMap", "Secret") or (
                manifest.kind == "PersistentVolumeClaim" and volumes):
            node_kind = {"ConfigMap": CONFIG, "Secret": SECRET}.get(manifest.kind, CLAIM)
            _sibling(graph, manifest, manifest.kind, node_kind, manifest.name)
    _missing_backends(graph)
    _namespaces(graph)
    return graph


def _uses_config_only(graph: Graph, manifest: Manifest, pod_spec: Any, me: str) -> None:
    before = set(graph.nodes)
    _uses(graph, manifest, pod_spec, me)
    claims = {n for n in set(graph.nodes) - before if graph.nodes[n].kind == CLAIM}
    for claim in claims:
        del graph.nodes[claim]
    graph.edges = {e for e in graph.edges if e.target not in claims}


def _missing_backends(graph: Graph) -> None:
    """An Ingress backend that names no Service in the input is drawn as one anyway."""
    for edge in list(graph.edges):
        if edge.target not in graph.nodes:
            _, _, name = edge.target.rpartition("/")
            graph.add(Node(edge.target, K8S_SERVICE, (name, "Service (not in input)")))


def _namespaces(graph: Graph) -> None:
    members: dict[str, list[str]] = {}
    for ident in graph.nodes:
        namespace = ident.split("/", 1)[0] if not ident.startswith("port:") else ""
        if namespace:
            members.setdefault(namespace, []).append(ident)
    for namespace, idents in members.items():
        graph.clusters[namespace] = Cluster(namespace, f"namespace {namespace}", tuple(idents))
