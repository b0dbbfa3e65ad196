#!/usr/bin/env bash
# Bring up the Docker engine + single-node Swarm that orchconv's backend tests use.
#
# Idempotent and fast when everything is already up (a few `docker` calls).
# Steps, each skipped when already done:
#   1. install Debian's docker.io (engine) if no engine answers and dockerd is absent
#   2. start dockerd in the background (no systemd here), log to $ORCHCONV_DOCKERD_LOG
#   3. `docker swarm init --advertise-addr 127.0.0.1` if swarm is not active; wait for node Ready
#   4. build the test image $ORCHCONV_TEST_IMAGE (Debian busybox rootfs, `docker import`)
#      and tag it with every name in $ORCHCONV_IMAGE_ALIASES
# See scripts/docker/README.md. Must run as root. Needs only Debian's package mirror.
set -euo pipefail

# The docker 28 client in /usr/local/bin must win over docker.io's /usr/bin/docker.
export PATH="/usr/local/bin:${PATH}"

DATA_ROOT="${ORCHCONV_DOCKER_DATA_ROOT:-/var/lib/docker}"
DOCKERD_LOG="${ORCHCONV_DOCKERD_LOG:-/var/log/orchconv-dockerd.log}"
DOCKERD_PIDFILE="/var/run/docker.pid"
DOCKER_SOCK="/var/run/docker.sock"
# overlay2 | vfs | auto (auto: overlay2 if a test overlay mount on $DATA_ROOT's filesystem works)
STORAGE_DRIVER="${ORCHCONV_DOCKER_STORAGE_DRIVER:-auto}"
# Where the engine picks subnets for networks that name none.  Docker's default
# (172.17-31.x/16) holds the fixed subnets the golden cases ask for (172.20.0.0/24,
# 172.28.0.0/16...), so a network picked for one test could take the subnet another
# test names at the same moment ("Pool overlaps").  No golden case names a subnet in 10.200/16, and swarm's overlay pool
# (10.0.0.0/8, taken /24 by /24 from the bottom) never gets that far.
ADDRESS_POOL="${ORCHCONV_DOCKER_ADDRESS_POOL:-base=10.200.0.0/16,size=24}"
# Extra dockerd flags, appended verbatim (word-split).
EXTRA_DOCKERD_FLAGS="${ORCHCONV_DOCKERD_FLAGS:-}"
START_TIMEOUT="${ORCHCONV_DOCKERD_START_TIMEOUT:-60}"

TEST_IMAGE="${ORCHCONV_TEST_IMAGE:-orchconv/busybox:test}"
# Well-known names the golden tests reference; each is tagged onto the busybox test image
# so services start without a registry. Keep this the ONE place listing them.
IMAGE_ALIASES="${ORCHCONV_IMAGE_ALIASES:-busybox:latest busybox:1.36}"
# Bump when the rootfs recipe below changes: an image with another version is rebuilt.
IMAGE_RECIPE_VERSION="3"

T_START=$EPOCHREALTIME
T_STEP=$T_START
log() { printf '[docker-up] %s\n' "$*" >&2; }
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.2f", b-a}'; }
step_done() { log "$(printf '%-34s %6ss (total %ss)' "$1" "$(elapsed "$T_STEP")" "$(elapsed "$T_START")")"; T_STEP=$EPOCHREALTIME; }
die() { log "ERROR: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root"

# Serialise concurrent runs (two test jobs starting at once).
exec 9>/run/orchconv-docker-up.lock
flock 9

engine_ok() { docker info >/dev/null 2>&1; }

# True if process $1 exists and is not a zombie (a killed dockerd may linger as one).
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $st != Z* ]]; }

dockerd_pid() {
  # Prints the pid of the running dockerd that owns $DOCKERD_PIDFILE, if any.
  local pid
  [ -s "$DOCKERD_PIDFILE" ] || return 1
  pid=$(cat "$DOCKERD_PIDFILE")
  [ -n "$pid" ] && alive "$pid" || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ] || return 1
  echo "$pid"
}

# ---------------------------------------------------------------- 1. install
if ! engine_ok && ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io from Debian ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  # policy-rc.d (exit 101) on these machines keeps the package from starting a daemon itself;
  # we start dockerd below with our own flags either way.
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends docker.io >/dev/null
  step_done "install docker.io"
fi
command -v docker >/dev/null 2>&1 || die "no docker client on PATH"

