"""docker compose: what a running container records of each key."""

from __future__ import annotations

from tests.roundtrip.canonical.common import Data, engine_pools_dropped, resources_in_deploy

DOCKER_SHM_SIZE = 64 * 1024 * 1024


_CONDITIONS = {"none": None, "no": None, "on-failure": "on-failure",
               "unless-stopped": "unless-stopped", "any": "always", "always": "always"}


def _restart_from_policy(policy: Data) -> str | None:
    """compose's reading of deploy.restart_policy: it wins over `restart`, and a policy
    with no condition means no restart."""
    restart = _CONDITIONS.get(str(policy.get("condition")))
    if restart == "on-failure" and policy.get("max_attempts"):
        return f"on-failure:{policy['max_attempts']}"
    return restart


def _without_mode(entry: str) -> str:
    kind, _, rest = entry.partition(":") if entry.startswith("container:") else ("", "", entry)
    name = rest.rsplit(":", 1)[0] if rest.endswith((":ro", ":rw")) else rest
    return f"{kind}:{name}" if kind else name


def service(service: Data) -> None:
    """`docker compose up` applies deploy.replicas and deploy.resources, and
    deploy.restart_policy over `restart`; the rest of `deploy` is swarm's.  Build,
    profiles, pull/platform choices, develop and lifecycle hooks act around a
    container's life, and the container does not record them; 64 MiB is the
    engine's /dev/shm size."""
    resources_in_deploy(service)
    deploy: Data = service.get("deploy") or {}
    if deploy.get("restart_policy"):
        service["restart"] = _restart_from_policy(deploy["restart_policy"])
    if service.get("restart") in ("no", None):
        service.pop("restart", None)
    # cpu reservations are swarm's; compose sets memory reservations and limits only.
    reservations = (deploy.get("resources") or {}).get("reservations") or {}
    for key in ("cpus", "pids", "generic_resources"):
        reservations.pop(key, None)
    # compose runs one container per service whatever the mode (global, jobs).
    service["deploy"] = {"replicas": deploy.get("replicas", 1)}
    if deploy.get("resources"):
        service["deploy"]["resources"] = deploy["resources"]
    if service["deploy"]["replicas"] == 0:
        service.clear()  # no container runs, so nothing can be read back
        return
    for port in service.get("ports") or []:
        for key in ("mode", "name", "app_protocol"):
            port.pop(key, None)  # metadata compose does not hand to the engine
    if service.get("tmpfs"):
        service["tmpfs"] = sorted(service["tmpfs"])
    if service.get("shm_size") is not None and int(service["shm_size"]) == DOCKER_SHM_SIZE:
        del service["shm_size"]
    limits = (service["deploy"].get("resources") or {}).get("limits") or {}
    if service.get("memswap_limit") and limits.get("memory") \
            and int(service["memswap_limit"]) == 2 * int(limits["memory"]):
        del service["memswap_limit"]  # what the engine sets when none is given
    if service.get("logging") == {"driver": "json-file"}:
        del service["logging"]  # the engine's default log driver
    for key in ("build", "profiles", "pull_policy", "platform", "develop", "post_start",
                "pre_stop"):
        service.pop(key, None)
    if service.get("volumes_from"):  # compose hands the engine container IDs, no :ro/:rw
        service["volumes_from"] = [_without_mode(v) for v in service["volumes_from"]]
    for network in (service.get("networks") or {}).values():
        for key in ("priority", "gw_priority"):
            (network or {}).pop(key, None)  # connection order, not kept by the engine


def project(data: Data) -> None:
    """compose hands a file secret or config to a container as a read-only bind mount
    (at /run/secrets/<target>, or the config's target); that mount is what runs.
    Environment and inline ones are copied in, which leaves no trace.  `bridge` is a
    network's default driver."""
    services = data.get("services") or {}
    data["services"] = {k: v for k, v in services.items() if v}
    services = data["services"]
    for network in (data.get("networks") or {}).values():
        if network.get("driver") == "bridge":
            del network["driver"]
        (network.get("ipam") or {}).pop("options", None)  # compose never passes these on
    engine_pools_dropped(data, "local")
    for section in ("secrets", "configs"):
        declared = data.pop(section, None) or {}
        for service_data in services.values():
            for ref in service_data.pop(section, None) or []:
                source = declared.get(ref["source"]) or {}
                if source.get("file"):
                    service_data.setdefault("volumes", []).append(
                        {"type": "bind", "source": source["file"], "target": ref["target"],
                         "read_only": True})
