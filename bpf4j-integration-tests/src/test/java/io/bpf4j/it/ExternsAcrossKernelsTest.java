package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.loader.BpfProgram;
import io.bpf4j.loader.ExternResolutionException;
import io.bpf4j.syscall.ProgLoadFlags;
import io.bpf4j.syscall.ProgramType;
import io.bpf4j.testkit.BpfObjectResource;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.GuestKernel;
import io.bpf4j.testkit.KernelVersion;
import io.bpf4j.testkit.OnKernels;
import io.bpf4j.testkit.RequiresKernel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Externs on the host and inside QEMU on Debian's 5.10, 6.1, 6.12 and newest kernels:
 * {@code __kconfig} values (from the kernel's configuration, or given by the test where the
 * guest has none), an untyped {@code __ksym} by address, typed per-CPU {@code __ksym}s by BTF
 * id, kfuncs in vmlinux (6.2+) and nf_conntrack's kfunc (5.18+), which Debian builds as a
 * module: there it is resolved in the module's BTF and called through the program's
 * {@code fd_array}. Programs run with BPF_PROG_TEST_RUN.
 */
@BpfTest
class ExternsAcrossKernelsTest {
    private static final String EVERYWHERE = "/META-INF/bpf/externs_everywhere.bpf.o";
    private static final String TASK_KFUNCS = "/META-INF/bpf/externs_task_kfuncs.bpf.o";
    private static final String CT_KFUNC = "/META-INF/bpf/externs_ct_kfunc.bpf.o";
    private static final byte[] RAW_TP_ARGS = new byte[8];
    /** An Ethernet header's worth of bytes: the smallest packet a tc test run takes. */
    private static final byte[] PACKET = new byte[14];
    private static final int ENOENT = 2;

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    void kconfigValuesAndAnUntypedKsym(@BpfObjectResource(EVERYWHERE) BpfObject obj) throws IOException {
        obj.program("typed_ksyms").setAutoLoad(false);
        String config = systemConfig();
        if (config == null) {
            // Like the VMs: no /proc/config.gz, no /boot/config-<release>. A strong CONFIG_ extern
            // then fails naming where bpf4j looked; the test gives the kernel's configuration itself.
            try (BpfObject bare = BpfObject.openResource(ExternsAcrossKernelsTest.class, EVERYWHERE)) {
                ExternResolutionException e = assertThrows(ExternResolutionException.class, bare::load);
                assertTrue(e.getMessage().contains("/proc/config.gz") && e.getMessage().contains("/boot/config-"),
                        e.getMessage());
                assertTrue(e.externName().equals("CONFIG_HZ") || e.externName().equals("CONFIG_BPF_SYSCALL"),
                        e.getMessage());
            }
            config = GuestKernel.config().orElse(
                    // The newest kernel's packages carry no config: values of our own, read back.
                    "CONFIG_HZ=300\nCONFIG_BPF_SYSCALL=y\nCONFIG_NF_CONNTRACK=m\nCONFIG_DEFAULT_HOSTNAME=\"bpf4j-vm\"\n");
            obj.kconfig(config);
        }
        Map<String, String> values = parse(config);
        obj.load();
        obj.program("kconfig_and_address").testRun(null, RAW_TP_ARGS);

        assertEquals(Long.parseLong(values.get("CONFIG_HZ")), obj.data().getLong("hz"));
        assertEquals(values.get("CONFIG_BPF_SYSCALL").equals("y") ? 1 : 0, obj.data().getLong("bpf_syscall"));
        String ct = values.get("CONFIG_NF_CONNTRACK");
        assertEquals(ct == null || ct.equals("n") ? 0 : ct.equals("m") ? 2 : 1, obj.data().getLong("nf_conntrack"),
                "enum libbpf_tristate");
        String host = values.getOrDefault("CONFIG_DEFAULT_HOSTNAME", "\"\"");
        assertEquals(host.substring(1, host.length() - 1), cString(obj.bss().getBytes("hostname")));
        assertEquals(0, obj.data().getLong("not_real"), "a weak extern no configuration has");
        assertEquals(versionCode(), obj.data().getLong("kernel_version"), "LINUX_KERNEL_VERSION");
        assertEquals(KernelVersion.running().atLeast(KernelVersion.parse("5.15")) ? 1 : 0,
                obj.data().getLong("has_cookie"), "LINUX_HAS_BPF_COOKIE: bpf_get_attach_cookie is 5.15");
        Set<Long> address = kallsyms("vfs_read");
        assertEquals(1, address.size(), "vfs_read in /proc/kallsyms: " + address);
        assertEquals(address.iterator().next(), obj.data().getLong("vfs_read_address"));
    }

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    void typedPerCpuKsyms(@BpfObjectResource(EVERYWHERE) BpfObject obj) {
        assumeTrue(!kallsyms("runqueues").isEmpty(), "this kernel has no CONFIG_KALLSYMS_ALL: the verifier finds"
                + " typed ksyms' addresses in kallsyms, which lists no variables here (the VMs' kernels do)");
        assumeTrue(Btf.kernel().findByName("runqueues", BtfKind.VAR) > 0
                && Btf.kernel().findByName("bpf_prog_active", BtfKind.VAR) > 0, "this kernel's BTF has no VAR"
                + " runqueues or bpf_prog_active (per-CPU variables are in BTF only when the build's pahole encoded"
                + " them)");
        obj.program("kconfig_and_address").setAutoLoad(false);
        // The object's strong CONFIG_ externs need values even with their program off (as in libbpf).
        obj.kconfig("CONFIG_HZ=100\nCONFIG_BPF_SYSCALL=y");
        obj.load();
        assertEquals(0, obj.program("typed_ksyms").testRun(null, RAW_TP_ARGS).retval(), "both found");
        assertEquals(0, obj.data().getLong("rq_cpu0"), "bpf_per_cpu_ptr(&runqueues, 0)->cpu");
        assertNotEquals(-1, obj.data().getLong("prog_active"), "bpf_this_cpu_ptr(&bpf_prog_active)");
    }

