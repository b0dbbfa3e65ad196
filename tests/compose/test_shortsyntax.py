"""Short-syntax parsers against compose-go v2.6.0 / docker compose v2.35.1 behaviour.

Expected values were taken from compose-go's own tests (format/volume_test.go,
types/types_test.go, transform/*_test.go) and from running the real
`docker compose config` on the same input.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchconv.errors import InputError
from orchconv.ir.location import Loc
from orchconv.source.yamltree import YMap, YSeq, parse_document
from orchconv.translate.compose import shortsyntax as short

HERE = Loc("compose.yaml", 3, 7)


def ports(spec: str | int) -> list[dict[str, Any]]:
    return short.parse_ports(spec, HERE)


def port(target: int, published: str | None = None, host_ip: str | None = None,
         protocol: str = "tcp") -> dict[str, Any]:
    entry: dict[str, Any] = {"mode": "ingress", "target": target, "protocol": protocol}
    if published is not None:
        entry["published"] = published
    if host_ip is not None:
        entry["host_ip"] = host_ip
    return entry


# --- ports -------------------------------------------------------------------

SEED_PORTS = [
    ("1000", [port(1000)]),
    ("1000-1005", [port(p) for p in range(1000, 1006)]),
    ("8080:8080", [port(8080, "8080")]),
    ("8888-8890:8888-8890", [port(p, str(p)) for p in (8888, 8889, 8890)]),
    ("2222:22", [port(22, "2222")]),
    ("127.0.0.1:9999:9999", [port(9999, "9999", "127.0.0.1")]),
    ("127.0.0.1:3000-3005:3000-3005",
     [port(p, str(p), "127.0.0.1") for p in range(3000, 3006)]),
    ("6789:6789/udp", [port(6789, "6789", protocol="udp")]),
]


@pytest.mark.parametrize(("spec", "expected"), SEED_PORTS, ids=[s for s, _ in SEED_PORTS])
def test_seed_article_ports(spec: str, expected: list[dict[str, Any]]) -> None:
    assert ports(spec) == expected


def test_published_is_a_string_and_empty_keys_are_left_out() -> None:
    (entry,) = ports("2222:22")
    assert entry["published"] == "2222" and entry["target"] == 22
    assert "host_ip" not in ports("80")[0] and "published" not in ports("80")[0]


def test_ints_are_ports_too() -> None:
    assert ports(5000) == [port(5000)]


def test_entries_are_sorted_as_strings_like_compose_go() -> None:
    assert [p["target"] for p in ports("998-1001")] == [1000, 1001, 998, 999]


def test_host_range_for_one_container_port_is_a_range_to_pick_from() -> None:
    assert ports("8000-8002:90") == [port(90, "8000-8002")]


@pytest.mark.parametrize(("spec", "host_ip"), [
    ("[::1]:7000:7000", "::1"),
    ("::1:7000:7000", "::1"),
    ("[2001:db8::1]:80:80", "2001:db8::1"),
])
def test_ipv6_host_ips(spec: str, host_ip: str) -> None:
    assert ports(spec)[0]["host_ip"] == host_ip


def test_empty_published_part_is_no_published_port() -> None:
    assert ports("127.0.0.1::80") == [port(80, host_ip="127.0.0.1")]


def test_protocol_is_lowercased_and_sctp_allowed() -> None:
    assert ports("80/TCP")[0]["protocol"] == "tcp"
    assert ports("80/sctp")[0]["protocol"] == "sctp"


@pytest.mark.parametrize(("spec", "message"), [
    ("8080:80-81", "invalid ranges specified for container and host Ports: 80-81 and 8080"),
    ("8080-8082:80-81", "invalid ranges"),
    ("80/xyz", "invalid proto: xyz"),
    ("1.2.3:80:80", "invalid IP address: 1.2.3"),
    ("fe80::1%eth0:80:80", "invalid IP address"),
    ("[::1:80:80", "invalid IP address"),
    ("", "no port specified"),
    ("a", "invalid containerPort: a"),
    ("70000", "invalid containerPort: 70000"),
    ("5-3", "invalid containerPort: 5-3"),
    ("x:80", "invalid hostPort: x"),
])
def test_bad_ports_are_located_errors(spec: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        ports(spec)
    assert caught.value.loc == HERE


def test_long_port_gets_defaults_and_types() -> None:
    result = short.port_mapping({"target": "80", "published": 8080}, HERE)
    assert result == {"target": 80, "published": "8080", "protocol": "tcp", "mode": "ingress"}
    kept = short.port_mapping({"target": 80, "protocol": "udp", "mode": "host",
                               "host_ip": "127.0.0.1", "name": "web"}, HERE)
    assert kept == {"target": 80, "protocol": "udp", "mode": "host", "host_ip": "127.0.0.1",
                    "name": "web"}


def test_long_port_without_target_is_an_error() -> None:
    with pytest.raises(InputError, match="needs a target"):
        short.port_mapping({"published": "80"}, HERE)


@given(start=st.integers(1, 60000), count=st.integers(1, 50), offset=st.integers(0, 5000))
def test_port_ranges_map_one_to_one(start: int, count: int, offset: int) -> None:
    end = start + count - 1
    host = start + offset
    if host + count - 1 > 65535:
        host = start
    spec = f"{host}-{host + count - 1}:{start}-{end}"
    result = ports(spec)
    assert sorted((p["target"], int(p["published"])) for p in result) == [
        (start + i, host + i) for i in range(count)]


# --- volumes -----------------------------------------------------------------

def volume(spec: str) -> dict[str, Any]:
    return short.parse_volume(spec, HERE)


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


# --- command strings -----------------------------------------------------------

@pytest.mark.parametrize(("line", "words"), [
    ("sleep 3000", ["sleep", "3000"]),
    ("echo 'a b' \"c d\"", ["echo", "a b", "c d"]),
    # go-shellwords differs from POSIX shlex in these:
    ('echo "hi there" && ls', ["echo", "hi there"]),
    ('sh -c "echo \\"x\\"" 2>&1', ["sh", "-c", 'echo "x"']),
    ('"a\\nb"', ["anb"]),
    ("echo $(date +%s) `id -u`", ["echo", "$(date +%s)", "`id -u`"]),
    ("a ''", ["a", ""]),
    ("echo a\\;b", ["echo", "a;b"]),
    ("", []),
])
def test_split_command_like_go_shellwords(line: str, words: list[str]) -> None:
    assert short.split_command(line, HERE) == words


@pytest.mark.parametrize("line", ['echo "x', "it's", "a\\", "echo (x", "a)b c"])
def test_split_command_errors(line: str) -> None:
    with pytest.raises(InputError, match="invalid command string"):
        short.split_command(line, HERE)


@given(st.lists(st.text(alphabet=st.characters(exclude_characters="'\\\x00", codec="utf-8"),
                        max_size=8), max_size=6))
def test_single_quoted_words_round_trip(words: list[str]) -> None:
    line = " ".join(f"'{w}'" for w in words)
    assert short.split_command(line, HERE) == words


def test_command_forms() -> None:
    assert short.command("sleep 3000", HERE) == ["sleep", "3000"]
    assert short.command(["sleep", "3000"], HERE) == ["sleep", "3000"]
    assert short.command("", HERE) == []
    assert short.command(None, HERE) is None
    with pytest.raises(InputError, match="items must be strings"):
        short.command(["sleep", 3000], HERE)


def test_healthcheck_test_string_runs_in_a_shell() -> None:
    assert short.healthcheck_test("curl -f localhost", HERE) == ["CMD-SHELL", "curl -f localhost"]
    assert short.healthcheck_test(["NONE"], HERE) == ["NONE"]


# --- Go-formatted scalars ---------------------------------------------------------

@pytest.mark.parametrize(("text", "printed"), [
    ("90s", "1m30s"), ("1m30s", "1m30s"), ("1h", "1h0m0s"), ("1.5ms", "1.5ms"),
    ("2d", "48h0m0s"), ("1w", "168h0m0s"), ("0", "0s"), ("500us", "500µs"), ("1.5h", "1h30m0s"),
    ("3h2m1.000000001s", "3h2m1.000000001s"), ("-1m", "-1m0s"), (".5s", "500ms"), ("10ns", "10ns"),
])
def test_durations_print_like_go(text: str, printed: str) -> None:
    assert short.duration(text, HERE) == printed


@pytest.mark.parametrize("text", ["10", "", "1x", "s", ".", "1h 2m"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(InputError, match="duration"):
        short.duration(text, HERE)


def test_a_bare_number_is_not_a_duration() -> None:
    with pytest.raises(InputError, match="missing unit"):
        short.duration(10, HERE)


@given(st.integers(0, 10**15))
def test_duration_text_round_trips(nanos: int) -> None:
    printed = short.format_duration(nanos)
    assert short.parse_duration(printed, HERE) == nanos


@pytest.mark.parametrize(("value", "size"), [
    ("1g", 1 << 30), ("1.5g", 1610612736), ("512m", 512 << 20), ("100kb", 102400),
    ("2 GiB", 2 << 30), ("100", 100), ("100b", 100), ("1_000", 1000), (64, 64), (-1, -1),
])
def test_byte_sizes_use_binary_multiples(value: Any, size: int) -> None:
    assert short.byte_size(value, HERE) == size


@pytest.mark.parametrize("value", ["1x", "-1", "b", "1gg", "1bb", 1.5, True])
def test_bad_byte_sizes(value: Any) -> None:
    with pytest.raises(InputError):
        short.byte_size(value, HERE)


@pytest.mark.parametrize(("value", "text"), [
    (1.0, "1"), (1.5, "1.5"), (1e6, "1e+06"), (123456.0, "123456"), (1234567.0, "1.234567e+06"),
    (0.0001, "0.0001"), (0.00001, "1e-05"), (-2.5, "-2.5"), (float("inf"), "+Inf"),
])
def test_floats_print_like_go_fmt(value: float, text: str) -> None:
    assert short.go_format_float(value) == text


@pytest.mark.parametrize(("path", "clean"), [
    ("/data/", "/data"), ("a//b/./c/", "a/b/c"), ("a/../..", ".."), ("/../x", "/x"),
    ("//x", "/x"), ("", "."),
])
def test_go_path_clean(path: str, clean: str) -> None:
    assert short.go_path_clean(path) == clean


def test_casts_follow_compose_go_interpolation() -> None:
    assert short.to_bool("yes", HERE, "privileged") is True
    assert short.to_bool("Off", HERE, "privileged") is False
    assert short.to_int("512", HERE, "cpu_shares") == 512
    assert short.to_float("1.5", HERE, "cpus") == 1.5
    with pytest.raises(InputError, match="must be a boolean"):
        short.to_bool("maybe", HERE, "privileged")


# --- key/value forms ------------------------------------------------------------

def test_environment_list_and_map() -> None:
    assert short.mapping_with_equals(["A=1", "B", "C=", "D=x=y"], HERE) == {
        "A": "1", "B": None, "C": "", "D": "x=y"}
    assert short.mapping_with_equals({"X": 1.0, "Y": True, "Z": 1e6, "N": None}, HERE) == {
        "X": "1", "Y": "true", "Z": "1e+06", "N": None}


@pytest.mark.parametrize(("entry", "message"), [
    ("A =1", "trailing space"), ("=x", "empty variable name")])
def test_environment_errors(entry: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        short.mapping_with_equals([entry], HERE)


def test_labels_and_sysctls() -> None:
    assert short.string_mapping(["a=b", "c"], HERE, "labels") == {"a": "b", "c": ""}
    assert short.string_mapping({"a": 1, "b": None, "c": 1.5}, HERE, "labels") == {
        "a": "1", "b": "", "c": "1.5"}
    with pytest.raises(InputError, match="must be a mapping"):
        short.string_mapping(["a=b"], HERE, "driver_opts", allow_list=False)


def test_extra_hosts_print_sorted_host_equals_ip() -> None:
    listed = short.extra_hosts(["somehost:162.242.195.82", "otherhost=[::1]", "v6:::1",
                                "multi=1.1.1.1,2.2.2.2"], HERE)
    assert listed == ["multi=1.1.1.1", "multi=2.2.2.2", "otherhost=::1",
                      "somehost=162.242.195.82", "v6=::1"]
    mapped = short.extra_hosts({"h": "1.2.3.4", "m": ["1.1.1.1", "2.2.2.2"], "e": None}, HERE)
    assert mapped == ["e=", "h=1.2.3.4", "m=1.1.1.1", "m=2.2.2.2"]


@pytest.mark.parametrize(("entry", "message"), [
    ("nohost", "missing IP"), ("a:b=1.1.1.1", "bad host name"), ("=1.1.1.1", "bad host name")])
def test_extra_hosts_errors(entry: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        short.extra_hosts([entry], HERE)


def test_key_value_map_requires_equals() -> None:
    assert short.key_value_map(["a=./x"], HERE, "additional_contexts") == {"a": "./x"}
    with pytest.raises(InputError, match="expected key=value"):
        short.key_value_map(["noeq"], HERE, "additional_contexts")


# --- lists, references, mounts ------------------------------------------------------

def test_string_or_list() -> None:
    assert short.string_list("8.8.8.8", HERE, "dns") == ["8.8.8.8"]
    assert short.string_list(["8.8.8.8", "114.114.114.114"], HERE, "dns") == [
        "8.8.8.8", "114.114.114.114"]


def test_expose_numbers_become_strings() -> None:
    assert short.expose_list([80, "90", "4000-4010/udp"], HERE) == ["80", "90", "4000-4010/udp"]


def test_depends_on_list_and_map() -> None:
    assert short.depends_on(["db"], HERE) == {
        "db": {"condition": "service_started", "required": True}}
    assert short.depends_on({"db": {"condition": "service_healthy", "restart": True}}, HERE) == {
        "db": {"condition": "service_healthy", "restart": True, "required": True}}
    with pytest.raises(InputError, match="must be a mapping"):
        short.depends_on({"db": "yes"}, HERE)


def test_service_networks_list_is_a_map_of_nulls() -> None:
    assert short.service_networks(["front", "back"], HERE) == {"front": None, "back": None}


def test_env_files() -> None:
    assert short.env_files("./dbs.env", HERE) == [{"path": "./dbs.env", "required": True}]
    assert short.env_files(["a.env", {"path": "b.env", "required": False, "format": "raw"}],
                           HERE) == [{"path": "a.env", "required": True},
                                     {"path": "b.env", "required": False, "format": "raw"}]


def test_secret_and_config_mounts() -> None:
    assert short.file_mount("s1", HERE, "secrets") == {"source": "s1"}
    assert short.file_mount({"source": "s", "mode": "0440", "uid": 100}, HERE, "secrets") == {
        "source": "s", "mode": 0o440, "uid": "100"}
    assert short.file_mode(0o440, HERE) == 0o440
    with pytest.raises(InputError, match="octal"):
        short.file_mode("9", HERE)


def test_devices() -> None:
    assert short.device_mapping("/dev/sba:/dev/sda", HERE) == {
        "source": "/dev/sba", "target": "/dev/sda", "permissions": "rwm"}
    assert short.device_mapping("/dev/x", HERE) == {
        "source": "/dev/x", "target": "/dev/x", "permissions": "rwm"}
    assert short.device_mapping("/dev/a:/dev/b:r", HERE)["permissions"] == "r"
    with pytest.raises(InputError, match="confusing device mapping"):
        short.device_mapping("a:b:c:d", HERE)


def test_gpus_and_device_requests() -> None:
    assert short.gpus("all", HERE) == [{"count": "all"}]
    assert short.device_request({"capabilities": ["gpu"]}, HERE) == {
        "capabilities": ["gpu"], "count": "all"}
    assert short.device_request({"device_ids": ["0"]}, HERE) == {"device_ids": ["0"]}
    assert short.device_count("ALL", HERE) == "all"
    assert short.device_count("2", HERE) == 2
    with pytest.raises(InputError, match="device count"):
        short.device_count("some", HERE)


def test_build_short_form_and_defaults() -> None:
    assert short.parse_build("./dir", HERE) == {"context": "./dir", "dockerfile": "Dockerfile"}
    assert short.parse_build({"dockerfile_inline": "FROM x"}, HERE) == {
        "dockerfile_inline": "FROM x", "context": "."}


def test_ssh() -> None:
    assert short.ssh_map(["default", "key=./id"], HERE) == {"default": None, "key": "./id"}
    with pytest.raises(InputError, match="invalid ssh key"):
        short.ssh_map(["key"], HERE)


def test_ulimits() -> None:
    assert short.ulimit(65535, HERE) == 65535
    assert short.ulimit({"soft": 20000, "hard": 40000}, HERE) == {"soft": 20000, "hard": 40000}
    assert short.ulimit({"soft": 1}, HERE) == {"soft": 1, "hard": 0}
    assert short.ulimit(0, HERE) == {"soft": 0, "hard": 0}


# --- positions ------------------------------------------------------------------------

def located(text: str) -> Any:
    return parse_document(text, "compose.yaml")


def test_results_keep_the_positions_of_what_was_written() -> None:
    document = located("environment:\n  - A=1\n  - B\nlabels: {x: y}\n")
    env = short.mapping_with_equals(document["environment"], document.loc)
    assert isinstance(env, YMap)
    assert env.key_locs["B"] == Loc("compose.yaml", 3, 5)
    labels = short.string_mapping(document["labels"], document.loc, "labels")
    assert labels.key_locs["x"] == Loc("compose.yaml", 4, 10)


def test_errors_point_at_the_bad_entry() -> None:
    document = located("extra_hosts:\n  - a=1.1.1.1\n  - broken\n")
    with pytest.raises(InputError) as caught:
        short.extra_hosts(document["extra_hosts"], document.loc)
    assert caught.value.loc == Loc("compose.yaml", 3, 5)


def test_copy_tree_is_deep_and_located() -> None:
    document = located("a:\n  b: [1, 2]\n")
    copy = short.copy_tree(document)
    assert copy == document and copy is not document and copy["a"] is not document["a"]
    assert isinstance(copy["a"]["b"], YSeq) and copy["a"]["b"].item_locs[1] == Loc(
        "compose.yaml", 2, 10)
