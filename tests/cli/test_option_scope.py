"""Options that do not apply to the chosen conversion are usage errors (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_output_paths import COMPOSE, DEPLOYMENT, run


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "compose.yml").write_text(COMPOSE)
    (tmp_path / "web.yaml").write_text(DEPLOYMENT)
    return tmp_path


@pytest.mark.parametrize(("args", "message"), [
    (["compose2swarm", "-f", "compose.yml", "--controller", "statefulset"],
     "--controller applies only to k8s output, not swarm"),
    (["k8s2compose", "web.yaml", "--namespace", "a"],
     "--namespace applies only to k8s output, not compose"),
    (["swarm2compose", "-f", "compose.yml", "--host-path"],
     "--host-path applies only to k8s output, not compose"),
    (["compose2k8s", "-f", "compose.yml", "--stack-version", "3.8"],
     "--stack-version applies only to swarm output, not k8s"),
    (["swarm2compose", "-f", "compose.yml", "--image-prefix", "r/"],
     "--image-prefix applies only to k8s or swarm output, not compose"),
    (["compose2k8s", "-f", "compose.yml", "-R"],
     "--recursive applies only to k8s input, not compose"),
    (["k8s2compose", "web.yaml", "--profile", "debug"],
     "--profile applies only to compose or swarm input, not k8s"),
    (["convert", "--from", "swarm", "--to", "compose", "-f", "compose.yml",
      "--k8s-version", "1.33"], "--k8s-version applies only when the input or the output is k8s"),
])
def test_an_option_that_does_not_apply_is_a_usage_error(project: Path, args: list[str],
                                                         message: str) -> None:
    done = run(*args)
    assert done.exit_code == 2
    assert done.stderr.splitlines()[-1] == f"Error: {message}"
    assert done.stderr.startswith("Usage: ")
    assert done.stdout == ""


@pytest.mark.parametrize("args", [
    ["compose2k8s", "-f", "compose.yml", "--controller", "statefulset", "--k8s-version", "1.33"],
    ["k8s2compose", "web.yaml", "--k8s-version", "1.33", "-R", "-p", "shop"],
    ["compose2swarm", "-f", "compose.yml", "--stack-version", "3.8", "--image-prefix", "r/"],
])
def test_options_that_apply_are_accepted(project: Path, args: list[str]) -> None:
    done = run(*args)
    assert done.exit_code == 0, done.stderr


def test_losses_name_real_flags(project: Path) -> None:
    (project / "compose.yml").write_text(
        "services:\n  web:\n    image: nginx:1.27\n    volumes: ['/var/log:/logs']\n"
        "    networks: [a, b]\nnetworks:\n  a: {}\n  b: {}\n")
    done = run("compose2k8s", "-f", "compose.yml")
    assert done.exit_code == 0, done.stderr
    assert "pass --host-path" in done.stderr  # a bind outside the project
    assert "pass --network-policies" in done.stderr
    assert "host_path" not in done.stderr and "network_policies" not in done.stderr
    (project / "compose.yml").write_text(
        "services:\n  web:\n    image: nginx:1.27\n    volumes: ['./site:/site']\n")
    dropped = run("compose2k8s", "-f", "compose.yml", "--binds", "drop")
    assert "--binds=drop" in dropped.stderr and "--binds=auto" in dropped.stderr
