"""ports: long syntax with integer published ports, short syntax before 3.2."""

from __future__ import annotations

from orchconv.ir.service import Port
from orchconv.translate.swarm.emit.ports import emit_ports
from tests.swarm.helpers import context, lost_paths, run_step, service

WEB = Port(mode="ingress", target=80, published="8080", protocol="tcp")


def test_published_becomes_an_integer() -> None:
    out, losses = run_step(emit_ports, service(ports=(WEB,)))
    assert out == {"ports": [{"mode": "ingress", "target": 80, "published": 8080,
                              "protocol": "tcp"}]}
    assert losses == []


def test_a_range_keeps_its_first_port() -> None:
    port = Port(mode="ingress", target=80, published="8000-8005", protocol="tcp")
    out, losses = run_step(emit_ports, service(ports=(port,)))
    assert out["ports"][0]["published"] == 8000
    assert lost_paths(losses) == ["services.web.ports[0].published"]


def test_host_ip_name_and_app_protocol_are_lost() -> None:
    port = Port(target=80, published="80", host_ip="127.0.0.1", name="http", app_protocol="h2")
    out, losses = run_step(emit_ports, service(ports=(port,)))
    assert out == {"ports": [{"target": 80, "published": 80}]}
    assert lost_paths(losses) == ["services.web.ports[0].host_ip", "services.web.ports[0].name",
                                  "services.web.ports[0].app_protocol"]


def test_any_address_is_no_loss() -> None:
    _, losses = run_step(emit_ports, service(ports=(Port(target=80, host_ip="0.0.0.0"),)))
    assert losses == []


def test_entries_made_equal_are_written_once() -> None:
    ports = (Port(target=443, published="8443", host_ip="127.0.0.1"),
             Port(target=443, published="8443", host_ip="::1"))
    out, losses = run_step(emit_ports, service(ports=ports))
    assert out == {"ports": [{"target": 443, "published": 8443}]}
    assert len(losses) == 2


def test_short_syntax_before_3_2() -> None:
    ports = (WEB, Port(target=53, published="5353", protocol="udp", mode="host"),
             Port(target=9000))
    out, losses = run_step(emit_ports, service(ports=ports), context(stack_version="3.1"))
    assert out == {"ports": ["8080:80", "5353:53/udp", "9000"]}
    assert lost_paths(losses) == ["services.web.ports[1].mode"]
