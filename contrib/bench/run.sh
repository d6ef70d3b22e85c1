#!/bin/bash
# Container start benchmark: rcon beside Podman (runc) and the bwrap floor on this machine, as
# the same unprivileged user with the same busybox image from a loopback registry. Three parts:
# `run --rm --network none busybox true` in one hyperfine run (medians, podman/rcon,
# rcon/bwrap); the supervisor's RSS beside conmon's while a container sleeps; `ps -a` with
# 1000 containers; `images` with 500 images. Run by hand as root (not in CI); see
# contrib/bench/README.md.
#
#   contrib/bench/run.sh [--runs N] [--containers N] [--images N] [--podman-ps auto|yes|no]
#                        [--podman-images auto|yes|no] [--rcon-dir DIR] [--keep]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=contrib/bench/lib.sh
. "$HERE/lib.sh"

RUNS=30
COUNT=1000
IMAGES=500
PODMAN_PS=auto
PODMAN_IMAGES=auto
RCON_DIR=""
KEEP=0
usage() {
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

  --runs N          timed runs per command (default $RUNS; at least 20 for the medians)
  --containers N    containers created for the ps part (default $COUNT)
  --podman-ps P     also create N Podman containers and time podman ps -a: yes, no, or
                    auto (default: only when the first 50 creates project under 5 minutes)
  --images N        images pushed and pulled for the images part (default $IMAGES)
  --podman-images P also pull them with Podman and time podman images: yes, no, or auto
                    (default: only when its first 20 pulls project under 5 minutes)
  --rcon-dir DIR    take rcon and rcon-idmap from DIR instead of building target/release
  --keep            keep the temp folder (registry, homes, hyperfine JSON) for a look
EOF
}
while [ $# -gt 0 ]; do
    case $1 in
    --runs) RUNS=$2 && shift ;;
    --containers) COUNT=$2 && shift ;;
    --podman-ps) PODMAN_PS=$2 && shift ;;
    --images) IMAGES=$2 && shift ;;
    --podman-images) PODMAN_IMAGES=$2 && shift ;;
    --rcon-dir) RCON_DIR=$2 && shift ;;
    --keep) KEEP=1 ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
    esac
    shift
done
case $PODMAN_PS in auto | yes | no) ;; *) die "--podman-ps takes auto, yes or no, not $PODMAN_PS" ;; esac
[ "$RUNS" -ge 1 ] 2>/dev/null || die "--runs takes a number, not $RUNS"
case $PODMAN_IMAGES in auto | yes | no) ;; *) die "--podman-images takes auto, yes or no, not $PODMAN_IMAGES" ;; esac
[ "$COUNT" -ge 1 ] 2>/dev/null || die "--containers takes a number, not $COUNT"
[ "$IMAGES" -ge 20 ] 2>/dev/null || die "--images takes a number of at least 20, not $IMAGES"

need_root
id -u "$BENCH_USER" >/dev/null 2>&1 || die "user $BENCH_USER does not exist: create it (useradd -m $BENCH_USER) with /etc/subuid and /etc/subgid ranges"
grep -q "^$BENCH_USER:" /etc/subuid && grep -q "^$BENCH_USER:" /etc/subgid ||
    die "$BENCH_USER has no /etc/subuid or /etc/subgid range: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $BENCH_USER"

ensure_packages podman runc fuse-overlayfs slirp4netns uidmap docker-registry busybox-static \
    bubblewrap hyperfine curl jq iproute2 libcap2-bin procps

ensure_rcon_dir

warn_if_loaded

W=$(mktemp -d /var/tmp/rcon-bench-run.XXXXXX)
chmod 0755 "$W"
REGISTRY_PID=""
trap bench_teardown EXIT
trap 'exit 130' INT TERM

