#!/usr/bin/env bash
# Build the binaries of the Kubernetes test backend (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kwok, kwokctl, plus a kubectl of the
# same Kubernetes version) from Go modules fetched through the Go module proxy.
# Idempotent and cached: a warm run (all binaries present) only checks them
# and exits.
#
# Output: $CACHE/k8s/$BUILD_ID/bin/<binary>
# Wrapper modules (outside the repo): $CACHE/k8s/src/<name>-<version>
#
# Env:
#   ORCHCONV_CACHE   cache root (default: $HOME/.cache/orchconv)
#   K8S_BUILD_FORCE  set to 1 to rebuild even if binaries are present
#   K8S_BUILD_JOBS   go build -p value (default: nproc)
set -euo pipefail

# ---- pinned versions ---------------------------------------------------------
K8S_VERSION=v1.35.4        # k8s.io/kubernetes; staging modules are v0.35.4
ETCD_VERSION=v3.6.16       # go.etcd.io/etcd/server/v3 (k8s 1.35 ships etcd 3.6.x)
KWOK_VERSION=v0.8.0        # sigs.k8s.io/kwok (cmd/kwok, cmd/kwokctl)
# ------------------------------------------------------------------------------

STAGING_VERSION="v0.${K8S_VERSION#v1.}"
BUILD_ID="${K8S_VERSION}-etcd${ETCD_VERSION}-kwok${KWOK_VERSION}"
CACHE="${ORCHCONV_CACHE:-$HOME/.cache/orchconv}"
K8S_DIR="$CACHE/k8s"
BIN_DIR="$K8S_DIR/$BUILD_ID/bin"
SRC_DIR="$K8S_DIR/src"
BINARIES=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok kwokctl)

export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
export GOFLAGS="-mod=mod -buildvcs=false"
export CGO_ENABLED="${CGO_ENABLED:-0}"
JOBS="${K8S_BUILD_JOBS:-$(nproc)}"

log() { printf '[k8s/build] %s\n' "$*" >&2; }

# Print only the bin dir (for callers: BIN=$(build.sh --print-bin-dir)).
if [[ "${1:-}" == "--print-bin-dir" ]]; then
  echo "$BIN_DIR"
  exit 0
fi

have_all() {
  local b
  for b in "${BINARIES[@]}"; do
    [[ -x "$BIN_DIR/$b" ]] || return 1
  done
}

if [[ "${K8S_BUILD_FORCE:-0}" != 1 ]] && have_all; then
  log "reusing cached binaries in $BIN_DIR ($BUILD_ID)"
  echo "$BIN_DIR"
  exit 0
fi

command -v go >/dev/null || { log "go is required"; exit 1; }
mkdir -p "$BIN_DIR" "$SRC_DIR"

# One build at a time (the wrapper modules' go.mod/go.sum are rewritten by
# `go build -mod=mod`); a second caller waits and then reuses the result.
exec 8>"$K8S_DIR/.build.lock"
if ! flock -n 8; then
  log "another build is running; waiting for it (lock $K8S_DIR/.build.lock)"
  flock 8
fi
if [[ "${K8S_BUILD_FORCE:-0}" != 1 ]] && have_all; then
  log "reusing cached binaries in $BIN_DIR ($BUILD_ID), built by another process"
  echo "$BIN_DIR"
  exit 0
fi
start_all=$SECONDS

# Build into a temp name and rename, so an interrupted build never leaves a
# half-written binary that a later warm run would trust.
gobuild() { # gobuild <moddir> <out-name> <ldflags> <pkg>
  local dir=$1 out=$2 ldflags=$3 pkg=$4
  if [[ "${K8S_BUILD_FORCE:-0}" != 1 && -x "$BIN_DIR/$out" ]]; then
    log "$out: present, skipping"
    return 0
  fi
  local t=$SECONDS
  log "$out: building $pkg ..."
  (cd "$dir" && go build -p "$JOBS" -trimpath -ldflags "-s -w $ldflags" -o "$BIN_DIR/.$out.tmp" "$pkg")
  mv -f "$BIN_DIR/.$out.tmp" "$BIN_DIR/$out"
  log "$out: built in $((SECONDS - t))s"
}

