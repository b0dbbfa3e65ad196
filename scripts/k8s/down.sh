#!/usr/bin/env bash
# Delete the kwokctl cluster started by up.sh (stops all its processes and
# removes its state).  Built binaries are kept.  Idempotent.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${ORCHCONV_CACHE:-$HOME/.cache/orchconv}"
NAME="${ORCHCONV_K8S_CLUSTER:-orchconv}"
export KWOK_WORKDIR="$CACHE/k8s/kwok"
CLUSTER_DIR="$KWOK_WORKDIR/clusters/$NAME"

log() { printf '[k8s/down] %s\n' "$*" >&2; }

if [[ ! -d "$CLUSTER_DIR" ]]; then
  log "no cluster '$NAME' (nothing to do)"
  exit 0
fi

mkdir -p "$CACHE/k8s"
exec 9>"$CACHE/k8s/.up-$NAME.lock"
flock -w 600 9 || { log "another up.sh/down.sh holds the lock"; exit 1; }

# `delete cluster` wants a kubeconfig to remove its context from; point it at
# a file that does not exist so that ~/.kube/config is left alone.
# Any kwokctl can delete a binary-runtime cluster; prefer the one we built.
BIN="$("$HERE/build.sh" --print-bin-dir)"
KWOKCTL="$BIN/kwokctl"
[[ -x "$KWOKCTL" ]] || KWOKCTL="$(command -v kwokctl || true)"

if [[ -n "$KWOKCTL" ]]; then
  "$KWOKCTL" delete cluster --name "$NAME" --kubeconfig "$KWOK_WORKDIR/unused-kubeconfig" >&2 9>&- \
    || log "kwokctl delete failed; stopping leftover processes by hand"
else
  log "kwokctl not found; stopping processes from pid files"
fi
# Leftovers (kwokctl missing or failed): stop the processes recorded in the
# cluster's pid files, but only if they still are this cluster's binaries.
for pidf in "$CLUSTER_DIR"/pids/*.pid; do
  [[ -f "$pidf" ]] || continue
  pid="$(tr -dc 0-9 < "$pidf")"
  [[ -n "$pid" ]] || continue
  if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$CLUSTER_DIR/"; then
    kill "$pid" 2>/dev/null || true
  fi
done
rm -rf "$CLUSTER_DIR"
rm -f "$CACHE/k8s/kwokctl-config-$NAME.yaml"
if [[ "$NAME" == orchconv ]]; then
  rm -f "$CACHE/k8s/kubeconfig"
else
  rm -f "$CACHE/k8s/kubeconfig-$NAME"
fi
log "cluster '$NAME' deleted"
