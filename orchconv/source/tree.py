"""The located tree: `YMap`/`YSeq`, plain Python containers that remember positions.

A mapping knows the position of itself, of each key and of each value; a sequence
of itself and of each item.  The tree owns the operations that keep those positions
in step with the values (`put`, `del`, `pop`, `copy`, `map_strings`), so stages
read positions through `key_loc`/`value_loc`/`item_loc` and never edit the tables.
A value stored with a plain `m[key] = value` has no position of its own: it reads
as the container's.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any, SupportsIndex

from orchconv.location import NOWHERE, Loc

PathPart = str | int
Path = tuple[PathPart, ...]
Visit = Callable[[str, Path, Loc | None], Any]

_new_loc = tuple.__new__  # Loc(...) without the named tuple's Python-level __new__
_MISSING = object()


class Positions:
    """The positions of one file's parsed mappings, packed: four ints an entry (key line and
    column, value line and column).  A `Loc` takes 64 bytes and a dict entry per table
    more; most positions are never asked for."""

    __slots__ = ("file", "ints", "lines")

    def __init__(self, file: str, lines: list[int]) -> None:
        self.file = file
        self.ints = array("I")
        self.lines = lines  # the parser's one int object per line, shared by the Locs made

    def loc(self, at: int) -> Loc:
        ints = self.ints
        return _new_loc(Loc, (self.file, self.lines[ints[at] - 1], ints[at + 1]))

    def __copy__(self) -> Positions:
        return self  # written once, while parsing: copies of the tree share it

    def __deepcopy__(self, memo: dict[int, Any]) -> Positions:
        return self


class YMap(dict[str, Any]):
    """A mapping with the position of itself, each key and each value.

    A parsed mapping keeps its keys' and values' positions packed (`Positions`);
    `key_locs` and `val_locs` read them as `Loc`s, and the first change to either
    turns both into plain dicts.
    """

    __slots__ = ("_base", "_key_locs", "_keys", "_positions", "_val_locs", "loc", "tags")

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self._key_locs: dict[str, Loc] | None = {}
        self._val_locs: dict[str, Loc] | None = {}
        self._keys: tuple[str, ...] = ()
        self._positions: Positions | None = None
        self._base = 0
        self.tags: dict[str, str] | None = None

    @property
    def key_locs(self) -> MutableMapping[str, Loc]:
        table = self._key_locs
        return table if table is not None else _PackedLocs(self, 0)

    @property
    def val_locs(self) -> MutableMapping[str, Loc]:
        table = self._val_locs
        return table if table is not None else _PackedLocs(self, 2)

    def key_loc(self, key: str) -> Loc:
        """Where `key` is written; the mapping's own position for a key without one."""
        return self._find(key, 0, self._key_locs)

    def value_loc(self, key: str) -> Loc:
        """Where the value of `key` is written; the mapping's own position when unknown."""
        return self._find(key, 2, self._val_locs)

    def _find(self, key: str, at: int, table: dict[str, Loc] | None) -> Loc:
        if table is not None:
            return table.get(key, self.loc)
        try:
            index = self._keys.index(key)
        except ValueError:
            return self.loc
        positions = self._positions
        assert positions is not None
        return positions.loc(self._base + 4 * index + at)

    def put(self, key: str, value: Any, key_loc: Loc, val_loc: Loc) -> None:
        self[key] = value
        key_locs, val_locs = self._tables()
        key_locs[key] = key_loc
        val_locs[key] = val_loc

    def __delitem__(self, key: str) -> None:
        dict.__delitem__(self, key)
        key_locs, val_locs = self._tables()
        key_locs.pop(key, None)
        val_locs.pop(key, None)
        if self.tags:
            self.tags.pop(key, None)

    def pop(self, key: str, default: Any = _MISSING) -> Any:
        if key not in self:
            if default is _MISSING:
                raise KeyError(key)
            return default
        value = self[key]
        del self[key]
        return value

    def copy(self) -> YMap:
        """A deep copy at the same positions, tags included."""
        return _copy_map(self)

    def copy_shell(self) -> YMap:
        """An empty mapping at this one's position, for a copy that sets every key of this
        one in its order: it shares this one's packed positions instead of making `Loc`s."""
        if self._key_locs is None and tuple(self) == self._keys:
            return packed_map(self.loc, self._keys, self._positions, self._base)  # type: ignore[arg-type]
        own, key_locs, val_locs = self.loc, self.key_locs, self.val_locs
        result = YMap(own)
        result._key_locs = {key: key_locs.get(key, own) for key in self}
        result._val_locs = {key: val_locs.get(key, own) for key in self}
        return result

    def pack(self, keys: tuple[str, ...], positions: Positions, base: int) -> None:
        """Take packed positions: `positions.ints[base:]`, four per key of `keys`."""
        self._key_locs = self._val_locs = None
        self._keys, self._positions, self._base = keys, positions, base

    def place(self, key_locs: dict[str, Loc], val_locs: dict[str, Loc]) -> None:
        """Take plain position tables, one entry per key."""
        self._key_locs, self._val_locs = key_locs, val_locs
        self._keys, self._positions = (), None

    def _tables(self) -> tuple[dict[str, Loc], dict[str, Loc]]:
        """The position tables as plain dicts, unpacked on the first change."""
        key_locs, val_locs = self._key_locs, self._val_locs
        if key_locs is None or val_locs is None:
            positions = self._positions
            assert positions is not None
            at = range(self._base, self._base + 4 * len(self._keys), 4)
            key_locs = {key: positions.loc(i) for key, i in zip(self._keys, at, strict=True)}
            val_locs = {key: positions.loc(i + 2) for key, i in zip(self._keys, at, strict=True)}
            self._key_locs, self._val_locs = key_locs, val_locs
            self._keys, self._positions = (), None
        return key_locs, val_locs


