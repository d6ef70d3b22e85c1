#!/bin/bash
# Image build benchmark: `rcon build` beside `podman --runtime runc build`, as the same
# unprivileged user, the same contexts, the Debian bookworm image (debootstrap minbase, one
# layer) and a busybox image from a loopback registry, apt from the host's Debian mirror. One
# timed run per scenario and tool:
#   1 cold      three stages (apt-get install gcc; compile; COPY --from into busybox), empty
#               storage but for the two base images
#   2 rebuild   the same again, nothing changed (every step cached)
#   3 one-file  after changing one file that only the last stage copies
#   4 parallel  two independent stages (apt-get install + a fixed 8 s sleep each) and a final
#               stage copying from both; empty storage but for the base images
# Prints seconds, rcon/podman and the peak RSS of the largest process of each tool's tree
# (/usr/bin/time -v: the maximum over the command and the children it waited for; detached
# helpers such as conmon or rcon's supervisor are not counted). Run by hand as root (not in CI).
#
#   contrib/bench/build.sh [--rcon-dir DIR] [--keep]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=contrib/bench/lib.sh
. "$HERE/lib.sh"

RCON_DIR=""
KEEP=0
usage() {
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

  --rcon-dir DIR    take rcon and rcon-idmap from DIR instead of building target/release
  --keep            keep the temp folder (registry, homes, logs) for a look
EOF
}
while [ $# -gt 0 ]; do
    case $1 in
    --rcon-dir) RCON_DIR=$2 && shift ;;
    --keep) KEEP=1 ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
    esac
    shift
done

need_root
id -u "$BENCH_USER" >/dev/null 2>&1 || die "user $BENCH_USER does not exist: create it (useradd -m $BENCH_USER) with /etc/subuid and /etc/subgid ranges"
ensure_packages podman runc slirp4netns uidmap docker-registry busybox-static debootstrap curl \
    iproute2 libcap2-bin procps time

ensure_rcon_dir

warn_if_loaded

