"""Which controller a service becomes, and its replicas, update strategy and Job settings."""

from __future__ import annotations

import pytest

from orchconv.errors import InputError
from orchconv.ir.deploy import Deploy, DeployMode, RestartPolicy, UpdateConfig
from orchconv.ir.service import Mount
from tests.k8s.helpers import (
    at,
    emit,
    find,
    loss_text,
    losses,
    objects,
    pod_spec,
    project,
    service,
    workload,
)


def kind_of(**fields: object) -> str:
    result = emit(project(service("app", **fields)))
    return str(workload(result, "app")["kind"])


def test_a_plain_service_is_a_deployment_with_one_replica() -> None:
    result = emit(project(service("app")))
    deployment = find(result, "Deployment", "app")
    assert deployment["apiVersion"] == "apps/v1"
    assert deployment["spec"]["replicas"] == 1
    assert "strategy" not in deployment["spec"]


@pytest.mark.parametrize("restart", [None, "always", "unless-stopped"])
def test_long_running_restart_policies_stay_deployments(restart: str | None) -> None:
    assert kind_of(restart=restart) == "Deployment"


def test_global_mode_is_a_daemonset_without_replicas() -> None:
    result = emit(project(service("agent", deploy=Deploy(mode=DeployMode.GLOBAL))))
    daemonset = find(result, "DaemonSet", "agent")
    assert "replicas" not in daemonset["spec"]
    assert daemonset["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"] == "agent"


@pytest.mark.parametrize(("restart", "policy", "backoff"), [
    ("no", "Never", 0),
    ("on-failure", "OnFailure", None),
    ("on-failure:5", "OnFailure", 5),
])
def test_services_that_finish_are_jobs_not_bare_pods(restart: str, policy: str,
                                                     backoff: int | None) -> None:
    result = emit(project(service("task", restart=restart, locs={"restart": at(7)})))
    assert objects(result, "Pod") == []
    job = find(result, "Job", "task")
    assert job["apiVersion"] == "batch/v1"
    assert pod_spec(job)["restartPolicy"] == policy
    assert job["spec"].get("backoffLimit") == backoff
    if backoff is None:
        [unlimited] = losses(result, "services.task.restart")
        assert unlimited.loc == at(7)
    assert "selector" not in job["spec"]  # Jobs make their own


def test_a_swarm_restart_policy_does_not_make_a_job() -> None:
    # `condition: on-failure` is what swarm's docs give long-running services.
    policy = RestartPolicy(condition="on-failure", max_attempts=3, loc=at(20))
    result = emit(project(service("api", deploy=Deploy(replicas=3, restart_policy=policy))))
    assert find(result, "Deployment", "api")["spec"]["replicas"] == 3
    lost = losses(result, "services.api.deploy.restart_policy")
    assert {x.path.rsplit(".", 1)[1] for x in lost} == {"condition", "max_attempts"}
    assert all(x.loc == at(20) for x in lost)


def test_restart_policy_shapes_the_job_of_a_service_that_is_one() -> None:
    deploy = Deploy(restart_policy=RestartPolicy(condition="on-failure", max_attempts=2))
    job = find(emit(project(service("task", restart="no", deploy=deploy))), "Job", "task")
    assert job["spec"]["backoffLimit"] == 2
    assert pod_spec(job)["restartPolicy"] == "OnFailure"
    never = Deploy(mode=DeployMode.REPLICATED_JOB, restart_policy=RestartPolicy(condition="none"))
    job = find(emit(project(service("task", deploy=never))), "Job", "task")
    assert (pod_spec(job)["restartPolicy"], job["spec"]["backoffLimit"]) == ("Never", 0)


def test_a_swarm_job_restarts_on_failure_by_default() -> None:
    result = emit(project(service("batch", deploy=Deploy(mode=DeployMode.REPLICATED_JOB))))
    assert pod_spec(find(result, "Job", "batch"))["restartPolicy"] == "OnFailure"
    assert losses(result, "services.batch.deploy.mode")  # unlimited retries


