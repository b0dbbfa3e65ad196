"""environment and env_file -> environment, with Compose's precedence."""

from __future__ import annotations

from orchconv.ir.service import EnvFile
from orchconv.translate.swarm.emit.environment import emit_environment
from tests.swarm.helpers import run_step, service


def test_env_files_are_folded_into_environment() -> None:
    svc = service(env_file=(EnvFile(path="/p/a.env", values={"A": "1", "B": "1"}),
                            EnvFile(path="/p/b.env", required=False, values={"B": "2"})),
                  environment={"C": "3", "A": None})
    out, losses = run_step(emit_environment, svc)
    assert out == {"environment": {"A": None, "B": "2", "C": "3"}}
    assert losses == []


def test_no_environment_writes_nothing() -> None:
    out, _ = run_step(emit_environment, service(env_file=(EnvFile(path="/p/empty.env"),)))
    assert out == {}
