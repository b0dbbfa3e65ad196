"""Results keep the positions of what was written.

Expected values come from compose-go v2.6.0's own tests and from running the real
`docker compose config` (v2.35.1) on the same input.
"""

from __future__ import annotations

from typing import Any

import pytest

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, YSeq, parse_document
from orchconv.translate.compose.syntax.located import copy_tree
from orchconv.translate.compose.syntax.mappings import (
    extra_hosts,
    mapping_with_equals,
    string_mapping,
)

# --- positions ------------------------------------------------------------------------

def located(text: str) -> Any:
    return parse_document(text, "compose.yaml")


def test_results_keep_the_positions_of_what_was_written() -> None:
    document = located("environment:\n  - A=1\n  - B\nlabels: {x: y}\n")
    env = mapping_with_equals(document["environment"], document.loc)
    assert isinstance(env, YMap)
    assert env.key_locs["B"] == Loc("compose.yaml", 3, 5)
    labels = string_mapping(document["labels"], document.loc, "labels")
    assert labels.key_locs["x"] == Loc("compose.yaml", 4, 10)


def test_errors_point_at_the_bad_entry() -> None:
    document = located("extra_hosts:\n  - a=1.1.1.1\n  - broken\n")
    with pytest.raises(InputError) as caught:
        extra_hosts(document["extra_hosts"], document.loc)
    assert caught.value.loc == Loc("compose.yaml", 3, 5)


def test_copy_tree_is_deep_and_located() -> None:
    document = located("a:\n  b: [1, 2]\n")
    copy = copy_tree(document)
    assert copy == document and copy is not document and copy["a"] is not document["a"]
    assert isinstance(copy["a"]["b"], YSeq) and copy["a"]["b"].item_locs[1] == Loc(
        "compose.yaml", 2, 10)
