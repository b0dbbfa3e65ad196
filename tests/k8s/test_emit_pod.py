"""The rest of the pod: command, terminal, hostnames, DNS, host namespaces, shared pods."""

from __future__ import annotations

import pytest

from orchconv.ir.deploy import Deploy
from orchconv.ir.service import Build, Dependency, Port
from tests.k8s.helpers import (
    at,
    container,
    emit,
    find,
    loss_text,
    losses,
    objects,
    pod_spec,
    project,
    service,
)


def spec_of(**fields: object) -> dict[str, object]:
    found: dict[str, object] = pod_spec(find(emit(project(service("app", **fields))),
                                             "Deployment", "app"))
    return found


def main_of(**fields: object) -> dict[str, object]:
    found: dict[str, object] = container(find(emit(project(service("app", **fields))),
                                              "Deployment", "app"))
    return found


def test_entrypoint_is_command_and_command_is_args() -> None:
    main = main_of(entrypoint=("/docker-entrypoint.sh",), command=("nginx", "-g", "daemon off;"),
                   working_dir="/srv", tty=True, stdin_open=True)
    assert main["command"] == ["/docker-entrypoint.sh"]
    assert main["args"] == ["nginx", "-g", "daemon off;"]
    assert (main["workingDir"], main["tty"], main["stdin"]) == ("/srv", True, True)


def test_an_empty_entrypoint_with_a_command_runs_the_command_alone() -> None:
    main = main_of(entrypoint=(), command=("sh", "-c", "echo hi"))
    assert main["command"] == ["sh", "-c", "echo hi"]
    assert "args" not in main


def test_an_empty_command_cannot_clear_the_images() -> None:
    result = emit(project(service("app", command=())))
    assert "args" not in container(find(result, "Deployment", "app"))
    assert "unset" in loss_text(result, "services.app.command")


@pytest.mark.parametrize(("policy", "expected"), [("always", "Always"), ("never", "Never"),
                                                 ("missing", "IfNotPresent")])
def test_pull_policy(policy: str, expected: str) -> None:
    assert main_of(pull_policy=policy)["imagePullPolicy"] == expected


def test_pull_policy_label_wins_and_odd_policies_are_losses() -> None:
    assert main_of(pull_policy="always", labels={"kompose.image-pull-policy": "never"})[
        "imagePullPolicy"] == "Never"
    result = emit(project(service("app", pull_policy="daily")))
    assert "imagePullPolicy" not in container(find(result, "Deployment", "app"))
    assert losses(result, "services.app.pull_policy")


def test_a_built_service_without_image_needs_a_pushed_image() -> None:
    app = service("app", image=None, build=Build(context="."), locs={"build": at(3)})
    result = emit(project(app, name="shop"), image_prefix="registry.example.com/")
    assert container(find(result, "Deployment", "app"))["image"] == (
        "registry.example.com/shop-app")
    [lost] = losses(result, "services.app.build")
    assert lost.loc == at(3)
    assert "push" in lost.reason


def test_hostname_and_domainname() -> None:
    result = emit(project(service("app", hostname="db1", domainname="example.com")))
    spec = pod_spec(find(result, "Deployment", "app"))
    assert spec["hostname"] == "db1"
    assert "subdomain" not in spec  # "example.com" is no DNS label: kompose's subdomain is invalid
    assert "subdomain" in loss_text(result, "services.app.domainname")
    assert "DNS label" in loss_text(emit(project(service("app", hostname="a.b"))),
                                    "services.app.hostname")


def test_dns_settings() -> None:
    spec = spec_of(dns=("1.1.1.1",), dns_search=("corp.example",), dns_opt=("ndots:1", "rotate"))
    assert spec["dnsPolicy"] == "None"
    assert spec["dnsConfig"] == {"nameservers": ["1.1.1.1"], "searches": ["corp.example"],
                                 "options": [{"name": "ndots", "value": "1"}, {"name": "rotate"}]}