# ---------------------------------------------------------------- 2. dockerd
choose_storage_driver() {
  if [ "$STORAGE_DRIVER" != auto ]; then echo "$STORAGE_DRIVER"; return; fi
  # Keep whatever driver existing data was written with.
  if [ -d "$DATA_ROOT/overlay2" ] && [ -n "$(ls -A "$DATA_ROOT/overlay2" 2>/dev/null)" ]; then echo overlay2; return; fi
  if [ -d "$DATA_ROOT/vfs" ] && [ -n "$(ls -A "$DATA_ROOT/vfs" 2>/dev/null)" ]; then echo vfs; return; fi
  local probe ok=0
  mkdir -p "$DATA_ROOT"
  probe=$(mktemp -d "$DATA_ROOT/.ovl-probe.XXXXXX")
  mkdir -p "$probe"/{l,u,w,m}
  if mount -t overlay overlay -o "lowerdir=$probe/l,upperdir=$probe/u,workdir=$probe/w" "$probe/m" 2>/dev/null; then
    ok=1; umount "$probe/m"
  fi
  rm -rf "$probe"
  if [ $ok = 1 ]; then echo overlay2; else echo vfs; fi
}

if ! engine_ok; then
  started_pid=""
  if pid=$(dockerd_pid); then
    log "dockerd (pid $pid) is running but not answering yet; waiting"
  else
    driver=$(choose_storage_driver)
    mkdir -p "$(dirname "$DOCKERD_LOG")"
    # shellcheck disable=SC2206
    DOCKERD_CMD=(dockerd
      --host="unix://$DOCKER_SOCK"
      --data-root="$DATA_ROOT"
      --pidfile="$DOCKERD_PIDFILE"
      --storage-driver="$driver"
      --log-level=warn
      --default-address-pool "$ADDRESS_POOL"
      $EXTRA_DOCKERD_FLAGS)
    log "starting: ${DOCKERD_CMD[*]}  (log: $DOCKERD_LOG)"
    printf '\n==== %s up.sh: %s\n' "$(date -Is)" "${DOCKERD_CMD[*]}" >>"$DOCKERD_LOG"
    # DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1: swarm tasks use the local image instead of
    # first trying (and failing, slowly) to pull it from a registry we cannot reach.
    # setsid: own session, so dockerd outlives the shell/job that ran this script.
    DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 setsid nohup "${DOCKERD_CMD[@]}" \
      </dev/null >>"$DOCKERD_LOG" 2>&1 9>&- &
    started_pid=$!
  fi
  deadline=$((SECONDS + START_TIMEOUT))
  until engine_ok; do
    if [ $SECONDS -ge $deadline ]; then
      tail -n 30 "$DOCKERD_LOG" >&2 || true
      die "dockerd did not answer within ${START_TIMEOUT}s (log: $DOCKERD_LOG)"
    fi
    if [ -n "$started_pid" ] && ! alive "$started_pid"; then
      tail -n 30 "$DOCKERD_LOG" >&2 || true
      die "dockerd exited during start-up (log: $DOCKERD_LOG)"
    fi
    sleep 0.2
  done
  step_done "start dockerd"
fi

# ---------------------------------------------------------------- 3. swarm
swarm_state=$(docker info --format '{{.Swarm.LocalNodeState}}')
case "$swarm_state" in
  active) ;;
  inactive)
    docker swarm init --advertise-addr 127.0.0.1 >/dev/null
    step_done "swarm init"
    ;;
  *)
    # pending/error/locked: start over with a fresh single-node swarm
    log "swarm state '$swarm_state': leaving and re-initialising"
    docker swarm leave --force >/dev/null 2>&1 || true
    docker swarm init --advertise-addr 127.0.0.1 >/dev/null
    step_done "swarm re-init"
    ;;
esac
# After a dockerd restart the manager needs a few seconds before it accepts work.
deadline=$((SECONDS + 60))
until [ "$(docker node inspect self --format '{{.Status.State}} {{.Spec.Availability}}' 2>/dev/null)" = "ready active" ]; do
  [ $SECONDS -lt $deadline ] || die "swarm node not ready within 60s"
  sleep 0.2
done

# ---------------------------------------------------------------- 4. test image
image_current() {
  [ "$(docker image inspect --format '{{index .Config.Labels "io.orchconv.testimage.version"}}' "$TEST_IMAGE" 2>/dev/null)" = "$IMAGE_RECIPE_VERSION" ]
}

