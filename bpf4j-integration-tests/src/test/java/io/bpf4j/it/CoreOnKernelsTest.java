package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.CoreRelocationKind;
import io.bpf4j.core.CoreReport;
import io.bpf4j.core.RelocationReport;
import io.bpf4j.core.RelocationStatus;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.loader.GlobalVariables;
import io.bpf4j.testkit.BpfObjectResource;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.KernelVersion;
import io.bpf4j.testkit.OnKernels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

/**
 * CO-RE on the host (6.18) and inside QEMU on 5.10, 6.1, 6.12 and the newest kernel, with one
 * object compiled once against the host's vmlinux.h ({@code core_kernels.bpf.c}).
 *
 * <p>{@link #readsTheCurrentTaskOnEveryKernel} loads it and runs it in this thread: what the
 * program read must match what this process knows about itself (thread id, process id, parent,
 * thread name, executable) and, for the values that differ between kernels, the running kernel's
 * history (task_struct's {@code state} became {@code __state} in 5.14, {@code
 * BPF_MAP_TYPE_ARENA} and {@code struct bpf_arena} came in 6.9) and its own BTF.
 *
 * <p>{@link #offlineReportsDifferWhereTheGuestLoadSaysTheyShould} runs in the guests only (on the
 * host it skips: both BTFs would be the host's): it
 * computes {@link CoreReport}s of the object against the host's BTF (saved by {@link
 * #saveHostBtf()} into {@code target/} on the host, read in the guest over the VM's read-only
 * share of the host's root) and against the guest's own BTF, checks each relocation's value
 * against what the two BTFs say (so the reports differ exactly where the kernels do), then
 * loads the object and checks that the program observed the guest report's values.
 */
@BpfTest
class CoreOnKernelsTest {
    private static final String OBJECT = "/META-INF/bpf/core_kernels.bpf.o";
    /** The host's vmlinux BTF, copied at class start on the host (absolute: the guest sees the same path). */
    private static final Path HOST_BTF = Path.of("target", "core-on-kernels-host-vmlinux.btf").toAbsolutePath();
    /** Set by the testkit in the guest JVM (io.bpf4j.testkit.internal.GuestRun). */
    private static final String GUEST_PROPERTY = "bpf4j.testkit.guest";
    private static final KernelVersion STATE_RENAMED = KernelVersion.parse("5.14");
    private static final KernelVersion ARENA = KernelVersion.parse("6.9");

