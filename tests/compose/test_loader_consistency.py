"""compose's consistency checks, in compose-go v2.6.0's order (loader/validate.go).

Every refusal here is also refused by docker compose v2.35.1 (golden cases
`err-*`); the order matters where a service breaks two rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.errors import ValidationError
from orchconv.ir.project import Project
from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions


def load(folder: Path, text: str, **options: object) -> Project:
    (folder / "compose.yaml").write_text(text)
    return load_project(LoadOptions(working_dir=folder, os_environ={},
                                    **options)).project  # type: ignore[arg-type]


@pytest.mark.parametrize(("service", "message"), [
    ("{command: [x]}", "has neither an image nor a build context"),
    ("{image: x, build: {context: ., dockerfile: D, dockerfile_inline: FROM x}}",
     "mutually exclusive dockerfile and dockerfile_inline"),
    ("{image: x, network_mode: host, networks: [default]}",
     "mutually exclusive `network_mode` and `networks`"),
    ("{image: x, networks: [nope]}", "refers to undefined network nope"),
    ("{image: x, healthcheck: {test: [curl, localhost]}}", 'must start either by "CMD"'),
    ("{image: x, depends_on: [nope]}", 'depends on undefined service "nope"'),
    ("{image: x, network_mode: 'service:nope'}", 'depends on undefined service "nope"'),
    ("{image: x, volumes: ['data:/data']}", "refers to undefined volume data"),
    ("{image: x, build: {context: ., secrets: [s]}}", "undefined build secret s"),
    ("{image: x, configs: [c]}", "refers to undefined config c"),
    ("{image: x, secrets: [s]}", "refers to undefined secret s"),
    ("{image: x, scale: 2, deploy: {replicas: 3}}", "'scale' and 'deploy.replicas'"),
    ("{image: x, cpus: 1, deploy: {resources: {limits: {cpus: '2'}}}}",
     "'cpus' and 'deploy.resources.limits.cpus'"),
    ("{image: x, mem_limit: 1g, deploy: {resources: {limits: {memory: 2g}}}}",
     "'mem_limit' and 'deploy.resources.limits.memory'"),
    ("{image: x, pids_limit: 5, deploy: {resources: {limits: {pids: 6}}}}",
     "'pids_limit' and 'deploy.resources.limits.pids'"),
    ("{image: x, container_name: one, scale: 2}", "can't set container_name and scale"),
    ("{image: x, develop: {watch: [{action: sync, path: .}]}}", "target is required"),
])
def test_each_rule(tmp_path: Path, service: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        load(tmp_path, f"services:\n  app: {service}\n")


def test_network_mode_and_networks_comes_before_undefined_networks(tmp_path: Path) -> None:
    """compose checks the exclusion first, so `networks: [default]` is not 'undefined'."""
    with pytest.raises(ValidationError, match="mutually exclusive"):
        load(tmp_path, "services:\n  app: {image: x, network_mode: host, networks: [other]}\n")


def test_matching_limits_are_fine(tmp_path: Path) -> None:
    project = load(tmp_path, "services:\n  app: {image: x, cpus: 1.5, scale: 2, deploy: "
                             "{replicas: 2, resources: {limits: {cpus: '1.5'}}}}\n")
    assert project.services["app"].scale == 2


def test_optional_dependency_on_a_disabled_service_only(tmp_path: Path) -> None:
    text = ("services:\n  app:\n    image: x\n    depends_on:\n"
            "      mock: {condition: service_started, required: false}\n"
            "  mock: {image: x, profiles: [test]}\n")
    assert set(load(tmp_path, text).services) == {"app"}
    with pytest.raises(ValidationError, match='undefined service "mock"'):
        load(tmp_path, text.replace("required: false", "required: true"))
    with pytest.raises(ValidationError, match='undefined service "mock"'):
        load(tmp_path, text.split("  mock: {image", maxsplit=1)[0])


def test_secrets_need_a_source(tmp_path: Path) -> None:
    base = "services:\n  app: {image: x, secrets: [s]}\nsecrets:\n  s: "
    with pytest.raises(ValidationError, match='secret "s" must declare either'):
        load(tmp_path, base + "{name: s}\n")
    assert "s" in load(tmp_path, base + "{external: true}\n").secrets
    assert "s" in load(tmp_path, base + "{environment: TOKEN}\n").secrets


def test_cycle_is_named_from_the_first_service_by_name(tmp_path: Path) -> None:
    text = ("services:\n  c: {image: x, depends_on: [a]}\n  b: {image: x, depends_on: [c]}\n"
            "  a: {image: x, depends_on: [b]}\n")
    with pytest.raises(ValidationError, match="dependency cycle detected: a -> b -> c -> a"):
        load(tmp_path, text)


def test_wide_dependency_graphs_are_checked_quickly(tmp_path: Path) -> None:
    """Each service depends on every earlier one: a search without memory would not end."""
    lines = ["services:"]
    for index in range(40):
        needs = ", ".join(f"s{i}" for i in range(index))
        lines.append(f"  s{index}: {{image: x, depends_on: [{needs}]}}")
    assert len(load(tmp_path, "\n".join(lines) + "\n").services) == 40


def test_container_names_are_unique(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match='container name "one" is already in use'):
        load(tmp_path, "services:\n  a: {image: x, container_name: one}\n"
                       "  b: {image: x, container_name: one}\n")


def test_stack_dialect_skips_compose_only_rules(tmp_path: Path) -> None:
    """docker stack deploy has no cpus/mem_limit versus deploy rule."""
    text = ("version: '3.8'\nservices:\n  app: {image: x, mem_limit: 1g, deploy: "
            "{resources: {limits: {memory: 2g}}}}\n")
    with pytest.raises(ValidationError):
        load(tmp_path, text)
    assert "app" in load(tmp_path, text, dialect="stack", validate_schema=False).services
