"""Port short syntax (go-connections/nat, compose-go's ParsePortConfig).

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
from orchconv.translate.compose.syntax.ports import parse_ports, port_mapping

HERE = Loc("compose.yaml", 3, 7)


def ports(spec: str | int) -> list[dict[str, Any]]:
    return parse_ports(spec, HERE)


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
    result = port_mapping({"target": "80", "published": 8080}, HERE)
    assert result == {"target": 80, "published": "8080", "protocol": "tcp", "mode": "ingress"}
    kept = port_mapping({"target": 80, "protocol": "udp", "mode": "host",
                               "host_ip": "127.0.0.1", "name": "web"}, HERE)
    assert kept == {"target": 80, "protocol": "udp", "mode": "host", "host_ip": "127.0.0.1",
                    "name": "web"}


def test_long_port_without_target_is_an_error() -> None:
    with pytest.raises(InputError, match="needs a target"):
        port_mapping({"published": "80"}, HERE)


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