    @BeforeAll
    static void saveHostBtf() throws IOException {
        if (System.getProperty(GUEST_PROPERTY) == null) {
            Files.createDirectories(HOST_BTF.getParent());
            Files.copy(Btf.KERNEL_BTF, HOST_BTF, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    void readsTheCurrentTaskOnEveryKernel(@BpfObjectResource(OBJECT) BpfObject obj) throws IOException {
        obj.load();
        String[] thread = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString().split("/");
        String threadName = Files.readString(Path.of("/proc/thread-self/comm")).strip();
        assertEquals(0, obj.program("observe").testRun(null, new byte[8]).retval());
        GlobalVariables out = obj.bss();
        assertEquals(1L, out.getLong("runs"));

        // What the process knows about itself, read by the program through pointer chains.
        assertEquals(ProcessHandle.current().pid(), out.getLong("tgid"));
        assertEquals(Long.parseLong(thread[2]), out.getLong("pid"), "the thread id (/proc/thread-self)");
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), out.getLong("parent_tgid"));
        assertEquals(threadName, cString(out.getBytes("comm")));
        assertEquals(Path.of("/proc/self/exe").toRealPath().getFileName().toString(), cString(out.getBytes("exe")),
                java.util.HexFormat.of().formatHex(out.getBytes("exe")));

        // The kernel's history.
        KernelVersion running = KernelVersion.running();
        boolean renamed = running.atLeast(STATE_RENAMED);
        boolean arena = running.atLeast(ARENA);
        assertEquals(renamed ? 1L : 0L, out.getLong("has_new_state"), running + ": __state since 5.14");
        assertEquals(renamed ? 0L : 1L, out.getLong("has_old_state"), running + ": state before 5.14");
        assertEquals(renamed ? 4L : 8L, out.getLong("state_size"), "unsigned int __state, long state");
        assertEquals(renamed ? 1L : 0L, out.getLong("new_state_matches"), "type match of { unsigned int __state; }");
        assertEquals(0L, out.getLong("state"), "the running task is TASK_RUNNING");
        assertEquals(arena ? 1L : 0L, out.getLong("arena_map_type_exists"), running + ": BPF_MAP_TYPE_ARENA since 6.9");
        assertEquals(arena ? 1L : 0L, out.getLong("arena_struct_exists"), running + ": struct bpf_arena since 6.9");

        // The running kernel's own BTF.
        Btf btf = Btf.kernel();
        int task = btf.findByName("task_struct", BtfKind.STRUCT);
        assertEquals(renamed, member(btf, task, "__state").isPresent());
        assertEquals(arena, btf.findByName("bpf_arena", BtfKind.STRUCT) > 0);
        assertEquals(enumerator(btf, "bpf_map_type", "BPF_MAP_TYPE_ARENA").orElse(-1L), out.getLong("arena_map_type"));
        assertEquals(member(btf, task, "pid").orElseThrow().bitOffset() / 8, out.getLong("pid_offset"));
        assertEquals(btf.sizeOf(task), out.getLong("task_size"));
        assertEquals(16L, out.getLong("comm_size"), "TASK_COMM_LEN");
    }

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    void offlineReportsDifferWhereTheGuestLoadSaysTheyShould(@BpfObjectResource(OBJECT) BpfObject obj)
            throws IOException {
        assumeTrue(System.getProperty(GUEST_PROPERTY) != null,
                "compares the host's BTF with a guest kernel's: runs in the VMs only");
        assertTrue(Files.isReadable(HOST_BTF), HOST_BTF + " was saved on the host and is shared with the guest");
        Btf hostBtf = Btf.read(HOST_BTF);
        Btf guestBtf = Btf.read(Btf.KERNEL_BTF);
        ObjectSpec spec = ObjectSpec.parse(resource(), "core_kernels.bpf.o");
        List<RelocationReport> onHost = CoreReport.of(spec, hostBtf).program("observe").orElseThrow().relocations();
        List<RelocationReport> onGuest = CoreReport.of(spec, guestBtf).program("observe").orElseThrow().relocations();
        assertEquals(onHost.size(), onGuest.size());

        // Each report says what its BTF says; so they differ exactly where the BTFs do.
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < onHost.size(); i++) {
            RelocationReport h = onHost.get(i);
            RelocationReport g = onGuest.get(i);
            assertEquals(h.localSpec(), g.localSpec());
            assertEquals(expected(hostBtf, h), outcome(h), "host BTF: " + h);
            assertEquals(expected(guestBtf, g), outcome(g), "guest BTF: " + g);
            if (!outcome(h).equals(outcome(g))) {
                differences.add(h.kind() + " " + h.localSpec() + ": " + outcome(h) + " on the host, " + outcome(g) + " here");
            }
        }
        // task_struct's size differs between the host's 6.18 and each guest kernel (5.10 to 7.2).
        assertTrue(differences.stream().anyMatch(d -> d.startsWith("TYPE_SIZE struct task_struct:")), differences::toString);
        KernelVersion running = KernelVersion.running();
        assertEquals(!running.atLeast(STATE_RENAMED),
                differences.stream().anyMatch(d -> d.startsWith("FIELD_EXISTS struct task_struct___v514.__state:")),
                differences::toString);
        assertEquals(!running.atLeast(ARENA),
                differences.stream().anyMatch(d -> d.startsWith("ENUMVAL_EXISTS enum bpf_map_type::BPF_MAP_TYPE_ARENA:")),
                differences::toString);
        System.out.println("[" + running + "] reports differ on " + differences.size() + " of " + onHost.size()
                + " relocations:\n  " + String.join("\n  ", differences));

        // Loaded here, the program observes the guest report's values.
        obj.load();
        assertEquals(0, obj.program("observe").testRun(null, new byte[8]).retval());
        GlobalVariables out = obj.bss();
        assertEquals(value(onGuest, CoreRelocationKind.FIELD_EXISTS, "struct task_struct___v514.__state"),
                out.getLong("has_new_state"));
        assertEquals(value(onGuest, CoreRelocationKind.FIELD_EXISTS, "struct task_struct___pre514.state"),
                out.getLong("has_old_state"));
        String live = out.getLong("has_new_state") == 1 ? "struct task_struct___v514.__state" : "struct task_struct___pre514.state";
        assertEquals(value(onGuest, CoreRelocationKind.FIELD_BYTE_SIZE, live), out.getLong("state_size"));
        assertEquals(value(onGuest, CoreRelocationKind.TYPE_MATCHES, "struct task_struct___v514"),
                out.getLong("new_state_matches"));
        assertEquals(value(onGuest, CoreRelocationKind.ENUMVAL_EXISTS, "enum bpf_map_type::BPF_MAP_TYPE_ARENA"),
                out.getLong("arena_map_type_exists"));
        assertEquals(value(onGuest, CoreRelocationKind.TYPE_EXISTS, "struct bpf_arena"), out.getLong("arena_struct_exists"));
        assertEquals(value(onGuest, CoreRelocationKind.FIELD_BYTE_OFFSET, "struct task_struct.pid"), out.getLong("pid_offset"));
        assertEquals(value(onGuest, CoreRelocationKind.TYPE_SIZE, "struct task_struct"), out.getLong("task_size"));
        if (out.getLong("arena_map_type_exists") == 1) {
            assertEquals(value(onGuest, CoreRelocationKind.ENUMVAL_VALUE, "enum bpf_map_type::BPF_MAP_TYPE_ARENA"),
                    out.getLong("arena_map_type"));
        }
        assertEquals(ProcessHandle.current().pid(), out.getLong("tgid"), "offsets right: the task's own tgid");
        assertNotEquals(outcome(first(onHost, CoreRelocationKind.TYPE_SIZE, "struct task_struct")),
                outcome(first(onGuest, CoreRelocationKind.TYPE_SIZE, "struct task_struct")));
    }

