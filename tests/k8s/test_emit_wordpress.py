"""The seed WordPress project, built as the compose loader leaves it, end to end."""

from __future__ import annotations

import base64

from orchconv.ir.project import Network, Project, Volume
from orchconv.ir.service import Dependency, Mount, Port, Service
from tests.k8s.helpers import at, container, emit, find, losses, pod_spec, service

MYSQL_ENV = {"MYSQL_ROOT_PASSWORD": "root", "MYSQL_DATABASE": "mywordpress",
             "MYSQL_USER": "mywordpress", "MYSQL_PASSWORD": "mywordpress"}
WORDPRESS_ENV = {"WORDPRESS_DB_HOST": "mysql:3306", "WORDPRESS_DB_USER": "mywordpress",
                 "WORDPRESS_DB_PASSWORD": "mywordpress", "WORDPRESS_DB_NAME": "mywordpress"}


def wordpress_project() -> Project:
    mysql = Service(
        name="mysql", image="mysql:5.7", restart="always", environment=MYSQL_ENV,
        volumes=(Mount(type="volume", source="mysql_data", target="/var/lib/mysql",
                       volume={}, loc=at(6, 10)),),
        networks={"default": None}, locs={"volumes": at(5, 6)}, loc=at(4, 6))
    wordpress = Service(
        name="wordpress", image="wordpress:php7.4", restart="always",
        environment=WORDPRESS_ENV,
        depends_on={"mysql": Dependency(name="mysql", loc=at(15, 10))},
        ports=(Port(mode="ingress", target=80, published="8080", protocol="tcp",
                    loc=at(18, 10)),),
        networks={"default": None}, locs={"depends_on": at(14, 6)}, loc=at(13, 6))
    return Project(
        name="wordpress", services={"mysql": mysql, "wordpress": wordpress},
        volumes={"mysql_data": Volume(key="mysql_data", name="wordpress_mysql_data",
                                      loc=at(25, 5))},
        networks={"default": Network(key="default", name="wordpress_default")})


def test_documents_come_out_in_dependency_order() -> None:
    result = emit(wordpress_project())
    assert [d.name for d in result.documents] == [
        "mysql-env-secret", "wordpress-env-secret",
        "mysql-data-persistentvolumeclaim", "mysql-service", "wordpress-service",
        "mysql-deployment", "wordpress-deployment"]


def test_mysql_is_a_deployment_with_its_volume_and_environment() -> None:
    result = emit(wordpress_project())
    mysql = find(result, "Deployment", "mysql")
    assert mysql["apiVersion"] == "apps/v1"
    assert mysql["spec"]["replicas"] == 1
    assert mysql["spec"]["selector"] == {"matchLabels": {
        "app.kubernetes.io/name": "mysql", "app.kubernetes.io/part-of": "wordpress"}}
    # A Deployment holding a ReadWriteOnce claim must not surge a second pod.
    assert mysql["spec"]["strategy"] == {"type": "Recreate"}
    main = container(mysql)
    assert main["image"] == "mysql:5.7"
    # the passwords are read from the service's Secret, the rest stays plain
    assert main["env"] == [
        {"name": k, "valueFrom": {"secretKeyRef": {"name": "mysql-env", "key": k}}}
        if k.endswith("PASSWORD") else {"name": k, "value": v} for k, v in MYSQL_ENV.items()]
    secret = find(result, "Secret", "mysql-env")
    assert {k: base64.b64decode(v).decode() for k, v in secret["data"].items()} == {
        "MYSQL_ROOT_PASSWORD": "root", "MYSQL_PASSWORD": "mywordpress"}
    assert main["volumeMounts"] == [{"name": "mysql-data", "mountPath": "/var/lib/mysql"}]
    assert pod_spec(mysql)["volumes"] == [
        {"name": "mysql-data", "persistentVolumeClaim": {"claimName": "mysql-data"}}]
    assert "restartPolicy" not in pod_spec(mysql)  # restart: always is the default


def test_mysql_volume_becomes_a_claim() -> None:
    result = emit(wordpress_project())
    claim = find(result, "PersistentVolumeClaim", "mysql-data")
    assert claim["spec"] == {"accessModes": ["ReadWriteOnce"],
                             "resources": {"requests": {"storage": "1Gi"}}}
    [renamed] = losses(result, "volumes.mysql_data")
    assert renamed.loc == at(25, 5)
    assert "becomes 'mysql-data'" in renamed.reason


