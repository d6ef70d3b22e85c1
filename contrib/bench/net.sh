#!/bin/bash
# Network benchmark: rcon's default network (pasta where passt is installed) and its
# slirp4netns beside Podman's default (slirp4netns) and, where this Podman has it, Podman's
# pasta, on this machine, as the same unprivileged user with the same busybox image from a
# loopback registry. Four parts: `run --rm busybox true` with the network in one hyperfine run
# (medians, rcon/podman; the aim is rcon's default at most 0.15 of Podman's time); bulk TCP
# from a container to a server on the host's loopback (pasta: --map-gw and the gateway's
# address; slirp4netns: allow_host_loopback=true and 10.0.2.2); bulk TCP from the host to a
# container's published port (rcon: pasta's forwarding or slirp4netns's add_hostfwd; Podman:
# its default port handler, and port_handler=slirp4netns). Each transfer is timed on the host,
# best of --repeat. Fourth: `run --rm --network NAME busybox true` on a named network beside
# Podman's rootless bridge network (netavark and aardvark-dns), with one container already on
# it (so both tools find their shared network namespace up). Run by hand as root (not in CI);
# see contrib/bench/README.md.
#
#   contrib/bench/net.sh [--runs N] [--mib N] [--repeat N] [--rcon-dir DIR] [--keep]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=contrib/bench/lib.sh
. "$HERE/lib.sh"

RUNS=20
MIB=512
REPEAT=3
RCON_DIR=""
KEEP=0
usage() {
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

  --runs N          timed runs of run --rm true per tool (default $RUNS)
  --mib N           MiB per bulk transfer (default $MIB)
  --repeat N        transfers per direction and tool, the best counts (default $REPEAT)
  --rcon-dir DIR    take rcon and rcon-idmap from DIR instead of building target/release
  --keep            keep the temp folder for a look
EOF
}
while [ $# -gt 0 ]; do
    case $1 in
    --runs) RUNS=$2 && shift ;;
    --mib) MIB=$2 && shift ;;
    --repeat) REPEAT=$2 && shift ;;
    --rcon-dir) RCON_DIR=$2 && shift ;;
    --keep) KEEP=1 ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
    esac
    shift
done
[ "$RUNS" -ge 1 ] 2>/dev/null || die "--runs takes a number, not $RUNS"
[ "$MIB" -ge 1 ] 2>/dev/null || die "--mib takes a number, not $MIB"
[ "$REPEAT" -ge 1 ] 2>/dev/null || die "--repeat takes a number, not $REPEAT"

need_root
id -u "$BENCH_USER" >/dev/null 2>&1 || die "user $BENCH_USER does not exist: create it (useradd -m $BENCH_USER) with /etc/subuid and /etc/subgid ranges"

ensure_packages podman runc fuse-overlayfs slirp4netns uidmap docker-registry busybox-static \
    netcat-openbsd hyperfine curl jq iproute2 libcap2-bin procps netavark aardvark-dns passt

ensure_rcon_dir

warn_if_loaded