    // ------------------------------------------------------------------ expectations from BTF

    /** "POISONED" or "RESOLVED value". */
    private static String outcome(RelocationReport r) {
        return r.status() == RelocationStatus.RESOLVED ? "RESOLVED " + r.value() : r.status().name();
    }

    /**
     * What a relocation must give against a BTF, found by walking the BTF by names (flavors
     * stripped, anonymous members searched), independently of the relocator.
     */
    private static String expected(Btf btf, RelocationReport r) {
        String spec = r.localSpec();
        switch (r.kind()) {
            case TYPE_EXISTS:
                return "RESOLVED " + (rootType(btf, spec) > 0 ? 1 : 0);
            case TYPE_SIZE: {
                int id = rootType(btf, spec);
                return id > 0 ? "RESOLVED " + btf.sizeOf(id) : "RESOLVED 0";
            }
            case TYPE_MATCHES: {
                // Only { unsigned int __state; } is asked: it matches where task_struct has it as a 4-byte int.
                assertEquals("struct task_struct___v514", spec);
                Optional<BtfType.Member> m = member(btf, btf.findByName("task_struct", BtfKind.STRUCT), "__state");
                return "RESOLVED " + (m.isPresent() && btf.sizeOf(m.get().type()) == 4 ? 1 : 0);
            }
            case ENUMVAL_EXISTS:
            case ENUMVAL_VALUE: {
                String[] parts = spec.substring("enum ".length()).split("::");
                Optional<Long> v = enumerator(btf, essential(parts[0]), parts[1]);
                if (r.kind() == CoreRelocationKind.ENUMVAL_EXISTS) {
                    return "RESOLVED " + (v.isPresent() ? 1 : 0);
                }
                return v.map(x -> "RESOLVED " + x).orElse("POISONED");
            }
            case FIELD_EXISTS:
            case FIELD_BYTE_OFFSET:
            case FIELD_BYTE_SIZE: {
                Optional<long[]> field = field(btf, spec);
                if (r.kind() == CoreRelocationKind.FIELD_EXISTS) {
                    return "RESOLVED " + (field.isPresent() ? 1 : 0);
                }
                return field.map(f -> "RESOLVED " + (r.kind() == CoreRelocationKind.FIELD_BYTE_OFFSET ? f[0] / 8 : f[1]))
                        .orElse("POISONED");
            }
            default:
                throw new AssertionError("the object has no " + r.kind() + " relocation: " + r);
        }
    }

