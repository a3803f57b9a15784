package io.bpf4j.testkit;

import io.bpf4j.testkit.internal.VmTestExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method (instead of {@code @Test}) on the host and, inside QEMU,
 * on each listed kernel. Each run is its own test in the report:
 * {@code [host] attachesKprobe()}, {@code [6.1] attachesKprobe()}, ...
 *
 * <pre>{@code
 * @OnKernels({"5.10", "6.1", "6.12", "latest"})
 * @RequiresFeature(programTypes = ProgramType.KPROBE)      // skipped, with the reason, where kprobes are missing
 * void attachesKprobe(@BpfObjectResource("/META-INF/bpf/unlinks.bpf.o") BpfObject obj) { ... }
 * }</pre>
 *
 * <p>Labels: {@code 5.10} (Debian bullseye), {@code 6.1} (bookworm),
 * {@code 6.12} (trixie), {@code latest} (sid). Kernels are fetched with
 * {@code apt-get download} through a private sources list and cached under
 * {@code ~/.cache/bpf4j/kernels}; a kernel that cannot be fetched (or a host
 * without {@code qemu-system-x86_64} and {@code busybox-static}) makes its
 * runs skip with the reason; they never pass. The VM shares the host's root
 * read-only over 9p and runs the host's JDK on the test's own class path, so
 * the test needs no packaging.
 *
 * <p>One boot per kernel per test class: the first run for a kernel runs
 * every {@code @OnKernels} method of the class naming it in one guest JVM;
 * the others report its results. A failure carries the guest's stack trace and
 * console. {@code -Dbpf4j.kernels=6.1,latest} (or {@code BPF4J_KERNELS})
 * narrows the kernels of a run; {@code none} runs only on the host.
 * {@code @BeforeEach}/{@code @AfterEach} methods run where the test runs;
 * {@code @BeforeAll}/{@code @AfterAll} also run on the host.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(VmTestExtension.class)
public @interface OnKernels {
    /** {@return the kernels: {@code 5.10}, {@code 6.1}, {@code 6.12}, {@code latest}} */
    String[] value();

    /** {@return whether the test also runs on the host's kernel} */
    boolean host() default true;
}
