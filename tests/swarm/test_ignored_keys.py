"""Keys `docker stack deploy` never applies are not carried out of a stack file.

Each is lost at the place it was written (swarm2k8s, swarm2compose), and the
output is exactly the output of the stack without it; `--keep-ignored-keys`
carries it with a located warning instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from orchconv.cli import main
from orchconv.translate.swarm.ignored import NEVER_APPLIED_REASON
from orchconv.translate.swarm.properties import NEVER_APPLIED, UNSUPPORTED
from tests.goldens import inside

HEAD = 'version: "3.13"\nservices:\n  db:\n    image: postgres:16\n  web:\n    image: nginx:1.27\n'
KEY_LINE = 7  # the line of the first key written after HEAD

# One value per key, each one the 3.13 schema admits (YAML lines under `web`).
SAMPLES: dict[str, str] = {
    "build": "build: .\n",
    "cgroupns_mode": "cgroupns_mode: host\n",
    "cgroup_parent": "cgroup_parent: system.slice\n",
    "container_name": "container_name: web-1\n",
    "devices": "devices: ['/dev/fuse']\n",
    "domainname": "domainname: example.com\n",
    "expose": "expose: ['8080']\n",
    "external_links": "external_links: [redis]\n",
    "ipc": "ipc: host\n",
    "links": "links: [db]\n",
    "mac_address": "mac_address: '02:42:ac:11:00:02'\n",
    "network_mode": "network_mode: host\n",
    "oom_score_adj": "oom_score_adj: -500\n",
    "pid": "pid: host\n",
    "privileged": "privileged: true\n",
    "security_opt": "security_opt: ['seccomp=unconfined']\n",
    "shm_size": "shm_size: 256m\n",
    "tmpfs": "tmpfs: [/run]\n",
    "userns_mode": "userns_mode: host\n",
}


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run(folder: Path, text: str, *args: str) -> Run:
    (folder / "stack.yml").write_text(text)
    with inside(folder):
        result = CliRunner().invoke(main, [*args, "-f", "stack.yml"], env={"DB_PASSWORD": None})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def services_of(stdout: str) -> dict[str, Any]:
    """The compose output's services, or the k8s objects by kind/name."""
    documents = [d for d in yaml.safe_load_all(stdout) if d]
    if "services" in documents[0]:
        services: dict[str, Any] = documents[0]["services"]
        return services
    return {f"{d['kind']}/{d['metadata']['name']}": d for d in documents}


def test_the_table_is_docker_clis_list_but_restart() -> None:
    # restart is applied (as the restart policy) unless deploy.restart_policy is set
    assert set(UNSUPPORTED) - set(NEVER_APPLIED) == {"restart"}
    assert set(SAMPLES) == set(NEVER_APPLIED)


@pytest.mark.parametrize("command", ["swarm2k8s", "swarm2compose"])
@pytest.mark.parametrize("key", sorted(NEVER_APPLIED))
def test_each_ignored_key_is_a_located_loss_and_absent_from_the_output(
        tmp_path: Path, command: str, key: str) -> None:
    target = command.removeprefix("swarm2")
    baseline = run(tmp_path, HEAD, command)
    result = run(tmp_path, HEAD + "    " + SAMPLES[key], command, "--verbose")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == baseline.stdout  # nothing of the key reaches the output
    losses = [line for line in result.stderr.splitlines() if ": loss: " in line]
    assert len(losses) == 1
    # info: the stack never applied the key, so the output behaves as the stack did
    assert losses[0].startswith(f"stack.yml:{KEY_LINE}:5: info: loss: services.web.{key} ->"
                                f" {target}: {NEVER_APPLIED_REASON}")


@pytest.mark.parametrize("key", sorted(NEVER_APPLIED))
def test_keep_ignored_keys_carries_each_key_with_a_warning(tmp_path: Path, key: str) -> None:
    result = run(tmp_path, HEAD + "    " + SAMPLES[key], "swarm2compose", "--keep-ignored-keys",
                 "-v")
    assert result.exit_code == 0, result.stderr
    assert key in services_of(result.stdout)["web"]
    assert f"warning: stack.yml:{KEY_LINE}:5: services.web.{key}: ignored by docker stack" \
        " deploy" in result.stderr
    assert "--keep-ignored-keys" in result.stderr
    assert f"services.web.{key}" not in "".join(
        line for line in result.stderr.splitlines(keepends=True) if ": loss: " in line)


def test_restart_is_lost_only_when_deploy_restart_policy_wins(tmp_path: Path) -> None:
    applied = run(tmp_path, HEAD + "    restart: on-failure\n", "swarm2compose", "-v")
    assert services_of(applied.stdout)["web"]["restart"] == "on-failure"
    assert ": loss: " not in applied.stderr
    text = HEAD + "    restart: always\n    deploy:\n      restart_policy: {condition: none}\n"
    ignored = run(tmp_path, text, "swarm2compose", "-v")
    assert "restart" not in services_of(ignored.stdout)["web"]
    assert f"stack.yml:{KEY_LINE}:5: info: loss: services.web.restart -> compose:" \
        in ignored.stderr


THREE_KEYS = HEAD + "    privileged: true\n    pid: host\n    network_mode: host\n"


def test_the_issue_reproduction_grants_nothing_the_stack_never_had(tmp_path: Path) -> None:
    result = run(tmp_path, THREE_KEYS, "swarm2k8s", "--loss-report", "losses.json")
    assert result.exit_code == 0, result.stderr
    for granted in ("privileged", "hostPID", "hostNetwork"):
        assert granted not in result.stdout
    report = json.loads((tmp_path / "losses.json").read_text())["losses"]
    assert [(e["line"], e["column"], e["path"], e["target"]) for e in report] == [
        (7, 5, "services.web.privileged", "k8s"), (8, 5, "services.web.pid", "k8s"),
        (9, 5, "services.web.network_mode", "k8s")]
    assert all(e["file"] == "stack.yml" and e["reason"].startswith(NEVER_APPLIED_REASON)
               and e["level"] == "info" for e in report)


def test_the_issue_reproduction_with_keep_ignored_keys(tmp_path: Path) -> None:
    result = run(tmp_path, THREE_KEYS, "swarm2k8s", "--keep-ignored-keys")
    assert result.exit_code == 0, result.stderr
    pod = services_of(result.stdout)["Deployment/web"]["spec"]["template"]["spec"]
    assert pod["hostPID"] is True and pod["hostNetwork"] is True
    assert pod["containers"][0]["securityContext"]["privileged"] is True
    warned = [line for line in result.stderr.splitlines() if "--keep-ignored-keys" in line]
    assert [line.split(": ")[1] for line in warned] == [
        "stack.yml:7:5", "stack.yml:8:5", "stack.yml:9:5"]


def test_strict_info_refuses_a_stack_with_ignored_keys(tmp_path: Path) -> None:
    result = run(tmp_path, THREE_KEYS, "swarm2k8s", "--strict=info")
    assert result.exit_code == 1
    assert result.stdout == ""


def test_strict_accepts_ignored_keys_whose_loss_keeps_the_behaviour(tmp_path: Path) -> None:
    """The stack never applied them: losing them is info, which --strict lets through."""
    result = run(tmp_path, THREE_KEYS, "swarm2k8s", "--strict")
    assert result.exit_code == 0, result.stderr
    assert "info: 1\N{MULTIPLICATION SIGN} services.*.privileged -> k8s:" in result.stderr