    /** "struct task_struct___v514..." -> the target's struct task_struct id, or -1. */
    private static int rootType(Btf btf, String spec) {
        String[] words = spec.split("[ .]", 3);
        return btf.findByName(essential(words[1]), words[0].equals("struct") ? BtfKind.STRUCT : BtfKind.UNION);
    }

    /** "struct dentry.d_name.name" -> {bit offset from the root, byte size} in the target, if every step exists. */
    private static Optional<long[]> field(Btf btf, String spec) {
        int id = rootType(btf, spec);
        if (id <= 0) {
            return Optional.empty();
        }
        String[] path = spec.substring(spec.indexOf('.') + 1).split("\\.");
        long bits = 0;
        BtfType.Member m = null;
        for (String name : path) {
            Optional<BtfType.Member> step = member(btf, id, name);
            if (step.isEmpty()) {
                return Optional.empty();
            }
            m = step.get();
            bits += m.bitOffset();
            id = btf.resolve(m.type());
        }
        return Optional.of(new long[] {bits, btf.sizeOf(m.type())});
    }

    /** A member by name, searching anonymous struct/union members too; its offset is from {@code structId}. */
    private static Optional<BtfType.Member> member(Btf btf, int structId, String name) {
        BtfType type = btf.type(btf.resolve(structId));
        List<BtfType.Member> members = type instanceof BtfType.Struct s ? s.members()
                : type instanceof BtfType.Union u ? u.members() : List.of();
        for (BtfType.Member m : members) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
            if (m.name().isEmpty()) {
                Optional<BtfType.Member> inner = member(btf, m.type(), name);
                if (inner.isPresent()) {
                    BtfType.Member i = inner.get();
                    return Optional.of(new BtfType.Member(i.name(), i.type(), m.bitOffset() + i.bitOffset(), i.bitfieldSize()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> enumerator(Btf btf, String enumName, String name) {
        int id = btf.findByName(enumName, BtfKind.ENUM);
        if (id <= 0) {
            return Optional.empty();
        }
        return ((BtfType.Enum) btf.type(id)).values().stream().filter(v -> v.name().equals(name)).map(BtfType.EnumValue::value)
                .findFirst();
    }

    /** CO-RE ignores a "___flavor" suffix. */
    private static String essential(String name) {
        int i = name.indexOf("___");
        return i < 0 ? name : name.substring(0, i);
    }

    private static RelocationReport first(List<RelocationReport> reports, CoreRelocationKind kind, String spec) {
        return reports.stream().filter(r -> r.kind() == kind && r.localSpec().equals(spec)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + spec + " in " + reports));
    }

    private static long value(List<RelocationReport> reports, CoreRelocationKind kind, String spec) {
        RelocationReport r = first(reports, kind, spec);
        assertEquals(RelocationStatus.RESOLVED, r.status(), r.toString());
        return r.value();
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        assertFalse(n == 0, "an empty string was read");
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    private static byte[] resource() throws IOException {
        try (InputStream in = CoreOnKernelsTest.class.getResourceAsStream(OBJECT)) {
            return in.readAllBytes();
        }
    }
}
