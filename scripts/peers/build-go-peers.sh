#!/usr/bin/env bash
# Build the Go peer tools that orchconv's tests and benchmarks compare against,
# from the Go module proxy, into $CACHE/bin. Idempotent: a tool whose pinned
# version is already built (stamp + binary present) is skipped.
#
#   scripts/peers/build-go-peers.sh                 # all peers
#   scripts/peers/build-go-peers.sh compose kubeconform helm
#
# Env: ORCHCONV_CACHE (default ~/.cache/orchconv)
#      ORCHCONV_PEERS_RETRY=1   re-ask the proxy for modules it refused before
#      ORCHCONV_PEERS_STRICT=1  treat "module not served by the proxy" as failure
#
# Each peer is built in a throw-away wrapper module ($CACHE/src/<tool>-<ver>)
# that requires the pinned module and mirrors every `replace` directive of the
# module's own go.mod (read with `go mod edit -json`), so modules that cannot be
# `go install pkg@version`'d still build with the versions their authors pinned.
set -euo pipefail

# ---- pinned versions --------------------------------------------------------
# Docker Compose v2.35.1: docker/docker v28.1 client, negotiates the API version
# down; its code keeps explicit fallbacks for engines < API 1.44, so it talks to
# Debian bookworm's docker.io 20.10 (API 1.41).
COMPOSE_VERSION=v2.35.1
KUBECONFORM_VERSION=v0.8.0          # go.mod says go 1.26
HELM_VERSION=v4.3.2                 # helm.sh/helm/v4: `helm lint`, `helm template`, `lint --helm`
KOMPOSE_VERSION=v1.34.0             # proxy refused (403) when this was written
KUBE_LINTER_VERSION=v0.7.4          # proxy refused (403) when this was written

CACHE=${ORCHCONV_CACHE:-$HOME/.cache/orchconv}
BIN=$CACHE/bin
SRC=$CACHE/src
STAMPS=$CACHE/stamps
mkdir -p "$BIN" "$SRC" "$STAMPS"
command -v go >/dev/null || { echo "go-peers: go toolchain not found" >&2; exit 1; }

export CGO_ENABLED=0
export GOFLAGS="-trimpath -buildvcs=false"
export GOTOOLCHAIN=${GOTOOLCHAIN:-local}

START=$(date +%s)
declare -a BUILT=() SKIPPED=() UNAVAILABLE=() FAILED=()

log() { printf '[go-peers] %s\n' "$*" >&2; }

# proxy_fetch MODULE@VERSION -> 0 if the proxy says the module/version is not
# served (a final "no"), 1 if it downloaded (prints the go.mod path), 2 on any other error.
proxy_fetch() {
  local modver=$1 out
  out=$(go mod download -json "$modver" 2>/dev/null || true)
  if [[ -z $out ]]; then
    return 2
  fi
  if grep -q '"Error"' <<<"$out"; then
    if grep -qE '403 Forbidden|404 Not Found|410 Gone|not available|unknown revision|invalid version' <<<"$out"; then
      grep '"Error"' <<<"$out" | head -1 | sed 's/^[[:space:]]*/[go-peers]   /' >&2
      return 0
    fi
    grep '"Error"' <<<"$out" >&2
    return 2
  fi
  # print GoMod path for the caller
  sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p' <<<"$out"
  return 1
}