# (Short: Podman puts its slirp4netns API socket under it, and a socket path has 107 bytes.)
W=$(mktemp -d /tmp/rcon-bn.XXXXXX)
chmod 0755 "$W"
REGISTRY_PID=""
cleanup() {
    set +e
    say "cleaning up $W"
    if [ -x "$W/as-user" ]; then
        "$W/as-user" rcon rm -af >/dev/null 2>&1
        "$W/as-user" podman rm -af -t 0 >/dev/null 2>&1
        "$W/as-user" rcon network rm -f benchnet >/dev/null 2>&1
        "$W/as-user" podman network rm -f benchnet >/dev/null 2>&1
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

mkdir -p "$W/bin" "$W/home/tmp" "$W/run" "$W/image"
mount -t tmpfs -o "size=256m,mode=0700,uid=$(id -u "$BENCH_USER"),gid=$(id -g "$BENCH_USER")" \
    rcon-bench-net "$W/run" || die "cannot mount a tmpfs on $W/run"
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

rootfs=$W/rootfs
make_busybox_rootfs "$rootfs"
(cd "$rootfs" && find . -mindepth 1 | LC_ALL=C sort) >"$W/image/1.list"
make_layer "$rootfs" "$W/image/1" "$W/image/1.list"
IMAGE_CMD='["sh"]' IMAGE_ORIGIN="busybox-static" push_image "http://$hostport" bench/busybox latest "$W/image" "$W/image/1"
ref=$hostport/bench/busybox:latest

"$U" rcon pull -q "$ref" >"$W/pull-rcon.out" 2>&1 || die "rcon pull $ref failed: $(tail -n3 "$W/pull-rcon.out")"
"$U" podman pull -q "$ref" >"$W/pull-podman.out" 2>&1 || die "podman pull $ref failed: $(tail -n3 "$W/pull-podman.out")"
DEFAULT_NET=$("$U" rcon info --format '{{.Host.RootlessNetworkCmd}}')
RCON_RUN="$U rcon run --rm $ref true"
RCON_SLIRP="$U rcon run --rm --network slirp4netns $ref true"
PODMAN_RUN="$U podman --runtime runc run --rm --network slirp4netns $ref true"
for c in "$RCON_RUN" "$RCON_SLIRP" "$PODMAN_RUN"; do
    out=$($c 2>&1) || die "'$c' failed: $out"
done
# Podman has pasta from 4.4 on.
PODMAN_PASTA=0
if "$U" podman --runtime runc run --rm --network pasta "$ref" true >"$W/podman-pasta.out" 2>&1; then
    PODMAN_PASTA=1
else
    say "this Podman has no --network pasta ($(tail -n1 "$W/podman-pasta.out")): no Podman pasta rows"
fi
# The host's IPv4 default gateway: with pasta's --map-gw, the host's loopback from a container.
GW=$(ip -4 route show default | awk '{ print $3; exit }')
[ -n "$GW" ] || die "no IPv4 default route on the host: pasta has no gateway to map"

SUMMARY=$W/summary.txt
: >"$SUMMARY"

# 1. run --rm true with the default network.
hyperfine --style basic --runs "$RUNS" --warmup 3 --export-json "$W/hyperfine-run.json" \
    -n "rcon run --rm (default: $DEFAULT_NET)" "$RCON_RUN" \
    -n "rcon run --rm --network slirp4netns" "$RCON_SLIRP" \
    -n "podman run --rm --network slirp4netns" "$PODMAN_RUN"
jq -r '.results[] | [.command, .median, .mean, .stddev, .min] | @tsv' "$W/hyperfine-run.json" |
    awk -F'\t' 'BEGIN { print "1. run --rm busybox true with the network (median, mean ± sd, min):" }
        { printf "   %-40s %7.1f ms  %7.1f ± %5.1f ms  min %6.1f ms\n", $1, $2 * 1000, $3 * 1000, $4 * 1000, $5 * 1000 }' >>"$SUMMARY"
jq -r '[.results[].median] | @tsv' "$W/hyperfine-run.json" | awk -F'\t' '{
    printf "   rcon default/podman %.3f (target <= 0.15: %s), rcon slirp4netns/podman %.3f\n",
        $1 / $3, ($1 / $3 <= 0.15 ? "met" : "MISSED"), $2 / $3
}' >>"$SUMMARY"

# seconds_since T0: wall time since T0 (date +%s.%N).
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }
# mib_s SECONDS: MIB over SECONDS.
mib_s() { awk -v s="$1" -v m="$MIB" 'BEGIN { printf "%.0f", m / s }'; }

# 2. Container → host: a server on the host's loopback, the container sends MIB MiB to it and
#    stays a second (bytes its kernel still holds are lost when the network ends with it)
#    (pasta: --map-gw, to the gateway's address; slirp4netns: allow_host_loopback=true, to
#    10.0.2.2), timed on the host from the first byte to the end of the data.
# to_host TOOL: best MiB/s of REPEAT transfers; TOOL rcon-pasta, rcon-slirp, podman-slirp or
# podman-pasta.
to_host() {
    local tool=$1 best=0 i p got s rate net dest
    local run=("$U" rcon run)
    [ "${tool%-*}" = podman ] && run=("$U" podman --runtime runc run)
    case $tool in
    *-pasta) net=pasta:--map-gw dest=$GW ;;
    *) net=slirp4netns:allow_host_loopback=true dest=10.0.2.2 ;;
    esac
    for i in $(seq "$REPEAT"); do
        p=$(free_port)
        # The receiver times itself: from its first byte to the end of the stream.
        (nc.openbsd -l 127.0.0.1 "$p" | { dd bs=1 count=1 status=none of=/dev/null; t0=$(date +%s.%N); n=$(wc -c); echo "$((n + 1)) $(seconds_since "$t0")"; } >"$W/recv.$tool.$i") &
        local recv=$!
        sleep 0.3
        "${run[@]}" --rm --network "$net" "$ref" \
            sh -c "dd if=/dev/zero bs=1M count=$MIB 2>/dev/null | nc $dest $p; sleep 1" >/dev/null 2>&1 || true
        wait "$recv" || true
        read -r got s <"$W/recv.$tool.$i" || die "$tool: no transfer to the host recorded"
        [ "$got" -eq $((MIB * 1048576)) ] || die "$tool: the host received $got bytes, not $((MIB * 1048576))"
        rate=$(mib_s "$s")
        [ "$rate" -gt "$best" ] && best=$rate
    done
    printf '%s\n' "$best"
}

