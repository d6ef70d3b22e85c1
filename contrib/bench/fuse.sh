#!/bin/bash
# FUSE overlay benchmark: rcon's fuse-overlay beside rcon's kernel overlay and Podman (runc)
# with fuse-overlayfs, as the same unprivileged user, with the same Debian bookworm image
# (debootstrap minbase, one layer) from a loopback registry. Five workloads, each timed as a
# whole `run --rm --network none IMAGE bash -c WORKLOAD` (median of N runs): find / -xdev;
# read every file under /usr; tar copy of /usr to /tmp (copy-up heavy); dd of 1 GiB; cat
# /usr/bin/* eight times. The tools take turns run by run (the kernel overlay's figures swing
# with the disk's writeback). Prints times, fuse-overlayfs/rcon-fuse and rcon-fuse/rcon-overlay
# ratios, dd throughput, and the FUSE server's peak RSS. Run by hand as root (not in CI).
#
#   contrib/bench/fuse.sh [--runs N] [--rcon-dir DIR] [--base-dir DIR] [--only W,..] [--keep]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=contrib/bench/lib.sh
. "$HERE/lib.sh"

RUNS=3
RCON_DIR=""
BASE_DIR=""
ONLY=""
KEEP=0
usage() {
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

  --runs N          timed runs per workload and tool (default $RUNS; the median counts)
  --rcon-dir DIR    take rcon and rcon-idmap from DIR instead of building target/release
  --base-dir DIR    also run the rcon (and rcon-idmap) in DIR as rcon-fuse-base: a before
                    and after of the FUSE overlay in one run
  --only W,..       only these workloads (find,read-usr,tar-copy,dd-1g,cat-bin-x8)
  --keep            keep the temp folder (registry, homes, timings) for a look
EOF
}
while [ $# -gt 0 ]; do
    case $1 in
    --runs) RUNS=$2 && shift ;;
    --rcon-dir) RCON_DIR=$2 && shift ;;
    --base-dir) BASE_DIR=$2 && shift ;;
    --only) ONLY=$2 && shift ;;
    --keep) KEEP=1 ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
    esac
    shift
done
[ "$RUNS" -ge 1 ] 2>/dev/null || die "--runs takes a number, not $RUNS"

need_root
id -u "$BENCH_USER" >/dev/null 2>&1 || die "user $BENCH_USER does not exist: create it (useradd -m $BENCH_USER) with /etc/subuid and /etc/subgid ranges"
ensure_packages podman runc fuse-overlayfs slirp4netns uidmap docker-registry debootstrap curl \
    jq iproute2 libcap2-bin procps

ensure_rcon_dir

warn_if_loaded

