"""Services -> the ports of the services whose pods they select.

Inside a compose network every container port is reachable by service name,
so a ClusterIP port is `expose` (or, when it names an application protocol or
targets a named container port, a port with no published side, which keeps the
name); one that renumbers the container port is a loss, since publishing it
would open it on the host.  Every port of a NodePort or LoadBalancer Service is
published (`ports`).  The Service type, a fixed node port and the traffic
policy are kept as the labels the Kubernetes emitter reads back.  A Service
named other than its service gets a network alias, so its name resolves.
"""

from __future__ import annotations

from orchconv.translate.k8s.load.container import ContainerPort
from orchconv.translate.k8s.load.context import LoadContext
from orchconv.translate.k8s.load.documents import Manifest
from orchconv.translate.k8s.load.draft import Draft, new_map
from orchconv.translate.k8s.load.lookup import PodIndex
from orchconv.translate.k8s.load.metadata import read_metadata, user_labels
from orchconv.translate.k8s.load.node import Node
from orchconv.translate.k8s.load.pod import Pod
from orchconv.translate.k8s.vocabulary import (
    NODE_PORT,
    PUBLISHING_TYPES,
    SERVICE_TYPE_LABEL,
    TRAFFIC_POLICY,
)


def _container_for(pod: Pod, target: int | str, protocol: str) -> tuple[Draft, int] | None:
    """The service of the container listening on `target` (a number or a port name)."""
    for draft in pod.members:
        for port in pod.ports.get(draft.name, []):
            if port.protocol == protocol and target in (port.number, port.name):
                return draft, port.number
    if isinstance(target, int):
        return pod.owner, target
    return None


def _declared(pod: Pod, draft: Draft, number: int, protocol: str) -> ContainerPort | None:
    return next((p for p in pod.ports.get(draft.name, [])
                 if p.number == number and p.protocol == protocol), None)


def _publish(draft: Draft, entry: Node, number: int, published: int, protocol: str,
             declared: ContainerPort | None) -> None:
    taken = {p.get("name") for p in draft.get("ports") or ()}
    name = declared.name if declared and declared.name not in taken else None
    port = new_map(entry.loc, name=name, mode="ingress",
                   target=number, published=str(published), protocol=protocol,
                   app_protocol=entry.text("appProtocol"))
    draft.append("ports", port, entry.loc)


def _unpublished(draft: Draft, entry: Node, number: int, protocol: str,
                 declared: ContainerPort | None) -> None:
    """A port kept at its number that names its application protocol: a compose port
    with no published side (`expose` has no room for the protocol), as the emitter
    writes one."""
    taken = {p.get("name") for p in draft.get("ports") or ()}
    name = declared.name if declared and declared.name not in taken else None
    port = new_map(entry.loc, name=name, mode="ingress", target=number, protocol=protocol,
                   app_protocol=entry.text("appProtocol"))
    draft.append("ports", port, entry.loc)


def _named(declared: ContainerPort | None) -> bool:
    """A named container port stays a port entry, which keeps its name (`expose` has
    no room for it) and which the emitter targets by that name again."""
    return declared is not None and declared.name is not None


def _host_app_protocol(entry: Node, declared: ContainerPort) -> None:
    """The Service port in front of a hostPort names the application protocol of the
    compose port that hostPort became (the emitter writes it there)."""
    app_protocol = entry.text("appProtocol")
    if app_protocol is None:
        return
    if declared.published is None:
        entry.lose("appProtocol", "no compose port carries it")
        return
    declared.published.put("app_protocol", app_protocol, entry.key_loc("appProtocol"),
                           entry.value_loc("appProtocol"))


def _published_targets(draft: Draft) -> set[tuple[int, str]]:
    return {(p["target"], p["protocol"]) for p in draft.get("ports") or ()}


def _expose(draft: Draft, number: int, protocol: str) -> None:
    text = str(number) if protocol == "tcp" else f"{number}/{protocol}"
    if text not in (draft.get("expose") or ()):
        draft.append("expose", text, draft.loc)


