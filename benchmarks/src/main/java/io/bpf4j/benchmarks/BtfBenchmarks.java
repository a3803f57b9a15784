package io.bpf4j.benchmarks;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.elf.object.ObjectSpec;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The three measurements of issue 3, each the Java side of what {@code src/main/c/libbpf_bench.c}
 * times on Debian's libbpf: open vmlinux BTF and find {@code task_struct} ({@code btf__parse} +
 * {@code btf__find_by_name_kind}); decode every type ({@code btf__type_by_id} over every id, reading
 * each type's members); open a BPF object ({@code bpf_object__open}). Like libbpf, the Java side
 * reads the file each time. {@code benchmarks/run.sh} runs both and prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BtfBenchmarks {
    private Path vmlinux;
    private Path object;
    private Btf decoded;

    @Setup
    public void setUp() {
        vmlinux = Path.of(System.getProperty("bench.btf", "/sys/kernel/btf/vmlinux"));
        object = Path.of(System.getProperty("bench.object", "target/bench.bpf.o"));
        decoded = Btf.read(vmlinux);
    }

    /** {@return the id of task_struct in a freshly read vmlinux BTF} */
    @Benchmark
    public int openAndFindByName() {
        Btf btf = Btf.read(vmlinux);
        return btf.findByName("task_struct", BtfKind.STRUCT);
    }

    /** Decodes every type of a fresh parse (no cache from an earlier iteration). */
    @Benchmark
    public void decodeEveryType(Blackhole bh) throws Exception {
        Btf btf = Btf.parse(ByteBuffer.wrap(Files.readAllBytes(vmlinux)), "vmlinux");
        for (int id = 1; id < btf.typeCount(); id++) {
            bh.consume(btf.type(id));
        }
    }

    /** Opens (parses, no load) a clang-built BPF object. */
    @Benchmark
    public ObjectSpec openObject() {
        return ObjectSpec.open(object);
    }
}
