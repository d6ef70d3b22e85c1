# Helpers for contrib/bench/*.sh (sourced, not run): packages, the cached Debian tree and its
# image layers, a loopback registry, pushing an OCI image with curl, and running commands as
# the benchmark user with a clean environment.
# shellcheck shell=bash

BENCH_CACHE=${BENCH_CACHE:-/var/cache/rcon-bench}
BENCH_USER=${BENCH_USER:-rcontest}

say() { printf '%s\n' "bench $(date +%T): $*" >&2; }
die() {
    printf '%s\n' "bench: $*" >&2
    exit 1
}

# need_root: the set-up installs packages, sets file capabilities and switches users.
need_root() {
    [ "$(id -u)" -eq 0 ] || die "run as root (sudo $0): the benchmark installs packages and runs the tools as $BENCH_USER"
}

# ensure_packages PKG...: apt-get install the ones that are not installed yet.
ensure_packages() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null ||
        die "apt-get install ${missing[*]} failed: run apt-get update and retry"
}

# debian_mirror: the first Debian mirror of the apt sources (one-line or deb822 form).
debian_mirror() {
    local m
    m=$(grep -hsE '^(deb|URIs:)' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
        /etc/apt/sources.list.d/*.sources 2>/dev/null |
        grep -oE 'https?://[^ ]*/debian/?' | grep -v security | head -n1)
    printf '%s\n' "${m:-http://deb.debian.org/debian}"
}

# ensure_rootfs: the cached `debootstrap --variant=minbase bookworm` tree; prints its path.
ensure_rootfs() {
    local dir=$BENCH_CACHE/bookworm mirror
    if [ ! -d "$dir/usr/bin" ]; then
        mirror=$(debian_mirror)
        say "debootstrap --variant=minbase bookworm from $mirror (once, cached in $dir)"
        rm -rf "$dir.tmp"
        mkdir -p "$BENCH_CACHE"
        debootstrap --variant=minbase bookworm "$dir.tmp" "$mirror" >"$BENCH_CACHE/debootstrap.log" 2>&1 ||
            die "debootstrap failed: see $BENCH_CACHE/debootstrap.log"
        # Like the debian:bookworm image: no downloaded packages, no apt lists.
        rm -rf "$dir.tmp"/var/cache/apt/archives/*.deb "$dir.tmp"/var/cache/apt/*.bin \
            "$dir.tmp"/var/lib/apt/lists/*_*
        mv "$dir.tmp" "$dir"
    fi
    printf '%s\n' "$dir"
}

# make_layer ROOTFS OUT LIST: a gzip layer OUT.tar.gz from the paths in LIST (relative, ./x,
# not recursed), with OUT.diffid (sha256 of the tar) beside it. Kept when already there.
make_layer() {
    local rootfs=$1 out=$2 list=$3
    [ -s "$out.tar.gz" ] && [ -s "$out.diffid" ] && return 0
    tar -C "$rootfs" -c --numeric-owner --no-recursion --xattrs -T "$list" -f "$out.tar.tmp"
    sha256sum <"$out.tar.tmp" | cut -d' ' -f1 >"$out.diffid.tmp"
    gzip -n -6 <"$out.tar.tmp" >"$out.tar.gz.tmp"
    rm -f "$out.tar.tmp"
    mv "$out.tar.gz.tmp" "$out.tar.gz"
    mv "$out.diffid.tmp" "$out.diffid"
}

# ensure_layers ROOTFS N: cached layers of the tree split into N (1 or 4) parts; prints the
# layer paths (without .tar.gz), lowest first.
#   Device nodes under /dev are left out, as in Debian's own image (an unprivileged pull
#   skips them anyway).
#   4 parts: everything outside /usr, /usr/lib, /usr/share, the rest of /usr. Each part
#   carries its parent directory entry so it unpacks alone. tar links hard links only within
#   one archive, so a pair split across parts is stored twice and no layer links outside itself.
ensure_layers() {
    local rootfs=$1 n=$2 dir=$BENCH_CACHE/layers-v2-$2 i
    mkdir -p "$dir"
    if [ ! -s "$dir/done" ]; then
        rm -f "$dir"/*
        (
            cd "$rootfs" || exit 1
            if [ "$n" -eq 1 ]; then
                find . -mindepth 1 -path './dev/*' -prune -o -print | LC_ALL=C sort >"$dir/1.list"
            else
                find . -mindepth 1 \( -path ./usr -o -path './dev/*' \) -prune -o -print |
                    LC_ALL=C sort >"$dir/1.list"
                { echo ./usr; find ./usr/lib | LC_ALL=C sort; } >"$dir/2.list"
                { echo ./usr; find ./usr/share | LC_ALL=C sort; } >"$dir/3.list"
                { echo ./usr; find ./usr -mindepth 1 \( -path ./usr/lib -o -path ./usr/share \) -prune \
                    -o -mindepth 1 -print | LC_ALL=C sort; } >"$dir/4.list"
            fi
        ) || die "cannot list $rootfs"
        for i in $(seq 1 "$n"); do
            make_layer "$rootfs" "$dir/$i" "$dir/$i.list"
        done
        echo ok >"$dir/done"
    fi
    for i in $(seq 1 "$n"); do printf '%s\n' "$dir/$i"; done
}

# free_port: a TCP port nobody listens on at 127.0.0.1.
free_port() {
    local p
    for p in $(shuf -i 20000-45000 -n 50); do
        ss -Htln "sport = :$p" | grep -q . || {
            printf '%s\n' "$p"
            return 0
        }
    done
    die "no free port found on 127.0.0.1"
}

# start_registry DIR PORT: Debian's docker-registry on 127.0.0.1:PORT, storage in DIR; sets
# REGISTRY_PID.
start_registry() {
    local dir=$1 port=$2 i
    mkdir -p "$dir/data"
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF
    docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
    REGISTRY_PID=$!
    for i in $(seq 1 100); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null && return 0
        kill -0 "$REGISTRY_PID" 2>/dev/null || die "docker-registry exited: see $dir/registry.log"
        sleep 0.1
    done
    die "docker-registry does not answer on 127.0.0.1:$port: see $dir/registry.log"
}

# push_blob BASE REPO FILE DIGEST: monolithic upload (POST then PUT) unless already there.
push_blob() {
    local base=$1 repo=$2 file=$3 digest=$4 loc sep
    curl -fsS -o /dev/null -I "$base/v2/$repo/blobs/$digest" 2>/dev/null && return 0
    loc=$(curl -fsS -X POST -D - -o /dev/null "$base/v2/$repo/blobs/uploads/" |
        tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
    [ -n "$loc" ] || die "registry gave no upload location for $repo"
    case $loc in /*) loc=$base$loc ;; esac
    case $loc in *\?*) sep='&' ;; *) sep='?' ;; esac
    curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' \
        --upload-file "$file" "$loc${sep}digest=$digest" || die "upload of $file to $repo failed"
}

# push_image BASE REPO TAG WORKDIR LAYER...: an OCI image (gzip layers, amd64/linux config
# with the diff ids) pushed with the registry API. IMAGE_CMD (JSON array, default ["bash"])
# and IMAGE_ORIGIN (the history's created_by, default "debootstrap part") describe the image;
# IMAGE_CONFIG_MORE, when set, is more of the config's "config" object, ending with a comma.
push_image() {
    local base=$1 repo=$2 tag=$3 work=$4
    shift 4
    local layers_json="" diffids="" history="" l d size sep=""
    local cmd=${IMAGE_CMD:-'["bash"]'}
    for l in "$@"; do
        d=sha256:$(sha256sum <"$l.tar.gz" | cut -d' ' -f1)
        size=$(stat -c %s "$l.tar.gz")
        push_blob "$base" "$repo" "$l.tar.gz" "$d"
        layers_json+="$sep{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"$d\",\"size\":$size}"
        diffids+="$sep\"sha256:$(cat "$l.diffid")\""
        history+="$sep{\"created\":\"2025-05-20T00:00:00Z\",\"created_by\":\"${IMAGE_ORIGIN:-debootstrap part} $(basename "$l")\"}"
        sep=,
    done
    cat >"$work/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"2025-05-20T00:00:00Z","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],${IMAGE_CONFIG_MORE:-}"Cmd":$cmd},"rootfs":{"type":"layers","diff_ids":[$diffids]},"history":[$history]}
EOF
    d=sha256:$(sha256sum <"$work/config.json" | cut -d' ' -f1)
    size=$(stat -c %s "$work/config.json")
    push_blob "$base" "$repo" "$work/config.json" "$d"
    cat >"$work/manifest.json" <<EOF
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"$d","size":$size},"layers":[$layers_json]}
EOF
    curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
        --data-binary "@$work/manifest.json" "$base/v2/$repo/manifests/$tag" ||
        die "manifest push of $repo:$tag failed"
}

# write_user_env WORK UID: $WORK/as-user, which runs a command as $BENCH_USER with HOME,
# XDG dirs and PATH of the benchmark (no PAM, no inherited environment).
write_user_env() {
    local work=$1
    cat >"$work/as-user" <<EOF
#!/bin/sh
exec setpriv --reuid=$BENCH_USER --regid=$BENCH_USER --init-groups -- env -i \\
    HOME=$work/home XDG_RUNTIME_DIR=$work/run XDG_CONFIG_HOME=$work/home/.config \\
    XDG_DATA_HOME=$work/home/.local/share PATH=$work/bin:/usr/local/bin:/usr/bin:/bin \\
    LANG=C.UTF-8 TMPDIR=$work/home/tmp "\$@"
EOF
    chmod 0755 "$work/as-user"
}

# write_user_config WORK HOSTPORT: registries.conf (loopback registry insecure), storage.conf
# (native overlay) and containers.conf (runc, cgroupfs, file events) for both tools.
write_user_config() {
    local work=$1 hostport=$2 conf=$1/home/.config/containers
    mkdir -p "$conf"
    cat >"$conf/registries.conf" <<EOF
unqualified-search-registries = []

[[registry]]
location = "$hostport"
insecure = true
EOF
    cat >"$conf/storage.conf" <<EOF
[storage]
driver = "overlay"
EOF
    cat >"$conf/containers.conf" <<EOF
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
}

# rss_kb LOGFILE: "Maximum resident set size" from /usr/bin/time -v output, in kB.
rss_kb() {
    sed -n 's/.*Maximum resident set size (kbytes): *//p' "$1"
}

# write_fresh WORK: $WORK/fresh TOOL MODE (run as root), which empties TOOL's (rcon or
# podman) storage before a cold pull. MODE reset uses the tool's own command (rcon system
# reset -f, podman rmi -af); MODE move renames the storage and run folders into
# $WORK/trash, deleted at the end, so that no pull follows a mass delete (README.md says
# why that matters on ext4 without a journal). Podman's pause process and its pid file in
# $XDG_RUNTIME_DIR/libpod stay.
write_fresh() {
    local work=$1
    cat >"$work/fresh" <<EOF
#!/bin/sh
set -e
case \$2 in
reset)
    case \$1 in
    rcon) exec $work/as-user rcon system reset -f ;;
    podman) exec $work/as-user podman rmi -af ;;
    esac ;;
