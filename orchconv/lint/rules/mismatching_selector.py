"""mismatching-selector: a workload whose selector does not select its own pod template."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._k8s import (
    K8sObject,
    ObjectRule,
    format_labels,
    is_empty_selector,
    key_loc,
    mapping,
    matches_labels,
    pod_of,
    selector_matches,
)

LABEL_SELECTOR_KINDS = frozenset({"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"})
MAP_SELECTOR_KINDS = frozenset({"ReplicationController"})  # a plain label map


def _describe(selector: Mapping[str, Any]) -> str:
    parts = []
    match_labels = mapping(selector.get("matchLabels"))
    if match_labels:
        parts.append(format_labels(match_labels))
    if selector.get("matchExpressions"):
        parts.append("matchExpressions")
    return "; ".join(parts) or "{}"


class MismatchingSelector(ObjectRule):
    """A workload whose selector does not match its pod template's labels.

    ## What it does
    Reports a Deployment, ReplicaSet, StatefulSet, DaemonSet or Job whose
    `spec.selector` (`matchLabels` and `matchExpressions`, with the `In`,
    `NotIn`, `Exists` and `DoesNotExist` operators) does not select the labels
    of `spec.template.metadata.labels`, and a ReplicationController whose
    selector map does not.  A missing selector is `missing-selector`'s.

    ## Why it matters
    The API server refuses such an object ("selector does not match template
    labels"): the controller would create pods it does not count as its own,
    and keep creating them.

    ## Example
    ```yaml
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: webapp}}
        spec:
          containers: [{name: web, image: nginx:1.27}]
    ```

    ## Fix
    Make the template carry every label the selector asks for.  Keep the
    selector small (`app.kubernetes.io/name`): it cannot be changed once the
    object exists.
    """

    id = "mismatching-selector"
    level = Level.ERROR
    category = "correctness"

    def check_object(self, context: LintContext, obj: K8sObject) -> Iterator[Finding]:
        if obj.kind not in LABEL_SELECTOR_KINDS and obj.kind not in MAP_SELECTOR_KINDS:
            return
        spec = mapping(obj.data.get("spec"))
        pod = pod_of(obj)
        if spec is None or pod is None:
            return
        selector = spec.get("selector")
        if obj.kind in MAP_SELECTOR_KINDS:
            if not isinstance(selector, Mapping) or not selector:
                return  # defaults to the template's labels
            matched: bool | None = matches_labels(selector, pod.labels)
            shown = format_labels(selector)
        else:
            if not isinstance(selector, Mapping) or is_empty_selector(selector):
                return
            matched = selector_matches(selector, pod.labels)
            shown = _describe(selector)
        if matched is False:
            yield self.finding(
                context,
                f"{obj.label}: spec.selector ({shown}) does not select the pod template's"
                f" labels ({format_labels(pod.labels)}); the API server refuses it",
                key_loc(spec, "selector"))
