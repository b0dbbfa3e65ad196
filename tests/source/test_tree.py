"""The located tree's own operations keep positions in step with the values."""

from __future__ import annotations

import pytest

from orchconv.location import NOWHERE, Loc
from orchconv.source.tree import YMap, YSeq, copy_tree, map_strings, walk
from orchconv.source.yamltree import PACKED_KEYS, parse_document

TEXT = """\
web:
  image: nginx
  ports: [80, "443:443"]
  env: !override {A: 1}
  gone: !reset null
"""


def _web() -> YMap:
    web = parse_document(TEXT, "c.yaml")["web"]
    assert isinstance(web, YMap)
    return web


def test_key_and_value_positions_fall_back_to_the_mapping() -> None:
    web = _web()
    assert web.key_loc("image") == Loc("c.yaml", 2, 3)
    assert web.value_loc("image") == Loc("c.yaml", 2, 10)
    assert web.key_loc("missing") == web.value_loc("missing") == web.loc == Loc("c.yaml", 2, 3)
    web["added"] = 1  # stored without a position: it reads as the mapping's
    assert web.key_loc("added") == web.value_loc("added") == web.loc
    web.put("user", "me", Loc("u", 1, 1), Loc("u", 1, 7))
    assert (web.key_loc("user"), web.value_loc("user")) == (Loc("u", 1, 1), Loc("u", 1, 7))
    assert web.value_loc("env") == Loc("c.yaml", 4, 8)  # unpacking kept the others


@pytest.mark.parametrize("packed", [True, False])
def test_del_and_pop_drop_the_positions_and_tag_of_the_key(packed: bool) -> None:
    web = _web()
    if not packed:
        web.put("extra", 1, web.loc, web.loc)
    del web["ports"]
    assert "ports" not in web.key_locs and "ports" not in web.val_locs
    assert web.pop("env") == {"A": 1}
    assert web.pop("env", "absent") == "absent"
    with pytest.raises(KeyError):
        web.pop("env")
    assert web.tags == {"gone": "!reset"}
    assert list(web.key_locs) == list(web.val_locs) == list(web)
    assert web.key_loc("gone") == Loc("c.yaml", 5, 3)
    web["ports"] = []  # set again without a position: none of the old one is left
    assert web.value_loc("ports") == web.loc


def test_copy_is_deep_and_keeps_positions_and_tags() -> None:
    web = _web()
    clone = web.copy()
    assert isinstance(clone, YMap) and clone == web and clone is not web
    assert dict(clone.key_locs) == dict(web.key_locs)
    assert dict(clone.val_locs) == dict(web.val_locs)
    assert clone.tags == web.tags and clone.tags is not web.tags
    ports = clone["ports"]
    assert isinstance(ports, YSeq) and ports is not web["ports"]
    assert ports.item_locs == web["ports"].item_locs == [Loc("c.yaml", 3, 11),
                                                            Loc("c.yaml", 3, 15)]
    del clone["image"]
    clone["env"]["B"] = 2
    ports.add(8080, Loc("x", 1, 1))
    assert "image" in web and web.key_loc("image") == Loc("c.yaml", 2, 3)
    assert web["env"] == {"A": 1} and web["ports"] == [80, "443:443"]


def test_copy_of_a_changed_mapping_has_no_stale_positions() -> None:
    web = _web()
    web["later"] = "x"
    clone = web.copy()
    assert list(clone.key_locs) == list(web)
    assert clone.key_loc("later") == web.loc and clone.key_loc("image") == Loc("c.yaml", 2, 3)


def test_plain_containers_copy_to_located_ones_at_the_given_position() -> None:
    where = Loc("f", 3, 4)
    copied = copy_tree({"a": [1, {"b": 2}], 5: None}, where)
    assert isinstance(copied, YMap) and copied == {"a": [1, {"b": 2}], "5": None}
    assert copied.loc == copied.key_loc("a") == copied.value_loc("5") == where
    assert isinstance(copied["a"], YSeq) and copied["a"].item_locs == [where, where]
    assert isinstance(copied["a"][1], YMap) and copied["a"][1].value_loc("b") == where
    assert copy_tree([1]).loc == NOWHERE and copy_tree("text") == "text"


def test_a_mapping_plain_inside_a_located_one_takes_its_value_position() -> None:
    web = _web()
    web.put("plain", {"k": "v"}, Loc("p", 1, 1), Loc("p", 1, 8))
    assert web.copy()["plain"].value_loc("k") == Loc("p", 1, 8)


