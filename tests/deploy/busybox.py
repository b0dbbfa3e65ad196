"""Make any compose project runnable here: every service becomes the local busybox httpd.

The test machine has no registry, only the busybox test image (scripts/docker/up.sh),
so a test deploys a rewritten copy of each case, and that copy is what the
read-back is compared with.  The rewrite, service by service:

- image: busybox:1.36; `build`, `pull_policy` and `entrypoint` removed;
- command: `httpd -f -p PORT -h /www`, PORT being the service's first container
  port (else its first `expose`, else 8080; 18000+ for a service in another's
  network namespace, which must not take that one's port); the services that
  run to completion on the target run `true` (see `_one_shot`: a one-shot must be
  one by its kind, or the wait would watch a process's life instead of a state);
- stop_grace_period: 1s (httpd ignores SIGTERM; teardown would wait 10s);
- a healthcheck (unless disabled) fetches the page every second;
- published ports move to free host ports in mode `host` (swarm's ingress mesh
  does not work without IPVS); services with more than one replica lose the
  published port, as one host port fits one task;
- ulimits are capped at this host's hard limits (the engine may not raise them);
- devices are dropped (the host has none of them); bind sources that do not
  exist are moved under the test's folder; a user the image lacks is dropped;
- secret and config files that a case does not ship get a placeholder file, and
  so do the host folders of bind-type local volumes (`o: bind`, `device:`);
- container_name and the names of networks, volumes, secrets and configs are
  derived from the deployment name, so tests running at once do not collide.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import socket
from collections.abc import Mapping
from pathlib import Path

from orchconv.ir.project import FileObject, Project, Volume
from orchconv.ir.service import Healthcheck, Mount, Port, Service, Ulimit

TEST_IMAGE = "busybox:1.36"
PAGE = "orchconv busybox test image"
KNOWN_USERS = {"root", "daemon", "www-data", "nobody"}


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


class PortPool:
    """Free host ports, handed out once each per process."""

    def __init__(self) -> None:
        self._next = 21000 + (os.getpid() % 100) * 300  # xdist workers start apart
        self._given: set[int] = set()

    def take(self, count: int = 1) -> int:
        """The first of `count` consecutive free ports."""
        while True:
            start = self._next
            self._next += count
            if self._next > 60000:
                self._next = 21000
            wanted = range(start, start + count)
            if all(p not in self._given and _port_is_free(p) for p in wanted):
                self._given.update(wanted)
                return start


PORTS = PortPool()


def _container_port(service: Service) -> int:
    for port in service.ports:
        return port.target
    for exposed in service.expose:
        return int(str(exposed).split("/")[0].split("-")[0])
    return 8080


def _replicas(service: Service) -> int:
    if service.deploy and service.deploy.replicas is not None:
        return service.deploy.replicas
    return service.scale or 1


def _ports(service: Service) -> tuple[Port, ...]:
    ports: list[Port] = []
    many = _replicas(service) > 1
    moved: dict[str, str] = {}  # the same published spec keeps one new value
    for port in service.ports:
        published = port.published
        if published and many:
            published = None
        elif published:
            if published not in moved:
                low, _, high = published.partition("-")
                size = int(high) - int(low) + 1 if high else 1
                start = PORTS.take(size)
                moved[published] = f"{start}-{start + size - 1}" if high else str(start)
            published = moved[published]
        ports.append(dataclasses.replace(port, published=published, mode="host"))
    return tuple(ports)


def _mounts(service: Service, bind_root: Path) -> tuple[Mount, ...]:
    mounts = []
    for mount in service.volumes:
        if mount.type == "bind" and mount.source and not Path(mount.source).exists():
            moved = bind_root / mount.source.strip("/").replace("/", "_")
            moved.mkdir(parents=True, exist_ok=True)
            mounts.append(dataclasses.replace(mount, source=str(moved)))
        else:
            mounts.append(mount)
    return tuple(mounts)


def _restarts_until_success_at_most(service: Service) -> bool:
    """Swarm's and the Kubernetes emitter's rule: restart condition none/on-failure
    (deploy.restart_policy wins over restart; compose's `restart` defaults to "no", but
    both targets default to restarting always)."""
    policy = service.deploy.restart_policy if service.deploy else None
    if policy is not None and policy.condition is not None:
        return policy.condition in ("none", "on-failure")
    restart = service.restart or "always"
    return restart == "no" or restart.startswith("on-failure")


def _one_shot(project: Project, target: str) -> set[str]:
    """The services that run to completion on `target`, so that the wait for them is a
    wait for their completion: jobs everywhere; in compose the services others wait for
    with service_completed_successfully; in swarm and Kubernetes (Jobs) the services
    whose restart condition is none or on-failure."""
    jobs = {name for name, service in project.services.items()
            if service.deploy and service.deploy.mode and service.deploy.mode.is_job}
    if target == "compose":
        return jobs | {name for service in project.services.values()
                       for name, dependency in service.depends_on.items()
                       if dependency.condition == "service_completed_successfully"}
    return jobs | {name for name, service in project.services.items()
                   if _restarts_until_success_at_most(service)}


_RLIMITS = {"nofile": resource.RLIMIT_NOFILE, "nproc": resource.RLIMIT_NPROC,
            "memlock": resource.RLIMIT_MEMLOCK, "core": resource.RLIMIT_CORE,
            "stack": resource.RLIMIT_STACK, "fsize": resource.RLIMIT_FSIZE}


def _capped(value: int | None, ceiling: int) -> int | None:
    if value is None or ceiling == resource.RLIM_INFINITY:
        return value
    return ceiling if value < 0 or value > ceiling else value


def _ulimits(limits: Mapping[str, Ulimit | int]) -> dict[str, Ulimit | int]:
    capped: dict[str, Ulimit | int] = {}
    for name, limit in limits.items():
        if name not in _RLIMITS:
            capped[name] = limit
            continue
        ceiling = resource.getrlimit(_RLIMITS[name])[1]
        if isinstance(limit, int):
            capped[name] = _capped(limit, ceiling) or limit
        else:
            capped[name] = dataclasses.replace(limit, soft=_capped(limit.soft, ceiling),
                                               hard=_capped(limit.hard, ceiling))
    return capped


def _healthcheck(check: Healthcheck | None, port: int) -> Healthcheck | None:
    if check is None or check.is_disabled:
        return check
    return dataclasses.replace(
        check, test=("CMD", "wget", "-q", "--spider", f"http://127.0.0.1:{port}/"),
        interval="1s", start_interval=None)


def busybox_service(service: Service, name: str, one_shot: bool, bind_root: Path,
                    port: int | None = None) -> Service:
    port = port or _container_port(service)
    command = ("true",) if one_shot else ("httpd", "-f", "-p", str(port), "-h", "/www")
    user = service.user
    if user and not user.split(":")[0].isdigit() and user.split(":")[0] not in KNOWN_USERS:
        user = None
    return dataclasses.replace(
        service,
        image=TEST_IMAGE, build=None, pull_policy=None, entrypoint=None, command=command,
        stop_grace_period="1s", healthcheck=_healthcheck(service.healthcheck, port),
        ports=_ports(service), devices=(), volumes=_mounts(service, bind_root), user=user,
        ulimits=_ulimits(service.ulimits),
        container_name=f"{name}-{service.container_name}" if service.container_name else None,
    )


def _file_objects(objects: Mapping[str, FileObject], name: str, folder: Path
                  ) -> dict[str, FileObject]:
    renamed = {}
    for key, item in objects.items():
        if item.external:
            renamed[key] = item
            continue
        file = item.file
        if file and not Path(file).is_file():
            folder.mkdir(parents=True, exist_ok=True)
            placeholder = folder / key
            placeholder.write_text(f"orchconv test placeholder for {key}\n")
            file = str(placeholder)
        renamed[key] = dataclasses.replace(item, name=f"{name}_{key}", file=file)
    return renamed


def _volumes(volumes: Mapping[str, Volume], name: str, folder: Path) -> dict[str, Volume]:
    renamed = {}
    for key, volume in volumes.items():
        if volume.external:
            renamed[key] = volume
            continue
        options = dict(volume.driver_opts)
        device = options.get("device")
        if options.get("o") == "bind" and device and not Path(device).is_dir():
            moved = folder / key
            moved.mkdir(parents=True, exist_ok=True)
            options["device"] = str(moved)
        renamed[key] = dataclasses.replace(volume, name=f"{name}_{key}", driver_opts=options)
    return renamed


def _shared_namespace_port(project: Project, key: str) -> int | None:
    """A service in another's network namespace (network_mode service:X) needs a port
    of its own: X's httpd already listens on X's port."""
    mode = project.services[key].network_mode or ""
    if not mode.startswith("service:"):
        return None
    joined = sorted(k for k, s in project.services.items() if s.network_mode == mode)
    return 18000 + joined.index(key)


def busybox_project(project: Project, name: str, work: Path, target: str = "compose"
                    ) -> Project:
    """The runnable copy of `project`, deployed to `target` under `name` (see the module
    docstring)."""
    one_shot = _one_shot(project, target)
    services = {key: busybox_service(s, name, key in one_shot, work / "binds",
                                     _shared_namespace_port(project, key))
                for key, s in project.services.items()}
    return dataclasses.replace(
        project, name=name, services=services,
        secrets=_file_objects(project.secrets, name, work / "secrets"),
        configs=_file_objects(project.configs, name, work / "configs"),
        networks={key: network if network.external
                  else dataclasses.replace(network, name=f"{name}_{key}")
                  for key, network in project.networks.items()},
        volumes=_volumes(project.volumes, name, work / "volumes"),
    )
