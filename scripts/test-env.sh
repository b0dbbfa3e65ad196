#!/usr/bin/env bash
# Start (or reuse) every real backend the deploy tests use, and say how to reach them:
#   1. a Docker engine with a single-node swarm and the busybox test image (scripts/docker/up.sh)
#   2. docker compose v2 as a CLI plugin (linked from the peers cache when it is missing)
#   3. a kwok-based Kubernetes control plane with 2 fake nodes (scripts/k8s/up.sh)
#
# Idempotent; fast when everything is up.  Logs and timings go to stderr; stdout has only
# the export lines, so the usual call is:
#
#   eval "$(scripts/test-env.sh)"          # sets KUBECONFIG and ORCHCONV_KUBECONFIG
#   scripts/test-env.sh --no-k8s           # only the Docker side
#   scripts/test-env.sh --no-docker        # only Kubernetes
#
# The run is "warm" when every backend answered before it started, "cold" otherwise.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${ORCHCONV_CACHE:-$HOME/.cache/orchconv}"
export PATH="/usr/local/bin:$CACHE/bin:${PATH}"

want_docker=1
want_k8s=1
for arg in "$@"; do
  case "$arg" in
    --no-docker) want_docker=0 ;;
    --no-k8s) want_k8s=0 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "test-env.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[test-env] %s\n' "$*" >&2; }
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.2f", b-a}'; }

T0=$EPOCHREALTIME
# Where scripts/k8s/up.sh writes the kubeconfig of the cluster it starts.
CLUSTER="${ORCHCONV_K8S_CLUSTER:-orchconv}"
if [[ "$CLUSTER" == orchconv ]]; then
  KUBECONFIG_FILE="$CACHE/k8s/kubeconfig"
else
  KUBECONFIG_FILE="$CACHE/k8s/kubeconfig-$CLUSTER"
fi

docker_up() {
  docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null | grep -qx active \
    && docker image inspect busybox:1.36 >/dev/null 2>&1
}
k8s_up() {
  [[ -f "$KUBECONFIG_FILE" ]] && command -v kubectl >/dev/null \
    && [[ "$(kubectl --kubeconfig "$KUBECONFIG_FILE" --request-timeout=5s get --raw=/readyz \
             2>/dev/null)" == ok ]]
}

state=warm
if [[ $want_docker == 1 ]] && ! docker_up; then state=cold; fi
if [[ $want_k8s == 1 ]] && ! k8s_up; then state=cold; fi
log "backends were $state before this run"

if [[ $want_docker == 1 ]]; then
  t=$EPOCHREALTIME
  if [[ $(id -u) == 0 ]]; then
    "$HERE/docker/up.sh"
  else
    sudo -n "$HERE/docker/up.sh"
  fi
  log "docker engine + swarm + test image: $(since "$t")s"

  t=$EPOCHREALTIME
  if ! docker compose version >/dev/null 2>&1; then
    if [[ -x "$CACHE/bin/docker-compose" ]]; then
      mkdir -p "$HOME/.docker/cli-plugins"
      ln -sf "$CACHE/bin/docker-compose" "$HOME/.docker/cli-plugins/docker-compose"
    else
      log "docker compose v2 missing: build it with scripts/peers/build-go-peers.sh"
      exit 1
    fi
  fi
  log "docker compose $(docker compose version --short): $(since "$t")s"
fi

if [[ $want_k8s == 1 ]]; then
  t=$EPOCHREALTIME
  # up.sh prints the kubeconfig path as its last stdout line.
  KUBECONFIG_FILE="$("$HERE/k8s/up.sh" | tail -n 1)"
  log "kubernetes (kwok) control plane: $(since "$t")s"
  printf 'export KUBECONFIG=%q\n' "$KUBECONFIG_FILE"
  printf 'export ORCHCONV_KUBECONFIG=%q\n' "$KUBECONFIG_FILE"
fi

log "ready ($state start) in $(since "$T0")s"
