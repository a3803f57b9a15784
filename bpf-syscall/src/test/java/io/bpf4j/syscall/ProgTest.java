package io.bpf4j.syscall;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Program commands against the running kernel. */
class ProgTest {
    private final Bpf bpf = Bpf.system();

    @Test
    void loadTestRunAndInfo() {
        byte[] insns = Insns.returning(42);
        try (OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.SOCKET_FILTER, insns)
                .name("ret42").license("Dual BSD/GPL").build())) {
            TestRunResult run = bpf.progTestRun(TestRunRequest.builder(prog.fd()).dataIn(new byte[64]).repeat(3).build());
            assertEquals(42, run.retval());
            assertEquals(0, run.dataOut().length, "no output asked for");

            ProgInfo info = bpf.progInfo(prog.fd());
            assertEquals(ProgramType.SOCKET_FILTER, info.type());
            assertEquals("ret42", info.name());
            assertTrue(info.id() > 0);
            assertTrue(info.tag().matches("[0-9a-f]{16}"), info.tag());
            assertTrue(info.gplCompatible(), "Dual BSD/GPL is GPL-compatible");
            assertEquals(16, info.xlatedProgLen());
            assertTrue(info.loadTime() > 0);
            assertArrayEquals(insns, bpf.progXlatedInsns(prog.fd()), "r0 = 42; exit translates to itself");
        }
    }

    @Test
    void xdpTestRunReturnsDataOut() {
        try (OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.XDP, Insns.returning(2)).name("pass").build())) {
            byte[] packet = new byte[64];
            for (int i = 0; i < packet.length; i++) {
                packet[i] = (byte) i;
            }
            TestRunResult run = bpf.progTestRun(TestRunRequest.builder(prog.fd()).dataIn(packet).dataSizeOut(256).build());
            assertEquals(2, run.retval(), "XDP_PASS");
            assertArrayEquals(packet, run.dataOut(), "the packet comes back unchanged");

            FdSnapshot.assertNoLeak(() -> assertEquals(Errno.ENOSPC, assertThrows(BpfException.class,
                    () -> bpf.progTestRun(TestRunRequest.builder(prog.fd()).dataIn(packet).dataSizeOut(8).build()))
                    .errno(), "output room too small"));
        }
    }

    @Test
    void verifierRejectionCarriesTheLog() {
        // r0 = r2 reads a register nobody wrote.
        byte[] insns = Insns.program().movReg(0, 2).exit().bytes();
        FdSnapshot.assertNoLeak(() -> {
            BpfException e = assertThrows(BpfException.class, () -> bpf.progLoad(
                    ProgLoadRequest.builder(ProgramType.SOCKET_FILTER, insns).name("uninit").build()));
            assertEquals(Errno.EACCES, e.errno());
            assertEquals("bpf(BPF_PROG_LOAD)", e.call());
            String log = e.log().orElseThrow();
            assertTrue(log.contains("0: (bf) r0 = r2"), "log names the instruction: " + log);
            assertTrue(log.contains("R2 !read_ok"), log);
            assertTrue(e.getMessage().startsWith("bpf(BPF_PROG_LOAD) failed: EACCES (Permission denied): program uninit"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("R2 !read_ok"), "message shows the last meaningful line: " + e.getMessage());
            assertFalse(e.getMessage().contains("processed "), "statistics are not meaningful: " + e.getMessage());
        });
    }

    @Test
    void logRequestedOnSuccessIsReturned() {
        ProgLoadResult result = bpf.progLoadWithLog(ProgLoadRequest.builder(ProgramType.SOCKET_FILTER, Insns.returning(0))
                .name("logged").logLevel(2).build());
        try (OwnedFd prog = result.fd()) {
            assertTrue(prog.isOpen());
            assertTrue(result.log().contains("processed"), result.log());
        }
        ProgLoadResult quiet = bpf.progLoadWithLog(ProgLoadRequest.builder(ProgramType.SOCKET_FILTER, Insns.returning(0))
                .build());
        quiet.fd().close();
        assertEquals("", quiet.log(), "no log asked for, none returned");
    }

    @Test
    void truncatedLogIsRetriedWithALargerBuffer() {
        // A long straight-line program makes a verbose log far larger than the 1 KiB first buffer.
        Insns p = Insns.program();
        for (int i = 0; i < 300; i++) {
            p.movImm(1, i);
        }
        byte[] insns = p.movImm(0, 0).exit().bytes();
        ProgLoadResult result = bpf.progLoadWithLog(ProgLoadRequest.builder(ProgramType.SOCKET_FILTER, insns)
                .logLevel(2).logSize(1024).build());
        try (OwnedFd prog = result.fd()) {
            assertEquals(0, bpf.progTestRun(TestRunRequest.builder(prog.fd()).dataIn(new byte[64]).build()).retval());
            assertTrue(result.log().length() > 1024, "log grew: " + result.log().length());
            assertTrue(result.log().contains("299: (b7) r1 = 299"), "the log is whole");
            assertTrue(result.log().contains("processed 302 insns"), "the log ends with the statistics");
        }
    }

    @Test
    void rejectionWithBigLogKeepsItWhole() {
        Insns p = Insns.program();
        for (int i = 0; i < 300; i++) {
            p.movImm(1, i);
        }
        byte[] insns = p.movReg(0, 3).exit().bytes();
        FdSnapshot.assertNoLeak(() -> {
            BpfException e = assertThrows(BpfException.class, () -> bpf.progLoad(
                    ProgLoadRequest.builder(ProgramType.SOCKET_FILTER, insns).name("big").logLevel(2).logSize(1024).build()));
            assertEquals(Errno.EACCES, e.errno(), e.getMessage());
            String log = e.log().orElseThrow();
            assertTrue(log.contains("0: (b7) r1 = 0"), "the start of the log is kept");
            assertTrue(log.contains("R3 !read_ok"), "the end of the log is kept");
        });
    }

    @Test
    void unknownHelperIsEinvalWithLog() {
        byte[] insns = Insns.program().call(999_999).movImm(0, 0).exit().bytes();
        FdSnapshot.assertNoLeak(() -> {
            BpfException e = assertThrows(BpfException.class, () -> bpf.progLoad(
                    ProgLoadRequest.builder(ProgramType.SOCKET_FILTER, insns).build()));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.log().orElseThrow().contains("invalid func"), e.log().orElseThrow());
            assertTrue(e.getMessage().contains("program (unnamed)"), e.getMessage());
        });
    }

    @Test
    void testRunOfBadFdFails() {
        FdSnapshot.assertNoLeak(() -> {
            BpfException e = assertThrows(BpfException.class,
                    () -> bpf.progTestRun(TestRunRequest.builder(999_999).dataIn(new byte[64]).build()));
            assertEquals(Errno.EBADF, e.errno());
            assertEquals("bpf(BPF_PROG_TEST_RUN)", e.call());
        });
    }

    @Test
    void infoOfWrongObjectFails() {
        // BPF_OBJ_GET_INFO_BY_FD answers a closed descriptor with EBADFD, not EBADF.
        FdSnapshot.assertNoLeak(() -> assertEquals(Errno.EBADFD,
                assertThrows(BpfException.class, () -> bpf.progInfo(999_999)).errno()));
        try (Epoll epoll = Epoll.create()) {
            FdSnapshot.assertNoLeak(() -> assertEquals(Errno.EINVAL,
                    assertThrows(BpfException.class, () -> bpf.mapInfo(epoll.fd())).errno(), "not a BPF object"));
        }
    }

    @Test
    void requestsRejectBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> ProgLoadRequest.builder(ProgramType.XDP, new byte[7]).build());
        assertThrows(IllegalArgumentException.class,
                () -> ProgLoadRequest.builder(ProgramType.XDP, new byte[8]).attachBtf(5, 3).attachProgFd(4).build());
        assertThrows(IllegalArgumentException.class,
                () -> ProgLoadRequest.builder(ProgramType.XDP, new byte[8]).funcInfo(8, new byte[12]).build());
        assertThrows(IllegalArgumentException.class,
                () -> ProgLoadRequest.builder(ProgramType.KPROBE, new byte[8]).structOpsMember(3).build());
        // Members past the last attach type's number are fine: the index is not an attach type.
        assertEquals(70, ProgLoadRequest.builder(ProgramType.STRUCT_OPS, new byte[8]).structOpsMember(70).build()
                .structOpsMember());
        byte[] insns = Insns.returning(1);
        ProgLoadRequest r = ProgLoadRequest.builder(ProgramType.XDP, insns).build();
        insns[0] = 0;
        assertEquals((byte) 0xb7, r.insns()[0], "the request copied the instructions");
    }
}