move)
    t=$work/trash/\$1-\$(date +%s%N)
    mkdir -p "\$t"
    case \$1 in
    rcon) set -- $work/home/.local/share/rcon $work/run/rcon ;;
    podman) set -- $work/home/.local/share/containers $work/run/containers ;;
    esac
    i=0
    for d in "\$@"; do
        i=\$((i + 1))
        if [ -e "\$d" ]; then mv "\$d" "\$t/\$i"; fi
    done ;;
esac
EOF
    chmod 0755 "$work/fresh"
}

# make_busybox_rootfs DIR: the tests' busybox root (tests/common/image.rs) in DIR: Debian's
# static /bin/busybox with every applet as a relative symlink in /bin, /usr/bin/env,
# /etc/passwd and /etc/group with root, nobody and user (1000), /tmp 1777, /root 0700.
make_busybox_rootfs() {
    local dir=$1 a
    [ -x /bin/busybox ] || die "no /bin/busybox: apt-get install busybox-static"
    mkdir -p "$dir"/{bin,dev,etc,home/user,proc,root,sys,tmp,usr/bin,var}
    install -m 0755 /bin/busybox "$dir/bin/busybox"
    for a in $(/bin/busybox --list); do
        [ "$a" = busybox ] || ln -sf busybox "$dir/bin/$a"
    done
    ln -sf /bin/busybox "$dir/usr/bin/env"
    printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' \
        'user:x:1000:1000:user:/home/user:/bin/sh' >"$dir/etc/passwd"
    printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' 'user:x:1000:' >"$dir/etc/group"
    chmod 0644 "$dir/etc/passwd" "$dir/etc/group"
    chmod 0555 "$dir/proc" "$dir/sys"
    chmod 0700 "$dir/root"
    chmod 1777 "$dir/tmp"
    chown 1000:1000 "$dir/home/user"
}