# 3. Host → published port: a container listens on 5000 (published on a free host port), the
#    host sends MIB MiB to ADDR:port; timed on the host until the container closed the
#    connection (it has read everything).
# to_port TOOL ADDR: best MiB/s of REPEAT transfers. TOOL rcon-pasta, rcon-slirp (add_hostfwd),
# podman (its default: slirp4netns with rootlessport, which shows the client its own address),
# podman-slirp (port_handler=slirp4netns, rcon's way before pasta) or podman-pasta.
to_port() {
    local tool=$1 addr=$2 bin=${1%%-*} best=0 i p cid t0 s rate
    local run
    case $tool in
    rcon-pasta) run=("$U" rcon run --network pasta) ;;
    rcon-slirp) run=("$U" rcon run --network slirp4netns) ;;
    podman) run=("$U" podman --runtime runc run --network slirp4netns) ;;
    podman-slirp) run=("$U" podman --runtime runc run --network slirp4netns:port_handler=slirp4netns) ;;
    podman-pasta) run=("$U" podman --runtime runc run --network pasta) ;;
    esac
    for i in $(seq "$REPEAT"); do
        p=$(free_port)
        cid=$("${run[@]}" -d -p "$p:5000" "$ref" sh -c 'nc -l -p 5000 >/dev/null') ||
            die "$tool run -d -p $p:5000 failed"
        # Up when the port answers (a probe connection would be taken as the transfer: wait
        # on the container's listening socket instead).
        for _ in $(seq 100); do
            "$U" "$bin" exec "$cid" sh -c 'grep -q ":1388 [0-9A-F]*:0000 0A" /proc/net/tcp /proc/net/tcp6' 2>/dev/null && break
            sleep 0.05
        done
        sleep 0.2
        t0=$(date +%s.%N)
        # A transfer that stalls (seen with passt 2023-03 through the host's own address) is
        # reported as such after a minute, not waited for.
        if ! dd if=/dev/zero bs=1M count="$MIB" 2>/dev/null | timeout 60 nc.openbsd -N "$addr" "$p" >/dev/null; then
            say "$tool: the transfer to $addr:$p failed or stalled"
            "$U" "$bin" rm -f "$cid" >/dev/null 2>&1 || true
            printf 'stalled\n'
            return
        fi
        s=$(seconds_since "$t0")
        "$U" "$bin" rm -f "$cid" >/dev/null 2>&1 || true
        rate=$(mib_s "$s")
        [ "$rate" -gt "$best" ] && best=$rate
    done
    printf '%s\n' "$best"
}

# ratio A B: A/B to two places.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# at_least A B: met when A >= B.
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { print (a >= b ? "met" : "MISSED") }'; }

# The host's address on its default route: pasta's other path into a published port (from a
# non-loopback address pasta forwards through the container's link, as a remote client's).
HOSTIP=$(ip -4 route get 192.0.2.1 | sed -n 's/.* src \([0-9.]*\).*/\1/p')

