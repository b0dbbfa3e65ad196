#!/usr/bin/env bash
# Build kompose from a checkout of github.com/kubernetes/kompose into
# $CACHE/bin/kompose. The Go module proxy refuses kompose itself (403), so it
# can't come from build-go-peers.sh; its dependencies do come from the proxy.
#
#   scripts/peers/kompose.sh /path/to/kompose-checkout
#
# Idempotent, stamped by the checkout's commit (see checkout-build.sh).
# The checkout is read only. Env: ORCHCONV_CACHE (default ~/.cache/orchconv).
# Then scripts/peers/kompose_compare.py CHECKOUT compares the two converters on
# kompose's own fixtures, and scripts/bench.py fills its kompose column.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 KOMPOSE_CHECKOUT" >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/checkout-build.sh"

# kompose's Makefile stamps the commit the same way.
checkout_build kompose "$1" github.com/kubernetes/kompose . \
  "-X github.com/kubernetes/kompose/pkg/version.GITCOMMIT=@REV@"
