#!/usr/bin/env bash
# Install what `orchconv graph`/`orchconv report` tests use from Debian, when missing:
# graphviz (`dot` renders SVG/PNG) and chromium (headless: the report page is opened,
# screenshotted and checked for console errors).  Idempotent: nothing is done when both
# commands resolve.  Other set-up steps may hold the dpkg lock: apt waits for it.
set -euo pipefail

declare -A DEBS=([dot]=graphviz [chromium]=chromium)

missing=()
for cmd in "${!DEBS[@]}"; do
  command -v "$cmd" >/dev/null || missing+=("${DEBS[$cmd]}")
done
if (( ${#missing[@]} == 0 )); then
  echo "report-peers: graphviz and chromium present"
  exit 0
fi

[ "$(id -u)" = 0 ] || { echo "report-peers: must run as root to install ${missing[*]}" >&2; exit 1; }
START=$(date +%s)
apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
  --no-install-recommends "${missing[@]}" >/dev/null
for cmd in "${!DEBS[@]}"; do
  command -v "$cmd" >/dev/null || { echo "report-peers: $cmd still missing" >&2; exit 1; }
done
echo "report-peers: installed ${missing[*]} in $(( $(date +%s) - START ))s"
