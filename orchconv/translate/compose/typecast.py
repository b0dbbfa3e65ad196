"""Typed values after interpolation: strings at known paths become int/float/bool.

Interpolation only yields strings, so `replicas: ${N}` would fail the schema.
compose-go (`docker compose`) therefore converts every string found at a
fixed list of paths; docker/cli (`docker stack deploy`) keeps its own, older
list and converts only strings that interpolation changed (interpolate.py
decides that).  Non-string values are never touched.

The tables are written from compose-go's loader/interpolate.go (v2, plus
`enable_ipv4` and `depends_on.*.required/restart` from its newest table;
`secrets/configs[].mode` is no longer cast there since it may be an octal
string) and docker/cli's cli/compose/loader/interpolate.go.  compose accepts
``true``/``false`` in any case and warns on YAML 1.1 ``y/yes/on/n/no/off``;
docker/cli accepts all of them silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, YSeq
from orchconv.translate.compose.syntax.golang import YAML12_WORDS, parse_float, parse_int, yaml_bool

Dialect = Literal["compose", "stack"]
CastKind = Literal["int", "float", "float32", "bool"]
PathPart = str | int
Path = tuple[PathPart, ...]
Warn = Callable[[str, Loc | None], None]

ANY = "*"  # any key or list index
ITEM = "[]"  # any list index

_SERVICE = ("services", ANY)

_COMPOSE_SERVICE_CASTS: dict[tuple[str, ...], CastKind] = {
    ("cpu_count",): "int",
    ("cpu_percent",): "float",
    ("cpu_period",): "int",
    ("cpu_quota",): "int",
    ("cpu_rt_period",): "int",
    ("cpu_rt_runtime",): "int",
    ("cpus",): "float32",
    ("cpu_shares",): "int",
    ("init",): "bool",
    ("deploy", "replicas"): "int",
    ("deploy", "update_config", "parallelism"): "int",
    ("deploy", "update_config", "max_failure_ratio"): "float",
    ("deploy", "rollback_config", "parallelism"): "int",
    ("deploy", "rollback_config", "max_failure_ratio"): "float",
    ("deploy", "restart_policy", "max_attempts"): "int",
    ("deploy", "placement", "max_replicas_per_node"): "int",
    ("depends_on", ANY, "required"): "bool",
    ("depends_on", ANY, "restart"): "bool",
    ("healthcheck", "retries"): "int",
    ("healthcheck", "disable"): "bool",
    ("oom_kill_disable",): "bool",
    ("oom_score_adj",): "int",
    ("pids_limit",): "int",
    ("ports", ITEM, "target"): "int",
    ("privileged",): "bool",
    ("read_only",): "bool",
    ("scale",): "int",
    ("stdin_open",): "bool",
    ("tty",): "bool",
    ("ulimits", ANY): "int",
    ("ulimits", ANY, "hard"): "int",
    ("ulimits", ANY, "soft"): "int",
    ("volumes", ITEM, "read_only"): "bool",
    ("volumes", ITEM, "volume", "nocopy"): "bool",
}

_COMPOSE_TOP_CASTS: dict[tuple[str, ...], CastKind] = {
    ("networks", ANY, "external"): "bool",
    ("networks", ANY, "internal"): "bool",
    ("networks", ANY, "attachable"): "bool",
    ("networks", ANY, "enable_ipv4"): "bool",
    ("networks", ANY, "enable_ipv6"): "bool",
    ("volumes", ANY, "external"): "bool",
    ("secrets", ANY, "external"): "bool",
    ("configs", ANY, "external"): "bool",
}

# docker/cli's list is compose-go's older one: without the keys compose-go added
# since, plus file modes and published ports, which compose-go no longer casts.
_COMPOSE_ONLY = frozenset({
    "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime",
    "cpus", "cpu_shares", "depends_on", "init", "oom_kill_disable", "oom_score_adj",
    "pids_limit", "scale", "enable_ipv4", "enable_ipv6",
})

_STACK_SERVICE_CASTS: dict[tuple[str, ...], CastKind] = {
    ("configs", ITEM, "mode"): "int",
    ("secrets", ITEM, "mode"): "int",
    ("ports", ITEM, "published"): "int",
    **{path: kind for path, kind in _COMPOSE_SERVICE_CASTS.items() if path[0] not in _COMPOSE_ONLY},
}

_STACK_TOP_CASTS: dict[tuple[str, ...], CastKind] = {
    path: kind for path, kind in _COMPOSE_TOP_CASTS.items() if path[-1] not in _COMPOSE_ONLY
}


def _patterns(service: dict[tuple[str, ...], CastKind], top: dict[tuple[str, ...], CastKind]
              ) -> list[tuple[tuple[str, ...], CastKind]]:
    """Every pattern of a dialect, the service ones under `services.*`."""
    return [(_SERVICE + tail, kind) for tail, kind in service.items()] + list(top.items())


def _table(
    service: dict[tuple[str, ...], CastKind], top: dict[tuple[str, ...], CastKind]
) -> dict[int, list[tuple[tuple[str, ...], CastKind]]]:
    """Patterns grouped by length, so a path is compared with few of them."""
    by_length: dict[int, list[tuple[tuple[str, ...], CastKind]]] = {}
    for pattern, kind in _patterns(service, top):
        by_length.setdefault(len(pattern), []).append((pattern, kind))
    return by_length


_TABLES = {
    "compose": _table(_COMPOSE_SERVICE_CASTS, _COMPOSE_TOP_CASTS),
    "stack": _table(_STACK_SERVICE_CASTS, _STACK_TOP_CASTS),
}


def cast_kind_for(path: Sequence[PathPart], dialect: Dialect = "compose") -> CastKind | None:
    """The type the value at `path` (keys and list indexes) is cast to, if any."""
    for pattern, kind in _TABLES[dialect].get(len(path), ()):
        if all(_part_matches(want, part) for want, part in zip(pattern, path, strict=True)):
            return kind
    return None


def _part_matches(want: str, part: PathPart) -> bool:
    if want == ANY:
        return True
    if want == ITEM:
        return isinstance(part, int)
    return part == want


def format_path(path: Sequence[PathPart]) -> str:
    """`services.web.ports[0].target` style, for messages."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def cast_scalar_at(
    path: Sequence[PathPart],
    text: str,
    loc: Loc | None,
    *,
    dialect: Dialect = "compose",
    warn: Warn | None = None,
) -> Any:
    """`text` converted to the type its path wants, or unchanged."""
    kind = cast_kind_for(path, dialect)
    if kind is None:
        return text
    if kind == "int":
        number = parse_int(text)
        if number is None:
            raise InputError(f"{format_path(path)} must be an integer", loc)
        return number
    if kind in ("float", "float32"):
        real = parse_float(text, bits=32 if kind == "float32" else 64)
        if real is None:
            raise InputError(f"{format_path(path)} must be a number", loc)
        return real
    return _cast_bool(path, text, loc, dialect, warn)


