#!/bin/bash
# Podman's own system tests (bats files under test/system of a containers/podman source tree,
# tag v4.3.1) run with PODMAN=rcon and with PODMAN=podman, side by side, as the unprivileged
# user rcontest with a private HOME per tool. The suite's test image
# (quay.io/libpod/testimage:20220615, and :00000004 for the pull tests) is a stand-in built
# here as the suite's build-testimage describes it: busybox, /home/podman/testimage-id (mtime
# 1600000000) and /home/podman/pause, WORKDIR /home/podman, the created_by/created_at labels;
# it is pushed to a loopback docker-registry that registries.conf mirrors quay.io to.
# Prints `FILE: N passed, N failed, N skipped` per file and tool, and the totals; the TAP
# output of each file is kept in the work folder. Run by hand as root, not in CI (the tests
# are Podman's code: bring them with `git archive v4.3.1 test/system`, never into this tree).
#
#   contrib/podman-tests.sh [--tools rcon,podman] [--rcon-dir DIR] [--timeout SECS] [--keep]
#                           PODMAN-SOURCE [FILE...]
#
# FILE is a name such as 030-run.bats or 030 (default: the fourteen files of the
# compatibility table in README.md).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
# shellcheck source=contrib/bench/lib.sh
. "$HERE/bench/lib.sh"

DEFAULT_FILES="001 010 020 030 035 040 045 050 055 065 075 130 160 500"
TOOLS=rcon,podman
RCON_DIR=""
TIMEOUT=1800
KEEP=0
usage() {
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

  --tools LIST      rcon, podman or both (default rcon,podman)
  --rcon-dir DIR    take rcon and rcon-idmap from DIR instead of building target/release
  --timeout SECS    a file that runs longer is stopped and counted as it stands (default 1800)
  --keep            keep the work folder (TAP output, homes, registry) for a look
EOF
}
while [ $# -gt 0 ]; do
    case $1 in
    --tools) TOOLS=$2 && shift ;;
    --rcon-dir) RCON_DIR=$2 && shift ;;
    --timeout) TIMEOUT=$2 && shift ;;
    --keep) KEEP=1 ;;
    -h | --help) usage && exit 0 ;;
    -*) usage >&2 && exit 2 ;;
    *) break ;;
    esac
    shift
done
[ $# -ge 1 ] || { usage >&2 && exit 2; }
SRC=$(cd "$1" && pwd) || die "no folder $1"
shift
SYSTEM=$SRC/test/system
[ -f "$SYSTEM/helpers.bash" ] || die "$SRC has no test/system/helpers.bash: pass the root of a podman source tree (git archive v4.3.1 test/system)"
FILES=()
for f in ${*:-$DEFAULT_FILES}; do
    m=("$SYSTEM/$f"*.bats)
    [ -f "${m[0]}" ] || die "no test file $f in $SYSTEM"
    FILES+=("$(basename "${m[0]}")")
done
IFS=, read -r -a TOOL_LIST <<<"$TOOLS"
for t in "${TOOL_LIST[@]}"; do
    case $t in rcon | podman) ;; *) die "unknown tool $t: rcon or podman" ;; esac
done

need_root
id -u "$BENCH_USER" >/dev/null 2>&1 || die "user $BENCH_USER does not exist: sudo contrib/ci/setup.sh creates it"
ensure_packages bats podman runc slirp4netns uidmap docker-registry busybox-static curl jq \
    iproute2 libcap2-bin procps apache2-utils openssl skopeo socat
case ",$TOOLS," in *,rcon,*) ensure_rcon_dir ;; esac

