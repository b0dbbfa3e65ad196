"""The service keys docker/cli treats specially in stack files.

`docker stack deploy` refuses the forbidden keys, warns about and then ignores
the unsupported and deprecated ones (cli/compose/types/types.go).  The
descriptions are ours.
"""

from __future__ import annotations

from collections.abc import Mapping

# Set but ignored by `docker stack deploy`, which names them in a warning.
UNSUPPORTED: tuple[str, ...] = (
    "build",
    "cgroupns_mode",
    "cgroup_parent",
    "devices",
    "domainname",
    "external_links",
    "ipc",
    "links",
    "mac_address",
    "network_mode",
    "pid",
    "privileged",
    "restart",
    "security_opt",
    "shm_size",
    "userns_mode",
)

# Dropped from the version 3 format; `docker stack deploy` warns and goes on.
DEPRECATED: Mapping[str, str] = {
    "container_name": "swarm names a service's containers itself",
    "expose": "services on a shared network reach each other on every port",
}

# Service keys `docker stack deploy` (docker 28) never puts into the service it
# creates: the unsupported and deprecated ones, except `restart` (docker/cli
# turns it into the restart policy when `deploy.restart_policy` is absent),
# plus two it drops without a word: `tmpfs` (a swarm container spec has no
# tmpfs list; only tmpfs mounts under `volumes`) and `oom_score_adj` (the 3.13
# schema takes it, docker 28's loader drops it).  A conversion from a stack
# file leaves them out of the IR, so no other target gains what the stack
# never had (ignored.py).  The reasons are ours.
NEVER_APPLIED: Mapping[str, str] = {
    **{key: "a swarm service has no such setting" for key in UNSUPPORTED if key != "restart"},
    **DEPRECATED,
    "build": "stack deploy runs the image and never builds",
    "network_mode": "services join the networks listed under `networks`",
    "privileged": "swarm tasks never run privileged",
    "tmpfs": "a swarm service takes tmpfs mounts only under `volumes`",
    "oom_score_adj": "docker 28 drops it while reading the stack file",
}

# `docker stack deploy` refuses a file that sets any of these.
FORBIDDEN: Mapping[str, str] = {
    "extends": "stack files cannot extend services",
    "volume_driver": "declare the volume under top-level `volumes` with its driver",
    "volumes_from": "declare a top-level volume and mount it in every service that shares it",
    "cpu_quota": "use deploy.resources",
    "cpu_shares": "use deploy.resources",
    "cpuset": "use deploy.resources",
    "mem_limit": "use deploy.resources",
    "memswap_limit": "use deploy.resources",
}
