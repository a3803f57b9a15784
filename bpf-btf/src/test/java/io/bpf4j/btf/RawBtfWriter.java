package io.bpf4j.btf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-builds raw BTF for tests, including BTF no compiler would write. */
final class RawBtfWriter {
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final List<int[]> types = new ArrayList<>();
    private final int firstId;

    RawBtfWriter() {
        this(1, true);
    }

    /** For split BTF: ids start after the base's, and the string section need not start with NUL. */
    RawBtfWriter(int firstId, boolean leadingEmptyString) {
        this.firstId = firstId;
        if (leadingEmptyString) {
            strings.write(0);
        }
    }

    /** Adds a string, returning its offset in this writer's string section (plus {@code base}). */
    int str(String s) {
        int off = strings.size();
        strings.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        strings.write(0);
        return off;
    }

    /** Adds a type: struct btf_type followed by {@code extra} u32 words; returns its id. */
    int type(int nameOff, BtfKind kind, int vlen, boolean kflag, int sizeOrType, int... extra) {
        int info = (kflag ? 1 << 31 : 0) | (kind.value() << 24) | vlen;
        int[] words = new int[3 + extra.length];
        words[0] = nameOff;
        words[1] = info;
        words[2] = sizeOrType;
        System.arraycopy(extra, 0, words, 3, extra.length);
        types.add(words);
        return firstId + types.size() - 1;
    }

    int intType(int nameOff, int size, boolean signed) {
        return type(nameOff, BtfKind.INT, 0, false, size, (signed ? 1 << 24 : 0) | size * 8);
    }

    byte[] build(ByteOrder order) {
        int typeLen = types.stream().mapToInt(w -> 4 * w.length).sum();
        byte[] str = strings.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(24 + typeLen + str.length).order(order);
        b.putShort((short) 0xeB9F).put((byte) 1).put((byte) 0).putInt(24);
        b.putInt(0).putInt(typeLen).putInt(typeLen).putInt(str.length);
        for (int[] words : types) {
            for (int w : words) {
                b.putInt(w);
            }
        }
        b.put(str);
        return b.array();
    }

    byte[] build() {
        return build(ByteOrder.LITTLE_ENDIAN);
    }
}
