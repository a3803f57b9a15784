package com.example.bpf4j.syscalls;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.AttachPlugins;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.loader.BpfProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The acceptance of the attach SPI: a plugin outside bpf4j, on the path, used by attachAll. */
class SyscallEnterPluginTest {

    @Test
    void serviceLoaderFindsThePluginForItsPrefix() {
        AttachPlugins plugins = AttachPlugins.load();
        assertTrue(plugins.find("syscall_enter/openat").orElseThrow() instanceof SyscallEnterPlugin,
                "found " + plugins);
    }

    @Test
    void attachAllUsesTheThirdPartyPlugin() throws IOException {
        try (BpfObject obj = BpfObject.openResource(SyscallEnterPluginTest.class, "/META-INF/bpf/syscall_counter.bpf.o")) {
            BpfProgram program = obj.program("count_openat");
            assertEquals(new SyscallEnterPlugin().name(), program.pluginName());
            obj.rodata().setInt("target_tgid", (int) ProcessHandle.current().pid());
            obj.load();
            assertEquals(0, obj.bss().getLong("openat_calls"), "nothing counted before attach");
            obj.attachAll();

            Path file = Files.createTempFile("bpf4j-openat", ".txt");
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    Files.readAllBytes(file); // opens the file: one openat() of this process
                    return obj.bss().getLong("openat_calls") > 0;
                });
            } finally {
                Files.delete(file);
            }
        }
    }
}
