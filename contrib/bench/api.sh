#!/bin/bash
# Docker API benchmark: the same docker CLI (and docker-compose 1.29) against
# `rcon system service` and against `podman system service` (runc), as the same unprivileged
# user with busybox from a loopback registry, in one run. Four figures, each with the ratio
# rcon/podman and its target: `docker run --rm busybox true` (≤ 0.3), `docker ps -a` with
# 100 containers (≤ 0.2), docker-compose up -d + down of a three-service app (≤ 0.3), and the
# idle service's RSS after those requests (≤ 20 MiB). Run by hand as root (not in CI).
#
#   contrib/bench/api.sh [--runs N] [--containers N] [--compose-runs N] [--rcon-dir DIR] [--keep]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=contrib/bench/lib.sh
. "$HERE/lib.sh"

RUNS=20
COUNT=100
COMPOSE_RUNS=3
RCON_DIR=""
KEEP=0
DOCKER=/usr/local/bin/docker
usage() {
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

  --runs N          timed runs of docker run and docker ps (default $RUNS)
  --containers N    containers created for docker ps -a (default $COUNT)
  --compose-runs N  timed docker-compose up -d + down cycles (default $COMPOSE_RUNS)
  --rcon-dir DIR    take rcon and rcon-idmap from DIR (default: target/release when built,
                    else a release build of this checkout is made first)
  --keep            keep the temp folder (registry, homes, hyperfine JSON, logs) for a look
EOF
}
while [ $# -gt 0 ]; do
    case $1 in
    --runs) RUNS=$2 && shift ;;
    --containers) COUNT=$2 && shift ;;
    --compose-runs) COMPOSE_RUNS=$2 && shift ;;
    --rcon-dir) RCON_DIR=$2 && shift ;;
    --keep) KEEP=1 ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
    esac
    shift
done
for n in "$RUNS" "$COUNT" "$COMPOSE_RUNS"; do
    [ "$n" -ge 1 ] 2>/dev/null || die "--runs, --containers and --compose-runs take a number, not $n"
done

need_root
id -u "$BENCH_USER" >/dev/null 2>&1 || die "user $BENCH_USER does not exist: create it (useradd -m $BENCH_USER) with /etc/subuid and /etc/subgid ranges"
[ -x "$DOCKER" ] || die "no docker CLI at $DOCKER: install Docker's static client there (the tests use the same)"

ensure_packages podman runc fuse-overlayfs slirp4netns uidmap docker-registry busybox-static \
    docker-compose hyperfine curl jq iproute2 libcap2-bin procps

if [ -z "$RCON_DIR" ] && [ -x "$ROOT/target/release/rcon" ] && [ -x "$ROOT/target/release/rcon-idmap" ]; then
    RCON_DIR=$ROOT/target/release
fi
ensure_rcon_dir
case $RCON_DIR in */debug | */debug/) say "warning: $RCON_DIR is a debug build: its figures are not rcon's" ;; esac

warn_if_loaded

W=$(mktemp -d /var/tmp/rcon-bench-api.XXXXXX)
chmod 0755 "$W"
REGISTRY_PID=""
SERVICE_PIDS=()
cleanup() {
    set +e
    local p
    for p in "${SERVICE_PIDS[@]}"; do
        kill "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    bench_teardown
}

trap cleanup EXIT
trap 'exit 130' INT TERM

bench_world "$W" api 512m
push_busybox "$W"
say "image $ref"

# Both tools pull (not timed) and name the image busybox, as `docker run busybox` asks.
"$U" rcon pull -q "$ref" >"$W/pull-rcon.out" 2>&1 || die "rcon pull $ref failed: $(tail -n3 "$W/pull-rcon.out")"
"$U" rcon tag "$ref" docker.io/library/busybox:latest
"$U" podman pull -q "$ref" >"$W/pull-podman.out" 2>&1 || die "podman pull $ref failed: $(tail -n3 "$W/pull-podman.out")"
"$U" podman tag "$ref" docker.io/library/busybox:latest

# start_service NAME SOCKET CMD...: CMD as the bench user in the background, until SOCKET
# answers /_ping; sets SERVICE_PID (the service process itself: as-user execs into it).
start_service() {
    local name=$1 sock=$2 i
    shift 2
    "$U" "$@" >"$W/$name-service.log" 2>&1 &
    SERVICE_PID=$!
    SERVICE_PIDS+=("$SERVICE_PID")
    for i in $(seq 1 200); do
        "$U" curl -fsS -o /dev/null --unix-socket "$sock" http://d/_ping 2>/dev/null && return 0
        kill -0 "$SERVICE_PID" 2>/dev/null || die "$name's service exited: $(tail -n3 "$W/$name-service.log")"
        sleep 0.05
    done
    die "$name's service does not answer on $sock: see $W/$name-service.log"
}
RCON_SOCK=$W/run/rcon/rcon.sock
PODMAN_SOCK=$W/run/podman-bench.sock
start_service rcon "$RCON_SOCK" rcon system service --time 0
RCON_SVC=$SERVICE_PID
start_service podman "$PODMAN_SOCK" podman system service --time 0 "unix://$PODMAN_SOCK"
PODMAN_SVC=$SERVICE_PID

