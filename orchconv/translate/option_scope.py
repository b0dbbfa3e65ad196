"""Which conversion options apply to which source and target: one given where it does not
apply is a usage error (`compose2swarm --controller statefulset`), never silently ignored."""

from __future__ import annotations

# option (click parameter name) -> (side, the formats on that side it applies to)
SCOPES: dict[str, tuple[str, frozenset[str]]] = {
    "namespace": ("target", frozenset({"k8s"})),
    "chart": ("target", frozenset({"k8s"})),  # compose2k8s --chart DIR: the helm target
    "controller": ("target", frozenset({"k8s"})),
    "service_type": ("target", frozenset({"k8s"})),
    "readiness_probe": ("target", frozenset({"k8s"})),
    "network_policies": ("target", frozenset({"k8s"})),
    "wait_for_dependencies": ("target", frozenset({"k8s"})),
    "binds": ("target", frozenset({"k8s"})),
    "bind_as_configmap": ("target", frozenset({"k8s"})),
    "host_path": ("target", frozenset({"k8s"})),
    "plain_env": ("target", frozenset({"k8s"})),
    "pvc_size": ("target", frozenset({"k8s"})),
    "storage_class": ("target", frozenset({"k8s"})),
    "image_prefix": ("target", frozenset({"k8s", "swarm"})),
    "stack_version": ("target", frozenset({"swarm"})),
    "recursive": ("source", frozenset({"k8s"})),
    "keep_ignored_keys": ("source", frozenset({"swarm"})),
    "project_directory": ("source", frozenset({"compose", "swarm"})),
    "env_files": ("source", frozenset({"compose", "swarm"})),
    "profiles": ("source", frozenset({"compose", "swarm"})),
    "allow_read": ("source", frozenset({"compose", "swarm"})),  # host files they name
}
# Read by the k8s loader (schema validation) and by the k8s emitter.
EITHER_SIDE = {"k8s_version": frozenset({"k8s"})}
# A Helm chart holds the k8s objects as templates: every k8s output option applies to it
# but these (its namespace is `helm install --namespace`'s; a chart is YAML).
NOT_FOR_CHARTS = {"namespace": "use helm install --namespace", "fmt": "a chart is YAML"}


def _formats(formats: frozenset[str]) -> str:
    return " or ".join(sorted(formats))


def misapplied(name: str, source: str, target: str) -> str | None:
    """Why option `name` does not apply to a `source` -> `target` conversion, or None."""
    if target == "helm":
        if name in NOT_FOR_CHARTS:
            return f"does not apply to a Helm chart: {NOT_FOR_CHARTS[name]}"
        target = "k8s"
    if name in EITHER_SIDE:
        formats = EITHER_SIDE[name]
        if source in formats or target in formats:
            return None
        return f"applies only when the input or the output is {_formats(formats)}"
    if name not in SCOPES:
        return None
    side, formats = SCOPES[name]
    chosen = source if side == "source" else target
    if chosen in formats:
        return None
    what = "input" if side == "source" else "output"
    return f"applies only to {_formats(formats)} {what}, not {chosen}"
