package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.attach.Link;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.loader.BpfProgram;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.BtfInfo;
import io.bpf4j.syscall.IdKind;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.OnKernels;
import io.bpf4j.testkit.Triggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kernel module BTF end to end, inside QEMU on Debian's 6.1, 6.12 and newest kernels, whose
 * guests load the 9p modules (9pnet, 9pnet_virtio, 9p) for their root file system:
 * CO-RE relocations against types that only 9pnet's BTF has, checked against bpftool's dump of
 * {@code /sys/kernel/btf/9pnet}; and fentry/fexit on the 9pnet function {@code p9_client_walk},
 * named as {@code 9pnet:p9_client_walk} and plainly, loaded with the module's BTF object
 * ({@code attach_btf_obj_fd}) and fired by file lookups on the 9p root. The host has no module
 * BTF: there the tests skip with the reason.
 */
@BpfTest
class KernelModulesTest {
    private static final String CORE = "/META-INF/bpf/kernel_module_core.bpf.o";
    private static final String TRAMPOLINES = "/META-INF/bpf/kernel_module_trampolines.bpf.o";
    private static final Path NINEP_BTF = Path.of("/sys/kernel/btf/9pnet");
    private static final int CALLS = 3;

    @OnKernels({"6.1", "6.12", "latest"})
    void coreRelocatesAgainstAModuleOnlyType() {
        assumeModuleBtf();
        BtfDump dump = BtfDump.of(NINEP_BTF);
        try (BpfObject obj = BpfObject.openResource(KernelModulesTest.class, CORE)) {
            obj.load();
            BpfProgram prog = obj.program("read_module_layout");
            assertEquals(2 /* XDP_PASS */, prog.testRun(new byte[64], null).retval());
            int client = dump.typeId("STRUCT", "p9_client");
            assertTrue(client > dump.firstOwnId(), "p9_client is the module's own type: id " + client);
            assertEquals(dump.memberBitOffset(client, "msize") / 8, obj.data().getLong("msize_offset"));
            assertEquals(dump.memberBitOffset(client, "trans_mod") / 8, obj.data().getLong("trans_mod_offset"));
            assertEquals(dump.memberBitOffset(client, "status") / 8, obj.data().getLong("status_offset"));
            assertEquals(dump.memberBitOffset(client, "fids") / 8, obj.data().getLong("fids_offset"));
            assertEquals(4, obj.data().getLong("msize_size"));
            assertEquals(dump.size(client), obj.data().getLong("client_size"));
            assertEquals(1, obj.data().getLong("client_exists"));
            assertEquals(dump.enumValue(dump.typeId("ENUM", "p9_trans_status"), "Disconnected"),
                    obj.data().getLong("disconnected_value"));
        }
    }

    @OnKernels({"6.1", "6.12", "latest"})
    void fentryAndFexitOnAModuleFunction() {
        assumeModuleBtf();
        try (BpfObject obj = BpfObject.openResource(KernelModulesTest.class, TRAMPOLINES)) {
            for (String name : List.of("fentry_walk", "fexit_walk")) {
                assertTrue(obj.program(name).attachBtfObjId() > 0, name + " targets a module's BTF object");
            }
            obj.rodata().setLong("target_pid_tgid", pidTgid());
            try {
                obj.load();
            } catch (BpfException e) {
                assumeFalse(e.errnoName().equals("EPERM"), "this kernel refuses trampoline programs: " + e.getMessage());
                throw e;
            }
            int ninepnetId = btfObjectId("9pnet");
            Bpf bpf = Bpf.system();
            for (String name : List.of("fentry_walk", "fexit_walk")) {
                assertEquals(ninepnetId, bpf.progInfo(obj.program(name).fd()).attachBtfObjId(), name);
            }
            lookUpMissingFiles(); // loads the classes the lookups need, which walks the 9p root too
            List<Link> links = obj.attachAll();
            assertEquals(2, links.size(), "links: " + links);
            // Deltas: attaching the second program may have walked (class loading) after the first.
            long entriesBefore = obj.bss().getLong("fentry_hits");
            long exitsBefore = obj.bss().getLong("fexit_hits");
            lookUpMissingFiles();
            long entries = obj.bss().getLong("fentry_hits");
            long exits = obj.bss().getLong("fexit_hits");
            assertTrue(entries - entriesBefore >= CALLS, "fentry hits " + (entries - entriesBefore));
            assertEquals(entries - entriesBefore, exits - exitsBefore, "every walk seen at entry returned");
            links.forEach(Link::close);
            lookUpMissingFiles();
            assertEquals(entries, obj.bss().getLong("fentry_hits"), "silent once detached");
            assertEquals(exits, obj.bss().getLong("fexit_hits"), "silent once detached");
        }
    }

