"""host-namespace-k8s: a pod sharing the node's network, process or IPC namespace."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._k8s import PodRef, PodRule, key_loc

# pod field -> what sharing it gives the pod's containers
NAMESPACES = {
    "hostNetwork": "sees every interface of the node and can bind its ports, bypassing"
                   " NetworkPolicies",
    "hostPID": "sees and can signal every process on the node",
    "hostIPC": "reaches the node's shared memory and IPC objects",
}


class HostNamespaceK8s(PodRule):
    """A pod that shares one of the node's namespaces.

    ## What it does
    Reports `hostNetwork: true`, `hostPID: true` and `hostIPC: true` in a pod
    spec (a Pod's, or the pod template of a workload).  The Compose rules for
    the same things are `host-network` and `host-namespace`.

    ## Why it matters
    Namespaces are what keep a pod's view of the node its own.  With the
    node's network a pod can listen on any node port and reach services
    bound to localhost, and NetworkPolicies no longer apply to it; with the
    node's PID namespace it can read other processes' command lines and
    environment (passwords included) and signal them; with the node's IPC
    namespace it can read other programs' shared memory.  Pod Security's
    `baseline` level forbids all three.

    ## Example
    ```yaml
    apiVersion: v1
    kind: Pod
    metadata: {name: debug}
    spec:
      hostPID: true
      containers: [{name: debug, image: example/debug:1.0}]
    ```

    ## Fix
    Remove the field.  To look into a neighbouring container, share the
    pod's own process namespace (`shareProcessNamespace: true`) instead.
    """

    id = "host-namespace-k8s"
    level = Level.WARNING
    category = "security"

    def check_pod(self, context: LintContext, pod: PodRef) -> Iterator[Finding]:
        for key, effect in NAMESPACES.items():
            if pod.spec.get(key) is True:
                yield self.finding(
                    context,
                    f"{pod.owner.label}: `{key}: true` shares the node's namespace; the pod"
                    f" {effect}",
                    key_loc(pod.spec, key))
