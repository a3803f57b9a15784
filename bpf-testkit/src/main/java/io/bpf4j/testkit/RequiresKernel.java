package io.bpf4j.testkit;

import io.bpf4j.testkit.internal.RequirementsCondition;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Skips a test (or every test of a class), printing the reason, when the
 * running kernel is older than {@link #value()}. A malformed version is an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequirementsCondition.class)
public @interface RequiresKernel {
    /** {@return the oldest kernel the test runs on, e.g. {@code "5.8"}} */
    String value();
}
