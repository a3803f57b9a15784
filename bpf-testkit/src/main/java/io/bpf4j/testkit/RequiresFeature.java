package io.bpf4j.testkit;

import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.MapType;
import io.bpf4j.syscall.ProgramType;
import io.bpf4j.testkit.internal.RequirementsCondition;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test only where the running kernel has every listed feature, as the
 * {@link FeatureProbes} answer (cached per process).
 *
 * <ul>
 *   <li>supported: the test runs;</li>
 *   <li>not supported, on a kernel older than the feature's known minimum
 *       version: the test is skipped and the reason printed;</li>
 *   <li>not supported on a kernel at or above that version: the test
 *       <em>fails</em> ({@link UnsupportedFeatureError}): the kernel should have it;</li>
 *   <li>inconclusive (the kernel refused for another reason: a configuration
 *       option off, lockdown, a missing privilege): skipped with the reason.</li>
 * </ul>
 *
 * <p>A program type counts as supported when a program of the type can be
 * loaded and, for the types that attach to kernel functions (kprobe, fentry
 * and the other tracing programs, LSM), attached: this host's kernel loads
 * kprobe programs but cannot attach them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequirementsCondition.class)
public @interface RequiresFeature {
    /** {@return program types that must load (and attach, see above)} */
    ProgramType[] programTypes() default {};

    /** {@return map types that must be creatable} */
    MapType[] mapTypes() default {};

    /** {@return attach types the kernel must accept} */
    AttachType[] attachTypes() default {};

    /** {@return helpers, by name (e.g. {@code bpf_ringbuf_output}), that programs of {@link #helperProgramType()} may call} */
    String[] helpers() default {};

    /** {@return the program type the helpers are probed with} */
    ProgramType helperProgramType() default ProgramType.KPROBE;
}
