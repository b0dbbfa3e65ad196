"""Parsed mappings keep their positions packed; what `key_locs`/`val_locs` answer is unchanged."""

from __future__ import annotations

import copy

from orchconv.location import Loc
from orchconv.source.yamltree import PACKED_KEYS, YMap, loc_of, parse_document

TEXT = """\
web:
  image: nginx
  ports: [80]
  env: {A: 1}
"""


def test_packed_positions_read_as_locs() -> None:
    doc = parse_document(TEXT, "c.yaml")
    web = doc["web"]
    assert web.key_locs["image"] == Loc("c.yaml", 2, 3)
    assert web.val_locs["image"] == Loc("c.yaml", 2, 10)
    assert web.val_locs["ports"] == web["ports"].loc == Loc("c.yaml", 3, 10)
    assert dict(web.key_locs) == {"image": Loc("c.yaml", 2, 3), "ports": Loc("c.yaml", 3, 3),
                                  "env": Loc("c.yaml", 4, 3)}
    assert web.key_locs.get("missing") is None and web.val_locs.get("missing", web.loc) == web.loc
    assert "env" in web.key_locs and "x" not in web.val_locs and len(web.val_locs) == 3
    assert list(web.val_locs) == ["image", "ports", "env"]
    assert loc_of(web, "env", of_key=True) == Loc("c.yaml", 4, 3)
    assert web["env"].val_locs["A"] == Loc("c.yaml", 4, 12)


def test_a_change_unpacks_both_tables_and_keeps_the_others() -> None:
    web = parse_document(TEXT, "c.yaml")["web"]
    assert web.key_locs.pop("ports") == Loc("c.yaml", 3, 3)
    web.val_locs["image"] = Loc("other.yaml", 9, 9)
    web.put("user", "me", Loc("u", 1, 1), Loc("u", 1, 7))
    assert dict(web.key_locs) == {"image": Loc("c.yaml", 2, 3), "env": Loc("c.yaml", 4, 3),
                                  "user": Loc("u", 1, 1)}
    assert dict(web.val_locs) == {"image": Loc("other.yaml", 9, 9),
                                  "ports": Loc("c.yaml", 3, 10), "env": Loc("c.yaml", 4, 8),
                                  "user": Loc("u", 1, 7)}
    del web.val_locs["ports"]
    assert "ports" not in web.val_locs


def test_a_copy_shell_shares_positions_only_when_the_keys_are_unchanged() -> None:
    web = parse_document(TEXT, "c.yaml")["web"]
    shell = web.copy_shell()
    for key, value in web.items():
        shell[key] = value
    assert dict(shell.key_locs) == dict(web.key_locs)
    assert dict(shell.val_locs) == dict(web.val_locs)
    del web["ports"]  # the mapping changed without its positions: the shell has no stale one
    shell = web.copy_shell()
    assert list(shell.key_locs) == ["image", "env"] and list(shell.val_locs) == ["image", "env"]


def test_large_mappings_and_copies_answer_alike() -> None:
    text = "".join(f"k{n}: {n}\n" for n in range(PACKED_KEYS + 5))
    doc = parse_document(text, "big.yaml")
    assert doc.key_locs["k3"] == Loc("big.yaml", 4, 1) and doc.val_locs["k3"] == Loc(
        "big.yaml", 4, 5)
    web = parse_document(TEXT, "c.yaml")["web"]
    clone = copy.deepcopy(web)
    assert isinstance(clone, YMap) and dict(clone.val_locs) == dict(web.val_locs)
