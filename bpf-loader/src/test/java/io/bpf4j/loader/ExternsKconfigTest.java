package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.syscall.BpfException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code __kconfig} externs against this kernel: values from /proc/config.gz, libbpf's virtual
 * LINUX_* externs, values the user supplies first, weak ones absent everywhere, and the errors.
 */
class ExternsKconfigTest {
    private static final String OBJECT = "/META-INF/bpf/externs_kconfig.bpf.o";
    private static final byte[] RAW_TP_ARGS = new byte[8];
    /** enum libbpf_tristate (bpf_helpers.h). */
    private static final long TRI_NO = 0;
    private static final long TRI_YES = 1;
    private static final long TRI_MODULE = 2;

    private static Map<String, String> config() {
        var config = KernelFacts.procConfig();
        assumeTrue(config.isPresent(), "this kernel has no /proc/config.gz (CONFIG_IKCONFIG_PROC)");
        return config.get();
    }

    @Test
    void valuesComeFromTheKernelsConfiguration() {
        Map<String, String> config = config();
        try (BpfObject obj = BpfObject.openResource(ExternsKconfigTest.class, OBJECT)) {
            obj.load();
            obj.program("read_kconfig").testRun(null, RAW_TP_ARGS);
            GlobalVariables bss = obj.bss();
            GlobalVariables data = obj.data(); // the variables with a non-zero initial value
            assertEquals(Long.parseLong(config.get("CONFIG_HZ")), data.getLong("hz"), "int");
            assertEquals(Long.parseLong(config.get("CONFIG_NR_CPUS")), data.getLong("nr_cpus"), "unsigned short");
            assertEquals(Long.parseUnsignedLong(config.get("CONFIG_ILLEGAL_POINTER_VALUE").substring(2), 16),
                    data.getLong("illegal_pointer"), "u64 written in hex");
            assertEquals(config.get("CONFIG_BPF_JIT").equals("y") ? 1 : 0, data.getLong("bpf_jit"), "bool");
            assertEquals(tristate(config.get("CONFIG_NET")), data.getLong("net"), "tristate");
            assertEquals(config.get("CONFIG_BPF_SYSCALL").charAt(0), data.getLong("bpf_syscall"), "char");
            assertEquals(unquote(config.get("CONFIG_LOCALVERSION")), KernelFacts.cString(bss.getBytes("localversion")));
            assertEquals(unquote(config.get("CONFIG_DEFAULT_HOSTNAME")), KernelFacts.cString(bss.getBytes("hostname")));
            assertEquals(0, data.getLong("not_real"), "weak and in no configuration: 0");
            assertEquals(KernelFacts.versionCode(), data.getLong("kernel_version"), "LINUX_KERNEL_VERSION from uname");
            assertEquals(1, data.getLong("has_cookie"), "bpf_get_attach_cookie exists since 5.15");
            boolean kprobes = Files.exists(Path.of("/sys/bus/event_source/devices/kprobe"))
                    || Files.exists(Path.of("/sys/kernel/tracing/kprobe_events"));
            boolean wrapper = !KernelFacts.kallsyms("__x64_sys_bpf").isEmpty();
            assertEquals(kprobes && wrapper ? 1 : 0, data.getLong("has_wrapper"),
                    "LINUX_HAS_SYSCALL_WRAPPER: a kprobe on __x64_sys_bpf, as libbpf probes it");
            assertEquals(0, data.getLong("unknown_linux"), "an unknown weak LINUX_ extern is 0");

            BpfMap kconfig = obj.map(".kconfig");
            assertTrue(kconfig.kernelName().endsWith(".kconfig"), kconfig.kernelName());
            assertEquals(1 << 7 | 1 << 10, kconfig.flags(), "BPF_F_RDONLY_PROG | BPF_F_MMAPABLE, as libbpf");
            var info = io.bpf4j.syscall.Bpf.system().mapInfo(kconfig.fd());
            assertTrue(info.btfId() != 0 && info.btfValueTypeId() != 0,
                    "value type: the .kconfig DATASEC, so the kernel took the rewritten BTF: " + info);
            assertEquals(kconfig.kernelName(), info.name());
            BpfException frozen = assertThrows(BpfException.class,
                    () -> kconfig.update(new byte[4], new byte[kconfig.valueSize()]));
            assertEquals("EPERM", frozen.errnoName(), "the map is frozen");
        }
    }