def test_mysql_without_ports_gets_a_headless_service_so_its_name_resolves() -> None:
    result = emit(wordpress_project())
    mysql = find(result, "Service", "mysql")
    assert mysql["spec"] == {
        "type": "ClusterIP", "clusterIP": "None",
        "selector": {"app.kubernetes.io/name": "mysql", "app.kubernetes.io/part-of": "wordpress"}}


def test_wordpress_publishes_8080_and_keeps_80_for_the_network() -> None:
    result = emit(wordpress_project())
    wordpress = find(result, "Service", "wordpress")
    assert wordpress["spec"]["type"] == "ClusterIP"
    assert wordpress["spec"]["ports"] == [
        {"name": "tcp-8080", "port": 8080, "protocol": "TCP", "targetPort": 80},
        {"name": "tcp-80", "port": 80, "protocol": "TCP", "targetPort": 80}]
    deployment = find(result, "Deployment", "wordpress")
    assert container(deployment)["ports"] == [{"containerPort": 80, "protocol": "TCP"}]
    assert container(deployment)["env"][0] == {"name": "WORDPRESS_DB_HOST",
                                               "value": "mysql:3306"}


def test_depends_on_is_a_located_loss_unless_waiting_is_asked_for() -> None:
    result = emit(wordpress_project())
    [order] = losses(result, "services.wordpress.depends_on")
    assert order.loc == at(14, 6)
    assert order.target == "k8s"
    assert "initContainers" not in pod_spec(find(result, "Deployment", "wordpress"))

    waiting = emit(wordpress_project(), wait_for_dependencies=True)
    assert losses(waiting, "services.wordpress.depends_on") == []
    [init] = pod_spec(find(waiting, "Deployment", "wordpress"))["initContainers"]
    assert init["name"] == "wait-for-mysql"
    assert init["command"] == ["sh", "-c",
                               "until nslookup mysql; do echo waiting for mysql; sleep 2; done"]


def test_the_seed_project_loses_nothing_else() -> None:
    result = emit(wordpress_project())
    assert sorted(x.path for x in result.losses) == [
        "services.wordpress.depends_on",
        # 8080 is published on the host by compose; a ClusterIP Service does not
        "services.wordpress.ports[0].published", "volumes.mysql_data"]


def _seed_port(spec: str, line: int) -> list[Port]:
    """A short-syntax port as the compose loader expands it (one entry per port)."""
    text, _, protocol = spec.partition("/")
    parts = text.split(":")
    host_ip = parts[0] if len(parts) == 3 else None
    published = parts[-2] if len(parts) > 1 else None
    first, _, last = parts[-1].partition("-")
    count = int(last or first) - int(first) + 1
    start = int(published.partition("-")[0]) if published else None
    return [Port(mode="ingress", host_ip=host_ip, target=int(first) + i,
                 published=str(start + i) if start is not None else None,
                 protocol=protocol or "tcp", loc=at(line, 9)) for i in range(count)]


SEED_PORTS = ["1000", "1000-1005", "8080:8080", "8888-8890:8888-8890", "2222:22",
              "127.0.0.1:9999:9999", "127.0.0.1:3000-3005:3000-3005", "6789:6789/udp"]


def test_the_seed_port_list() -> None:
    ports = tuple(p for line, spec in enumerate(SEED_PORTS, 8) for p in _seed_port(spec, line))
    result = emit(Project(name="seed", services={"nginx": service("nginx", ports=ports)}))
    svc = find(result, "Service", "nginx")["spec"]["ports"]
    by_port = {(p["port"], p["protocol"]): p["targetPort"] for p in svc}
    expected = {(n, "TCP"): n for n in [*range(1000, 1006), 8080, 8888, 8889, 8890, 9999,
                                        *range(3000, 3006), 22]}
    expected[(2222, "TCP")] = 22
    expected[(6789, "UDP")] = 6789
    assert by_port == expected
    assert len({p["name"] for p in svc}) == len(svc)
    container_ports = container(find(result, "Deployment", "nginx"))["ports"]
    assert {(p["containerPort"], p["protocol"]) for p in container_ports} == {
        (n, "TCP") for n in [*range(1000, 1006), 8080, 8888, 8889, 8890, 22, 9999,
                             *range(3000, 3006)]} | {(6789, "UDP")}
    host_ip = [x for x in result.losses if x.path.endswith(".host_ip")]
    # The loopback-bound entries: 9999 and the six ports of 3000-3005.
    assert len(host_ip) == 7
    assert all(x.loc.line in (13, 14) for x in host_ip)