# proc_rss_kb PID FIELD: a field (VmRSS, RssAnon, RssFile, ...) of /proc/PID/status in kB.
proc_rss_kb() {
    awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status" 2>/dev/null
}

# proc_pss_kb PID: the proportional set size (Pss of /proc/PID/smaps_rollup) in kB.
proc_pss_kb() {
    awk '$1 == "Pss:" { print $2 }' "/proc/$1/smaps_rollup" 2>/dev/null
}

# Sets RCON_DIR to a release build of this checkout (built first) unless --rcon-dir gave one,
# and checks that rcon and rcon-idmap are there.
ensure_rcon_dir() {
    if [ -z "$RCON_DIR" ]; then
        PATH=$PATH:${CARGO_HOME:-$HOME/.cargo}/bin:/root/.cargo/bin
        command -v cargo >/dev/null || die "cargo not found: install Rust or pass --rcon-dir DIR"
        say "cargo build --release --bins in $ROOT"
        (cd "$ROOT" && cargo build --release --locked --bins -q) || die "cargo build --release failed"
        RCON_DIR=$ROOT/target/release
    fi
    [ -x "$RCON_DIR/rcon" ] && [ -x "$RCON_DIR/rcon-idmap" ] || die "no rcon and rcon-idmap in $RCON_DIR"
}

