#!/usr/bin/env bash
# The README's test command: set up the machine, then build everything and run
# every test against the running kernel (and the VM tests in QEMU), then the
# parsing modules' tests again as an unprivileged user.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mvn -B -ntp verify "$@"
# Parsing needs no privileges: prove it by running those modules' tests as an ordinary user.
bash scripts/test-unprivileged.sh