say "container → host, $MIB MiB x $REPEAT per tool"
hp=$(to_host rcon-pasta)
hs=$(to_host rcon-slirp)
ph=$(to_host podman-slirp)
pph=
[ "$PODMAN_PASTA" -eq 1 ] && pph=$(to_host podman-pasta)
say "host → published port, $MIB MiB x $REPEAT per tool"
rp=$(to_port rcon-pasta 127.0.0.1)
rpg=$(to_port rcon-pasta "$HOSTIP")
rs=$(to_port rcon-slirp 127.0.0.1)
pp=$(to_port podman 127.0.0.1)
ps_=$(to_port podman-slirp 127.0.0.1)
ppp=
[ "$PODMAN_PASTA" -eq 1 ] && ppp=$(to_port podman-pasta 127.0.0.1)
{
    printf '2. container → host loopback (pasta --map-gw; slirp4netns allow_host_loopback), %s MiB, best of %s:\n' "$MIB" "$REPEAT"
    printf '   rcon pasta %s MiB/s, rcon slirp4netns %s MiB/s, podman slirp4netns %s MiB/s\n' "$hp" "$hs" "$ph"
    if [ -n "$pph" ]; then
        printf '   podman pasta %s MiB/s: rcon pasta/podman pasta %s (target >= 1: %s)\n' "$pph" \
            "$(ratio "$hp" "$pph")" "$(at_least "$hp" "$pph")"
    fi
    printf '   rcon pasta/podman slirp4netns %s, rcon pasta/rcon slirp4netns %s\n' \
        "$(ratio "$hp" "$ph")" "$(ratio "$hp" "$hs")"
    printf '3. host → published port, %s MiB, best of %s:\n' "$MIB" "$REPEAT"
    printf '   rcon pasta %s MiB/s (to %s: %s MiB/s), rcon slirp4netns add_hostfwd %s MiB/s\n' \
        "$rp" "$HOSTIP" "$rpg" "$rs"
    printf '   podman default (rootlessport) %s MiB/s, podman port_handler=slirp4netns %s MiB/s\n' "$pp" "$ps_"
    if [ -n "$ppp" ]; then
        printf '   podman pasta %s MiB/s: rcon pasta/podman pasta %s (target >= 1: %s)\n' "$ppp" \
            "$(ratio "$rp" "$ppp")" "$(at_least "$rp" "$ppp")"
    fi
    printf '   rcon pasta/podman default %s, rcon pasta/podman slirp4netns %s, rcon pasta/rcon slirp4netns %s\n' \
        "$(ratio "$rp" "$pp")" "$(ratio "$rp" "$ps_")" "$(ratio "$rp" "$rs")"
} >>"$SUMMARY"

# 4. run --rm on a named network, one container already on it for both tools.
"$U" rcon network create benchnet >/dev/null || die "rcon network create failed"
"$U" podman --network-backend netavark network create benchnet >/dev/null ||
    die "podman network create failed"
"$U" rcon run -d --name anchor --network benchnet "$ref" sleep 1000 >/dev/null ||
    die "rcon run --network benchnet failed"
"$U" podman --network-backend netavark --runtime runc run -d --name anchor --network benchnet \
    "$ref" sleep 1000 >/dev/null || die "podman run --network benchnet failed"
RCON_NET="$U rcon run --rm --network benchnet $ref true"
PODMAN_NET="$U podman --network-backend netavark --runtime runc run --rm --network benchnet $ref true"
hyperfine --style basic --runs "$RUNS" --warmup 3 --export-json "$W/hyperfine-net.json" \
    -n "rcon run --rm --network benchnet" "$RCON_NET" -n "podman run --rm --network benchnet" "$PODMAN_NET"
jq -r '.results[] | [.command, .median, .mean, .stddev, .min] | @tsv' "$W/hyperfine-net.json" |
    awk -F'\t' 'BEGIN { print "4. run --rm busybox true on a named network (median, mean ± sd, min):" }
        { printf "   %-40s %7.1f ms  %7.1f ± %5.1f ms  min %6.1f ms\n", $1, $2 * 1000, $3 * 1000, $4 * 1000, $5 * 1000 }' >>"$SUMMARY"
jq -r '[.results[].median] | @tsv' "$W/hyperfine-net.json" |
    awk -F'\t' '{ printf "   podman/rcon %.2f\n", $2 / $1 }' >>"$SUMMARY"

echo
echo "rcon (default network: $DEFAULT_NET) beside podman --runtime runc, as $BENCH_USER, image $ref"
echo "(rcon built $(stat -c %y "$RCON_DIR/rcon" | cut -d. -f1), $(podman --version), $(slirp4netns --version | head -n1),"
echo " passt $(dpkg-query -W -f '${Version}' passt 2>/dev/null || echo '?'), Podman pasta: $([ "$PODMAN_PASTA" -eq 1 ] && echo yes || echo no)"
echo " $(nproc) CPUs, kernel $(uname -r), load at start $load; every command runs through $U: setpriv + env)"
cat "$SUMMARY"