W=$(mktemp -d /var/tmp/rcon-bench-fuse.XXXXXX)
chmod 0755 "$W"
REGISTRY_PID=""
PODMAN_FUSE=""
cleanup() {
    set +e
    say "cleaning up $W"
    if [ -x "$W/as-user" ]; then
        "$W/as-user" rcon rm -af >/dev/null 2>&1
        "$W/as-user" rcon system reset -f >/dev/null 2>&1
        # shellcheck disable=SC2086
        [ -n "$PODMAN_FUSE" ] && "$W/as-user" $PODMAN_FUSE system reset -f >/dev/null 2>&1
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

mkdir -p "$W/bin" "$W/home/tmp" "$W/run"
mount -t tmpfs -o "size=256m,mode=0700,uid=$(id -u "$BENCH_USER"),gid=$(id -g "$BENCH_USER")" \
    rcon-bench-run "$W/run" || die "cannot mount a tmpfs on $W/run"
install -m 0755 "$RCON_DIR/rcon" "$RCON_DIR/rcon-idmap" "$W/bin/"
setcap cap_setuid,cap_setgid+ep "$W/bin/rcon-idmap" ||
    say "setcap on rcon-idmap failed: rcon falls back to newuidmap"
if [ -n "$BASE_DIR" ]; then
    # Outside PATH: the base rcon finds the rcon-idmap beside it.
    mkdir -p "$W/base"
    install -m 0755 "$BASE_DIR/rcon" "$BASE_DIR/rcon-idmap" "$W/base/"
    setcap cap_setuid,cap_setgid+ep "$W/base/rcon-idmap" || true
fi

port=$(free_port)
hostport=127.0.0.1:$port
start_registry "$W/registry" "$port"
write_user_env "$W"
write_user_config "$W" "$hostport"
chown -R "$BENCH_USER:" "$W/home" "$W/run"
chmod 0700 "$W/home" "$W/run"
U=$W/as-user

rootfs=$(ensure_rootfs)
mapfile -t layers < <(ensure_layers "$rootfs" 1)
push_image "http://$hostport" bench/bookworm latest "$W" "${layers[@]}"
ref=$hostport/bench/bookworm:latest

# Podman with fuse-overlayfs keeps its own store (a store holds one driver).
PODMAN_FUSE="podman --runtime runc --root $W/home/podman-fuse --storage-driver overlay --storage-opt overlay.mount_program=/usr/bin/fuse-overlayfs"
"$U" rcon pull -q "$ref" >"$W/pull-rcon.out" 2>&1 || die "rcon pull failed: $(tail -n3 "$W/pull-rcon.out")"
# shellcheck disable=SC2086
"$U" $PODMAN_FUSE pull -q "$ref" >"$W/pull-podman.out" 2>&1 || die "podman pull failed: $(tail -n3 "$W/pull-podman.out")"

declare -A TOOL
TOOL[rcon-fuse]="rcon --storage-driver fuse-overlay run --rm --network none"
TOOL[rcon-overlay]="rcon --storage-driver overlay run --rm --network none"
TOOL[podman-fuse]="$PODMAN_FUSE run --rm --network none"
TOOL[rcon-fuse-base]="$W/base/rcon --storage-driver fuse-overlay run --rm --network none"
TOOLS=(rcon-fuse rcon-overlay podman-fuse)
[ -n "$BASE_DIR" ] && TOOLS+=(rcon-fuse-base)
NAMES=(find read-usr tar-copy dd-1g cat-bin-x8)
if [ -n "$ONLY" ]; then
    IFS=, read -r -a NAMES <<<"$ONLY"
fi
declare -A WORK
WORK[find]='find / -xdev | wc -l'
WORK[read-usr]='find /usr -xdev -type f -exec cat {} + >/dev/null; echo done'
WORK[tar-copy]='tar -C / -cf - usr | tar -C /tmp -xf -; du -sm /tmp/usr | cut -f1'
WORK[dd-1g]='dd if=/dev/zero of=/big bs=1M count=1024 2>&1 | tail -n1'
WORK[cat-bin-x8]='for i in 1 2 3 4 5 6 7 8; do cat /usr/bin/* >/dev/null 2>&1; done; echo done'

# time_one TOOL NAME: seconds (3 decimals) of one whole run; the output goes to $W/out.
time_one() {
    local t0 t1
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    "$U" ${TOOL[$1]} "$ref" bash -c "${WORK[$2]}" >"$W/out.$1.$2" 2>&1 || die "$1 $2 failed: $(tail -n3 "$W/out.$1.$2")"
    t1=$(date +%s%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A MED
for tool in "${TOOLS[@]}"; do
    : >"$W/dd.$tool"
done
for name in "${NAMES[@]}"; do
    [ -n "${WORK[$name]:-}" ] || die "no workload $name"
    for tool in "${TOOLS[@]}"; do
        : >"$W/times.$tool.$name"
    done
    for _ in $(seq "$RUNS"); do
        for tool in "${TOOLS[@]}"; do
            time_one "$tool" "$name" >>"$W/times.$tool.$name"
            [ "$name" = dd-1g ] && tail -n1 "$W/out.$tool.$name" >>"$W/dd.$tool"
        done
    done
    for tool in "${TOOLS[@]}"; do
        MED[$tool.$name]=$(median <"$W/times.$tool.$name")
        say "$name on $tool: $(paste -sd' ' "$W/times.$tool.$name") s; $(tail -n1 "$W/out.$tool.$name")"
    done
done

# The FUSE server's peak RSS over a read of every file and a copy-up of /usr.
cid=$("$U" rcon --storage-driver fuse-overlay run -d --network none "$ref" sleep 1000)
sleep 1
srv=$(pgrep -u "$BENCH_USER" -x rcon-fuse | while read -r p; do
    tr '\0' ' ' <"/proc/$p/cmdline" | grep -q "$cid" && echo "$p"
done | head -n1)
"$U" rcon exec "$cid" bash -c "${WORK[read-usr]}; ${WORK[tar-copy]}" >/dev/null 2>&1 || say "the RSS workload failed"
hwm=$(proc_rss_kb "$srv" VmHWM)
"$U" rcon rm -f "$cid" >/dev/null

# dd_mbs TOOL: the median of dd's own throughput over the runs, in MB/s.
dd_mbs() {
    awk -F', ' '{ split($3, t, " "); if (t[1] > 0) printf "%.0f\n", $1 / t[1] / 1e6 }' "$W/dd.$1" | median
}

{
    echo "FUSE overlay, Debian bookworm minbase, $RUNS run(s) each, interleaved, median seconds of a whole run --rm:"
    printf '   %-12s %11s %13s %12s %16s %16s\n' workload rcon-fuse rcon-overlay podman-fuse podman/rcon-fuse rcon-fuse/overlay
    for name in "${NAMES[@]}"; do
        awk -v n="$name" -v f="${MED[rcon-fuse.$name]}" -v o="${MED[rcon-overlay.$name]}" -v p="${MED[podman-fuse.$name]}" \
            'BEGIN { printf "   %-12s %10.2fs %12.2fs %11.2fs %15.2fx %15.2fx\n", n, f, o, p, p / f, f / o }'
        if [ -n "$BASE_DIR" ]; then
            awk -v n="$name" -v b="${MED[rcon-fuse-base.$name]}" -v o="${MED[rcon-overlay.$name]}" \
                'BEGIN { printf "   %-12s %10.2fs (rcon-fuse-base, %.2fx the kernel overlay)\n", n, b, b / o }'
        fi
    done
    if [ -s "$W/dd.rcon-overlay" ]; then
        k=$(dd_mbs rcon-overlay)
        for tool in "${TOOLS[@]}"; do
            m=$(dd_mbs "$tool")
            awk -v t="$tool" -v m="$m" -v k="$k" 'BEGIN { printf "   dd on %-15s median %5d MB/s, %.2fx the kernel overlay\n", t, m, m / k }'
        done
    fi
    printf '   rcon-fuse server (pid %s) peak RSS: %s kB%s\n' "$srv" "$hwm" \
        "$(awk -v h="$hwm" 'BEGIN { print (h <= 32768) ? " (target <= 32 MiB: met)" : " (target <= 32 MiB: MISSED)" }')"
} | tee "$W/summary.txt"
