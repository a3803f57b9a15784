package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** attachAll attaches what its section names, and says what it skipped and why. */
class AttachAllTest {

    @Test
    void skipsProgramsWithoutATargetAndSaysHowToAttachThem() {
        List<String> messages = new ArrayList<>();
        Level saved = BpfLog.level();
        BpfLog.setHandler((level, source, message) -> messages.add(message));
        BpfLog.setLevel(Level.INFO);
        try (BpfObject obj = BpfObject.openResource(AttachAllTest.class, "/META-INF/bpf/manual_only.bpf.o")) {
            assertTrue(obj.program("auto_attached").autoAttach());
            assertFalse(obj.program("needs_options").autoAttach());
            obj.load();
            assertEquals(1, obj.attachAll().size());
            String skipped = messages.stream().filter(m -> m.contains("needs_options")).findFirst().orElseThrow();
            assertTrue(skipped.contains("skipped") && skipped.contains("uprobe"), skipped);

            obj.program("auto_attached").setAutoAttach(false);
            messages.clear();
            assertEquals(0, obj.attachAll().size());
            assertTrue(messages.stream().anyMatch(m -> m.contains("auto_attached") && m.contains("setAutoAttach")),
                    messages.toString());
        } finally {
            BpfLog.setHandler(null);
            BpfLog.setLevel(saved);
        }
    }
}
