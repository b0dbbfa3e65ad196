"""Key/value forms, lists, references, mounts, devices and build.

Expected values come from compose-go v2.6.0's own tests and from running the real
`docker compose config` (v2.35.1) on the same input.
"""

from __future__ import annotations

import pytest

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.translate.compose.syntax.build import parse_build, ssh_map, ulimit
from orchconv.translate.compose.syntax.devices import (
    device_count,
    device_mapping,
    device_request,
    gpus,
)
from orchconv.translate.compose.syntax.lists import expose_list, string_list
from orchconv.translate.compose.syntax.mappings import (
    extra_hosts,
    key_value_map,
    mapping_with_equals,
    string_mapping,
)
from orchconv.translate.compose.syntax.references import (
    depends_on,
    env_files,
    file_mode,
    file_mount,
    service_networks,
)

HERE = Loc("compose.yaml", 3, 7)


# --- key/value forms ------------------------------------------------------------

def test_environment_list_and_map() -> None:
    assert mapping_with_equals(["A=1", "B", "C=", "D=x=y"], HERE) == {
        "A": "1", "B": None, "C": "", "D": "x=y"}
    assert mapping_with_equals({"X": 1.0, "Y": True, "Z": 1e6, "N": None}, HERE) == {
        "X": "1", "Y": "true", "Z": "1e+06", "N": None}


@pytest.mark.parametrize(("entry", "message"), [
    ("A =1", "trailing space"), ("=x", "empty variable name")])
def test_environment_errors(entry: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        mapping_with_equals([entry], HERE)


def test_labels_and_sysctls() -> None:
    assert string_mapping(["a=b", "c"], HERE, "labels") == {"a": "b", "c": ""}
    assert string_mapping({"a": 1, "b": None, "c": 1.5}, HERE, "labels") == {
        "a": "1", "b": "", "c": "1.5"}
    with pytest.raises(InputError, match="must be a mapping"):
        string_mapping(["a=b"], HERE, "driver_opts", allow_list=False)


def test_extra_hosts_print_sorted_host_equals_ip() -> None:
    listed = extra_hosts(["somehost:162.242.195.82", "otherhost=[::1]", "v6:::1",
                                "multi=1.1.1.1,2.2.2.2"], HERE)
    assert listed == ["multi=1.1.1.1", "multi=2.2.2.2", "otherhost=::1",
                      "somehost=162.242.195.82", "v6=::1"]
    mapped = extra_hosts({"h": "1.2.3.4", "m": ["1.1.1.1", "2.2.2.2"], "e": None}, HERE)
    assert mapped == ["e=", "h=1.2.3.4", "m=1.1.1.1", "m=2.2.2.2"]


@pytest.mark.parametrize(("entry", "message"), [
    ("nohost", "missing IP"), ("a:b=1.1.1.1", "bad host name"), ("=1.1.1.1", "bad host name")])
def test_extra_hosts_errors(entry: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        extra_hosts([entry], HERE)


def test_key_value_map_requires_equals() -> None:
    assert key_value_map(["a=./x"], HERE, "additional_contexts") == {"a": "./x"}
    with pytest.raises(InputError, match="expected key=value"):
        key_value_map(["noeq"], HERE, "additional_contexts")


# --- lists, references, mounts ------------------------------------------------------

def test_string_or_list() -> None:
    assert string_list("8.8.8.8", HERE, "dns") == ["8.8.8.8"]
    assert string_list(["8.8.8.8", "114.114.114.114"], HERE, "dns") == [
        "8.8.8.8", "114.114.114.114"]


def test_expose_numbers_become_strings() -> None:
    assert expose_list([80, "90", "4000-4010/udp"], HERE) == ["80", "90", "4000-4010/udp"]


def test_depends_on_list_and_map() -> None:
    assert depends_on(["db"], HERE) == {
        "db": {"condition": "service_started", "required": True}}
    assert depends_on({"db": {"condition": "service_healthy", "restart": True}}, HERE) == {
        "db": {"condition": "service_healthy", "restart": True, "required": True}}
    with pytest.raises(InputError, match="must be a mapping"):
        depends_on({"db": "yes"}, HERE)


def test_service_networks_list_is_a_map_of_nulls() -> None:
    assert service_networks(["front", "back"], HERE) == {"front": None, "back": None}


def test_env_files() -> None:
    assert env_files("./dbs.env", HERE) == [{"path": "./dbs.env", "required": True}]
    assert env_files(["a.env", {"path": "b.env", "required": False, "format": "raw"}],
                           HERE) == [{"path": "a.env", "required": True},
                                     {"path": "b.env", "required": False, "format": "raw"}]


def test_secret_and_config_mounts() -> None:
    assert file_mount("s1", HERE, "secrets") == {"source": "s1"}
    assert file_mount({"source": "s", "mode": "0440", "uid": 100}, HERE, "secrets") == {
        "source": "s", "mode": 0o440, "uid": "100"}
    assert file_mode(0o440, HERE) == 0o440
    with pytest.raises(InputError, match="octal"):
        file_mode("9", HERE)


def test_devices() -> None:
    assert device_mapping("/dev/sba:/dev/sda", HERE) == {
        "source": "/dev/sba", "target": "/dev/sda", "permissions": "rwm"}
    assert device_mapping("/dev/x", HERE) == {
        "source": "/dev/x", "target": "/dev/x", "permissions": "rwm"}
    assert device_mapping("/dev/a:/dev/b:r", HERE)["permissions"] == "r"
    with pytest.raises(InputError, match="confusing device mapping"):
        device_mapping("a:b:c:d", HERE)


def test_gpus_and_device_requests() -> None:
    assert gpus("all", HERE) == [{"count": "all"}]
    assert device_request({"capabilities": ["gpu"]}, HERE) == {
        "capabilities": ["gpu"], "count": "all"}
    assert device_request({"device_ids": ["0"]}, HERE) == {"device_ids": ["0"]}
    assert device_count("ALL", HERE) == "all"
    assert device_count("2", HERE) == 2
    with pytest.raises(InputError, match="device count"):
        device_count("some", HERE)


def test_build_short_form_and_defaults() -> None:
    assert parse_build("./dir", HERE) == {"context": "./dir", "dockerfile": "Dockerfile"}
    assert parse_build({"dockerfile_inline": "FROM x"}, HERE) == {
        "dockerfile_inline": "FROM x", "context": "."}


def test_ssh() -> None:
    assert ssh_map(["default", "key=./id"], HERE) == {"default": None, "key": "./id"}
    with pytest.raises(InputError, match="invalid ssh key"):
        ssh_map(["key"], HERE)


def test_ulimits() -> None:
    assert ulimit(65535, HERE) == 65535
    assert ulimit({"soft": 20000, "hard": 40000}, HERE) == {"soft": 20000, "hard": 40000}
    assert ulimit({"soft": 1}, HERE) == {"soft": 1, "hard": 0}
    assert ulimit(0, HERE) == {"soft": 0, "hard": 0}
