#!/bin/bash
# Pod benchmark: rcon beside `podman --runtime runc`, as the same unprivileged user with the
# same busybox image from a loopback registry. Two scenarios, each one hyperfine command per
# tool, both tools in one hyperfine run:
#   pod   `pod create --name P`, two `run -d --pod P busybox sleep 1000`, `pod rm -f -t 0 P`
#   kube  `kube play` of one pod of three busybox containers running `sleep 1000`, then
#         `kube down` of the same YAML
# Prints both medians, rcon/podman and the target (<= 0.2x). Run by hand as root (not in CI);
# see contrib/bench/README.md.
#
#   contrib/bench/pod.sh [--runs N] [--scenario pod|kube] [--rcon-dir DIR] [--keep]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=contrib/bench/lib.sh
. "$HERE/lib.sh"

RUNS=20
SCENARIO=pod
RCON_DIR=""
KEEP=0
TARGET=0.2
usage() {
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

  --runs N          timed runs per tool (default $RUNS), after 2 warm-ups
  --scenario S      pod (default) or kube
  --rcon-dir DIR    take rcon and rcon-idmap from DIR instead of building target/release
  --keep            keep the temp folder (registry, homes, hyperfine JSON) for a look
EOF
}
while [ $# -gt 0 ]; do
    case $1 in
    --runs) RUNS=$2 && shift ;;
    --scenario) SCENARIO=$2 && shift ;;
    --rcon-dir) RCON_DIR=$2 && shift ;;
    --keep) KEEP=1 ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
    esac
    shift
done
[ "$RUNS" -ge 1 ] 2>/dev/null || die "--runs takes a number, not $RUNS"
case $SCENARIO in
pod | kube) ;;
*) die "--scenario takes pod or kube, not $SCENARIO" ;;
esac

need_root
id -u "$BENCH_USER" >/dev/null 2>&1 || die "user $BENCH_USER does not exist: create it (useradd -m $BENCH_USER) with /etc/subuid and /etc/subgid ranges"
{ grep -q "^$BENCH_USER:" /etc/subuid && grep -q "^$BENCH_USER:" /etc/subgid; } ||
    die "$BENCH_USER has no /etc/subuid or /etc/subgid range: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $BENCH_USER"

# catatonit: Debian's podman builds its pause image (localhost/podman-pause) from it the first
# time a pod needs an infra container.
ensure_packages podman runc catatonit slirp4netns uidmap docker-registry busybox-static \
    hyperfine curl jq iproute2 libcap2-bin procps

ensure_rcon_dir

warn_if_loaded