# $W/rcon-client and $W/podman-client: the as-user wrapper with DOCKER_HOST at that service.
for t in rcon podman; do
    sock=$RCON_SOCK
    [ $t = podman ] && sock=$PODMAN_SOCK
    cat >"$W/$t-client" <<EOF
#!/bin/sh
exec $U env DOCKER_HOST=unix://$sock "\$@"
EOF
    chmod 0755 "$W/$t-client"
done
RC=$W/rcon-client
PC=$W/podman-client
say "server versions: rcon $("$RC" "$DOCKER" version --format '{{.Server.Version}} (API {{.Server.APIVersion}})'), podman $("$PC" "$DOCKER" version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"

SUMMARY=$W/summary.txt
: >"$SUMMARY"

# works PART TOOL CMD: runs the shell command CMD once (not timed); when it fails, says so in
# the summary under PART and returns 1, so that TOOL is left out of the part.
works() {
    local out
    out=$(sh -c "$3" 2>&1) && return 0
    printf '   %s: not measured: `%s` failed: %s\n' "$2" "${3//$W\//}" \
        "$(printf '%s' "$out" | tail -n3 | tr '\n' ' ')" >>"$SUMMARY"
    return 1
}

# measure PART TITLE TARGET RUNS RCON_CMD PODMAN_CMD: both shell commands in one hyperfine run
# (those that work once first), the medians and the ratio rcon/podman against TARGET.
measure() {
    local part=$1 title=$2 target=$3 runs=$4 args=() r="" p="" c=""
    printf '%s. %s (median of %s):\n' "$part" "$title" "$runs" >>"$SUMMARY"
    if works "$part" rcon "$5"; then args+=(-n rcon "$5"); fi
    if works "$part" podman "$6"; then args+=(-n podman "$6"); fi
    [ ${#args[@]} -gt 0 ] || return 0
    hyperfine --style basic --runs "$runs" --warmup "$([ "$runs" -ge 5 ] && echo 2 || echo 0)" \
        --export-json "$W/hf-$part.json" "${args[@]}"
    r=$(jq -r '.results[] | select(.command == "rcon") | .median * 1000' "$W/hf-$part.json")
    p=$(jq -r '.results[] | select(.command == "podman") | .median * 1000' "$W/hf-$part.json")
    if [ -n "$r" ]; then printf '   rcon   %8.1f ms\n' "$r" >>"$SUMMARY"; fi
    # The client's own CPU time (user + system of the timed command and its children; the
    # service is no child of it): work no service can take away.
    c=$(jq -r '.results[] | select(.command == "rcon") | (.user + .system) * 1000' "$W/hf-$part.json")
    if [ -n "$c" ]; then
        awk -v c="$c" -v p="$p" 'BEGIN {
            printf "   the client'"'"'s own CPU time in the rcon runs: %.1f ms", c
            if (p != "") printf " (%.2f of podman'"'"'s median)", c / p
            printf "\n"
        }' >>"$SUMMARY"
    fi
    if [ -n "$p" ]; then printf '   podman %8.1f ms\n' "$p" >>"$SUMMARY"; fi
    if [ -n "$r" ] && [ -n "$p" ]; then
        awk -v t="$target" -v r="$r" -v p="$p" 'BEGIN {
            q = r / p
            if (t == "-") printf "   rcon/podman %.2f (no target)\n", q
            else printf "   rcon/podman %.2f (target <= %s): %s\n", q, t, (q <= t ? "met" : "NOT met")
        }' >>"$SUMMARY"
    fi
}

# 1. docker run --rm busybox true.
measure 1 "docker run --rm busybox true" 0.3 "$RUNS" \
    "$RC $DOCKER run --rm busybox true" "$PC $DOCKER run --rm busybox true"

# 2. docker ps -a with COUNT containers, created with each tool's own CLI (not timed); the
#    timed command checks the count too (a header line and one line each).
for i in $(seq 1 "$COUNT"); do
    "$U" rcon create --name "bench-$i" busybox true >/dev/null
    "$U" podman --runtime runc create --name "bench-$i" busybox true >/dev/null
