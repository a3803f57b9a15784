package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BpfLogTest {

    @Test
    void levelComesFromBpf4jThenLibbpfVariables() {
        assertEquals(Level.WARNING, BpfLog.levelFrom(Map.of()));
        assertEquals(Level.DEBUG, BpfLog.levelFrom(Map.of("BPF4J_LOG_LEVEL", "debug")));
        assertEquals(Level.INFO, BpfLog.levelFrom(Map.of("LIBBPF_LOG_LEVEL", "info")));
        assertEquals(Level.WARNING, BpfLog.levelFrom(Map.of("BPF4J_LOG_LEVEL", "warn", "LIBBPF_LOG_LEVEL", "debug")));
    }

    @Test
    void handlerReceivesWhatTheLevelLetsThrough() {
        List<String> seen = new ArrayList<>();
        Level saved = BpfLog.level();
        BpfLog.setHandler((level, source, message) -> seen.add(level + " " + message));
        try {
            BpfLog.setLevel(Level.INFO);
            System.Logger log = BpfLog.logger(BpfLogTest.class);
            log.log(Level.DEBUG, "hidden");
            log.log(Level.INFO, "shown {0}", 1);
            log.log(Level.WARNING, "also shown");
            assertEquals(List.of("INFO shown 1", "WARNING also shown"), seen);
        } finally {
            BpfLog.setHandler(null);
            BpfLog.setLevel(saved);
        }
    }

    @Test
    void loadLogsThroughTheHandlerAtDebug() {
        List<String> seen = new ArrayList<>();
        Level saved = BpfLog.level();
        BpfLog.setHandler((level, source, message) -> seen.add(message));
        BpfLog.setLevel(Level.DEBUG);
        try (BpfObject obj = BpfObject.openResource(BpfLogTest.class, "/META-INF/bpf/globals.bpf.o")) {
            obj.load();
        } finally {
            BpfLog.setHandler(null);
            BpfLog.setLevel(saved);
        }
        assertTrue(seen.stream().anyMatch(m -> m.contains("count") && m.contains("loaded")), seen.toString());
    }
}