build_image() {
  local work root deb lib applet wget_path
  work=$(mktemp -d /tmp/orchconv-busybox.XXXXXX)
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN
  root="$work/rootfs"
  # Debian's dynamically linked `busybox`, not `busybox-static`: the static build has
  # FEATURE_SH_STANDALONE, so `sh -c 'wget ...'` runs the built-in applet and ignores the
  # wget wrapper below. The dynamic one needs only glibc, copied from this (bookworm) host.
  (cd "$work" && { apt-get download busybox >/dev/null 2>&1 \
     || { apt-get -o DPkg::Lock::Timeout=300 update -qq && apt-get download busybox >/dev/null; }; })
  deb=$(ls "$work"/busybox_*.deb)
  dpkg -x "$deb" "$work/pkg"
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,www,var/run,var/log,home,proc,sys,dev}
  chmod 1777 "$root/tmp"
  install -m 0755 "$work/pkg/bin/busybox" "$root/bin/busybox"
  # Shared libraries busybox needs (libc, libresolv, the loader), at the same paths.
  for lib in $(ldd "$work/pkg/bin/busybox" | grep -o '/[^ ]*'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  # One symlink per applet, at the path busybox itself reports (bin/sh, usr/bin/wget, ...).
  while read -r applet; do
    applet=${applet#/}
    [ "$applet" = bin/busybox ] && continue
    mkdir -p "$root/$(dirname "$applet")"
    ln -sf /bin/busybox "$root/$applet"
  done < <("$root/bin/busybox" --list-full)
  # Debian bookworm builds busybox without FEATURE_WGET_TIMEOUT, and then `wget -T N`
  # segfaults (exit 139) -- a common healthcheck idiom. Replace the wget applet link by a
  # wrapper that turns -T N / --timeout=N into `timeout N wget ...`.
  wget_path=$("$root/bin/busybox" --list-full | grep -E '(^|/)wget$')
  rm -f "$root/$wget_path"
  cat >"$root/$wget_path" <<'EOF'
#!/bin/sh
# orchconv test image: emulate wget -T/--timeout (this busybox lacks it and segfaults).
t=
n=$#
while [ "$n" -gt 0 ]; do
  a=$1; shift; n=$((n - 1))
  case $a in
    -T|--timeout) t=$1; shift; n=$((n - 1)); continue ;;
    --timeout=*) t=${a#--timeout=}; continue ;;
    -T*) t=${a#-T}; continue ;;
  esac
  set -- "$@" "$a"
done
if [ -n "$t" ]; then exec /bin/busybox timeout "$t" /bin/busybox wget "$@"; fi
exec /bin/busybox wget "$@"
EOF
  chmod 0755 "$root/$wget_path"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
daemon:x:1:
www-data:x:33:
nogroup:x:65534:
nobody:x:65534:
EOF
  printf 'orchconv busybox test image\n' >"$root/www/index.html"
  # Reproducible-ish tar: fixed owner, sorted names.
  tar --numeric-owner --owner=0 --group=0 --sort=name -C "$root" -cf "$work/rootfs.tar" .
  docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'WORKDIR /' \
    --change 'CMD ["sh"]' \
    --change "LABEL io.orchconv.testimage=busybox io.orchconv.testimage.version=$IMAGE_RECIPE_VERSION" \
    --message "orchconv test image: Debian busybox $(dpkg-deb -f "$deb" Version)" \
    "$work/rootfs.tar" "$TEST_IMAGE" >/dev/null
}

if ! image_current; then
  old_id=$(docker image inspect --format '{{.Id}}' "$TEST_IMAGE" 2>/dev/null || true)
  build_image
  # Drop the superseded build once no alias points at it (fails harmlessly while in use).
  [ -z "$old_id" ] || { for alias in $IMAGE_ALIASES; do docker tag "$TEST_IMAGE" "$alias"; done
                        docker rmi "$old_id" >/dev/null 2>&1 || true; }
  step_done "import $TEST_IMAGE"
fi
image_id=$(docker image inspect --format '{{.Id}}' "$TEST_IMAGE")
for alias in $IMAGE_ALIASES; do
  if [ "$(docker image inspect --format '{{.Id}}' "$alias" 2>/dev/null)" != "$image_id" ]; then
    docker tag "$TEST_IMAGE" "$alias"
  fi
done

log "ready in $(elapsed "$T_START")s: engine $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})'), storage $(docker info --format '{{.Driver}}'), swarm active, images: $TEST_IMAGE $IMAGE_ALIASES"
