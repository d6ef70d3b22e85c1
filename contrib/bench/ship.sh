#!/bin/bash
# Image shipping benchmark: rcon beside `podman --runtime runc`, as the same unprivileged
# user, the same images and loopback registries. One timed run per scenario and tool:
#   push-1 / push-4   push of the Debian bookworm image (one layer, four layers), pulled
#                     untimed before, to an empty registry started for that push alone
#   repush-1/repush-4 the same push again: the registry has everything (the median of 10
#                     runs: a single one of these is too short to say much)
#   save-load         `save -o FILE` of the one-layer image (pulled untimed before), then,
#                     the image removed, `load -q -i FILE` (the two timed together); the
#                     median of --runs runs per tool, rcon and Podman interleaved; once with
#                     the store moved aside as the removal (`move`) and once with `rmi -f`
#                     (`rmi`), see --remove
#   commit            commit of a container (the one-layer image) that wrote 10,000 files
#                     of 100 bytes
# Prints seconds, rcon/podman, the target, and the peak RSS of the largest process of each
# tool's tree (/usr/bin/time -v). Run by hand as root (not in CI).
#
#   contrib/bench/ship.sh [--rcon-dir DIR] [--only LIST] [--runs N] [--remove M] [--keep]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=contrib/bench/lib.sh
. "$HERE/lib.sh"

RCON_DIR=""
BASE_DIR=""
KEEP=0
ONLY=push,save-load,commit
RUNS=5
REMOVE=both
usage() {
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

  --rcon-dir DIR    take rcon and rcon-idmap from DIR instead of building target/release
  --base-dir DIR    also run save-load with the rcon and rcon-idmap in DIR (another build,
                    e.g. main's, as "base"), interleaved with the others: before and after
                    in one run
  --only LIST       the scenarios to run, comma-separated: push (push-1, push-4 and the
                    repushes), save-load, commit; all by default
  --runs N          save-load runs per tool and removal (default 5)
  --remove M        how save-load removes the image before the load: move (the store
                    renamed aside, as pull.sh's --prepare move), rmi (`rmi -f`), or both
                    (default: both, move first)
  --keep            keep the temp folder (registries, homes, logs) for a look
EOF
}
while [ $# -gt 0 ]; do
    case $1 in
    --rcon-dir) RCON_DIR=$2 && shift ;;
    --base-dir) BASE_DIR=$2 && shift ;;
    --only) ONLY=$2 && shift ;;
    --runs) RUNS=$2 && shift ;;
    --remove) REMOVE=$2 && shift ;;
    --keep) KEEP=1 ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
    esac
    shift
done

case $REMOVE in move) REMOVALS=(move) ;; rmi) REMOVALS=(rmi) ;; both) REMOVALS=(move rmi) ;;
*) die "--remove takes move, rmi or both, not $REMOVE" ;; esac
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs takes a positive number, not $RUNS"
# wanted SCENARIO: whether --only names it.
wanted() { [[ ,$ONLY, == *,$1,* ]]; }
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
SL_TOOLS=(rcon podman)
if [ -n "$BASE_DIR" ]; then
    [ -x "$BASE_DIR/rcon" ] && [ -x "$BASE_DIR/rcon-idmap" ] || die "no rcon and rcon-idmap in $BASE_DIR"
    mkdir -p "$W/base"
    install -m 0755 "$BASE_DIR/rcon" "$BASE_DIR/rcon-idmap" "$W/base/"
    setcap cap_setuid,cap_setgid+ep "$W/base/rcon-idmap" || true
    SL_TOOLS+=(base)
fi

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

declare -A SECS RSS SPLIT
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
    if wanted push; then
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
    fi
    if wanted commit; then
        # shellcheck disable=SC2086
        "$U" $cmd run --name many "$src/bench/debian:l1" sh -c "$MANY" >"$W/run.$tool" 2>&1 ||
            die "$tool run failed: $(tail -n3 "$W/run.$tool")"
        # shellcheck disable=SC2086
        timed "$tool" commit $cmd commit -q many many-img
    fi
done

