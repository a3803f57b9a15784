package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.AttachException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The x86-64 argument text of USDT notes, as gcc and <sys/sdt.h> write it, and section names. */
class UsdtArgumentParserTest {

    @Test
    void everyOperandKind() {
        List<UsdtArgument> args = UsdtArgumentParser.parse(
                "-4@%edi 8@-8(%rbp) 4@$5 8@%rax -1@%dl 2@%r9w -8@(%rdx,%rcx,8) 8@0x10(%rsp) -4@$-7 8@(%r12,%rax)", "p:n");
        assertEquals(List.of(
                new UsdtArgument.InRegister(4, true, "di"),
                new UsdtArgument.InMemory(8, false, -8, "bp", null, 1),
                new UsdtArgument.Constant(4, false, 5),
                new UsdtArgument.InRegister(8, false, "ax"),
                new UsdtArgument.InRegister(1, true, "dx"),
                new UsdtArgument.InRegister(2, false, "r9"),
                new UsdtArgument.InMemory(8, true, 0, "dx", "cx", 8),
                new UsdtArgument.InMemory(8, false, 16, "sp", null, 1),
                new UsdtArgument.Constant(4, true, -7),
                new UsdtArgument.InMemory(8, false, 0, "r12", "ax", 1)), args);
    }

    @Test
    void emptyTextHasNoArguments() {
        assertEquals(List.of(), UsdtArgumentParser.parse("", "p:n"));
        assertEquals(List.of(), UsdtArgumentParser.parse("  ", "p:n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4@%ah", "3@%eax", "8@foo(%rip)", "8@8(%rip)", "eax", "8@(%rax,%rbx,3)",
            "8@$99999999999999999999"})
    void unreadableOperandsNameTheProbeAndItem(String item) {
        AttachException e = assertThrows(AttachException.class, () -> UsdtArgumentParser.parse("4@%edi " + item, "prov:name"));
        assertTrue(e.getMessage().contains("prov:name") && e.getMessage().contains("'" + item + "'"), e.getMessage());
    }

    @Test
    void atMostTwelveArguments() {
        String thirteen = "4@$1 ".repeat(13);
        AttachException e = assertThrows(AttachException.class, () -> UsdtArgumentParser.parse(thirteen, "p:n"));
        assertTrue(e.getMessage().contains("13 arguments"), e.getMessage());
    }

    @Test
    void sectionNamesBinaryProviderAndName() {
        UsdtOptions options = UsdtPlugin.target("usdt//usr/lib/libc.so.6:libc:setjmp");
        assertEquals(Path.of("/usr/lib/libc.so.6"), options.binary());
        assertEquals("libc", options.provider());
        assertEquals("setjmp", options.name());
        // A path may hold colons: provider and name are the last two fields.
        assertEquals(Path.of("/tmp/a:b/x"), UsdtPlugin.target("usdt.s//tmp/a:b/x:p:n").binary());
        assertNull(UsdtPlugin.target("usdt"));
        for (String bad : List.of("usdt/x", "usdt/x:p", "usdt/:p:n", "usdt/x::n", "usdt/x:p:")) {
            assertThrows(AttachException.class, () -> UsdtPlugin.target(bad), bad);
        }
        assertTrue(new UsdtPlugin().define("usdt.s//bin/x:p:n", null).sleepable());
        assertTrue(new UsdtPlugin().define("usdt//bin/x:p:n", null).autoAttach());
        assertTrue(!new UsdtPlugin().define("usdt", null).autoAttach());
    }
}
