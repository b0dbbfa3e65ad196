"""What each key of a Compose or stack file means: the editor hints of our schemas.

scripts/gen_schemas.py puts `DESCRIPTIONS[path]` on every property it writes, and
refuses to write a schema with a key this table does not describe.  A path is
the key's place below a definition (`service.build.context`) or below the file
root (`services`); arrays, `oneOf` alternatives and user-chosen names add
nothing.  Shapes that several places share are described once, under the name
ALIASES gives them.

Written by us from the facts of the Compose specification and docker/cli's stack
files: what a key does, its unit, its default where one matters.
"""

from __future__ import annotations

# the place a key sits -> the shared shape described under another name
ALIASES = {
    "service.deploy": "deployment",
    "service.develop": "development",
    "service.healthcheck": "healthcheck",
    "service.secrets": "service_config_or_secret",
    "service.configs": "service_config_or_secret",
    "service.ulimits": "ulimits",
    "deployment.rollback_config": "rollout",
    "deployment.update_config": "rollout",
    "deployment.resources.reservations.generic_resources": "generic_resources",
    "gpus": "devices",
}

_LIST_OR_MAP = "a list of KEY=VALUE strings or a mapping"
_DURATION = "a duration such as 10s, 1m30s or 2h"
_BYTES = "a byte count, or a size with a unit such as 512m or 2g"

