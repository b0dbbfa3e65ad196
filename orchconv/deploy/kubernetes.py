"""Deploy manifests to a Kubernetes cluster with server-side apply; read them back.

apply:     server-side apply (field manager "orchconv") of every manifest, labelled
           io.orchconv.owner=<name>, into one namespace (created, and then ours, if
           missing); objects of the same name that are not ours are refused
wait:      Deployments available, StatefulSets/DaemonSets ready, Jobs complete,
           pods of their own Succeeded (restartPolicy Never/OnFailure) or Ready,
           claims bound, Services with a ready endpoint (EndpointSlices); a failed
           Job or pod, or a crash-looping pod, fails the wait with its exit code
read_back: our objects -> the fields we applied (managedFields) -> the k8s loader
teardown:  delete every object labelled as ours, the PVs made for our claims, and
           the namespace if we created it and nothing of anyone else is left in it
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from orchconv.deploy.base import (
    DEFAULT_TIMEOUT,
    OWNER_LABEL,
    DeployError,
    ReadBack,
    checked_name,
    owned_by,
    owner_label,
    wait_until_gone,
    wait_until_ready,
)
from orchconv.deploy.k8s_client import FIELD_MANAGER, Cluster, api_error, connect
from orchconv.deploy.k8s_manifests import manifest_from_live
from orchconv.deploy.k8s_status import (
    WORKLOAD_CHECKS,
    condition_lines,
    crash_loop,
    event_lines,
    job,
    pod,
    runs_to_completion,
    selected,
    service,
    unschedulable,
)
from orchconv.deploy.k8s_volumes import bind_pending_claims, owned_volume_selector
from orchconv.deploy.progress import Progress, UnitStatus
from orchconv.deploy.readback_load import READBACK_FILE

# What read-back and export look at, in the order manifests are written.
READ_KINDS = (
    ("v1", "ConfigMap"), ("v1", "Secret"), ("v1", "PersistentVolumeClaim"),
    ("v1", "Service"), ("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"),
    ("apps/v1", "DaemonSet"), ("batch/v1", "Job"), ("batch/v1", "CronJob"),
    ("policy/v1", "PodDisruptionBudget"), ("networking.k8s.io/v1", "NetworkPolicy"),
    ("networking.k8s.io/v1", "Ingress"), ("v1", "ServiceAccount"),
    ("autoscaling/v2", "HorizontalPodAutoscaler"),
)
_WAITED_KINDS = (("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"),
                 ("apps/v1", "DaemonSet"), ("batch/v1", "Job"), ("v1", "Pod"),
                 ("v1", "PersistentVolumeClaim"), ("v1", "Service"))
_LONG_RUNNING = ("Deployment", "StatefulSet", "DaemonSet")
# What the cluster makes in every namespace on its own: never exported.
_CLUSTER_MADE = {("ConfigMap", "kube-root-ca.crt"), ("ServiceAccount", "default"),
                 ("Service", "kubernetes")}


class KubernetesBackend:
    target = "k8s"

    def __init__(self, name: str, namespace: str | None = None, context: str | None = None,
                 kubeconfig: Path | None = None, bind_claims: bool = False) -> None:
        self.name = checked_name(name)
        self._namespace = namespace
        self.context = context
        self.kubeconfig = kubeconfig
        self.bind_claims = bind_claims  # make hostPath PVs for pending claims (test clusters)
        self._cluster: Cluster | None = None
        self._namespace_deleted = False
        self._kinds: list[Any] | None = None
        self._last: dict[str, Mapping[str, Any]] = {}  # unit -> object at the last poll

    @property
    def cluster(self) -> Cluster:
        if self._cluster is None:
            self._cluster = connect(self.kubeconfig, self.context)
        return self._cluster

    @property
    def namespace(self) -> str:
        return self._namespace or self.cluster.default_namespace

    @property
    def selector(self) -> str:
        return owner_label(self.name)

    # ------------------------------------------------------------------ apply
    def _live(self, api_version: str, kind: str, name: str, namespaced: bool) -> Any:
        from kubernetes.dynamic.exceptions import NotFoundError

        resource = self.cluster.resource(api_version, kind)
        try:
            found = resource.get(name=name, namespace=self.namespace if namespaced else None)
        except NotFoundError:
            return None
        return found.to_dict()

    def _ensure_namespace(self) -> None:
        live = self._live("v1", "Namespace", self.namespace, namespaced=False)
        if live is not None:
            return
        body = {"apiVersion": "v1", "kind": "Namespace",
                "metadata": {"name": self.namespace, "labels": {OWNER_LABEL: self.name}}}
        self._server_side_apply(body)

    def _server_side_apply(self, body: Mapping[str, Any]) -> None:
        from kubernetes.client.exceptions import ApiException

        resource = self.cluster.resource(str(body["apiVersion"]), str(body["kind"]))
        metadata = body["metadata"]
        try:
            self.cluster.api.server_side_apply(
                resource, body=dict(body), name=metadata["name"],
                namespace=metadata.get("namespace"), field_manager=FIELD_MANAGER,
                force_conflicts=True)
        except ApiException as error:
            raise api_error(error, f"{body['kind']}/{metadata['name']}") from None

    def _prepared(self, document: Mapping[str, Any]) -> dict[str, Any] | None:
        """The manifest labelled as ours, placed in our namespace; None to skip it."""
        if not isinstance(document, Mapping) or "kind" not in document \
                or "apiVersion" not in document:
            raise DeployError("a manifest needs apiVersion and kind")
        manifest = copy.deepcopy(dict(document))
        kind, metadata = str(manifest["kind"]), manifest.setdefault("metadata", {})
        name = metadata.get("name")
        if not name:
            raise DeployError(f"a {kind} manifest has no metadata.name")
        if kind == "Namespace":
            if name != self.namespace:
                raise DeployError(f"Namespace {name} is not the target namespace"
                                  f" {self.namespace}; pass --namespace {name}")
            return None  # made (and labelled) by _ensure_namespace when missing
        resource = self.cluster.resource(str(manifest["apiVersion"]), kind)
        if resource.namespaced:
            wanted = metadata.get("namespace")
            if wanted and wanted != self.namespace:
                raise DeployError(f"{kind}/{name} is in namespace {wanted}, not in the"
                                  f" target namespace {self.namespace}")
            metadata["namespace"] = self.namespace
        metadata["labels"] = {**(metadata.get("labels") or {}), OWNER_LABEL: self.name}
        live = self._live(str(manifest["apiVersion"]), kind, name, resource.namespaced)
        if live is not None and not owned_by((live.get("metadata") or {}).get("labels"),
                                             self.name):
            raise DeployError(f"{kind}/{name} already exists in {self.namespace} and was"
                              f" not deployed by orchconv as {self.name!r}")
        return manifest

    def apply(self, documents: Sequence[Mapping[str, Any]]) -> None:
        self._ensure_namespace()
        prepared = [m for m in (self._prepared(d) for d in documents) if m is not None]
        for manifest in prepared:
            self._server_side_apply(manifest)

    # ------------------------------------------------------------------- wait
    def _owned(self, api_version: str, kind: str,
               selector: str | None = None) -> list[dict[str, Any]]:
        resource = self.cluster.resource(api_version, kind)
        listed = resource.get(namespace=self.namespace,
                              label_selector=self.selector if selector is None else selector)
        items: list[dict[str, Any]] = listed.to_dict().get("items") or []
        for item in items:  # list items carry no kind
            item.setdefault("apiVersion", api_version)
            item.setdefault("kind", kind)
        return items

    def _statuses(self) -> list[UnitStatus]:
        if self.bind_claims:
            bind_pending_claims(self.cluster, self.namespace, self.name)
        # Every pod in the namespace: a workload's pods carry its template's labels, not ours.
        pods = self._owned("v1", "Pod", selector="")
        statuses: list[UnitStatus] = []
        templates: list[Mapping[str, str]] = []
        self._last = {}
        for api_version, kind in _WAITED_KINDS:
            for obj in self._owned(api_version, kind):
                metadata = obj.get("metadata") or {}
                if kind == "Pod" and metadata.get("ownerReferences"):
                    continue  # made by a controller: its workload is waited for
                if kind == "Service":
                    status = self._service_status(obj, templates)
                else:
                    status = self._workload_status(kind, obj, pods, templates)
                self._last[status.name] = obj
                statuses.append(status)
        return statuses

    @staticmethod
    def _workload_status(kind: str, obj: Mapping[str, Any], pods: list[dict[str, Any]],
                         templates: list[Mapping[str, str]]) -> UnitStatus:
        spec = obj.get("spec") or {}
        if kind == "Job":
            status = job(obj, selected(pods, spec.get("selector") or {}))
            stuck = None if status.ready or status.failure else unschedulable(
                selected(pods, spec.get("selector") or {}))
            return UnitStatus(status.name, status.state, False, stuck) if stuck else status
        if kind == "Pod":
            if not runs_to_completion(spec):
                templates.append((obj.get("metadata") or {}).get("labels") or {})
            return pod(obj)
        status = WORKLOAD_CHECKS[kind](obj)
        if kind in _LONG_RUNNING and spec.get("replicas", 1) != 0:
            template = spec.get("template") or {}
            templates.append((template.get("metadata") or {}).get("labels") or {})
            if not status.ready:
                mine = selected(pods, spec.get("selector") or {})
                stuck = crash_loop(mine) or unschedulable(mine)
                if stuck:
                    return UnitStatus(status.name, status.state, False, stuck)
        return status

    def _describe(self, units: list[UnitStatus]) -> list[str]:
        """What `kubectl describe` shows of each unit: its conditions and last events."""
        events = self.cluster.resource("v1", "Event").get(
            namespace=self.namespace).to_dict().get("items") or []
        lines = []
        for unit in units:
            obj = self._last.get(unit.name) or {}
            lines.append(f"{unit.name}: {unit.failure or unit.state}")
            lines.extend(condition_lines(obj))
            lines.extend(event_lines(events, str((obj.get("metadata") or {}).get("name"))))
        return lines

    def _service_status(self, obj: Mapping[str, Any],
                        templates: list[Mapping[str, str]]) -> UnitStatus:
        selector: Mapping[str, str] = (obj.get("spec") or {}).get("selector") or {}
        selected = any(selector and all(t.get(k) == v for k, v in selector.items())
                       for t in templates)
        name = obj["metadata"]["name"]
        slices = self._owned("discovery.k8s.io/v1", "EndpointSlice",
                             selector=f"kubernetes.io/service-name={name}")
        return service(obj, slices, selected)

    def wait(self, timeout: float = DEFAULT_TIMEOUT, progress: Progress | None = None) -> None:
        wait_until_ready(self._statuses, timeout, progress, describe=self._describe)

    # -------------------------------------------------------------- read back
    def live_objects(self, owned_only: bool = True) -> list[dict[str, Any]]:
        """Our objects (or, for export, every user object) of the kinds in READ_KINDS."""
        from kubernetes.client.exceptions import ApiException

        found: list[dict[str, Any]] = []
        for api_version, kind in READ_KINDS:
            try:
                items = self._owned(api_version, kind, None if owned_only else "")
            except (DeployError, ApiException):
                continue  # a kind this cluster does not serve, or we may not list
            for item in items:
                metadata = item.get("metadata") or {}
                if metadata.get("ownerReferences") or (kind, metadata.get("name")) in \
                        _CLUSTER_MADE:
                    continue  # made by a controller or by the cluster itself
                if kind == "Secret" and str(item.get("type", "")).startswith(
                        "kubernetes.io/service-account-token"):
                    continue
                found.append(item)
        return found

    def read_back_documents(self, owned_only: bool = True) -> list[dict[str, Any]]:
        return [manifest_from_live(obj, FIELD_MANAGER)
                for obj in self.live_objects(owned_only)]

    def read_back(self, owned_only: bool = True) -> ReadBack:
        documents = self.read_back_documents(owned_only)
        return load_manifests(documents)

    # --------------------------------------------------------------- teardown
    def _deletable_kinds(self) -> list[Any]:
        """Every namespaced kind the server lets us list and delete (asked once)."""
        from kubernetes.dynamic.resource import ResourceList

        if self._kinds is not None:
            return self._kinds
        kinds = []
        for resource in self.cluster.api.resources.search():
            if isinstance(resource, ResourceList):
                continue  # the "...List" pseudo-kinds
            verbs = set(getattr(resource, "verbs", None) or [])
            if getattr(resource, "namespaced", False) and {"list", "delete"} <= verbs \
                    and "/" not in str(resource.name) and resource.kind not in (
                        "Event", "Binding", "EndpointSlice", "Endpoints", "ReplicaSet",
                        "ControllerRevision", "Lease"):
                kinds.append(resource)
        unique = {(r.group_version, r.kind): r for r in kinds}
        self._kinds = list(unique.values())
        return self._kinds

    def _remaining(self) -> list[str]:
        left: list[str] = []
        for resource in self._deletable_kinds():
            listed = resource.get(namespace=self.namespace, label_selector=self.selector)
            left.extend(f"{resource.kind}/{i['metadata']['name']}"
                        for i in listed.to_dict().get("items") or [])
        volumes = self.cluster.resource("v1", "PersistentVolume").get(
            label_selector=owned_volume_selector(self.namespace, self.name))
        left.extend(f"PersistentVolume/{i['metadata']['name']}"
                    for i in volumes.to_dict().get("items") or [])
        if self._namespace_deleted and self._live("v1", "Namespace", self.namespace,
                                                  namespaced=False) is not None:
            left.append(f"Namespace/{self.namespace}")
        return left

    def _namespace_is_ours(self, namespace: Mapping[str, Any]) -> bool:
        return owned_by((namespace.get("metadata") or {}).get("labels"), self.name)

    def _foreign_objects(self) -> list[str]:
        """Objects in the namespace that are not ours (anyone's, labelled or not)."""
        return [f"{o['kind']}/{o['metadata']['name']}" for o in self.live_objects(False)
                if not owned_by(o["metadata"].get("labels"), self.name)]

    def teardown(self, wait: bool = True, timeout: float = DEFAULT_TIMEOUT) -> None:
        from kubernetes.client.exceptions import ApiException

        namespace = self._live("v1", "Namespace", self.namespace, namespaced=False)
        if namespace is None:
            return
        try:
            for resource in self._deletable_kinds():
                for item in resource.get(namespace=self.namespace,
                                         label_selector=self.selector).to_dict()["items"]:
                    resource.delete(name=item["metadata"]["name"], namespace=self.namespace,
                                    body={"propagationPolicy": "Background"})
            volumes = self.cluster.resource("v1", "PersistentVolume")
            for item in volumes.get(label_selector=owned_volume_selector(
                    self.namespace, self.name)).to_dict()["items"]:
                volumes.delete(name=item["metadata"]["name"])
            if self._namespace_is_ours(namespace) and not self._foreign_objects():
                self.cluster.resource("v1", "Namespace").delete(name=self.namespace)
                self._namespace_deleted = True
        except ApiException as error:
            if error.status != 404:
                raise api_error(error, f"teardown of {self.name} in {self.namespace}") from None
        if wait:
            wait_until_gone(self._remaining, timeout)


def load_manifests(documents: list[dict[str, Any]], project_name: str | None = None
                   ) -> ReadBack:
    """Manifests -> IR through the k8s loader, as if they were files a user wrote."""
    import tempfile

    from orchconv.source.yamlout import dump_yaml_documents
    from orchconv.translate.k8s.load import K8sLoadOptions, load_kubernetes

    if not documents:
        raise DeployError("nothing to read back: no objects found")
    with tempfile.TemporaryDirectory(prefix=READBACK_FILE) as folder:
        path = Path(folder) / "manifests.yaml"
        path.write_text(dump_yaml_documents(documents), encoding="utf-8")
        loaded = load_kubernetes((path,), K8sLoadOptions(project_name=project_name))
    return ReadBack(documents, loaded.project, list(loaded.losses), list(loaded.warnings))
