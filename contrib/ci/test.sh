#!/bin/bash
# The whole check, as CI runs it and as a developer may: formatting, lints, build, tests.
# Run as root (tests then run rcon as the users made by contrib/ci/setup.sh) or as an ordinary
# user with subordinate ids. Prints one summary line at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."

start=$(date +%s)
step() { echo; echo "==> $*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings

step "cargo build --all-targets"
cargo build --all-targets

status=0
if command -v cargo-nextest >/dev/null 2>&1; then
    # The vm_* tests need cgroup v2 under a systemd user manager: contrib/vmtest/run.sh runs
    # them in a VM (all.sh); here they are left out by name.
    step "cargo nextest run (vm_* tests: contrib/vmtest/run.sh)"
    cargo nextest run --no-fail-fast -E 'not test(/^vm_/)' || status=$?
else
    step "cargo test (vm_* tests: contrib/vmtest/run.sh)"
    cargo test --no-fail-fast -- --skip vm_ || status=$?
fi

elapsed=$(( $(date +%s) - start ))
if [ "$status" -eq 0 ]; then
    echo "rcon CI: PASS (fmt, clippy, build, tests) in ${elapsed}s"
else
    echo "rcon CI: FAIL (tests exited $status) after ${elapsed}s"
fi
exit "$status"
