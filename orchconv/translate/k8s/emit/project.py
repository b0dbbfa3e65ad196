"""The entry point: a whole project -> Kubernetes objects and the losses on the way.

Passes: plan the pods (network_mode service:X), read the directive labels,
choose controllers, plan ports, then build each pod with its workload and
Service; last, the project-level objects and losses, and every service's
ledger is closed so no key goes unreported.
"""

from __future__ import annotations

from typing import Any

from orchconv.ir.project import Project
from orchconv.translate.k8s.emit.autoscaling import hpa_object
from orchconv.translate.k8s.emit.choices import checked
from orchconv.translate.k8s.emit.claims import top_level_volume_losses
from orchconv.translate.k8s.emit.config import top_level_file_losses
from orchconv.translate.k8s.emit.context import EmitContext, ServiceContext, is_extension
from orchconv.translate.k8s.emit.controllers import DAEMONSET, STATEFULSET, controller_kind
from orchconv.translate.k8s.emit.controllers import replicas as replica_count
from orchconv.translate.k8s.emit.dependencies import PodInfo
from orchconv.translate.k8s.emit.directives import read_directives
from orchconv.translate.k8s.emit.host_ports import on_host
from orchconv.translate.k8s.emit.ingress import ingress_object
from orchconv.translate.k8s.emit.kinds import kind_rank, new_object
from orchconv.translate.k8s.emit.names import dns_label
from orchconv.translate.k8s.emit.options import K8sEmitOptions
from orchconv.translate.k8s.emit.plan import ProjectPlan, plan_project
from orchconv.translate.k8s.emit.pods import PodInputs, build_pod
from orchconv.translate.k8s.emit.policies import (
    network_policy,
    published_policy,
    top_level_network_losses,
)
from orchconv.translate.k8s.emit.ports import PortPlan, port_plan, unpublished_in_cluster
from orchconv.translate.k8s.emit.requests import Directives
from orchconv.translate.k8s.emit.services import service_object
from orchconv.translate.k8s.emit.workloads import workload_object
from orchconv.translate.k8s.vocabulary import MANAGED_BY, MANAGER
from orchconv.translate.result import Conversion, Document


def _pod_names(emit: EmitContext, plan: ProjectPlan,
               contexts: dict[str, ServiceContext]) -> dict[str, str]:
    """The name of each pod owner's workload and Service (a DNS-1035 label)."""
    return {name: emit.names.claim("service", name, dns_label(name, letter_first=True),
                                   path=f"services.{name}", loc=ctx.service.loc)
            for name, ctx in contexts.items() if plan.is_root(name)}


def _group_ports(plan: ProjectPlan, ports: dict[str, PortPlan], root: str) -> list[dict[str, Any]]:
    merged = PortPlan()
    for member in plan.members[root]:
        for entry in ports[member].service_ports:
            merged.add_service_port(entry["port"], entry["targetPort"], entry["protocol"],
                                    entry["name"], entry.get("appProtocol"))
    return merged.service_ports


def _has_probe(contexts: dict[str, ServiceContext], members: list[str]) -> bool:
    checks = (contexts[m].service.healthcheck for m in members)
    return any(c is not None and c.test and not c.is_disabled for c in checks)


def _shared_volumes(plan: ProjectPlan, contexts: dict[str, ServiceContext],
                    kinds: dict[str, str]) -> set[str]:
    """Volumes more than one pod mounts: several services, replicas or nodes."""
    shared = set()
    for volume, owners in plan.volume_users.items():
        many = len(owners) > 1 or any(
            kinds[o] == DAEMONSET
            or (kinds[o] != STATEFULSET and (replica_count(contexts[o]) or 1) > 1)
            for o in owners)
        if many:
            shared.add(volume)
    return shared


def _member_objects(ctx: ServiceContext, directives: Directives, ports: PortPlan,
                    pod_service: dict[str, Any]) -> None:
    """A service put in another's pod by the group label keeps its own name and ports
    (kompose gives it its own Service too), and its Ingress; the pod scales as one."""
    name = ctx.emit.names.claim("service", ctx.service.name,
                                dns_label(ctx.service.name, letter_first=True),
                                path=ctx.path, loc=ctx.service.loc)
    service = service_object(ctx, name, directives, ports.service_ports)
    service["spec"]["selector"] = dict(pod_service["spec"]["selector"])
    ctx.emit.add_object(service)
    added = ingress_object(ctx, name, directives, service)
    if added is not None:
        ctx.emit.add_object(added)
    if directives.hpa is not None:
        for key in (k for k in ctx.service.labels if k.startswith(("kompose.hpa.",
                                                                   "orchconv.io/hpa."))):
            ctx.lose("labels", "the service shares a pod (group label): only the pod's "
                               "owner's autoscaler labels apply", sub=key)


