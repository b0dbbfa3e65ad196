#!/usr/bin/env bash
# Install orchconv into ./.venv (idempotent). `--dev` adds the test and lint tools.
# Works as root on a fresh Debian machine: installs python3-venv when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

extras="[k8s]"  # Kubernetes schemas, so compose2k8s validates what it writes
[[ "${1:-}" == "--dev" ]] && extras="[dev]"

if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) == 0 ]]; then
    apt-get update -qq && apt-get install -y -qq python3 python3-venv python3-pip >/dev/null
  else
    echo "install.sh: python3 with the venv module is required" >&2
    exit 2
  fi
fi

if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
stamp=".venv/.installed${extras}"
if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" ]]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extras}"
  touch "$stamp"
fi
echo "orchconv $(.venv/bin/orchconv --version | awk '{print $NF}') installed in .venv"
