package io.bpf4j.attach.plugins;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import java.util.HashMap;
import java.util.Map;

/**
 * Byte offsets of the registers in the running kernel's {@code struct pt_regs}, the context of
 * uprobe programs, read from its BTF: the spec of a USDT argument says where in that struct the
 * BPF side finds a register. Only x86-64 is known (its field names {@code ax}, {@code di},
 * {@code r8} ... are what {@link UsdtArgumentParser} produces).
 */
final class PtRegsLayout {

    private final Map<String, Integer> offsets;

    private PtRegsLayout(Map<String, Integer> offsets) {
        this.offsets = offsets;
    }

    /**
     * {@return the layout of {@code struct pt_regs} in {@code kernelBtf}}
     *
     * @throws UnsupportedOperationException on other architectures than x86-64, or if the
     *     kernel's BTF has no {@code struct pt_regs}
     */
    static PtRegsLayout of(Btf kernelBtf) {
        String arch = System.getProperty("os.arch");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            throw new UnsupportedOperationException("USDT arguments are read for x86-64 only, not " + arch);
        }
        int id = kernelBtf.findByName("pt_regs", BtfKind.STRUCT);
        if (id <= 0) {
            throw new UnsupportedOperationException("the kernel's BTF has no struct pt_regs: USDT arguments need it");
        }
        Map<String, Integer> offsets = new HashMap<>();
        for (BtfType.Member m : ((BtfType.Struct) kernelBtf.type(id)).members()) {
            if (!m.name().isEmpty() && m.bitOffset() % 8 == 0) {
                offsets.put(m.name(), (int) (m.bitOffset() / 8));
            }
        }
        return new PtRegsLayout(Map.copyOf(offsets));
    }

    /**
     * {@return the byte offset of {@code register} in struct pt_regs}
     *
     * @throws UnsupportedOperationException if the struct has no such field
     */
    int offsetOf(String register) {
        Integer offset = offsets.get(register);
        if (offset == null) {
            throw new UnsupportedOperationException("the kernel's struct pt_regs has no register field '" + register
                    + "' (fields: " + new java.util.TreeSet<>(offsets.keySet()) + ")");
        }
        return offset;
    }
}
