"""Workload controllers -> services: replicas, modes, jobs, multi-container pods."""

from __future__ import annotations

from pathlib import Path

from orchconv.ir.deploy import DeployMode
from orchconv.location import Loc
from tests.k8s.load_support import deployment, load_text, only, reasons

WEB = "        - {name: web, image: 'nginx:1.27'}\n"


def test_a_deployment_is_a_replicated_service_that_restarts_always(tmp_path: Path) -> None:
    result = load_text(tmp_path, deployment(WEB, spec="  replicas: 3\n"))
    web = only(result)
    assert web.image == "nginx:1.27"
    assert web.restart == "always"
    assert web.deploy is not None and web.deploy.replicas == 3
    assert web.networks == {"default": None}
    assert result.project.networks["default"].name == "demo_default"
    assert result.losses == []


def test_one_replica_is_the_default_and_is_not_written(tmp_path: Path) -> None:
    assert only(load_text(tmp_path, deployment(WEB, spec="  replicas: 1\n"))).deploy is None


def test_positions_point_at_the_manifest(tmp_path: Path) -> None:
    web = only(load_text(tmp_path, deployment(WEB, spec="  replicas: 3\n")))
    assert web.loc == Loc(str(tmp_path / "m.yaml"), 1, 1)
    assert web.deploy is not None
    assert web.locs["image"] == Loc(str(tmp_path / "m.yaml"), 14, 30)


def test_daemonset_is_global(tmp_path: Path) -> None:
    text = deployment(WEB).replace("kind: Deployment", "kind: DaemonSet")
    web = only(load_text(tmp_path, text))
    assert web.deploy is not None and web.deploy.mode == DeployMode.GLOBAL


def test_statefulset_keeps_the_controller_label_and_claim_templates(tmp_path: Path) -> None:
    containers = ("        - name: db\n          image: postgres:16\n"
                  "          volumeMounts: [{name: data, mountPath: /var/lib/pg}]\n")
    text = deployment(containers, name="db").replace("kind: Deployment", "kind: StatefulSet")
    text += ("  volumeClaimTemplates:\n    - metadata: {name: data}\n"
             "      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 2Gi}}}\n")
    result = load_text(tmp_path, text)
    db = only(result, "db")
    assert db.labels == {"orchconv.io/controller": "statefulset"}
    assert [(m.type, m.source, m.target) for m in db.volumes] == [("volume", "data",
                                                                   "/var/lib/pg")]
    assert result.project.volumes["data"].labels == {"orchconv.io/volume-size": "2Gi"}


def test_jobs_restart_as_their_backoff_allows(tmp_path: Path) -> None:
    job = ("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: once}}\nspec:\n{extra}"
           "  template:\n    spec:\n      restartPolicy: {policy}\n"
           "      containers: [{{name: once, image: 'app:1'}}]\n")
    never = only(load_text(tmp_path, job.format(extra="  backoffLimit: 0\n", policy="Never"),
                           "a.yaml"), "once")
    default = only(load_text(tmp_path, job.format(extra="", policy="OnFailure"), "b.yaml"),
                   "once")
    counted = only(load_text(tmp_path, job.format(extra="  completions: 4\n  parallelism: 4\n",
                                                  policy="OnFailure"), "c.yaml"), "once")
    assert (never.restart, never.deploy) == ("no", None)
    assert (default.restart, default.deploy) == ("on-failure:6", None)
    assert counted.deploy is not None
    assert (counted.deploy.mode, counted.deploy.replicas) == (DeployMode.REPLICATED_JOB, 4)


def test_a_cron_schedule_is_a_loss_kept_as_kompose_label(tmp_path: Path) -> None:
    text = ("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report}\nspec:\n"
            "  schedule: '0 3 * * *'\n  jobTemplate:\n    spec:\n      template:\n"
            "        spec:\n          restartPolicy: Never\n"
            "          containers: [{name: r, image: 'app:1'}]\n")
    result = load_text(tmp_path, text)
    report = only(result, "report")
    assert report.labels == {"kompose.cronjob.schedule": "0 3 * * *"}
    assert "compose runs the job once" in reasons(result)["CronJob/report.spec.schedule"]


def test_a_second_container_joins_the_first_ones_network(tmp_path: Path) -> None:
    containers = WEB + "        - {name: exporter, image: 'exporter:1'}\n"
    result = load_text(tmp_path, deployment(containers, spec="  replicas: 2\n"))
    exporter = result.project.services["exporter"]
    assert exporter.network_mode == "service:web"
    assert exporter.depends_on["web"].restart is True
    assert exporter.networks == {}
    assert exporter.deploy is None


def test_init_containers_run_first_as_one_off_services(tmp_path: Path) -> None:
    pod = ("      initContainers:\n        - {name: migrate, image: 'app:1', args: [migrate]}\n")
    result = load_text(tmp_path, deployment(WEB, pod=pod))
    migrate = result.project.services["migrate"]
    assert migrate.restart == "no"
    assert only(result).depends_on["migrate"].condition == "service_completed_successfully"
    assert "one-off service migrate" in reasons(result)[
        "Deployment/web.spec.template.spec.initContainers[0]"]


def test_the_emitters_wait_containers_become_depends_on(tmp_path: Path) -> None:
    wait = ("      initContainers:\n        - name: wait-for-db\n          image: busybox:1.36\n"
            "          command: [sh, -c, 'until nc -z db 5432; do echo waiting for db; "
            "sleep 2; done']\n")
    db = ("---\n" + deployment("        - {name: db, image: 'postgres:16'}\n", name="db")
          + "---\napiVersion: v1\nkind: Service\nmetadata: {name: db}\n"
            "spec: {selector: {app: db}, ports: [{port: 5432}]}\n")
    result = load_text(tmp_path, deployment(WEB, pod=wait) + db)
    assert list(only(result).depends_on) == ["db"]
    assert result.losses == []


def test_unread_keys_are_losses_at_their_key(tmp_path: Path) -> None:
    result = load_text(tmp_path, deployment(WEB, spec="  paused: true\n",
                                            pod="      priorityClassName: high\n"))
    losses = {loss.path: loss for loss in result.losses}
    assert losses["Deployment/web.spec.paused"].loc == Loc(str(tmp_path / "m.yaml"), 8, 3)
    assert losses["Deployment/web.spec.template.spec.priorityClassName"].reason == (
        "compose has no scheduling priority")
