"""host-network."""

from __future__ import annotations

from orchconv.lint.rules.host_network import HostNetwork
from tests.lint.rules.helpers import run, swarm, where


def test_network_mode_host_is_reported_for_compose() -> None:
    text = "services:\n  exporter:\n    image: a:1\n    network_mode: host\n"
    found = run(HostNetwork, text)
    assert where(found) == [(4, 5)]
    assert found[0].message.startswith("service 'exporter' uses the host's network stack")
    assert swarm(HostNetwork, text) == []  # swarm ignores network_mode


def test_swarm_attachment_to_the_host_network() -> None:
    text = ("services:\n  a:\n    image: a:1\n    networks: [hostnet, front]\n"
            "  b:\n    image: b:1\n    networks:\n      host: {}\n"
            "networks:\n  hostnet:\n    external: true\n    name: host\n"
            "  host:\n    external: true\n  front: {}\n")
    found = swarm(HostNetwork, text)
    assert where(found) == [(4, 16), (8, 7)]


def test_other_modes_pass() -> None:
    for mode in ("bridge", "none", "service:db"):
        assert run(HostNetwork, f"services:\n  a:\n    network_mode: {mode}\n") == []
    assert swarm(HostNetwork, "services:\n  a:\n    networks: [front]\nnetworks:\n  front: {}\n") \
        == []
