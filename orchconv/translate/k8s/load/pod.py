"""A pod template -> the services of the pod.

The first container is the service owning the pod; every other container is
a service joined to its network namespace (`network_mode: service:<owner>`).
Init containers are one-off services the owner waits for, except the ones
the Kubernetes emitter writes to wait for a dependency, which become
depends_on again.  Pod-level fields belong to the owner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orchconv.location import Loc
from orchconv.source.yamltree import YSeq
from orchconv.translate.k8s.load.config import PayloadStore
from orchconv.translate.k8s.load.container import ContainerPort, read_container
from orchconv.translate.k8s.load.context import LoadContext
from orchconv.translate.k8s.load.documents import SERVER_ANNOTATIONS, SERVER_METADATA, Manifest
from orchconv.translate.k8s.load.draft import Draft, new_map
from orchconv.translate.k8s.load.metadata import OURS
from orchconv.translate.k8s.load.mounts import PodVolumes
from orchconv.translate.k8s.load.node import Node
from orchconv.translate.k8s.load.scheduling import read_scheduling
from orchconv.translate.k8s.load.security import pod_security
from orchconv.translate.k8s.load.storage import ClaimStore
from orchconv.translate.k8s.load.units import go_duration
from orchconv.translate.k8s.vocabulary import (
    ANNOTATION_KEYS,
    NETWORK_PREFIX,
    PULL_SECRET,
    SERVICE_ACCOUNT,
)

_WAIT = re.compile(r"until (?:nc -z (\S+) \d+|nslookup (\S+)); do echo waiting for \S+; "
                   r"sleep 2; done")


@dataclass
class Pod:
    """The services one pod template became, and what Services need to find them."""

    manifest: Manifest
    labels: dict[str, str]  # the template's labels, which Service selectors match
    owner: Draft
    members: list[Draft] = field(default_factory=list)  # owner first, then joined services
    ports: dict[str, list[ContainerPort]] = field(default_factory=dict)  # service -> ports
    waits: list[tuple[str, Loc]] = field(default_factory=list)  # Services to wait for
    extra: list[Draft] = field(default_factory=list)  # init containers run as services

    @property
    def namespace(self) -> str | None:
        return self.manifest.namespace

    def all_drafts(self) -> list[Draft]:
        return [*self.members, *self.extra]


def dependency(loc: Loc, condition: str, *, restart: bool = False) -> dict[str, object]:
    return new_map(loc, condition=condition, restart=restart, required=True)


def _join(owner: Draft, member: Draft, loc: Loc) -> None:
    member.set("network_mode", f"service:{owner.name}", loc)
    member.section("depends_on", loc).put(owner.name, dependency(loc, "service_started",
                                                                 restart=True), loc, loc)


def _dns(spec: Node, owner: Draft, host_network: bool) -> None:
    config = spec.node("dnsConfig")
    nameservers = config.strings("nameservers") if config else []
    if config is not None:
        for key, target in (("nameservers", "dns"), ("searches", "dns_search")):
            for value in config.strings(key):
                owner.append(target, value, config.value_loc(key))
        for option in config.nodes("options"):
            option_name = option.text("name") or ""
            option_value = option.text("value")
            owner.append("dns_opt", f"{option_name}:{option_value}" if option_value
                         else option_name, option.loc)
    policy = spec.text("dnsPolicy") or "ClusterFirst"
    accepted = {"ClusterFirst"} | ({"ClusterFirstWithHostNet"} if host_network else set()) | (
        {"None"} if nameservers else set())
    if policy not in accepted:
        spec.lose("dnsPolicy", f"dnsPolicy {policy} has no compose counterpart; containers "
                               "use Docker's embedded DNS")


def _host_aliases(spec: Node, owner: Draft) -> None:
    entries: list[str] = []
    for alias in spec.nodes("hostAliases"):
        ip = alias.text("ip") or ""
        entries.extend(f"{host}={ip}" for host in alias.strings("hostnames"))
    if entries:
        hosts = YSeq(spec.value_loc("hostAliases"))
        for entry in sorted(dict.fromkeys(entries)):
            hosts.add(entry, spec.value_loc("hostAliases"))
        owner.set("extra_hosts", hosts, spec.key_loc("hostAliases"))


def _pod_fields(spec: Node, owner: Draft, joined: list[Draft]) -> None:
    hostname = spec.text("hostname")
    if hostname:
        owner.set("hostname", hostname, spec.value_loc("hostname"))
    host_network = bool(spec.boolean("hostNetwork"))
    if host_network:
        owner.set("network_mode", "host", spec.key_loc("hostNetwork"))
    if spec.boolean("hostPID"):
        owner.set("pid", "host", spec.key_loc("hostPID"))
    if spec.boolean("hostIPC"):
        owner.set("ipc", "host", spec.key_loc("hostIPC"))
    if spec.boolean("shareProcessNamespace"):
        # The pause container is PID 1 and reaps zombies, as docker's init does.
        owner.set("init", True, spec.key_loc("shareProcessNamespace"))
        for member in joined:
            member.set("pid", f"service:{owner.name}", spec.key_loc("shareProcessNamespace"))
    _dns(spec, owner, host_network)
    _host_aliases(spec, owner)
    grace = spec.integer("terminationGracePeriodSeconds")
    if grace is not None:
        owner.set("stop_grace_period", go_duration(grace),
                  spec.value_loc("terminationGracePeriodSeconds"))
    account = spec.text("serviceAccountName") or spec.text("serviceAccount")
    if account and account != "default":
        owner.label(SERVICE_ACCOUNT[0], account, spec.key_loc("serviceAccountName"))
    secrets = spec.nodes("imagePullSecrets")
    if secrets:
        owner.label(PULL_SECRET[0], secrets[0].text("name") or "", secrets[0].loc)
        for extra in secrets[1:]:
            extra.lose_self("only one image pull secret is kept (kompose.image-pull-secret)")
    spec.default("schedulerName", "default-scheduler")
    spec.default("enableServiceLinks", True)


def _pod_labels(template_meta: Node | None, selector: dict[str, str],
                owner: Draft, ctx: LoadContext) -> list[str]:
    """The template's own labels and annotations on the owner; returns its network labels.

    Annotations are the owner's labels (container labels hold any text), except those
    the emitter listed under ANNOTATION_KEYS, which were compose annotations."""
    if template_meta is None:
        return []
    labels = template_meta.string_map("labels")
    annotations = template_meta.string_map("annotations")
    listed = set(filter(None, annotations.pop(ANNOTATION_KEYS, "").split(",")))
    networks = [k[len(NETWORK_PREFIX):] for k, v in labels.items()
                if k.startswith(NETWORK_PREFIX) and v == "true"]
    kept = {k: v for k, v in labels.items()
            if k not in selector and k not in OURS and not k.startswith(NETWORK_PREFIX)}
    kept.update((k, v) for k, v in annotations.items()
                if k not in SERVER_ANNOTATIONS and k not in listed)
    for key in sorted(kept):
        owner.label(key, kept[key], template_meta.loc)
    for key in sorted(listed & set(annotations)):
        owner.section("annotations", template_meta.loc).put(
            key, annotations[key], template_meta.loc, template_meta.loc)
    template_meta.skip("name", "namespace", *SERVER_METADATA)
    return networks


def _networks(ctx: LoadContext, owner: Draft, names: list[str], loc: Loc) -> None:
    if owner.get("network_mode") is not None:
        return
    for name in names or ["default"]:
        owner.section("networks", loc).put(name, None, loc, loc)
        if name not in ctx.networks:
            ctx.networks.put(name, new_map(loc, name=ctx.resource_name(name)), loc, loc)


class PodReader:
    def __init__(self, ctx: LoadContext, store: PayloadStore, claims: ClaimStore) -> None:
        self.ctx = ctx
        self.store = store
        self.claims = claims

    def read(self, manifest: Manifest, template: Node, owner_name: str, restart: str,
             selector: dict[str, str], claim_templates: set[str]) -> Pod:
        meta = template.node("metadata")
        spec = template.node("spec")
        if spec is None:
            spec = Node({}, template.sub("spec"), template.loc, self.ctx.ledger)
        labels = dict(meta.data.get("labels") or {}) if meta is not None else {}
        owner = Draft(owner_name, manifest.loc)
        pod = Pod(manifest, labels, owner)
        containers = spec.nodes("containers")
        inits = spec.nodes("initContainers")
        sidecars = [c for c in inits if c.data.get("restartPolicy") == "Always"]
        named = [(owner, containers[0])] if containers else []
        for container in [*containers[1:], *sidecars]:
            name = str(container.data.get("name"))
            named.append((Draft(self.ctx.claim_service_name(name, f"{owner_name}-{name}"),
                                container.loc), container))
        volumes = PodVolumes(self.ctx, self.store, self.claims, owner_name, manifest.namespace,
                             claim_templates=claim_templates)
        volumes.add(spec, [(d.name, c) for d, c in named] +
                    [(str(c.data.get("name")), c) for c in inits if c not in sidecars])
        security = spec.node("securityContext")
        for draft, container in named:
            pod.members.append(draft)
            pod.ports[draft.name] = read_container(container, draft, volumes, security)
            draft.set("restart", restart, container.loc)
        for draft, container in named[1:]:
            _join(owner, draft, container.loc)
            if container in sidecars:
                container.skip("restartPolicy")
                container.ledger.lose(container.loc, container.path, "a sidecar starts before "
                                      "the main container in Kubernetes; compose starts it after")
        _pod_fields(spec, owner, [d for d, _ in named[1:]])
        pod_security(security, owner)
        read_scheduling(spec, owner, labels)
        networks = _pod_labels(meta, selector, owner, self.ctx)
        _networks(self.ctx, owner, networks, manifest.loc)
        self._init_containers(pod, [c for c in inits if c not in sidecars], volumes, security)
        volumes.unused()
        spec.skip("volumes", "restartPolicy")
        return pod

    def _init_containers(self, pod: Pod, inits: list[Node], volumes: PodVolumes,
                         security: Node | None) -> None:
        previous: Draft | None = None
        for container in inits:
            command = container.data.get("command") or []
            script = command[2] if len(command) == 3 and command[:2] == ["sh", "-c"] else ""
            match = _WAIT.fullmatch(str(script))
            if match is not None and str(container.data.get("name", "")).startswith("wait-for-"):
                container.skip(*container.data)
                pod.waits.append((match.group(1) or match.group(2), container.loc))
                continue
            name = str(container.data.get("name"))
            draft = Draft(self.ctx.claim_service_name(name, f"{pod.owner.name}-{name}"),
                          container.loc)
            read_container(container, draft, volumes, security)
            draft.set("restart", "no", container.loc)
            if previous is not None:
                draft.section("depends_on", container.loc).put(
                    previous.name, dependency(container.loc, "service_completed_successfully"),
                    container.loc, container.loc)
            _networks(self.ctx, draft, [], container.loc)
            pod.extra.append(draft)
            container.ledger.lose(container.loc, container.path, f"the init container runs as "
                                  f"the one-off service {draft.name}, which "
                                  f"{pod.owner.name} waits for; it does not share the pod's "
                                  "network namespace")
            previous = draft
        if previous is not None:
            pod.owner.section("depends_on", previous.loc).put(
                previous.name, dependency(previous.loc, "service_completed_successfully"),
                previous.loc, previous.loc)