# Sets `load` (the 1-minute load average, which the scripts print with their figures) and
# says so when other work competes for the CPUs (load above half of them).
warn_if_loaded() {
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
        say "warning: load average $load on $(nproc) CPUs: other work competes, expect noisy figures"
    fi
}

# bench_world W TAG SIZE: the work folder W of a benchmark: bin/ with rcon and rcon-idmap from
# $RCON_DIR (rcon-idmap with its file capabilities), run/ a tmpfs of SIZE owned by the bench
# user (XDG_RUNTIME_DIR is a tmpfs in a real session), a loopback registry, the user's
# environment and registries.conf; sets hostport and U (the as-user wrapper). The caller's
# cleanup unmounts run/ and stops the registry ($REGISTRY_PID).
bench_world() {
    local w=$1 tag=$2 size=$3 port
    mkdir -p "$w/bin" "$w/home/tmp" "$w/run" "$w/image"
    mount -t tmpfs -o "size=$size,mode=0700,uid=$(id -u "$BENCH_USER"),gid=$(id -g "$BENCH_USER")" \
        "rcon-bench-$tag" "$w/run" || die "cannot mount a tmpfs on $w/run"
    install -m 0755 "$RCON_DIR/rcon" "$RCON_DIR/rcon-idmap" "$w/bin/"
    setcap cap_setuid,cap_setgid+ep "$w/bin/rcon-idmap" ||
        say "setcap on rcon-idmap failed: rcon falls back to newuidmap"
    port=$(free_port)
    hostport=127.0.0.1:$port
    start_registry "$w/registry" "$port"
    write_user_env "$w"
    write_user_config "$w" "$hostport"
    chown -R "$BENCH_USER:" "$w/home" "$w/run"
    chmod 0700 "$w/home" "$w/run"
    U=$w/as-user
}

# push_busybox W: busybox from busybox-static as a one-layer image, pushed to the registry of
# bench_world as bench/busybox:latest; sets ref and rootfs (the unpacked tree).
push_busybox() {
    local w=$1
    rootfs=$w/rootfs
    make_busybox_rootfs "$rootfs"
    (cd "$rootfs" && find . -mindepth 1 | LC_ALL=C sort) >"$w/image/1.list"
    make_layer "$rootfs" "$w/image/1" "$w/image/1.list"
    IMAGE_CMD='["sh"]' IMAGE_ORIGIN="busybox-static" push_image "http://$hostport" bench/busybox latest "$w/image" "$w/image/1"
    ref=$hostport/bench/busybox:latest
}

# bench_teardown: the end of a bench_world at $W: both tools' containers and stores (and the
# pause process Podman leaves holding its user namespace), the run/ tmpfs, the registry
# ($REGISTRY_PID), and $W itself unless $KEEP is 1. For an EXIT trap.
bench_teardown() {
    set +e
    say "cleaning up $W"
    if [ -x "$W/as-user" ]; then
        "$W/as-user" rcon rm -af -t 0 >/dev/null 2>&1
        "$W/as-user" podman rm -af -t 0 >/dev/null 2>&1
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
