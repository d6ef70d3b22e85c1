#!/bin/bash
# User namespace benchmark: the first start of an image with `--userns keep-id` beside a start
# without it, rcon beside `podman --runtime runc`, as the same unprivileged user with the
# Debian bookworm image (the debootstrap minbase tree, one layer) from a loopback registry.
# Each run, for each tool in turn (the tools interleaved, each run starting with the next):
#   first-plain   the store moved aside (as ship.sh's save-load), the image pulled and
#                 synced (untimed), then the first `run --rm IMAGE true`
#   warm-plain    --warm more `run --rm IMAGE true` right after
#   first-keepid  the store moved aside again, the image pulled and synced (untimed), then
#                 the first `run --rm --userns keep-id IMAGE true`: Podman makes an
#                 id-mapped copy of the image for the new map here, rcon's FUSE overlay
#                 shows the stored layers' owners shifted
#   warm-keepid   --warm more keep-id runs right after
#   first-fuse,   rcon only: the same as first-plain and warm-plain with
#   warm-fuse     `--storage-driver fuse-overlay`, the driver of its keep-id containers,
#                 which tells the FUSE overlay's cost from the keep-id map's
# Prints the medians of --runs runs per tool (warm: of all --runs x --warm runs), rcon/podman,
# keepid/plain per tool (the target: rcon's first keep-id start costs no more than its first
# start without it, <= 1.00), fuse/plain and keepid/fuse for rcon, and the peak RSS of the
# largest process each CLI waited for (/usr/bin/time -v). Run by hand as root (not in CI).
#
#   contrib/bench/userns.sh [--rcon-dir DIR] [--runs N] [--warm N] [--network MODE] [--keep]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=contrib/bench/lib.sh
. "$HERE/lib.sh"

