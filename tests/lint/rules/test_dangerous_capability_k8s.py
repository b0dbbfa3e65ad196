"""dangerous-capability-k8s."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.rules.dangerous_capability_k8s import DangerousCapabilityK8s
from tests.lint.rules.helpers import run, where

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: vpn}
spec:
  containers:
    - name: vpn
      image: example/vpn:2.0
      securityContext:
        capabilities:
          add: [NET_BIND_SERVICE, NET_ADMIN, cap_sys_admin]
"""


def test_dangerous_capabilities_are_reported_at_their_item() -> None:
    found = run(DangerousCapabilityK8s, POD, kind=FileKind.KUBERNETES)
    assert where(found) == [(10, 35), (10, 46)]
    assert found[1].message.startswith("container 'vpn' of Pod 'vpn' adds capability SYS_ADMIN:")


def test_allow_option() -> None:
    found = run(DangerousCapabilityK8s, POD, kind=FileKind.KUBERNETES,
                options={"allow": ["net_admin", "SYS_ADMIN"]})
    assert found == []
