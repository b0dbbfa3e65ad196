#!/usr/bin/env bash
# The whole test suite, from nothing: installs what the tests need, starts the
# real backends they use, runs ruff, mypy --strict, the generated-file checks
# and pytest, then tears the backends' test objects down.
#
# Everything slow is cached in ${ORCHCONV_CACHE:-~/.cache/orchconv}: the Go
# peers (docker compose v2, kubeconform), the Kubernetes control plane
# binaries, the npm and PyPI peers.  A warm run rebuilds nothing.
#
#   bash scripts/test.sh                 # everything
#   bash scripts/test.sh -m "not backend" # pytest arguments pass through
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
stamp() { echo "== $1 ($(($(date +%s) - started)) s)"; }

stamp "install orchconv and its dev tools"
bash scripts/install.sh --dev
CACHE=${ORCHCONV_CACHE:-$HOME/.cache/orchconv}
export PATH="$PWD/.venv/bin:/usr/local/bin:$CACHE/bin:$PATH"

if ! command -v go >/dev/null 2>&1; then
  stamp "install Go (the peers build from Go modules)"
  apt-get update -qq && apt-get install -y -qq golang-go >/dev/null
fi

stamp "peers: docker compose v2 and kubeconform from Go modules"
bash scripts/peers/build-go-peers.sh
stamp "peers: dclint and the SARIF validator from npm"
bash scripts/peers/install-node-peers.sh
stamp "peers: compose-lint and kubernetes-validate from PyPI"
bash scripts/peers/install-py-peers.sh

stamp "backends: Docker engine, swarm, Kubernetes control plane"
env_exports=$(bash scripts/test-env.sh)
eval "$env_exports"
cleanup() {
  stamp "tear down test objects and the test cluster"
  bash scripts/docker/down.sh >/dev/null 2>&1 || true
  bash scripts/k8s/down.sh >/dev/null 2>&1 || true
}
trap cleanup EXIT

stamp "ruff"
ruff check .
stamp "mypy --strict"
mypy
stamp "generated files are current"
python scripts/gen_schemas.py --check
python scripts/gen_ir_key_table.py --check
python scripts/gen_rules_doc.py --check

stamp "pytest"
python -m pytest -n 2 -q "$@"
stamp "done"