mkdir -p "$W/bin" "$W/home/tmp" "$W/run" "$W/image"
# XDG_RUNTIME_DIR is a tmpfs in a real session (/run/user/UID): state files there are
# written with fsync, which costs milliseconds on the disk and nothing on tmpfs.
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
chown -R "$BENCH_USER:" "$W/home" "$W/run"
chmod 0700 "$W/home" "$W/run"
U=$W/as-user

# The busybox image, one layer, and an unpacked copy of the same tree for bwrap.
rootfs=$W/rootfs
make_busybox_rootfs "$rootfs"
(cd "$rootfs" && find . -mindepth 1 | LC_ALL=C sort) >"$W/image/1.list"
make_layer "$rootfs" "$W/image/1" "$W/image/1.list"
IMAGE_CMD='["sh"]' IMAGE_ORIGIN="busybox-static" push_image "http://$hostport" bench/busybox latest "$W/image" "$W/image/1"
ref=$hostport/bench/busybox:latest
say "image $ref: busybox $(/bin/busybox | head -n1 | cut -d' ' -f2), $(($(stat -c %s "$W/image/1.tar.gz") / 1024)) KiB compressed"

# Both tools pull first (not timed) and must be able to run the image at all.
"$U" rcon pull -q "$ref" >"$W/pull-rcon.out" 2>&1 || die "rcon pull $ref failed: $(tail -n3 "$W/pull-rcon.out")"
"$U" podman pull -q "$ref" >"$W/pull-podman.out" 2>&1 || die "podman pull $ref failed: $(tail -n3 "$W/pull-podman.out")"
RCON_RUN="$U rcon run --rm --network none $ref true"
PODMAN_RUN="$U podman --runtime runc run --rm --network none $ref true"
BWRAP_RUN="$U bwrap --unshare-all --uid 0 --gid 0 --bind $rootfs / --proc /proc --dev /dev /bin/true"
for c in "$RCON_RUN" "$PODMAN_RUN" "$BWRAP_RUN"; do
    out=$($c 2>&1) || die "'$c' failed: $out"
done
say "podman: $(podman --version), runtime $("$U" podman info --format '{{.Host.OCIRuntime.Name}}' 2>/dev/null) by default (runc here by flag)"

SUMMARY=$W/summary.txt
: >"$SUMMARY"

# 1. run --rm true.
hyperfine --style basic --runs "$RUNS" --warmup 3 --export-json "$W/hyperfine-run.json" \
    -n "rcon run --rm" "$RCON_RUN" -n "podman run --rm (runc)" "$PODMAN_RUN" -n "bwrap" "$BWRAP_RUN"
jq -r '.results[] | [.command, .median, .mean, .stddev, .min] | @tsv' "$W/hyperfine-run.json" |
    awk -F'\t' 'BEGIN { print "1. run --rm --network none busybox true (median, mean ± sd, min):" }
        { printf "   %-24s %7.1f ms  %7.1f ± %5.1f ms  min %6.1f ms\n", $1, $2 * 1000, $3 * 1000, $4 * 1000, $5 * 1000 }' >>"$SUMMARY"
jq -r '[.results[].median] | @tsv' "$W/hyperfine-run.json" | awk -F'\t' '{
    printf "   podman/rcon %.2f (%s), rcon/bwrap %.2f\n", $2 / $1,
        ($2 >= $1 ? sprintf("rcon %.1fx faster", $2 / $1) : sprintf("rcon %.1fx SLOWER", $1 / $2)), $1 / $3
}' >>"$SUMMARY"

