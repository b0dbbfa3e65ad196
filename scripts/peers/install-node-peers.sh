#!/usr/bin/env bash
# Install the npm peer tools into $CACHE/node (npm install --prefix) and link
# their executables into $CACHE/bin. Idempotent: skipped when the stamp for the
# pinned versions exists and the bins resolve.
#
# Env: ORCHCONV_CACHE (default ~/.cache/orchconv)
set -euo pipefail

# ---- pinned versions --------------------------------------------------------
DCLINT_VERSION=3.1.0                 # npm "dclint" (docker-compose-linter is not on npm); needs node >= 20.19
SARIF_MULTITOOL_VERSION=5.7.0        # npm "@microsoft/sarif-multitool" (+ -linux native payload)

CACHE=${ORCHCONV_CACHE:-$HOME/.cache/orchconv}
BIN=$CACHE/bin
PREFIX=$CACHE/node
STAMPS=$CACHE/stamps
mkdir -p "$BIN" "$PREFIX" "$STAMPS"

START=$(date +%s)
KEY="dclint-$DCLINT_VERSION+sarif-multitool-$SARIF_MULTITOOL_VERSION"
STAMP=$STAMPS/node-peers-$KEY.ok
BINS=(dclint sarif-multitool)

link_bins() {
  local b
  for b in "${BINS[@]}"; do
    [[ -e $PREFIX/node_modules/.bin/$b ]] || { echo "node-peers: missing bin $b" >&2; return 1; }
    ln -sfn "$PREFIX/node_modules/.bin/$b" "$BIN/$b"
  done
}

bins_ok() {
  local b
  for b in "${BINS[@]}"; do [[ -x $BIN/$b ]] || return 1; done
}

if [[ -f $STAMP ]] && bins_ok; then
  echo "node-peers: cached $KEY in $(( $(date +%s) - START ))s -> $BIN"
  exit 0
fi

command -v npm >/dev/null || { echo "node-peers: npm not found" >&2; exit 1; }

# A private package.json keeps the prefix self-contained and reproducible.
[[ -f $PREFIX/package.json ]] || printf '{ "name": "orchconv-node-peers", "private": true }\n' >"$PREFIX/package.json"
npm install --prefix "$PREFIX" --no-audit --no-fund --save-exact --loglevel=error \
  "dclint@$DCLINT_VERSION" "@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION" >&2

link_bins
# Smoke test: both must run.
"$BIN/dclint" --version >/dev/null
"$BIN/sarif-multitool" --version >/dev/null 2>&1 || "$BIN/sarif-multitool" --help >/dev/null 2>&1 || {
  echo "node-peers: sarif-multitool does not run" >&2; exit 1; }

rm -f "$STAMPS"/node-peers-*.ok
touch "$STAMP"
echo "node-peers: installed $KEY in $(( $(date +%s) - START ))s -> $BIN"