def test_replicated_job_runs_replicas_completions_in_parallel() -> None:
    deploy = Deploy(mode=DeployMode.REPLICATED_JOB, replicas=4)
    job = find(emit(project(service("batch", deploy=deploy))), "Job", "batch")
    assert job["spec"]["completions"] == 4
    assert job["spec"]["parallelism"] == 4


def test_global_job_is_one_job_and_a_loss() -> None:
    result = emit(project(service("sweep", deploy=Deploy(mode=DeployMode.GLOBAL_JOB))))
    assert find(result, "Job", "sweep")
    assert "once on every node" in loss_text(result, "services.sweep.deploy.mode")


def test_kompose_cronjob_schedule_makes_a_cronjob() -> None:
    labels = {"kompose.cronjob.schedule": "0 * * * *",
              "kompose.cronjob.concurrency_policy": "forbid",
              "kompose.cronjob.backoff_limit": "2"}
    result = emit(project(service("report", restart="no", labels=labels)))
    cron = find(result, "CronJob", "report")
    assert cron["spec"]["schedule"] == "0 * * * *"
    assert cron["spec"]["concurrencyPolicy"] == "Forbid"
    assert cron["spec"]["jobTemplate"]["spec"]["backoffLimit"] == 2
    assert pod_spec(cron)["restartPolicy"] == "Never"
    annotations = cron["spec"]["jobTemplate"]["spec"]["template"]["metadata"]
    assert "annotations" not in annotations  # directive labels are consumed


@pytest.mark.parametrize("label", ["orchconv.io/controller", "kompose.controller.type"])
def test_statefulset_by_label_claims_its_volumes_per_pod(label: str) -> None:
    db = service("db", labels={label: "StatefulSet"},
                 volumes=(Mount(type="volume", source="data", target="/data"),))
    result = emit(project(db, volumes={"data": None}))
    statefulset = find(result, "StatefulSet", "db")
    assert statefulset["spec"]["serviceName"] == "db"
    [template] = statefulset["spec"]["volumeClaimTemplates"]
    assert template["metadata"]["name"] == "data"
    assert template["spec"]["accessModes"] == ["ReadWriteOnce"]
    assert objects(result, "PersistentVolumeClaim") == []
    assert "volumes" not in pod_spec(statefulset)
    assert pod_spec(statefulset)["containers"][0]["volumeMounts"] == [
        {"name": "data", "mountPath": "/data"}]


def test_statefulset_shares_a_volume_another_service_uses_through_a_claim() -> None:
    mount = (Mount(type="volume", source="shared", target="/s"),)
    result = emit(project(service("a", volumes=mount), service("b", volumes=mount),
                          volumes={"shared": None}), controller="statefulset")
    assert find(result, "PersistentVolumeClaim", "shared")["spec"]["accessModes"] == [
        "ReadWriteMany"]
    assert "volumeClaimTemplates" not in find(result, "StatefulSet", "a")["spec"]


@pytest.mark.parametrize(("option", "kind"), [
    ("default", "Deployment"), ("deployment", "Deployment"),
    ("statefulset", "StatefulSet"), ("daemonset", "DaemonSet")])
def test_controller_option_applies_to_long_running_services(option: str, kind: str) -> None:
    result = emit(project(service("app"), service("once", restart="no")), controller=option)
    assert workload(result, "app")["kind"] == kind
    assert workload(result, "once")["kind"] == "Job"


def test_a_label_wins_over_global_mode_with_a_loss() -> None:
    app = service("app", labels={"kompose.controller.type": "deployment"},
                  deploy=Deploy(mode=DeployMode.GLOBAL))
    result = emit(project(app))
    assert find(result, "Deployment", "app")
    assert "not one pod per node" in loss_text(result, "services.app.deploy.mode")