# 2. The supervisor's memory while a container sleeps, beside conmon's.
#    helpers_rss INIT: "comm VmRSS" of the network helpers (slirp4netns, pasta) whose command
#    line names the container's init pid, or "none".
helpers_rss() {
    local h out=""
    for h in $(pgrep -u "$BENCH_USER" -f "^[^ ]*(slirp4netns|pasta)( .*)? $1( |\$)"); do
        out+="$(cat "/proc/$h/comm" 2>/dev/null) $(proc_rss_kb "$h" VmRSS) kB "
    done
    printf '%s\n' "${out:-none}"
}
rid=$("$U" rcon run -d --network none "$ref" sleep 1000) || die "rcon run -d failed: $rid"
pid=$("$U" podman --runtime runc run -d --network none "$ref" sleep 1000) || die "podman run -d failed: $pid"
sleep 2
sup=$("$U" rcon inspect --format '{{.State.ConmonPid}}' "$rid")
rinit=$("$U" rcon inspect --format '{{.State.Pid}}' "$rid")
case $(cat "/proc/$sup/comm" 2>/dev/null) in
"rcon-sup"*) ;;
*)
    # Fall back to the process named for the container.
    sup=$(pgrep -u "$BENCH_USER" -x "rcon-sup ${rid:0:6}" | head -n1) || die "no rcon-sup process for $rid"
    ;;
esac
conmon=$("$U" podman inspect --format '{{.State.ConmonPid}}' "$pid")
pinit=$("$U" podman inspect --format '{{.State.Pid}}' "$pid")
{
    printf '2. while `run -d --network none busybox sleep 1000` runs:\n'
    printf '   rcon-sup (pid %s, %s): VmRSS %s kB (anon %s, file %s), Pss %s kB, %s thread(s)%s\n' \
        "$sup" "$(cat "/proc/$sup/comm")" "$(proc_rss_kb "$sup" VmRSS)" "$(proc_rss_kb "$sup" RssAnon)" \
        "$(proc_rss_kb "$sup" RssFile)" "$(proc_pss_kb "$sup")" "$(proc_rss_kb "$sup" Threads)" \
        "$(awk '$1 == "VmRSS:" { exit !($2 <= 4096) }' "/proc/$sup/status" && echo ' (target <= 4096 kB: met)' || echo ' (target <= 4096 kB: MISSED)')"
    printf '   conmon   (pid %s): VmRSS %s kB (anon %s, file %s), Pss %s kB\n' \
        "$conmon" "$(proc_rss_kb "$conmon" VmRSS)" "$(proc_rss_kb "$conmon" RssAnon)" \
        "$(proc_rss_kb "$conmon" RssFile)" "$(proc_pss_kb "$conmon")"
    printf '   network helpers: rcon %s; podman %s\n' "$(helpers_rss "$rinit")" "$(helpers_rss "$pinit")"
} >>"$SUMMARY"
cp "/proc/$sup/smaps_rollup" "$W/rcon-sup.smaps_rollup" 2>/dev/null || true
cp "/proc/$sup/status" "$W/rcon-sup.status" 2>/dev/null || true
"$U" rcon rm -f "$rid" >/dev/null || say "rcon rm -f $rid failed"
"$U" podman rm -f -t 0 "$pid" >/dev/null || say "podman rm -f $pid failed"

# 3. ps -a with COUNT created containers.
say "creating $COUNT rcon containers (xargs -P 4)"
t0=$(date +%s.%N)
seq "$COUNT" | xargs -P 4 -I{} "$U" rcon create -q "$ref" true >/dev/null ||
    die "rcon create failed (see above)"
t1=$(date +%s.%N)
n=$("$U" rcon ps -aq | wc -l)
[ "$n" -eq "$COUNT" ] || die "rcon ps -a lists $n containers, not $COUNT"
rcon_create=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
say "rcon: $COUNT containers in $rcon_create s"

