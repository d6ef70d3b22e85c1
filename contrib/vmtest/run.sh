#!/bin/bash
# The VM suite: proves cgroup v2 limits and systemd user units in a real Debian bookworm with
# systemd, booted with qemu (TCG; KVM only when a short probe boot shows it works here).
# Run as root from the checkout: builds rcon and the test groups (cgroup, quadlet), builds
# (or reuses) the image (image.sh; cached by the hash of image.sh and packages), boots it with the binaries on
# a 9p share, runs guest.sh there and prints "N passed, M failed". Exit 0 only when all pass.
#
# Environment: RCON_VMTEST_CACHE (image cache, default /var/tmp/rcon-vmtest),
# RCON_VMTEST_TIMEOUT (seconds for the whole boot, default 1500), RCON_VMTEST_ALL=1 (also run
# the whole integration suite in the VM), RCON_VMTEST_KVM=0 (skip the KVM probe),
# RCON_VMTEST_FILTER=SUBSTRING (only the tests whose names contain it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${RCON_VMTEST_CACHE:-/var/tmp/rcon-vmtest}
timeout_s=${RCON_VMTEST_TIMEOUT:-1500}
start=$(date +%s)
say() { echo "vmtest: $*"; }

if [ "$(id -u)" -ne 0 ]; then
    echo "vmtest: run as root (debootstrap and the image need it)" >&2
    exit 1
fi
for tool in qemu-system-x86_64 debootstrap mkfs.ext4; do
    command -v "$tool" >/dev/null || { echo "vmtest: $tool missing: run contrib/ci/setup.sh" >&2; exit 1; }
done

# 1. The image, rebuilt only when its inputs change.
key=$(cat "$here/image.sh" "$here/packages" | sha256sum | cut -c1-16)
img=$cache/bookworm-$key
if [ ! -f "$img/rootfs.img" ]; then
    say "building the image $img (inputs changed or first run)"
    mkdir -p "$cache"
    rm -rf "$cache"/bookworm-*
    bash "$here/image.sh" "$img"
fi
say "image ready after $(( $(date +%s) - start ))s"

# 2. The binaries under test, and the test groups as cargo built them.
cd "$repo"
cargo build --bins --quiet
tests=(cgroup logdriver events quadlet auto_update api_vm)
if [ "${RCON_VMTEST_ALL:-0}" = 1 ]; then
    tests=($(ls tests/*.rs | xargs -n1 basename | sed 's/\.rs$//' | grep -v '^docs$'))
fi
share=$(mktemp -d /var/tmp/rcon-vmtest-share.XXXXXX)
qpid=
# (A failed kill must not become the script's status under set -e: the probe's qemu is gone.)
trap 'if [ -n "$qpid" ]; then kill "$qpid" 2>/dev/null || true; fi; rm -rf "$share"' EXIT
mkdir -p "$share/tests" "$share/bin"
target=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
for t in "${tests[@]}"; do
    exe=$(cargo test --no-run --test "$t" --message-format=json 2>/dev/null \
        | grep '"executable":"[^"]' | grep "\"name\":\"$t\"" | tail -1 \
        | sed 's/.*"executable":"\([^"]*\)".*/\1/')
    [ -n "$exe" ] || { echo "vmtest: cannot build the test group $t" >&2; exit 1; }
    cp "$exe" "$share/tests/$t"
done
cp "$target/debug/rcon" "$target/debug/rcon-idmap" "$share/bin/"
cp "$here/guest.sh" "$share/"
printf '%s' "${RCON_VMTEST_FILTER:-}" >"$share/filter"
# The test binaries find rcon where cargo put it (CARGO_BIN_EXE_rcon): the guest binds the
# share's bin/ at that path.
echo "$target/debug" >"$share/bin-path"
say "binaries staged after $(( $(date +%s) - start ))s"

# 3. Boot. Console on our stdout's log; results in the share.
console=$share/console.log
boot() { # boot <accel> <seconds> [exec]: exec replaces the (background) subshell, so the
    # caller's $! is timeout itself, which passes a kill on to qemu.
    local run=()
    [ "${3:-}" = exec ] && run=(exec)
    "${run[@]}" timeout --kill-after=10 "$2" qemu-system-x86_64 -accel "$1" -m 2048 -smp 2 \
        -kernel "$img/vmlinuz" -initrd "$img/initrd.img" \
        -append "root=/dev/vda rw console=ttyS0 quiet systemd.unified_cgroup_hierarchy=1 panic=-1" \
        -drive "file=$img/rootfs.img,if=virtio,format=raw,snapshot=on" \
        -virtfs "local,path=$share,mount_tag=share,security_model=none,id=share" \
        -nic none -nographic -no-reboot -serial "file:$console" -monitor none </dev/null
}
accel=tcg
if [ "${RCON_VMTEST_KVM:-1}" = 1 ] && [ -w /dev/kvm ]; then
    # The probe: a KVM boot must reach systemd within 20 s, else TCG.
    : >"$console"
    boot kvm "$timeout_s" exec &
    qpid=$!
    for _ in $(seq 40); do
        grep -q "systemd\[1\]\|Welcome to\|rcon-vmtest" "$console" 2>/dev/null && { accel=kvm; break; }
        kill -0 "$qpid" 2>/dev/null || break
        sleep 0.5
    done
    if [ "$accel" = kvm ]; then
        say "KVM works here: booted with it"
        wait "$qpid" || true
    else
        say "KVM probe boot did not reach systemd in 20s: using TCG"
        kill "$qpid" 2>/dev/null || true
        wait "$qpid" 2>/dev/null || true
    fi
fi
if [ "$accel" = tcg ]; then
    : >"$console"
    boot tcg "$timeout_s" || say "qemu ended with $? (timeout ${timeout_s}s?)"
fi
elapsed=$(( $(date +%s) - start ))

# 4. The verdict. The guest's whole output stays in $cache/last-run for reading.
rm -rf "$cache/last-run"
cp -r "$share/out" "$cache/last-run" 2>/dev/null || mkdir -p "$cache/last-run"
cp "$console" "$cache/last-run/console.log"
if [ -f "$share/out/results.txt" ]; then
    while read -r p f name secs; do say "$name: $p passed, $f failed in $secs"; done <"$share/out/results.txt"
    grep -hE "^test .*(FAILED|ignored)|panicked at|^Error:|assertion|^flaky:" "$share/out/test-output.txt" 2>/dev/null \
        | grep -v "^test result" | awk '!seen[$0]++' | head -100 || true
    passed=$(awk '{p+=$1} END {print p+0}' "$share/out/results.txt")
    failed=$(awk '{f+=$2} END {print f+0}' "$share/out/results.txt")
else
    say "no results from the VM; the console's end:"
    tail -40 "$console"
    passed=0
    failed=1
fi
[ "$failed" -eq 0 ] || say "the guest's output: $cache/last-run/"
echo "$passed passed, $failed failed (VM suite, $accel, ${elapsed}s)"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
