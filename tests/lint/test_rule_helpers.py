"""The helpers the rule modules share (orchconv/lint/rules/_*.py), on their own."""

from __future__ import annotations

import pytest

from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.engine import parse
from orchconv.lint.rules._capabilities import allowed_capabilities, capability_name, danger
from orchconv.lint.rules._compose import engine_services, security_option, swarm_services
from orchconv.lint.rules._host_paths import SENSITIVE_PATHS, engine_of, sensitive_mount
from orchconv.lint.rules._images import moving_tag, split_image
from orchconv.lint.rules._k8s import key_loc_or, linux_containers
from orchconv.lint.rules._order import out_of_order

COMPOSE = "services:\n  a:\n    image: x\n  b:\n    image: y\n"
PODS = """\
apiVersion: v1
kind: Pod
metadata: {name: linux}
spec:
  containers: [{name: app, image: x}]
---
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers: [{name: app, image: x}]
"""


def context(text: str, kind: FileKind, target: str | None = None,
            **options: object) -> LintContext:
    return LintContext("f.yaml", kind, text, parse(text, "f.yaml"), target=target,
                       options=options)


def test_out_of_order_reports_each_misplaced_item_once() -> None:
    ranked = [("b", 2), ("a", 1), ("x", None), ("c", 3), ("a2", 1)]
    # `a` is compared with `b`, `c` with `b` (the last in order), `a2` with `c`
    assert list(out_of_order(ranked)) == [("a", "b"), ("a2", "c")]


def test_out_of_order_ignores_unranked_items() -> None:
    assert list(out_of_order([("x", None), ("a", 1), ("y", None)])) == []


@pytest.mark.parametrize(("target", "kind", "engine", "swarm"), [
    (None, FileKind.COMPOSE, ["a", "b"], []),
    ("swarm", FileKind.COMPOSE, [], ["a", "b"]),
    (None, FileKind.STACK, [], ["a", "b"]),
])
def test_services_by_deployment(target: str | None, kind: FileKind, engine: list[str],
                                swarm: list[str]) -> None:
    ctx = context(COMPOSE, kind, target)
    assert [ref.name for ref in engine_services(ctx)] == engine
    assert [ref.name for ref in swarm_services(ctx)] == swarm


def test_security_option_reads_both_separators() -> None:
    assert security_option(" seccomp=unconfined ") == ("seccomp", "unconfined")
    assert security_option("label : disable") == ("label", "disable")
    assert security_option("no-new-privileges") == ("no-new-privileges", "")


def test_capabilities_allow_option_and_danger() -> None:
    allowed = allowed_capabilities(context(COMPOSE, FileKind.COMPOSE, allow=["cap_net_admin"]))
    assert allowed == {"NET_ADMIN"}
    assert capability_name(" cap_sys_admin") == "SYS_ADMIN"
    assert danger("NET_ADMIN", allowed) is None
    assert danger("SYS_ADMIN", allowed) is not None
    assert danger("CHOWN", frozenset()) is None


@pytest.mark.parametrize(("path", "read_only", "expected"), [
    ("/etc", False, " read-write"),
    ("/etc/ssl/", True, " (inside /etc) read-only"),
    ("/etc/localtime", True, None),  # only the time zone
    ("/etc/localtime", False, " (inside /etc) read-write"),
    ("/var/run/docker.sock", False, None),  # the socket rules' finding
    ("/srv/data", False, None),
    ("~/.ssh/id_rsa", True, " (inside ~/.ssh) read-only"),
])
def test_sensitive_mount(path: str, read_only: bool, expected: str | None) -> None:
    roots = sorted(SENSITIVE_PATHS, key=len, reverse=True)
    assert sensitive_mount(path, read_only, roots) == expected


def test_engine_of_names_the_socket_by_file_name() -> None:
    assert engine_of("/run/containerd/containerd.sock/") == "containerd"
    assert engine_of("/var/run/docker.socket") is None


@pytest.mark.parametrize(("image", "tag"), [
    ("nginx:latest", "latest"),
    ("nginx:Stable", "Stable"),
    ("nginx:latest@sha256:0123", None),  # the digest pins it
    ("registry:5000/nginx", None),  # a registry port is no tag
    ("nginx:1.27", None),
])
def test_moving_tag(image: str, tag: str | None) -> None:
    assert moving_tag(split_image(image), frozenset({"latest", "stable"})) == tag


def test_linux_containers_leave_out_windows_pods() -> None:
    refs = list(linux_containers(context(PODS, FileKind.KUBERNETES)))
    assert [ref.pod.owner.name for ref in refs] == ["linux"]


def test_key_loc_or_falls_back_when_the_key_is_missing() -> None:
    ctx = context(PODS, FileKind.KUBERNETES)
    pod = ctx.documents[0].data
    fallback = key_loc_or(pod, "kind", None)
    assert fallback is not None and fallback.line == 2
    assert key_loc_or(pod, "status", fallback) is fallback
    assert key_loc_or("not a mapping", "kind", fallback) is fallback
