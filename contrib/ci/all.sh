#!/bin/bash
# The whole test suite on a fresh machine: installs what the tests need (contrib/ci/setup.sh,
# as root), then runs fmt, clippy, the build and every test (contrib/ci/test.sh), rcon itself
# always as the unprivileged test users. README.md names this command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash contrib/ci/setup.sh </dev/null
exec bash contrib/ci/test.sh </dev/null