def test_dns_search_alone_keeps_cluster_dns() -> None:
    spec = spec_of(dns_search=("corp.example",))
    assert "dnsPolicy" not in spec
    assert spec["dnsConfig"] == {"searches": ["corp.example"]}


@pytest.mark.parametrize("hosts", [["db=10.0.0.2", "cache=10.0.0.2", "api=10.0.0.3"],
                                   {"db": "10.0.0.2", "cache": ["10.0.0.2"], "api": "10.0.0.3"},
                                   ["db:10.0.0.2", "cache:10.0.0.2", "api:10.0.0.3"]])
def test_extra_hosts_are_host_aliases(hosts: object) -> None:
    assert spec_of(extra_hosts=hosts)["hostAliases"] == [
        {"ip": "10.0.0.2", "hostnames": ["db", "cache"]},
        {"ip": "10.0.0.3", "hostnames": ["api"]}]


def test_host_gateway_is_a_loss() -> None:
    result = emit(project(service("app", extra_hosts=["host.docker.internal=host-gateway"])))
    assert "host-gateway" in loss_text(result, "services.app.extra_hosts")


def test_stop_grace_period() -> None:
    assert spec_of(stop_grace_period="1m30s")["terminationGracePeriodSeconds"] == 90
    result = emit(project(service("app", stop_grace_period="2500ms")))
    assert pod_spec(find(result, "Deployment", "app"))["terminationGracePeriodSeconds"] == 3
    assert losses(result, "services.app.stop_grace_period")


def test_host_namespaces() -> None:
    spec = spec_of(network_mode="host", pid="host", ipc="host")
    assert (spec["hostNetwork"], spec["hostPID"], spec["hostIPC"]) == (True, True, True)
    assert spec["dnsPolicy"] == "ClusterFirstWithHostNet"


@pytest.mark.parametrize(("key", "value"), [("network_mode", "none"),
                                            ("network_mode", "container:abc"),
                                            ("pid", "container:abc"), ("ipc", "service:other")])
def test_other_namespace_modes_are_losses(key: str, value: str) -> None:
    result = emit(project(service("app", **{key: value}), service("other")))
    assert losses(result, f"services.app.{key}")


def test_init_is_a_shared_process_namespace() -> None:
    assert spec_of(init=True)["shareProcessNamespace"] is True
    result = emit(project(service("app", init=False)))
    assert "shareProcessNamespace" not in pod_spec(find(result, "Deployment", "app"))
    assert "explicit false" in loss_text(result, "services.app.init")


def test_labels_and_annotations_annotate_the_pod() -> None:
    deployment = find(emit(project(service(
        "app", labels={"com.example.role": "front end", "kompose.service.type": "nodeport"},
        annotations={"prometheus.io/scrape": "true"}))), "Deployment", "app")
    assert deployment["spec"]["template"]["metadata"]["annotations"] == {
        "com.example.role": "front end", "orchconv.io/annotations": "prometheus.io/scrape",
        "prometheus.io/scrape": "true"}


def test_a_label_and_an_annotation_of_one_key_keep_the_label() -> None:
    result = emit(project(service("app", labels={"k": "from label"},
                                  annotations={"k": "from annotation"},
                                  locs={"annotations": at(6)})))
    metadata = find(result, "Deployment", "app")["spec"]["template"]["metadata"]
    assert metadata["annotations"] == {"k": "from label"}
    [lost] = losses(result, "services.app.annotations")
    assert (lost.path, lost.loc) == ("services.app.annotations.k", at(6))
    assert "already holds a label or annotation" in lost.reason


def test_our_own_annotation_key_is_not_a_user_annotation() -> None:
    result = emit(project(service("app", annotations={"orchconv.io/annotations": "x"})))
    assert "annotations" not in find(result, "Deployment", "app")["spec"]["template"][
        "metadata"]
    assert "tell compose annotations from labels" in loss_text(
        result, "services.app.annotations.orchconv.io/annotations")


def test_an_unhonoured_kompose_label_is_a_loss() -> None:
    result = emit(project(service("app", labels={"kompose.no-such-label": "true"})))
    assert "not a directive" in loss_text(result, "services.app.labels.kompose.no-such-label")


