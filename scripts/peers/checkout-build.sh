# Shared by kompose.sh and kube-linter.sh (sourced, not run): build a Go tool
# from a checkout of its public repository, for tools the Go module proxy
# refuses to serve as a module. Dependencies still come from the proxy.
#
# The checkout is never written to: its go.mod and go.sum are copied to
# $CACHE/src/<tool>-<rev>/ and the build reads them with -modfile, so the
# replaces we add and the go.sum entries `-mod=mod` records land there.
#
# checkout_build NAME CHECKOUT MODULE PKG LDFLAGS_X [REPLACE...]
#   NAME       binary name in $CACHE/bin
#   MODULE     the module path the checkout's go.mod must declare
#   PKG        package to build, relative to the checkout (./cmd/x or .)
#   LDFLAGS_X  -X flags; @REV@ and @VERSION@ are substituted
#   REPLACE    old@ver=new@ver, added only when the proxy refuses old@ver
#
# Idempotent: stamped by the checkout's commit ($CACHE/stamps/NAME-<rev>.ok).
# A checkout without .git (e.g. `git archive | tar -x`) is stamped by a hash
# of its go.mod, go.sum and .go files instead.
# Prints one summary line; exits non-zero on failure.
set -euo pipefail

CACHE=${ORCHCONV_CACHE:-$HOME/.cache/orchconv}
BIN=$CACHE/bin
STAMPS=$CACHE/stamps

_cb_log() { printf '[%s] %s\n' "$CB_NAME" "$*" >&2; }

# The revision that names the stamp, and a version string for --version.
_cb_revision() {
  local src=$1
  if git -C "$src" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    CB_REV=$(git -C "$src" rev-parse HEAD)
    CB_VERSION=$(git -C "$src" describe --tags --always 2>/dev/null || echo "$CB_REV")
  else
    CB_REV=content-$(cd "$src" && find . -name .git -prune -o \
      \( -name '*.go' -o -name go.mod -o -name go.sum \) -type f -print0 \
      | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
    CB_VERSION=$CB_REV
  fi
}

# 0 when the proxy refuses MODULE@VERSION (403/404/410), 1 when it serves it.
_cb_refused() {
  local out
  out=$(go mod download -json "$1" 2>/dev/null || true)
  grep -q '"Error"' <<<"$out" \
    && grep -qE '403 Forbidden|404 Not Found|410 Gone|not available|unknown revision|invalid version' <<<"$out"
}

checkout_build() {
  CB_NAME=$1
  local src=$2 module=$3 pkg=$4 xflags=$5
  shift 5
  command -v go >/dev/null || { _cb_log "go toolchain not found"; return 1; }
  [[ -f $src/go.mod ]] || { _cb_log "$src: no go.mod (not a checkout of $module)"; return 1; }
  src=$(cd "$src" && pwd)
  local declared
  declared=$(cd "$src" && go mod edit -json | python3 -c 'import json,sys; print(json.load(sys.stdin)["Module"]["Path"])')
  [[ $declared == "$module" ]] \
    || { _cb_log "$src declares module $declared, not $module"; return 1; }

  _cb_revision "$src"
  local stamp=$STAMPS/$CB_NAME-$CB_REV.ok out=$BIN/$CB_NAME
  mkdir -p "$BIN" "$STAMPS"
  if [[ -f $stamp && -x $out ]]; then
    echo "$CB_NAME: up to date ($CB_VERSION) in $out"
    return 0
  fi

  export CGO_ENABLED=0 GOTOOLCHAIN=${GOTOOLCHAIN:-local} GOFLAGS="-mod=mod -trimpath -buildvcs=false"
  local work=$CACHE/src/$CB_NAME-$CB_REV start
  start=$(date +%s)
  rm -rf "$work"; mkdir -p "$work"
  cp "$src/go.mod" "$work/go.mod"
  [[ -f $src/go.sum ]] && cp "$src/go.sum" "$work/go.sum"
  local replace old
  for replace in "$@"; do
    old=${replace%%=*}
    if (cd "$work" && _cb_refused "$old"); then
      _cb_log "the Go proxy refuses $old: replacing it with ${replace#*=}"
      echo "$replace  # the proxy refused $old" >>"$work/replaces.txt"
      (cd "$work" && go mod edit -replace="$replace")
    fi
  done
  xflags=${xflags//@REV@/$CB_REV}
  xflags=${xflags//@VERSION@/$CB_VERSION}
  _cb_log "go build $pkg ($CB_VERSION)"
  if ! (cd "$src" && go build -modfile="$work/go.mod" -ldflags="-s -w $xflags" \
        -o "$out.tmp" "$pkg") 2>"$work/build.log"; then
    cat "$work/build.log" >&2
    rm -f "$out.tmp"
    _cb_log "BUILD FAILED (log: $work/build.log)"
    return 1
  fi
  mv -f "$out.tmp" "$out"
  rm -f "$STAMPS/$CB_NAME"-*.ok
  echo "$CB_VERSION" >"$stamp"
  echo "$CB_NAME: built $CB_VERSION into $out in $(($(date +%s) - start)) s"
}
