"""missing-resource-limits: a service that may use all of a host's memory or CPU (opt-in)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import ServiceRef, ServiceRule, for_swarm, mapping_at


def bounds(value: Any) -> bool:
    """Whether a limit is set to something other than nothing or zero (zero is no limit)."""
    if value is None or isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return value > 0
    if isinstance(value, str):
        digits = value.strip().rstrip("bBkKmMgGtTpPiI ")
        try:
            return float(digits) > 0
        except ValueError:
            return bool(value.strip())  # `${MEMORY}`: decided at deploy time
    return True


class MissingResourceLimits(ServiceRule):
    """A service without a memory or CPU limit (off by default).

    ## What it does
    Reports a service that limits neither its memory or neither its CPU,
    naming what is missing.  Limits count from `deploy.resources.limits`
    (`memory`, `cpus`) and, for Compose, also from `mem_limit` and `cpus`; a
    limit of 0 is no limit.  A hardening check, off by default.

    ## Why it matters
    Without limits one leaking or runaway container can take all of a
    host's memory, which makes the kernel kill processes (maybe not the
    guilty one), or starve every other container of CPU.  In a swarm, the
    scheduler also has nothing to place tasks by.

    ## Example
    ```yaml
    services:
      worker:
        image: example/worker:1.8
    ```

    ## Fix
    ```yaml
        deploy:
          resources:
            limits:
              memory: 512M
              cpus: "1.0"
    ```
    """

    id = "missing-resource-limits"
    level = Level.WARNING
    category = "security"
    enabled_by_default = False

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        limits: Mapping[str, Any] = (mapping_at(ref.service, "deploy", "resources", "limits")
                                     or {})
        memory = bounds(limits.get("memory"))
        cpus = bounds(limits.get("cpus"))
        if not for_swarm(context):  # stack files refuse mem_limit; `cpus` is not in the format
            memory = memory or bounds(ref.service.get("mem_limit"))
            cpus = cpus or bounds(ref.service.get("cpus"))
        missing = [what for what, limited in (("memory", memory), ("CPU", cpus)) if not limited]
        if missing:
            yield self.finding(
                context, f"service {ref.name!r} has no {' and no '.join(missing)} limit", ref.loc)
