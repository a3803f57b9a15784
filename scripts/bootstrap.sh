#!/usr/bin/env bash
# The README's first command: set up the machine, build bpf4j (tests skipped)
# and run the bootstrap example: it prints exec and exit events of processes
# until SIGINT/SIGTERM. Arguments go to the example (e.g. -d 10 for a 10 ms
# minimum duration).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mvn -B -ntp -q -DskipTests -pl bpf4j-examples -am package
exec java -p bpf4j-examples/target/lib:bpf4j-examples/target/bpf4j-examples-0.1.0-SNAPSHOT.jar \
  -m io.bpf4j.examples/io.bpf4j.examples.bootstrap.Bootstrap "$@"
