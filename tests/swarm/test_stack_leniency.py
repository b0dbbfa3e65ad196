"""Stack files `docker stack config` accepts load, with a loss where Compose refuses
what docker ignores (issue 12, item 15), and their compose output loads too."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.ir.loss import Loss
from orchconv.source.yamlout import dump_yaml
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.convert import TargetOptions, convert
from orchconv.translate.result import Conversion
from orchconv.translate.swarm.loader import load_stack
from tests.compose.compose_oracle import compose_refusal
from tests.swarm.docker_oracle import check_stack_file

NETWORK_MODE_AND_NETWORKS = """\
version: "3.8"
services:
  web:
    image: nginx
    network_mode: host
    networks: [front]
networks:
  front: {}
"""
MISSING_DEPENDENCY = """\
version: "3.8"
services:
  api:
    image: nginx
    depends_on: [db, cache]
  cache:
    image: redis
"""
DEPENDENCY_CYCLE = """\
version: "3.8"
services:
  a:
    image: nginx
    depends_on: [b]
  b:
    image: nginx
    depends_on: [a]
"""
NETWORK_OF_A_MISSING_SERVICE = """\
version: "3.8"
services:
  side:
    image: nginx
    network_mode: "service:ghost"
"""
SHARED_CONTAINER_NAME = """\
version: "3.8"
services:
  a:
    image: nginx
    container_name: web
  b:
    image: nginx
    container_name: web
"""
NAME_AND_REPLICAS = """\
version: "3.8"
services:
  a:
    image: nginx
    container_name: web
    deploy:
      replicas: 3
"""

# stack text, --keep-ignored-keys, the paths lost while loading (beside ignored.py's)
CASES = {
    "network-mode-and-networks": (NETWORK_MODE_AND_NETWORKS, True, ["services.web.network_mode"]),
    "missing-dependency": (MISSING_DEPENDENCY, False, ["services.api.depends_on.db"]),
    "dependency-cycle": (DEPENDENCY_CYCLE, False, ["services.b.depends_on.a"]),
    "network-of-a-missing-service": (NETWORK_OF_A_MISSING_SERVICE, True,
                                     ["services.side.network_mode"]),
    "shared-container-name": (SHARED_CONTAINER_NAME, True, ["services.b.container_name"]),
    "name-and-replicas": (NAME_AND_REPLICAS, True, []),
}
IDS = list(CASES)


def _write(folder: Path, name: str) -> Path:
    stack = folder / "stack.yaml"
    stack.write_text(CASES[name][0])
    return stack


def _options(stack: Path, keep: bool) -> LoadOptions:
    return LoadOptions(files=(stack,), working_dir=stack.parent, os_environ={},
                       keep_ignored_keys=keep)


def _lenient_losses(losses: list[Loss]) -> list[str]:
    """The losses of lenient.py: those not about a key docker never applies."""
    return sorted(loss.path for loss in losses if "the stack never applied it" not in loss.reason)


@pytest.mark.parametrize("name", IDS)
def test_the_stack_loads_with_a_located_loss(tmp_path: Path, name: str) -> None:
    _, keep, lost = CASES[name]
    result = load_stack(_options(_write(tmp_path, name), keep))
    assert _lenient_losses(result.losses) == lost
    for loss in result.losses:
        assert "stack.yaml:" in str(loss.loc) and loss.loc.line > 0


def test_a_dependency_in_the_stack_is_kept(tmp_path: Path) -> None:
    result = load_stack(_options(_write(tmp_path, "missing-dependency"), False))
    assert list(result.project.services["api"].depends_on) == ["cache"]


def _swarm2compose(folder: Path, name: str) -> Conversion:
    stack = _write(folder, name)
    return convert("swarm", "compose", _options(stack, CASES[name][1]), TargetOptions())


def test_a_container_name_on_replicas_is_lost_in_the_compose_output(tmp_path: Path) -> None:
    conversion = _swarm2compose(tmp_path, "name-and-replicas")
    assert "container_name" not in conversion.documents[0].data["services"]["a"]
    [loss] = [loss for loss in conversion.losses if loss.target == "compose"
              and "replicas" in loss.reason]
    assert loss.path == "services.a.container_name"
    assert str(loss.loc).endswith("stack.yaml:5:5")


@pytest.mark.peer
@pytest.mark.parametrize("name", IDS)
def test_docker_stack_config_accepts_the_stack(tmp_path: Path, name: str) -> None:
    verdict = check_stack_file(_write(tmp_path, name))
    # docker warns about the options it ignores; it must not refuse the file
    assert not any("docker stack config" in p for p in verdict.problems), verdict.problems


@pytest.mark.peer
@pytest.mark.parametrize("name", IDS)
def test_docker_compose_config_accepts_the_compose_output(tmp_path: Path, name: str) -> None:
    output = tmp_path / "out" / "compose.yaml"
    output.parent.mkdir()
    output.write_text(dump_yaml(_swarm2compose(tmp_path, name).documents[0].data))
    assert compose_refusal(output) == ""


SHARED_TARGET = """\
version: "3.8"
services:
  web:
    image: nginx
    volumes:
      - data:/srv
      - type: volume
        source: logs
        target: /srv
      - /srv
      - cache:/cache
volumes:
  data: {}
  logs: {}
  cache: {}
"""


def test_mounts_sharing_a_target_keep_the_last_and_lose_the_others(tmp_path: Path) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(SHARED_TARGET)
    conversion = convert("swarm", "swarm", _options(stack, False), TargetOptions())
    mounts = conversion.documents[0].data["services"]["web"]["volumes"]
    assert [m["target"] for m in mounts] == ["/srv", "/cache"]
    shared = {loss.path: str(loss.loc) for loss in conversion.losses if "/srv" in loss.reason}
    assert sorted(shared) == ["services.web.volumes[0]", "services.web.volumes[1]"]
    assert shared["services.web.volumes[0]"].endswith("stack.yaml:6:9")
    assert shared["services.web.volumes[1]"].endswith("stack.yaml:7:9")
