#!/bin/bash
# Prepares a Debian 12 machine (as root) for rcon's integration tests; safe to run again.
# Installs the registry, busybox, the id-mapping and capability tools, and creates the test
# users: rcontest (subordinate ids 100000:65536) and rconsingle (none: the single-uid path).
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh: run as root (it installs packages and creates users)" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
packages=(
    docker-registry   # CNCF distribution 2.8: the real registry the tests push to
    busybox-static    # a static /bin/busybox: the shell inside test images
    uidmap            # newuidmap/newgidmap, /etc/subuid handling
    libcap2-bin       # setcap/getcap for rcon-idmap's file capabilities
    util-linux        # setpriv, runuser
    openssl           # CA, server and token-signing certificates
    zstd              # zstd-compressed layers
    ca-certificates
    slirp4netns       # rootless networking (the default --network)
    passt             # pasta: --network pasta
    netcat-openbsd    # a UDP-capable nc for the published-port tests (busybox's has no UDP)
    iproute2
    procps
    passwd            # useradd, usermod
    qemu-system-x86   # the VM suite (contrib/vmtest): cgroup v2 and systemd user units
    debootstrap       # its Debian bookworm image; the FUSE overlay's workload image
    e2fsprogs         # … mkfs.ext4 -d
    python3           # a datagram client for the --sdnotify=container relay test
    libseccomp-dev    # building rcon: seccomp filters are compiled with libseccomp
    pkg-config        # … which the libseccomp crate finds through pkg-config
    gcc               # the seccomp tests build a static probe (tests/probe/syscalls.c)
    libc6-dev         # … against glibc's static libc.a
    podman            # tests/build_podman.rs builds every case with podman build beside rcon
    runc              # … podman's runtime here (crun refuses a hybrid cgroup host)
    fuse-overlayfs    # … its rootless storage
    catatonit         # … its pause process
    skopeo            # tests/push.rs and tests/archive.rs read what rcon push and save wrote
    git               # git build contexts
    xz-utils          # xz- and bzip2-compressed archives in build contexts and ADD
    bzip2
    python3-venv      # tests/kube.rs: the official Kubernetes client (pip) checks generated YAML
    podman-compose    # tests/compose.rs: podman-compose drives rcon as its podman
    tzdata            # tests/run_flags.rs: --tz binds a zone file of the host
    gnupg             # tests/sign.rs: image sign signs with gpg, and the test verifies it
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}"
fi

# The official Kubernetes Python client, in a venv of its own: tests/kube/schema.py checks
# what `rcon kube generate` writes against its models.
venv=/var/cache/rcon-ci/venv
if ! "$venv/bin/python3" -c 'import kubernetes' 2>/dev/null; then
    mkdir -p /var/cache/rcon-ci
    python3 -m venv --clear "$venv"
    "$venv/bin/pip" install --quiet kubernetes
fi

# The Docker clients of tests/api_clients.rs against `rcon system service`: Debian's docker.io
# (the 20.10 CLI at /usr/bin/docker; the CLI 28 at /usr/local/bin/docker stays first on PATH)
# and docker-compose 1.29. Only the clients are used: dockerd and containerd must never run, so
# the install goes through a policy-rc.d that forbids starting any service, removed after.
docker_clients=()
for p in docker.io docker-compose; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || docker_clients+=("$p")
done
if [ "${#docker_clients[@]}" -gt 0 ]; then
    policy=/usr/sbin/policy-rc.d
    had_policy=
    if [ -e "$policy" ]; then
        had_policy=1
        cp -p "$policy" "$policy.rcon-ci"
    fi
    printf '#!/bin/sh\n# setup.sh: no service starts while the Docker clients are installed\nexit 101\n' > "$policy"
    chmod 0755 "$policy"
    restore_policy() {
        if [ -n "$had_policy" ]; then mv "$policy.rcon-ci" "$policy"; else rm -f "$policy"; fi
    }
    trap restore_policy EXIT
    apt-get update
    apt-get install -y --no-install-recommends "${docker_clients[@]}"
    restore_policy
    trap - EXIT
fi
# The packages enable their units for the next boot; a test machine never boots into them.
rm -f /etc/systemd/system/multi-user.target.wants/docker.service \
    /etc/systemd/system/multi-user.target.wants/containerd.service \
    /etc/systemd/system/sockets.target.wants/docker.socket