W=$(mktemp -d /var/tmp/rcon-bench-build.XXXXXX)
chmod 0755 "$W"
REGISTRY_PID=""
cleanup() {
    set +e
    say "cleaning up $W"
    if [ -x "$W/as-user" ]; then
        "$W/as-user" rcon rm -af >/dev/null 2>&1
        "$W/as-user" rcon system reset -f >/dev/null 2>&1
        "$W/as-user" podman system reset -f >/dev/null 2>&1
        local pause
        pause=$(cat "$W/run/libpod/tmp/pause.pid" 2>/dev/null)
        if [ -n "$pause" ] && [ "$(stat -c %U "/proc/$pause" 2>/dev/null)" = "$BENCH_USER" ]; then
            kill "$pause" 2>/dev/null
        fi
    fi
    mountpoint -q "$W/run" && umount -l "$W/run"
    if [ -n "$REGISTRY_PID" ]; then
        kill "$REGISTRY_PID" 2>/dev/null
        wait "$REGISTRY_PID" 2>/dev/null
    fi
    if [ "$KEEP" -eq 1 ]; then
        say "kept $W"
    else
        rm -rf "$W"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$W/bin" "$W/home/tmp" "$W/run" "$W/image" "$W/bb"
mount -t tmpfs -o "size=256m,mode=0700,uid=$(id -u "$BENCH_USER"),gid=$(id -g "$BENCH_USER")" \
    rcon-bench-run "$W/run" || die "cannot mount a tmpfs on $W/run"
install -m 0755 "$RCON_DIR/rcon" "$RCON_DIR/rcon-idmap" "$W/bin/"
setcap cap_setuid,cap_setgid+ep "$W/bin/rcon-idmap" ||
    say "setcap on rcon-idmap failed: rcon falls back to newuidmap"

port=$(free_port)
hostport=127.0.0.1:$port
start_registry "$W/registry" "$port"
write_user_env "$W"
write_user_config "$W" "$hostport"
write_fresh "$W"
U=$W/as-user

rootfs=$(ensure_rootfs)
mapfile -t layers < <(ensure_layers "$rootfs" 1)
push_image "http://$hostport" bench/bookworm latest "$W/image" "${layers[@]}"
make_busybox_rootfs "$W/bb/root"
(cd "$W/bb/root" && find . -mindepth 1 | LC_ALL=C sort) >"$W/bb/1.list"
make_layer "$W/bb/root" "$W/bb/1" "$W/bb/1.list"
IMAGE_CMD='["sh"]' IMAGE_ORIGIN="busybox-static" push_image "http://$hostport" bench/busybox latest "$W/bb" "$W/bb/1"
deb=$hostport/bench/bookworm:latest
bb=$hostport/bench/busybox:latest
mirror=$(debian_mirror)
say "base images $deb and $bb; apt from $mirror"

# The contexts, owned by the bench user.
sources="rm -f /etc/apt/sources.list.d/* && echo 'deb $mirror bookworm main' > /etc/apt/sources.list"
mkdir -p "$W/ctx3" "$W/ctx4"
cat >"$W/ctx3/Containerfile" <<EOF
FROM $deb AS toolchain
RUN $sources && apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev
FROM toolchain AS compile
COPY main.c /src/main.c
RUN mkdir -p /out && gcc -O2 -static -o /out/app /src/main.c
FROM $bb
COPY --from=compile /out/app /usr/local/bin/app
COPY app.conf /etc/app.conf
CMD ["/usr/local/bin/app"]
EOF
cat >"$W/ctx3/main.c" <<'EOF'
#include <stdio.h>
int main(void) {
    char line[256];
    FILE *f = fopen("/etc/app.conf", "r");
    if (f && fgets(line, sizeof line, f)) printf("app: %s", line);
    return 0;
}
EOF
echo "version 1" >"$W/ctx3/app.conf"
cat >"$W/ctx4/Containerfile" <<EOF
FROM $deb AS left
RUN $sources && apt-get update && apt-get install -y --no-install-recommends hello && sleep 8
FROM $deb AS right
RUN $sources && apt-get update && apt-get install -y --no-install-recommends tree && sleep 8
FROM $bb
COPY --from=left /usr/bin/hello /usr/local/bin/hello
COPY --from=right /usr/bin/tree /usr/local/bin/tree
EOF
chown -R "$BENCH_USER:" "$W/home" "$W/run" "$W/ctx3" "$W/ctx4"
chmod 0700 "$W/home" "$W/run"

PODMAN="podman --runtime runc"
# pull_bases TOOL: the two base images into TOOL's (emptied) storage; not timed.
pull_bases() {
    local cmd=rcon
    [ "$1" = podman ] && cmd=$PODMAN
    # shellcheck disable=SC2086
    "$U" $cmd pull -q "$deb" >"$W/pull.$1.out" 2>&1 && "$U" $cmd pull -q "$bb" >>"$W/pull.$1.out" 2>&1 ||
        die "$1 pull failed: $(tail -n3 "$W/pull.$1.out")"
}

declare -A SECS RSS
# timed TOOL SCENARIO CONTEXT: one build under /usr/bin/time -v; records seconds and peak RSS.
timed() {
    local tool=$1 sc=$2 ctx=$3 cmd t0 t1
    case $tool in
    rcon) cmd="rcon build -t bench-$sc" ;;
    podman) cmd="$PODMAN build -t bench-$sc" ;;
    esac
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    /usr/bin/time -v -o "$W/time.$tool.$sc" "$U" $cmd "$ctx" >"$W/out.$tool.$sc" 2>&1 ||
        die "$tool build ($sc) failed: $(tail -n5 "$W/out.$tool.$sc")"
    t1=$(date +%s%N)
    SECS[$tool.$sc]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) / 1e9 }')
    RSS[$tool.$sc]=$(rss_kb "$W/time.$tool.$sc")
    say "$sc with $tool: ${SECS[$tool.$sc]} s, peak RSS ${RSS[$tool.$sc]} kB"
}

for tool in rcon podman; do
    "$W/fresh" "$tool" move
    pull_bases "$tool"
    timed "$tool" cold "$W/ctx3"
    timed "$tool" rebuild "$W/ctx3"
    echo "version 2" >"$W/ctx3/app.conf"
    timed "$tool" one-file "$W/ctx3"
    echo "version 1" >"$W/ctx3/app.conf"
    # shellcheck disable=SC2086
    "$U" ${tool/podman/$PODMAN} run --rm bench-one-file >"$W/check.$tool" 2>&1 || true
    "$W/fresh" "$tool" move
    pull_bases "$tool"
    timed "$tool" parallel "$W/ctx4"
done

{
    echo "Builds, one run each, seconds (rcon/podman; target), peak RSS of the largest process:"
    printf '   %-10s %9s %9s %8s %8s %12s %12s\n' scenario rcon podman ratio target rcon-RSS podman-RSS
    for sc in cold rebuild one-file parallel; do
        case $sc in cold) tg=0.7 ;; rebuild) tg=0.1 ;; one-file) tg=0.5 ;; parallel) tg=0.6 ;; esac
        awk -v n="$sc" -v r="${SECS[rcon.$sc]}" -v p="${SECS[podman.$sc]}" -v t="$tg" \
            -v rr="${RSS[rcon.$sc]}" -v pr="${RSS[podman.$sc]}" \
            'BEGIN { q = r / p; printf "   %-10s %8.2fs %8.2fs %7.2fx %7s%s %9d kB %9d kB\n", n, r, p, q, "<=" t, (q <= t) ? " " : "!", rr, pr }'
    done
    printf '   the one-file image runs: rcon "%s", podman "%s"\n' "$(head -c 40 "$W/check.rcon")" "$(head -c 40 "$W/check.podman")"
    echo "   (! marks a missed target)"
} | tee "$W/summary.txt"
