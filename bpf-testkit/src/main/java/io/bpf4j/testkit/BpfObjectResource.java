package io.bpf4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a {@link io.bpf4j.loader.BpfObject} parameter of a test to be opened
 * from a class-path resource by {@link BpfObjectExtension} and closed after the
 * test (through the test's extension store, so also when it fails).
 * By default the object is opened only, so the test may still adjust it
 * (globals, program types, auto-load) before {@code load()}; with
 * {@code load = true} it arrives loaded.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@ExtendWith(BpfObjectExtension.class)
public @interface BpfObjectResource {
    /** {@return the resource, e.g. {@code /META-INF/bpf/counter.bpf.o}} */
    String value();

    /** {@return whether the object is loaded before the test gets it} */
    boolean load() default false;
}
