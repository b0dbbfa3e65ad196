#!/usr/bin/env bash
# The whole test suite, from nothing: installs what the tests need, starts the
# backends they use, then runs ruff, mypy --strict and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh --dev
export PATH="$PWD/.venv/bin:${ORCHCONV_CACHE:-$HOME/.cache/orchconv}/bin:$PATH"

echo "== peers (docker compose v2 for the differential tests)"
bash scripts/peers/build-go-peers.sh

echo "== ruff"
ruff check .
echo "== mypy --strict"
mypy
echo "== generated files are current"
python scripts/gen_schemas.py --check
python scripts/gen_ir_key_table.py --check

echo "== pytest"
python -m pytest -n 2 -q "$@"