def test_replication_controller_label_is_a_deployment_and_a_loss() -> None:
    result = emit(project(service("app", labels={
        "kompose.controller.type": "replicationcontroller"})))
    assert find(result, "Deployment", "app")
    assert "superseded" in loss_text(result, "services.app.labels")


def test_a_controller_label_on_a_job_is_a_loss() -> None:
    result = emit(project(service("task", restart="no",
                                  labels={"orchconv.io/controller": "statefulset"})))
    assert find(result, "Job", "task")
    assert "runs to completion" in loss_text(result, "services.task.labels")


def test_a_bad_controller_label_is_a_located_input_error() -> None:
    app = service("app", labels={"kompose.controller.type": "pod"}, locs={"labels": at(4)})
    with pytest.raises(InputError) as raised:
        emit(project(app))
    assert raised.value.loc == at(4)
    assert "kompose.controller.type" in str(raised.value)


def test_replicas_come_from_deploy_then_scale() -> None:
    assert workload(emit(project(service("a", scale=3))), "a")["spec"]["replicas"] == 3
    both = emit(project(service("a", scale=3, deploy=Deploy(replicas=5))))
    assert workload(both, "a")["spec"]["replicas"] == 5
    assert "takes precedence" in loss_text(both, "services.a.scale")


@pytest.mark.parametrize(("update", "rolling"), [
    (UpdateConfig(parallelism=2, order="start-first"), {"maxSurge": 2, "maxUnavailable": 0}),
    (UpdateConfig(parallelism=3, order="stop-first"), {"maxSurge": 0, "maxUnavailable": 3}),
    (UpdateConfig(), {"maxSurge": 0, "maxUnavailable": 1}),  # swarm: 1 at a time, stop-first
    (UpdateConfig(parallelism=0, order="start-first"), {"maxSurge": "100%",
                                                        "maxUnavailable": 0}),
])
def test_update_config_is_a_rolling_update(update: UpdateConfig,
                                           rolling: dict[str, object]) -> None:
    result = emit(project(service("app", deploy=Deploy(update_config=update))))
    assert find(result, "Deployment", "app")["spec"]["strategy"] == {
        "type": "RollingUpdate", "rollingUpdate": rolling}


def test_update_config_settings_without_counterpart_are_lost() -> None:
    update = UpdateConfig(parallelism=1, delay="10s", failure_action="rollback",
                          monitor="5s", max_failure_ratio=0.1, loc=at(30))
    result = emit(project(service("app", deploy=Deploy(update_config=update))))
    lost = losses(result, "services.app.deploy.update_config")
    assert sorted(x.path.rsplit(".", 1)[1] for x in lost) == [
        "delay", "failure_action", "max_failure_ratio", "monitor"]
    assert all(x.loc == at(30) for x in lost)


def test_a_deployment_with_a_claim_is_recreated() -> None:
    app = service("app", volumes=(Mount(type="volume", source="v", target="/v"),))
    result = emit(project(app, volumes={"v": None}))
    assert find(result, "Deployment", "app")["spec"]["strategy"] == {"type": "Recreate"}


def test_deploy_labels_label_the_workload() -> None:
    deploy = Deploy(labels={"tier": "front", "com.example/desc": "two words"})
    deployment = find(emit(project(service("app", deploy=deploy))), "Deployment", "app")
    assert deployment["metadata"]["labels"]["tier"] == "front"
    assert deployment["metadata"]["annotations"] == {"com.example/desc": "two words"}


def test_restart_policy_timing_is_lost() -> None:
    policy = RestartPolicy(condition="any", delay="5s", window="1m", max_attempts=3)
    result = emit(project(service("app", deploy=Deploy(restart_policy=policy))))
    lost = {x.path.rsplit(".", 1)[1] for x in losses(
        result, "services.app.deploy.restart_policy")}
    assert lost == {"delay", "window", "max_attempts"}