    @Test
    void userValuesComeBeforeTheKernelsConfiguration() {
        Map<String, String> config = config();
        try (BpfObject obj = BpfObject.openResource(ExternsKconfigTest.class, OBJECT)) {
            obj.kconfig("# a comment\nCONFIG_HZ=1000\nCONFIG_NET=m\nCONFIG_LOCALVERSION=\"-bpf4j-a-long-override\"")
                    .kconfig("CONFIG_BPF4J_NOT_A_REAL_OPTION", "-42")
                    .kconfig("CONFIG_HZ=300");
            obj.load();
            obj.program("read_kconfig").testRun(null, RAW_TP_ARGS);
            GlobalVariables bss = obj.bss();
            GlobalVariables data = obj.data();
            assertEquals(1000, data.getLong("hz"), "the first value given wins");
            assertEquals(TRI_MODULE, data.getLong("net"));
            assertEquals("-bpf4j-a-long-o", KernelFacts.cString(bss.getBytes("localversion")),
                    "truncated to the 16-byte array with its NUL");
            assertEquals(-42, data.getLong("not_real"), "a negative value for a signed int");
            assertEquals(Long.parseLong(config.get("CONFIG_NR_CPUS")), data.getLong("nr_cpus"),
                    "what the user did not give comes from the kernel's configuration");
            assertThrows(IllegalStateException.class, () -> obj.kconfig("CONFIG_HZ=100"), "only before load");
        }
    }

    @Test
    void valuesThatDoNotSuitTheirExternAreErrorsNamingIt() {
        Map<Integer, String> before = OpenFds.bpfObjects();
        assertBadValue("CONFIG_NR_CPUS=70000", "CONFIG_NR_CPUS", "does not fit in 2 byte(s)");
        assertBadValue("CONFIG_BPF_JIT=m", "CONFIG_BPF_JIT", "needs a tristate or char, not a bool");
        assertBadValue("CONFIG_HZ=\"fast\"", "CONFIG_HZ", "is a string");
        assertBadValue("CONFIG_HZ=12x", "CONFIG_HZ", "is not a number");
        assertBadValue("CONFIG_LOCALVERSION=y", "CONFIG_LOCALVERSION", "needs a bool, tristate or char");
        assertBadValue("CONFIG_HZ", "CONFIG_HZ", "has no '='");
        assertEquals(before, OpenFds.bpfObjects(), "nothing leaked");
    }

    private static void assertBadValue(String kconfig, String extern, String reason) {
        try (BpfObject obj = BpfObject.openResource(ExternsKconfigTest.class, OBJECT)) {
            obj.kconfig(kconfig);
            ExternResolutionException e = assertThrows(ExternResolutionException.class, obj::load);
            assertEquals(extern, e.externName(), e.getMessage());
            assertEquals("externs_kconfig", e.objectName());
            assertTrue(e.getMessage().contains(reason), e.getMessage());
            assertTrue(e.getMessage().contains("BpfObject.kconfig"), "names where the value came from: " + e.getMessage());
            if (!kconfig.equals("CONFIG_HZ")) {
                assertEquals("read_kconfig", e.programName().orElseThrow(), e.getMessage());
            }
        }
    }

    @Test
    void aStrongExternNoConfigurationHasIsAnErrorNamingWhereItLooked() {
        config();
        Map<Integer, String> before = OpenFds.bpfObjects();
        try (BpfObject obj = BpfObject.openResource(ExternsKconfigTest.class, "/META-INF/bpf/externs_kconfig_strong.bpf.o")) {
            ExternResolutionException e = assertThrows(ExternResolutionException.class, obj::load);
            assertEquals("CONFIG_BPF4J_NOT_A_REAL_OPTION", e.externName());
            assertEquals("needs_missing_option", e.programName().orElseThrow());
            assertTrue(e.getMessage().contains("/proc/config.gz"), e.getMessage());
            assertTrue(e.getMessage().contains("externs_kconfig_strong"), e.getMessage());
        }
        assertEquals(before, OpenFds.bpfObjects(), "nothing leaked");
        try (BpfObject obj = BpfObject.openResource(ExternsKconfigTest.class, "/META-INF/bpf/externs_kconfig_strong.bpf.o")) {
            obj.kconfig("CONFIG_BPF4J_NOT_A_REAL_OPTION", "0x7f");
            obj.load();
            obj.program("needs_missing_option").testRun(null, RAW_TP_ARGS);
            assertEquals(127, obj.data().getLong("seen"), "given by the user, it loads");
        }
    }

    private static long tristate(String value) {
        return value == null || value.equals("n") ? TRI_NO : value.equals("m") ? TRI_MODULE : TRI_YES;
    }

    private static String unquote(String value) {
        return value.substring(1, value.length() - 1);
    }
}
