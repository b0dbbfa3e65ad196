"""compose -> swarm on a real single-node swarm: deploy, converge, answer, read back, compare."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.deploy.swarm import SwarmBackend
from orchconv.translate.convert import TargetOptions, emit
from tests.deploy.backends import unique_name
from tests.deploy.external import external_resources
from tests.deploy.limits import apply_limits
from tests.deploy.sources import Source, deployable, example_sources, golden_sources, pages_answer
from tests.deploy.subnets import own_subnets
from tests.deploy.timeouts import TIMEOUT
from tests.roundtrip.oracle import unexplained

pytestmark = pytest.mark.backend

SOURCES = [*example_sources(), *golden_sources()]


@pytest.mark.parametrize("source", SOURCES, ids=[s.id for s in SOURCES])
def test_compose_to_swarm_round_trip(source: Source, swarm_engine: None, tmp_path: Path,
                                     request: pytest.FixtureRequest) -> None:
    wait_timeout = apply_limits(request, "swarm", source.id, TIMEOUT)
    name = unique_name("sw")
    # fixed subnets of its own: a subnet reused right after a teardown can fail to attach
    project = own_subnets(deployable(source, name, tmp_path, "swarm"))
    conversion = emit("swarm", project, TargetOptions())
    backend = SwarmBackend(name, resolve_image="never")
    document = conversion.documents[0].data
    with external_resources(document, project, "swarm", name):
        try:
            backend.apply([document])
            backend.wait(timeout=wait_timeout)
            assert pages_answer(project) == {}
            found = backend.read_back()
            assert found.project is not None
            problems = unexplained(project, found.project, "swarm",
                                   [*conversion.losses, *found.losses])
            assert not problems, "\n".join(str(p) for p in problems)
        finally:
            backend.teardown(timeout=TIMEOUT)
