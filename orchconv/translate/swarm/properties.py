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
