package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.bpf4j.attach.Link;
import io.bpf4j.attach.plugins.CgroupOptions;
import io.bpf4j.attach.plugins.FreplaceOptions;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.loader.BpfProgram;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.ProgramType;
import io.bpf4j.testkit.BpfObjectResource;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.CgroupDirectory;
import io.bpf4j.testkit.KernelAssumptions;
import io.bpf4j.testkit.OnKernels;
import io.bpf4j.testkit.RequiresFeature;
import io.bpf4j.testkit.RequiresKernel;
import io.bpf4j.testkit.Triggers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kprobe-family and trampoline plugins end to end, on the host and inside QEMU on Debian's
 * 5.10, 6.1, 6.12 and newest kernels (one boot per kernel for the whole class; narrow with
 * {@code -Dbpf4j.kernels}). Each test loads a program compiled from {@code src/test/bpf},
 * attaches it through the real plugin ({@code attachAll} or {@code attach(options)}), makes
 * this process unlink files, open files or bind sockets, sees the program count those calls
 * (filtered by this process's tgid) and, for fmod_ret and the LSM hooks, refuse them on demand,
 * closes the links and checks the hook is silent. This host has no kprobes and refuses
 * trampoline programs (DESIGN.md): there the tests skip with the reason.
 */
@BpfTest
class KernelHooksTest {
    private static final int CALLS = 3;
    private static final String KPROBES = "/META-INF/bpf/kernel_kprobes.bpf.o";
    private static final String KPROBE_MULTI = "/META-INF/bpf/kernel_kprobe_multi.bpf.o";
    private static final String TRAMPOLINES = "/META-INF/bpf/kernel_trampolines.bpf.o";
    private static final String LSM = "/META-INF/bpf/kernel_lsm.bpf.o";
    /** An Ethernet header's worth of bytes: the smallest packet a tc test run takes. */
    private static final byte[] PACKET = new byte[14];

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresFeature(programTypes = ProgramType.KPROBE)
    void kprobeAndKretprobe(@BpfObjectResource(KPROBES) BpfObject obj, @TempDir Path dir) {
        KernelAssumptions.assumeKprobes();
        List<Link> links = loadAndAttachAll(obj, "kprobe_unlink", "kretprobe_unlink");
        Triggers.unlinkFiles(dir, CALLS);
        assertCounts(obj, CALLS, "kprobe_hits", "kretprobe_hits");
        detachAndCheckSilent(obj, links, () -> Triggers.unlinkFiles(dir, CALLS), "kprobe_hits", "kretprobe_hits");
    }

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresFeature(programTypes = ProgramType.KPROBE)
    void ksyscallAndKretsyscall(@BpfObjectResource(KPROBES) BpfObject obj, @TempDir Path dir) throws IOException {
        KernelAssumptions.assumeKprobes();
        List<Link> links = loadAndAttachAll(obj, "ksyscall_openat", "kretsyscall_openat");
        assertTrue(links.get(0).description().contains("sys_openat"), links.get(0).description());
        Path file = Files.writeString(dir.resolve("read-me"), "bpf4j");
        Runnable opens = () -> {
            for (int i = 0; i < CALLS; i++) {
                Triggers.read(file);
            }
        };
        opens.run();
        // Other threads of this JVM may open files too: at least our calls.
        for (String counter : List.of("ksyscall_hits", "kretsyscall_hits")) {
            long seen = obj.bss().getLong(counter);
            assertTrue(seen >= CALLS, counter + " = " + seen + ", expected at least " + CALLS);
        }
        detachAndCheckSilent(obj, links, opens, "ksyscall_hits", "kretsyscall_hits");
    }

    /** fprobe-based multi-kprobes: 5.18 (sessions 6.10); Debian's kernels before 6.12 are not tested. */
    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresKernel("6.12")
    @RequiresFeature(programTypes = ProgramType.KPROBE)
    void kprobeMultiKretprobeMultiAndSession(@BpfObjectResource(KPROBE_MULTI) BpfObject obj, @TempDir Path dir) {
        KernelAssumptions.assumeKprobes();
        List<Link> links = loadAndAttachAll(obj, "multi_unlink", "kretmulti_unlink", "session_unlink");
        Triggers.unlinkFiles(dir, CALLS);
        assertCounts(obj, CALLS, "multi_hits", "kretmulti_hits");
        // A session program that returns 0 at the entry runs again at the return.
        assertCounts(obj, 2 * CALLS, "session_hits");
        detachAndCheckSilent(obj, links, () -> Triggers.unlinkFiles(dir, CALLS),
                "multi_hits", "kretmulti_hits", "session_hits");
    }

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresFeature(programTypes = ProgramType.TRACING)
    void fentryAndFexit(@BpfObjectResource(TRAMPOLINES) BpfObject obj, @TempDir Path dir) {
        List<Link> links = loadAndAttachAll(obj, "fentry_unlink", "fexit_unlink");
        Triggers.unlinkFiles(dir, CALLS);
        assertCounts(obj, CALLS, "fentry_hits", "fexit_hits");
        detachAndCheckSilent(obj, links, () -> Triggers.unlinkFiles(dir, CALLS), "fentry_hits", "fexit_hits");
    }

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresFeature(programTypes = ProgramType.TRACING)
    void fmodRetChangesTheReturnValue(@BpfObjectResource(TRAMPOLINES) BpfObject obj, @TempDir Path dir)
            throws IOException {
        List<Link> links = loadAndAttachAll(obj, "fmod_ret_unlink");
        deniesWhileAttached(obj, links, dir, "fmod_ret_hits");
    }

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresFeature(programTypes = ProgramType.LSM)
    void lsmHookCountsAndDenies(@BpfObjectResource(LSM) BpfObject obj, @TempDir Path dir) throws IOException {
        List<Link> links = loadAndAttachAll(obj, "lsm_unlink");
        deniesWhileAttached(obj, links, dir, "lsm_hits");
    }

    /** lsm_cgroup (6.0): attached by hand to this process's cgroup v2 (mounted first in the VMs). */
    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresKernel("6.0")
    @RequiresFeature(programTypes = ProgramType.LSM)
    void lsmCgroupCountsAndDeniesBinds(@BpfObjectResource(LSM) BpfObject obj) throws IOException {
        Fixtures.loadForThisProcess(obj, "lsm_cgroup_bind");
        Path cgroup = ownCgroup();
        Link link = obj.program("lsm_cgroup_bind").attach(CgroupOptions.of(cgroup));
        assertTrue(link.isOpen(), link.description());
        for (int i = 0; i < CALLS; i++) {
            bindLoopback();
        }
        assertCounts(obj, CALLS, "lsm_cgroup_hits");

        obj.bss().setInt("deny", 1);
        SocketException denied = assertThrows(SocketException.class, KernelHooksTest::bindLoopback);
        assertTrue(String.valueOf(denied.getMessage()).contains("not permitted"), denied.toString());
        assertCounts(obj, CALLS + 1, "lsm_cgroup_hits");

        detachAndCheckSilent(obj, List.of(link), () -> {
            try {
                bindLoopback();
            } catch (IOException e) {
                throw new AssertionError("bind still fails after the link was closed", e);
            }
        }, "lsm_cgroup_hits");
    }

    /** freplace: one object's program replaces a global function of another loaded program. */
    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    void freplaceReplacesAFunctionOfAnotherProgram(
            @BpfObjectResource("/META-INF/bpf/freplace_target.bpf.o") BpfObject target,
            @BpfObjectResource("/META-INF/bpf/freplace_ext.bpf.o") BpfObject ext) {
        target.load();
        BpfProgram run = target.program("run_target");
        assertEquals(2, run.testRun(PACKET, null).retval(), "the original function");

        BpfProgram replacement = ext.program("replaced_value");
        assertEquals(ProgramType.EXT, replacement.type());
        replacement.setAttachTarget(run, "chosen_value");
        try {
            ext.load();
        } catch (BpfException e) {
            // DESIGN.md: this host refuses trampoline programs (EPERM, empty log); the VMs run them.
            assumeFalse(e.errnoName().equals("EPERM"), "this kernel refuses freplace programs: " + e.getMessage());
            throw e;
        }
        // First the target given at load (BTF id 0), then the same function named explicitly.
        for (FreplaceOptions options : List.of(new FreplaceOptions(run.fd(), 0),
                new FreplaceOptions(run.fd(), replacement.attachBtfId()))) {
            Link link = replacement.attach(options);
            try {
                assertTrue(link.isOpen(), link.description());
                assertEquals(42, run.testRun(PACKET, null).retval(), "the replacement runs: " + options);
            } finally {
                link.close();
            }
            assertFalse(link.isOpen());
            assertEquals(2, run.testRun(PACKET, null).retval(), "detached: the original again: " + options);
        }
    }

    /**
     * Loads only {@code programs} of {@code obj}, aimed at this process, and attaches them with
     * {@code attachAll}; on this host a trampoline or LSM program's EPERM at load skips.
     */
    private static List<Link> loadAndAttachAll(BpfObject obj, String... programs) {
        Fixtures.loadForThisProcess(obj, programs);
        List<Link> links = obj.attachAll();
        assertEquals(programs.length, links.size(), "links: " + links);
        links.forEach(l -> assertTrue(l.isOpen(), l.description()));
        return links;
    }

    /** Binds a TCP socket to a free loopback port (the LSM hook socket_bind). */
    private static void bindLoopback() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(socket.getLocalPort() > 0);
        }
    }

    /**
     * {@return this process's cgroup v2 directory} The VMs mount no cgroup2 file system: one is
     * mounted under the guest's tmpfs there.
     */
    private static Path ownCgroup() throws IOException {
        Path mount;
        try {
            mount = CgroupDirectory.cgroup2Mount();
        } catch (IllegalStateException none) {
            mount = Path.of(System.getProperty("java.io.tmpdir"), "bpf4j-cgroup2");
            Files.createDirectories(mount);
            Triggers.run("/bin/mount", "-t", "cgroup2", "none", mount.toString());
        }
        String own = Files.readAllLines(Path.of("/proc/self/cgroup")).stream().filter(l -> l.startsWith("0::"))
                .findFirst().orElseThrow(() -> new AssertionError("no cgroup v2 line in /proc/self/cgroup"))
                .substring(3);
        return own.equals("/") ? mount : mount.resolve(own.substring(1));
    }

    private static void assertCounts(BpfObject obj, long expected, String... counters) {
        for (String counter : counters) {
            // The programs run synchronously in the calls that the trigger has made.
            assertEquals(expected, obj.bss().getLong(counter), counter);
        }
    }

    /** Closes the links, runs {@code trigger} again and checks that no counter moved. */
    private static void detachAndCheckSilent(BpfObject obj, List<Link> links, Runnable trigger, String... counters) {
        Map<String, Long> before = new HashMap<>();
        for (String c : counters) {
            before.put(c, obj.bss().getLong(c));
        }
        links.forEach(Link::close);
        links.forEach(l -> assertFalse(l.isOpen(), l.description()));
        trigger.run();
        for (String c : counters) {
            assertEquals(before.get(c), obj.bss().getLong(c), c + " after the links were closed");
        }
    }

    /**
     * With the program attached: unlinks pass while {@code deny} is 0, fail with EPERM (the file
     * stays) while it is 1; after the link is closed the unlink passes and nothing is counted.
     */
    private static void deniesWhileAttached(BpfObject obj, List<Link> links, Path dir, String counter)
            throws IOException {
        Triggers.unlinkFiles(dir, CALLS);
        assertCounts(obj, CALLS, counter);

        obj.bss().setInt("deny", 1);
        Path kept = Files.createTempFile(dir, "bpf4j-denied", ".tmp");
        FileSystemException denied = assertThrows(FileSystemException.class, () -> Files.delete(kept));
        assertTrue(String.valueOf(denied.getReason()).contains("Operation not permitted"), denied.toString());
        assertTrue(Files.exists(kept), "the denied unlink left the file");
        assertCounts(obj, CALLS + 1, counter);

        detachAndCheckSilent(obj, links, () -> {
            try {
                Files.delete(kept);
            } catch (IOException e) {
                throw new AssertionError("the unlink still fails after the link was closed", e);
            }
        }, counter);
        assertFalse(Files.exists(kept));
    }
}
