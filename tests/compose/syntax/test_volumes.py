"""Volume short syntax (compose-go's format.ParseVolume).

Expected values come from compose-go v2.6.0's own tests and from running the real
`docker compose config` (v2.35.1) on the same input.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.translate.compose.syntax.volumes import (
    _sections,
    _sections_by_char,
    parse_volume,
)

HERE = Loc("compose.yaml", 3, 7)


# --- volumes -----------------------------------------------------------------

def volume(spec: str) -> dict[str, Any]:
    return parse_volume(spec, HERE)


def test_seed_named_volume() -> None:
    assert volume("mysql_data:/var/lib/mysql") == {
        "type": "volume", "source": "mysql_data", "target": "/var/lib/mysql", "volume": {}}


def test_relative_bind_with_options() -> None:
    assert volume("./data:/data:ro,z") == {
        "type": "bind", "source": "./data", "target": "/data", "read_only": True,
        "bind": {"selinux": "z", "create_host_path": True}}


@pytest.mark.parametrize("source", ["/abs", "./rel", "../up", "~/home", "C:\\data",
                                    "\\\\.\\pipe\\docker_engine"])
def test_sources_that_are_host_paths(source: str) -> None:
    assert volume(f"{source}:/target")["type"] == "bind"


@pytest.mark.parametrize("source", ["name", "0123456789name", "MiXeD", "a界"])
def test_sources_that_name_volumes(source: str) -> None:
    assert volume(f"{source}:/target")["type"] == "volume"


def test_anonymous_volume() -> None:
    assert volume("/anon") == {"type": "volume", "target": "/anon", "volume": {}}


def test_two_character_spec_has_no_volume_options() -> None:
    assert volume("/a") == {"type": "volume", "target": "/a"}


def test_one_letter_source_reads_as_a_windows_drive() -> None:
    assert volume("a:/b") == {"type": "volume", "target": "a:/b", "volume": {}}


def test_nocopy_and_propagation() -> None:
    assert volume("name:/target:nocopy") == {
        "type": "volume", "source": "name", "target": "/target", "volume": {"nocopy": True}}
    assert volume("/source:/target:slave")["bind"] == {
        "propagation": "slave", "create_host_path": True}
    # bind options stay on a named volume, as compose-go keeps them
    assert volume("vol:/v:z") == {"type": "volume", "source": "vol", "target": "/v",
                                  "bind": {"selinux": "z"}, "volume": {}}


def test_rw_after_ro_and_unknown_options() -> None:
    assert "read_only" not in volume("vol:/d:ro,rw")
    assert volume("name:/target:bogus") == volume("name:/target")


def test_target_is_cleaned() -> None:
    assert volume("vol:/data/./x/")["target"] == "/data/x"


def test_windows_paths() -> None:
    assert volume("C:\\source\\foo:D:\\target:ro,rprivate") == {
        "type": "bind", "source": "C:\\source\\foo", "target": "D:\\target", "read_only": True,
        "bind": {"propagation": "rprivate", "create_host_path": True}}


@pytest.mark.parametrize(("spec", "message"), [
    ("", "invalid empty volume spec"),
    ("/foo::rw", "empty section between colons"),
    ("/foo:/foo:ro:foo", "too many colons"),
])
def test_bad_volumes(spec: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        volume(spec)


@given(st.text(alphabet="ab:/C.\\~\u00e9", max_size=12))
def test_sections_split_as_parse_volume_walks_characters(spec: str) -> None:
    assert _sections(spec) == _sections_by_char(spec)
