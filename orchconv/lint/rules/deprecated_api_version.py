"""deprecated-api-version: an object written in an API version Kubernetes stopped serving."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Fix, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._k8s import K8S_KINDS, objects
from orchconv.source.yamltree import loc_of


class Removal(NamedTuple):
    removed_in: tuple[int, int]
    replacement: str | None  # the apiVersion to use instead; None when the kind is gone
    # Whether the object means the same under the replacement as written, so
    # that `--fix` may change apiVersion alone.
    same_schema: bool = False


def _table() -> dict[tuple[str, str], Removal]:
    """(apiVersion, kind) -> removal, after the Kubernetes deprecated API migration guide."""
    rows: list[tuple[tuple[int, int], str, tuple[str, ...], str | None, bool]] = [
        ((1, 16), "extensions/v1beta1", ("DaemonSet", "Deployment", "ReplicaSet"), "apps/v1",
         False),
        ((1, 16), "extensions/v1beta1", ("NetworkPolicy",), "networking.k8s.io/v1", False),
        ((1, 16), "extensions/v1beta1", ("PodSecurityPolicy",), "policy/v1beta1", False),
        ((1, 16), "apps/v1beta1", ("Deployment", "StatefulSet", "ControllerRevision"), "apps/v1",
         False),
        ((1, 16), "apps/v1beta2",
         ("DaemonSet", "Deployment", "ReplicaSet", "StatefulSet", "ControllerRevision"),
         "apps/v1", False),
        ((1, 22), "admissionregistration.k8s.io/v1beta1",
         ("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"),
         "admissionregistration.k8s.io/v1", False),
        ((1, 22), "apiextensions.k8s.io/v1beta1", ("CustomResourceDefinition",),
         "apiextensions.k8s.io/v1", False),
        ((1, 22), "apiregistration.k8s.io/v1beta1", ("APIService",), "apiregistration.k8s.io/v1",
         True),
        ((1, 22), "authentication.k8s.io/v1beta1", ("TokenReview",), "authentication.k8s.io/v1",
         True),
        ((1, 22), "authorization.k8s.io/v1beta1",
         ("LocalSubjectAccessReview", "SelfSubjectAccessReview", "SubjectAccessReview"),
         "authorization.k8s.io/v1", False),
        ((1, 22), "certificates.k8s.io/v1beta1", ("CertificateSigningRequest",),
         "certificates.k8s.io/v1", False),
        ((1, 22), "coordination.k8s.io/v1beta1", ("Lease",), "coordination.k8s.io/v1", True),
        ((1, 22), "extensions/v1beta1", ("Ingress",), "networking.k8s.io/v1", False),
        ((1, 22), "networking.k8s.io/v1beta1", ("Ingress",), "networking.k8s.io/v1", False),
        ((1, 22), "networking.k8s.io/v1beta1", ("IngressClass",), "networking.k8s.io/v1", True),
        ((1, 22), "rbac.authorization.k8s.io/v1beta1",
         ("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"),
         "rbac.authorization.k8s.io/v1", True),
        ((1, 22), "scheduling.k8s.io/v1beta1", ("PriorityClass",), "scheduling.k8s.io/v1", True),
        ((1, 22), "storage.k8s.io/v1beta1",
         ("CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"), "storage.k8s.io/v1",
         False),
        ((1, 25), "batch/v1beta1", ("CronJob",), "batch/v1", True),
        ((1, 25), "discovery.k8s.io/v1beta1", ("EndpointSlice",), "discovery.k8s.io/v1", False),
        ((1, 25), "events.k8s.io/v1beta1", ("Event",), "events.k8s.io/v1", False),
        ((1, 25), "autoscaling/v2beta1", ("HorizontalPodAutoscaler",), "autoscaling/v2", False),
        ((1, 25), "policy/v1beta1", ("PodDisruptionBudget",), "policy/v1", False),
        ((1, 25), "policy/v1beta1", ("PodSecurityPolicy",), None, False),
        ((1, 25), "node.k8s.io/v1beta1", ("RuntimeClass",), "node.k8s.io/v1", True),
        ((1, 26), "autoscaling/v2beta2", ("HorizontalPodAutoscaler",), "autoscaling/v2", True),
        ((1, 26), "flowcontrol.apiserver.k8s.io/v1beta1",
         ("FlowSchema", "PriorityLevelConfiguration"), "flowcontrol.apiserver.k8s.io/v1", False),
        ((1, 27), "storage.k8s.io/v1beta1", ("CSIStorageCapacity",), "storage.k8s.io/v1", True),
        ((1, 29), "flowcontrol.apiserver.k8s.io/v1beta2",
         ("FlowSchema", "PriorityLevelConfiguration"), "flowcontrol.apiserver.k8s.io/v1", False),
        ((1, 32), "flowcontrol.apiserver.k8s.io/v1beta3",
         ("FlowSchema", "PriorityLevelConfiguration"), "flowcontrol.apiserver.k8s.io/v1", False),
    ]
    return {(api, kind): Removal(version, replacement, same)
            for version, api, kinds, replacement, same in rows for kind in kinds}


REMOVED_APIS = _table()


def parse_version(text: str | None) -> tuple[int, int] | None:
    """`1.29` as (1, 29); None when absent or not MAJOR.MINOR."""
    if not text:
        return None
    major, _, minor = text.partition(".")
    if not (major.isdigit() and minor.isdigit()):
        return None
    return int(major), int(minor)


def removal_of(api_version: str, kind: str) -> Removal | None:
    return REMOVED_APIS.get((api_version, kind))


def _shown(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"


class DeprecatedApiVersion(Rule):
    """An object in an API version that Kubernetes no longer serves.

    ## What it does
    Reports an object whose `apiVersion` and `kind` Kubernetes has removed,
    after the Kubernetes deprecated API migration guide: the `extensions`,
    `apps/v1beta1` and `apps/v1beta2` workloads (removed in 1.16), the
    `v1beta1` Ingress, RBAC, CRD, webhook, storage, PriorityClass and Lease
    APIs (1.22), `batch/v1beta1` CronJob, `policy/v1beta1`
    PodDisruptionBudget and PodSecurityPolicy, `autoscaling/v2beta1`,
    `discovery.k8s.io/v1beta1`, `events.k8s.io/v1beta1`,
    `node.k8s.io/v1beta1` (1.25), `autoscaling/v2beta2` and flowcontrol
    `v1beta1` (1.26), `storage.k8s.io/v1beta1` CSIStorageCapacity (1.27),
    flowcontrol `v1beta2` (1.29) and `v1beta3` (1.32).  With
    `--k8s-version` (or `k8s-version` in the configuration) older than the
    removal, the finding is a warning that names the release that removes
    it; without one, the newest Kubernetes is assumed.

    ## Why it matters
    The API server refuses an object in a version it no longer serves
    ("no matches for kind"), so the manifest stops applying the day the
    cluster is upgraded.

    ## Example
    ```yaml
    apiVersion: batch/v1beta1
    kind: CronJob
    metadata: {name: report}
    ```

    ## Fix
    Use the version the message names.  `--fix` changes `apiVersion` where
    the object means the same under the new version (CronJob, RBAC,
    PriorityClass, Lease, RuntimeClass, IngressClass, APIService,
    TokenReview, CSIStorageCapacity, `autoscaling/v2beta2`); elsewhere
    fields changed too (Ingress backends, the `apps/v1` selector, the PDB's
    empty selector) and the object needs rewriting by hand.
    PodSecurityPolicy has no successor: use Pod Security Admission.
    """

    id = "deprecated-api-version"
    kinds = K8S_KINDS
    level = Level.ERROR
    category = "correctness"
    fixable = True

    def check(self, context: LintContext) -> Iterator[Finding]:
        target = parse_version(context.k8s_version)
        for obj in objects(context):
            removal = removal_of(obj.api_version, obj.kind)
            if removal is None:
                continue
            removed = _shown(removal.removed_in)
            if removal.replacement is None:
                advice = "the kind is gone; use Pod Security Admission"
            else:
                advice = f"use {removal.replacement}"
            level = None
            if target is None:
                message = (f"{obj.label}: {obj.api_version} {obj.kind} was removed in Kubernetes"
                           f" {removed}; {advice}")
            elif target >= removal.removed_in:
                message = (f"{obj.label}: Kubernetes {_shown(target)} does not serve"
                           f" {obj.api_version} {obj.kind} (removed in {removed}); {advice}")
            else:
                message = (f"{obj.label}: {obj.api_version} {obj.kind} is deprecated and removed"
                           f" in Kubernetes {removed}; {advice}")
                level = Level.WARNING
            fix = None
            if removal.same_schema and removal.replacement is not None:
                fix = Fix(f"use {removal.replacement}", obj.fix_path("apiVersion"), "set-key",
                          (("value", removal.replacement),), document=obj.document)
            yield self.finding(context, message, loc_of(obj.data, "apiVersion"), fix=fix,
                               level=level)