W=$(mktemp -d /var/tmp/rcon-bench-pod.XXXXXX)
chmod 0755 "$W"
REGISTRY_PID=""
cleanup() {
    set +e
    say "cleaning up $W"
    if [ -x "$W/as-user" ]; then
        "$W/as-user" rcon pod rm -af -t 0 >/dev/null 2>&1
        "$W/as-user" rcon rm -af >/dev/null 2>&1
        "$W/as-user" podman --runtime runc pod rm -af -t 0 >/dev/null 2>&1
        "$W/as-user" podman --runtime runc rm -af -t 0 >/dev/null 2>&1
        "$W/as-user" rcon system reset -f >/dev/null 2>&1
        "$W/as-user" podman --runtime runc system reset -f >/dev/null 2>&1
        # Podman leaves a pause process holding its user namespace.
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

mkdir -p "$W/bin" "$W/home/tmp" "$W/run" "$W/image"
# XDG_RUNTIME_DIR is a tmpfs, as /run/user/UID is in a real session (run.sh says why).
mount -t tmpfs -o "size=256m,mode=0700,uid=$(id -u "$BENCH_USER"),gid=$(id -g "$BENCH_USER")" \
    rcon-bench-pod "$W/run" || die "cannot mount a tmpfs on $W/run"
install -m 0755 "$RCON_DIR/rcon" "$RCON_DIR/rcon-idmap" "$W/bin/"
setcap cap_setuid,cap_setgid+ep "$W/bin/rcon-idmap" ||
    say "setcap on rcon-idmap failed: rcon falls back to newuidmap"

port=$(free_port)
hostport=127.0.0.1:$port
start_registry "$W/registry" "$port"
write_user_env "$W"
write_user_config "$W" "$hostport"
chown -R "$BENCH_USER:" "$W/home" "$W/run"
chmod 0700 "$W/home" "$W/run"
U=$W/as-user
PODMAN="podman --runtime runc"

# The busybox image of run.sh, one layer.
rootfs=$W/rootfs
make_busybox_rootfs "$rootfs"
(cd "$rootfs" && find . -mindepth 1 | LC_ALL=C sort) >"$W/image/1.list"
make_layer "$rootfs" "$W/image/1" "$W/image/1.list"
IMAGE_CMD='["sh"]' IMAGE_ORIGIN="busybox-static" push_image "http://$hostport" bench/busybox latest "$W/image" "$W/image/1"
ref=$hostport/bench/busybox:latest
say "image $ref"

# seq_script TOOL POD: a shell script, run by hyperfine as the bench user, doing the whole
# scenario once with TOOL (a command line): pod create, two containers in it, pod rm; or kube
# play and kube down of a YAML naming the pod POD. IDs go to /dev/null; any failure stops
# the script and so hyperfine.
seq_script() {
    local f=$W/home/tmp/pod-$2.sh
    if [ "$SCENARIO" = kube ]; then
        local y=$W/home/tmp/pod-$2.yaml
        {
            echo "apiVersion: v1"
            echo "kind: Pod"
            echo "metadata: {name: $2}"
            echo "spec:"
            # Both tools stop the containers at once on `kube down` (sleep ignores SIGTERM).
            echo "  terminationGracePeriodSeconds: 0"
            echo "  containers:"
            for c in a b c; do
                echo "  - {name: $c, image: $ref, command: [sleep, \"1000\"]}"
            done
        } >"$y"
        chown "$BENCH_USER:" "$y"
        cat >"$f" <<EOF
#!/bin/sh
set -e
$1 kube play $y >/dev/null
$1 kube down $y >/dev/null
EOF
    else
        cat >"$f" <<EOF
#!/bin/sh
set -e
$1 pod create --name $2 >/dev/null
$1 run -d --pod $2 $ref sleep 1000 >/dev/null
$1 run -d --pod $2 $ref sleep 1000 >/dev/null
$1 pod rm -f -t 0 $2 >/dev/null
EOF
    fi
    chmod 0755 "$f"
    chown "$BENCH_USER:" "$f"
    printf '%s\n' "$f"
}
RCON_SEQ=$(seq_script rcon bench-rcon)
PODMAN_SEQ=$(seq_script "$PODMAN" bench-podman)

# Untimed: both tools pull the image, then go once through the scenario with a check in the
# middle that the pod runs with its infra and both containers. The first pod also makes each
# tool's infra image (rcon: localhost/rcon-infra, an empty layer; Debian's podman:
# localhost/podman-pause, built from catatonit), which the timed runs should not include.
for tool in rcon podman; do
    cmd=rcon
    [ "$tool" = podman ] && cmd=$PODMAN
    # shellcheck disable=SC2086
    "$U" $cmd pull -q "$ref" >"$W/pull-$tool.out" 2>&1 || die "$tool pull $ref failed: $(tail -n3 "$W/pull-$tool.out")"
    {
        # shellcheck disable=SC2086
        "$U" $cmd pod create --name warm-$tool &&
            "$U" $cmd run -d --pod warm-$tool "$ref" sleep 1000 &&
            "$U" $cmd run -d --pod "new:warm2-$tool" "$ref" sleep 1000 &&
            "$U" $cmd run -d --pod warm-$tool "$ref" sleep 1000
    } >"$W/warm-$tool.out" 2>&1 || die "$tool: a pod for the warm-up failed: $(tail -n3 "$W/warm-$tool.out")"
    # shellcheck disable=SC2086
    running=$("$U" $cmd ps -q --filter pod=warm-$tool --filter status=running 2>/dev/null | wc -l)
    # shellcheck disable=SC2086
    "$U" $cmd pod ps >>"$W/warm-$tool.out" 2>&1
    # Two containers plus the infra (ps lists infra containers too).
    [ "$running" -ge 2 ] || die "$tool: the warm-up pod runs $running containers, not 2 and an infra: $(cat "$W/warm-$tool.out")"
    # shellcheck disable=SC2086
    "$U" $cmd pod rm -f -t 0 warm-$tool "warm2-$tool" >>"$W/warm-$tool.out" 2>&1 ||
        die "$tool pod rm -f failed: $(tail -n3 "$W/warm-$tool.out")"
    "$U" "$W/home/tmp/pod-bench-$tool.sh" >>"$W/warm-$tool.out" 2>&1 ||
        die "the $tool scenario script failed: $(tail -n3 "$W/warm-$tool.out")"
done
say "podman: $(podman --version), runc by flag; both pods on their tool's default network (slirp4netns)"

# The timed part. hyperfine runs as the bench user (as in ship.sh), so each timed command is
# the tool's four calls and one sh, not the user switch.
hf=$W/home/tmp/hyperfine-pod.json
"$U" hyperfine -N --style basic --runs "$RUNS" --warmup 2 --export-json "$hf" \
    -n "rcon $SCENARIO" "$RCON_SEQ" -n "podman $SCENARIO (runc)" "$PODMAN_SEQ"

# Nothing may be left behind: every iteration removed its pod and both containers.
for tool in rcon podman; do
    cmd=rcon
    [ "$tool" = podman ] && cmd=$PODMAN
    # shellcheck disable=SC2086
    left=$("$U" $cmd ps -aq | wc -l)
    # shellcheck disable=SC2086
    pods=$("$U" $cmd pod ps -q | wc -l)
    if [ "$left" -ne 0 ] || [ "$pods" -ne 0 ]; then
        say "warning: $tool left $pods pod(s) and $left container(s) behind"
    fi
done

{
    echo
    if [ "$SCENARIO" = kube ]; then
        echo "Kube: kube play of one pod of 3 busybox sleep 1000 + kube down, as $BENCH_USER, $RUNS runs each"
    else
        echo "Pods: pod create + 2x run -d --pod busybox sleep 1000 + pod rm -f -t 0, as $BENCH_USER, $RUNS runs each"
    fi
    echo "(rcon $(stat -c %y "$RCON_DIR/rcon" | cut -d. -f1), $(podman --version) with $(runc --version | head -n1),"
    echo " $(nproc) CPUs, kernel $(uname -r), load at start $load, at end $(cut -d' ' -f1 /proc/loadavg))"
    jq -r '.results[] | [.command, .median, .mean, .stddev, .min, .max] | @tsv' "$hf" |
        awk -F'\t' '{ printf "   %-18s median %7.1f ms  mean %7.1f ± %5.1f ms  min %7.1f  max %7.1f ms\n",
            $1, $2 * 1000, $3 * 1000, $4 * 1000, $5 * 1000, $6 * 1000 }'
    jq -r '[.results[].median] | @tsv' "$hf" | awk -F'\t' -v t="$TARGET" '{
        q = $1 / $2
        printf "   rcon/podman %.2fx (target <= %sx: %s)\n", q, t, (q <= t ? "met" : "MISSED")
    }'
} | tee "$W/summary.txt"
