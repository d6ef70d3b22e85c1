#!/bin/bash
# Cold-pull benchmark: rcon beside Podman on this machine, in one hyperfine run, as the same
# unprivileged user against the same loopback registry; prints both medians, the ratio and
# both tools' peak RSS. Run by hand as root (not in CI); see contrib/bench/README.md.
#
#   contrib/bench/pull.sh [--runs N] [--layers 1|4|1,4] [--prepare move|reset] [--rcon-dir DIR] [--keep]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=contrib/bench/lib.sh
. "$HERE/lib.sh"

RUNS=5
VARIANTS="1 4"
RCON_DIR=""
KEEP=0
PREPARE=move
usage() {
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

  --runs N        timed cold pulls per tool (default $RUNS, at least 5 makes a median)
  --layers L      image variants: 1 (one layer), 4 (four layers) or 1,4 (default)
  --prepare P     how each run's storage is emptied: move (default: rename it aside, deleted
                  at the end) or reset (rcon system reset -f, podman rmi -af)
  --rcon-dir DIR  take rcon and rcon-idmap from DIR (e.g. /usr/local/bin after
                  contrib/install.sh) instead of building target/release
  --keep          keep the temp folder (registry, homes, hyperfine JSON) for a look
EOF
}
while [ $# -gt 0 ]; do
    case $1 in
    --runs) RUNS=$2 && shift ;;
    --layers) VARIANTS=$(printf '%s' "$2" | tr ',' ' ') && shift ;;
    --prepare) PREPARE=$2 && shift ;;
    --rcon-dir) RCON_DIR=$2 && shift ;;
    --keep) KEEP=1 ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
    esac
    shift
done
case $PREPARE in move | reset) ;; *) die "--prepare takes move or reset, not $PREPARE" ;; esac
for n in $VARIANTS; do
    case $n in 1 | 4) ;; *) die "--layers takes 1, 4 or 1,4, not $n" ;; esac
done

need_root
id -u "$BENCH_USER" >/dev/null 2>&1 || die "user $BENCH_USER does not exist: create it (useradd -m $BENCH_USER) with /etc/subuid and /etc/subgid ranges"
grep -q "^$BENCH_USER:" /etc/subuid && grep -q "^$BENCH_USER:" /etc/subgid ||
    die "$BENCH_USER has no /etc/subuid or /etc/subgid range: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $BENCH_USER"

ensure_packages podman runc fuse-overlayfs slirp4netns uidmap debootstrap docker-registry \
    hyperfine time curl jq iproute2 libcap2-bin

# rcon: this checkout's release build unless --rcon-dir says otherwise.
ensure_rcon_dir

load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
    say "warning: load average $load on $(nproc) CPUs: other work competes with the pulls, expect noisy figures"
fi

W=$(mktemp -d /var/tmp/rcon-bench.XXXXXX)
chmod 0755 "$W"
REGISTRY_PID=""
cleanup() {
    set +e
    say "cleaning up $W"
    if [ -x "$W/as-user" ]; then
        "$W/as-user" rcon system reset -f >/dev/null 2>&1
        "$W/as-user" podman system reset -f >/dev/null 2>&1
        # Podman leaves a pause process holding its user namespace.
        local pause
        pause=$(cat "$W/run/libpod/tmp/pause.pid" 2>/dev/null)
        if [ -n "$pause" ] && [ "$(stat -c %U "/proc/$pause" 2>/dev/null)" = "$BENCH_USER" ]; then
            kill "$pause" 2>/dev/null
        fi
    fi
    if [ -n "$REGISTRY_PID" ]; then
        kill "$REGISTRY_PID" 2>/dev/null
        wait "$REGISTRY_PID" 2>/dev/null
    fi
    if [ "$KEEP" -eq 1 ]; then
        rm -rf "$W/trash"
        say "kept $W"
    else
        rm -rf "$W"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$W/bin" "$W/home/tmp" "$W/run"
install -m 0755 "$RCON_DIR/rcon" "$RCON_DIR/rcon-idmap" "$W/bin/"
setcap cap_setuid,cap_setgid+ep "$W/bin/rcon-idmap" ||
    say "setcap on rcon-idmap failed: rcon falls back to newuidmap"

rootfs=$(ensure_rootfs)
port=$(free_port)
hostport=127.0.0.1:$port
start_registry "$W/registry" "$port"
write_user_env "$W"
write_fresh "$W"
write_user_config "$W" "$hostport"
chown -R "$BENCH_USER:" "$W/home" "$W/run"
chmod 0700 "$W/home" "$W/run"

driver=$("$W/as-user" podman info --format '{{.Store.GraphDriverName}} {{index .Store.GraphOptions "overlay.mount_program"}}' 2>/dev/null) ||
    die "podman info failed as $BENCH_USER: run $W/as-user podman info (with --keep) to see why"
case $driver in
"overlay "* | overlay) case $driver in *fuse-overlayfs*) die "podman uses fuse-overlayfs, not native overlay: $driver" ;; esac ;;
*) die "podman's storage driver is '$driver', not native overlay" ;;
esac
say "podman storage: native overlay; rcon: $("$W/as-user" rcon --version 2>/dev/null || echo rcon)"
say "registry: $hostport (storage in $W/registry)"

