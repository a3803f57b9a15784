package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.ProgramType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** uprobe.multi section names, options and the glob over a binary's functions (libc, readelf as oracle). */
class UprobeMultiSectionsTest {

    private final UprobeMultiPlugin plugin = new UprobeMultiPlugin();

    @Test
    void sectionsDefineKprobeProgramsOfTheMultiUprobeAttachType() {
        ProgramDefinition entry = plugin.define("uprobe.multi//usr/bin/bash:readline*", null);
        assertEquals(ProgramType.KPROBE, entry.type());
        assertEquals(AttachType.TRACE_UPROBE_MULTI, entry.expectedAttachType());
        assertTrue(entry.autoAttach());
        assertFalse(entry.sleepable());
        assertTrue(plugin.define("uretprobe.multi.s//x:y", null).sleepable());
        ProgramDefinition bare = plugin.define("uprobe.multi", null);
        assertFalse(bare.autoAttach());
        assertTrue(plugin.manualAttachHint("uprobe.multi").contains("UprobeMultiOptions"));

        UprobeMultiOptions target = UprobeMultiPlugin.target("uprobe.multi//usr/bin/bash:readline*");
        assertEquals(Path.of("/usr/bin/bash"), target.binary());
        assertEquals("readline*", target.pattern());
        assertNull(UprobeMultiPlugin.target("uretprobe.multi"));
        assertThrows(AttachException.class, () -> UprobeMultiPlugin.target("uprobe.multi//usr/bin/bash"));
        assertThrows(AttachException.class, () -> UprobeMultiPlugin.target("uprobe.multi//usr/bin/bash:"));
    }

    @Test
    void optionsNameThePlacesOneWay() {
        Path bin = Path.of("/bin/true");
        assertThrows(IllegalArgumentException.class, () -> new UprobeMultiOptions(bin, "a*", List.of("b"), List.of(),
                List.of(), List.of(), -1, false));
        assertThrows(IllegalArgumentException.class, () -> UprobeMultiOptions.functions(bin, List.of("a", "b"))
                .cookies(List.of(1L)).build());
        assertThrows(IllegalArgumentException.class, () -> UprobeMultiOptions.matching(bin, "a*")
                .refCtrOffsets(List.of(1L)).build());
        assertThrows(IllegalArgumentException.class, () -> UprobeMultiOptions.offsets(bin, List.of(1L)).pid(0).build());
        assertEquals(List.of(16L), UprobeMultiOptions.offsets(bin, List.of(16L)).build().offsets());
    }

    @Test
    void globOverLibcMatchesSymbolOffsets() {
        Map<String, Long> matches = FunctionOffsets.matching(FunctionOffsetsTest.LIBC, "getpid*");
        assertTrue(matches.containsKey("getpid"), matches.toString());
        assertEquals(FunctionOffsets.fileOffset(FunctionOffsetsTest.LIBC, "getpid"), matches.get("getpid"));
        matches.keySet().forEach(name -> assertTrue(name.startsWith("getpid"), name));
        AttachException none = assertThrows(AttachException.class,
                () -> FunctionOffsets.matching(FunctionOffsetsTest.LIBC, "no_such_fn_*"));
        assertTrue(none.getMessage().contains("no_such_fn_*"), none.getMessage());
    }
}
