package io.bpf4j.syscall;

import io.bpf4j.syscall.internal.CpuList;
import io.bpf4j.syscall.internal.LibC;
import io.bpf4j.syscall.internal.LogSummary;
import io.bpf4j.syscall.internal.SyscallNumbers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Errno names, exception messages, UAPI enums, and the plumbing they rest on. */
class ErrnoAndEnumsTest {
    @Test
    void errnoNamesAndDescriptions() {
        assertEquals("EPERM", Errno.name(1));
        assertEquals("Operation not permitted", Errno.describe(Errno.EPERM));
        assertEquals("ENOENT", Errno.name(Errno.ENOENT));
        assertEquals("E2BIG", Errno.name(7));
        assertEquals("EBADF", Errno.name(9));
        assertEquals("EAGAIN", Errno.name(11));
        assertEquals("EACCES", Errno.name(13));
        assertEquals("EINVAL", Errno.name(22));
        assertEquals("ENOSPC", Errno.name(28));
        assertEquals("EOPNOTSUPP", Errno.name(95));
        assertEquals("ENOTSUPP", Errno.name(524));
        assertEquals("errno 9999", Errno.name(9999));
        assertEquals("Unknown error 0", Errno.describe(0));
    }

    @Test
    void messageFormat() {
        BpfException plain = new BpfException("bpf(BPF_MAP_CREATE)", Errno.EPERM, null, null);
        assertEquals("bpf(BPF_MAP_CREATE) failed: EPERM (Operation not permitted)", plain.getMessage());
        assertEquals("", plain.detail());
        assertTrue(plain.log().isEmpty());

        String log = "func#0 @0\n0: R1=ctx() R10=fp0\n0: (bf) r0 = r2\nR2 !read_ok\n"
                + "processed 1 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n\n";
        BpfException e = new BpfException("bpf(BPF_PROG_LOAD)", Errno.EACCES, "program x", log);
        assertEquals("bpf(BPF_PROG_LOAD) failed: EACCES (Permission denied): program x\n\t0: (bf) r0 = r2\n\tR2 !read_ok",
                e.getMessage());
        assertEquals(log, e.log().orElseThrow(), "the whole log is kept");
        assertEquals("EACCES", e.errnoName());
        assertTrue(new BpfException("c", 1, "", "").log().isEmpty(), "an empty log is no log");
    }

    @Test
    void logSummarySkipsStatistics() {
        assertEquals(List.of("a", "b"), LogSummary.lastMeaningfulLines("a\n\nb\nverification time 5 usec\nstack depth 0\n"));
        assertEquals(List.of(), LogSummary.lastMeaningfulLines(null));
        assertEquals(List.of("only"), LogSummary.lastMeaningfulLines("only"));
    }

    @Test
    void enumsMirrorTheUapi() {
        assertEquals(1, MapType.HASH.value());
        assertEquals(27, MapType.RINGBUF.value());
        assertEquals(33, MapType.ARENA.value());
        assertEquals(MapType.QUEUE, MapType.of(22));
        assertEquals("BPF_MAP_TYPE_RINGBUF", MapType.RINGBUF.uapiName());
        assertEquals(6, ProgramType.XDP.value());
        assertEquals(32, ProgramType.NETFILTER.value());
        assertEquals(ProgramType.TRACING, ProgramType.of(26));
        assertEquals(23, AttachType.TRACE_RAW_TP.value());
        assertEquals(41, AttachType.PERF_EVENT.value());
        assertEquals(48, AttachType.TRACE_UPROBE_MULTI.value());
        assertEquals(AttachType.CGROUP_INET_INGRESS, AttachType.of(0));
        assertEquals(10, BpfCommand.PROG_TEST_RUN.value());
        assertEquals(34, BpfCommand.LINK_DETACH.value());
        assertEquals("BPF_MAP_CREATE", BpfCommand.MAP_CREATE.uapiName());
        assertEquals(LinkType.XDP, LinkType.of(6));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> MapType.of(1000));
        assertTrue(unknown.getMessage().contains("1000"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProgramType.of(-1));
        for (Class<? extends Enum<?>> type : List.of(MapType.class, ProgramType.class, AttachType.class, BpfCommand.class, LinkType.class)) {
            Enum<?>[] constants = type.getEnumConstants();
            assertEquals(constants.length - 1, ordinalValue(constants[constants.length - 1]),
                    type.getSimpleName() + " values are dense from 0, as in the UAPI");
        }
    }

    private static int ordinalValue(Enum<?> e) {
        if (e instanceof MapType t) {
            return t.value();
        } else if (e instanceof ProgramType t) {
            return t.value();
        } else if (e instanceof AttachType t) {
            return t.value();
        } else if (e instanceof BpfCommand t) {
            return t.value();
        }
        return ((LinkType) e).value();
    }

    @Test
    void cpuLists() {
        assertEquals(1, CpuList.count("0"));
        assertEquals(2, CpuList.count("0-1\n"));
        assertEquals(5, CpuList.count("0-3,8"));
        assertThrows(IllegalArgumentException.class, () -> CpuList.count("x"));
        assertThrows(IllegalArgumentException.class, () -> CpuList.count(""));
        assertThrows(IllegalArgumentException.class, () -> CpuList.count("3-1"));
    }

    @Test
    void directMappingPreservesErrnoPerThread() throws Exception {
        // close(-1) fails with EBADF through the direct-mapped syscall binding.
        assertEquals(-1, LibC.syscall(SyscallNumbers.CLOSE, -1, 0, 0));
        assertEquals(Errno.EBADF, LibC.errno());
        // Another thread's failure does not disturb this thread's saved errno.
        AtomicInteger other = new AtomicInteger();
        Thread t = new Thread(() -> {
            LibC.syscall(SyscallNumbers.BPF, 99_999, 0, 0);
            other.set(LibC.errno());
        });
        t.start();
        t.join();
        assertEquals(Errno.EINVAL, other.get(), "unknown bpf command");
        assertEquals(Errno.EBADF, LibC.errno(), "errno is per thread");
    }

    @Test
    void runsAsANamedModuleOnTheTestPath() {
        assertEquals("io.bpf4j.syscall", Bpf.class.getModule().getName());
        assertFalse(Bpf.class.getModule().isExported("io.bpf4j.syscall.internal"), "internal stays internal");
        assertTrue(MappedRegion.pageSize() >= 4096);
        assertEquals(Runtime.getRuntime().availableProcessors() <= Bpf.possibleCpus(), true);
    }
}
