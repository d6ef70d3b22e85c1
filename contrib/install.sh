#!/bin/sh
# Builds rcon and installs it under $PREFIX (default /usr/local): the `rcon` binary, the
# `rcon-idmap` helper (with the file capabilities cap_setuid,cap_setgid+ep when run as root,
# so that rootless containers get the user's subordinate ids), man pages, completions and the
# Quadlet generator's links, and the systemd user units of contrib/systemd (rcon-auto-update.service and .timer,
# rcon-restart.service, rcon.socket and rcon.service): into $PREFIX/lib/systemd/user as root (every user's manager finds
# them there), else into ${XDG_DATA_HOME:-~/.local/share}/systemd/user; $SYSTEMD_USER_UNIT_DIR
# overrides. Their rcon path is $PREFIX/bin/rcon.
set -eu
cd "$(dirname "$0")/.."
PREFIX=${PREFIX:-/usr/local}
PATH=$PATH:${CARGO_HOME:-$HOME/.cargo}/bin:/root/.cargo/bin
export PATH

if ! command -v cargo >/dev/null 2>&1; then
    echo "install.sh: cargo not found: install Rust (https://rustup.rs) or Debian's cargo" >&2
    exit 1
fi
# Seccomp filters are compiled with libseccomp, found through pkg-config.
if ! pkg-config --exists libseccomp 2>/dev/null; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get install -y libseccomp-dev pkg-config >/dev/null 2>&1 ||
            { apt-get update >/dev/null 2>&1 && apt-get install -y libseccomp-dev pkg-config >/dev/null; }
    else
        echo "install.sh: libseccomp's development files are missing (Debian: apt-get install libseccomp-dev pkg-config)" >&2
        exit 1
    fi
fi
cargo build --release --locked --bins

install -d "$PREFIX/bin" "$PREFIX/share/man/man1" \
    "$PREFIX/share/bash-completion/completions" "$PREFIX/share/zsh/site-functions" \
    "$PREFIX/share/fish/vendor_completions.d"
install -m 0755 target/release/rcon "$PREFIX/bin/rcon"
install -m 0755 target/release/rcon-idmap "$PREFIX/bin/rcon-idmap"
install -m 0644 man/*.1 "$PREFIX/share/man/man1/"
install -m 0644 completions/rcon.bash "$PREFIX/share/bash-completion/completions/rcon"
install -m 0644 completions/_rcon "$PREFIX/share/zsh/site-functions/_rcon"
install -m 0644 completions/rcon.fish "$PREFIX/share/fish/vendor_completions.d/rcon.fish"
# Quadlet: rcon under a generator's name is the generator. systemd looks in
# /usr/local/lib/systemd/{user,system}-generators and /usr/lib/systemd/… only.
install -d "$PREFIX/lib/systemd/user-generators" "$PREFIX/lib/systemd/system-generators" \
    "$PREFIX/libexec/rcon"
ln -sf "$PREFIX/bin/rcon" "$PREFIX/lib/systemd/user-generators/rcon-user-generator"
ln -sf "$PREFIX/bin/rcon" "$PREFIX/lib/systemd/system-generators/rcon-system-generator"
ln -sf "$PREFIX/bin/rcon" "$PREFIX/libexec/rcon/rcon-quadlet"
case "$PREFIX" in
    /usr | /usr/local) ;;
    *) echo "install.sh: systemd does not read generators under $PREFIX: link $PREFIX/bin/rcon as /etc/systemd/user-generators/rcon-user-generator for Quadlet" >&2 ;;
esac

if [ "$(id -u)" -eq 0 ]; then
    units=${SYSTEMD_USER_UNIT_DIR:-$PREFIX/lib/systemd/user}
else
    units=${SYSTEMD_USER_UNIT_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/systemd/user}
fi
install -d "$units"
for unit in rcon-auto-update.service rcon-auto-update.timer rcon-restart.service rcon.socket rcon.service; do
    sed "s|/usr/local/bin/rcon|$PREFIX/bin/rcon|g" "contrib/systemd/$unit" >"$units/$unit.tmp"
    chmod 0644 "$units/$unit.tmp"
    mv "$units/$unit.tmp" "$units/$unit"
done
echo "installed the user units in $units: systemctl --user enable --now rcon-auto-update.timer; systemctl --user enable rcon-restart.service; systemctl --user enable --now rcon.socket (the Docker API)" >&2

if [ "$(id -u)" -eq 0 ]; then
    if ! command -v setcap >/dev/null 2>&1; then
        apt-get install -y libcap2-bin >/dev/null 2>&1 || true
    fi
    if command -v setcap >/dev/null 2>&1; then
        setcap cap_setuid,cap_setgid+ep "$PREFIX/bin/rcon-idmap"
        echo "installed rcon and rcon-idmap (cap_setuid,cap_setgid+ep) in $PREFIX/bin"
    else
        echo "install.sh: setcap not found (Debian: apt-get install libcap2-bin): rcon-idmap has no capabilities; rcon will use newuidmap or single-uid mode" >&2
    fi
else
    echo "installed rcon in $PREFIX/bin; run as root to give rcon-idmap its file capabilities" >&2
fi