DESCRIPTIONS: dict[str, str] = {
    # --- the file root
    "version": "Obsolete. Compose ignores it and warns; stack files before 3.10 require it.",
    "name": "Project name, used to prefix containers, networks and volumes. "
            "The -p flag and COMPOSE_PROJECT_NAME take precedence.",
    "include": "Other Compose files whose services and resources join this project, "
               "each loaded from its own folder.",
    "services": "The containers of the application, by service name.",
    "networks": "Networks the services attach to, by name. "
                "A network called `default` is created unless one is declared.",
    "volumes": "Named volumes the services mount, by name.",
    "secrets": "Sensitive data (files or environment values) granted to services, by name.",
    "configs": "Non-sensitive files granted to services, by name.",
    "models": "AI models the project runs with Docker Model Runner, by name.",
    # --- include
    "include.path": "The Compose file(s) to include; several are merged as override files.",
    "include.env_file": "Environment file(s) for interpolating the included files "
                        "(default: the .env beside them).",
    "include.project_directory": "Folder relative paths of the included files resolve "
                                 "against (default: the folder of the first file).",
    # --- service
    "service.annotations": f"Annotations set on the container ({_LIST_OR_MAP}).",
    "service.attach": "Whether `docker compose up` follows this service's logs (default true).",
    "service.blkio_config": "Block-IO limits of the container.",
    "service.blkio_config.device_read_bps": "Read limit in bytes per second, per device.",
    "service.blkio_config.device_read_iops": "Read limit in operations per second, per device.",
    "service.blkio_config.device_write_bps": "Write limit in bytes per second, per device.",
    "service.blkio_config.device_write_iops": "Write limit in operations per second, "
                                              "per device.",
    "service.blkio_config.weight": "Relative block-IO weight, 10 to 1000.",
    "service.blkio_config.weight_device": "Relative block-IO weight per device.",
    "blkio_limit.path": "Path of the block device.",
    "blkio_limit.rate": "The limit, in bytes or operations per second.",
    "blkio_weight.path": "Path of the block device.",
    "blkio_weight.weight": "Relative weight for this device, 10 to 1000.",
    "service.build": "How to build the image: a context path or URL, or the detailed form. "
                     "With `image`, the built image gets that name.",
    "service.build.additional_contexts": "Extra named build contexts (path, URL, image or "
                                         "service:name) the Dockerfile can refer to.",
    "service.build.args": f"Build arguments ({_LIST_OR_MAP}); a bare name takes its value "
                          "from the environment.",
    "service.build.cache_from": "Images or cache locations the build may reuse layers from.",
    "service.build.cache_to": "Cache locations the build exports its layers to.",
    "service.build.context": "Folder or Git URL sent to the builder (relative paths start at "
                             "the project folder).",
    "service.build.dockerfile": "Dockerfile path, relative to the context (default Dockerfile).",
    "service.build.dockerfile_inline": "The Dockerfile itself, written inline.",
    "service.build.entitlements": "Extra privileges the build may use, such as network.host.",
    "service.build.extra_hosts": "Host-name to IP mappings added during the build.",
    "service.build.isolation": "Isolation technology of the build containers (Windows).",
    "service.build.labels": f"Labels set on the built image ({_LIST_OR_MAP}).",
    "service.build.network": "Network the build steps run in (`none` disables networking).",
    "service.build.no_cache": "Build every layer again, ignoring the cache.",
    "service.build.platforms": "Platforms to build for, such as linux/amd64.",
    "service.build.privileged": "Run build steps with extended privileges.",
    "service.build.provenance": "Whether (or how) to attach a provenance attestation.",
    "service.build.pull": "Always pull newer versions of the base images.",
    "service.build.sbom": "Whether (or how) to attach an SBOM attestation.",
    "service.build.secrets": "Secrets the build may mount (declared under top-level secrets).",
    "service.build.shm_size": f"Size of /dev/shm for build steps: {_BYTES}.",
    "service.build.ssh": "SSH agent sockets or keys the build may use (`default` for the "
                         "agent).",
    "service.build.tags": "More names for the built image, beside `image`.",
    "service.build.target": "Stage of a multi-stage Dockerfile to build.",
    "service.build.ulimits": "Resource limits of the build containers.",
    "service.cap_add": "Linux capabilities added to the container, such as NET_ADMIN.",
    "service.cap_drop": "Linux capabilities removed from the container (ALL for every one).",
    "service.cgroup": "Cgroup namespace: `host` shares the host's, `private` gives its own.",
    "service.cgroup_parent": "Parent cgroup of the container.",
    "service.cgroupns_mode": "Cgroup namespace mode: host or private (ignored by swarm).",
    "service.command": "Overrides the image's CMD: a string (split like a shell) or a list.",
    "service.configs": "Configs mounted into the container: names, or source/target details.",
    "service.container_name": "Fixed container name instead of the generated one; the "
                              "service then cannot run more than one container.",
    "service.cpu_count": "Number of CPUs usable by the container (Windows).",
    "service.cpu_percent": "Share of the CPUs usable by the container, in percent (Windows).",
    "service.cpu_period": "CFS scheduler period, in microseconds.",
    "service.cpu_quota": "CFS scheduler quota per period, in microseconds.",
    "service.cpu_rt_period": "Real-time scheduler period, in microseconds.",
    "service.cpu_rt_runtime": "Real-time scheduler runtime per period, in microseconds.",
    "service.cpu_shares": "Relative CPU weight against other containers (default 1024).",
    "service.cpus": "Number of CPUs the container may use, fractions allowed (0.5).",
    "service.cpuset": "CPUs the container may run on, such as 0-3 or 0,1.",
    "service.credential_spec": "Credential spec of a managed service account (Windows).",
    "service.credential_spec.config": "Name of a config holding the credential spec.",
    "service.credential_spec.file": "File holding the credential spec.",
    "service.credential_spec.registry": "Registry value holding the credential spec.",
    "service.depends_on": "Services to start first; the long form waits for a condition.",
    "service.depends_on.condition": "What to wait for: the dependency started, healthy, "
                                    "or completed successfully.",
    "service.depends_on.required": "When false, a dependency that is missing or disabled "
                                   "only gives a warning (default true).",
    "service.depends_on.restart": "Restart this service when the dependency is updated.",
    "service.deploy": "Replicas, resources, placement and update policy of the service.",
    "service.develop": "How `docker compose watch` keeps the containers in step with the "
                       "source tree.",
    "service.device_cgroup_rules": "Device cgroup rules, such as 'c 1:3 mr'.",
    "service.devices": "Host devices mapped into the container (HOST:CONTAINER[:PERMISSIONS]).",
    "service.devices.permissions": "Access given to the device: r, w and/or m.",
    "service.devices.source": "Device path on the host.",
    "service.devices.target": "Device path inside the container.",
    "service.dns": "DNS servers of the container.",
    "service.dns_opt": "Options for the container's resolver (resolv.conf).",
    "service.dns_search": "DNS search domains of the container.",
    "service.domainname": "Domain name of the container.",
    "service.entrypoint": "Overrides the image's ENTRYPOINT: a string or a list.",
    "service.env_file": "Files of KEY=VALUE lines added to the container's environment; "
                        "`environment` wins over them.",
    "service.environment": f"Environment variables of the container ({_LIST_OR_MAP}); a "
                           "bare name takes its value from the shell.",
    "service.expose": "Ports the container listens on, reachable from other services only.",
    "service.extends": "Another service (in this or another file) this one starts from.",
    "service.extends.file": "File holding the service to extend (default: this file).",
    "service.extends.service": "Name of the service to extend.",
    "service.external_links": "Containers started outside this project to link to "
                              "(legacy).",
    "service.extra_hosts": "Host-name to IP mappings added to the container's /etc/hosts.",
    "service.gpus": "GPUs reserved for the container: `all`, or a list of device requests.",
    "service.group_add": "Extra groups (names or ids) the container's user belongs to.",
    "service.healthcheck": "The command that tells whether the container is healthy.",
    "service.hostname": "Host name of the container.",
    "service.image": "Image to run, as name[:tag] or name@digest; with `build`, the name of "
                     "the built image.",
    "service.init": "Run an init process as PID 1 that reaps zombies and forwards signals.",
    "service.ipc": "IPC namespace: shareable, host, or service:NAME / container:NAME.",
    "service.isolation": "Isolation technology of the container (Windows: process, hyperv).",
    "service.label_file": "Files of KEY=VALUE lines added to the container's labels.",
    "service.labels": f"Labels set on the container ({_LIST_OR_MAP}).",
    "service.links": "Legacy links to other services (SERVICE[:ALIAS]); they also order "
                     "startup.",
    "service.logging": "Log driver of the container and its options.",
    "service.logging.driver": "Log driver, such as json-file, local, syslog or none.",
    "service.logging.options": "Options of the log driver, such as max-size.",
    "service.mac_address": "MAC address of the container.",
    "service.mem_limit": f"Memory limit of the container: {_BYTES}.",
    "service.mem_reservation": f"Memory the container is guaranteed (soft limit): {_BYTES}.",
    "service.mem_swappiness": "How readily the kernel swaps the container's pages, 0 to 100.",
    "service.memswap_limit": "Memory plus swap the container may use (-1: unlimited).",
    "service.models": "Models (top-level `models`) this service uses.",
    "service.models.endpoint_var": "Variable that receives the model's endpoint URL.",
    "service.models.model_var": "Variable that receives the model's name.",
    "service.network_mode": "Network stack of the container: bridge, host, none, "
                            "service:NAME or container:NAME. Excludes `networks`.",
    "service.networks": "Networks the service joins, with per-network settings.",
    "service.networks.aliases": "Extra host names of the service on this network.",
    "service.networks.driver_opts": "Driver options of this network attachment.",
    "service.networks.gw_priority": "Which network provides the default gateway "
                                    "(highest wins).",
    "service.networks.interface_name": "Name of the network interface in the container.",
    "service.networks.ipv4_address": "Static IPv4 address on this network.",
    "service.networks.ipv6_address": "Static IPv6 address on this network.",
    "service.networks.link_local_ips": "Link-local IP addresses on this network.",
    "service.networks.mac_address": "MAC address on this network.",
    "service.networks.priority": "Order in which the networks are connected (highest first).",
    "service.oom_kill_disable": "Keep the kernel's OOM killer away from this container.",
    "service.oom_score_adj": "Adjusts the OOM killer's preference, -1000 to 1000.",
    "service.pid": "PID namespace: host, or service:NAME / container:NAME.",
    "service.pids_limit": "Maximum number of processes in the container (-1: unlimited).",
    "service.platform": "Platform of the image to run, such as linux/arm64.",
    "service.ports": "Ports published on the host: [HOST_IP:][HOST:]CONTAINER[/PROTOCOL], "
                     "or the long form.",
    "service.ports.app_protocol": "Application protocol carried (http, grpc, ...), a hint "
                                  "for tooling.",
    "service.ports.host_ip": "Host address to bind (default: every address).",
    "service.ports.mode": "host publishes on each node; ingress load-balances (swarm).",
    "service.ports.name": "A name for the port, for documentation.",
    "service.ports.protocol": "tcp (default) or udp.",
    "service.ports.published": "Port or range on the host (empty: a random free port).",
    "service.ports.target": "Port inside the container.",
    "service.post_start": "Commands run in the container right after it starts.",
    "service.pre_stop": "Commands run in the container before it is stopped.",
    "service.privileged": "Run the container with extended privileges.",
    "service.profiles": "Profiles that enable this service; without any it always runs.",
    "service.provider": "A plugin that manages this service instead of a container.",
    "service.provider.options": "Options handed to the provider.",
    "service.provider.type": "The provider (plugin) name.",
    "service.pull_policy": "When to pull the image: always, never, missing (default), "
                           "build, daily, weekly or every_<duration>.",
    "service.pull_refresh_after": "How old a pulled image may get before it is pulled again.",
    "service.read_only": "Mount the container's root filesystem read-only.",
    "service.restart": "Restart policy: no (default), always, on-failure[:N] or "
                       "unless-stopped.",
    "service.runtime": "OCI runtime of the container, such as runc.",
    "service.scale": "Number of containers to run (deploy.replicas, if set, must agree).",
    "service.secrets": "Secrets mounted into the container: names, or source/target details.",
    "service.security_opt": "Security options, such as seccomp or AppArmor profiles.",
    "service.shm_size": f"Size of /dev/shm: {_BYTES}.",
    "service.stdin_open": "Keep standard input open (docker run -i).",
    "service.stop_grace_period": f"How long to wait after the stop signal before killing: "
                                 f"{_DURATION} (default 10s).",
    "service.stop_signal": "Signal sent to stop the container (default SIGTERM).",
    "service.storage_opt": "Storage driver options of the container, such as size.",
    "service.sysctls": f"Kernel parameters set in the container ({_LIST_OR_MAP}).",
    "service.tmpfs": "Paths inside the container mounted as tmpfs.",
    "service.tty": "Give the container a terminal (docker run -t).",
    "service.ulimits": "Resource limits (nofile, nproc, ...): one number, or soft and hard.",
    "service.use_api_socket": "Give the container access to the Docker API socket.",
    "service.user": "User (and group) the process runs as: name or UID[:GID].",
    "service.userns_mode": "User namespace of the container, such as host.",
    "service.uts": "UTS namespace (host name and domain), such as host.",
    "service.volumes": "Mounts: HOST_PATH or VOLUME:CONTAINER_PATH[:ro], or the long form.",
    "service.volumes.bind": "Options of a bind mount.",
    "service.volumes.bind.create_host_path": "Create the host folder when missing.",
    "service.volumes.bind.propagation": "Mount propagation, such as rprivate or rshared.",
    "service.volumes.bind.recursive": "How mounts below the source are handled: enabled, "
                                      "disabled, writable or readonly.",
    "service.volumes.bind.selinux": "Relabel for SELinux: z (shared) or Z (private).",
    "service.volumes.consistency": "Consistency of the mount (Docker Desktop for Mac).",
    "service.volumes.image": "Options of an image mount.",
    "service.volumes.image.subpath": "Folder of the image to mount instead of its root.",
    "service.volumes.read_only": "Mount read-only.",
    "service.volumes.source": "Host path, volume name or image, depending on `type`.",
    "service.volumes.target": "Path inside the container.",
    "service.volumes.tmpfs": "Options of a tmpfs mount.",
    "service.volumes.tmpfs.mode": "File mode of the tmpfs root, such as 1777.",
    "service.volumes.tmpfs.size": f"Size of the tmpfs: {_BYTES}.",
    "service.volumes.type": "Kind of mount: bind, volume, tmpfs, image, npipe or cluster.",
    "service.volumes.volume": "Options of a volume mount.",
    "service.volumes.volume.labels": "Labels of a volume created by this mount.",
    "service.volumes.volume.nocopy": "Do not copy the image's files into a new volume.",
    "service.volumes.volume.subpath": "Folder of the volume to mount instead of its root.",
    "service.volumes_from": "Mount every volume of another service or container "
                            "(NAME[:ro|:rw]).",
    "service.working_dir": "Working directory of the process, overriding the image's WORKDIR.",
    # --- deploy
    "deployment.endpoint_mode": "How clients reach the service: vip (virtual IP) or dnsrr "
                                "(DNS round robin).",
    "deployment.labels": "Labels set on the service itself, not on its containers.",
    "deployment.mode": "replicated (a fixed number of tasks) or global (one per node); "
                       "also replicated-job and global-job.",
    "deployment.placement": "Where tasks may run.",
    "deployment.placement.constraints": "Node conditions such as node.role==manager.",
    "deployment.placement.max_replicas_per_node": "Most tasks of this service on one node.",
    "deployment.placement.preferences": "Spread tasks evenly over the values of a node label.",
    "deployment.placement.preferences.spread": "Node label to spread over, such as "
                                               "node.labels.zone.",
    "deployment.replicas": "Number of containers (tasks) to run in replicated mode.",
    "deployment.resources": "CPU, memory and device limits and reservations.",
    "deployment.resources.limits": "The most the containers may use.",
    "deployment.resources.limits.cpus": "CPUs the containers may use, such as '0.5'.",
    "deployment.resources.limits.memory": f"Memory the containers may use: {_BYTES}.",
    "deployment.resources.limits.pids": "Most processes in a container.",
    "deployment.resources.reservations": "What the containers are guaranteed.",
    "deployment.resources.reservations.cpus": "CPUs reserved, such as '0.25'.",
    "deployment.resources.reservations.devices": "Devices (GPUs and the like) reserved.",
    "deployment.resources.reservations.generic_resources": "Node resources such as GPUs, "
                                                           "advertised by the engine (swarm).",
    "deployment.resources.reservations.memory": f"Memory reserved: {_BYTES}.",
    "deployment.restart_policy": "When and how failed containers are restarted.",
    "deployment.restart_policy.condition": "none, on-failure or any (default).",
    "deployment.restart_policy.delay": f"Wait between restart attempts: {_DURATION}.",
    "deployment.restart_policy.max_attempts": "Restart attempts before giving up.",
    "deployment.restart_policy.window": f"How long a restart must run to count as "
                                        f"succeeded: {_DURATION}.",
    "deployment.rollback_config": "How a failed update is rolled back.",
    "deployment.update_config": "How the service is updated.",
    "rollout.delay": f"Wait between updating groups of containers: {_DURATION}.",
    "rollout.failure_action": "What to do when a step fails: continue, pause or rollback.",
    "rollout.max_failure_ratio": "Share of failures tolerated, 0 to 1.",
    "rollout.monitor": f"How long each task is watched for failure: {_DURATION}.",
    "rollout.order": "stop-first (default) stops the old task first; start-first starts the "
                     "new one first.",
    "rollout.parallelism": "Containers changed at once (0: all).",
    "generic_resources.discrete_resource_spec": "A countable resource.",
    "generic_resources.discrete_resource_spec.kind": "Kind of resource, such as GPU.",
    "generic_resources.discrete_resource_spec.value": "How many.",
    "devices.capabilities": "Capabilities the device must have, such as gpu.",
    "devices.count": "How many devices, or `all`.",
    "devices.device_ids": "Ids of the devices to use (excludes `count`).",
    "devices.driver": "Device driver, such as nvidia.",
    "devices.options": "Driver-specific options.",
    # --- develop
    "development.watch": "Paths to watch and what to do when they change.",
    "development.watch.action": "sync copies files into the container; rebuild builds and "
                                "recreates; restart restarts; sync+restart, sync+exec combine.",
    "development.watch.exec": "Command run in the container after a sync+exec.",
    "development.watch.ignore": "Patterns of paths to leave out, relative to `path`.",
    "development.watch.include": "Patterns of paths to watch, relative to `path`.",
    "development.watch.path": "Source path to watch, relative to the project folder.",
    "development.watch.target": "Path in the container that synced files go to.",
    "service_hook.command": "The command to run.",
    "service_hook.environment": f"Extra environment of the command ({_LIST_OR_MAP}).",
    "service_hook.privileged": "Run the command with extended privileges.",
    "service_hook.user": "User the command runs as.",
    "service_hook.working_dir": "Working directory of the command.",
    # --- healthcheck
    "healthcheck.disable": "Turn off the image's health check.",
    "healthcheck.interval": f"Time between checks: {_DURATION} (default 30s).",
    "healthcheck.retries": "Failures in a row before the container is unhealthy (default 3).",
    "healthcheck.start_interval": f"Time between checks during the start period: {_DURATION}.",
    "healthcheck.start_period": f"Start-up time during which failures do not count: "
                                f"{_DURATION}.",
    "healthcheck.test": "The check: [\"CMD\", args...], [\"CMD-SHELL\", \"command\"], a "
                        "shell string, or [\"NONE\"].",
    "healthcheck.timeout": f"How long one check may take: {_DURATION} (default 30s).",
    # --- env files, grants, ulimits
    "env_file.format": "Format of the file; `raw` takes values without interpolation or "
                       "quote handling.",
    "env_file.path": "Path of the file, relative to the project folder.",
    "env_file.required": "When false, a missing file is skipped (default true).",
    "service_config_or_secret.gid": "Group id owning the mounted file.",
    "service_config_or_secret.mode": "File mode of the mounted file, such as 0440.",
    "service_config_or_secret.source": "Name of the secret or config, as declared at the "
                                       "top level.",
    "service_config_or_secret.target": "Path (or name under /run/secrets) in the container.",
    "service_config_or_secret.uid": "User id owning the mounted file.",
    "ulimits.hard": "Hard limit: the ceiling the soft limit may be raised to.",
    "ulimits.soft": "Soft limit: what the process gets.",
    # --- networks
    "network.attachable": "Let standalone containers join this overlay network.",
    "network.driver": "Network driver, such as bridge or overlay.",
    "network.driver_opts": "Options of the network driver.",
    "network.enable_ipv4": "Give containers IPv4 addresses (default true).",
    "network.enable_ipv6": "Give containers IPv6 addresses.",
    "network.external": "The network exists already; Compose neither creates nor removes it.",
    "network.external.name": "Obsolete: the network's real name; use `name` instead.",
    "network.internal": "No route to the outside world.",
    "network.ipam": "IP address management: driver and address pools.",
    "network.ipam.config": "Address pools of the network.",
    "network.ipam.config.aux_addresses": "Addresses the driver must not hand out, by host "
                                         "name.",
    "network.ipam.config.gateway": "Gateway address of the subnet.",
    "network.ipam.config.ip_range": "Range containers' addresses are taken from.",
    "network.ipam.config.subnet": "Subnet in CIDR notation, such as 172.28.0.0/16.",
    "network.ipam.driver": "IPAM driver (default: the engine's).",
    "network.ipam.options": "Options of the IPAM driver.",
    "network.labels": f"Labels of the network ({_LIST_OR_MAP}).",
    "network.name": "Real name of the network (default: <project>_<key>).",
    # --- volumes
    "volume.driver": "Volume driver (default local).",
    "volume.driver_opts": "Options of the volume driver, such as type, o and device.",
    "volume.external": "The volume exists already; Compose neither creates nor removes it.",
    "volume.external.name": "Obsolete: the volume's real name; use `name` instead.",
    "volume.labels": f"Labels of the volume ({_LIST_OR_MAP}).",
    "volume.name": "Real name of the volume (default: <project>_<key>).",
    "volume.x-cluster-spec": "Options of a swarm cluster (CSI) volume.",
    "volume.x-cluster-spec.access_mode": "How the volume may be used.",
    "volume.x-cluster-spec.access_mode.block_volume": "Use the volume as a raw block device.",
    "volume.x-cluster-spec.access_mode.mount_volume": "Use the volume as a mounted "
                                                      "filesystem.",
    "volume.x-cluster-spec.access_mode.mount_volume.fs_type": "Filesystem type.",
    "volume.x-cluster-spec.access_mode.mount_volume.mount_flags": "Mount flags.",
    "volume.x-cluster-spec.access_mode.scope": "single (one node) or multi (several nodes).",
    "volume.x-cluster-spec.access_mode.sharing": "none, readonly, onewriter or all.",
    "volume.x-cluster-spec.accessibility_requirements": "Where the volume must be reachable.",
    "volume.x-cluster-spec.accessibility_requirements.preferred": "Topologies to prefer.",
    "volume.x-cluster-spec.accessibility_requirements.preferred.segments": "Topology "
                                                                           "key-value pairs.",
    "volume.x-cluster-spec.accessibility_requirements.requisite": "Topologies required.",
    "volume.x-cluster-spec.accessibility_requirements.requisite.segments": "Topology "
                                                                           "key-value pairs.",
    "volume.x-cluster-spec.availability": "active, pause or drain.",
    "volume.x-cluster-spec.capacity_range": "Size bounds of the volume.",
    "volume.x-cluster-spec.capacity_range.limit_bytes": "Largest size, in bytes.",
    "volume.x-cluster-spec.capacity_range.required_bytes": "Smallest size, in bytes.",
    "volume.x-cluster-spec.group": "Volume group, for scheduling several volumes together.",
    # --- secrets and configs
    "secret.driver": "Secret store driver (swarm).",
    "secret.driver_opts": "Options of the secret driver.",
    "secret.environment": "Environment variable whose value becomes the secret.",
    "secret.external": "The secret exists already in the engine; it is neither created nor "
                       "removed.",
    "secret.external.name": "Obsolete: the secret's real name; use `name` instead.",
    "secret.file": "File whose content becomes the secret, relative to the project folder.",
    "secret.labels": f"Labels of the secret ({_LIST_OR_MAP}).",
    "secret.name": "Real name of the secret in the engine.",
    "secret.template_driver": "Template engine applied to the secret's content, such as "
                              "golang.",
    "config.content": "The config's content, written inline (interpolated).",
    "config.environment": "Environment variable whose value becomes the config.",
    "config.external": "The config exists already in the engine; it is neither created nor "
                       "removed.",
    "config.external.name": "Obsolete: the config's real name; use `name` instead.",
    "config.file": "File whose content becomes the config, relative to the project folder.",
    "config.labels": f"Labels of the config ({_LIST_OR_MAP}).",
    "config.name": "Real name of the config in the engine.",
    "config.template_driver": "Template engine applied to the config's content, such as "
                              "golang.",
    # --- models
    "model.context_size": "Context window of the model, in tokens.",
    "model.model": "The model to run, as an OCI artifact reference such as ai/smollm2.",
    "model.name": "Real name of the model.",
    "model.runtime_flags": "Extra flags for the inference engine.",
}


def description(path: str) -> str | None:
    """The description of the key at `path`, following ALIASES for shared shapes."""
    if path in DESCRIPTIONS:
        return DESCRIPTIONS[path]
    for place in sorted(ALIASES, key=len, reverse=True):  # the most specific place first
        if path.startswith(place + "."):
            return description(ALIASES[place] + path[len(place):])
    return None
