package io.bpf4j.testkit;

import io.bpf4j.testkit.internal.RequirementsCondition;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Skips a test, printing the reason, unless the test process has every listed
 * capability in its effective set ({@code CapEff} of {@code /proc/self/status}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequirementsCondition.class)
public @interface RequiresCapability {
    /** {@return the capabilities needed} */
    Capability[] value();
}
