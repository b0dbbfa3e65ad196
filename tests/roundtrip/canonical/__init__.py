"""One canonical form per target, so a deployed project and its read-back compare equal
when the target kept everything.

Spellings a target treats as the same become one ("90s" and "1m30s"; `restart:
always` and swarm's restart policy "any"), and values a target fills in by
default are dropped, since read-back cannot tell them from what was written.
Each rule is a small function whose docstring says why it holds.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from orchconv.ir.codec import encode
from orchconv.ir.project import Project
from tests.roundtrip.canonical import common, compose, kubernetes, swarm
from tests.roundtrip.canonical.common import Data

_SERVICE_RULES: dict[str, Callable[[Data], None]] = {
    "compose": compose.service, "swarm": swarm.service, "k8s": kubernetes.service,
}
_PROJECT_RULES: dict[str, Callable[[Data], None]] = {
    "compose": compose.project, "swarm": swarm.project, "k8s": kubernetes.project,
}


def canonical(project: Project, target: str) -> Data:
    """The project as plain compose-shaped data, in the canonical form for `target`."""
    data: Data = common.without_extensions(copy.deepcopy(encode(project)))
    data.pop("name", None)  # the deployment name, given separately
    common.resources(data, project.name)
    for service in (data.get("services") or {}).values():
        common.service(service)
        _SERVICE_RULES[target](service)
    common.external_by_name(data)
    _PROJECT_RULES[target](data)
    pruned: Data = common.pruned(data)
    return pruned
