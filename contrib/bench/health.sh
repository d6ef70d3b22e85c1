#!/bin/bash
# Healthcheck overhead: a busybox container with a `true` healthcheck every second runs for N
# seconds (default 60) as the unprivileged benchmark user; prints the CPU its supervisor used
# meanwhile (utime+stime of /proc/PID/stat, before and after) as a percentage of one CPU, and
# the same with the checks' own processes added (the supervisor reaps them, so their time
# lands in its cutime+cstime). Podman runs its healthchecks from systemd timers, which need a
# user session this benchmark does not have: it has no Podman column. Run by hand as root (not
# in CI); see contrib/bench/README.md.
#
#   contrib/bench/health.sh [--seconds N] [--interval DURATION] [--rcon-dir DIR] [--keep]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=contrib/bench/lib.sh
. "$HERE/lib.sh"

SECONDS_RUN=60
INTERVAL=1s
RCON_DIR=""
KEEP=0
usage() {
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

  --seconds N       how long the container runs while measured (default $SECONDS_RUN)
  --interval D      the healthcheck interval (default $INTERVAL)
  --rcon-dir DIR    take rcon and rcon-idmap from DIR instead of building target/release
  --keep            keep the temp folder for a look
EOF
}
while [ $# -gt 0 ]; do
    case $1 in
    --seconds) SECONDS_RUN=$2 && shift ;;
    --interval) INTERVAL=$2 && shift ;;
    --rcon-dir) RCON_DIR=$2 && shift ;;
    --keep) KEEP=1 ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
    esac
    shift
done
[ "$SECONDS_RUN" -ge 1 ] 2>/dev/null || die "--seconds takes a number, not $SECONDS_RUN"

need_root
id -u "$BENCH_USER" >/dev/null 2>&1 || die "user $BENCH_USER does not exist: create it (useradd -m $BENCH_USER) with /etc/subuid and /etc/subgid ranges"
ensure_packages uidmap docker-registry busybox-static curl libcap2-bin procps
ensure_rcon_dir
warn_if_loaded

W=$(mktemp -d /var/tmp/rcon-bench-health.XXXXXX)
chmod 0755 "$W"
REGISTRY_PID=""
cleanup() {
    set +e
    say "cleaning up $W"
    if [ -x "$W/as-user" ]; then
        "$W/as-user" rcon rm -af >/dev/null 2>&1
        "$W/as-user" rcon system reset -f >/dev/null 2>&1
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

bench_world "$W" health 64m
push_busybox "$W"
"$U" rcon pull -q "$ref" >"$W/pull.out" 2>&1 || die "rcon pull $ref failed: $(tail -n3 "$W/pull.out")"

cid=$("$U" rcon run -d --network none --health-cmd true --health-interval "$INTERVAL" \
    --health-max-log-count 0 "$ref" sleep 100000) || die "rcon run -d failed: $cid"
sup=$("$U" rcon inspect --format '{{.State.ConmonPid}}' "$cid")
[ -r "/proc/$sup/stat" ] || die "no supervisor process $sup for $cid"
# Results so far: the whole log is kept (--health-max-log-count 0), so the health file is
# rewritten larger every time, a pessimistic case.
checks() { grep -c '"ExitCode"' "$W/run/rcon/containers/$cid/health.json" 2>/dev/null || true; }
for _ in $(seq 1 100); do
    [ "$(checks)" -ge 1 ] && break
    sleep 0.1
done
[ "$(checks)" -ge 1 ] || die "no healthcheck result after 10 s: see $W/run/rcon/containers/$cid/supervisor.log"

# stat_ticks PID: "utime stime cutime cstime" in clock ticks (the fields after the command
# name, which may hold spaces: `rcon-sup abc123`).
stat_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12, $13, $14, $15 }'; }
hz=$(getconf CLK_TCK)
read -r u0 s0 cu0 cs0 < <(stat_ticks "$sup")
n0=$(checks)
t0=$(date +%s.%N)
say "measuring rcon-sup (pid $sup) for $SECONDS_RUN s, a check every $INTERVAL"
sleep "$SECONDS_RUN"
read -r u1 s1 cu1 cs1 < <(stat_ticks "$sup")
t1=$(date +%s.%N)
n1=$(checks)
[ "$("$U" rcon inspect --format '{{.State.Status}}' "$cid")" = running ] || die "the container stopped while measured"

awk -v u="$((u1 - u0))" -v s="$((s1 - s0))" -v cu="$((cu1 - cu0))" -v cs="$((cs1 - cs0))" \
    -v hz="$hz" -v t0="$t0" -v t1="$t1" -v n="$((n1 - n0))" -v load="$load" -v iv="$INTERVAL" 'BEGIN {
    wall = t1 - t0
    own = (u + s) / hz / wall * 100
    all = (u + s + cu + cs) / hz / wall * 100
    printf "healthcheck overhead, `true` every %s for %.1f s (load %s before):\n", iv, wall, load
    printf "  checks run:                           %d\n", n
    printf "  rcon-sup itself (utime+stime):        %.3f%% of one CPU (%d ticks at %d Hz)%s\n", own, u + s, hz,
        (own < 1 ? " (target < 1%: met)" : " (target < 1%: MISSED)")
    printf "  with the checks it reaps (+cutime+cstime): %.3f%% of one CPU", all
    if (n > 0) printf ", %.2f ms CPU per check", (u + s + cu + cs) / hz * 1000 / n
    printf "\n"
}'
