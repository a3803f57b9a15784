package io.bpf4j.syscall;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BPF_*_GET_NEXT_ID and BPF_*_GET_FD_BY_ID against the running kernel. */
class IdsTest {
    private final Bpf bpf = Bpf.system();

    private List<Integer> allIds(IdKind kind) {
        List<Integer> ids = new ArrayList<>();
        for (int id = bpf.nextId(kind, 0); id > 0; id = bpf.nextId(kind, id)) {
            ids.add(id);
        }
        return ids;
    }

    @Test
    void vmlinuxBtfIsFoundByWalkingBtfIds() {
        int vmlinuxId = -1;
        List<Integer> ids = allIds(IdKind.BTF);
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) > ids.get(i - 1), "ascending: " + ids);
        }
        for (int id : ids) {
            try (OwnedFd fd = bpf.btfGetFdById(id)) {
                BtfInfo info = bpf.btfInfo(fd.fd());
                assertEquals(id, info.id());
                if (info.name().equals("vmlinux")) {
                    assertTrue(info.kernelBtf(), "vmlinux BTF is kernel BTF");
                    assertTrue(info.size() > 1 << 20, "vmlinux BTF is megabytes: " + info.size());
                    vmlinuxId = id;
                }
            } catch (BpfException e) {
                // An object can vanish between the walk and the open (another test's program).
                assertEquals(Errno.ENOENT, e.errno(), e.getMessage());
            }
        }
        assertTrue(vmlinuxId > 0, "vmlinux among BTF ids " + ids);
    }

    @Test
    void aNewMapAndProgramAppearInTheWalkAndOpenById() {
        try (OwnedFd map = bpf.mapCreate(MapCreateRequest.builder(MapType.ARRAY, 4, 8, 1).name("by_id").build());
             OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.RAW_TRACEPOINT, Insns.returning(0))
                     .name("by_id").build());
             OwnedFd link = bpf.rawTracepointOpen("sched_switch", prog.fd())) {
            int mapId = bpf.mapInfo(map.fd()).id();
            int progId = bpf.progInfo(prog.fd()).id();
            int linkId = bpf.linkInfo(link.fd()).id();
            assertTrue(allIds(IdKind.MAP).contains(mapId));
            assertTrue(allIds(IdKind.PROG).contains(progId));
            assertTrue(allIds(IdKind.LINK).contains(linkId));
            assertEquals(mapId, bpf.nextId(IdKind.MAP, mapId - 1) == mapId ? mapId : -2,
                    "the next id after id-1 is id itself");
            try (OwnedFd m = bpf.mapGetFdById(mapId);
                 OwnedFd p = bpf.progGetFdById(progId);
                 OwnedFd l = bpf.linkGetFdById(linkId)) {
                assertEquals("by_id", bpf.mapInfo(m.fd()).name());
                assertEquals(mapId, bpf.mapInfo(m.fd()).id());
                assertEquals(progId, bpf.progInfo(p.fd()).id());
                assertEquals(progId, bpf.linkInfo(l.fd()).progId());
            }
        }
    }

    @Test
    void theWalkEndsAndUnknownIdsFailWithENOENT() {
        List<Integer> btfIds = allIds(IdKind.BTF);
        assertEquals(-1, bpf.nextId(IdKind.BTF, btfIds.get(btfIds.size() - 1)));
        assertThrows(IllegalArgumentException.class, () -> bpf.nextId(IdKind.PROG, Integer.MAX_VALUE));
        FdSnapshot.assertNoLeak(() -> {
            BpfException e = assertThrows(BpfException.class, () -> bpf.btfGetFdById(Integer.MAX_VALUE));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("bpf(BPF_BTF_GET_FD_BY_ID)", e.call());
            assertEquals(Errno.ENOENT, assertThrows(BpfException.class,
                    () -> bpf.mapGetFdById(Integer.MAX_VALUE)).errno());
        });
    }
}