def _cast_bool(
    path: Sequence[PathPart], text: str, loc: Loc | None, dialect: Dialect, warn: Warn | None
) -> bool:
    value = yaml_bool(text)
    if value is None:
        raise InputError(f"{format_path(path)} must be a boolean (true or false)", loc)
    if text.lower() not in YAML12_WORDS and dialect == "compose" and warn is not None:
        warn(
            f"{format_path(path)}: {text!r} for boolean is not supported by YAML 1.2,"
            f" please use {'true' if value else 'false'}",
            loc,
        )
    return value


_LEAF = ""  # key of a trie node's own cast kind


def _trie(service: dict[tuple[str, ...], CastKind], top: dict[tuple[str, ...], CastKind]
          ) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for pattern, kind in _patterns(service, top):
        node = root
        for part in pattern:
            node = node.setdefault(part, {})
        node[_LEAF] = kind
    return root


_TRIES = {
    "compose": _trie(_COMPOSE_SERVICE_CASTS, _COMPOSE_TOP_CASTS),
    "stack": _trie(_STACK_SERVICE_CASTS, _STACK_TOP_CASTS),
}


def cast_in_place(tree: Any, *, dialect: Dialect = "compose", warn: Warn | None = None) -> Any:
    """`tree` (a whole project document) with every string at a typed path cast, in place.

    This is compose-go's rule (all strings there).  For docker/cli's rule (only
    strings interpolation changed) use `interpolate_tree(cast=True)`.  The loader
    uses it on the fresh copy interpolation made: walking just the few dozen typed
    paths of each service is far cheaper than copying it all.
    """
    _cast_children(tree, _TRIES[dialect], (), dialect, warn)
    return tree


def _cast_children(node: Any, trie: dict[str, Any], path: Path, dialect: Dialect,
                   warn: Warn | None) -> None:
    for part, below in trie.items():
        if part == _LEAF:
            continue
        if part == ANY and isinstance(node, dict):
            targets: list[PathPart] = list(node)
        elif part == ITEM and isinstance(node, list):
            targets = list(range(len(node)))
        elif isinstance(node, dict) and part in node:
            targets = [part]
        else:
            continue
        for target in targets:
            child = node[target]
            child_path = (*path, target)
            kind = below.get(_LEAF)
            if kind is not None and isinstance(child, str):
                loc = (node.value_loc(str(target)) if isinstance(node, YMap)
                       else node.item_loc(int(target)) if isinstance(node, YSeq) else None)
                node[target] = cast_scalar_at(child_path, child, loc, dialect=dialect, warn=warn)
            elif isinstance(child, (dict, list)):
                _cast_children(child, below, child_path, dialect, warn)
