"""stack-ignored-static-ip: fixed addresses and IPAM details swarm does not take."""

from __future__ import annotations

from orchconv.lint.rules.stack_ignored_static_ip import StackIgnoredStaticIp
from tests.lint.rules.helpers import fixed, run, swarm, where

FILE = """\
services:
  dns:
    image: example/dns:1.0
    networks:
      backend:
        ipv4_address: 10.0.9.53
        aliases: [resolver]
networks:
  backend:
    driver: overlay
    ipam:
      config:
        - subnet: 10.0.9.0/24
          gateway: 10.0.9.1
"""


def test_stack_reports_service_addresses_only() -> None:
    found = swarm(StackIgnoredStaticIp, FILE)
    assert where(found) == [(6, 9)]
    assert "`ipv4_address` on network 'backend' is ignored by swarm" in found[0].message


def test_compose_for_swarm_reports_ipam_keys_too() -> None:
    found = run(StackIgnoredStaticIp, FILE, target="swarm")
    assert where(found) == [(6, 9), (14, 11)]
    assert found[1].message == ("network 'backend': ipam `gateway` is not allowed in a stack"
                                " file, which takes only `subnet`")


def test_not_for_compose() -> None:
    assert run(StackIgnoredStaticIp, FILE) == []


def test_fix_removes_them() -> None:
    after = fixed(FILE, run(StackIgnoredStaticIp, FILE, target="swarm"))
    assert "ipv4_address" not in after and "gateway" not in after
    assert "aliases: [resolver]" in after and "subnet: 10.0.9.0/24" in after
    assert run(StackIgnoredStaticIp, after, target="swarm") == []