def test_seq_del_put_and_item_loc_keep_positions_in_step() -> None:
    seq = YSeq(Loc("s", 1, 1))
    for index, value in enumerate("abcde"):
        seq.add(value, Loc("s", index + 2, 3))
    del seq[1]
    assert seq == ["a", "c", "d", "e"]
    assert [loc.line for loc in seq.item_locs] == [2, 4, 5, 6]
    del seq[-2:]
    assert seq == ["a", "c"] and [loc.line for loc in seq.item_locs] == [2, 4]
    seq.put(1, "z", Loc("t", 9, 9))
    assert seq == ["a", "z"] and seq.item_loc(1) == Loc("t", 9, 9)
    assert seq.item_loc(7) == seq.item_loc(-1) == seq.loc
    seq.append("no position")  # reads as the sequence's
    assert seq.item_loc(2) == seq.loc
    seq.put(2, "placed", Loc("u", 1, 1))  # gives the unplaced items theirs
    assert seq.item_locs == [Loc("s", 2, 3), Loc("t", 9, 9), Loc("u", 1, 1)]
    del seq.item_locs[0]  # a caller that keeps the positions itself, then deletes the item
    del seq[0]
    assert seq == ["z", "placed"] and seq.item_locs == [Loc("t", 9, 9), Loc("u", 1, 1)]
    clone = seq.copy()
    assert clone == seq and clone.item_locs == seq.item_locs and clone is not seq


def test_map_strings_visits_each_string_value_with_its_path_and_position() -> None:
    web = _web()
    seen: list[tuple[str, tuple[object, ...], Loc | None]] = []

    def visit(text: str, path: tuple[str | int, ...], loc: Loc | None) -> object:
        seen.append((text, path, loc))
        return f"<{text}>"

    mapped = map_strings(web, visit, ("web",))
    assert mapped == {"image": "<nginx>", "ports": [80, "<443:443>"], "env": {"A": 1},
                      "gone": None}  # keys, numbers and nulls are never visited
    assert seen == [("nginx", ("web", "image"), Loc("c.yaml", 2, 10)),
                    ("443:443", ("web", "ports", 1), Loc("c.yaml", 3, 15))]
    assert isinstance(mapped, YMap) and dict(mapped.key_locs) == dict(web.key_locs)
    assert mapped.tags == web.tags and mapped["ports"].item_locs == web["ports"].item_locs
    assert isinstance(mapped["env"], YMap) and mapped["env"] is not web["env"]
    assert web["image"] == "nginx"  # the input is untouched
    plain = {"a": ["x", 1], 2: "y"}  # plain containers stay plain; their strings have no position
    assert map_strings(plain, lambda s, p, loc: (s, p, loc)) == {
        "a": [("x", ("a", 0), None), 1], 2: ("y", ("2",), None)}
    assert map_strings("top", lambda s, p, loc: s.upper()) == "TOP"


def test_map_strings_visits_only_the_strings_holding_the_text_asked_for() -> None:
    doc = parse_document("a: [x$, y]\nb: {c: $z, d: w}\n", "d.yaml")
    seen: list[tuple[object, ...]] = []

    def visit(text: str, path: tuple[str | int, ...], loc: Loc | None) -> str:
        seen.append(path)
        return text.replace("$", "!")

    mapped = map_strings(doc, visit, containing="$")
    assert mapped == {"a": ["x!", "y"], "b": {"c": "!z", "d": "w"}}
    assert seen == [("a", 0), ("b", "c")]
    assert mapped["b"].value_loc("c") == doc["b"].value_loc("c") == Loc("d.yaml", 2, 8)


def test_walk_visits_containers_before_their_contents_in_document_order() -> None:
    web = _web()
    walked = [(path, loc) for path, _, loc in walk(web, ("web",), web.loc)]
    assert walked == [
        (("web",), Loc("c.yaml", 2, 3)),
        (("web", "image"), Loc("c.yaml", 2, 10)),
        (("web", "ports"), Loc("c.yaml", 3, 10)),
        (("web", "ports", 0), Loc("c.yaml", 3, 11)),
        (("web", "ports", 1), Loc("c.yaml", 3, 15)),
        (("web", "env"), Loc("c.yaml", 4, 8)),
        (("web", "env", "A"), Loc("c.yaml", 4, 22)),
        (("web", "gone"), Loc("c.yaml", 5, 9)),
    ]
    plain = list(walk({"a": [True]}))
    assert plain == [((), {"a": [True]}, None), (("a",), [True], None), (("a", 0), True, None)]


def test_large_mappings_delete_and_copy_alike() -> None:
    text = "".join(f"k{n}: {n}\n" for n in range(PACKED_KEYS + 5))
    doc = parse_document(text, "big.yaml")
    del doc["k3"]
    clone = doc.copy()
    assert "k3" not in clone.key_locs and clone.value_loc("k4") == Loc("big.yaml", 5, 5)
    assert len(clone.val_locs) == len(clone) == PACKED_KEYS + 4
