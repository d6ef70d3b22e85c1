#!/bin/bash
# The whole test suite on a fresh machine: installs what the tests need (contrib/ci/setup.sh,
# as root), then runs fmt, clippy, the build and every test (contrib/ci/test.sh), rcon itself
# always as the unprivileged test users, then the VM suite (contrib/vmtest/run.sh: cgroup v2
# limits and systemd user units, proven in a Debian VM). README.md names this command;
# .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash contrib/ci/setup.sh </dev/null
status=0
bash contrib/ci/test.sh </dev/null || status=$?
bash contrib/vmtest/run.sh </dev/null || status=$?
exit "$status"