    private static void assumeModuleBtf() {
        assumeTrue(Files.exists(NINEP_BTF), "this kernel has no BTF for module 9pnet (" + NINEP_BTF
                + "): no 9p module loaded or no CONFIG_DEBUG_INFO_BTF_MODULES; the test VMs have it");
    }

    /** Each lookup of a new name on the 9p root asks the server: p9_client_walk. */
    private static void lookUpMissingFiles() {
        for (int i = 0; i < CALLS; i++) {
            assertFalse(Files.exists(Path.of("/bpf4j-no-such-file-" + UUID.randomUUID())));
        }
    }

    /** {@return this thread's {@code bpf_get_current_pid_tgid()}: tgid high, thread id low} */
    private static long pidTgid() {
        try {
            // /proc/thread-self -> "<tgid>/task/<tid>"
            String[] parts = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString().split("/");
            return (Long.parseLong(parts[0]) << 32) | Long.parseLong(parts[2]);
        } catch (IOException e) {
            throw new AssertionError("cannot read /proc/thread-self", e);
        }
    }

    /** {@return the kernel's id of a module's BTF object, found by walking the BTF ids} */
    private static int btfObjectId(String module) {
        Bpf bpf = Bpf.system();
        for (int id = bpf.nextId(IdKind.BTF, 0); id > 0; id = bpf.nextId(IdKind.BTF, id)) {
            try (OwnedFd fd = bpf.btfGetFdById(id)) {
                BtfInfo info = bpf.btfInfo(fd.fd());
                if (info.kernelBtf() && info.name().equals(module)) {
                    return id;
                }
            }
        }
        throw new AssertionError("no BTF object named " + module);
    }

    /** bpftool's raw dump of a module's split BTF: an oracle independent of bpf4j's parser. */
    private record BtfDump(Map<Integer, String> headers, Map<Integer, List<String>> members, int firstOwnId) {
        private static final Pattern HEADER = Pattern.compile("^\\[(\\d+)] (\\w+) '([^']*)'(.*)$");

        static BtfDump of(Path moduleBtf) {
            String out = Triggers.run("bpftool", "-B", "/sys/kernel/btf/vmlinux", "btf", "dump", "file",
                    moduleBtf.toString(), "format", "raw");
            Map<Integer, String> headers = new HashMap<>();
            Map<Integer, List<String>> members = new HashMap<>();
            int current = -1;
            int first = Integer.MAX_VALUE;
            for (String line : out.split("\n")) {
                Matcher m = HEADER.matcher(line);
                if (m.matches()) {
                    current = Integer.parseInt(m.group(1));
                    first = Math.min(first, current);
                    headers.put(current, line);
                    members.put(current, new java.util.ArrayList<>());
                } else if (line.startsWith("\t") && current > 0) {
                    members.get(current).add(line.strip());
                }
            }
            assertFalse(headers.isEmpty(), "bpftool dumped nothing: " + out);
            return new BtfDump(headers, members, first - 1);
        }

        int typeId(String kind, String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getValue().matches("^\\[\\d+] " + kind + " '" + Pattern.quote(name) + "'.*"))
                    .mapToInt(Map.Entry::getKey).min()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in bpftool's dump"));
        }

        long size(int id) {
            Matcher m = Pattern.compile("size=(\\d+)").matcher(headers.get(id));
            assertTrue(m.find(), headers.get(id));
            return Long.parseLong(m.group(1));
        }

        long memberBitOffset(int id, String member) {
            for (String line : members.get(id)) {
                if (line.startsWith("'" + member + "' ")) {
                    Matcher m = Pattern.compile("bits_offset=(\\d+)").matcher(line);
                    assertTrue(m.find(), line);
                    return Long.parseLong(m.group(1));
                }
            }
            throw new AssertionError("no member " + member + " in " + headers.get(id) + ": " + members.get(id));
        }

        long enumValue(int id, String enumerator) {
            for (String line : members.get(id)) {
                if (line.startsWith("'" + enumerator + "' ")) {
                    Matcher m = Pattern.compile("val=(-?\\d+)").matcher(line);
                    assertTrue(m.find(), line);
                    return Long.parseLong(m.group(1));
                }
            }
            throw new AssertionError("no enumerator " + enumerator + " in " + headers.get(id));
        }
    }
}
