"""Why a compose key has no Kubernetes counterpart: the reason each loss gives.

Keys listed here are never mapped; every other key is mapped by a module
that marks it handled.  A set key that is neither gets the generic reason, so
a field added to the IR later is reported rather than dropped.
"""

from __future__ import annotations

from orchconv.ir.service import Service

GENERIC = "the Kubernetes emitter does not map this key"

SERVICE_KEYS: dict[str, str] = {
    "cgroup_parent": "Kubernetes places pods in cgroups itself; a parent cgroup cannot be chosen",
    "devices": "host devices need a device plugin on the node; a pod cannot map them directly",
    "domainname": (
        "Kubernetes cannot set a container's domain name: pod `subdomain` only gives "
        "<hostname>.<subdomain>.<namespace>.svc.<cluster-domain> and must be one DNS label"),
    "external_links": "links to containers outside the project have no Kubernetes counterpart",
    "logging": "log drivers are configured per node (container runtime) or by a log agent",
    "pids_limit": "the PID limit is set per node (kubelet podPidsLimit), not per pod",
    "stop_signal": "a container stop signal needs the alpha ContainerStopSignals feature",
    "ulimits": "Kubernetes has no per-container ulimits; set them in the node's runtime",
    "volumes_from": "a pod cannot mount another pod's volumes; share a PVC instead",
}

DEPLOY_KEYS: dict[str, str] = {
    "rollback_config": "Kubernetes does not roll back a failed rollout by itself "
                       "(use `kubectl rollout undo`)",
}

# Keys the IR keeps untyped (Service.extras / Deploy.extras).
EXTRA_KEYS: dict[str, str] = {
    "blkio_config": "block IO weights and limits have no pod field",
    "cpu_count": "Windows-only CPU settings have no pod field",
    "cpu_percent": "Windows-only CPU settings have no pod field",
    "cpu_period": "CFS period tuning has no pod field; use resources.limits.cpu",
    "cpu_quota": "CFS quota tuning has no pod field; use resources.limits.cpu",
    "cpu_rt_period": "realtime scheduling has no pod field",
    "cpu_rt_runtime": "realtime scheduling has no pod field",
    "cpu_shares": "relative CPU shares have no pod field; use resources.requests.cpu",
    "cpuset": "CPU pinning is the kubelet's CPU manager policy, not a pod field",
    "credential_spec": "Windows gMSA credential specs need securityContext.windowsOptions",
    "develop": "compose watch is a development feature with no cluster counterpart",
    "device_cgroup_rules": "device cgroup rules have no pod field",
    "gpus": "GPUs need a device plugin resource such as nvidia.com/gpu in resources.limits",
    "isolation": "container isolation technology is a Windows node setting",
    "mac_address": "pods get their MAC address from the network plugin",
    "mem_swappiness": "swap behaviour is a node setting",
    "memswap_limit": "swap limits are a node setting (NodeSwap)",
    "oom_kill_disable": "the OOM killer cannot be disabled per pod",
    "oom_score_adj": "the kubelet sets OOM scores from the pod's QoS class",
    "runtime": "choose a runtime with a RuntimeClass (runtimeClassName)",
    "storage_opt": "per-container storage driver options have no pod field",
    "uts": "the UTS namespace follows hostNetwork in Kubernetes",
}


def reason_for(key: str, table: dict[str, str]) -> str:
    return table.get(key) or EXTRA_KEYS.get(key) or GENERIC


# Docker's default log driver keeps a container's output for `docker logs`, as the
# container runtime does for `kubectl logs`: nothing a user relies on changes.
_DEFAULT_LOGGING = ("json-file keeps the container's output for `docker logs`, as the "
                    "container runtime does for `kubectl logs`; log rotation is a node setting")


def kept_reason(key: str, service: Service) -> str | None:
    """The reason for an info loss when the unmapped key only says what a pod does anyway."""
    logging = service.logging
    if key == "logging" and logging is not None and logging.driver in (None, "json-file") \
            and not logging.options and not logging.extras:
        return _DEFAULT_LOGGING
    return None