# build_peer NAME OUT_BIN MODULE VERSION PKG LDFLAGS_X [FETCH_MODULE]
#   FETCH_MODULE: module path actually served by the proxy when it differs
#   from the path declared in go.mod (added as a replace).
build_peer() {
  local name=$1 out=$2 mod=$3 ver=$4 pkg=$5 xflags=$6 fetch=${7:-$3}
  local stamp="$STAMPS/$name-$ver.ok" refused="$STAMPS/$name-$ver.refused"
  if [[ -f $stamp && -x $BIN/$out ]]; then
    SKIPPED+=("$name@$ver"); return 0
  fi
  if [[ -f $refused && ${ORCHCONV_PEERS_RETRY:-0} != 1 ]]; then
    log "$name $ver: module refused by the Go proxy earlier ($(cat "$refused")); ORCHCONV_PEERS_RETRY=1 to re-ask"
    UNAVAILABLE+=("$name@$ver"); return 0
  fi

  log "$name $ver: fetching $fetch@$ver"
  local gomod rc=0
  gomod=$(proxy_fetch "$fetch@$ver") || rc=$?
  if [[ $rc -eq 0 ]]; then
    date -u +%Y-%m-%dT%H:%MZ >"$refused"
    log "$name $ver: NOT served by the Go module proxy"
    UNAVAILABLE+=("$name@$ver"); return 0
  elif [[ $rc -ne 1 || -z $gomod ]]; then
    log "$name $ver: download failed"
    FAILED+=("$name@$ver"); return 0
  fi
  rm -f "$refused"

  local dir="$SRC/$name-$ver"
  rm -rf "$dir"; mkdir -p "$dir"
  local modsrc
  modsrc=$(go mod download -json "$fetch@$ver" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  (
    cd "$dir"
    printf 'module orchconv.local/peers/%s\n\ngo 1.24\n' "$name" >go.mod
    # Mirror the module's replace directives; local-path targets point into
    # the module cache copy of the module's source.
    go mod edit -json "$gomod" | python3 -c '
import json, os, sys
src = sys.argv[1]
for r in json.load(sys.stdin).get("Replace") or []:
    old = r["Old"]["Path"] + ("@" + r["Old"]["Version"] if r["Old"].get("Version") else "")
    newp = r["New"]["Path"]
    if r["New"].get("Version"):
        new = newp + "@" + r["New"]["Version"]
    else:
        new = os.path.normpath(os.path.join(src, newp))
    print(f"-replace={old}={new}")
' "$modsrc" >replaces.txt
    if [[ $fetch != "$mod" ]]; then
      echo "-replace=$mod=$fetch@$ver" >>replaces.txt
    fi
    if [[ -s replaces.txt ]]; then
      log "$name $ver: mirroring $(wc -l <replaces.txt) replace directive(s)"
      xargs go mod edit <replaces.txt
    fi
    go mod edit -require="$mod@$ver"
    go get "$pkg@$ver" >/dev/null 2>build.log || { cat build.log >&2; exit 1; }
    log "$name $ver: go build $pkg"
    go build -ldflags="-s -w $xflags" -o "$BIN/$out.tmp" "$pkg" 2>build.log \
      || { cat build.log >&2; exit 1; }
  ) || { rm -f "$BIN/$out.tmp"; log "$name $ver: BUILD FAILED"; FAILED+=("$name@$ver"); return 0; }
  mv -f "$BIN/$out.tmp" "$BIN/$out"
  echo "$ver" >"$stamp"
  BUILT+=("$name@$ver")
}

TOOLS=("$@")
[[ ${#TOOLS[@]} -eq 0 ]] && TOOLS=(compose kubeconform helm kompose kube-linter)

for t in "${TOOLS[@]}"; do
  case $t in
    compose)
      build_peer compose docker-compose github.com/docker/compose/v2 "$COMPOSE_VERSION" \
        github.com/docker/compose/v2/cmd \
        "-X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION"
      # Expose as a docker CLI plugin so `docker compose ...` works.
      if [[ -x $BIN/docker-compose ]]; then
        mkdir -p "$HOME/.docker/cli-plugins"
        ln -sfn "$BIN/docker-compose" "$HOME/.docker/cli-plugins/docker-compose"
        if mkdir -p /usr/local/lib/docker/cli-plugins 2>/dev/null \
           && [[ -w /usr/local/lib/docker/cli-plugins ]]; then
          ln -sfn "$BIN/docker-compose" /usr/local/lib/docker/cli-plugins/docker-compose
        fi
      fi
      ;;
    kubeconform)
      build_peer kubeconform kubeconform github.com/yannh/kubeconform "$KUBECONFORM_VERSION" \
        github.com/yannh/kubeconform/cmd/kubeconform \
        "-X main.version=$KUBECONFORM_VERSION"
      ;;
    helm)
      build_peer helm helm helm.sh/helm/v4 "$HELM_VERSION" helm.sh/helm/v4/cmd/helm \
        "-X helm.sh/helm/v4/internal/version.version=$HELM_VERSION"
      ;;
    kompose)
      build_peer kompose kompose github.com/kubernetes/kompose "$KOMPOSE_VERSION" \
        github.com/kubernetes/kompose \
        "-X github.com/kubernetes/kompose/pkg/version.GITCOMMIT=${KOMPOSE_VERSION}"
      ;;
    kube-linter)
      # go.mod declares golang.stackrox.io/kube-linter (not served); try the
      # GitHub path and replace the vanity path with it.
      build_peer kube-linter kube-linter golang.stackrox.io/kube-linter "$KUBE_LINTER_VERSION" \
        golang.stackrox.io/kube-linter/cmd/kube-linter \
        "-X golang.stackrox.io/kube-linter/internal/version.version=${KUBE_LINTER_VERSION#v}" \
        github.com/stackrox/kube-linter
      ;;
    *) log "unknown tool: $t (known: compose kubeconform helm kompose kube-linter)"; exit 2 ;;
  esac
done

join() { local IFS=,; echo "${*:-none}"; }
summary="go-peers: built=$(join "${BUILT[@]}") cached=$(join "${SKIPPED[@]}") unavailable=$(join "${UNAVAILABLE[@]}") failed=$(join "${FAILED[@]}") in $(( $(date +%s) - START ))s -> $BIN"
echo "$summary"
if [[ ${#FAILED[@]} -gt 0 ]]; then exit 1; fi
if [[ ${ORCHCONV_PEERS_STRICT:-0} == 1 && ${#UNAVAILABLE[@]} -gt 0 ]]; then exit 1; fi
exit 0
