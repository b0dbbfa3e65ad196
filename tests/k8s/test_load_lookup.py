"""The loader's indexes answer what a scan of every object would, in work linear in the input.

Loading 11.8 MB of manifests took 41 s because each Service scanned every pod for its
selector; these tests count the work instead of timing it.
"""

from __future__ import annotations

from typing import Any

from orchconv.location import Loc
from orchconv.source.yamltree import YMap
from orchconv.translate.k8s.load.context import LoadContext
from orchconv.translate.k8s.load.documents import Manifest
from orchconv.translate.k8s.load.draft import Draft
from orchconv.translate.k8s.load.lookup import PodIndex, services_by_name
from orchconv.translate.k8s.load.options import K8sLoadOptions
from orchconv.translate.k8s.load.pod import Pod

HERE = Loc("m.yaml", 1, 1)


def _manifest(kind: str, name: str, namespace: str | None = None) -> Manifest:
    return Manifest("apps/v1" if kind != "Service" else "v1", kind, name, namespace,
                    YMap(HERE), HERE)


def _pod(name: str, labels: dict[str, Any], namespace: str | None = None,
         kind: str = "Deployment") -> Pod:
    return Pod(_manifest(kind, name, namespace), labels, Draft(name, HERE))


def _scan(pods: list[Pod], namespace: str | None, selector: dict[str, str]) -> list[Pod]:
    """What the loader did before the index: every pod tested against every selector."""
    return [pod for pod in pods if pod.namespace == namespace and selector
            and all(pod.labels.get(k) == v for k, v in selector.items())]


def test_a_selector_finds_what_a_scan_finds_in_input_order() -> None:
    pods = [
        _pod("a", {"app": "web", "tier": "front"}),
        _pod("b", {"app": "web", "tier": "back"}),
        _pod("c", {"app": "web", "tier": "front"}, namespace="other"),
        _pod("d", {"app": "web", "tier": "front", "extra": "1"}),
        _pod("e", {"app": ["not", "a", "string"], "tier": None}),
        _pod("f", {}),
    ]
    index = PodIndex(pods)
    selectors: list[tuple[str | None, dict[str, str]]] = [
        (None, {"app": "web"}), (None, {"app": "web", "tier": "front"}),
        ("other", {"app": "web"}), (None, {"tier": ""}), (None, {}),
        (None, {"app": "web", "missing": "x"}), ("none", {"app": "web"}),
    ]
    for namespace, selector in selectors:
        assert index.selected(namespace, selector) == _scan(pods, namespace, selector)
    assert [p.owner.name for p in index.selected(None, {"app": "web", "tier": "front"})] == \
        ["a", "d"]


def test_selectors_test_each_pod_once_not_once_per_service() -> None:
    """A thousand Services sharing a project label each test only their own pod."""
    count = 1000
    pods = [_pod(f"s{n}", {"part-of": "shop", "app": f"s{n}"}) for n in range(count)]
    index = PodIndex(pods)
    for n in range(count):
        assert index.selected(None, {"part-of": "shop", "app": f"s{n}"}) == [pods[n]]
    assert index.examined == count  # a scan examined count * count


def test_owners_and_workloads_are_the_first_match() -> None:
    first = _pod("web", {}, kind="Deployment")
    pods = [first, _pod("web", {}, kind="StatefulSet"), _pod("web", {}, namespace="x")]
    index = PodIndex(pods)
    assert index.owned_by("web") is first
    assert index.owned_by(None) is None and index.owned_by("db") is None
    assert index.workload("StatefulSet", "web", None) is pods[1]
    assert index.workload("Deployment", "web", "x") is pods[2]
    assert index.workload("Deployment", "db", None) is None
    services = [_manifest("Service", "web"), _manifest("Service", "web"),
                _manifest("Deployment", "db")]
    assert services_by_name(services) == {(None, "web"): services[0]}


class _CountingSet(set[str]):
    lookups = 0

    def __contains__(self, item: object) -> bool:
        _CountingSet.lookups += 1
        return super().__contains__(item)


def test_numbered_service_names_are_claimed_without_rescanning() -> None:
    ctx = LoadContext(K8sLoadOptions(), "p")
    ctx.service_names = _CountingSet()
    count = 500
    names = [ctx.claim_service_name("web", "web") for _ in range(count)]
    assert names == ["web", *(f"web-{n}" for n in range(2, count + 1))]
    assert ctx.claim_service_name("api", "web") == "api"
    assert ctx.claim_service_name("api", "web") == f"web-{count + 1}"
    assert _CountingSet.lookups < 5 * count  # numbering from 2 each time took count²/2
