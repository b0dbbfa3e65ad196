"""depends_on -> the list form; what swarm cannot wait for is lost."""

from __future__ import annotations

from orchconv.ir.service import Dependency
from orchconv.translate.swarm.emit.depends import emit_depends_on
from tests.swarm.helpers import lost_paths, run_step, service


def test_started_dependencies_become_a_list() -> None:
    svc = service(depends_on={"db": Dependency(), "cache": Dependency()})
    out, losses = run_step(emit_depends_on, svc)
    assert out == {"depends_on": ["cache", "db"]}
    assert losses == []


def test_conditions_required_and_restart_are_lost() -> None:
    svc = service(depends_on={
        "db": Dependency(condition="service_healthy", restart=True),
        "init": Dependency(condition="service_completed_successfully"),
        "opt": Dependency(required=False),
    })
    out, losses = run_step(emit_depends_on, svc)
    assert out == {"depends_on": ["db", "init", "opt"]}
    assert lost_paths(losses) == ["services.web.depends_on.db", "services.web.depends_on.init",
                                  "services.web.depends_on.opt"]
    assert "service_healthy, restart: true" in losses[0].reason
