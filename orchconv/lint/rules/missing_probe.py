"""missing-probe: a long-running container without liveness or readiness probe (opt-in)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._k8s import ContainerRef, ContainerRule

PROBES = ["liveness", "readiness"]  # also possible: startup


class MissingProbe(ContainerRule):
    """A long-running container without health probes (off by default).

    ## What it does
    Reports an app container of a Pod, Deployment, ReplicaSet, StatefulSet,
    DaemonSet or ReplicationController that has none of the probes named in
    option `probes` (`liveness`, `readiness`, `startup`; by default liveness
    and readiness), one finding per missing probe.  Jobs and CronJobs run to
    completion and are skipped.  A hardening check, off by default.

    ## Why it matters
    Without a readiness probe a pod receives traffic as soon as its process
    starts, before it can answer, and keeps receiving it when it can no
    longer; without a liveness probe a hung process stays hung until someone
    notices.  Rolling updates also judge progress by readiness.

    ## Example
    ```yaml
          containers:
            - name: web
              image: nginx:1.27
    ```

    ## Fix
    ```yaml
              readinessProbe:
                httpGet: {path: /healthz, port: http}
              livenessProbe:
                httpGet: {path: /healthz, port: http}
                failureThreshold: 6
    ```
    """

    id = "missing-probe"
    level = Level.WARNING
    category = "correctness"
    enabled_by_default = False
    options: ClassVar[Mapping[str, Any]] = {"probes": PROBES}
    sections = ("containers",)

    def check_container(self, context: LintContext, ref: ContainerRef) -> Iterator[Finding]:
        if ref.pod.batch:
            return
        for probe in context.options.get("probes", PROBES):
            if f"{probe}Probe" not in ref.container:
                yield self.finding(context, f"{ref.label} has no {probe} probe", ref.loc)
