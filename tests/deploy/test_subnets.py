"""Moving a project's fixed subnets (subnets.py): no engine needed."""

from __future__ import annotations

import ipaddress
import itertools
from pathlib import Path

import pytest

from orchconv.ir.project import Ipam, Network, Project
from orchconv.ir.service import Service, ServiceNetwork
from tests.deploy.sources import golden_sources
from tests.deploy.subnets import (
    POOLS,
    IPNetwork,
    Translation,
    allocate,
    fixed_subnets,
    fresh_translation,
    rewrite,
)


def net(text: str) -> IPNetwork:
    return ipaddress.ip_network(text)


def _golden(case: str) -> Project:
    [source] = [s for s in golden_sources() if s.id == f"compose/{case}"]
    return source.load()


def _fresh(subnets: list[IPNetwork], tmp_path: Path,
           used: list[IPNetwork] | None = None) -> Translation:
    return fresh_translation(subnets, tmp_path / "next", tmp_path / "lock",
                             lambda: list(used or []))


def test_an_address_keeps_its_offset_and_family_in_the_moved_subnet() -> None:
    translation, _ = allocate([net("172.20.0.0/24"), net("2001:db8:10::/64")], {})
    moves = dict(translation.moves)
    new4, new6 = moves[net("172.20.0.0/24")], moves[net("2001:db8:10::/64")]
    assert (new4.prefixlen, new6.prefixlen) == (24, 64)
    assert new4.subnet_of(POOLS[4]) and new6.subnet_of(POOLS[6])  # type: ignore[arg-type]
    assert translation.address("172.20.0.10") == str(new4.network_address + 10)
    assert translation.address("2001:db8:10::10") == str(new6.network_address + 16)
    assert translation.network("172.20.0.0/24") == str(new4)
    assert translation.network("172.20.0.128/25") == f"{new4.network_address + 128}/25"


def test_addresses_outside_every_moved_subnet_are_left_alone() -> None:
    translation, _ = allocate([net("172.20.0.0/24")], {})
    for text in ("172.20.1.10", "169.254.10.10", "2001:db8:10::10", "not-an-ip", "10.0.0.0/8"):
        assert translation.address(text) == text
        assert translation.network(text) == text


def test_the_golden_ipam_case_moves_gateway_range_aux_and_service_addresses(
        tmp_path: Path) -> None:
    project = _golden("networks-ipam")
    translation = _fresh(fixed_subnets(project), tmp_path)
    moved = rewrite(project, translation)
    frontend = moved.networks["frontend"].ipam
    assert frontend is not None
    [config] = frontend.config
    subnet = ipaddress.IPv4Network(config["subnet"])
    assert subnet.prefixlen == 24 and subnet.subnet_of(POOLS[4])  # type: ignore[arg-type]
    base = subnet.network_address
    assert config["ip_range"] == f"{base}/25"
    assert config["gateway"] == str(base + 1)
    assert config["aux_addresses"] == {"host1": str(base + 2), "host2": str(base + 3)}
    backend = moved.networks["backend"].ipam
    assert backend is not None
    v4, v6 = (ipaddress.ip_network(c["subnet"]) for c in backend.config)
    assert (v4.version, v4.prefixlen, v6.version, v6.prefixlen) == (4, 16, 6, 64)
    app = moved.services["app"].networks
    assert app["frontend"] is not None and app["backend"] is not None
    assert app["frontend"].ipv4_address == str(base + 10)
    assert ipaddress.ip_address(app["backend"].ipv4_address or "") == v4.network_address + 10
    assert ipaddress.ip_address(app["backend"].ipv6_address or "") == v6.network_address + 16
    # everything else is as it was: aliases, link-local addresses, the other service
    before = project.services["app"].networks["backend"]
    assert before is not None
    assert app["backend"].extras == before.extras and app["backend"].aliases == before.aliases
    assert moved.services["db"] == project.services["db"]
    assert moved.networks["frontend"].driver_opts == project.networks["frontend"].driver_opts


def test_keys_beside_the_addresses_in_a_pool_are_kept(tmp_path: Path) -> None:
    project = _golden("compose-drops-keys")
    moved = rewrite(project, _fresh(fixed_subnets(project), tmp_path))
    ipam = moved.networks["default"].ipam
    assert ipam is not None and project.networks["default"].ipam is not None
    [config] = ipam.config
    assert config["subnet"] != "10.5.0.0/16" and config["subnet"].endswith("/16")
    assert {k: v for k, v in config.items() if k != "subnet"} == \
        {k: v for k, v in project.networks["default"].ipam.config[0].items() if k != "subnet"}
    assert ipam.options == project.networks["default"].ipam.options


def test_external_networks_and_projects_without_subnets_are_untouched(tmp_path: Path) -> None:
    external = Network(key="outside", external=True,
                       ipam=Ipam(config=({"subnet": "172.30.0.0/16"},)))
    service = Service(name="app", image="busybox",
                      networks={"outside": ServiceNetwork(ipv4_address="172.30.0.5")})
    project = Project(name="p", services={"app": service}, networks={"outside": external})
    assert fixed_subnets(project) == []
    assert rewrite(project, _fresh(fixed_subnets(project), tmp_path)) == project
    assert not (tmp_path / "next").exists()  # nothing handed out, the cursor not started


def test_successive_calls_never_hand_out_overlapping_subnets(tmp_path: Path) -> None:
    wanted = [net("172.20.0.0/24"), net("10.10.0.0/16"), net("2001:db8:10::/64"),
              net("172.28.0.0/16"), net("172.16.1.0/24")]
    handed: list[IPNetwork] = []
    for _ in range(12):
        translation = _fresh(wanted, tmp_path)
        assert [old for old, _ in translation.moves] != []
        for old, new in translation.moves:
            assert (new.version, new.prefixlen) == (old.version, old.prefixlen)
            handed.append(new)
    for one, other in itertools.combinations(handed, 2):
        assert not one.overlaps(other), (one, other)


def test_blocks_in_use_on_the_machine_are_skipped_even_after_the_pool_wraps(
        tmp_path: Path) -> None:
    busy = [net("100.64.0.0/16"), net("100.65.0.0/16")]
    first = _fresh([net("10.5.0.0/16")], tmp_path, busy)
    assert dict(first.moves)[net("10.5.0.0/16")] == net("100.66.0.0/16")
    # a cursor at the pool's end starts over at its beginning, still skipping what is busy
    (tmp_path / "next").write_text(f'{{"4": {POOLS[4].num_addresses - 256}}}')
    wrapped = _fresh([net("10.5.0.0/16")], tmp_path, busy)
    assert dict(wrapped.moves)[net("10.5.0.0/16")] == net("100.66.0.0/16")


def test_a_subnet_larger_than_the_pool_is_refused() -> None:
    with pytest.raises(ValueError, match="larger than the test pool"):
        allocate([net("10.0.0.0/8")], {})