# Whatever the package scripts did: no Docker daemon may run on a test machine.
if pgrep -a -x dockerd || pgrep -a -x containerd; then
    echo "setup.sh: dockerd or containerd is running; stop it (the tests talk to rcon only)" >&2
    exit 1
fi

# The Docker SDK for Python and testcontainers (PyPI), in a venv of Debian's python3 that the
# test user can run (pyenv's under /root is not readable by it): tests/api_clients.rs.
docker_venv=/var/cache/rcon-ci/venv-docker
if ! "$docker_venv/bin/python3" -c 'import docker, testcontainers' 2>/dev/null; then
    mkdir -p /var/cache/rcon-ci
    /usr/bin/python3 -m venv --clear "$docker_venv"
    "$docker_venv/bin/pip" install --quiet 'docker>=7.1,<8' 'testcontainers>=4.8,<5'
fi
chmod -R a+rX "$docker_venv"

# The registry package starts a system service on port 5000; the tests start their own.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then
    systemctl stop docker-registry || true
fi

# Replaces every line of $1 (subuid/subgid) for user $2 with "$2:$3" (or none when $3 is empty).
set_subids() {
    local file=$1 user=$2 range=$3
    touch "$file"
    grep -v "^${user}:" "$file" > "$file.tmp" || true
    if [ -n "$range" ]; then
        echo "${user}:${range}" >> "$file.tmp"
    fi
    chmod 0644 "$file.tmp"
    mv "$file.tmp" "$file"
}

for user in rcontest rconsingle; do
    if ! id -u "$user" >/dev/null 2>&1; then
        useradd --create-home --shell /bin/bash "$user"
    fi
done
for f in /etc/subuid /etc/subgid; do
    set_subids "$f" rcontest 100000:65536
    set_subids "$f" rconsingle ""
done

# As a normal distribution has them: any user may open these.
for dev in /dev/fuse /dev/net/tun; do
    if [ -e "$dev" ]; then
        chmod 0666 "$dev"
    fi
done

# The Debian bookworm tree the FUSE overlay's workload tests run in (debootstrap minbase with
# python3 and its venv module), as one uncompressed layer tar without /dev, and a .deb fetched
# with apt-get download for `dpkg -i`. Cached in /var/cache/rcon-ci, made again after a week.
# A failure here is reported and the workload tests say they cannot run.
ci_cache=/var/cache/rcon-ci
build_debian_image() {
    local root=$ci_cache/bookworm-root mirror
    mkdir -p "$ci_cache"
    if [ -s "$ci_cache/bookworm.tar" ] && [ -z "$(find "$ci_cache/bookworm.tar" -mtime +7)" ]; then
        return 0
    fi
    mirror=$(grep -hsE '^(deb|URIs:)' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
        /etc/apt/sources.list.d/*.sources 2>/dev/null |
        grep -oE 'https?://[^ ]*/debian/?' | grep -v security | head -n1)
    rm -rf "$root"
    debootstrap --variant=minbase --include=python3,python3-venv bookworm "$root" \
        "${mirror:-http://deb.debian.org/debian}" >"$ci_cache/debootstrap.log" 2>&1 || return 1
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin \
        "$root"/var/lib/apt/lists/*_*
    tar -C "$root" --numeric-owner --xattrs --exclude='./dev/*' -cf "$ci_cache/bookworm.tar.tmp" . || return 1
    rm -rf "$root"
    chmod 0644 "$ci_cache/bookworm.tar.tmp"
    mv "$ci_cache/bookworm.tar.tmp" "$ci_cache/bookworm.tar"
}
fetch_deb() {
    mkdir -p "$ci_cache/debs"
    ls "$ci_cache"/debs/hello_*.deb >/dev/null 2>&1 && return 0
    (cd "$ci_cache/debs" && { apt-get download hello >/dev/null 2>&1 ||
        { apt-get update >/dev/null && apt-get download hello >/dev/null; }; }) || return 1
    chmod 0644 "$ci_cache"/debs/*.deb
}
build_debian_image || echo "setup.sh: could not build the Debian test image (see $ci_cache/debootstrap.log)" >&2
fetch_deb || echo "setup.sh: could not fetch hello.deb with apt-get download" >&2
chmod 0755 "$ci_cache" "$ci_cache/debs" 2>/dev/null || true

echo "setup.sh: packages present, users rcontest (100000:65536) and rconsingle (no subordinate ids) ready"
