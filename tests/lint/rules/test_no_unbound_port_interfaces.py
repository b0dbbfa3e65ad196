"""no-unbound-port-interfaces: ports published on every interface."""

from __future__ import annotations

from orchconv.lint.rules.no_unbound_port_interfaces import NoUnboundPortInterfaces
from tests.lint.rules.helpers import run, swarm, where

PORTS = """\
services:
  db:
    image: postgres:16
    ports:
      - "5432:5432"
      - "127.0.0.1:6432:6432"
      - "0.0.0.0:7432:7432"
      - "3000"
      - target: 80
        published: 8080
      - target: 81
        host_ip: 192.168.1.10
        published: 8081
      - "[::]:9000:9000"
"""


def test_unbound_and_any_address_ports_are_reported_at_the_item() -> None:
    found = run(NoUnboundPortInterfaces, PORTS)
    assert where(found) == [(5, 9), (7, 9), (8, 9), (9, 9), (14, 9)]
    assert found[0].message == ("service 'db': port '5432:5432' has no host IP, so it is"
                                " published on every interface of the host")
    assert "the any-address 0.0.0.0" in found[1].message


def test_bound_ports_pass() -> None:
    assert run(NoUnboundPortInterfaces, 'services:\n  a:\n    ports: ["127.0.0.1:80:80"]\n') == []


def test_not_for_swarm() -> None:
    assert swarm(NoUnboundPortInterfaces, PORTS) == []
    assert run(NoUnboundPortInterfaces, PORTS, target="swarm") == []