do_podman=0
podman_create=""
if [ "$PODMAN_PS" != no ]; then
    t0=$(date +%s.%N)
    first=$((COUNT < 50 ? COUNT : 50))
    seq "$first" | xargs -P 4 -I{} "$U" podman --runtime runc create -q "$ref" true >/dev/null ||
        die "podman create failed (see above)"
    t1=$(date +%s.%N)
    est=$(awk -v a="$t0" -v b="$t1" -v n="$COUNT" -v f="$first" 'BEGIN { printf "%d", (b - a) * n / f }')
    if [ "$PODMAN_PS" = yes ] || [ "$est" -le 300 ]; then
        say "creating $((COUNT - first)) more podman containers (about $est s in all)"
        seq 0 $((COUNT - first - 1)) | xargs -P 4 -I{} "$U" podman --runtime runc create -q "$ref" true >/dev/null ||
            die "podman create failed (see above)"
        t2=$(date +%s.%N)
        podman_create=$(awk -v a="$t0" -v b="$t2" 'BEGIN { printf "%.1f", b - a }')
        n=$("$U" podman ps -aq | wc -l)
        [ "$n" -eq "$COUNT" ] || die "podman ps -a lists $n containers, not $COUNT"
        do_podman=1
    else
        say "podman create projects to $est s for $COUNT: podman ps -a left out (--podman-ps yes forces it)"
        "$U" podman rm -af >/dev/null 2>&1
    fi
fi
if [ "$do_podman" -eq 1 ]; then
    hyperfine --style basic --runs "$RUNS" --warmup 3 --export-json "$W/hyperfine-ps.json" \
        -n "rcon ps -a" "$U rcon ps -a" -n "podman ps -a" "$U podman ps -a"
else
    hyperfine --style basic --runs "$RUNS" --warmup 3 --export-json "$W/hyperfine-ps.json" \
        -n "rcon ps -a" "$U rcon ps -a"
fi
{
    printf '3. ps -a with %s containers (created in: rcon %s s%s):\n' "$COUNT" "$rcon_create" \
        "${podman_create:+, podman $podman_create s}"
    jq -r '.results[] | [.command, .median, .mean, .stddev] | @tsv' "$W/hyperfine-ps.json" |
        awk -F'\t' '{ printf "   %-13s median %6.1f ms  mean %6.1f ± %4.1f ms%s\n", $1, $2 * 1000, $3 * 1000, $4 * 1000,
            ($1 ~ /^rcon/ ? ($2 <= 0.02 ? "  (target <= 20 ms: met)" : "  (target <= 20 ms: MISSED)") : "") }'
    if [ "$do_podman" -eq 1 ]; then
        jq -r '[.results[].median] | @tsv' "$W/hyperfine-ps.json" | awk -F'\t' '{ printf "   podman/rcon %.2f\n", $2 / $1 }'
    else
        printf '   podman ps -a not measured (--podman-ps %s)\n' "$PODMAN_PS"
    fi
} >>"$SUMMARY"

# 4. images with IMAGES images: busybox and one small layer of its own each (/etc/bench-image),
#    a label and two history entries in each config, as images built FROM a shared base are;
#    pushed to the loopback registry as bench/many:t1..tN and pulled, so each is a real pull
#    with its own manifest, config and layer in the store.
#    make_many I: image I's layer, config and manifest, pushed (xargs runs it in a new bash).
make_many() {
    local i=$1 d=$W/many/$1
    mkdir -p "$d/root/etc"
    printf 'image %s\n' "$i" >"$d/root/etc/bench-image"
    printf '%s\n' ./etc ./etc/bench-image >"$d/list"
    make_layer "$d/root" "$d/layer" "$d/list"
    IMAGE_CMD='["sh"]' IMAGE_ORIGIN="bench image $i:" IMAGE_CONFIG_MORE="\"Labels\":{\"bench.image\":\"$i\"}," \
        push_image "http://$hostport" bench/many "t$i" "$d" "$W/image/1" "$d/layer"
}
export -f make_many make_layer push_image push_blob say die
export W hostport
say "pushing $IMAGES images bench/many:t1..t$IMAGES (xargs -P 4)"
t0=$(date +%s.%N)
seq "$IMAGES" | xargs -P 4 -I{} bash -c 'make_many {}' || die "pushing the images failed (see above)"
t1=$(date +%s.%N)
# shellcheck disable=SC2046 # one word per reference
"$U" rcon pull -q $(seq -f "$hostport/bench/many:t%g" "$IMAGES") >"$W/pull-many-rcon.out" 2>&1 ||
    die "rcon pull of bench/many failed: $(tail -n3 "$W/pull-many-rcon.out")"
