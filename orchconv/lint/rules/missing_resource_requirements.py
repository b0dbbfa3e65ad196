"""missing-resource-requirements: a container without CPU/memory requests or limits (opt-in)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._k8s import K8S_KINDS, all_containers, at, key_loc_or, mapping

# CPU limits are left out on purpose: they throttle a container even when the
# node's CPUs are idle; a CPU request is what the scheduler and the fair
# sharing between pods use.
REQUIRED = ["requests.cpu", "requests.memory", "limits.memory"]


def _is_set(value: Any) -> bool:
    return value is not None and value != ""


class MissingResourceRequirements(Rule):
    """A container without resource requests or limits (off by default).

    ## What it does
    Reports each app container that leaves out one of the resource settings
    in option `required`, by default `requests.cpu`, `requests.memory` and
    `limits.memory` (entries are `requests.NAME` or `limits.NAME`, for
    example `limits.cpu` or `requests.ephemeral-storage`).  Settings the
    namespace's LimitRange would fill in are not known here.  A hardening
    check, off by default.  The Compose rule for limits is
    `missing-resource-limits`.

    ## Why it matters
    Requests are what the scheduler places pods by: without them a node
    fills up with pods that each claim nothing and then starve each other.
    A pod without a memory limit can take a node's memory until the kernel
    kills processes, maybe not the guilty one.  Pods with neither get the
    `BestEffort` class and are evicted first.

    ## Example
    ```yaml
          containers:
            - name: worker
              image: example/worker:1.8
    ```

    ## Fix
    ```yaml
              resources:
                requests: {cpu: 250m, memory: 256Mi}
                limits: {memory: 256Mi}
    ```
    """

    id = "missing-resource-requirements"
    kinds = K8S_KINDS
    level = Level.WARNING
    category = "security"
    enabled_by_default = False
    options: ClassVar[Mapping[str, Any]] = {"required": REQUIRED}

    def check(self, context: LintContext) -> Iterator[Finding]:
        required = [tuple(str(entry).split(".", 1)) for entry in
                    context.options.get("required", REQUIRED) if "." in str(entry)]
        for ref in all_containers(context, ("containers",)):
            resources = mapping(ref.container.get("resources")) or {}
            missing = [f"{section}.{name}" for section, name in required
                       if not _is_set(at(resources, section, name))]
            if not missing:
                continue
            yield self.finding(context, f"{ref.label} sets no resources {', '.join(missing)}",
                               key_loc_or(ref.container, "resources", ref.loc))
