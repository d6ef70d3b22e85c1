#!/bin/bash
# Volumes and cp benchmark: rcon beside Podman (runc) on this machine, as the same unprivileged
# user with the same busybox image from a loopback registry, in one hyperfine run per part:
# `run --rm` with a bind mount, with a named volume, and `cp` of a folder of small files out of
# and into a stopped container (medians, podman/rcon). Run by hand as root (not in CI); see
# contrib/bench/README.md.
#
#   contrib/bench/volumes.sh [--runs N] [--files N] [--rcon-dir DIR] [--keep]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=contrib/bench/lib.sh
. "$HERE/lib.sh"

RUNS=20
FILES=1000
RCON_DIR=""
KEEP=0
usage() {
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

  --runs N          timed runs per command (default $RUNS)
  --files N         files of 4 KiB in the copied folder (default $FILES)
  --rcon-dir DIR    take rcon and rcon-idmap from DIR instead of building target/release
  --keep            keep the temp folder (registry, homes, hyperfine JSON) for a look
EOF
}
while [ $# -gt 0 ]; do
    case $1 in
    --runs) RUNS=$2 && shift ;;
    --files) FILES=$2 && shift ;;
    --rcon-dir) RCON_DIR=$2 && shift ;;
    --keep) KEEP=1 ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
    esac
    shift
done
[ "$RUNS" -ge 1 ] 2>/dev/null || die "--runs takes a number, not $RUNS"
[ "$FILES" -ge 1 ] 2>/dev/null || die "--files takes a number, not $FILES"

need_root
id -u "$BENCH_USER" >/dev/null 2>&1 || die "user $BENCH_USER does not exist: create it (useradd -m $BENCH_USER) with /etc/subuid and /etc/subgid ranges"
ensure_packages podman runc fuse-overlayfs slirp4netns uidmap docker-registry busybox-static \
    hyperfine curl jq iproute2 libcap2-bin

ensure_rcon_dir
load=$(cut -d' ' -f1 /proc/loadavg)

W=$(mktemp -d /var/tmp/rcon-bench-volumes.XXXXXX)
chmod 0755 "$W"
REGISTRY_PID=""
cleanup() {
    set +e
    say "cleaning up $W"
    if [ -x "$W/as-user" ]; then
        "$W/as-user" rcon rm -af >/dev/null 2>&1
        "$W/as-user" podman rm -af -t 0 >/dev/null 2>&1
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
    if [ "$KEEP" -eq 1 ]; then say "kept $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$W/bin" "$W/home/tmp" "$W/run" "$W/image"
mount -t tmpfs -o "size=256m,mode=0700,uid=$(id -u "$BENCH_USER"),gid=$(id -g "$BENCH_USER")" \
    rcon-bench-run "$W/run" || die "cannot mount a tmpfs on $W/run"
install -m 0755 "$RCON_DIR/rcon" "$RCON_DIR/rcon-idmap" "$W/bin/"
setcap cap_setuid,cap_setgid+ep "$W/bin/rcon-idmap" || say "setcap on rcon-idmap failed: rcon falls back to newuidmap"
port=$(free_port)
hostport=127.0.0.1:$port
start_registry "$W/registry" "$port"
write_user_env "$W"
write_user_config "$W" "$hostport"
U=$W/as-user

rootfs=$W/rootfs
make_busybox_rootfs "$rootfs"
(cd "$rootfs" && find . -mindepth 1 | LC_ALL=C sort) >"$W/image/1.list"
make_layer "$rootfs" "$W/image/1" "$W/image/1.list"
IMAGE_CMD='["sh"]' IMAGE_ORIGIN="busybox-static" push_image "http://$hostport" bench/busybox latest "$W/image" "$W/image/1"
ref=$hostport/bench/busybox:latest

# The bind source and the folder that cp copies: FILES files of 4 KiB in 10 folders.
mkdir -p "$W/home/data" "$W/home/tree" "$W/home/out"
for d in $(seq 0 9); do mkdir -p "$W/home/tree/d$d"; done
for i in $(seq 1 "$FILES"); do
    head -c 4096 /dev/urandom >"$W/home/tree/d$((i % 10))/f$i"
done
chown -R "$BENCH_USER:" "$W/home" "$W/run"
chmod 0700 "$W/home" "$W/run"

"$U" rcon pull -q "$ref" >/dev/null 2>&1 || die "rcon pull $ref failed"
"$U" podman pull -q "$ref" >/dev/null 2>&1 || die "podman pull $ref failed"
"$U" rcon volume create benchvol >/dev/null
"$U" podman volume create benchvol >/dev/null
"$U" rcon create --name cpc "$ref" true >/dev/null
"$U" podman --runtime runc create --name cpc "$ref" true >/dev/null
"$U" rcon cp "$W/home/tree" cpc:/ || die "rcon cp in failed"
"$U" podman cp "$W/home/tree" cpc:/ || die "podman cp in failed"

SUMMARY=$W/summary.txt
: >"$SUMMARY"
# part NAME RCON-CMD PODMAN-CMD [PREPARE]: one hyperfine run, both medians and podman/rcon.
part() {
    local name=$1 r=$2 p=$3 prep=${4:-true} json
    json=$W/hyperfine-$(echo "$name" | tr -c 'a-z0-9' '-').json
    for c in "$r" "$p"; do
        sh -c "$prep" && out=$(sh -c "$c" 2>&1) || die "'$c' failed: $out"
    done
    hyperfine --style basic --runs "$RUNS" --warmup 2 --prepare "$prep" --export-json "$json" \
        -n "rcon" "$r" -n "podman (runc)" "$p"
    jq -r --arg n "$name" '[$n, .results[0].median, .results[1].median] | @tsv' "$json" |
        awk -F'\t' '{ printf "%-44s rcon %7.1f ms  podman %7.1f ms  podman/rcon %.2f\n", $1, $2 * 1000, $3 * 1000, $3 / $2 }' >>"$SUMMARY"
}
part "run --rm -v HOST:/data busybox true" \
    "$U rcon run --rm --network none -v $W/home/data:/data $ref true" \
    "$U podman --runtime runc run --rm --network none -v $W/home/data:/data $ref true"
part "run --rm -v benchvol:/data busybox true" \
    "$U rcon run --rm --network none -v benchvol:/data $ref true" \
    "$U podman --runtime runc run --rm --network none -v benchvol:/data $ref true"
# Every copy goes to a new name: nothing is deleted between runs (README.md: creating files
# right after a mass delete is slow on ext4 without a journal, whichever tool does it).
part "cp cpc:/tree HOST ($FILES files, stopped)" \
    "$U rcon cp cpc:/tree $W/home/out/rcon-\$(date +%s%N)" \
    "$U podman cp cpc:/tree $W/home/out/podman-\$(date +%s%N)"
part "cp HOST cpc:/in-N ($FILES files, stopped)" \
    "$U rcon cp $W/home/tree cpc:/in-\$(date +%s%N)" \
    "$U podman cp $W/home/tree cpc:/in-\$(date +%s%N)"

echo
echo "rcon beside podman --runtime runc, as $BENCH_USER, image $ref, $RUNS runs each"
echo "($(podman --version), $(runc --version | head -n1), $(nproc) CPUs, kernel $(uname -r), load at start $load)"
cat "$SUMMARY"