done
measure 2 "docker ps -a with $COUNT containers" 0.2 "$RUNS" \
    "test \$($RC $DOCKER ps -a | wc -l) -eq $((COUNT + 1))" \
    "test \$($PC $DOCKER ps -a | wc -l) -eq $((COUNT + 1))"
# The same list without the docker CLI, which spends most of the figure above on its own
# start-up and table: the raw request, and the client's floor (`docker ps -a` of nothing is
# not possible with the containers there, so `docker version`: one request, no table).
measure 2b "GET /containers/json?all=1 by curl, $COUNT containers" 0.2 "$RUNS" \
    "$U curl -fsS -o /dev/null --unix-socket $RCON_SOCK http://d/v1.44/containers/json?all=1" \
    "$U curl -fsS -o /dev/null --unix-socket $PODMAN_SOCK http://d/v1.44/containers/json?all=1"
measure 2c "docker version (the client's floor)" - "$RUNS" \
    "$RC $DOCKER version >/dev/null" "$PC $DOCKER version >/dev/null"
"$U" rcon rm -af >/dev/null
"$U" podman rm -af >/dev/null

# 3. docker-compose up -d + down -v of a three-service app (as tests/api_clients.rs has it).
for t in rcon podman; do
    app=$W/home/$t-app/shop
    mkdir -p "$app/www"
    echo "hello from web" >"$app/www/index.html"
    echo "DB_NAME=appdb" >"$app/db.env"
    cat >"$app/docker-compose.yml" <<EOF
version: "3.8"
services:
  web:
    image: busybox
    command: ["busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]
    ports:
      - "$(free_port):8080"
    volumes:
      - ./www:/www:ro
    networks: [appnet]
  db:
    image: busybox
    command: ["sh", "-c", "while true; do echo \"pong from db \$\$DB_NAME\" | nc -l -p 5432; done"]
    env_file: [db.env]
    volumes:
      - dbdata:/data
    networks: [appnet]
  worker:
    image: busybox
    command: ["sh", "-c", "while true; do echo ping | nc db 5432; sleep 1; done"]
    depends_on: [db]
    networks: [appnet]
volumes:
  dbdata:
networks:
  appnet:
EOF
    cat >"$W/$t-compose-cycle" <<EOF
#!/bin/sh
set -e
cd $app
$W/$t-client docker-compose -p shop up -d
$W/$t-client docker-compose -p shop down -v -t 0
EOF
    chmod 0755 "$W/$t-compose-cycle"
done
chown -R "$BENCH_USER:" "$W/home"
measure 3 "docker-compose up -d + down -v, three services" 0.3 "$COMPOSE_RUNS" \
    "$W/rcon-compose-cycle" "$W/podman-compose-cycle"
# The client's own floor: two docker-compose start-ups (Python) with no service work.
hyperfine --style basic --runs "$COMPOSE_RUNS" --export-json "$W/hf-compose-floor.json" \
    -n floor "$RC docker-compose version && $RC docker-compose version"
floor=$(jq -r '.results[0].median * 1000' "$W/hf-compose-floor.json")
r=$(jq -r '.results[] | select(.command == "rcon") | .median * 1000' "$W/hf-3.json" 2>/dev/null || true)
p=$(jq -r '.results[] | select(.command == "podman") | .median * 1000' "$W/hf-3.json" 2>/dev/null || true)
printf '   the client alone (docker-compose version, twice): %.0f ms\n' "$floor" >>"$SUMMARY"
if [ -n "$r" ] && [ -n "$p" ]; then
    awk -v f="$floor" -v r="$r" -v p="$p" 'BEGIN {
        printf "   beyond it: rcon %.0f ms, podman %.0f ms, rcon/podman %.2f\n", r - f, p - f, (r - f) / (p - f)
    }' >>"$SUMMARY"
fi

# 4. The idle services' memory after all of the above.
sleep 1
r=$(proc_rss_kb "$RCON_SVC" VmRSS)
p=$(proc_rss_kb "$PODMAN_SVC" VmRSS)
{
    printf '4. idle service VmRSS: rcon %s kB (Pss %s kB), podman %s kB (Pss %s kB)\n' \
        "$r" "$(proc_pss_kb "$RCON_SVC")" "$p" "$(proc_pss_kb "$PODMAN_SVC")"
    awk -v r="$r" -v p="$p" 'BEGIN {
        printf "   rcon %.1f MiB (target <= 20 MiB): %s; rcon/podman %.2f\n", r / 1024,
            (r <= 20 * 1024 ? "met" : "NOT met"), r / p
    }'
    printf '   load average %s, rcon from %s\n' "$load" "$RCON_DIR"
} >>"$SUMMARY"

echo
cat "$SUMMARY"
