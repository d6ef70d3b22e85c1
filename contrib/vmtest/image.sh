#!/bin/bash
# Builds the VM suite's Debian bookworm image (as root): debootstrap with systemd and Debian's
# kernel, cgroup v2 unified, the test users with subordinate ids and linger, cpu cpuset io memory
# pids delegated to user@.service, and a oneshot unit that runs /mnt/share/guest.sh on boot and
# powers off. Usage: image.sh <out-dir>; writes <out-dir>/{rootfs.img,vmlinuz,initrd.img}.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
mirror=${RCON_VMTEST_MIRROR:-http://deb.debian.org/debian}

work=$(mktemp -d "${out}.build.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
include=$(grep -v '^#' "$here/packages" | sed 's/#.*//' | xargs | tr ' ' ',')

echo "vmtest: debootstrap bookworm into $root"
debootstrap --variant=minbase --include="$include" bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -30 "$work/debootstrap.log" >&2
    exit 1
}

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

echo rcon-vm >"$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 rcon-vm\n::1 localhost\n' >"$root/etc/hosts"
printf '/dev/vda / ext4 rw,relatime 0 1\n' >"$root/etc/fstab"
# The share (results and the binaries under test), mounted before the test unit runs.
mkdir -p "$root/mnt/share"
cat >"$root/etc/systemd/system/mnt-share.mount" <<'UNIT'
[Unit]
Description=Host share for the rcon VM suite

[Mount]
What=share
Where=/mnt/share
Type=9p
Options=trans=virtio,version=9p2000.L,msize=1048576
UNIT

# Test users as contrib/ci/setup.sh makes them, plus linger for rcontest.
in_root useradd --create-home --shell /bin/bash --uid 1000 rcontest
in_root useradd --create-home --shell /bin/bash --uid 1001 rconsingle
echo "rcontest:100000:65536" >"$root/etc/subuid"
echo "rcontest:100000:65536" >"$root/etc/subgid"
mkdir -p "$root/var/lib/systemd/linger"
touch "$root/var/lib/systemd/linger/rcontest"

# Delegate every controller rcon sets limits with to the users' managers.
mkdir -p "$root/etc/systemd/system/user@.service.d"
cat >"$root/etc/systemd/system/user@.service.d/delegate.conf" <<'UNIT'
[Service]
Delegate=cpu cpuset io memory pids
UNIT

# The test unit: runs guest.sh from the share once the user's manager is up, then powers off.
cat >"$root/etc/systemd/system/rcon-vmtest.service" <<'UNIT'
[Unit]
Description=rcon VM test suite
Requires=mnt-share.mount
After=mnt-share.mount user@1000.service network.target systemd-user-sessions.service
Wants=user@1000.service
SuccessAction=poweroff-force
FailureAction=poweroff-force

[Service]
Type=oneshot
ExecStart=/bin/bash /mnt/share/guest.sh
StandardOutput=journal+console
StandardError=journal+console

[Install]
WantedBy=multi-user.target
UNIT
in_root systemctl enable rcon-vmtest.service >/dev/null
# Nothing else that waits or listens: the registry package's service, timers, getty on tty1.
for unit in docker-registry.service apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer \
    fstrim.timer systemd-tmpfiles-clean.timer man-db.timer getty@tty1.service; do
    in_root systemctl mask "$unit" >/dev/null 2>&1 || true
done
in_root systemctl set-default multi-user.target >/dev/null
echo 'root:rcon' | in_root chpasswd

kver=$(ls "$root/lib/modules" | sort -V | tail -1)
cp "$root/boot/vmlinuz-$kver" "$work/vmlinuz"
cp "$root/boot/initrd.img-$kver" "$work/initrd.img"
rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*

echo "vmtest: ext4 image of $(du -sm "$root" | cut -f1) MB"
truncate -s 4G "$work/rootfs.img"
mkfs.ext4 -q -F -L rcon-vm -d "$root" "$work/rootfs.img"
mkdir -p "$out"
mv "$work/rootfs.img" "$work/vmlinuz" "$work/initrd.img" "$out/"