    /** bpf_task_from_pid, bpf_task_release and bpf_rcu_read_lock: Linux 6.2. */
    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresKernel("6.2")
    void vmlinuxKfuncsAndAWeakAbsentOne(@BpfObjectResource(TASK_KFUNCS) BpfObject obj) {
        BpfProgram p = obj.program("task_kfuncs");
        p.setType(ProgramType.SYSCALL);
        p.setFlags(ProgLoadFlags.BPF_F_SLEEPABLE);
        obj.load();
        int pid = (int) ProcessHandle.current().pid();
        obj.bss().setInt("pid_in", pid);
        p.testRun(null, null);
        assertEquals(pid, obj.data().getLong("found_tgid"), "bpf_task_from_pid found this JVM");
        assertEquals(0, obj.data().getLong("absent_exists"), "bpf_ksym_exists of a weak kfunc no kernel has");
    }

    /**
     * nf_conntrack's bpf_skb_ct_lookup (Linux 5.18): in vmlinux on the host, in the nf_conntrack
     * module on Debian's kernels, which the test inserts in the guest first.
     */
    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresKernel("5.18")
    void conntrackKfuncFromVmlinuxOrAModule(@BpfObjectResource(CT_KFUNC) BpfObject obj) throws Exception {
        boolean inVmlinux = Btf.kernel().findByName("bpf_skb_ct_lookup", BtfKind.FUNC) > 0;
        if (!inVmlinux) {
            List<String> loaded = GuestKernel.loadModules("crc32c_generic", "libcrc32c", "nf_defrag_ipv4",
                    "nf_defrag_ipv6", "nf_conntrack");
            assertTrue(loaded.contains("nf_conntrack"), "nf_conntrack could not be inserted: " + loaded);
            assertTrue(Files.isReadable(Path.of("/sys/kernel/btf/nf_conntrack")), "nf_conntrack has no BTF");
        }
        obj.load();
        obj.program("ct_lookup").testRun(PACKET, null);
        assertEquals(0, obj.data().getLong("found"), "no such connection");
        assertEquals(-ENOENT, obj.data().getLong("lookup_error"), "the kfunc ran and said ENOENT ("
                + (inVmlinux ? "vmlinux" : "module nf_conntrack") + ")");
    }

    /** {@return the kernel's own configuration, as bpf4j looks for it, or null} */
    private static String systemConfig() throws IOException {
        Path proc = Path.of("/proc/config.gz");
        if (Files.isReadable(proc)) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(proc)))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        Path boot = Path.of("/boot/config-" + read("/proc/sys/kernel/osrelease"));
        return Files.isReadable(boot) ? Files.readString(boot) : null;
    }

    private static Map<String, String> parse(String config) {
        Map<String, String> values = new HashMap<>();
        for (String line : config.split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("CONFIG_") && eq > 0) {
                values.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /** LINUX_VERSION_CODE from uname: Debian kernels say the upstream version in {@code uname -v}. */
    private static long versionCode() {
        Matcher m = Pattern.compile("Debian (\\d+)\\.(\\d+)\\.(\\d+)").matcher(read("/proc/sys/kernel/version"));
        if (!m.find()) {
            m = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)").matcher(read("/proc/sys/kernel/osrelease"));
            assertTrue(m.find(), "no version in uname");
        }
        return Long.parseLong(m.group(1)) * 65536 + Long.parseLong(m.group(2)) * 256
                + Math.min(255, Long.parseLong(m.group(3)));
    }

    private static Set<Long> kallsyms(String name) {
        Set<Long> addresses = new HashSet<>();
        try (var lines = Files.lines(Path.of("/proc/kallsyms"))) {
            lines.map(l -> l.split("\\s+")).filter(f -> f.length >= 3 && f[2].equals(name))
                    .forEach(f -> addresses.add(Long.parseUnsignedLong(f[0], 16)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return addresses;
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
