#!/usr/bin/env bash
# Install the Python peer tools into their own venv ($CACHE/pyvenv-peers) so
# they never clash with orchconv's own dependencies, and link their executables
# into $CACHE/bin. Idempotent: skipped when the stamp for the pinned versions
# exists and the bins resolve.
#
# Env: ORCHCONV_CACHE (default ~/.cache/orchconv), PYTHON (default python3)
set -euo pipefail

# ---- pinned versions --------------------------------------------------------
COMPOSE_LINT_VERSION=0.36.2
KUBERNETES_VALIDATE_VERSION=1.37.0

CACHE=${ORCHCONV_CACHE:-$HOME/.cache/orchconv}
BIN=$CACHE/bin
VENV=$CACHE/pyvenv-peers
STAMPS=$CACHE/stamps
PYTHON=${PYTHON:-python3}
mkdir -p "$BIN" "$STAMPS"

START=$(date +%s)
KEY="compose-lint-$COMPOSE_LINT_VERSION+kubernetes-validate-$KUBERNETES_VALIDATE_VERSION"
STAMP=$STAMPS/py-peers-$KEY.ok
BINS=(compose-lint kubernetes-validate)
# kubeconform fetches its schemas from GitHub at run time, which is unreachable
# here. kubernetes-validate ships the same OpenAPI-derived schemas; we rewrite
# their "/api/_definitions.json" refs to absolute file:// refs so kubeconform
# can use them offline (see README.md for the -schema-location flag).
KC_SCHEMAS=$CACHE/kubeconform-schemas

bins_ok() {
  local b
  for b in "${BINS[@]}"; do [[ -x $BIN/$b ]] || return 1; done
  [[ -x $VENV/bin/python && -L $KC_SCHEMAS/master-standalone-strict ]]
}

if [[ -f $STAMP ]] && bins_ok; then
  echo "py-peers: cached $KEY in $(( $(date +%s) - START ))s -> $BIN"
  exit 0
fi

if [[ ! -x $VENV/bin/python ]] || ! "$VENV/bin/python" -c 'import sys' 2>/dev/null; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
  "compose-lint==$COMPOSE_LINT_VERSION" \
  "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" >&2

for b in "${BINS[@]}"; do
  [[ -x $VENV/bin/$b ]] || { echo "py-peers: missing bin $b in $VENV/bin" >&2; exit 1; }
  ln -sfn "$VENV/bin/$b" "$BIN/$b"
done
"$BIN/compose-lint" --help >/dev/null
"$BIN/kubernetes-validate" --help >/dev/null

# Offline kubeconform schemas for the newest Kubernetes version that
# kubernetes-validate ships: <KC_SCHEMAS>/v1.X.Y-standalone[-strict]/, plus
# master-standalone[-strict] links (kubeconform's default version is "master").
"$VENV/bin/python" - "$KC_SCHEMAS" <<'PY'
import os, re, shutil, sys
import kubernetes_validate
out = sys.argv[1]
src_root = os.path.join(os.path.dirname(kubernetes_validate.__file__), "kubernetes-json-schema")
def key(d):
    return tuple(int(x) for x in re.match(r"v(\d+)\.(\d+)\.(\d+)", d).groups())
versions = sorted({d.split("-local")[0] for d in os.listdir(src_root) if re.match(r"v\d+\.\d+\.\d+-local", d)}, key=key)
newest = versions[-1]
os.makedirs(out, exist_ok=True)
for suffix in ("", "-strict"):
    src = os.path.join(src_root, f"{newest}-local{suffix}")
    name = f"{newest}-standalone{suffix}"
    dst = os.path.join(out, name)
    tmp = dst + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    defs_url = "file://" + os.path.join(dst, "_definitions.json")
    for f in os.listdir(src):
        if not f.endswith(".json"):
            continue
        with open(os.path.join(src, f), encoding="utf-8") as fh:
            text = fh.read()
        text = text.replace('"/api/_definitions.json#', '"' + defs_url + '#')
        with open(os.path.join(tmp, f), "w", encoding="utf-8") as fh:
            fh.write(text)
    shutil.rmtree(dst, ignore_errors=True)
    os.rename(tmp, dst)
    link = os.path.join(out, f"master-standalone{suffix}")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(name, link)
print(f"py-peers: kubeconform schemas {newest} -> {out}", file=sys.stderr)
PY

rm -f "$STAMPS"/py-peers-*.ok
touch "$STAMP"
echo "py-peers: installed $KEY in $(( $(date +%s) - START ))s -> $BIN"
