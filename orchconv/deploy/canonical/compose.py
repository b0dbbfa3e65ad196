"""docker compose: what a running container records of each key."""

from __future__ import annotations

from orchconv.deploy.canonical.common import Data, resources_in_deploy


def _restart_from_policy(policy: Data) -> str | None:
    """compose's own reading of deploy.restart_policy when `restart` is unset."""
    condition = policy.get("condition")
    if condition == "none":
        return None
    if condition == "on-failure":
        attempts = policy.get("max_attempts")
        return f"on-failure:{attempts}" if attempts else "on-failure"
    return "always" if condition in ("any", None) else None


def service(service: Data) -> None:
    """`docker compose up` applies deploy.replicas and deploy.resources and reads
    deploy.restart_policy when `restart` is unset; the rest of `deploy` is swarm's.
    Build instructions, profiles and pull/platform choices act before a container
    exists, and the container does not record them."""
    resources_in_deploy(service)
    deploy: Data = service.get("deploy") or {}
    if "restart" not in service and deploy.get("restart_policy"):
        restart = _restart_from_policy(deploy["restart_policy"])
        if restart:
            service["restart"] = restart
    if service.get("restart") == "no":
        del service["restart"]
    service["deploy"] = {k: deploy[k] for k in ("replicas", "resources") if k in deploy}
    for key in ("build", "profiles", "pull_policy", "platform"):
        service.pop(key, None)


def project(data: Data) -> None:
    """compose hands a file secret or config to a container as a read-only bind mount
    (at /run/secrets/<target>, or the config's target); that mount is what runs."""
    services = data.get("services") or {}
    for section in ("secrets", "configs"):
        declared = data.pop(section, None) or {}
        for service_data in services.values():
            for ref in service_data.pop(section, None) or []:
                source = declared.get(ref["source"]) or {}
                if source.get("file"):
                    service_data.setdefault("volumes", []).append(
                        {"type": "bind", "source": source["file"], "target": ref["target"],
                         "read_only": True})
    for service_data in services.values():
        if service_data.get("volumes"):
            service_data["volumes"].sort(key=lambda m: str(m.get("target")))
