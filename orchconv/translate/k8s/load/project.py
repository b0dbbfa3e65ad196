"""The entry point: manifests -> an IR project, with every loss on the way.

Passes: read and (by default) validate every object; index ConfigMaps,
Secrets and claims; name each workload's owning service; read the pods;
attach Services' ports; resolve the emitter's wait-for init containers to
depends_on; report the other objects and every key no pass read.  The result
is the project compose would load from the equivalent compose file: default
network, resource names and implied dependencies made explicit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orchconv.errors import InputError, ValidationError
from orchconv.ir.codec import decode
from orchconv.ir.loss import Loss
from orchconv.ir.project import Project
from orchconv.location import Loc
from orchconv.project_name import normalise_project_name
from orchconv.redaction import register_manifests
from orchconv.source.yamltree import YMap
from orchconv.translate.k8s.load.config import CONFIGMAP, SECRET, PayloadStore
from orchconv.translate.k8s.load.context import LoadContext
from orchconv.translate.k8s.load.directives import read_autoscaler, read_ingress
from orchconv.translate.k8s.load.documents import (
    KUSTOMIZATION,
    Manifest,
    latest_definitions,
    read_manifests,
)
from orchconv.translate.k8s.load.draft import Draft
from orchconv.translate.k8s.load.lookup import PodIndex, services_by_name
from orchconv.translate.k8s.load.metadata import is_ours
from orchconv.translate.k8s.load.options import K8sLoadOptions
from orchconv.translate.k8s.load.other import lose_object
from orchconv.translate.k8s.load.pod import Pod, PodReader, dependency
from orchconv.translate.k8s.load.services import ServiceReader, host_ports, uncovered_ports
from orchconv.translate.k8s.load.storage import ClaimStore
from orchconv.translate.k8s.load.validate import EXTRA_HINT, schemas_available, validate_manifest
from orchconv.translate.k8s.load.workloads import WORKLOAD_KINDS, WorkloadReader, workload_name
from orchconv.translate.k8s.vocabulary import INGRESS_LABEL, PART_OF

PVC = "PersistentVolumeClaim"
# A kustomization that only lists the files beside it (as `-o DIR` writes) changes nothing.
_PLAIN_KUSTOMIZATION = frozenset({"apiVersion", "kind", "namespace", "resources"})


@dataclass
class K8sLoadResult:
    """The project read from manifests, with losses and warnings."""

    project: Project
    losses: list[Loss] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Values of the secrets the compose file reads from the environment (never printed).
    environ: dict[str, str] = field(default_factory=dict, repr=False)


def _project_name(manifests: list[Manifest], inputs: tuple[Path, ...]) -> str:
    """The part-of label orchconv writes, else the namespace, else the first input's folder."""
    for manifest in manifests:
        metadata = manifest.body.get("metadata")
        labels = metadata.get("labels") if isinstance(metadata, dict) else None
        if isinstance(labels, dict) and is_ours(labels) and labels.get(PART_OF):
            return str(labels[PART_OF])
    namespaces = [m.namespace for m in manifests if m.namespace]
    namespaces += [m.name for m in manifests if m.kind == "Namespace"]
    if namespaces:
        return namespaces[0]
    first = inputs[0].resolve() if inputs else Path.cwd()
    folder = first if first.is_dir() else first.parent
    return folder.name


def _validate(manifests: list[Manifest], options: K8sLoadOptions, ledger_warn: Any) -> None:
    if not options.validate:
        return
    if not schemas_available():
        ledger_warn(f"manifests were not checked against the Kubernetes schemas: {EXTRA_HINT}")
        return
    for manifest in manifests:
        problems = validate_manifest(manifest.body, options.k8s_version)
        if problems:
            first = problems[0]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise ValidationError(f"{manifest.label}: {first.path}: {first.message}{more}",
                                  first.loc or manifest.loc)


def _waits(pods: list[Pod], services: ServiceReader) -> None:
    """The emitter's wait-for init containers become depends_on again."""
    by_name = {(p.namespace, p.owner.name): p for p in pods}
    for pod in pods:
        for service_name, loc in pod.waits:
            target = services.compose_names.get((pod.namespace, service_name))
            if target is None and (pod.namespace, service_name) in by_name:
                target = service_name
            if target is None:
                services.ctx.ledger.lose(loc, f"{pod.manifest.label}.initContainers",
                                         f"waits for {service_name}, which is not among the "
                                         "inputs")
                continue
            pod.owner.section("depends_on", loc).put(
                target, dependency(loc, "service_started"), loc, loc)


