package io.bpf4j.syscall;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Kallsyms} on lines in the kernel's format and on the running kernel's table. */
class KallsymsTest {

    @Test
    void readsAddressTypeNameAndModule() {
        assertEquals(new Kallsyms.Symbol(0xffffffff81366830L, 'T', "do_exit", null),
                Kallsyms.parse("ffffffff81366830 T do_exit"));
        Kallsyms.Symbol inModule = Kallsyms.parse("ffffffffc00010c0 t veth_xmit.llvm.12345\t[veth]");
        assertEquals("veth_xmit.llvm.12345", inModule.name());
        assertEquals("veth", inModule.module());
        assertTrue(inModule.isText());
        assertFalse(Kallsyms.parse("0000000000000000 D jiffies").isText());
        assertNull(Kallsyms.parse("garbage"));
    }

    @Test
    void everyLineOfTheRunningKernelsTableIsASymbol() throws IOException {
        List<Kallsyms.Symbol> symbols = new ArrayList<>();
        Kallsyms.forEach(symbols::add);
        long lines;
        try (var all = Files.lines(Kallsyms.PATH)) {
            lines = all.count();
        }
        assertEquals(lines, symbols.size(), "one symbol per line of " + Kallsyms.PATH);
        Kallsyms.Symbol put = symbols.stream().filter(s -> s.name().equals("bpf_prog_put")).findFirst()
                .orElseThrow(() -> new AssertionError("bpf_prog_put is not in " + Kallsyms.PATH));
        assertTrue(put.isText(), "bpf_prog_put is code: " + put);
        assertNull(put.module(), "bpf_prog_put is in vmlinux: " + put);
        assertTrue(symbols.stream().anyMatch(s -> s.module() != null), "some symbols belong to modules");
    }
}
