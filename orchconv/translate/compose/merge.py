"""Merge stage of the compose loader: later `-f` files and `extends` over earlier ones.

The rules are compose-go's (`override/merge.go`, `override/uncity.go`,
`loader/reset.go`), applied to the user's own short or long syntax, since
merging happens before normalisation:

- mappings merge key by key; a key on one side only, or a scalar, comes from
  the override; a null override keeps the base value;
- sequences are appended, then entries sharing a unique key (volume target,
  port binding, the KEY of `KEY=VALUE`...) collapse into the last definition,
  kept at the place of the first: uniqueness.py's table, which the normalise
  stage applies again to the long form;
- `command`, `entrypoint`, `healthcheck.test` and each `ulimits` entry are
  replaced; `logging` merges only when the driver is unchanged; list-or-mapping
  attributes (`environment`, `labels`, `networks`, `depends_on`...) merge across
  their two syntaxes;
- `!reset` removes a value from the result, `!override` replaces the earlier
  value instead of merging with it.  Tags act on earlier content only: inside the
  file that carries them a `!reset` value is simply absent.  Results carry no tags.

Results are fresh `YMap`/`YSeq` trees: what came from the override keeps the
override's positions, the rest the base's; inputs are never modified.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any, NamedTuple

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, YSeq, copy_tree
from orchconv.translate.compose.pathpattern import Path, PatternTree, matches, pattern
from orchconv.translate.compose.syntax.golang import sprint
from orchconv.translate.compose.uniqueness import KEY_VALUES, enforce_unique

RESET = "!reset"
OVERRIDE = "!override"


class _Entry(NamedTuple):  # not a dataclass, whose methods compile at every start
    """A value with the positions of its key and of itself."""

    value: Any
    key_loc: Loc
    val_loc: Loc


# --------------------------------------------------------------------------- API


def merge_documents(base: YMap | dict[str, Any], override: YMap | dict[str, Any]) -> YMap:
    """`override` (a later `-f` file) merged over `base` (what earlier files gave)."""
    return _merge_at((), _require_mapping(base), _require_mapping(override))


def merge_service(
    base: YMap | dict[str, Any], override: YMap | dict[str, Any], *, name: str = "service"
) -> YMap:
    """A service definition merged over the service it `extends`.

    `name` only appears in error messages.
    """
    return _merge_at(("services", name), _require_mapping(base), _require_mapping(override))


def apply_resets(base: YMap | dict[str, Any], override: YMap | dict[str, Any]) -> YMap:
    """A copy of `base` without what `override` tags `!reset` or `!override`.

    compose-go applies a file's tags to the earlier files before it resolves that
    file's `extends`; a caller resolving `extends` first (which drops the tags)
    uses this on the earlier content, then merges.
    """
    copy: YMap = _clone(_require_mapping(base))
    _apply_resets(copy, _require_mapping(override), ())
    return copy


def unique_entries(document: YMap | dict[str, Any]) -> YMap:
    """A copy of a lone document with duplicate list entries collapsed, as merging does."""
    result: YMap = enforce_unique(_clone(_require_mapping(document)), ())
    return result


def _merge_at(root: Path, base: dict[str, Any], override: dict[str, Any]) -> YMap:
    merged: YMap = _clone(base)
    _apply_resets(merged, override, root)
    _merge_maps(merged, _clone(override), root)
    result: YMap = enforce_unique(merged, root)
    return result


def _require_mapping(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        where = value.loc if isinstance(value, YSeq) else None
        raise InputError("a compose document must be a mapping", where)
    return value


# ---------------------------------------------------------- located copies


def _clone(value: Any) -> Any:
    """A located deep copy without tags; `!reset` keys are left out (their file's view)."""
    return _without_tags(copy_tree(value), read=True)


def _without_tags(value: Any, *, read: bool) -> Any:
    """`value`, a private copy, without its tags and without the keys they `!reset`."""
    if isinstance(value, YMap):
        tags, value.tags = value.tags, None
        if tags and read:
            for key in [key for key, tag in tags.items() if tag == RESET and key in value]:
                del value[key]
        for key, item in value.items():
            if isinstance(item, list | dict):
                # compose-go reads no tags inside an `!override` value
                _without_tags(item, read=read and not (tags and tags.get(key) == OVERRIDE))
    elif isinstance(value, YSeq):
        for item in value:
            if isinstance(item, list | dict):
                _without_tags(item, read=read)
    return value


def _entry(mapping: YMap, key: str) -> _Entry:
    return _Entry(mapping[key], mapping.key_loc(key), mapping.value_loc(key))


def _store(mapping: YMap, key: str, entry: _Entry) -> None:
    mapping.put(key, entry.value, entry.key_loc, entry.val_loc)


def _dotted(path: Path) -> str:
    return ".".join(path)


# ------------------------------------------------------------ !reset / !override


def _tagged_paths(value: object, path: Path) -> Iterator[Path]:
    """Where the override carries `!reset` or `!override`, relative to it.

    Sequences are not entered: compose-go records paths through them in a form
    its removal pass never matches, so tags there only act inside their file.
    """
    if not isinstance(value, dict):
        return
    tags = value.tags if isinstance(value, YMap) else None
    for key, item in value.items():
        if tags and tags.get(key) in (RESET, OVERRIDE):
            yield (*path, key)
        else:
            yield from _tagged_paths(item, (*path, key))


def _apply_resets(base: YMap, override: dict[str, Any], root: Path) -> None:
    """Remove from `base` (a private copy) every value the override tags."""
    for relative in _tagged_paths(override, ()):
        container: Any = base
        for key in relative[:-1]:
            container = container.get(key) if isinstance(container, dict) else None
        last = relative[-1]
        if isinstance(container, YMap):
            if last in container:
                del container[last]
        elif isinstance(container, YSeq):
            parent = (*root, *relative[:-1])
            if any(matches(parent, pattern) for pattern in _MAP_OR_LIST):
                _drop_named(container, last, parent)


def _drop_named(seq: YSeq, name: str, path: Path) -> None:
    """Remove the list-syntax entries of `name` (`NAME=...`, `NAME`): a `!reset`
    written on a mapping key also clears the entry an earlier file wrote as a list
    (docker/compose#11816)."""
    for index in reversed(range(len(seq))):
        if _entry_name(seq[index], path) == name:
            del seq[index]


def _entry_name(item: object, path: Path) -> str | None:
    if not isinstance(item, str):
        return None
    if path[-1] == "extra_hosts" and "=" not in item:
        return item.partition(":")[0]
    return item.partition("=")[0]


# --------------------------------------------------------------------- merging

Merger = Callable[[_Entry, _Entry, Path], _Entry]


def _merge_maps(base: YMap, override: YMap, path: Path) -> YMap:
    """Merge `override` into `base` in place (both are private copies)."""
    for key in override:
        incoming = _entry(override, key)
        if key not in base:
            _store(base, key, incoming)
            continue
        _store(base, key, _merge_value(_entry(base, key), incoming, (*path, key)))
    return base


def _merge_value(base: _Entry, override: _Entry, path: Path) -> _Entry:
    special = _SPECIAL_TREE.lookup(path)
    if special is not None:
        return special(base, override, path)
    return _merge_plain(base, override, path)


def _merge_plain(base: _Entry, override: _Entry, path: Path) -> _Entry:
    if override.value is None:
        return base
    if isinstance(base.value, YMap):
        if not isinstance(override.value, YMap):
            raise _conflict(path, base, override)
        return _Entry(_merge_maps(base.value, override.value, path), base.key_loc, base.val_loc)
    if isinstance(base.value, YSeq):
        if not isinstance(override.value, YSeq):
            raise _conflict(path, base, override)
        return _Entry(_concat(base.value, override.value), base.key_loc, base.val_loc)
    return override


def _conflict(path: Path, base: _Entry, override: _Entry) -> InputError:
    return InputError(
        f"cannot merge {_dotted(path)}: an earlier file has {_kind(base.value)} there,"
        f" this one {_kind(override.value)}",
        override.val_loc,
    )


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "a scalar"


def _concat(base: YSeq, override: YSeq) -> YSeq:
    for item, loc in zip(override, override.item_locs, strict=True):
        base.add(item, loc)
    return base


def _replace(_base: _Entry, override: _Entry, _path: Path) -> _Entry:
    return override


def _merge_logging(base: _Entry, override: _Entry, path: Path) -> _Entry:
    """Options merge only when the driver stays the same (or one side names none)."""
    old, new = base.value, override.value
    if isinstance(old, YMap) and isinstance(new, YMap) and (
        "driver" in old and "driver" in new and old["driver"] != new["driver"]
    ):
        return override
    return _merge_plain(base, override, path)


def _merge_build(base: _Entry, override: _Entry, path: Path) -> _Entry:
    """`build: DIR` is `build: {context: DIR}`, so the two syntaxes merge."""
    old, new = _build_mapping(base), _build_mapping(override)
    if old is None or new is None:
        return _merge_plain(base, override, path)
    return _Entry(_merge_maps(old, new, path), base.key_loc, base.val_loc)


def _build_mapping(entry: _Entry) -> YMap | None:
    if isinstance(entry.value, YMap):
        return entry.value
    if isinstance(entry.value, str):
        mapping = YMap(entry.val_loc)
        mapping.put("context", entry.value, entry.val_loc, entry.val_loc)
        return mapping
    return None


def _merge_as_mapping(default: Callable[[Loc], YMap] | None) -> Merger:
    """For `networks`, `depends_on`, `models`: a list of names becomes a mapping."""

    def merge(base: _Entry, override: _Entry, path: Path) -> _Entry:
        old, new = _name_mapping(base, default), _name_mapping(override, default)
        if (old is None and base.value is not None) or (new is None and override.value is not None):
            return _merge_plain(base, override, path)
        if new is None:
            return base if old is None else _Entry(old, base.key_loc, base.val_loc)
        if old is None:
            return _Entry(new, override.key_loc, override.val_loc)
        return _Entry(_merge_maps(old, new, path), base.key_loc, base.val_loc)

    return merge


def _name_mapping(entry: _Entry, default: Callable[[Loc], YMap] | None) -> YMap | None:
    value = entry.value
    if isinstance(value, YMap):
        return value
    if not isinstance(value, YSeq) or not all(isinstance(item, str) for item in value):
        return None
    mapping = YMap(value.loc)
    for item, loc in zip(value, value.item_locs, strict=True):
        mapping.put(item, default(loc) if default else None, loc, loc)
    return mapping


def _started_dependency(loc: Loc) -> YMap:
    """What `depends_on: [NAME]` means in long syntax."""
    mapping = YMap(loc)
    mapping.put("condition", "service_started", loc, loc)
    mapping.put("required", True, loc, loc)
    return mapping


def _merge_key_values(base: _Entry, override: _Entry, path: Path) -> _Entry:
    """`environment`, `labels`, `build.args`...: a list of `KEY=VALUE` or a mapping.

    compose-go turns both sides into `KEY=VALUE` lists and de-duplicates by KEY.
    Two mappings give the same result merged as mappings (the override's value
    wins per key), which keeps the user's syntax and value types.
    """
    old, new = base.value, override.value
    if isinstance(old, YMap) and isinstance(new, YMap):
        for key in new:
            _store(old, key, _entry(new, key))
        return base
    if new is None:
        return base
    if old is None:
        return override
    old_seq, new_seq = _key_value_list(base), _key_value_list(override)
    if old_seq is None or new_seq is None:
        return _merge_plain(base, override, path)
    return _Entry(_concat(old_seq, new_seq), base.key_loc, base.val_loc)


def _merge_extra_hosts(base: _Entry, override: _Entry, path: Path) -> _Entry:
    """Hosts append, minus the override's exact repeats of earlier entries: a host
    may map to several addresses, so entries are not de-duplicated by name."""
    if override.value is None:
        return base
    old_seq, new_seq = _key_value_list(base), _key_value_list(override)
    if old_seq is None or new_seq is None:
        return _merge_plain(base, override, path)
    earlier = list(old_seq)
    for item, loc in zip(new_seq, new_seq.item_locs, strict=True):
        if item not in earlier:
            old_seq.add(item, loc)
    return _Entry(old_seq, base.key_loc, base.val_loc)


def _key_value_list(entry: _Entry) -> YSeq | None:
    value = entry.value
    if isinstance(value, YSeq):
        return value
    if isinstance(value, str):
        seq = YSeq(entry.val_loc)
        seq.add(value, entry.val_loc)
        return seq
    if not isinstance(value, YMap):
        return None
    lines: list[tuple[str, Loc]] = []
    for key, item in value.items():
        loc = value.key_loc(key)
        if item is None:
            lines.append((key, loc))
        elif isinstance(item, list):
            lines.extend((f"{key}={sprint(each)}", loc) for each in item)
        else:
            lines.append((f"{key}={sprint(item)}", loc))
    seq = YSeq(value.loc)
    for line, loc in sorted(lines, key=lambda pair: pair[0]):  # compose-go sorts them
        seq.add(line, loc)
    return seq


def _merge_ipam_config(base: _Entry, override: _Entry, path: Path) -> _Entry:
    """The override's pools, each merged over the earlier pool of the same subnet.

    Earlier pools the override does not name are dropped, as compose-go does.
    """
    old, new = base.value, override.value
    if not (isinstance(old, YSeq) and isinstance(new, YSeq)):
        return _merge_plain(base, override, path)
    result = YSeq(new.loc)
    subnets: dict[Hashable, int] = {}
    for pool, loc in zip(new, new.item_locs, strict=True):
        subnet = pool.get("subnet") if isinstance(pool, YMap) else None
        earlier = next(
            (p for p in old if isinstance(p, YMap) and isinstance(pool, YMap)
             and p.get("subnet") == subnet),
            None,
        )
        merged = _merge_maps(_clone(earlier), pool, path) if earlier is not None else pool
        if isinstance(subnet, Hashable) and subnet in subnets:
            index = subnets[subnet]
            result.put(index, merged, loc)
            continue
        if isinstance(subnet, Hashable):
            subnets[subnet] = len(result)
        result.add(merged, loc)
    return _Entry(result, override.key_loc, override.val_loc)


# compose-go's `mergeSpecials`: paths whose values do not merge the default way.
_SPECIAL: list[tuple[Path, Merger]] = [
    *((pattern(p), _merge_key_values) for p in KEY_VALUES),
    *((pattern(p), _merge_key_values) for p in (
        "services.*.dns", "services.*.dns_opt", "services.*.dns_search", "services.*.env_file",
        "services.*.label_file", "services.*.tmpfs", "services.*.volumes.*.volume.labels",
    )),
    *((pattern(p), _replace) for p in (
        "services.*.command", "services.*.entrypoint", "services.*.healthcheck.test",
        "services.*.ulimits.*",
    )),
    (pattern("services.*.extra_hosts"), _merge_extra_hosts),
    (pattern("services.*.build.extra_hosts"), _merge_extra_hosts),
    (pattern("services.*.build"), _merge_build),
    (pattern("services.*.logging"), _merge_logging),
    (pattern("services.*.depends_on"), _merge_as_mapping(_started_dependency)),
    (pattern("services.*.networks"), _merge_as_mapping(None)),
    (pattern("services.*.models"), _merge_as_mapping(None)),
    (pattern("networks.*.ipam.config"), _merge_ipam_config),
]

# Attributes written either as a mapping or as a list of names / `KEY=VALUE`.
_MAP_OR_LIST: tuple[Path, ...] = tuple(
    pattern(p) for p in (
        *KEY_VALUES, "services.*.extra_hosts", "services.*.build.extra_hosts",
        "services.*.depends_on", "services.*.networks", "services.*.models",
    )
)
_SPECIAL_TREE = PatternTree(_SPECIAL)
