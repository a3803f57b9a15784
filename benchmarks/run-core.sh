#!/bin/sh
# CO-RE relocation of an object with ~500 relocations against vmlinux BTF: bpf4j (JMH,
# CoreBenchmarks) beside libbpf's own relocation code (src/main/c/libbpf_core_bench.c, linked
# statically against Debian's libbpf.a from libbpf-dev), on this machine in one run; prints
# bpf4j/libbpf ratios after checking that both computed the same relocations. Not part of
# `mvn verify`. Needs clang-19, bpftool, gcc, libbpf-dev, libelf-dev, zlib1g-dev.
# Usage: benchmarks/run-core.sh [btf file] (default /sys/kernel/btf/vmlinux)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
btf=${1:-/sys/kernel/btf/vmlinux}
out=$here/target
mkdir -p "$out/core"

(cd "$root" && mvn -B -q -o -pl benchmarks -am package -DskipTests)

# The object: ~500 relocations over members that exist in this BTF's vmlinux.h.
bpftool btf dump file "$btf" format c > "$out/core/vmlinux.h"
python3 "$here/src/main/bpf/gen_core_bench.py" "$out/core/vmlinux.h" "$out/core/core_bench.bpf.c"
clang-19 -target bpf -g -O2 -I"$root/bpf-helpers-headers/target/classes/bpf4j-include" -I"$out/core" \
    -c "$out/core/core_bench.bpf.c" -o "$out/core_bench.bpf.o"

gcc -O2 -Wall -o "$out/libbpf_core_bench" "$here/src/main/c/libbpf_core_bench.c" \
    -Wl,-Bstatic -lbpf -Wl,-Bdynamic -lelf -lz

cp="$root/bpf-btf/target/classes:$root/bpf-elf/target/classes:$root/bpf-core-reloc/target/classes"
cp="$cp:$(cd "$root" && mvn -B -q -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout \
    -Dmdep.excludeGroupIds=io.bpf4j)"

echo "== libbpf (C) =="
"$out/libbpf_core_bench" "$btf" "$out/core_bench.bpf.o" | tee "$out/core-c.txt"
java -cp "$out/classes:$cp" io.bpf4j.benchmarks.CoreBenchmarks "$btf" "$out/core_bench.bpf.o" > "$out/core-java-checksum.txt"
if ! grep -qxF "$(cat "$out/core-java-checksum.txt")" "$out/core-c.txt"; then
    echo "bpf4j and libbpf relocated differently: bpf4j $(cat "$out/core-java-checksum.txt")" >&2
    exit 1
fi
echo "same relocations: $(cat "$out/core-java-checksum.txt")"
echo "== bpf4j (JMH) =="
java -cp "$out/classes:$cp" -Dbench.btf="$btf" -Dbench.coreObject="$out/core_bench.bpf.o" org.openjdk.jmh.Main \
    -rf csv -rff "$out/core-jmh.csv" io.bpf4j.benchmarks.CoreBenchmarks
echo "== ratios (bpf4j time / libbpf time; < 1 means bpf4j is faster) =="
awk -F, 'NR==FNR { split($0, a, " "); c[a[1]] = a[2]; next }
         FNR > 1 { gsub(/"/, "", $1); n = $1; sub(/.*\./, "", n); printf "%-20s bpf4j %10.1f us  libbpf %10.1f us  ratio %.2f\n", n, $5, c[n], $5 / c[n] }' \
    "$out/core-c.txt" "$out/core-jmh.csv"