RCON_DIR=""
KEEP=0
RUNS=5
WARM=3
NETWORK=""
usage() {
    sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

  --rcon-dir DIR    take rcon and rcon-idmap from DIR instead of building target/release
  --runs N          first starts per tool and mode (default $RUNS)
  --warm N          warm starts after each first one (default $WARM)
  --network MODE    pass --network MODE to every run (default: none given, each tool's
                    default network; \`none\` leaves slirp4netns out of every start)
  --keep            keep the temp folder (registry, home, logs) for a look
EOF
}
while [ $# -gt 0 ]; do
    case $1 in
    --rcon-dir) RCON_DIR=$2 && shift ;;
    --runs) RUNS=$2 && shift ;;
    --warm) WARM=$2 && shift ;;
    --network) NETWORK=$2 && shift ;;
    --keep) KEEP=1 ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
    esac
    shift
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs takes a positive number, not $RUNS"
[[ $WARM =~ ^[1-9][0-9]*$ ]] || die "--warm takes a positive number, not $WARM"

need_root
id -u "$BENCH_USER" >/dev/null 2>&1 || die "user $BENCH_USER does not exist: create it (useradd -m $BENCH_USER) with /etc/subuid and /etc/subgid ranges"
grep -q "^$BENCH_USER:" /etc/subuid && grep -q "^$BENCH_USER:" /etc/subgid ||
    die "$BENCH_USER has no /etc/subuid or /etc/subgid range: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $BENCH_USER"
[ -c /dev/fuse ] || die "no /dev/fuse: modprobe fuse (rcon's keep-id containers use its FUSE overlay)"
ensure_packages podman runc slirp4netns uidmap docker-registry debootstrap curl \
    iproute2 libcap2-bin procps time
ensure_rcon_dir
warn_if_loaded

W=$(mktemp -d /var/tmp/rcon-bench-userns.XXXXXX)
chmod 0755 "$W"
REGISTRY_PID=""
cleanup() {
    set +e
    # The moved stores: deleted at the end only, so that no pull follows a mass delete.
    rm -rf "$W/trash"
    # shellcheck disable=SC2086 # Podman with its storage.conf, before bench_teardown's reset
    [ -x "$W/as-user" ] && [ -n "${PODMAN:-}" ] && "$W/as-user" $PODMAN system reset -f >/dev/null 2>&1
    bench_teardown
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_world "$W" userns 256m
write_fresh "$W"
# rcon chooses its driver (no storage.conf): the kernel overlay for a plain container, its
# FUSE overlay for a keep-id one; a driver named in storage.conf would be used for both, and
# the kernel overlay cannot do keep-id. Podman's id-mapped copy wants the driver named, so
# Podman alone reads a storage.conf with `driver = "overlay"` (CONTAINERS_STORAGE_CONF, which
# rcon does not read).
rm -f "$W/home/.config/containers/storage.conf"
cat >"$W/podman-storage.conf" <<CONF
[storage]
driver = "overlay"
runroot = "$W/run/containers/storage"
graphroot = "$W/home/.local/share/containers/storage"
CONF
chmod 0644 "$W/podman-storage.conf"
PODMAN="env CONTAINERS_STORAGE_CONF=$W/podman-storage.conf podman --runtime runc"
NET=()
[ -n "$NETWORK" ] && NET=(--network "$NETWORK")

rootfs=$(ensure_rootfs)
mapfile -t layers < <(ensure_layers "$rootfs" 1)
push_image "http://$hostport" bench/debian l1 "$W/image" "${layers[@]}"
ref=$hostport/bench/debian:l1
say "image $ref: $(($(stat -c %s "${layers[0]}.tar.gz") / 1048576)) MiB compressed, $(wc -l <"${layers[0]}.list") entries"

# cmd_of TOOL: the command line of TOOL (word-split by the callers).
cmd_of() {
    case $1 in rcon) echo rcon ;; rcon-fuse) echo "rcon --storage-driver fuse-overlay" ;;
    podman) echo "$PODMAN" ;; esac
}

# fresh_pull TOOL: TOOL's store (rcon's for rcon-fuse) moved aside, the image pulled into a
# new one and the pull's writes synced, none of it timed.
fresh_pull() {
    local tool=$1
    "$W/fresh" "${tool%-fuse}" move
    # shellcheck disable=SC2046
    "$U" $(cmd_of "$tool") pull -q "$ref" >"$W/pull.$tool" 2>&1 ||
        die "$tool pull failed: $(tail -n3 "$W/pull.$tool")"
    sync
}

# Both tools must run the image both ways, and keep-id must mean the same in both: the user's
# ids inside, the image's root-owned files owned by root.
want="$(id -u "$BENCH_USER"):$(id -g "$BENCH_USER") 0:0 0:0"
for tool in rcon podman; do
    fresh_pull "$tool"
    # shellcheck disable=SC2046
    out=$("$U" $(cmd_of "$tool") run --rm "${NET[@]}" --userns keep-id "$ref" \
        sh -c 'echo $(id -u):$(id -g) $(stat -c %u:%g /usr/bin /etc/passwd)' 2>&1) ||
        die "$tool run --userns keep-id failed: $out"
    [ "$(printf '%s\n' "$out" | tail -n1)" = "$want" ] ||
        die "$tool run --userns keep-id: ids and owners inside are '$out', not '$want'"
    # shellcheck disable=SC2046
    out=$("$U" $(cmd_of "$tool") run --rm "${NET[@]}" "$ref" true 2>&1) ||
        die "$tool run failed: $out"
done
rid=$("$U" rcon create -q "${NET[@]}" "$ref" true) && rkid=$("$U" rcon create -q "${NET[@]}" --userns keep-id "$ref" true) ||
    die "rcon create failed"
rdrv="$("$U" rcon inspect --format '{{.Driver}}' "$rid"), keep-id $("$U" rcon inspect --format '{{.Driver}}' "$rkid")"
"$U" rcon rm "$rid" "$rkid" >/dev/null
# shellcheck disable=SC2086
pdrv=$("$U" $PODMAN info --format '{{.Store.GraphDriverName}}' 2>/dev/null)
say "storage drivers: rcon $rdrv; podman $pdrv"

declare -A TIMES RSS
# timed TOOL SCENARIO ARGS...: one `run --rm ARGS... IMAGE true` of TOOL as the bench user
# (wall clock around the user switch, /usr/bin/time -v for the RSS); the seconds go on the
# scenario's list, the peak RSS is the largest of its runs.
timed() {
    local tool=$1 sc=$2 t0 t1 s r
    shift 2
    t0=$(date +%s%N)
    # shellcheck disable=SC2046
    /usr/bin/time -v -o "$W/time.$tool" "$U" $(cmd_of "$tool") run --rm "${NET[@]}" "$@" "$ref" true \
        >"$W/out.$tool" 2>&1 || die "$tool $sc failed: $(tail -n5 "$W/out.$tool")"
    t1=$(date +%s%N)
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }')
    TIMES[$tool.$sc]="${TIMES[$tool.$sc]:-} $s"
    r=$(rss_kb "$W/time.$tool")
    if [ -z "${RSS[$tool.$sc]:-}" ] || [ "$r" -gt "${RSS[$tool.$sc]}" ]; then RSS[$tool.$sc]=$r; fi
    say "$sc with $tool: $s s, peak RSS $r kB"
}

# one_tool TOOL: a first start and WARM warm ones, plain and then keep-id (for rcon also
# plain on the FUSE overlay), each first start after a fresh pull.
one_tool() {
    local tool=$1 k
    fresh_pull "$tool"
    timed "$tool" first-plain
    for k in $(seq "$WARM"); do timed "$tool" warm-plain; done
    fresh_pull "$tool"
    timed "$tool" first-keepid --userns keep-id
    for k in $(seq "$WARM"); do timed "$tool" warm-keepid --userns keep-id; done
    [ "$tool" = rcon ] || return 0
    fresh_pull rcon-fuse
    timed rcon-fuse first-fuse
    for k in $(seq "$WARM"); do timed rcon-fuse warm-fuse; done
}

TOOLS=(rcon podman)
for i in $(seq "$RUNS"); do
    say "run $i of $RUNS"
    for j in 0 1; do one_tool "${TOOLS[$(((i + j) % 2))]}"; done
done

# median: the median of the numbers on stdin (one a line).
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
declare -A MED
for k in "${!TIMES[@]}"; do
    # shellcheck disable=SC2086
    MED[$k]=$(printf '%s\n' ${TIMES[$k]} | median)
done

SCENARIOS=(first-plain warm-plain first-keepid warm-keepid)
{
    echo
    echo "rcon beside podman --runtime runc, as $BENCH_USER, image $ref, run --rm${NETWORK:+ --network $NETWORK} IMAGE true"
    echo "(rcon built $(stat -c %y "$RCON_DIR/rcon" | cut -d. -f1), $(podman --version), $(runc --version | head -n1);"
    echo " storage drivers: rcon $rdrv, podman $pdrv; $(nproc) CPUs, kernel $(uname -r), load at start $load, at end $(cut -d' ' -f1 /proc/loadavg))"
    echo "Seconds, medians of $RUNS interleaved runs (warm: of $((RUNS * WARM))); peak RSS of the largest process each CLI waited for:"
    printf '   %-13s %9s %9s %12s %12s %12s\n' scenario rcon podman rcon/podman rcon-RSS podman-RSS
    for sc in "${SCENARIOS[@]}"; do
        awk -v n="$sc" -v r="${MED[rcon.$sc]}" -v p="${MED[podman.$sc]}" \
            -v rr="${RSS[rcon.$sc]}" -v pr="${RSS[podman.$sc]}" \
            'BEGIN { printf "   %-13s %8.3fs %8.3fs %11.2fx %9d kB %9d kB\n", n, r, p, r / p, rr, pr }'
    done
    for w in first warm; do
        awk -v w="$w" -v rk="${MED[rcon.$w-keepid]}" -v rp="${MED[rcon.$w-plain]}" \
            -v pk="${MED[podman.$w-keepid]}" -v pp="${MED[podman.$w-plain]}" 'BEGIN {
                printf "   keepid/plain, %-6s rcon %.2fx (%+.3f s), podman %.2fx (%+.3f s)%s\n", w ":",
                    rk / rp, rk - rp, pk / pp, pk - pp,
                    w == "first" ? (rk <= rp ? "  target rcon <= 1.00x: met" : "  target rcon <= 1.00x: MISSED") : ""
            }'
    done
    # Paired within each run (the same load), and what a first start costs over a warm one.
    for tool in "${TOOLS[@]}"; do
        # shellcheck disable=SC2086
        paste <(printf '%s\n' ${TIMES[$tool.first-plain]}) <(printf '%s\n' ${TIMES[$tool.first-keepid]}) |
            awk '{ printf "%.3f\n", $2 - $1 }' | median | awk -v t="$tool" -v fp="${MED[$tool.first-plain]}" \
            -v wp="${MED[$tool.warm-plain]}" -v fk="${MED[$tool.first-keepid]}" -v wk="${MED[$tool.warm-keepid]}" \
            '{ printf "   %-6s first keepid - first plain, median of the runs: %+.3f s; first - warm: plain %+.3f s, keepid %+.3f s\n",
                t, $1, fp - wp, fk - wk }'
    done
    for w in first warm; do
        awk -v w="$w" -v f="${MED[rcon-fuse.$w-fuse]}" -v rk="${MED[rcon.$w-keepid]}" -v rp="${MED[rcon.$w-plain]}" \
            -v rss="${RSS[rcon-fuse.$w-fuse]}" 'BEGIN {
                printf "   rcon on fuse-overlay without keep-id, %s: %.3fs (RSS %d kB), fuse/plain %.2fx, keepid/fuse %.2fx (%+.3f s)\n",
                    w, f, rss, f / rp, rk / f, rk - f
            }'
    done
    echo "   runs, seconds:"
    for tool in "${TOOLS[@]}" rcon-fuse; do
        for sc in "${SCENARIOS[@]}" first-fuse warm-fuse; do
            [ -n "${TIMES[$tool.$sc]:-}" ] && printf '     %-9s %-13s%s\n' "$tool" "$sc" "${TIMES[$tool.$sc]}"
        done
    done
} | tee "$W/summary.txt"
