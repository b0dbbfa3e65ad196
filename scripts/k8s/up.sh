#!/usr/bin/env bash
# Start (or reuse) the Kubernetes test backend: a kwokctl "binary runtime"
# cluster running locally built etcd / kube-apiserver / kube-controller-manager
# / kube-scheduler / kwok, with 2 fake (kwok) nodes.  Idempotent.
#
# Env:
#   ORCHCONV_CACHE        cache root (default: $HOME/.cache/orchconv)
#   ORCHCONV_K8S_CLUSTER  cluster name (default: orchconv)
#   ORCHCONV_K8S_NODES    number of fake nodes (default: 2)
#
# On success prints the kubeconfig path (last line of stdout) and an export
# hint on stderr.  The kubeconfig is written to $CACHE/k8s/kubeconfig
# (or $CACHE/k8s/kubeconfig-<name> for a cluster name other than orchconv).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${ORCHCONV_CACHE:-$HOME/.cache/orchconv}"
NAME="${ORCHCONV_K8S_CLUSTER:-orchconv}"
NODES="${ORCHCONV_K8S_NODES:-2}"
# Keep all kwokctl state (cluster dirs, logs, pids, pki) under our cache
# instead of ~/.kwok.
export KWOK_WORKDIR="$CACHE/k8s/kwok"
# The default cluster's kubeconfig is $CACHE/k8s/kubeconfig; any other
# cluster name gets its own file so that clusters don't clobber each other.
if [[ "$NAME" == orchconv ]]; then
  KUBECONFIG_OUT="$CACHE/k8s/kubeconfig"
else
  KUBECONFIG_OUT="$CACHE/k8s/kubeconfig-$NAME"
fi

log() { printf '[k8s/up] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

start=$SECONDS

BIN="$("$HERE/build.sh" | tail -n1)"
[[ -x "$BIN/kwokctl" && -x "$BIN/kubectl" ]] || die "build.sh did not produce $BIN/kwokctl and $BIN/kubectl"
KWOKCTL="$BIN/kwokctl"
# kwokctl runs `kubectl` from PATH (its readiness checks); if none were found
# it would try to download one, which cannot work here.  Put ours first.
export PATH="$BIN:$PATH"

CLUSTER_DIR="$KWOK_WORKDIR/clusters/$NAME"
KC="$CLUSTER_DIR/kubeconfig.yaml"

mkdir -p "$KWOK_WORKDIR"
exec 9>"$CACHE/k8s/.up-$NAME.lock"
flock -w 600 9 || die "another up.sh/down.sh holds $CACHE/k8s/.up-$NAME.lock"

# The lock fd must not leak into the daemons that kwokctl starts (they would
# hold the lock for the cluster's lifetime).
kwokctl() { "$KWOKCTL" "$@" 9>&-; }

kctl() { "$BIN/kubectl" --kubeconfig "$KC" --request-timeout=10s "$@"; }

api_ok() {
  [[ -f "$KC" ]] && [[ "$(kctl get --raw=/readyz 2>/dev/null)" == ok ]]
}

wait_api() { # wait_api <seconds>
  local deadline=$((SECONDS + $1))
  until api_ok; do
    ((SECONDS < deadline)) || return 1
    sleep 1
  done
}

ready_nodes() {
  kctl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{" "}{range .status.conditions[?(@.type=="Ready")]}{.status}{end}{"\n"}{end}' 2>/dev/null \
    | awk '$2 == "True"' | wc -l
}

# Every component process recorded by kwokctl is alive.
components_alive() {
  local f pid n=0
  for f in "$CLUSTER_DIR"/pids/*.pid; do
    [[ -f "$f" ]] || continue
    pid="$(tr -dc 0-9 < "$f")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    n=$((n + 1))
  done
  ((n >= 5)) # etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok-controller
}

cluster_exists() { [[ -f "$CLUSTER_DIR/kwok.yaml" ]]; }

# Was the cluster created with the binaries of the current build?
cluster_matches_build() { grep -qF "$BIN/kube-apiserver" "$CLUSTER_DIR/kwok.yaml" 2>/dev/null; }

# Options that have no command-line flag: listen on loopback only (the
# default is 0.0.0.0).
KWOKCTL_CONFIG="$CACHE/k8s/kwokctl-config-$NAME.yaml"
cat > "$KWOKCTL_CONFIG" <<YAML
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  bindAddress: 127.0.0.1
YAML

create_cluster() {
  local cmd=(
    kwokctl create cluster
    --config "$KWOKCTL_CONFIG"
    --name "$NAME"
    --runtime binary
    --etcd-binary "$BIN/etcd"
    --kube-apiserver-binary "$BIN/kube-apiserver"
    --kube-controller-manager-binary "$BIN/kube-controller-manager"
    --kube-scheduler-binary "$BIN/kube-scheduler"
    --kwok-controller-binary "$BIN/kwok"
    --kubeconfig ""
    --quiet-pull
    --wait 120s
  )
  log "creating cluster: $(printf '%q ' "$KWOKCTL" "${cmd[@]:1}")"
  "${cmd[@]}" >&2
}

delete_cluster() {
  kwokctl delete cluster --name "$NAME" --kubeconfig "$KWOK_WORKDIR/unused-kubeconfig" >&2 || true
  rm -rf "$CLUSTER_DIR"
}

if cluster_exists && ! cluster_matches_build; then
  log "cluster '$NAME' was created with other binaries; recreating"
  delete_cluster
fi

if cluster_exists; then
  if components_alive && api_ok; then
    log "reusing running cluster '$NAME'"
  else
    log "cluster '$NAME' exists but is not (fully) running; starting it"
    kwokctl start cluster --name "$NAME" >&2 || true
    if ! { wait_api 60 && components_alive; }; then
      log "cluster '$NAME' did not come back; recreating it"
      delete_cluster
    fi
  fi
fi

if ! cluster_exists; then
  create_cluster || { delete_cluster; die "kwokctl create cluster failed (logs: $CLUSTER_DIR/logs)"; }
fi

wait_api 120 || die "API server of '$NAME' not ready after 120s (logs: $CLUSTER_DIR/logs)"

# Fake nodes: kwokctl's scale command creates/deletes kwok-managed Node objects
# (kwok.x-k8s.io/node=fake) so that exactly $NODES exist.
if [[ "$(ready_nodes)" -ne "$NODES" ]]; then
  log "scaling fake nodes to $NODES"
  kwokctl scale node --name "$NAME" --replicas "$NODES" >&2
fi

deadline=$((SECONDS + 120))
until [[ "$(ready_nodes)" -eq "$NODES" ]]; do
  ((SECONDS < deadline)) || { kctl get nodes >&2 || true; die "nodes not Ready after 120s"; }
  sleep 1
done

# Default namespace's ServiceAccount is created by kube-controller-manager;
# wait for it so that the first `kubectl apply` of a Pod template doesn't race.
deadline=$((SECONDS + 60))
until kctl -n default get serviceaccount default >/dev/null 2>&1; do
  ((SECONDS < deadline)) || { log "warning: default ServiceAccount not present after 60s"; break; }
  sleep 1
done

tmp="$KUBECONFIG_OUT.tmp.$$"
cp "$KC" "$tmp" && mv -f "$tmp" "$KUBECONFIG_OUT"

log "cluster '$NAME' ready with $NODES nodes in $((SECONDS - start))s"
log "export KUBECONFIG=$KUBECONFIG_OUT"
echo "$KUBECONFIG_OUT"
