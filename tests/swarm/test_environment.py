"""environment and env_file."""

from __future__ import annotations

from orchconv.ir.service import EnvFile
from orchconv.translate.swarm.emit.environment import emit_environment
from tests.swarm.helpers import lost_paths, run_step, service


def test_required_env_files_stay_paths() -> None:
    svc = service(env_file=(EnvFile(path="/p/a.env", values={"A": "1"}),),
                  environment={"B": "2", "A": None})
    out, losses = run_step(emit_environment, svc)
    assert out == {"env_file": ["/p/a.env"], "environment": {"A": None, "B": "2"}}
    assert losses == []


def test_an_optional_env_file_is_folded_with_compose_precedence() -> None:
    svc = service(env_file=(EnvFile(path="/p/a.env", values={"A": "1", "B": "1"}),
                            EnvFile(path="/p/b.env", required=False, values={"B": "2"})),
                  environment={"C": "3"})
    out, losses = run_step(emit_environment, svc)
    assert out == {"environment": {"A": "1", "B": "2", "C": "3"}}
    assert lost_paths(losses) == ["services.web.env_file"]
