#!/usr/bin/env bash
# The whole test suite, from nothing: installs what the tests need, starts the
# real backends they use, runs ruff, mypy --strict, the generated-file checks
# and pytest, then tears the backends' test objects down.
#
# Everything slow is cached in ${ORCHCONV_CACHE:-~/.cache/orchconv}: the Go
# peers (docker compose v2, kubeconform, helm), the Kubernetes control plane
# binaries, the npm and PyPI peers.  A warm run rebuilds nothing.  On a cold
# machine the Kubernetes build (the longest step) runs in the background from
# the start, beside the other installs and the static checks.
#
#   bash scripts/test.sh                 # everything
#   bash scripts/test.sh -m "not backend" # pytest arguments pass through
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
stamp() { echo "== $1 ($(($(date +%s) - started)) s)"; }
CACHE=${ORCHCONV_CACHE:-$HOME/.cache/orchconv}
LOGS=$CACHE/logs
mkdir -p "$LOGS"

if ! command -v go >/dev/null 2>&1; then
  stamp "install Go (the peers build from Go modules)"
  apt-get update -qq && apt-get install -y -qq golang-go >/dev/null
fi

# background STEP-NAME COMMAND...: run a set-up step beside the others, its
# output in $LOGS/STEP-NAME.log; `finish STEP-NAME` waits for it and shows the log.
declare -A PIDS=()
background() {
  local name=$1; shift
  ("$@" >"$LOGS/$name.log" 2>&1; echo $? >"$LOGS/$name.rc") &
  PIDS[$name]=$!
}
finish() {
  local name=$1
  wait "${PIDS[$name]}" || true
  cat "$LOGS/$name.log"
  local rc; rc=$(cat "$LOGS/$name.rc")
  stamp "$name finished (exit $rc)"
  [[ $rc == 0 ]] || { echo "set-up step $name failed" >&2; exit "$rc"; }
}

stamp "start in the background: Kubernetes binaries, Docker engine, npm, PyPI, CI and report peers"
# A failing step ends the run: stop what still runs in the background with it.
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT
background k8s-build bash scripts/k8s/build.sh
background docker-up bash scripts/docker/up.sh
background node-peers bash scripts/peers/install-node-peers.sh
background py-peers bash scripts/peers/install-py-peers.sh
background ci-peers bash scripts/peers/install-ci-peers.sh
background report-peers bash scripts/peers/install-report-peers.sh

stamp "install orchconv and its dev tools"
bash scripts/install.sh --dev
export PATH="$PWD/.venv/bin:/usr/local/bin:$CACHE/bin:$PATH"

stamp "peers: docker compose v2 and kubeconform from Go modules"
bash scripts/peers/build-go-peers.sh compose kubeconform helm
finish node-peers
finish py-peers
finish ci-peers
finish report-peers

stamp "ruff"
ruff check .
stamp "mypy --strict"
mypy
stamp "generated files are current"
python scripts/gen_schemas.py --check
python scripts/gen_records.py --check
python scripts/gen_ir_key_table.py --check
python scripts/gen_rules_doc.py --check
python scripts/gen_rule_index.py --check
python scripts/regen_golden.py --check
python scripts/gen_report_screenshot.py --check

finish k8s-build
finish docker-up
stamp "backends: Docker engine, swarm, Kubernetes control plane"
env_exports=$(bash scripts/test-env.sh)
eval "$env_exports"
cleanup() {
  stamp "tear down test objects and the test cluster"
  bash scripts/docker/down.sh >/dev/null 2>&1 || true
  bash scripts/k8s/down.sh >/dev/null 2>&1 || true
}
trap cleanup EXIT

if [[ $# -gt 0 ]]; then
  stamp "pytest $*"
  python -m pytest -n 2 -q --durations=30 "$@"
else
  # Two runs: the CPU-bound tests on one worker per core; the backend tests, which
  # mostly wait on deploys (every name unique), on more workers than cores.
  stamp "pytest: everything but the backends"
  python -m pytest -n 2 -q --durations=15 -m "not backend"
  stamp "pytest: the backends (Docker engine, swarm, Kubernetes)"
  python -m pytest -n "${ORCHCONV_BACKEND_WORKERS:-4}" -q --durations=30 -m backend
fi
stamp "done"
