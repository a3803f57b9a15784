#!/usr/bin/env bash
# The README's test command: set up the machine, then build everything and run
# every test against the running kernel.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mvn -B -ntp verify "$@"