W=$(mktemp -d /var/tmp/rcon-podman-tests.XXXXXX)
chmod 0755 "$W"
PIDS=()
cleanup() {
    set +e
    for t in "${TOOL_LIST[@]}"; do
        [ -x "$W/$t/as-user" ] || continue
        "$W/$t/as-user" "$t" rm -af -t 0 >/dev/null 2>&1
        "$W/$t/as-user" "$t" pod rm -af >/dev/null 2>&1
    done
    [ ${#PIDS[@]} -gt 0 ] && kill "${PIDS[@]}" 2>/dev/null
    if [ "$KEEP" = 1 ]; then
        say "kept $W"
    else
        rm -rf "$W"
    fi
}
trap cleanup EXIT

# The test image stand-in, in a loopback registry.
port=$(free_port)
start_registry "$W/registry" "$port"
PIDS+=("$REGISTRY_PID")
REG=127.0.0.1:$port
make_busybox_rootfs "$W/rootfs"
# The real testimage is Alpine's: its empty top-level folders too (tests use --workdir=/srv).
mkdir -p "$W/rootfs"/{media,mnt,opt,run,srv}
mkdir -p "$W/rootfs/home/podman"
echo 20220615 >"$W/rootfs/home/podman/testimage-id"
touch --date=@1600000000 "$W/rootfs/home/podman/testimage-id"
cat >"$W/rootfs/home/podman/pause" <<'EOF'
#!/bin/sh
#
# Trivial little pause script, used in one of the pod tests
#
echo Confirmed: testimage pause invoked as $0
while :; do
    sleep 0.1
done
EOF
chmod 0755 "$W/rootfs/home/podman/pause"
# The real testimage is Alpine's busybox, which has printenv; Debian's static one has not.
cat >"$W/rootfs/bin/printenv" <<'EOF'
#!/bin/sh
# printenv [NAME...]: the environment, or each NAME's value (1 when one is unset)
[ $# -eq 0 ] && exec env
rc=0
for n in "$@"; do
    if env | grep -q "^$n="; then env | sed -n "s/^$n=//p"; else rc=1; fi
done
exit $rc
EOF
chmod 0755 "$W/rootfs/bin/printenv"
# The real testimage adds Alpine's busybox-extras (httpd and friends); Debian's busybox has them.
ln -sf busybox "$W/rootfs/bin/busybox-extras"
(cd "$W/rootfs" && find . -mindepth 1 | LC_ALL=C sort) >"$W/layer.list"
make_layer "$W/rootfs" "$W/layer" "$W/layer.list"
for tag in 20220615 00000004; do
    IMAGE_CMD='["/bin/echo","This container is intended for podman CI testing"]' \
        IMAGE_ORIGIN="rcon podman-tests stand-in" \
        IMAGE_CONFIG_MORE='"WorkingDir":"/home/podman","Labels":{"created_by":"test/system/build-testimage","created_at":"2022-06-15T00:00:00Z"},' \
        push_image "http://$REG" libpod/testimage "$tag" "$W" "$W/layer"
done
say "test image $REG/libpod/testimage:20220615, mirrored for quay.io/libpod/testimage"

# The registry image 150-login runs (quay.io/libpod/registry:2.8): Debian's docker-registry
# with its libraries on the busybox tree, serving /var/lib/registry on :5000; the suite's
# REGISTRY_AUTH*/REGISTRY_HTTP_TLS* variables configure it as they do the upstream image.
R=$W/registry-rootfs
make_busybox_rootfs "$R"
mkdir -p "$R/etc/docker/registry" "$R/var/lib/registry"
for f in /usr/bin/docker-registry $(ldd /usr/bin/docker-registry | grep -oE '/[^ ]+'); do
    mkdir -p "$R$(dirname "$f")"
    cp -L "$f" "$R$f"
done
cat >"$R/etc/docker/registry/config.yml" <<'EOF'
version: 0.1
storage:
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: :5000
EOF
(cd "$R" && find . -mindepth 1 | LC_ALL=C sort) >"$W/registry-layer.list"
make_layer "$R" "$W/registry-layer" "$W/registry-layer.list"
IMAGE_CMD='["/etc/docker/registry/config.yml"]' IMAGE_ORIGIN="rcon podman-tests registry stand-in" \
    IMAGE_CONFIG_MORE='"Entrypoint":["/usr/bin/docker-registry","serve"],"ExposedPorts":{"5000/tcp":{}},' \
    push_image "http://$REG" libpod/registry 2.8 "$W" "$W/registry-layer"
say "registry image $REG/libpod/registry:2.8, mirrored for quay.io/libpod/registry"

# One private home per tool, the same configuration files.
for t in "${TOOL_LIST[@]}"; do
    d=$W/$t
    mkdir -p "$d/bin" "$d/home/tmp" "$d/run"
    write_user_env "$d"
    write_user_config "$d" "$REG"
    cat >"$d/home/.config/containers/registries.conf" <<EOF
unqualified-search-registries = ["docker.io"]

[[registry]]
prefix = "quay.io"
location = "quay.io"

[[registry.mirror]]
location = "$REG"
insecure = true

[[registry]]
location = "$REG"
insecure = true
EOF
    if [ "$t" = rcon ]; then
        install -m 0755 "$RCON_DIR/rcon" "$RCON_DIR/rcon-idmap" "$d/bin/"
        setcap cap_setuid,cap_setgid+ep "$d/bin/rcon-idmap" ||
            die "setcap on rcon-idmap failed: install libcap2-bin"
    fi
    chown -R "$BENCH_USER:" "$d/home" "$d/run"
    chmod 0700 "$d/home" "$d/run"
done

# run_file TOOL FILE: the file's tests under bats as the test user; prints the counts line.
run_file() {
    local t=$1 f=$2 tap=$W/$1/${2%.bats}.tap cmd pass fail skip
    cmd=podman
    [ "$t" = rcon ] && cmd=$W/rcon/bin/rcon
    (cd "$SYSTEM" && timeout --kill-after=30 "$TIMEOUT" "$W/$t/as-user" env PODMAN="$cmd" \
        bats --tap "$SYSTEM/$f") >"$tap" 2>&1 || true
    skip=$(grep -cE '^ok [0-9]+ .*# skip' "$tap" || true)
    pass=$(($(grep -cE '^ok [0-9]+' "$tap" || true) - skip))
    fail=$(grep -cE '^not ok [0-9]+' "$tap" || true)
    printf '%s %s %s %s %s\n' "$t" "$f" "$pass" "$fail" "$skip" >>"$W/counts"
    say "$t $f: $pass passed, $fail failed, $skip skipped"
}

: >"$W/counts"
for f in "${FILES[@]}"; do
    for t in "${TOOL_LIST[@]}"; do
        run_file "$t" "$f"
    done
done

for t in "${TOOL_LIST[@]}"; do
    echo "$t:"
    awk -v t="$t" '$1 == t {
        printf "  %s: %d passed, %d failed, %d skipped\n", $2, $3, $4, $5
        p += $3; f += $4; s += $5
    } END { printf "  total: %d passed, %d failed, %d skipped\n", p, f, s }' "$W/counts"
done
