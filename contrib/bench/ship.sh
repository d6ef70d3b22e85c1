#!/bin/bash
# Image shipping benchmark: rcon beside `podman --runtime runc`, as the same unprivileged
# user, the same images and loopback registries. One timed run per scenario and tool:
#   push-1 / push-4   push of the Debian bookworm image (one layer, four layers), pulled
#                     untimed before, to an empty registry started for that push alone
#   repush-1/repush-4 the same push again: the registry has everything (the median of 10
#                     runs: a single one of these is too short to say much)
#   save-load         `save -o FILE` of the one-layer image, then, the image removed,
#                     `load -i FILE` (the two timed together)
#   commit            commit of a container (the one-layer image) that wrote 10,000 files
#                     of 100 bytes
# Prints seconds, rcon/podman, the target, and the peak RSS of the largest process of each
# tool's tree (/usr/bin/time -v). Run by hand as root (not in CI).
#
#   contrib/bench/ship.sh [--rcon-dir DIR] [--keep]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=contrib/bench/lib.sh
. "$HERE/lib.sh"

RCON_DIR=""
KEEP=0
usage() {
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

  --rcon-dir DIR    take rcon and rcon-idmap from DIR instead of building target/release
  --keep            keep the temp folder (registries, homes, logs) for a look
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
ensure_packages podman runc slirp4netns uidmap docker-registry debootstrap curl jq \
    iproute2 libcap2-bin procps time hyperfine
ensure_rcon_dir
warn_if_loaded

W=$(mktemp -d /var/tmp/rcon-bench-ship.XXXXXX)
chmod 0755 "$W"
PIDS=()
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
    for p in "${PIDS[@]}"; do
        kill "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
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
mount -t tmpfs -o "size=256m,mode=0700,uid=$(id -u "$BENCH_USER"),gid=$(id -g "$BENCH_USER")" \
    rcon-bench-run "$W/run" || die "cannot mount a tmpfs on $W/run"
install -m 0755 "$RCON_DIR/rcon" "$RCON_DIR/rcon-idmap" "$W/bin/"
setcap cap_setuid,cap_setgid+ep "$W/bin/rcon-idmap" ||
    say "setcap on rcon-idmap failed: rcon falls back to newuidmap"

# registry NAME: starts a new, empty loopback registry (its pid kept for the clean-up), tells
# both tools it is plain HTTP, and sets REG to its host:port.
registry() {
    local port
    port=$(free_port)
    start_registry "$W/reg-$1" "$port"
    PIDS+=("$REGISTRY_PID")
    REG=127.0.0.1:$port
    if [ -f "$W/home/.config/containers/registries.conf" ]; then
        printf '\n[[registry]]\nlocation = "%s"\ninsecure = true\n' "$REG" \
            >>"$W/home/.config/containers/registries.conf"
    fi
}
registry source
src=$REG
write_user_env "$W"
write_user_config "$W" "$src"
# Podman 4.3's commit wants the store's folders named when a user storage.conf exists.
cat >>"$W/home/.config/containers/storage.conf" <<CONF
runroot = "$W/run/containers/storage"
graphroot = "$W/home/.local/share/containers/storage"
CONF
write_fresh "$W"
chown -R "$BENCH_USER:" "$W/home" "$W/run"
chmod 0700 "$W/home" "$W/run"
U=$W/as-user
PODMAN="podman --runtime runc"

rootfs=$(ensure_rootfs)
for n in 1 4; do
    mapfile -t layers < <(ensure_layers "$rootfs" "$n")
    push_image "http://$src" bench/debian "l$n" "$W" "${layers[@]}"
done
say "images $src/bench/debian:l1 and :l4"

declare -A SECS RSS
# timed TOOL SCENARIO COMMAND...: one run under /usr/bin/time -v as the bench user; the
# seconds of the calls of one scenario add up, its peak RSS is the largest.
timed() {
    local tool=$1 sc=$2 t0 t1 r
    shift 2
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$W/time.$tool.$sc" "$U" "$@" >"$W/out.$tool.$sc" 2>&1 ||
        die "$tool $sc failed: $(tail -n5 "$W/out.$tool.$sc")"
    t1=$(date +%s%N)
    SECS[$tool.$sc]=$(awk -v a="$t0" -v b="$t1" -v p="${SECS[$tool.$sc]:-0}" \
        'BEGIN { printf "%.2f\n", p + (b - a) / 1e9 }')
    r=$(rss_kb "$W/time.$tool.$sc")
    if [ -z "${RSS[$tool.$sc]:-}" ] || [ "$r" -gt "${RSS[$tool.$sc]}" ]; then RSS[$tool.$sc]=$r; fi
    say "$sc with $tool: ${SECS[$tool.$sc]} s, peak RSS ${RSS[$tool.$sc]} kB"
}

# timed_many TOOL SCENARIO COMMAND...: for commands that take tens of milliseconds, where one
# run says little: the median of 10 hyperfine runs (after 2 warm-ups); RSS of one more run.
# hyperfine itself runs as the bench user, so the timed command is the tool alone, not the
# user switch (setpriv and env, about 5 ms here, the same for both tools).
timed_many() {
    local tool=$1 sc=$2 hf
    shift 2
    hf=$W/home/tmp/hf.$tool.$sc.json
    "$U" hyperfine -N --style none --runs 10 --warmup 2 --export-json "$hf" \
        "$*" >/dev/null 2>&1 || die "$tool $sc failed under hyperfine"
    SECS[$tool.$sc]=$(jq '.results[0].median' "$hf" | awk '{ printf "%.3f\n", $1 }')
    /usr/bin/time -v -o "$W/time.$tool.$sc" "$U" "$@" >"$W/out.$tool.$sc" 2>&1 ||
        die "$tool $sc failed: $(tail -n5 "$W/out.$tool.$sc")"
    RSS[$tool.$sc]=$(rss_kb "$W/time.$tool.$sc")
    say "$sc with $tool: median ${SECS[$tool.$sc]} s, peak RSS ${RSS[$tool.$sc]} kB"
}

MANY='mkdir /many && cd /many && i=0 && while [ $i -lt 10000 ]; do head -c 100 /dev/zero > f$i; i=$((i + 1)); done'
for tool in rcon podman; do
    cmd=rcon
    [ "$tool" = podman ] && cmd=$PODMAN
    "$W/fresh" "$tool" move
    for n in 1 4; do
        # shellcheck disable=SC2086
        "$U" $cmd pull -q "$src/bench/debian:l$n" >"$W/pull.$tool.$n" 2>&1 ||
            die "$tool pull failed: $(tail -n3 "$W/pull.$tool.$n")"
        registry "$tool-$n"
        # shellcheck disable=SC2086
        timed "$tool" "push-$n" $cmd push -q "$src/bench/debian:l$n" "$REG/bench/debian:l$n"
        # shellcheck disable=SC2086
        timed_many "$tool" "repush-$n" $cmd push -q "$src/bench/debian:l$n" "$REG/bench/debian:l$n"
    done
    # shellcheck disable=SC2086
    timed "$tool" save-load $cmd save -o "$W/home/tmp/$tool.tar" "$src/bench/debian:l1"
    # shellcheck disable=SC2086
    "$U" $cmd rmi -f "$src/bench/debian:l1" >/dev/null 2>&1
    # shellcheck disable=SC2086
    timed "$tool" save-load $cmd load -q -i "$W/home/tmp/$tool.tar"
    rm -f "$W/home/tmp/$tool.tar"
    # shellcheck disable=SC2086
    "$U" $cmd run --name many "$src/bench/debian:l1" sh -c "$MANY" >"$W/run.$tool" 2>&1 ||
        die "$tool run failed: $(tail -n3 "$W/run.$tool")"
    # shellcheck disable=SC2086
    timed "$tool" commit $cmd commit -q many many-img
done

{
    echo "Shipping images, one run each, seconds (rcon/podman; target), peak RSS of the largest process:"
    printf '   %-10s %9s %9s %8s %8s %12s %12s\n' scenario rcon podman ratio target rcon-RSS podman-RSS
    for sc in push-1 push-4 repush-1 repush-4 save-load commit; do
        case $sc in repush-*) tg=0.2 ;; *) tg=0.5 ;; esac
        awk -v n="$sc" -v r="${SECS[rcon.$sc]}" -v p="${SECS[podman.$sc]}" -v t="$tg" \
            -v rr="${RSS[rcon.$sc]}" -v pr="${RSS[podman.$sc]}" \
            'BEGIN { q = r / p; printf "   %-10s %8.3fs %8.3fs %7.2fx %7s%s %9d kB %9d kB\n", n, r, p, q, "<=" t, (q <= t) ? " " : "!", rr, pr }'
    done
    echo "   (! marks a missed target)"
} | tee "$W/summary.txt"
