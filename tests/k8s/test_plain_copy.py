"""The emitter's copy of each object as plain data is what a JSON round trip gives."""

from __future__ import annotations

import json
from enum import IntEnum, StrEnum
from typing import Any

import pytest

from orchconv.translate.k8s.emit.project import _plain


class _Proto(StrEnum):
    TCP = "TCP"


class _Number(IntEnum):
    EIGHTY = 80


def test_copy_matches_a_json_round_trip() -> None:
    shared = {"app": "web"}
    built: dict[Any, Any] = {
        "kind": "Service",
        "metadata": {"labels": shared},
        "spec": {"selector": shared, "ports": ({"port": _Number.EIGHTY,
                                                  "protocol": _Proto.TCP},),
                 1: True, None: 2.5, False: None, 1.5: "x", _Proto.TCP: []},
    }
    copied = _plain(built)
    assert copied == json.loads(json.dumps(built))
    assert json.dumps(copied) == json.dumps(built)  # same key order
    port = copied["spec"]["ports"][0]
    assert type(port["protocol"]) is str and type(port["port"]) is int
    assert copied["metadata"]["labels"] is not copied["spec"]["selector"]  # unshared
    assert copied["metadata"]["labels"] is not shared


def test_copy_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        _plain({"a": {1, 2}})
    with pytest.raises(TypeError):
        _plain({(1, 2): "a"})