t2=$(date +%s.%N)
n=$("$U" rcon images -q | wc -l)
[ "$n" -eq $((IMAGES + 1)) ] || die "rcon images lists $n images, not $((IMAGES + 1))"
push_time=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
rcon_pull=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", b - a }')
say "$IMAGES images pushed in $push_time s, rcon pulled them in $rcon_pull s"

do_podman=0
podman_pull=""
if [ "$PODMAN_IMAGES" != no ]; then
    t0=$(date +%s.%N)
    for i in $(seq 20); do
        "$U" podman pull -q "$hostport/bench/many:t$i" >/dev/null 2>&1 || die "podman pull bench/many:t$i failed"
    done
    t1=$(date +%s.%N)
    est=$(awk -v a="$t0" -v b="$t1" -v n="$IMAGES" 'BEGIN { printf "%d", (b - a) * n / 20 }')
    if [ "$PODMAN_IMAGES" = yes ] || [ "$est" -le 300 ]; then
        say "podman pull --all-tags bench/many (about $est s in all)"
        "$U" podman pull -q --all-tags "$hostport/bench/many" >"$W/pull-many-podman.out" 2>&1 ||
            die "podman pull --all-tags bench/many failed: $(tail -n3 "$W/pull-many-podman.out")"
        t2=$(date +%s.%N)
        podman_pull=$(awk -v a="$t0" -v b="$t2" 'BEGIN { printf "%.1f", b - a }')
        n=$("$U" podman images -q | wc -l)
        [ "$n" -eq $((IMAGES + 1)) ] || die "podman images lists $n images, not $((IMAGES + 1))"
        do_podman=1
    else
        say "podman pull projects to $est s for $IMAGES: podman images left out (--podman-images yes forces it)"
    fi
fi
if [ "$do_podman" -eq 1 ]; then
    hyperfine --style basic --runs "$RUNS" --warmup 3 --export-json "$W/hyperfine-images.json" \
        -n "rcon images" "$U rcon images" -n "podman images" "$U podman images"
else
    hyperfine --style basic --runs "$RUNS" --warmup 3 --export-json "$W/hyperfine-images.json" \
        -n "rcon images" "$U rcon images"
fi
{
    printf '4. images with %s images (+ busybox; pulled in: rcon %s s%s):\n' "$IMAGES" "$rcon_pull" \
        "${podman_pull:+, podman $podman_pull s}"
    jq -r '.results[] | [.command, .median, .mean, .stddev] | @tsv' "$W/hyperfine-images.json" |
        awk -F'\t' '{ printf "   %-13s median %6.1f ms  mean %6.1f ± %4.1f ms%s\n", $1, $2 * 1000, $3 * 1000, $4 * 1000,
            ($1 ~ /^rcon/ ? ($2 <= 0.02 ? "  (target <= 20 ms: met)" : "  (target <= 20 ms: MISSED)") : "") }'
    if [ "$do_podman" -eq 1 ]; then
        jq -r '[.results[].median] | @tsv' "$W/hyperfine-images.json" | awk -F'\t' '{ printf "   podman/rcon %.2f\n", $2 / $1 }'
    else
        printf '   podman images not measured (--podman-images %s)\n' "$PODMAN_IMAGES"
    fi
} >>"$SUMMARY"

echo
echo "rcon beside podman --runtime runc and bwrap, as $BENCH_USER, image $ref, $RUNS runs each"
echo "(rcon built $(stat -c %y "$RCON_DIR/rcon" | cut -d. -f1), $(podman --version), $(runc --version | head -n1), bwrap $(bwrap --version | cut -d' ' -f2)"
echo " $(nproc) CPUs, kernel $(uname -r), load at start $load; every command runs through $U: setpriv + env)"
cat "$SUMMARY"
