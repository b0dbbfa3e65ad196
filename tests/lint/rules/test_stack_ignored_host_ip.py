"""stack-ignored-host-ip: swarm publishes on every interface whatever the host IP says."""

from __future__ import annotations

from orchconv.lint.rules.stack_ignored_host_ip import StackIgnoredHostIp
from tests.lint.rules.helpers import run, swarm, where

PORTS = """\
services:
  admin:
    image: example/admin:3.0
    ports:
      - "127.0.0.1:9000:9000"
      - "0.0.0.0:8080:80"
      - "[::1]:9001:9001"
      - "8443:443"
      - target: 80
        published: 8081
        host_ip: 10.0.0.5
"""


def test_short_syntax_host_ips_are_reported_for_a_stack() -> None:
    found = swarm(StackIgnoredHostIp, PORTS)
    # 0.0.0.0 means every interface anyway; the long syntax's host_ip is a schema error
    assert where(found) == [(5, 9), (7, 9)]
    assert "bound to 127.0.0.1" in found[0].message
    assert "bound to ::1" in found[1].message


def test_compose_with_target_swarm_also_reports_long_syntax_at_host_ip() -> None:
    found = run(StackIgnoredHostIp, PORTS, target="swarm")
    assert where(found) == [(5, 9), (7, 9), (11, 18)]


def test_not_for_compose() -> None:
    assert run(StackIgnoredHostIp, PORTS) == []


def test_interpolated_ports_are_skipped() -> None:
    assert swarm(StackIgnoredHostIp, 'services:\n  a:\n    ports: ["${IP}:80:80"]\n') == []
