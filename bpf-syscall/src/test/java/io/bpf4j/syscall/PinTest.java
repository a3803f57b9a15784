package io.bpf4j.syscall;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BPF_OBJ_PIN and BPF_OBJ_GET on bpffs. */
class PinTest {
    private final Bpf bpf = Bpf.system();
    private final Path pin = KernelFixtures.BPFFS.resolve("bpf4j-syscall-" + ProcessHandle.current().pid() + "-" + System.nanoTime());

    @BeforeAll
    static void mountBpffs() throws Exception {
        KernelFixtures.ensureBpffs();
    }

    @AfterEach
    void unpin() throws IOException {
        Files.deleteIfExists(pin);
    }

    @Test
    void pinnedMapIsTheSameObject() {
        try (OwnedFd map = bpf.mapCreate(MapCreateRequest.builder(MapType.HASH, 4, 4, 4).name("pinned").build())) {
            bpf.mapUpdateElem(map.fd(), MapTest.u32(1), MapTest.u32(10), MapUpdateFlags.BPF_ANY);
            bpf.objPin(map.fd(), pin.toString());
            assertTrue(Files.exists(pin));
            try (OwnedFd again = bpf.objGet(pin.toString())) {
                assertEquals(bpf.mapInfo(map.fd()).id(), bpf.mapInfo(again.fd()).id());
                byte[] value = new byte[4];
                assertTrue(bpf.mapLookupElem(again.fd(), MapTest.u32(1), value));
                assertEquals(10, MapTest.u32(value));
                assertTrue(again.toString().contains(pin.toString()));
            }
            try (OwnedFd readOnly = bpf.objGet(pin.toString(), MapCreateFlags.BPF_F_RDONLY)) {
                FdSnapshot.assertNoLeak(() -> assertEquals(Errno.EPERM, assertThrows(BpfException.class,
                        () -> bpf.mapUpdateElem(readOnly.fd(), MapTest.u32(1), MapTest.u32(2), MapUpdateFlags.BPF_ANY))
                        .errno(), "read-only descriptor"));
            }
            FdSnapshot.assertNoLeak(() -> assertEquals(Errno.EEXIST, assertThrows(BpfException.class,
                    () -> bpf.objPin(map.fd(), pin.toString())).errno()));
        }
    }

    @Test
    void pinnedProgramSurvivesItsFd() {
        OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.SOCKET_FILTER, Insns.returning(7)).name("pinprog").build());
        int id = bpf.progInfo(prog.fd()).id();
        bpf.objPin(prog.fd(), pin.toString());
        prog.close();
        try (OwnedFd again = bpf.objGet(pin.toString())) {
            assertEquals(id, bpf.progInfo(again.fd()).id());
            assertEquals(7, bpf.progTestRun(TestRunRequest.builder(again.fd()).dataIn(new byte[64]).build()).retval());
        }
    }

    @Test
    void getOfMissingPathIsEnoent() {
        FdSnapshot.assertNoLeak(() -> {
            BpfException e = assertThrows(BpfException.class, () -> bpf.objGet(pin.toString()));
            assertEquals(Errno.ENOENT, e.errno());
            assertTrue(e.getMessage().startsWith("bpf(BPF_OBJ_GET) failed: ENOENT (No such file or directory): " + pin),
                    e.getMessage());
        });
    }

    @Test
    void pinOutsideBpffsFails() {
        try (OwnedFd map = bpf.mapCreate(MapCreateRequest.builder(MapType.ARRAY, 4, 4, 1).build())) {
            FdSnapshot.assertNoLeak(() -> assertEquals(Errno.EPERM, assertThrows(BpfException.class,
                    () -> bpf.objPin(map.fd(), "/tmp/bpf4j-not-bpffs-" + System.nanoTime())).errno()));
        }
    }
}
