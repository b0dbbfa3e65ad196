"""Keep what `docker stack deploy` never applies out of a stack file's IR.

A stack file may set `privileged`, `pid: host` or `network_mode: host`; the
swarm service never gets them.  Carried into Kubernetes or Compose they would
grant what the stack never had, so each is left out with a loss.  With
`--keep-ignored-keys` they are carried, each with a warning.  The table of
keys is properties.NEVER_APPLIED.

The keys go before the loader normalises the merged document, so nothing
derived from them stays either: the dependency Compose reads into `links`,
and the `default` network a service without `network_mode` joins.

`restart` is applied by docker/cli unless `deploy.restart_policy` is set;
only then is it ignored, and left out here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from orchconv.ir.loss import INFO, Loss
from orchconv.location import Loc
from orchconv.source.yamltree import loc_of
from orchconv.translate.swarm.properties import NEVER_APPLIED

NEVER_APPLIED_REASON = "ignored by docker stack deploy: the stack never applied it"
# Loader losses hold no target: the conversion fills in the one it writes.
ANY_TARGET = ""

_RESTART_WHY = "deploy.restart_policy is set, and docker/cli then ignores restart"


def _never_applied(service: Mapping[str, Any]) -> dict[str, str]:
    """The keys of this service stack deploy never applies, each with why."""
    found = {key: why for key, why in NEVER_APPLIED.items() if key in service}
    deploy = service.get("deploy")
    if "restart" in service and isinstance(deploy, Mapping) and deploy.get("restart_policy"):
        found["restart"] = _RESTART_WHY
    return found


@dataclass
class IgnoredKeys:
    """Applied to the merged stack document (LoadOptions.before_normalise): takes
    the keys out with a loss each, or, when `keep`, leaves them with a warning."""

    keep: bool = False
    losses: list[Loss] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __call__(self, document: Any) -> None:
        services = document.get("services") if isinstance(document, Mapping) else None
        if not isinstance(services, dict):
            return
        for name, service in services.items():
            if isinstance(service, dict):
                self._service(name, service)

    def _service(self, name: str, service: dict[str, Any]) -> None:
        found = _never_applied(service)
        located = sorted((loc_of(service, key, of_key=True) or Loc("<stack>"), key)
                         for key in found)
        for loc, key in located:
            path, why = f"services.{name}.{key}", found[key]
            if self.keep:
                self.warnings.append(f"{loc}: {path}: ignored by docker stack deploy ({why}),"
                                     " carried because of --keep-ignored-keys")
            else:
                # info: the stack never had it, so the output behaves as the stack did
                self.losses.append(Loss(loc, path, ANY_TARGET, f"{NEVER_APPLIED_REASON} ({why})",
                                        INFO))
                del service[key]
