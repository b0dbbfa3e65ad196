"""Container and pod fields -> service keys: command, environment, probes, resources,
security, scheduling, host namespaces, DNS."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.errors import InputError
from orchconv.translate.k8s.load.units import go_duration, quantity
from tests.k8s.load_support import deployment, load_text, only, reasons


def container(*lines: str) -> str:
    body = "".join(f"          {line}\n" for line in lines)
    return f"        - name: web\n          image: app:1\n{body}"


@pytest.mark.parametrize(("seconds", "text"), [(0, "0s"), (30, "30s"), (90, "1m30s"),
                                               (3600, "1h0m0s"), (3725, "1h2m5s")])
def test_durations_print_as_go_does(seconds: int, text: str) -> None:
    assert go_duration(seconds) == text


@pytest.mark.parametrize(("text", "value"), [("500m", "0.5"), ("1Gi", "1073741824"),
                                             ("256M", "256000000"), ("2", "2"),
                                             ("1e3", "1000"), ("1.5Ki", "1536")])
def test_quantities(text: str, value: str) -> None:
    assert quantity(text) == quantity(value)


def test_command_and_args_are_entrypoint_and_command(tmp_path: Path) -> None:
    text = deployment(container("command: [/app]", "args: ['--cost', '$$5']",
                                "workingDir: /srv"))
    web = only(load_text(tmp_path, text))
    assert (web.entrypoint, web.command, web.working_dir) == (("/app",), ("--cost", "$5"),
                                                               "/srv")


def test_variable_references_are_replaced_by_their_values(tmp_path: Path) -> None:
    text = deployment(container("env:", "  - {name: PORT, value: '8080'}",
                                "  - {name: URL, value: 'http://x:$(PORT)/$(NOPE)'}",
                                "args: ['--port=$(PORT)']"))
    web = only(load_text(tmp_path, text))
    assert web.environment == {"PORT": "8080", "URL": "http://x:8080/$(NOPE)"}
    assert web.command == ("--port=8080",)


def test_configmap_values_are_written_secret_values_are_not(tmp_path: Path) -> None:
    objects = ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {LEVEL: debug}\n"
               "---\napiVersion: v1\nkind: Secret\nmetadata: {name: creds}\n"
               "data: {password: aHVudGVyMg==}\n---\n")
    text = objects + deployment(container(
        "env:",
        "  - name: LEVEL",
        "    valueFrom: {configMapKeyRef: {name: cfg, key: LEVEL}}",
        "  - name: DB_PASSWORD",
        "    valueFrom: {secretKeyRef: {name: creds, key: password}}"))
    result = load_text(tmp_path, text)
    assert only(result).environment == {"LEVEL": "debug", "DB_PASSWORD": None}
    assert result.environ == {"DB_PASSWORD": "hunter2"}
    assert "hunter2" not in " ".join(str(loss) for loss in result.losses)


def test_probes_become_a_healthcheck_with_docker_defaults_left_out(tmp_path: Path) -> None:
    text = deployment(container(
        "livenessProbe:",
        "  exec: {command: [sh, -c, 'pg_isready -U postgres']}",
        "  periodSeconds: 30", "  timeoutSeconds: 5", "  failureThreshold: 3"))
    check = only(load_text(tmp_path, text)).healthcheck
    assert check is not None
    assert (check.test, check.interval, check.timeout, check.retries) == (
        ("CMD-SHELL", "pg_isready -U postgres"), None, "5s", None)


def test_an_http_probe_is_a_wget_check_and_a_loss(tmp_path: Path) -> None:
    text = deployment(container("ports: [{containerPort: 8080, name: http}]",
                                "livenessProbe: {httpGet: {path: /healthz, port: http}}"))
    result = load_text(tmp_path, text)
    check = only(result).healthcheck
    assert check is not None
    assert check.test == ("CMD-SHELL",
                          "wget -q -O /dev/null http://localhost:8080/healthz || exit 1")
    assert "must provide wget" in reasons(result)[
        "Deployment/web.spec.template.spec.containers[0].livenessProbe"]


def test_resources_are_limits_and_reservations(tmp_path: Path) -> None:
    text = deployment(container("resources:", "  limits: {cpu: 1500m, memory: 1Gi}",
                                "  requests: {memory: 100M}"))
    deploy = only(load_text(tmp_path, text)).deploy
    assert deploy is not None and deploy.resources is not None
    assert deploy.resources.limits is not None and deploy.resources.reservations is not None
    assert (deploy.resources.limits.cpus, deploy.resources.limits.memory) == (1.5, 1 << 30)
    assert deploy.resources.reservations.memory == 100_000_000


def test_security_context_pod_then_container(tmp_path: Path) -> None:
    pod = "      securityContext: {runAsUser: 1000, runAsGroup: 100, fsGroup: 5}\n"
    text = deployment(container(
        "securityContext:",
        "  runAsUser: 2000",
        "  allowPrivilegeEscalation: false",
        "  capabilities: {add: [NET_ADMIN], drop: [ALL]}",
        "  seccompProfile: {type: Unconfined}"), pod=pod)
    web = only(load_text(tmp_path, text))
    assert web.user == "2000:100"
    assert (web.cap_add, web.cap_drop) == (("NET_ADMIN",), ("ALL",))
    assert web.security_opt == ("seccomp:unconfined", "no-new-privileges:true")
    assert web.labels == {"kompose.security-context.fsgroup": "5"}


def test_pod_level_fields(tmp_path: Path) -> None:
    pod = ("      hostNetwork: true\n      hostPID: true\n"
           "      dnsPolicy: ClusterFirstWithHostNet\n"
           "      terminationGracePeriodSeconds: 45\n"
           "      hostAliases: [{ip: 10.0.0.9, hostnames: [b, a]}]\n")
    result = load_text(tmp_path, deployment(container(), pod=pod))
    web = only(result)
    assert (web.network_mode, web.pid, web.stop_grace_period) == ("host", "host", "45s")
    assert web.extra_hosts == ["a=10.0.0.9", "b=10.0.0.9"]
    assert web.networks == {}
    assert result.losses == []


def test_node_selection_becomes_placement_and_platform(tmp_path: Path) -> None:
    pod = ("      nodeSelector: {kubernetes.io/os: linux, disk: ssd}\n"
           "      affinity:\n        nodeAffinity:\n"
           "          requiredDuringSchedulingIgnoredDuringExecution:\n"
           "            nodeSelectorTerms:\n"
           "              - matchExpressions: [{key: zone, operator: NotIn, values: [c]}]\n")
    web = only(load_text(tmp_path, deployment(container(), pod=pod)))
    assert web.platform == "linux"
    assert web.deploy is not None and web.deploy.placement is not None
    assert web.deploy.placement.constraints == ("node.labels.disk == ssd",
                                                "node.labels.zone != c")


def test_a_container_without_image_is_an_input_error(tmp_path: Path) -> None:
    text = deployment("        - name: web\n")
    with pytest.raises(InputError, match="needs an image"):
        load_text(tmp_path, text, validate=False)


def _annotated(annotations: str) -> str:
    text = deployment(container())
    return text.replace("      labels: {app: web}\n",
                        f"      labels: {{app: web}}\n      annotations: {annotations}\n")


def test_pod_annotations_are_labels_unless_listed_as_annotations(tmp_path: Path) -> None:
    """The emitter lists the keys of compose annotations under orchconv.io/annotations;
    other pod annotations are compose labels (container labels hold any text)."""
    text = _annotated("{com.example.foo: bar, com.example.role: front, "
                      "'orchconv.io/annotations': 'com.example.foo,missing'}")
    result = load_text(tmp_path, text)
    web = only(result)
    assert web.annotations == {"com.example.foo": "bar"}
    assert web.labels == {"com.example.role": "front"}
    assert not result.losses


def test_pod_annotations_without_the_list_are_labels(tmp_path: Path) -> None:
    web = only(load_text(tmp_path, _annotated("{com.example.foo: bar}")))
    assert (web.labels, web.annotations) == ({"com.example.foo": "bar"}, {})
