"""What does not round-trip, and why: this machine's limits, and orchconv's known gaps.

ENVIRONMENT cases are strict expected failures: the engine or cluster here cannot run them (no
SCTP, no NFS server, one swarm node, an old engine API...); nothing orchconv
does could change that.  GAPS are orchconv bugs the round trip found (a key
dropped or changed without a loss entry); they are expected to fail, strictly,
so a fix shows up as an unexpected pass and the entry must then go.
"""

from __future__ import annotations

import pytest

from tests.deploy.timeouts import scaled

DOCKER = ("compose", "swarm")
EVERY = ("compose", "swarm", "k8s")


def _for(targets: tuple[str, ...], reason: str) -> dict[str, str]:
    return dict.fromkeys(targets, reason)


ENVIRONMENT: dict[str, dict[str, str]] = {
    "compose/only-top-level-name": _for(EVERY, "the case declares no service: nothing runs"),
    "compose/profiles-optional-dependency": _for(
        EVERY, "its canonical model keeps a `required: false` dependency on a service of a"
        " disabled profile, which compose's consistency check refuses when the model is"
        " loaded again (as docker compose does with its own `config` output)"),
    "compose/ports-short-forms": _for(DOCKER, "SCTP ports: this kernel has no SCTP"),
    "compose/volumes-long-syntax": _for(DOCKER, "an NFS volume needs an NFS server"),
    "compose/volumes-short-forms": _for(
        DOCKER, "bind propagation `shared` needs the host folder on a shared mount"),
    "compose/deploy-everything": {
        "compose": "GPU device reservations need the nvidia container runtime",
        "swarm": "placement constraints need a worker node labelled region=eu",
        "k8s": "placement constraints become node affinity that no kwok node matches",
    },
    "compose/x-extensions-nested": {
        "swarm": "placement constraint node.role==worker needs a worker node",
        "k8s": "placement constraint node.role==worker becomes node affinity that no kwok"
               " node matches",
    },
    "compose/networks-ipam": {
        "compose": "a per-network mac_address needs Docker API 1.44; this engine has 1.41",
    },
    "compose/service-runtime-options": {
        "compose": "the engine refuses `hostname` together with `uts: host`",
    },
    "compose/service-networks-forms": {
        "compose": "engine 20.10 records the address it picked on an attachable overlay"
                   " network as if the file had asked for it",
    },
    "compose/external-resources": {
        "compose": "docker compose refuses external secrets (a swarm feature)",
        "k8s": "its external volume must exist as a claim first; the harness makes none",
    },
    "compose/merge-go-rules": {
        "compose": "the file mounts two secrets at /run/secrets/api; the engine keeps one"
                   " file at a path, as docker compose itself would",
    },
    "compose/secrets-configs-usage": {
        "compose": "docker compose refuses external configs (a swarm feature)",
    },
}

# None known today; a round trip that finds one adds it here with the reason.
GAPS: dict[str, dict[str, str]] = {}


# How long a case this machine cannot run waits before it counts as refused: a
# placement nothing matches or a claim nothing binds never converges, and the full
# timeout would only add minutes to every run.
EXPECTED_FAILURE_WAIT = scaled(0.2)


def apply_limits(request: pytest.FixtureRequest, target: str, case: str,
                 timeout: float) -> float:
    """Mark a case this environment cannot run, or a known gap, as a strict expected
    failure; the wait timeout the case gets."""
    reason = ENVIRONMENT.get(case, {}).get(target)
    if reason:
        # Run anyway: the backend must refuse it, so the day it can run it the strict
        # mark turns the pass into a failure and the entry must go.
        request.applymarker(pytest.mark.xfail(reason=f"environment: {reason}", strict=True))
        return min(timeout, EXPECTED_FAILURE_WAIT)
    gap = GAPS.get(case, {}).get(target)
    if gap:
        request.applymarker(pytest.mark.xfail(reason=f"known gap: {gap}", strict=True))
    return timeout
