#!/usr/bin/env bash
# Remove what orchconv's tests left in the Docker engine / Swarm, and optionally stop dockerd.
#
# Only objects carrying the label io.orchconv.owner are touched (any value, or the value
# given with --owner): stacks (found through their labelled services), services,
# containers, networks, volumes, swarm configs and secrets. The swarm itself, the images
# and dockerd stay, unless --stop is given, which then stops the dockerd that up.sh started.
#
# usage: down.sh [--owner VALUE] [--stop]
set -euo pipefail
export PATH="/usr/local/bin:${PATH}"

OWNER_LABEL="io.orchconv.owner"
DOCKERD_PIDFILE="/var/run/docker.pid"
owner=""
stop=0
while [ $# -gt 0 ]; do
  case "$1" in
    --owner) owner="$2"; shift 2 ;;
    --owner=*) owner="${1#*=}"; shift ;;
    --stop) stop=1; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "down.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
filter="label=$OWNER_LABEL${owner:+=$owner}"
log() { printf '[docker-down] %s\n' "$*" >&2; }
T0=$EPOCHREALTIME

if docker info >/dev/null 2>&1; then
  swarm=$(docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}')

  if [ "$swarm" = "active true" ]; then
    # Stacks: every stack namespace that has at least one labelled service.
    mapfile -t stacks < <(docker service ls --filter "$filter" \
      --format '{{index .Labels "com.docker.stack.namespace"}}' 2>/dev/null | sort -u | sed '/^$/d' || true)
    # `docker service ls --format` has no .Labels on older engines: fall back to inspect.
    if [ ${#stacks[@]} -eq 0 ]; then
      mapfile -t svc_ids < <(docker service ls -q --filter "$filter")
      if [ ${#svc_ids[@]} -gt 0 ]; then
        mapfile -t stacks < <(docker service inspect --format \
          '{{index .Spec.Labels "com.docker.stack.namespace"}}' "${svc_ids[@]}" | sort -u | sed '/^$/d')
      fi
    fi
    for s in "${stacks[@]}"; do
      log "stack rm $s"
      docker stack rm "$s" >/dev/null || true
    done
    mapfile -t svcs < <(docker service ls -q --filter "$filter")
    if [ ${#svcs[@]} -gt 0 ]; then
      log "service rm ${#svcs[@]} service(s)"
      docker service rm "${svcs[@]}" >/dev/null || true
    fi
    # Swarm stops task containers (and removes stack networks) asynchronously, a few
    # seconds later; wait until none is running so networks can go and ports are free.
    # (Exited task containers are reaped by swarm itself a few seconds after that.)
    deadline=$((SECONDS + 60))
    for s in "${stacks[@]}"; do
      while [ -n "$(docker ps -q --filter "label=com.docker.stack.namespace=$s")" ] \
            || [ -n "$(docker network ls -q --filter "label=com.docker.stack.namespace=$s")" ]; do
        [ $SECONDS -lt $deadline ] || { log "stack $s still has containers/networks after 60s"; break; }
        sleep 0.3
      done
    done
    for svc in "${svcs[@]}"; do
      while [ -n "$(docker ps -q --filter "label=com.docker.swarm.service.id=$svc")" ]; do
        [ $SECONDS -lt $deadline ] || { log "service $svc still has running tasks after 60s"; break; }
        sleep 0.3
      done
    done
  fi

  mapfile -t ctrs < <(docker ps -aq --filter "$filter")
  if [ ${#ctrs[@]} -gt 0 ]; then
    log "rm -f ${#ctrs[@]} container(s)"
    docker rm -f -v "${ctrs[@]}" >/dev/null || true
  fi

  if [ "$swarm" = "active true" ]; then
    mapfile -t cfgs < <(docker config ls -q --filter "$filter")
    [ ${#cfgs[@]} -eq 0 ] || { log "config rm ${#cfgs[@]}"; docker config rm "${cfgs[@]}" >/dev/null || true; }
    mapfile -t secs < <(docker secret ls -q --filter "$filter")
    [ ${#secs[@]} -eq 0 ] || { log "secret rm ${#secs[@]}"; docker secret rm "${secs[@]}" >/dev/null || true; }
  fi

  mapfile -t nets < <(docker network ls -q --filter "$filter")
  if [ ${#nets[@]} -gt 0 ]; then
    log "network rm ${#nets[@]} network(s)"
    docker network rm "${nets[@]}" >/dev/null || true
  fi

  mapfile -t vols < <(docker volume ls -q --filter "$filter")
  if [ ${#vols[@]} -gt 0 ]; then
    log "volume rm ${#vols[@]} volume(s)"
    docker volume rm -f "${vols[@]}" >/dev/null || true
  fi
else
  log "engine not answering; nothing to clean"
fi

if [ $stop = 1 ]; then
  pid=""
  if [ -s "$DOCKERD_PIDFILE" ]; then pid=$(cat "$DOCKERD_PIDFILE"); fi
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]; then
    log "stopping dockerd (pid $pid)"
    kill -TERM "$pid"
    # Gone, or a zombie not yet reaped by its new parent, counts as stopped.
    alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $st != Z* ]]; }
    for _ in $(seq 1 300); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then
      log "dockerd (pid $pid) still running after 30s"; exit 1
    fi
  else
    log "no running dockerd found via $DOCKERD_PIDFILE"
  fi
fi
log "done in $(awk -v a="$T0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.2f", b-a}')s"
