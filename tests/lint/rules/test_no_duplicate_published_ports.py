"""no-duplicate-published-ports: one host port, one container."""

from __future__ import annotations

from orchconv.lint.finding import Level
from orchconv.lint.rules.no_duplicate_published_ports import NoDuplicatePublishedPorts
from tests.lint.rules.helpers import run, swarm, where


def services(**ports: str) -> str:
    body = "".join(f"  {name}:\n    image: x:1\n    ports: {spec}\n"
                   for name, spec in ports.items())
    return f"services:\n{body}"


def test_same_port_in_two_services_is_an_error_at_the_second() -> None:
    found = run(NoDuplicatePublishedPorts, services(web='["8080:80"]', admin='["8080:9000"]'))
    assert where(found) == [(7, 13)]
    assert found[0].level is Level.ERROR
    assert found[0].message == ("service 'admin': port '8080:9000' publishes a host port already"
                                " published by service 'web' as '8080:80' (line 4)")


def test_ranges_overlap_single_ports() -> None:
    found = run(NoDuplicatePublishedPorts,
                services(a='["8000-8005:8000-8005"]', b='["9000:90", "8003:80"]'))
    assert len(found) == 1
    assert "port '8003:80'" in found[0].message


def test_long_syntax_and_duplicates_inside_one_service() -> None:
    text = ("services:\n  a:\n    ports:\n      - 80:80\n"
            "      - target: 8080\n        published: 80\n")
    found = run(NoDuplicatePublishedPorts, text)
    assert where(found) == [(5, 9)]
    assert "by this service as '80:80'" in found[0].message


def test_protocols_and_distinct_addresses_do_not_clash() -> None:
    assert run(NoDuplicatePublishedPorts, services(a='["53:53/udp"]', b='["53:53"]')) == []
    text = services(a='["127.0.0.1:80:80"]', b='["127.0.0.2:80:80"]')
    assert run(NoDuplicatePublishedPorts, text) == []
    # but every interface overlaps any one address
    assert len(run(NoDuplicatePublishedPorts,
                   services(a='["127.0.0.1:80:80"]', b='["80:80"]'))) == 1
    # and swarm ignores the addresses
    assert len(swarm(NoDuplicatePublishedPorts, text)) == 1


def test_engine_chosen_host_ports_never_clash() -> None:
    text = services(a='["80", "8000-8010:80", "0:80"]', b='["80", "8000-8010:80", "0:80"]')
    assert run(NoDuplicatePublishedPorts, text) == []
