#!/bin/sh
# Builds and runs bpf4j's JMH benchmarks and the same operations on Debian's libbpf (libbpf-dev,
# gcc, clang-19), on this machine in one run, and prints libbpf/bpf4j ratios. Not part of
# `mvn verify`. Usage: benchmarks/run.sh [btf file] (default /sys/kernel/btf/vmlinux)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
btf=${1:-/sys/kernel/btf/vmlinux}
out=$here/target
mkdir -p "$out"

# The object both sides open: a test program of bpf-elf, compiled by clang-19 through the bpf4j
# plugin (against bpf4j's own vmlinux.h) when bpf-elf's tests are built.
obj=$root/bpf-elf/target/test-classes/bpf/globals.bpf.o
if [ ! -f "$obj" ]; then
    (cd "$root" && mvn -B -q -o -pl bpf-elf -am test-compile)
fi
cp "$obj" "$out/bench.bpf.o"

gcc -O2 -o "$out/libbpf_bench" "$here/src/main/c/libbpf_bench.c" -lbpf
(cd "$root" && mvn -B -q -o -pl benchmarks -am package -DskipTests)
# bpf4j's classes from this checkout's build (not from ~/.m2), JMH's jars from the local repository.
cp="$root/bpf-btf/target/classes:$root/bpf-elf/target/classes"
cp="$cp:$(cd "$root" && mvn -B -q -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout \
    -Dmdep.excludeGroupIds=io.bpf4j)"

echo "== libbpf (C) =="
"$out/libbpf_bench" "$btf" "$out/bench.bpf.o" | tee "$out/c.txt"
echo "== bpf4j (JMH) =="
java -cp "$out/classes:$cp" -Dbench.btf="$btf" -Dbench.object="$out/bench.bpf.o" org.openjdk.jmh.Main \
    -rf csv -rff "$out/jmh.csv" io.bpf4j.benchmarks.BtfBenchmarks
echo "== ratios (bpf4j time / libbpf time; < 1 means bpf4j is faster) =="
awk -F, 'NR==FNR { split($0, a, " "); c[a[1]] = a[2]; next }
         FNR > 1 { gsub(/"/, "", $1); n = $1; sub(/.*\./, "", n); printf "%-20s bpf4j %10.1f us  libbpf %10.1f us  ratio %.2f\n", n, $5, c[n], $5 / c[n] }' \
    "$out/c.txt" "$out/jmh.csv"
