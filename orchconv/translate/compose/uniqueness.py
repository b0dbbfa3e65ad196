"""Which list entries are one entry: compose-go's `unique` table (override/uncity.go).

compose-go enforces it twice per file: on the raw merged tree, then again
after the canonical transform, since long forms reveal more duplicates (a port
range meeting an override).  orchconv does the same: the merge stage walks the
user's syntax, the normalise stage the long form, with these indexers, which
read either form.  The last definition of a key wins, at the place of the first.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, YSeq
from orchconv.translate.compose.pathpattern import Path, PatternTree, pattern
from orchconv.translate.compose.syntax.golang import sprint
from orchconv.translate.compose.syntax.ports import parse_ports
from orchconv.translate.compose.syntax.volumes import volume_fields

UniqueKey = Hashable
# (entry, its position) -> the key two entries must share to be one; None: never merged
Indexer = Callable[[Any, Loc], UniqueKey | None]

# Attributes written as a mapping or as a list of `KEY=VALUE`.
KEY_VALUES = (
    "networks.*.labels", "volumes.*.labels", "services.*.annotations",
    "services.*.build.args", "services.*.build.additional_contexts", "services.*.build.labels",
    "services.*.deploy.labels", "services.*.environment", "services.*.labels",
    "services.*.sysctls",
)


def _text(value: object) -> str:
    return "" if value is None else sprint(value)


def key_of_key_value(item: object, _loc: Loc) -> UniqueKey | None:
    """`KEY=VALUE` and plain strings: the text before "="."""
    if isinstance(item, str):
        return item.partition("=")[0]
    if isinstance(item, (dict, list)):
        return None
    return _text(item)


def _key_of_expose(item: object, _loc: Loc) -> UniqueKey | None:
    return None if isinstance(item, (dict, list)) else _text(item)


def _key_of_env_file(item: object, loc: Loc) -> UniqueKey | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        if "path" not in item:
            raise InputError("an env_file entry in long syntax needs a path", loc)
        return _text(item["path"])
    return None


def _key_of_mount(default_dir: str) -> Indexer:
    """Secrets and configs: the target as written, else `<default_dir>/<source>`."""

    def key(item: object, _loc: Loc) -> UniqueKey | None:
        if isinstance(item, str):
            return f"{default_dir}/{item}"
        if not isinstance(item, dict):
            return None
        if item.get("target") is not None:
            return _text(item["target"])
        return f"{default_dir}/{_text(item.get('source'))}"

    return key


def key_of_volume(item: object, loc: Loc) -> UniqueKey | None:
    """The target, as ParseVolume gives it for the short syntax."""
    if isinstance(item, str):
        return str(volume_fields(item, loc).get("target", ""))
    if isinstance(item, dict):
        target = item.get("target")
        if not isinstance(target, str) or not target:
            raise InputError("a volume in long syntax needs a target", loc)
        return target
    return None


def _key_of_device(item: object, loc: Loc) -> UniqueKey | None:
    if isinstance(item, str):
        parts = item.split(":")
        return parts[1] if len(parts) > 1 else parts[0]
    if isinstance(item, dict):
        target = item.get("target")
        if not isinstance(target, str) or not target:
            raise InputError("a device in long syntax needs a target", loc)
        return target
    return None


def port_key(entry: dict[str, Any]) -> tuple[str, str, str, str]:
    """A long-form port's identity: host address, published port(s), target, protocol."""
    return (
        _text(entry.get("host_ip")) or "0.0.0.0",
        _text(entry.get("published")),
        _text(entry["target"]),
        _text(entry.get("protocol")) or "tcp",
    )


def key_of_port(item: object, loc: Loc) -> UniqueKey | None:
    """Either syntax; a short range is one key for all the ports it stands for."""
    if isinstance(item, bool):
        return None
    if isinstance(item, str | int):
        try:
            ports = parse_ports(item, loc)
        except InputError:
            return str(item)  # as compose-go keys it; the normalise stage reports the error
        return port_key(ports[0]) if len(ports) == 1 else tuple(map(port_key, ports))
    if isinstance(item, dict):
        if item.get("target") is None:
            raise InputError("a port in long syntax needs a target", loc)
        return port_key(item)
    return None


UNIQUE: list[tuple[Path, Indexer]] = [
    *((pattern(p), key_of_key_value) for p in (
        *KEY_VALUES, "networks.*.ipam.options", "services.*.build.platforms",
        "services.*.build.tags", "services.*.cap_add", "services.*.cap_drop",
        "services.*.dns", "services.*.dns_opt", "services.*.dns_search", "services.*.links",
        "services.*.networks.*.aliases", "services.*.networks.*.link_local_ips",
        "services.*.profiles", "services.*.tmpfs",
    )),
    (pattern("services.*.configs"), _key_of_mount("")),
    (pattern("services.*.secrets"), _key_of_mount("/run/secrets")),
    (pattern("services.*.devices"), _key_of_device),
    (pattern("services.*.env_file"), _key_of_env_file),
    (pattern("services.*.expose"), _key_of_expose),
    (pattern("services.*.ports"), key_of_port),
    (pattern("services.*.volumes"), key_of_volume),
]
UNIQUE_TREE = PatternTree(UNIQUE)


def enforce_unique(value: Any, path: Path) -> Any:
    """Collapse list entries sharing a unique key (compose-go's `EnforceUnicity`), in place
    for mappings; `path` is where `value` sits in the document."""
    node = UNIQUE_TREE.at(path)
    return value if node is None else _unique_below(value, node)


def _unique_below(value: Any, node: PatternTree[Indexer]) -> Any:
    """Only the branches that lead to a listed path are walked."""
    if isinstance(value, YMap):
        for key in value:
            child = node.child(key)
            if child is not None:
                value[key] = _unique_below(value[key], child)
        return value
    if isinstance(value, YSeq) and node.value is not None:
        return deduplicated(value, node.value)
    return value


def deduplicated(seq: YSeq, indexer: Indexer, keyed: Sequence[Any] | None = None) -> YSeq:
    """The last definition of a key wins, at the place of the first.

    With `keyed`, entry i is keyed by `indexer(keyed[i])`: the form compose-go
    keys it in, where the stage has already changed it.
    """
    result = YSeq(seq.loc)
    seen: dict[UniqueKey, int] = {}
    locs = seq.item_locs if len(seq.item_locs) == len(seq) else [seq.loc] * len(seq)
    for index, (item, loc) in enumerate(zip(seq, locs, strict=True)):
        key = indexer(item if keyed is None else keyed[index], loc)
        if key is not None and key in seen:
            result.put(seen[key], item, loc)
            continue
        if key is not None:
            seen[key] = len(result)
        result.add(item, loc)
    return result


_BY_PATTERN = {".".join(path): indexer for path, indexer in UNIQUE}


def indexer_for(path: str) -> Indexer:
    """The indexer of one listed pattern, e.g. "services.*.ports"."""
    return _BY_PATTERN[path]
