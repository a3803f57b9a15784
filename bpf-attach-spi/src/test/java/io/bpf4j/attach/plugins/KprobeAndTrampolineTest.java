package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.KernelType;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.ProgramType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Kernel probes and trampolines. What needs no kprobe or trampoline support runs everywhere:
 * section parsing, BTF target resolution against the running kernel's BTF, and the errors for
 * functions that cannot be probed. Attaching and firing needs kprobes (CONFIG_KPROBES) or
 * trampolines, which this project's build host lacks (DESIGN.md): those tests skip there with the
 * reason and run in bpf-testkit's VMs.
 */
class KprobeAndTrampolineTest {

    private final KprobePlugin kprobe = new KprobePlugin();
    private final TrampolinePlugin trampoline = new TrampolinePlugin();

    private static void assumeKprobes() {
        assumeTrue(KprobePmu.exists() || Files.exists(Path.of("/sys/kernel/tracing/kprobe_events")),
                "the kernel has no kprobes (no kprobe PMU, no kprobe_events: CONFIG_KPROBES off, as on the build"
                        + " host); this test runs in bpf-testkit's VMs");
    }

    @Test
    void sectionsParse() {
        assertEquals(KprobeOptions.of("vfs_unlink"), KprobePlugin.target("kprobe/vfs_unlink").orElseThrow());
        assertEquals(new KprobeOptions("do_sys_openat2", 0x10, false, 0, false),
                KprobePlugin.target("kprobe/do_sys_openat2+0x10").orElseThrow());
        assertTrue(KprobePlugin.target("kretprobe/vfs_unlink").orElseThrow().retprobe());
        assertTrue(KprobePlugin.target("kprobe").isEmpty());
        assertFalse(kprobe.define("kprobe", LoadContext.system()).autoAttach());
        assertThrows(AttachException.class, () -> KprobePlugin.target("kretprobe/vfs_unlink+4"));
        assertThrows(AttachException.class, () -> KprobePlugin.target("kprobe/bad name"));
        assertEquals(new ProgramDefinition(ProgramType.KPROBE, AttachType.TRACE_KPROBE_MULTI, 0, false, true),
                new KprobeMultiPlugin().define("kprobe.multi/vfs_*", LoadContext.system()));
        assertEquals(AttachType.TRACE_KPROBE_SESSION,
                new KprobeMultiPlugin().define("kprobe.session/vfs_*", LoadContext.system()).expectedAttachType());
    }

    @Test
    void ksyscallFindsTheArchitecturesWrapper() {
        String function = KernelSymbols.syscallFunction("getpid");
        assertTrue(function.equals("__x64_sys_getpid") || function.equals("__arm64_sys_getpid"), function);
    }

    @Test
    void unprobeableFunctionsAreExplained() {
        AttachException missing = assertThrows(AttachException.class,
                () -> KernelSymbols.checkProbeable("bpf4j_no_such_function", "probe"));
        assertTrue(missing.getMessage().contains("has no function bpf4j_no_such_function"), missing.getMessage());
        // A function only present as a compiler-made copy: the error names the copy to probe.
        String renamed = KernelSymbols.textSymbols().stream()
                .filter(n -> n.matches("[a-z_]+\\.isra\\.0") && !n.startsWith("__pfx_"))
                .filter(n -> !KernelSymbols.textSymbols().contains(n.substring(0, n.indexOf('.'))))
                .findFirst().orElseThrow();
        String base = renamed.substring(0, renamed.indexOf('.'));
        AttachException isra = assertThrows(AttachException.class, () -> KernelSymbols.checkProbeable(base, "probe"));
        assertTrue(isra.getMessage().contains("the compiler renamed it: probe " + renamed), isra.getMessage());
        assertTrue(KernelSymbols.globPattern("vfs_*").matcher("vfs_unlink").matches());
        assertFalse(KernelSymbols.globPattern("vfs_?").matcher("vfs_unlink").matches());
    }

    @Test
    void kprobeFiresOnVfsUnlinkAndDetaches() throws Exception {
        assumeKprobes();
        String section = "kprobe/vfs_unlink";
        try (CountingProgram program = CountingProgram.load("count_unlink", section,
                kprobe.define(section, LoadContext.system()))) {
            Path file = Files.createTempFile("bpf4j-kprobe", ".tmp");
            Link link = kprobe.attach(program.context());
            Files.delete(file);
            long seen = program.count();
            assertTrue(seen > 0, "kprobe ran");
            link.close();
            Files.delete(Files.createTempFile("bpf4j-kprobe", ".tmp"));
            assertEquals(seen, program.count());
        }
    }

    @Test
    void legacyTracefsKprobeFiresAndIsRemoved() throws Exception {
        assumeKprobes();
        try (CountingProgram program = CountingProgram.load("count_unlink", "kprobe",
                kprobe.define("kprobe", LoadContext.system()))) {
            Link link = kprobe.attach(program.context(), new KprobeOptions("vfs_unlink", 0, false, 0, true));
            Files.delete(Files.createTempFile("bpf4j-kprobe", ".tmp"));
            assertTrue(program.count() > 0);
            link.close();
            assertFalse(Files.readString(Tracefs.root().resolve("kprobe_events")).contains(TracefsKprobe.GROUP + "/"
                    + "vfs_unlink_" + ProcessHandle.current().pid()), "probe definition removed");
        }
    }