def test_network_mode_service_puts_both_containers_in_one_pod() -> None:
    web = service("web", ports=(Port(target=80, published="80", protocol="tcp"),))
    proxy = service("proxy", image="envoy:1", network_mode="service:web", expose=("9901",),
                    hostname="px", depends_on={"web": Dependency(name="web", restart=True)},
                    deploy=Deploy(replicas=4), locs={"hostname": at(30)})
    result = emit(project(web, proxy))
    assert [d["metadata"]["name"] for d in objects(result, "Deployment")] == ["web"]
    spec = pod_spec(find(result, "Deployment", "web"))
    assert [c["name"] for c in spec["containers"]] == ["web", "proxy"]
    assert spec["containers"][1]["ports"] == [{"containerPort": 9901, "protocol": "TCP"}]
    ports = {p["port"] for p in find(result, "Service", "web")["spec"]["ports"]}
    assert ports == {80, 9901}
    [hostname] = losses(result, "services.proxy.hostname")
    assert hostname.loc == at(30)
    assert "shares the pod of 'web'" in hostname.reason
    assert losses(result, "services.proxy.deploy.replicas")
    assert losses(result, "services.proxy.depends_on") == []  # the same pod


def test_pid_of_the_pod_owner_is_a_shared_process_namespace() -> None:
    result = emit(project(service("web"), service("debug", network_mode="service:web",
                                                  pid="service:web")))
    assert pod_spec(find(result, "Deployment", "web"))["shareProcessNamespace"] is True
    assert losses(result, "services.debug") == []


def test_a_loop_of_network_modes_is_a_loss() -> None:
    result = emit(project(service("a", network_mode="service:b"),
                          service("b", network_mode="service:a")))
    assert {d["metadata"]["name"] for d in objects(result, "Deployment")} == {"a", "b"}
    assert losses(result, "services.a.network_mode")


@pytest.mark.parametrize("mode", ["private", "shareable"])
def test_a_private_or_shareable_ipc_namespace_is_a_loss(mode: str) -> None:
    """Every pod has its own IPC namespace its containers share: nothing is written, so
    the key would not come back from the manifests."""
    result = emit(project(service("app", ipc=mode, locs={"ipc": at(7)})))
    spec = pod_spec(find(result, "Deployment", "app"))
    assert "hostIPC" not in spec
    [lost] = losses(result, "services.app.ipc")
    assert (lost.path, lost.loc) == ("services.app.ipc", at(7))
    assert lost.reason.startswith(f"ipc {mode!r}: a pod has its own IPC namespace")
    assert "every pod's default" in lost.reason


def test_link_aliases_are_losses() -> None:
    result = emit(project(service("app", links=("db", "db:database")), service("db")))
    assert [x.path for x in losses(result, "services.app.links")] == ["services.app.links[1]"]


def test_container_name_names_the_container() -> None:
    assert main_of(container_name="nginx")["name"] == "nginx"
    result = emit(project(service("app", container_name="My_Nginx", locs={
        "container_name": at(8)})))
    assert container(find(result, "Deployment", "app"))["name"] == "my-nginx"
    [renamed] = losses(result, "services.app.container_name")
    assert renamed.loc == at(8)
    assert "'My_Nginx' is not a valid one, so it is 'my-nginx'" in renamed.reason


@pytest.mark.parametrize("name", ["nginx", "app"])
def test_container_name_is_always_a_loss(name: str) -> None:
    """Even a valid name, even the service's own: compose's container name is an address
    on the network and the container's runtime name; a pod's container name is neither,
    and reading the manifests back cannot tell it was set."""
    result = emit(project(service("app", container_name=name, locs={
        "container_name": at(8)})))
    assert container(find(result, "Deployment", "app"))["name"] == name
    [lost] = losses(result, "services.app.container_name")
    assert (lost.path, lost.loc, lost.target) == ("services.app.container_name", at(8), "k8s")
    assert lost.reason.startswith("it only names the container inside its pod: the runtime "
                                  "names the container itself")