def _namespace(emit: EmitContext) -> dict[str, Any] | None:
    name = emit.options.namespace
    if not name:
        return None
    return new_object(emit.options.k8s_version, "Namespace",
                      {"name": name, "labels": {MANAGED_BY: MANAGER}})


_JSON_KEYS = {True: "true", False: "false", None: "null"}


def _plain(value: Any) -> Any:
    """`value` as a JSON round trip gives it back, without the text in between: dicts
    and lists unshared, tuples as lists, str and int subclasses (enums) as plain str and
    int, keys as strings; the strings themselves are shared with the built object (a large
    project's copies would otherwise hold a string per key and value)."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if isinstance(value, dict):
        return {_key(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):  # an IntEnum: its number, as json writes it
        return int.__index__(value)
    if isinstance(value, float):
        return float.__float__(value)
    raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")


def _key(key: Any) -> str:
    if type(key) is str:
        return key
    if isinstance(key, str):
        return str.__str__(key)
    if key is None or isinstance(key, bool):
        return _JSON_KEYS[key]
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        return float.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _documents(emit: EmitContext) -> list[Document]:
    objects = sorted(emit.objects.values(),
                     key=lambda o: (kind_rank(o["kind"]), o["metadata"]["name"]))
    namespace = _namespace(emit)
    if namespace is not None:
        objects.insert(0, namespace)
    # Each object is released once copied, so the built objects and their copies are
    # never all alive at once (the peak memory of a large project).
    emit.objects.clear()
    objects.reverse()
    documents = []
    while objects:
        built = objects.pop()
        # A copy as plain data unshares dicts that several objects were built from (no
        # YAML anchors downstream) and proves the output is plain data.
        documents.append(Document(f"{built['metadata']['name']}-{built['kind'].lower()}",
                                  _plain(built)))
    return documents


def emit_kubernetes(project: Project, options: K8sEmitOptions | None = None) -> Conversion:
    """Kubernetes manifests for `project`, as plain dicts, with every loss on the way."""
    emit = EmitContext(project, checked(options or K8sEmitOptions()))
    plan = plan_project(project)
    contexts = {name: ServiceContext(emit, project.services[name])
                for name in sorted(project.services)}
    names = _pod_names(emit, plan, contexts)
    directives = {name: read_directives(ctx) for name, ctx in contexts.items()}
    kinds = {root: controller_kind(contexts[root], directives[root]) for root in names}
    ports = {name: port_plan(ctx) for name, ctx in contexts.items()}
    for name, ctx in contexts.items():
        if directives[name].host_ports:
            on_host(ctx, ports[name])
    group_ports = {root: _group_ports(plan, ports, root) for root in names}
    pods = {root: PodInfo(names[root], group_ports[root][0]["port"] if group_ports[root]
                          else None, _has_probe(contexts, plan.members[root]))
            for root in names}
    networks_used = len({n for ctx in contexts.values() for n in ctx.service.networks})
    inputs = PodInputs(plan, directives, ports, pods,
                       _shared_volumes(plan, contexts, kinds), networks_used)
    for root, name in names.items():
        members = [contexts[m] for m in plan.members[root]]
        template, parts = build_pod(members, kinds[root], inputs)
        workload = workload_object(contexts[root], kinds[root], name, template, parts,
                                   directives[root], name)
        emit.add_object(workload)
        service = service_object(contexts[root], name, directives[root], group_ports[root])
        emit.add_object(service)
        for added in (ingress_object(contexts[root], name, directives[root], service),
                      hpa_object(contexts[root], kinds[root], name, directives[root].hpa,
                                 workload)):
            if added is not None:
                emit.add_object(added)
        for member in plan.members[root]:
            if not directives[member].host_ports:  # else the node publishes them
                unpublished_in_cluster(contexts[member], service["spec"]["type"])
        for member in plan.members[root]:
            if member in plan.grouped:
                _member_objects(contexts[member], directives[member], ports[member], service)
        published = [p for m in plan.members[root] for p in ports[m].container_ports
                     if any(port.target == p["containerPort"] for port in
                            contexts[m].service.ports)]
        if emit.options.network_policies and published:
            emit.add_object(published_policy(emit, root, name, published))
    if emit.options.network_policies:
        for network in sorted({n for ctx in contexts.values() for n in ctx.service.networks}):
            emit.add_object(network_policy(emit, network))
    top_level_volume_losses(emit)
    top_level_file_losses(emit)
    top_level_network_losses(emit)
    for key, extra in project.extras.items():
        if not is_extension(key):
            emit.lose(extra.loc, key, "no Kubernetes counterpart")
    for ctx in contexts.values():
        ctx.finish()
    emit.result.documents = _documents(emit)
    return emit.result
