package io.bpf4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link io.bpf4j.loader.BpfObject} parameter of a test to be opened
 * from a class-path resource by {@link BpfObjectExtension} and closed after the
 * test. The object is opened, not loaded: the test may still adjust it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface BpfObjectResource {
    /** {@return the resource, e.g. {@code /bpf/counter.bpf.o}} */
    String value();
}
