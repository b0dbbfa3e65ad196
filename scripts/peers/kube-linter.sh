#!/usr/bin/env bash
# Build kube-linter from a checkout of github.com/stackrox/kube-linter into
# $CACHE/bin/kube-linter. The Go module proxy refuses kube-linter itself (403);
# its dependencies come from the proxy, except one: the proxy refuses the
# pinned pseudo-version of github.com/lburgazzoli/k8s-manifests-lib, so when it
# does, the build replaces it with a served pseudo-version of the same branch.
#
#   scripts/peers/kube-linter.sh /path/to/kube-linter-checkout
#
# Optional peer: CI does not need it. Idempotent, stamped by the checkout's
# commit (see checkout-build.sh). The checkout is read only.
# Env: ORCHCONV_CACHE (default ~/.cache/orchconv).
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 KUBE_LINTER_CHECKOUT" >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/checkout-build.sh"

MANIFESTS_LIB=github.com/lburgazzoli/k8s-manifests-lib
MANIFESTS_LIB_SERVED=v0.1.4-0.20251117120254-104132b6a2be
pinned=$(sed -n "s|^[[:space:]]*$MANIFESTS_LIB \(v[^ ]*\).*|\1|p" "$1/go.mod" | head -1)

# kube-linter's .goreleaser.yaml sets the version the same way.
checkout_build kube-linter "$1" golang.stackrox.io/kube-linter ./cmd/kube-linter \
  "-X golang.stackrox.io/kube-linter/internal/version.version=@VERSION@" \
  ${pinned:+"$MANIFESTS_LIB@$pinned=$MANIFESTS_LIB@$MANIFESTS_LIB_SERVED"}
