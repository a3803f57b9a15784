package io.bpf4j.syscall;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BPF_BTF_LOAD of hand-built blobs. */
class BtfTest {
    private final Bpf bpf = Bpf.system();

    /**
     * One type, {@code [1] INT 'int' size=4 bits=32 SIGNED}, laid out per
     * Documentation/bpf/btf.rst: 24-byte header, type section, string section.
     */
    static byte[] intBtf(int info) {
        byte[] strings = "\0int\0".getBytes();
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + strings.length).order(ByteOrder.nativeOrder());
        b.putShort((short) 0xeb9f).put((byte) 1).put((byte) 0).putInt(24); // magic, version, flags, hdr_len
        b.putInt(0).putInt(16).putInt(16).putInt(strings.length);          // type_off/len, str_off/len
        b.putInt(1).putInt(info).putInt(4);                                 // name_off, info, size
        b.putInt((1 << 24) | 32);                                           // BTF_INT_SIGNED, offset 0, 32 bits
        b.put(strings);
        return b.array();
    }

    static final int KIND_INT = 1 << 24;

    @Test
    void validBlobLoadsAndDescribesAMap() {
        byte[] blob = intBtf(KIND_INT);
        try (OwnedFd btf = bpf.btfLoad(blob)) {
            BtfInfo info = bpf.btfInfo(btf.fd());
            assertTrue(info.id() > 0);
            assertEquals(blob.length, info.size());
            assertFalse(info.kernelBtf());
            assertEquals("", info.name());
            try (OwnedFd map = bpf.mapCreate(MapCreateRequest.builder(MapType.HASH, 4, 4, 4).name("typed")
                    .btf(btf.fd(), 1, 1).build())) {
                MapInfo mapInfo = bpf.mapInfo(map.fd());
                assertEquals(info.id(), mapInfo.btfId());
                assertEquals(1, mapInfo.btfKeyTypeId());
                assertEquals(1, mapInfo.btfValueTypeId());
            }
            FdSnapshot.assertNoLeak(() -> assertEquals(Errno.EINVAL, assertThrows(BpfException.class,
                    () -> bpf.mapCreate(MapCreateRequest.builder(MapType.HASH, 8, 4, 4).btf(btf.fd(), 1, 1).build()))
                    .errno(), "BTF key type of 4 bytes for an 8-byte key"));
        }
    }

    @Test
    void corruptBlobFailsWithTheKernelsLog() {
        byte[] blob = intBtf(31 << 24); // kind 31 does not exist
        FdSnapshot.assertNoLeak(() -> {
            BpfException e = assertThrows(BpfException.class, () -> bpf.btfLoad(blob));
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("bpf(BPF_BTF_LOAD)", e.call());
            String log = e.log().orElseThrow();
            assertTrue(log.contains("Invalid kind"), log);
            assertTrue(e.getMessage().contains("Invalid kind"), e.getMessage());
        });
        byte[] badMagic = intBtf(KIND_INT);
        badMagic[0] = 0;
        FdSnapshot.assertNoLeak(() -> assertTrue(assertThrows(BpfException.class, () -> bpf.btfLoad(badMagic))
                .log().orElseThrow().contains("magic")));
    }
}
