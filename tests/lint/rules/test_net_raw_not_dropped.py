"""net-raw-not-dropped."""

from __future__ import annotations

import pytest

from orchconv.lint.context import FileKind
from orchconv.lint.rules.net_raw_not_dropped import NetRawNotDropped
from tests.lint.rules.helpers import run, where

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        capabilities: {drop: DROP}
"""


def test_keeping_net_raw_is_reported_at_drop() -> None:
    found = run(NetRawNotDropped, POD.replace("DROP", "[CHOWN]"), kind=FileKind.KUBERNETES)
    assert where(found) == [(9, 24)]
    assert found[0].message == ("container 'web' of Pod 'web' keeps NET_RAW; drop it"
                                " (capabilities.drop: [ALL])")


@pytest.mark.parametrize("drop", ["[ALL]", "[net_raw]", "[CAP_NET_RAW, CHOWN]"])
def test_dropping_it_passes(drop: str) -> None:
    assert run(NetRawNotDropped, POD.replace("DROP", drop), kind=FileKind.KUBERNETES) == []


def test_no_security_context_is_reported_at_the_container() -> None:
    text = POD.split("      securityContext", maxsplit=1)[0]
    assert where(run(NetRawNotDropped, text, kind=FileKind.KUBERNETES)) == [(6, 13)]
    assert NetRawNotDropped.enabled_by_default is False
