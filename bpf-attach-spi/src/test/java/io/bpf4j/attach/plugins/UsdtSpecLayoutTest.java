package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bpf4j.btf.Btf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bytes of a {@code __bpf_usdt_specs} value, for the running kernel's struct pt_regs (x86-64:
 * r15 r14 r13 r12 bp bx r11 r10 r9 r8 ax cx dx si di orig_ax ip cs flags sp ss, 8 bytes each).
 * UsdtHeaderCompileTest in bpf-helpers-headers checks the same offsets on the C side.
 */
class UsdtSpecLayoutTest {

    @Test
    void argumentsCookieAndCount() {
        PtRegsLayout regs = PtRegsLayout.of(Btf.kernel());
        assertEquals(14 * 8, regs.offsetOf("di"));
        assertEquals(4 * 8, regs.offsetOf("bp"));
        List<UsdtArgument> args = List.of(
                new UsdtArgument.InRegister(4, true, "di"),
                new UsdtArgument.InMemory(8, false, -8, "bp", null, 1),
                new UsdtArgument.Constant(2, false, 0x1234),
                new UsdtArgument.InMemory(1, true, 24, "dx", "cx", 4));
        ByteBuffer b = ByteBuffer.wrap(UsdtSpecLayout.encode(args, 0x0102030405060708L, regs)).order(ByteOrder.nativeOrder());
        assertEquals(208, b.capacity());
        // -4@%edi: register, 32 bits shifted out and back with sign.
        assertEquals(0, b.getLong(0));
        assertEquals(UsdtSpecLayout.ARG_REG, b.getInt(8));
        assertEquals(14 * 8, b.getShort(12));
        assertEquals(1, b.get(14));
        assertEquals(32, b.get(15));
        // 8@-8(%rbp): memory at bp - 8, unsigned, nothing cut.
        assertEquals(-8, b.getLong(16));
        assertEquals(UsdtSpecLayout.ARG_REG_DEREF, b.getInt(24));
        assertEquals(4 * 8, b.getShort(28));
        assertEquals(0, b.get(30));
        assertEquals(0, b.get(31));
        // 2@$0x1234: the constant itself.
        assertEquals(0x1234, b.getLong(32));
        assertEquals(UsdtSpecLayout.ARG_CONST, b.getInt(40));
        assertEquals(48, b.get(47));
        // -1@24(%rdx,%rcx,4): type 3, index register cx (offset 88) in bits 8..19, log2(4) in bits 20..23.
        assertEquals(24, b.getLong(48));
        assertEquals(3 | 88 << 8 | 2 << 20, b.getInt(56));
        assertEquals(12 * 8, b.getShort(60));
        assertEquals(1, b.get(62));
        assertEquals(56, b.get(63));
        assertEquals(0x0102030405060708L, b.getLong(192));
        assertEquals(4, b.getShort(200));
    }

    @Test
    void unknownRegisterIsRefused() {
        PtRegsLayout regs = PtRegsLayout.of(Btf.kernel());
        assertThrows(UnsupportedOperationException.class, () -> UsdtSpecLayout.encode(
                List.of(new UsdtArgument.InRegister(8, false, "xmm0")), 0, regs));
    }

    @Test
    void cookiesAreKnownFromTheKernelsHelperEnum() {
        // This host runs 6.18: bpf_get_attach_cookie exists (5.15), as do multi-uprobe links (6.6).
        assertEquals(true, UsdtPlugin.hasBpfCookies(Btf.kernel()));
        assertEquals(true, UprobeMultiPlugin.hasUprobeMulti(Btf.kernel()));
    }
}