# save_load TOOL REMOVAL: one save-load run: the tool's store moved aside, the one-layer image
# pulled (untimed), `save -o`, the image removed (untimed) by REMOVAL: `move` renames the
# store aside and lets the tool make a new one (`images -q`), `rmi` runs `rmi -f`; then
# `load -q -i`. Adds "SAVE LOAD" seconds to RUNS[TOOL.REMOVAL].
declare -A RUNS
save_load() {
    local tool=$1 rm=$2 cmd=rcon store=rcon f sc=save-load-$2 save
    [ "$tool" = podman ] && cmd=$PODMAN store=podman
    [ "$tool" = base ] && cmd=$W/base/rcon
    f=$W/home/tmp/$tool.tar
    "$W/fresh" "$store" move
    # shellcheck disable=SC2086
    "$U" $cmd pull -q "$src/bench/debian:l1" >"$W/pull.$tool.sl" 2>&1 ||
        die "$tool pull failed: $(tail -n3 "$W/pull.$tool.sl")"
    SECS[$tool.$sc]=0
    # shellcheck disable=SC2086
    timed "$tool" "$sc" $cmd save -o "$f" "$src/bench/debian:l1"
    save=${SECS[$tool.$sc]}
    case $rm in
    move)
        "$W/fresh" "$store" move
        # shellcheck disable=SC2086
        "$U" $cmd images -q >/dev/null 2>&1 || die "$tool images failed in a new store"
        ;;
    rmi)
        # shellcheck disable=SC2086
        "$U" $cmd rmi -f "$src/bench/debian:l1" >/dev/null 2>&1 || die "$tool rmi failed"
        ;;
    esac
    # shellcheck disable=SC2086
    timed "$tool" "$sc" $cmd load -q -i "$f"
    # shellcheck disable=SC2086
    "$U" $cmd image exists "$src/bench/debian:l1" || die "$tool load did not record the image"
    RUNS[$tool.$rm]="${RUNS[$tool.$rm]:-} $save $(awk -v t="${SECS[$tool.$sc]}" -v s="$save" 'BEGIN { printf "%.2f\n", t - s }')"
    rm -f "$f"
}

# median: the median of the numbers on stdin.
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The runs with moved stores come first: `rmi` deletes a tree of ~6,700 files, which slows
# every file creation on this ext4 (no journal) for a minute or more afterwards (README.md).
if wanted save-load; then
    for rm in "${REMOVALS[@]}"; do
        for i in $(seq "$RUNS"); do
            # Each run starts with the next tool: every tool goes first as often.
            n=${#SL_TOOLS[@]}
            for j in $(seq 0 $((n - 1))); do
                save_load "${SL_TOOLS[$(((i + j) % n))]}" "$rm"
            done
        done
        for tool in "${SL_TOOLS[@]}"; do
            set -- ${RUNS[$tool.$rm]}
            saves=() loads=() totals=()
            while [ $# -gt 0 ]; do
                saves+=("$1") loads+=("$2") totals+=("$(awk -v a="$1" -v b="$2" 'BEGIN { print a + b }')")
                shift 2
            done
            SECS[$tool.save-load-$rm]=$(printf '%s\n' "${totals[@]}" | median)
            SPLIT[$tool.$rm]="save $(printf '%s\n' "${saves[@]}" | median) s + load $(printf '%s\n' "${loads[@]}" | median) s; runs: ${totals[*]}"
        done
    done
fi

SCENARIOS=()
wanted push && SCENARIOS+=(push-1 push-4 repush-1 repush-4)
wanted save-load && for rm in "${REMOVALS[@]}"; do SCENARIOS+=("save-load-$rm"); done
wanted commit && SCENARIOS+=(commit)
{
    echo "Shipping images, seconds (rcon/podman; target), peak RSS of the largest process; load average $load at the start:"
    printf '   %-14s %9s %9s %8s %8s %12s %12s\n' scenario rcon podman ratio target rcon-RSS podman-RSS
    for sc in "${SCENARIOS[@]}"; do
        case $sc in repush-*) tg=0.2 ;; *) tg=0.5 ;; esac
        awk -v n="$sc" -v r="${SECS[rcon.$sc]}" -v p="${SECS[podman.$sc]}" -v t="$tg" \
            -v rr="${RSS[rcon.$sc]}" -v pr="${RSS[podman.$sc]}" \
            'BEGIN { q = r / p; printf "   %-14s %8.3fs %8.3fs %7.2fx %7s%s %9d kB %9d kB\n", n, r, p, q, "<=" t, (q <= t) ? " " : "!", rr, pr }'
    done
    echo "   (! marks a missed target; save-load: the median of $RUNS interleaved runs)"
    if wanted save-load; then
        for rm in "${REMOVALS[@]}"; do
            for tool in "${SL_TOOLS[@]}"; do
                printf '   save-load-%s, %s: %s\n' "$rm" "$tool" "${SPLIT[$tool.$rm]}"
            done
            if [ -n "$BASE_DIR" ]; then
                awk -v b="${SECS[base.save-load-$rm]}" -v p="${SECS[podman.save-load-$rm]}" -v d="$BASE_DIR" -v m="$rm" \
                    'BEGIN { printf "   save-load-%s, base (%s): %.3fs, base/podman %.2fx\n", m, d, b, b / p }'
            fi
        done
    fi
} | tee "$W/summary.txt"