def packed_map(loc: Loc, keys: tuple[str, ...], positions: Positions, base: int) -> YMap:
    """A parsed mapping whose positions are `positions.ints[base:]`, four per key."""
    result = YMap.__new__(YMap)
    result.loc = loc
    result._key_locs = result._val_locs = None
    result._keys, result._positions, result._base = keys, positions, base
    result.tags = None
    return result


class _PackedLocs(MutableMapping[str, Loc]):
    """`key_locs` (at 0) or `val_locs` (at 2) of a mapping whose positions are packed."""

    __slots__ = ("_at", "_map")

    def __init__(self, mapping: YMap, at: int) -> None:
        self._map = mapping
        self._at = at

    def _plain(self) -> dict[str, Loc] | None:
        mapping = self._map
        return mapping._key_locs if self._at == 0 else mapping._val_locs

    def _find(self, key: object) -> Loc | None:
        mapping = self._map
        try:
            index = mapping._keys.index(key)
        except ValueError:
            return None
        positions = mapping._positions
        assert positions is not None
        return positions.loc(mapping._base + 4 * index + self._at)

    def __getitem__(self, key: str) -> Loc:
        plain = self._plain()
        if plain is not None:
            return plain[key]
        found = self._find(key)
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: str, default: Any = None) -> Any:
        plain = self._plain()
        if plain is not None:
            return plain.get(key, default)
        found = self._find(key)
        return default if found is None else found

    def __contains__(self, key: object) -> bool:
        plain = self._plain()
        return key in (plain if plain is not None else self._map._keys)

    def __iter__(self) -> Iterator[str]:
        plain = self._plain()
        return iter(plain if plain is not None else self._map._keys)

    def __len__(self) -> int:
        plain = self._plain()
        return len(plain if plain is not None else self._map._keys)

    def __setitem__(self, key: str, value: Loc) -> None:
        self._map._tables()[self._at // 2][key] = value

    def __delitem__(self, key: str) -> None:
        del self._map._tables()[self._at // 2][key]

    def __repr__(self) -> str:
        return repr(dict(self.items()))


class YSeq(list[Any]):
    """A sequence with the position of itself and each item."""

    __slots__ = ("item_locs", "loc")

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self.item_locs: list[Loc] = []

    def add(self, value: Any, loc: Loc) -> None:
        self.append(value)
        self.item_locs.append(loc)

    def put(self, index: int, value: Any, loc: Loc) -> None:
        """Replace item `index` and its position."""
        self[index] = value
        self._locs()[index] = loc

    def item_loc(self, index: int) -> Loc:
        """Where item `index` is written; the sequence's own position when unknown."""
        locs = self.item_locs
        return locs[index] if 0 <= index < len(locs) else self.loc

    def __delitem__(self, index: SupportsIndex | slice) -> None:
        in_step = len(self.item_locs) == len(self)
        list.__delitem__(self, index)
        if in_step:  # else the caller keeps the positions itself
            del self.item_locs[index]

    def copy(self) -> YSeq:
        """A deep copy at the same positions."""
        return _copy_seq(self)

    def _locs(self) -> list[Loc]:
        """The item positions, one per item (the sequence's own for items added without)."""
        locs = self.item_locs
        if len(locs) != len(self):
            locs = self.item_locs = [self.item_loc(index) for index in range(len(self))]
        return locs


def loc_of(container: object, key: str | int | None = None, *, of_key: bool = False) -> Loc | None:
    """The position of `container[key]` (or of the container), when known."""
    if isinstance(container, YMap):
        if key is None:
            return container.loc
        return container.key_loc(str(key)) if of_key else container.value_loc(str(key))
    if isinstance(container, YSeq):
        return container.item_loc(key) if isinstance(key, int) else container.loc
    return None


# ----------------------------------------------------------------- whole trees


def copy_tree(value: Any, loc: Loc | None = None) -> Any:
    """A deep copy as YMap/YSeq; plain containers get `loc` for every position."""
    if isinstance(value, YMap):
        return _copy_map(value)
    if isinstance(value, YSeq):
        return _copy_seq(value)
    if isinstance(value, Mapping):
        where = loc or NOWHERE
        result = YMap(where)
        for key, item in value.items():
            result.put(str(key), copy_tree(item, where), where, where)
        return result
    if isinstance(value, list):
        seq = YSeq(loc or NOWHERE)
        for item in value:
            seq.add(copy_tree(item, seq.loc), seq.loc)
        return seq
    return value


def _copy_map(value: YMap) -> YMap:
    """copy_tree of a located mapping: the hot path of normalisation, kept lean."""
    result = value.copy_shell()  # every key, in order, at the same positions
    for key, item in value.items():
        if isinstance(item, dict | list):  # a plain container takes the position of its key
            result[key] = copy_tree(item, None if isinstance(item, YMap | YSeq)
                                    else value.value_loc(key))
        else:
            result[key] = item
    if value.tags:
        result.tags = dict(value.tags)
    return result


def _copy_seq(value: YSeq) -> YSeq:
    own = value.loc
    result = YSeq(own)
    known = value.item_locs
    locs = known if len(known) == len(value) else [value.item_loc(i) for i in range(len(value))]
    for item, item_loc in zip(value, locs, strict=True):
        result.append(copy_tree(item, item_loc) if isinstance(item, dict | list) else item)
    result.item_locs = list(locs)
    return result


def map_strings(value: Any, visit: Visit, path: Path = (), *, containing: str = "") -> Any:
    """A copy of `value` with each string value holding `containing` (every string, by
    default) replaced by `visit(string, path, position)`; keys are never visited.

    YMap/YSeq are rebuilt with their key, value and item positions (and YMap tags);
    plain dicts and lists stay plain and their strings get no position.  Only the
    containers and the strings visited build a path: the loader copies every file so.
    """
    if type(value) is str:
        return visit(value, path, None) if containing in value else value
    if isinstance(value, dict | list):
        return _map_container(value, visit, path, containing)
    return value


def _map_container(value: dict[Any, Any] | list[Any], visit: Visit, path: Path,
                   containing: str) -> Any:
    if isinstance(value, YMap):
        mapping = value.copy_shell()  # every key, in order, at the same positions
        for key, child in value.items():
            mapping[key] = _mapped(child, visit, path, key, value.value_loc(key), containing)
        if value.tags:
            mapping.tags = dict(value.tags)
        return mapping
    if isinstance(value, YSeq):
        sequence = YSeq(value.loc)
        for index, item in enumerate(value):
            item_loc = value.item_loc(index)
            sequence.add(_mapped(item, visit, path, index, item_loc, containing), item_loc)
        return sequence
    if isinstance(value, dict):
        return {key: _mapped(child, visit, path, key if isinstance(key, str) else str(key), None,
                             containing) for key, child in value.items()}
    return [_mapped(item, visit, path, index, None, containing) for index, item in enumerate(value)]


def _mapped(value: Any, visit: Visit, path: Path, step: PathPart, loc: Loc | None,
            containing: str) -> Any:
    """map_strings of one child, at `path + (step,)`, built only when needed."""
    if type(value) is str:
        return visit(value, (*path, step), loc) if containing in value else value
    if isinstance(value, dict | list):
        return _map_container(value, visit, (*path, step), containing)
    return value


def walk(value: Any, path: Path = (),
         loc: Loc | None = None) -> Iterator[tuple[Path, Any, Loc | None]]:
    """(path, value, position) of `value` and of everything below it, each container
    before its contents, in document order.  Plain containers' contents have no position."""
    yield path, value, loc
    if isinstance(value, dict):
        mapping = value if isinstance(value, YMap) else None
        for key, child in value.items():
            where = mapping.value_loc(key) if mapping is not None else None
            yield from walk(child, (*path, key if isinstance(key, str) else str(key)), where)
    elif isinstance(value, list):
        seq = value if isinstance(value, YSeq) else None
        for index, child in enumerate(value):
            yield from walk(child, (*path, index), seq.item_loc(index) if seq is not None else None)
