package io.bpf4j.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a cpio archive in the "newc" format, the one the kernel unpacks as an
 * initramfs (Documentation/driver-api/early-userspace/buffer-format.rst):
 * a 110-byte ASCII header of hex fields, the name, the data, each padded to 4 bytes,
 * ended by the entry {@code TRAILER!!!}.
 */
final class CpioWriter implements AutoCloseable {
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private final OutputStream out;
    private long written;
    private int inode = 1;

    CpioWriter(OutputStream out) {
        this.out = out;
    }

    void directory(String name) throws IOException {
        entry(name, S_IFDIR | 0755, new byte[0]);
    }

    void file(String name, int permissions, byte[] data) throws IOException {
        entry(name, S_IFREG | permissions, data);
    }

    private void entry(String name, int mode, byte[] data) throws IOException {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("070701");
        int[] fields = {inode++, mode, 0, 0, (mode & S_IFDIR) != 0 ? 2 : 1, 0, data.length, 0, 0, 0, 0,
                nameBytes.length, 0};
        for (int f : fields) {
            h.append(String.format("%08x", f));
        }
        write(h.toString().getBytes(StandardCharsets.US_ASCII));
        write(nameBytes);
        pad();
        write(data);
        pad();
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) {
            out.write(0);
            written++;
        }
    }

    @Override
    public void close() throws IOException {
        entry("TRAILER!!!", 0, new byte[0]);
        out.close();
    }
}
