"""Zero values compose cannot tell from "not set", dropped as `docker compose config` drops them.

compose-go keeps these attributes in plain Go numbers, booleans and
durations marked `omitempty`, so `pids_limit: 0`, `cpus: 0`,
`update_config.delay: 0s` or `read_only: false` vanish from its output.
Dropping them at load time keeps the IR equal to what compose means.
Attributes compose keeps in pointers (`deploy.replicas`, `healthcheck.retries`,
`restart_policy.delay`...) keep their zeros and are not listed.
"""

from __future__ import annotations

from typing import Any

from orchconv.source.yamltree import YMap

ANY = "*"  # any mapping key
ITEM = "[]"  # any list item

_UPDATE = ("delay", "monitor", "max_failure_ratio")
_RESOURCE = ("cpus", "memory", "pids")

# Paths inside a service whose zero value means "unset".
_ZERO_IS_UNSET: tuple[tuple[str, ...], ...] = (
    *((key,) for key in (
        "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period",
        "cpu_rt_runtime", "cpus", "cpu_shares", "mem_limit", "mem_reservation",
        "memswap_limit", "mem_swappiness", "oom_kill_disable", "oom_score_adj", "pids_limit",
        "privileged", "read_only", "shm_size", "stdin_open", "tty",
    )),
    *(("build", key) for key in ("no_cache", "pull", "privileged", "shm_size")),
    ("blkio_config", "weight"),
    *(("deploy", section, key) for section in ("update_config", "rollback_config")
      for key in _UPDATE),
    *(("deploy", "resources", side, key) for side in ("limits", "reservations")
      for key in _RESOURCE),
    ("deploy", "placement", "max_replicas_per_node"),
    ("networks", ANY, "priority"),
    ("networks", ANY, "gw_priority"),
    ("volumes", ITEM, "read_only"),
    ("volumes", ITEM, "bind", "create_host_path"),
    ("volumes", ITEM, "volume", "nocopy"),
    ("volumes", ITEM, "tmpfs", "size"),
    ("volumes", ITEM, "tmpfs", "mode"),
)


def _is_zero(value: Any) -> bool:
    """Go's zero for the value's type, in the forms normalisation produces."""
    if isinstance(value, bool):
        return value is False
    if isinstance(value, int | float):
        return value == 0
    return value in ("0s", "0")


def _compile(paths: tuple[tuple[str, ...], ...]) -> dict[str, Any]:
    """The paths as one tree of keys (None marks where a zero is dropped)."""
    root: dict[str, Any] = {}
    for path in paths:
        node = root
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = None
    return root


_TREE = _compile(_ZERO_IS_UNSET)


def _drop(container: Any, tree: dict[str, Any]) -> None:
    """Walk the service and the tree together: one pass, only where a path leads."""
    if isinstance(container, list):
        items = tree.get(ITEM)
        if items is not None:
            for item in container:
                _drop(item, items)
        return
    if not isinstance(container, dict):
        return
    for key, below in tree.items():
        if key == ANY:
            for child in list(container.values()):
                _drop(child, below)
        elif key not in container:
            continue
        elif below is not None:
            _drop(container[key], below)
        elif _is_zero(container[key]):
            del container[key]  # a YMap drops the key's positions with it


def drop_unset_zeros(service: YMap) -> None:
    """Remove, in place, the zero values compose treats as not set."""
    _drop(service, _TREE)