gobuild_many() { # gobuild_many <moddir> <ldflags> <pkg-prefix> <command>...
  local dir=$1 ldflags=$2 prefix=$3; shift 3
  local c pkgs=() missing=()
  for c in "$@"; do
    if [[ "${K8S_BUILD_FORCE:-0}" == 1 || ! -x "$BIN_DIR/$c" ]]; then
      missing+=("$c"); pkgs+=("$prefix/$c")
    fi
  done
  [[ ${#missing[@]} -gt 0 ]] || { log "$*: present, skipping"; return 0; }
  local t=$SECONDS tmp="$BIN_DIR/.many.tmp"
  rm -rf "$tmp"; mkdir -p "$tmp"
  log "${missing[*]}: building ..."
  (cd "$dir" && go build -p "$JOBS" -trimpath -ldflags "-s -w $ldflags" -o "$tmp/" "${pkgs[@]}")
  for c in "${missing[@]}"; do mv -f "$tmp/$c" "$BIN_DIR/$c"; done
  rm -rf "$tmp"
  log "${missing[*]}: built in $((SECONDS - t))s"
}

# ---- etcd --------------------------------------------------------------------
ETCD_SRC="$SRC_DIR/etcd-$ETCD_VERSION"
mkdir -p "$ETCD_SRC"
if [[ ! -f "$ETCD_SRC/.ready" ]]; then
  log "preparing etcd wrapper module in $ETCD_SRC"
  cat > "$ETCD_SRC/main.go" <<'GO'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  cat > "$ETCD_SRC/go.mod" <<GO
module orchconv.local/etcd

go 1.26.0

require go.etcd.io/etcd/server/v3 $ETCD_VERSION
GO
  (cd "$ETCD_SRC" && go mod tidy)
  touch "$ETCD_SRC/.ready"
fi
gobuild "$ETCD_SRC" etcd "" .

# ---- kubernetes ----------------------------------------------------------------
K8S_SRC="$SRC_DIR/kubernetes-$K8S_VERSION"
mkdir -p "$K8S_SRC"
if [[ ! -f "$K8S_SRC/.ready" ]]; then
  log "preparing kubernetes wrapper module in $K8S_SRC"
  # Fetch upstream go.mod to learn the list of staging modules.
  upstream_mod=$(cd "$K8S_SRC" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$K8S_VERSION" \
    | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')
  [[ -f "$upstream_mod" ]] || { log "could not download k8s.io/kubernetes@$K8S_VERSION"; exit 1; }
  mapfile -t staging < <(sed -n 's#^[[:space:]]*\(k8s\.io/[^[:space:]]*\) => \./staging/src/.*#\1#p' "$upstream_mod" | sort -u)
  [[ ${#staging[@]} -gt 10 ]] || { log "failed to parse staging modules from $upstream_mod"; exit 1; }
  {
    echo "module orchconv.local/kubernetes"
    echo
    echo "go 1.25.0"
    echo
    echo "godebug default=go1.25"
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    echo "replace ("
    for m in "${staging[@]}"; do echo "	$m => $m $STAGING_VERSION"; done
    echo ")"
  } > "$K8S_SRC/go.mod"
  log "replaced ${#staging[@]} staging modules with $STAGING_VERSION"
  touch "$K8S_SRC/.ready"
fi

K8S_MINOR="${K8S_VERSION#v1.}"; K8S_MINOR="${K8S_MINOR%%.*}"
BUILD_DATE="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
K8S_LDFLAGS=""
for p in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
  K8S_LDFLAGS+=" -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$K8S_MINOR"
  K8S_LDFLAGS+=" -X $p.gitTreeState=clean -X $p.buildDate=$BUILD_DATE"
done
# kubectl is not needed by kwokctl if one is on PATH, but a client of the
# same minor version avoids version-skew warnings (and downloads by kwokctl).
# One `go build` of the four commands: they share one package graph, and the
# links run side by side instead of one after another.
gobuild_many "$K8S_SRC" "$K8S_LDFLAGS" k8s.io/kubernetes/cmd \
  kube-apiserver kube-controller-manager kube-scheduler kubectl

# ---- kwok / kwokctl ----------------------------------------------------------
KWOK_SRC="$SRC_DIR/kwok-$KWOK_VERSION"
mkdir -p "$KWOK_SRC"
if [[ ! -f "$KWOK_SRC/.ready" ]]; then
  log "preparing kwok wrapper module in $KWOK_SRC"
  cat > "$KWOK_SRC/go.mod" <<GO
module orchconv.local/kwok

go 1.26.0

require sigs.k8s.io/kwok $KWOK_VERSION
GO
  touch "$KWOK_SRC/.ready"
fi
KWOK_LDFLAGS="-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${K8S_VERSION#v}"
gobuild_many "$KWOK_SRC" "$KWOK_LDFLAGS" sigs.k8s.io/kwok/cmd kwok kwokctl

have_all || { log "some binaries are missing in $BIN_DIR"; exit 1; }
log "all binaries built in $((SECONDS - start_all))s -> $BIN_DIR"
echo "$BIN_DIR"
