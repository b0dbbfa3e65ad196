"""statefulset-service-name: a StatefulSet whose serviceName names no headless Service."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._k8s import K8S_KINDS, at, objects, services
from orchconv.source.yamltree import loc_of

HEADLESS = "None"


class StatefulSetServiceName(Rule):
    """A StatefulSet whose `serviceName` names no headless Service of the file.

    ## What it does
    Reports a StatefulSet whose `spec.serviceName` names no Service in the
    same file (and namespace, when both name one), or names a Service that
    is not headless (`clusterIP: None`).  `orchconv lint` reads each file on
    its own, so a file without any Service is not judged.

    ## Why it matters
    The governing Service gives each pod of the set its stable DNS name
    (`db-0.db.prod.svc.cluster.local`), which is what peers of a database
    or a quorum system use to find each other.  Without it, or with a Service
    that has a cluster IP, those names do not resolve and the members never
    meet.

    ## Example
    ```yaml
    apiVersion: v1
    kind: Service
    metadata: {name: db}
    spec:
      selector: {app: db}
      ports: [{port: 5432}]
    ---
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db}
    spec:
      serviceName: db
    ```

    ## Fix
    Add `clusterIP: None` to the Service (a new Service: the field cannot be
    changed in place), or point `serviceName` at the headless one.
    """

    id = "statefulset-service-name"
    kinds = K8S_KINDS
    level = Level.WARNING
    category = "correctness"

    def check(self, context: LintContext) -> Iterator[Finding]:
        known = list(services(context))
        if not known:
            return
        for obj in objects(context):
            if obj.kind != "StatefulSet":
                continue
            spec = at(obj.data, "spec")
            name = at(spec, "serviceName")
            if not isinstance(name, str) or not name:
                continue
            where = loc_of(spec, "serviceName")
            named = [s for s in known if s.name == name and s.same_namespace(obj)]
            if not named:
                yield self.finding(
                    context,
                    f"{obj.label}: serviceName {name!r} names no Service of this file; its pods"
                    " get no stable DNS names",
                    where)
            elif not any(at(s.data, "spec", "clusterIP") == HEADLESS for s in named):
                yield self.finding(
                    context,
                    f"{obj.label}: Service {name!r} is not headless (clusterIP: None), so the"
                    " pods get no stable DNS names",
                    where)
