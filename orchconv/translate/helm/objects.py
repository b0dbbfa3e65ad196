"""Each Kubernetes object the k8s emitter made becomes a template.

The settings people change per environment are read out of the object at known paths
into values.yaml and replaced by references to them, so the chart with its default
values renders exactly the objects of plain compose2k8s: image, replicas, resources,
plain environment, Service type and ports, Secret names, claim size and class,
Ingress hosts and HPA bounds.  Secrets themselves never enter the chart (docs/helm.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orchconv.redaction import is_secret_name
from orchconv.source.yamlout import dump_yaml
from orchconv.translate.helm.expressions import value_path
from orchconv.translate.helm.tokens import Tokens, replace_key
from orchconv.translate.helm.values import ChartValues, split_image
from orchconv.translate.k8s.vocabulary import COMPONENT, ENV_COMPONENT, MANAGED_BY, NAME
from orchconv.translate.secret_material import holds_secret

# Where each workload kind keeps its pod spec.
POD_SPEC = {
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
    "Pod": ("spec",),
}
SCALED = ("Deployment", "StatefulSet", "ReplicaSet")


@dataclass
class Template:
    """One object as template text, and the conditions it is rendered under."""

    name: str  # the object's file stem
    owner: str | None  # the service key whose `enabled` switch it obeys
    text: str
    conditions: list[str] = field(default_factory=list)
    private: bool = False


def _pod_spec(document: dict[str, Any]) -> dict[str, Any] | None:
    node: Any = document
    for key in POD_SPEC.get(document.get("kind", ""), ("",)):
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None


def _secret_names(pod: dict[str, Any], found: list[tuple[dict[str, Any], str]]) -> None:
    """Every (mapping, key) in a pod spec, or one container, that names a Secret: env
    references, envFrom, secret and projected volumes, image pull secrets."""
    for container in (*pod.get("initContainers", ()), *pod.get("containers", ()), pod):
        for entry in container.get("env", ()):
            ref = entry.get("valueFrom", {}).get("secretKeyRef")
            if ref and "name" in ref:
                found.append((ref, "name"))
        for entry in container.get("envFrom", ()):
            ref = entry.get("secretRef")
            if ref and "name" in ref:
                found.append((ref, "name"))
    for volume in pod.get("volumes", ()):
        if "secretName" in volume.get("secret", {}):
            found.append((volume["secret"], "secretName"))
        for source in volume.get("projected", {}).get("sources", ()):
            if "name" in source.get("secret", {}):
                found.append((source["secret"], "name"))
    found.extend((entry, "name") for entry in pod.get("imagePullSecrets", ()) if "name" in entry)


def _plain_credential(entry: dict[str, Any]) -> bool:
    return bool(entry.get("value")) and is_secret_name(entry["name"])


class ChartBuilder:
    """Turns the documents into templates and values, for one chart."""

    def __init__(self, chart: str, documents: list[dict[str, Any]]) -> None:
        self.chart = chart
        self.documents = documents
        self.tokens = Tokens()
        self.values = ChartValues()
        self.owned_kinds: dict[str, list[str]] = {}  # service key -> kinds of its objects
        self._kept_env: list[dict[str, Any]] = []  # the object's env entries left in place
        self.secrets = [d for d in documents if d.get("kind") == "Secret"]
        secret_names = {d["metadata"]["name"] for d in self.secrets}
        self.workloads = {d["metadata"]["name"]: d for d in documents
                          if _pod_spec(d) is not None}
        self._container_keys: dict[tuple[str, str], str] = {}
        self._taken = set(self.workloads)  # the section names given out
        for name, workload in self.workloads.items():
            pod = _pod_spec(workload) or {}
            for container in pod.get("containers", []):
                key = self._container_key(name, container["name"])
                self._container_keys[name, container["name"]] = key
                self._taken.add(key)
        self._secret_keys = self._secret_owners(secret_names)

    # ------------------------------------------------------------------ keys

    def _container_key(self, workload: str, container: str) -> str:
        """A pod's main container shares its workload's section; another container (a
        compose service sharing the pod) has its own, unless that name is taken."""
        if container == workload or container not in self._taken:
            return container
        return f"{workload}-{container}"

    def _secret_owners(self, names: set[str]) -> dict[str, tuple[str, ...]]:
        """Where each Secret's name lives in values: a service's own environment Secret is
        `<service>.existingSecret`, any other `secrets.<name>.existingSecret`."""
        users: dict[str, set[str]] = {}
        for workload, document in self.workloads.items():
            for container in (_pod_spec(document) or {}).get("containers", []):
                found: list[tuple[dict[str, Any], str]] = []
                _secret_names(container, found)
                for mapping, key in found:
                    users.setdefault(mapping[key], set()).add(
                        self._container_keys[workload, container["name"]])
        owners: dict[str, tuple[str, ...]] = {}
        for secret in self.secrets:
            name = secret["metadata"]["name"]
            component = secret["metadata"].get("labels", {}).get(COMPONENT)
            if component == ENV_COMPONENT and len(users.get(name, ())) == 1:
                (key,) = users[name]
                if "existingSecret" not in self.values.section(key):
                    self.values.section(key)["existingSecret"] = name
                    owners[name] = (key, "existingSecret")
                    continue
            self.values.secrets[name] = {"existingSecret": name}
            owners[name] = ("secrets", name, "existingSecret")
        return owners

    def owner(self, document: dict[str, Any]) -> str | None:
        """The service key an object belongs to (its `enabled` switch), if any."""
        kind = document.get("kind")
        name: str = document["metadata"]["name"]
        if name in self.workloads and _pod_spec(document) is not None:
            return name
        spec = document.get("spec", {})
        target: Any = None
        if kind == "Service":
            target = spec.get("selector", {}).get(NAME)
        elif kind == "HorizontalPodAutoscaler":
            target = spec.get("scaleTargetRef", {}).get("name")
        if target is not None:
            return str(target) if target in self.workloads else None
        if kind == "Ingress":
            services = {d["metadata"]["name"]: self.owner(d) for d in self.documents
                        if d.get("kind") == "Service"}
            for rule in spec.get("rules", []):
                for path in rule.get("http", {}).get("paths", []):
                    backend = path.get("backend", {}).get("service", {}).get("name")
                    if services.get(backend):
                        return services[backend]
        return None

    def secret_paths(self) -> list[tuple[str, ...]]:
        """Where values.yaml names each Secret the chart refers to."""
        return list(self._secret_keys.values())

    # ------------------------------------------------------------------ templates

    def template(self, document: dict[str, Any]) -> Template:
        owner = self.owner(document)
        kind = document.get("kind")
        if owner:
            self.owned_kinds.setdefault(owner, []).append(document["kind"])
        conditions = [value_path(owner, "enabled")] if owner else []
        # credentials written plainly (--plain-env) stay in the template: it is private
        private = kind == "ConfigMap" and holds_secret(document)
        self._labels(document)
        pod = _pod_spec(document)
        if pod is not None and owner:
            self._workload(document, owner, pod)
        if kind == "Service" and owner:
            self._service(document, owner)
        if kind == "Ingress" and owner:
            conditions.append(value_path(owner, "ingress", "enabled"))
            self._ingress(document, owner)
        if kind == "HorizontalPodAutoscaler" and owner:
            conditions.append(value_path(owner, "autoscaling", "enabled"))
            self._autoscaler(document, owner)
        if kind == "PersistentVolumeClaim":
            self._claim(document["metadata"]["name"], document.get("spec", {}))
        for claim in document.get("spec", {}).get("volumeClaimTemplates", []) \
                if kind == "StatefulSet" else []:
            self._claim(claim["metadata"]["name"], claim.get("spec", {}))
        name = f"{document['metadata']['name']}-{str(kind).lower()}"
        private = private or any(_plain_credential(entry) for entry in self._kept_env)
        self._kept_env.clear()
        return Template(name, owner, self.tokens.apply(dump_yaml(document)), conditions,
                        private)

    def _labels(self, document: dict[str, Any]) -> None:
        labels = document["metadata"].setdefault("labels", {})
        if MANAGED_BY in labels:
            labels[MANAGED_BY] = self.tokens.inline("{{ .Release.Service }}")
        chart = self.chart
        labels[self.tokens.block(lambda indent: [
            f'{indent}{{{{- include "{chart}.labels" . | nindent {len(indent)} }}}}'])] = None

    def _workload(self, document: dict[str, Any], owner: str, pod: dict[str, Any]) -> None:
        spec = document["spec"]
        if document["kind"] in SCALED and isinstance(spec.get("replicas"), int):
            self.values.section(owner)["replicas"] = spec["replicas"]
            spec["replicas"] = self.tokens.inline(f"{{{{ {value_path(owner, 'replicas')} }}}}")
        self.values.section(owner)["enabled"] = True
        found: list[tuple[dict[str, Any], str]] = []
        _secret_names(pod, found)
        for mapping, key in found:  # before the env entries move into a block
            where = self._secret_keys.get(mapping[key])
            if where:
                mapping[key] = self.tokens.inline(f"{{{{ {value_path(*where)} }}}}")
        name = document["metadata"]["name"]
        for container in pod.get("containers", []):
            self._container(container, self._container_keys[name, container["name"]])

    def _container(self, container: dict[str, Any], key: str) -> None:
        section = self.values.section(key)
        if isinstance(container.get("image"), str):
            section["image"] = split_image(container["image"])
            container["image"] = self.tokens.inline(
                f'{{{{ include "{self.chart}.image" {value_path(key, "image")} | quote }}}}')
        self._environment(container, key, section)
        section["resources"] = container.get("resources", {})
        path = value_path(key, "resources")
        replace_key(container, "resources", self.tokens.block(lambda indent: [
            f"{indent}{{{{- if {path} }}}}",
            f"{indent}resources:",
            f"{indent}  {{{{- toYaml {path} | nindent {len(indent) + 2} }}}}",
            f"{indent}{{{{- end }}}}"]), None)

    def _environment(self, container: dict[str, Any], key: str, section: dict[str, Any]
                     ) -> None:
        """Plain values go to values.yaml (a map: `--set web.env.MODE=x`); references
        (Secrets, fields) and credential-named values (--plain-env) stay in the template."""
        kept: list[dict[str, Any]] = []
        plain: dict[str, str] = {}
        for entry in container.get("env", []):
            value = entry.get("value")
            if set(entry) <= {"name", "value"} and not _plain_credential(entry):
                plain[entry["name"]] = "" if value is None else str(value)
            else:
                kept.append(entry)
        section["env"] = plain
        self._kept_env.extend(kept)
        path = value_path(key, "env")

        def lines(indent: str) -> list[str]:
            body = [f"{indent}  {{{{- range $name, $value := {path} }}}}",
                    f"{indent}  - name: {{{{ $name | quote }}}}",
                    f"{indent}    value: {{{{ $value | quote }}}}",
                    f"{indent}  {{{{- end }}}}"]
            if kept:
                dumped = dump_yaml(kept).rstrip("\n").split("\n")
                return [f"{indent}env:", *(f"{indent}  {line}" for line in dumped), *body]
            return [f"{indent}{{{{- if {path} }}}}", f"{indent}env:", *body,
                    f"{indent}{{{{- end }}}}"]

        replace_key(container, "env", self.tokens.block(lines), None)

    def _service(self, document: dict[str, Any], owner: str) -> None:
        spec = document["spec"]
        values: dict[str, Any] = {"type": spec.get("type", "ClusterIP")}
        spec["type"] = self.tokens.inline(f"{{{{ {value_path(owner, 'service', 'type')} }}}}")
        if spec.get("ports"):
            values["ports"] = spec["ports"]
            path = value_path(owner, "service", "ports")
            replace_key(spec, "ports", self.tokens.block(lambda indent: [
                f"{indent}ports:",
                f"{indent}  {{{{- toYaml {path} | nindent {len(indent) + 2} }}}}"]), None)
        self.values.section(owner)["service"] = values

    def _ingress(self, document: dict[str, Any], owner: str) -> None:
        spec = document["spec"]
        values: dict[str, Any] = {"enabled": True}
        if "ingressClassName" in spec:
            values["className"] = spec["ingressClassName"]
            spec["ingressClassName"] = self.tokens.inline(
                f"{{{{ {value_path(owner, 'ingress', 'className')} }}}}")
        hosts: list[str] = []
        for rule in spec.get("rules", []):
            if isinstance(rule.get("host"), str):
                hosts.append(rule["host"])
                rule["host"] = self._host(owner, len(hosts) - 1)
        for tls in spec.get("tls", []):
            tls["hosts"] = [self._host(owner, hosts.index(h)) if h in hosts else h
                            for h in tls.get("hosts", [])]
        values["hosts"] = hosts
        self.values.section(owner)["ingress"] = values

    def _host(self, owner: str, index: int) -> str:
        return self.tokens.inline(
            f"{{{{ index {value_path(owner, 'ingress', 'hosts')} {index} | quote }}}}")

    def _autoscaler(self, document: dict[str, Any], owner: str) -> None:
        spec = document["spec"]
        values: dict[str, Any] = {"enabled": True}
        for bound in ("minReplicas", "maxReplicas"):
            if bound in spec:
                values[bound] = spec[bound]
                spec[bound] = self.tokens.inline(
                    f"{{{{ {value_path(owner, 'autoscaling', bound)} }}}}")
        self.values.section(owner)["autoscaling"] = values

    def _claim(self, name: str, spec: dict[str, Any]) -> None:
        requests = spec.get("resources", {}).get("requests", {})
        values = {"size": requests.get("storage", ""),
                  "storageClass": spec.get("storageClassName", "")}
        self.values.persistence[name] = values
        size = value_path("persistence", name, "size")
        if "storage" in requests:
            requests["storage"] = self.tokens.inline(f"{{{{ {size} | quote }}}}")
        storage_class = value_path("persistence", name, "storageClass")
        replace_key(spec, "storageClassName", self.tokens.block(lambda indent: [
            f"{indent}{{{{- if {storage_class} }}}}",
            f"{indent}storageClassName: {{{{ {storage_class} | quote }}}}",
            f"{indent}{{{{- end }}}}"]), None)