SUMMARY=$W/summary.txt
: >"$SUMMARY"
for n in $VARIANTS; do
    mapfile -t layers < <(ensure_layers "$rootfs" "$n")
    if [ "$n" -eq 1 ]; then tag=bookworm; else tag=bookworm-${n}layers; fi
    ref=$hostport/bench/debian:$tag
    push_image "http://$hostport" bench/debian "$tag" "$W" "${layers[@]}"
    packed=0
    for l in "${layers[@]}"; do packed=$((packed + $(stat -c %s "$l.tar.gz"))); done
    say "image $ref: $n layer(s), $((packed / 1048576)) MiB compressed, $(du -sm --apparent-size "$rootfs" | cut -f1) MiB unpacked"

    # One cold pull each under /usr/bin/time -v: checks that both tools can pull at all, and
    # gives the peak RSS (the largest process of the tree: rcon or podman itself).
    "$W/fresh" rcon "$PREPARE" >/dev/null
    /usr/bin/time -v -o "$W/time-rcon-$n.txt" "$W/as-user" rcon pull -q "$ref" >"$W/pull-rcon.out" 2>&1 ||
        die "rcon pull $ref failed: $(tail -n3 "$W/pull-rcon.out")"
    "$W/fresh" podman "$PREPARE" >/dev/null 2>&1
    /usr/bin/time -v -o "$W/time-podman-$n.txt" "$W/as-user" podman pull -q --tls-verify=false "$ref" \
        >"$W/pull-podman.out" 2>&1 || die "podman pull $ref failed: $(tail -n3 "$W/pull-podman.out")"
    r_id=$(grep -oE '^(sha256:)?[0-9a-f]{64}$' "$W/pull-rcon.out" | sed 's/^sha256://' | head -c 12)
    p_id=$(grep -oE '^(sha256:)?[0-9a-f]{64}$' "$W/pull-podman.out" | sed 's/^sha256://' | head -c 12)
    [ "$r_id" = "$p_id" ] || say "note: image IDs differ: rcon $r_id, podman $p_id"

    hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json "$W/hyperfine-$n.json" \
        -n "rcon pull ($n layer)" --prepare "$W/fresh rcon $PREPARE" \
        "$W/as-user rcon pull -q $ref" \
        -n "podman pull ($n layer)" --prepare "$W/fresh podman $PREPARE" \
        "$W/as-user podman pull -q --tls-verify=false $ref"

    r_med=$(jq '.results[0].median' "$W/hyperfine-$n.json")
    p_med=$(jq '.results[1].median' "$W/hyperfine-$n.json")
    r_rss=$(rss_kb "$W/time-rcon-$n.txt")
    p_rss=$(rss_kb "$W/time-podman-$n.txt")
    awk -v n="$n" -v r="$r_med" -v p="$p_med" -v rr="$r_rss" -v pr="$p_rss" 'BEGIN {
        if (p >= r) verdict = sprintf("rcon is %.1fx faster", p / r)
        else verdict = sprintf("rcon is %.1fx SLOWER", r / p)
        printf "%d layer(s): rcon median %.3f s, podman median %.3f s, podman/rcon %.2f (%s); peak RSS rcon %.1f MiB, podman %.1f MiB\n",
            n, r, p, p / r, verdict, rr / 1024, pr / 1024
    }' >>"$SUMMARY"
done

echo
echo "cold pull of a debootstrap bookworm minbase image from 127.0.0.1, $RUNS runs each, as $BENCH_USER, prepare: $PREPARE"
echo "(rcon built $(stat -c %y "$RCON_DIR/rcon" | cut -d. -f1), $(podman --version), $(nproc) CPUs, kernel $(uname -r), load at start $load)"
cat "$SUMMARY"
