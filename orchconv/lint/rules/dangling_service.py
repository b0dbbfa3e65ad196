"""dangling-service: a Service whose selector picks no pod of the file."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._k8s import (
    K8S_KINDS,
    at,
    format_labels,
    is_external_name,
    key_loc,
    service_selector,
    services_with_pods,
)


class DanglingService(Rule):
    """A Service whose selector matches no pod the file runs.

    ## What it does
    Reports a Service whose `spec.selector` matches the pod labels of no
    Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob or
    ReplicationController in the same file (and namespace, when both name
    one).  `orchconv lint` reads each file on its own, so the rule only
    judges files that run pods at all: a file holding only Services is not
    checked.  Services without a selector are `missing-selector`'s;
    `type: ExternalName` Services are never reported.

    ## Why it matters
    A Service that selects nothing has no endpoints: clients resolve its name
    and then fail to connect.  A typo in one label (`app: api` against
    `app: apl`) is enough.

    ## Example
    ```yaml
    apiVersion: v1
    kind: Service
    metadata: {name: api}
    spec:
      selector: {app: api}
      ports: [{port: 80, targetPort: 8080}]
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api}
    spec:
      selector: {matchLabels: {app: apl}}
      template:
        metadata: {labels: {app: apl}}
        spec:
          containers: [{name: api, image: example/api:1.4}]
    ```

    ## Fix
    Make the selector name labels the workload's pod template carries.  When
    the pods come from another file, keep the Service with its workload, or
    disable the rule for that file in `per-file-ignores`.
    """

    id = "dangling-service"
    kinds = K8S_KINDS
    level = Level.WARNING
    category = "correctness"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for service, selected in services_with_pods(context):
            selector = service_selector(service)
            if selector is None or is_external_name(service) or selected:
                continue
            yield self.finding(
                context,
                f"{service.label} selects no pod of this file ({format_labels(selector)}):"
                " it has no endpoints",
                key_loc(at(service.data, "spec"), "selector"))
