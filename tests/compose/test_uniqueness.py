"""The one uniqueness table, read by the merge and the normalise stages alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YSeq, parse_document
from orchconv.translate.compose.merge import unique_entries
from orchconv.translate.compose.normalise import normalise_project
from orchconv.translate.compose.uniqueness import (
    deduplicated,
    indexer_for,
    key_of_port,
    key_of_volume,
)

HERE = Loc("compose.yaml", 1, 1)


def test_short_and_long_ports_share_a_key() -> None:
    assert key_of_port("8080:80", HERE) == key_of_port({"published": "8080", "target": 80}, HERE)
    assert key_of_port(80, HERE) == key_of_port({"target": 80, "protocol": "tcp"}, HERE)
    assert key_of_port("[::1]:53:53/UDP", HERE) == ("::1", "53", "53", "udp")


def test_a_port_range_is_one_key_for_its_ports() -> None:
    assert key_of_port("8000-8001:80-81", HERE) == (
        ("0.0.0.0", "8000", "80", "tcp"), ("0.0.0.0", "8001", "81", "tcp"))


def test_a_port_the_parser_refuses_is_keyed_as_written() -> None:
    # the normalise stage reports it, at the same place, with the parser's message
    assert key_of_port("${PORT}:80", HERE) == "${PORT}:80"


def test_short_volumes_are_keyed_by_parse_volume_target() -> None:
    assert key_of_volume("./a:/data/:ro", HERE) == "/data/"
    assert key_of_volume("C:\\x:/d", HERE) == "/d"
    assert key_of_volume({"type": "bind", "source": ".", "target": "/d"}, HERE) == "/d"
    with pytest.raises(InputError, match="empty section between colons"):
        key_of_volume("ab::c", HERE)


def _services(text: str) -> Any:
    return parse_document(text, "compose.yaml")


@pytest.mark.parametrize(("field", "entries", "kept"), [
    ("cap_add", ["NET_ADMIN", "SYS_TIME", "NET_ADMIN"], ["NET_ADMIN", "SYS_TIME"]),
    ("build.platforms", ["linux/amd64", "linux/arm64", "linux/amd64"],
     ["linux/amd64", "linux/arm64"]),
    ("expose", ["80", 80, "90"], [80, "90"]),
])
def test_deduplicated_keeps_the_last_at_the_first_place(field: str, entries: list[Any],
                                                        kept: list[Any]) -> None:
    seq = YSeq(HERE)
    for entry in entries:
        seq.add(entry, HERE)
    assert deduplicated(seq, indexer_for(f"services.*.{field}")) == kept


def test_both_stages_collapse_the_same_entries() -> None:
    text = ("services:\n  a:\n    image: x\n    cap_add: [A, B, A]\n"
            "    ports: ['8080:80', {target: 80, published: '8080'}, '81']\n")
    merged = unique_entries(_services(text))["services"]["a"]
    normalised = normalise_project(_services(text), project_dir=Path("/p"),
                                   project_name="p")["services"]["a"]
    assert list(merged["cap_add"]) == list(normalised["cap_add"]) == ["A", "B"]
    assert len(merged["ports"]) == len(normalised["ports"]) == 2
