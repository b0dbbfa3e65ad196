"""missing-selector: a workload or Service that selects no pods because it has no selector."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._k8s import (
    K8S_KINDS,
    K8sObject,
    at,
    is_empty_selector,
    is_external_name,
    key_loc,
    key_loc_or,
    label_text,
    mapping,
    objects,
    service_selector,
)

# apps/v1 makes the selector required and immutable (older API versions
# defaulted it to the template's labels).
APPS_V1 = "apps/v1"
SELECTOR_REQUIRED = frozenset({"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"})
# The label an EndpointSlice names its Service with.
SERVICE_NAME_LABEL = "kubernetes.io/service-name"


def _backs(endpoints: K8sObject, service: K8sObject) -> bool:
    """Whether an Endpoints or EndpointSlice object gives the Service its addresses."""
    if not endpoints.same_namespace(service):
        return False
    if endpoints.kind == "Endpoints" and endpoints.api_version == "v1":
        return endpoints.name == service.name
    if endpoints.kind == "EndpointSlice" and endpoints.api_version.startswith("discovery.k8s.io/"):
        labels = mapping(endpoints.metadata.get("labels")) or {}
        return label_text(labels.get(SERVICE_NAME_LABEL)) == service.name
    return False


class MissingSelector(Rule):
    """A workload or Service without a selector.

    ## What it does
    Reports an `apps/v1` Deployment, ReplicaSet, StatefulSet or DaemonSet
    whose `spec.selector` is missing or has no terms (an error), and a
    Service (not `type: ExternalName`) with no `spec.selector` when the file
    holds no Endpoints object of the same name and no EndpointSlice labelled
    `kubernetes.io/service-name` with it (a warning).

    ## Why it matters
    The API server refuses an `apps/v1` workload without a selector: the
    controller would not know which pods are its own.  A Service without a
    selector gets no endpoints of its own: unless something else writes its
    Endpoints, traffic sent to it goes nowhere.

    ## Example
    ```yaml
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: web, image: nginx:1.27}]
    ```

    ## Fix
    Give the workload `selector: {matchLabels: {app: web}}` matching its
    template's labels, and the Service `selector: {app: web}`.  A Service
    that fronts addresses outside the cluster needs its Endpoints (or
    EndpointSlice) object, or `type: ExternalName`.  Endpoints kept in
    another file are not seen: disable the finding on that Service with the
    `orchconv.io/ignore: missing-selector` annotation.
    """

    id = "missing-selector"
    kinds = K8S_KINDS
    level = Level.ERROR
    category = "correctness"

    def check(self, context: LintContext) -> Iterator[Finding]:
        found = list(objects(context))
        for obj in found:
            if obj.kind in SELECTOR_REQUIRED and obj.api_version == APPS_V1:
                spec = mapping(obj.data.get("spec"))
                if spec is not None and is_empty_selector(spec.get("selector")):
                    yield self.finding(
                        context,
                        f"{obj.label} has no selector: {obj.api_version} requires"
                        " spec.selector matching the pod template's labels",
                        key_loc_or(spec, "selector", key_loc(obj.data, "spec")))
            elif obj.kind == "Service" and obj.api_version == "v1":
                if is_external_name(obj) or service_selector(obj) is not None:
                    continue
                if any(_backs(other, obj) for other in found):
                    continue
                yield self.finding(
                    context,
                    f"{obj.label} has no selector and the file has no Endpoints or"
                    " EndpointSlice for it: it sends traffic nowhere",
                    key_loc_or(at(obj.data, "spec"), "selector", obj.loc), level=Level.WARNING)