def _as_directives(manifest: Manifest, by_name: dict[tuple[str | None, str], Manifest],
                   services: ServiceReader, pods: PodIndex) -> bool:
    """An Ingress or autoscaler the directive labels can make again, read back as them:
    compose2k8s makes it again, but compose itself neither routes hosts nor scales."""
    if manifest.kind == "Ingress":
        done = read_ingress(manifest, by_name, services.compose_names, pods)
        what = f"{INGRESS_LABEL} labels; compose itself routes no hosts (a reverse proxy " \
               "service would)"
    elif manifest.kind == "HorizontalPodAutoscaler":
        done = read_autoscaler(manifest, pods)
        what = "orchconv.io/hpa.* labels; compose itself does not scale services by load"
    else:
        return False
    if done:
        services.ctx.ledger.lose(manifest.loc, manifest.label, f"kept as the {what}")
    return done


def _service_data(draft: Draft) -> YMap:
    return draft.data


def _project_data(ctx: LoadContext, drafts: list[Draft]) -> YMap:
    data = YMap(Loc("<generated>"))
    data["name"] = ctx.project_name
    services = YMap(Loc("<generated>"))
    for draft in sorted(drafts, key=lambda d: d.name):
        services.put(draft.name, _service_data(draft), draft.loc, draft.loc)
    data["services"] = services
    for key, section in (("networks", ctx.networks), ("volumes", ctx.volumes),
                         ("secrets", ctx.secrets), ("configs", ctx.configs)):
        if section:
            data[key] = section
    return data


def load_kubernetes(inputs: tuple[Path, ...], options: K8sLoadOptions | None = None
                    ) -> K8sLoadResult:
    """The IR project the manifests in `inputs` (files or folders) describe."""
    options = (options or K8sLoadOptions()).checked()
    manifests, _ = read_manifests(inputs, options.recursive)
    register_manifests(m.body for m in manifests)  # masked in every message of the run
    if not manifests:
        raise InputError("no Kubernetes objects in the input",
                         Loc(str(inputs[0])) if inputs else None)
    manifests, replaced = latest_definitions(manifests)
    raw_name = options.project_name or _project_name(manifests, inputs)
    name = normalise_project_name(raw_name) or "default"
    ctx = LoadContext(options, name)
    for warning in replaced:
        ctx.ledger.warn(warning)
    _validate(manifests, options, ctx.ledger.warn)
    namespaces = {m.namespace for m in manifests if m.namespace}
    if len(namespaces) > 1:
        ctx.ledger.warn(f"objects come from {len(namespaces)} namespaces; compose has one "
                        "project, and names must not repeat across them")
    store = PayloadStore(ctx)
    claims = ClaimStore(ctx)
    for manifest in manifests:
        if manifest.kind in (CONFIGMAP, SECRET) and manifest.api_version == "v1":
            store.add(manifest)
        elif manifest.kind == PVC and manifest.api_version == "v1":
            claims.add(manifest)
    workloads = [m for m in manifests if m.kind in WORKLOAD_KINDS]
    owners = {id(m): workload_name(ctx, m) for m in workloads}
    reader = WorkloadReader(ctx, PodReader(ctx, store, claims))
    pods = [reader.read(m, owners[id(m)]) for m in workloads]
    for pod in pods:
        host_ports(pod)
    index = PodIndex(pods)
    services = ServiceReader(ctx, index)
    for manifest in manifests:
        if manifest.kind == "Service" and manifest.api_version == "v1":
            services.read(manifest)
    for pod in pods:
        uncovered_ports(pod)
    _waits(pods, services)
    handled = set(WORKLOAD_KINDS) | {CONFIGMAP, SECRET, PVC, "Service"}
    by_name = services_by_name(manifests)
    for manifest in manifests:
        if manifest.kind == KUSTOMIZATION and set(manifest.body) - _PLAIN_KUSTOMIZATION:
            ctx.ledger.warn(f"{manifest.loc.file} is a kustomization: its patches and "
                            "generators are not applied; the manifests are read as written")
        elif manifest.kind not in handled and manifest.kind != KUSTOMIZATION \
                and not _as_directives(manifest, by_name, services, index):
            lose_object(ctx, manifest)
    store.finish()
    claims.finish()
    ctx.ledger.finish()
    drafts = [d for pod in pods for d in pod.all_drafts()]
    project = decode(Project, _project_data(ctx, drafts), path="")
    return K8sLoadResult(project, ctx.ledger.losses, ctx.ledger.warnings, dict(ctx.environ))
