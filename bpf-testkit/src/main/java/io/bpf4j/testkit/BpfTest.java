package io.bpf4j.testkit;

import io.bpf4j.testkit.internal.FixtureExtension;
import io.bpf4j.testkit.internal.LeakCheckExtension;
import io.bpf4j.testkit.internal.RequirementsCondition;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that loads real BPF programs. On a method it is a {@code @Test}; on
 * a class it applies to every test of the class (including
 * {@link OnKernels} methods). It brings:
 * <ul>
 *   <li>{@link BpfObjectResource} parameters: objects opened (and, if asked,
 *       loaded) from the class path, closed through the extension store;</li>
 *   <li>fixtures as parameters: {@link NetworkNamespace} (a veth pair into a
 *       fresh namespace), {@link CgroupDirectory} (a fresh cgroup v2 directory);</li>
 *   <li>{@link RequiresKernel}, {@link RequiresFeature}, {@link RequiresCapability};</li>
 *   <li>a leak check: a test that leaves a BPF file descriptor, a mapping of a
 *       BPF map, a link or a pin in {@code /sys/fs/bpf} behind fails, naming
 *       each (kind, kernel id, program or map name) so it can be traced to
 *       the object that created it. {@link #leakCheck() leakCheck = false}
 *       turns it off for tests that keep objects on purpose.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith({RequirementsCondition.class, BpfObjectExtension.class, FixtureExtension.class, LeakCheckExtension.class})
public @interface BpfTest {
    /** {@return whether BPF resources left behind by the test fail it} */
    boolean leakCheck() default true;
}
