"""Container settings carried as written."""

from __future__ import annotations

from orchconv.ir.service import Logging, Ulimit
from orchconv.translate.swarm.emit.container import emit_container, host_entries
from tests.swarm.helpers import run_step, service


def test_extra_hosts_use_the_colon_docker_cli_splits_at() -> None:
    assert host_entries(["a=1.2.3.4", "b:5.6.7.8", "v6=::1"]) == [
        "a:1.2.3.4", "b:5.6.7.8", "v6:::1"]
    assert host_entries({"a": "1.2.3.4", "b": ["::1", "10.0.0.1"]}) == [
        "a:1.2.3.4", "b:::1", "b:10.0.0.1"]


def test_settings_pass_through() -> None:
    svc = service(command=("sh", "-c", "x"), entrypoint=(), user="1000", init=False,
                  read_only=True, labels={"b": "2", "a": "1"}, cap_add=("NET_ADMIN",),
                  logging=Logging(driver="json-file", options={"max-size": "1m"}),
                  ulimits={"nproc": 10, "nofile": Ulimit(soft=1, hard=2)})
    out, losses = run_step(emit_container, svc)
    assert out == {
        "cap_add": ["NET_ADMIN"], "user": "1000", "read_only": True,
        "labels": {"a": "1", "b": "2"}, "command": ["sh", "-c", "x"], "entrypoint": [],
        "init": False, "logging": {"driver": "json-file", "options": {"max-size": "1m"}},
        "ulimits": {"nofile": {"soft": 1, "hard": 2}, "nproc": 10},
    }
    assert losses == []