class ServiceReader:
    def __init__(self, ctx: LoadContext, pods: PodIndex) -> None:
        self.ctx = ctx
        self.pods = pods
        self.compose_names: dict[tuple[str | None, str], str] = {}  # k8s Service -> service

    def read(self, manifest: Manifest) -> None:
        root = self.ctx.root(manifest)
        _, labels, annotations = read_metadata(root)
        if user_labels(labels) | annotations:
            root.ledger.lose(manifest.loc, f"{manifest.label}.metadata", "the Service's labels "
                             "and annotations have no compose counterpart")
        spec = root.node("spec") or Node({}, root.sub("spec"), root.loc, self.ctx.ledger)
        kind = spec.text("type") or "ClusterIP"
        if kind == "ExternalName":
            spec.lose_self(f"an ExternalName Service ({spec.data.get('externalName')}) has no "
                           "compose counterpart; use extra_hosts or the name itself")
            return
        selector = spec.string_map("selector")
        pods = self.pods.selected(manifest.namespace, selector)
        if not pods:
            why = ("selects no pods: its endpoints are managed elsewhere" if not selector else
                   "selects no workload among the inputs")
            spec.skip(*spec.data)
            root.lose_self(f"the Service {why}")
            return
        if len(pods) > 1:
            root.ledger.lose(manifest.loc, manifest.label, "the Service balances over "
                             f"{len(pods)} workloads; each of their services gets its ports")
        headless = spec.text("clusterIP") == "None"
        if not headless and spec.has("clusterIP"):
            spec.lose("clusterIP", "compose services get their address from the network")
        spec.skip("clusterIPs", "ipFamilies", "ipFamilyPolicy")
        spec.default("sessionAffinity", "None")
        spec.default("internalTrafficPolicy", "Cluster")
        for pod in pods:
            self.compose_names.setdefault((manifest.namespace, manifest.name), pod.owner.name)
            self._attach(manifest, spec, pod, kind, headless)

    def _attach(self, manifest: Manifest, spec: Node, pod: Pod, kind: str,
                headless: bool) -> None:
        owner = pod.owner
        entries = spec.nodes("ports")
        publishing = kind in PUBLISHING_TYPES
        # Only the pod's own Service (named as its service) carries its type back to
        # Kubernetes; another Service's ports are published all the same.
        main = manifest.name == owner.name
        if publishing and main:
            owner.label(SERVICE_TYPE_LABEL, kind, spec.key_loc("type"))
        policy = spec.text("externalTrafficPolicy")
        if policy == "Local" and publishing and main:
            owner.label(TRAFFIC_POLICY[0], "local", spec.key_loc("externalTrafficPolicy"))
        elif policy not in (None, "Cluster"):
            spec.lose("externalTrafficPolicy", "applies to NodePort and LoadBalancer only")
        if headless and entries:
            owner.deploy(spec.loc).put("endpoint_mode", "dnsrr", spec.key_loc("clusterIP"),
                                       spec.value_loc("clusterIP"))
        remapped: list[tuple[Node, Draft, int, int, str]] = []
        same: list[tuple[Node, Draft, int, str]] = []
        for entry in entries:
            port = entry.integer("port") or 0
            protocol = (entry.text("protocol") or "TCP").lower()
            target = entry.scalar("targetPort")
            if isinstance(target, float):
                target = int(target)
            found = _container_for(pod, port if target is None else target, protocol)
            entry.skip("name")
            if found is None:
                entry.lose("targetPort", f"no container of {manifest.label}'s pods has a port "
                                         f"named {target!r}")
                continue
            draft, number = found
            node_port = entry.integer("nodePort")
            if node_port is not None:
                if kind == "NodePort" and len(entries) == 1 and main:
                    owner.label(NODE_PORT[0], str(node_port), entry.value_loc("nodePort"))
                else:
                    entry.lose("nodePort", "a fixed node port is kept only for a NodePort "
                                           "Service with one port, named as its service")
            declared = _declared(pod, draft, number, protocol)
            if publishing or (declared is not None and declared.host_port == port):
                remapped.append((entry, draft, number, port, protocol))
                continue
            if port != number:
                entry.lose("port", f"inside a compose network the service answers on the "
                                   f"container's port {number}, not on {port}; publishing "
                                   f"{port} would open it on the host, which a {kind} "
                                   "Service never does")
            same.append((entry, draft, number, protocol))
        # Renumbered ports first: the emitter adds target:target beside them so the
        # container port stays reachable, which compose's network gives anyway.
        published: set[tuple[str, int, str]] = set()
        for entry, draft, number, port, protocol in sorted(remapped, key=lambda r: r[2] == r[3]):
            declared = _declared(pod, draft, number, protocol)
            if declared is not None:
                declared.covered = True
            if declared is not None and declared.host_port == port:
                _host_app_protocol(entry, declared)
                continue
            if port == number and (draft.name, number, protocol) in published:
                entry.skip("appProtocol")
                continue
            published.add((draft.name, number, protocol))
            _publish(draft, entry, number, port, protocol, declared)
        for entry, draft, number, protocol in same:
            declared = _declared(pod, draft, number, protocol)
            if declared is not None:
                declared.covered = True
            if (number, protocol) in _published_targets(draft):
                if entry.has("appProtocol"):
                    entry.lose("appProtocol", "the container port is already a published "
                                              "compose port, which names the protocol of "
                                              "its own Service port")
            elif entry.has("appProtocol") or _named(declared):
                _unpublished(draft, entry, number, protocol, declared)
            else:
                _expose(draft, number, protocol)
        self._alias(manifest, owner)

    def _alias(self, manifest: Manifest, owner: Draft) -> None:
        networks = owner.get("networks")
        if manifest.name == owner.name or not networks:
            return
        network = next(iter(networks))
        settings = networks.get(network)
        if settings is None:
            settings = new_map(manifest.loc)
            networks.put(network, settings, manifest.loc, manifest.loc)
        aliases = settings.get("aliases") or []
        if manifest.name not in aliases:
            aliases = [*aliases, manifest.name]
            settings.put("aliases", aliases, manifest.loc, manifest.loc)


def host_ports(pod: Pod) -> None:
    """Ports bound on the node (hostPort) are published in host mode."""
    for draft in pod.members + pod.extra:
        for port in pod.ports.get(draft.name, []):
            if port.host_port is None:
                continue
            port.covered = True
            entry = new_map(port.loc, name=port.name, mode="host", host_ip=port.host_ip,
                            target=port.number, published=str(port.host_port),
                            protocol=port.protocol)
            draft.append("ports", entry, port.loc)
            port.published = entry


def uncovered_ports(pod: Pod) -> None:
    """Declared ports no Service carries are reachable inside the network: `expose`, or
    a port entry with no published side when named, which keeps the name."""
    for draft in pod.members:
        for port in pod.ports.get(draft.name, []):
            if port.covered:
                continue
            if port.name is not None:
                draft.append("ports", new_map(port.loc, name=port.name, mode="ingress",
                                              target=port.number, protocol=port.protocol),
                             port.loc)
            else:
                _expose(draft, port.number, port.protocol)