    @Test
    void trampolineTargetsResolveInTheKernelsBtf() {
        Btf btf = Btf.kernel();
        ProgramDefinition fentry = trampoline.define("fentry/vfs_unlink", LoadContext.system());
        assertEquals(new ProgramDefinition(ProgramType.TRACING, AttachType.TRACE_FENTRY,
                btf.findByName("vfs_unlink", BtfKind.FUNC), false, true), fentry);
        assertEquals(AttachType.TRACE_FEXIT, trampoline.define("fexit/vfs_unlink", LoadContext.system())
                .expectedAttachType());
        assertTrue(trampoline.define("fentry.s/vfs_unlink", LoadContext.system()).sleepable());
        ProgramDefinition lsm = trampoline.define("lsm/file_open", LoadContext.system());
        assertEquals(btf.findByName("bpf_lsm_file_open", BtfKind.FUNC), lsm.attachBtfId());
        assertEquals(ProgramType.LSM, lsm.type());
        assertFalse(trampoline.define("lsm_cgroup/socket_bind", LoadContext.system()).autoAttach());
        assertEquals(ProgramType.EXT, trampoline.define("freplace/handler", LoadContext.system()).type());
        AttachException missing = assertThrows(AttachException.class,
                () -> trampoline.define("fentry/bpf4j_no_such_function", LoadContext.system()));
        assertTrue(missing.getMessage().contains("has no function bpf4j_no_such_function"), missing.getMessage());
        // The system context knows vmlinux only; the loader's knows the modules (KernelModulesTest).
        AttachException noModule = assertThrows(AttachException.class,
                () -> trampoline.define("fentry/nf_tables:nft_do_chain", LoadContext.system()));
        assertTrue(noModule.getMessage().contains("no function nft_do_chain in the BTF of module nf_tables"),
                noModule.getMessage());
    }

    @Test
    void moduleTargetsCarryTheModulesBtfObject() {
        // A context standing in for the loader's: 9pnet's BTF object 42 holds p9_client_walk as id 70000.
        List<String> asked = new ArrayList<>();
        LoadContext withModule = new LoadContext() {
            @Override
            public Btf kernelBtf() {
                return Btf.kernel();
            }

            @Override
            public Optional<KernelType> findKernelType(String module, String name, BtfKind kind) {
                asked.add(module + ":" + name + ":" + kind);
                return name.equals("p9_client_walk") && (module == null || module.equals("9pnet"))
                        ? Optional.of(new KernelType("9pnet", 42, 70000)) : LoadContext.super.findKernelType(module, name, kind);
            }
        };
        ProgramDefinition named = trampoline.define("fentry/9pnet:p9_client_walk", withModule);
        assertEquals(new ProgramDefinition(ProgramType.TRACING, AttachType.TRACE_FENTRY, 70000, false, true, 0, 42), named);
        ProgramDefinition plain = trampoline.define("fexit/p9_client_walk", withModule);
        assertEquals(42, plain.attachBtfObjId());
        assertEquals(AttachType.TRACE_FEXIT, plain.expectedAttachType());
        assertEquals(List.of("9pnet:p9_client_walk:FUNC", "null:p9_client_walk:FUNC"), asked);
        assertEquals(0, trampoline.define("fentry/vfs_unlink", withModule).attachBtfObjId(), "vmlinux: no object");
        for (String bad : List.of("lsm/9pnet:file_open", "freplace/9pnet:handler", "fentry/:p9_client_walk",
                "fentry/9pnet:")) {
            assertThrows(AttachException.class, () -> trampoline.define(bad, withModule), bad);
        }
    }

    @Test
    void fentryFiresOnVfsUnlinkAndDetaches() throws Exception {
        String section = "fentry/vfs_unlink";
        CountingProgram program;
        try {
            program = CountingProgram.load("fentry_unlink", section, trampoline.define(section, LoadContext.system()));
        } catch (BpfException e) {
            assumeTrue(e.errno() != Errno.EPERM, "the kernel refuses trampoline programs (EPERM with an empty"
                    + " verifier log, as on the build host, DESIGN.md); this test runs in bpf-testkit's VMs");
            throw e;
        }
        try (program) {
            Link link = trampoline.attach(program.context());
            Files.delete(Files.createTempFile("bpf4j-fentry", ".tmp"));
            long seen = program.count();
            assertTrue(seen > 0, "fentry ran");
            link.close();
            Files.delete(Files.createTempFile("bpf4j-fentry", ".tmp"));
            assertEquals(seen, program.count());
        }
    }

    @Test
    void kprobeMultiOptionsAreChecked() {
        assertThrows(IllegalArgumentException.class,
                () -> new KprobeMultiOptions("vfs_*", List.of("vfs_unlink"), false, List.of()));
        assertEquals(List.of("a", "b"), KprobeMultiOptions.of(List.of("a", "b")).functions());
    }
}
