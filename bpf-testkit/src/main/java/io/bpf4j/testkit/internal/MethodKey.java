package io.bpf4j.testkit.internal;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Names a test method the same way on the host and in the guest: {@code name(type,type)}. */
final class MethodKey {
    private MethodKey() {
    }

    static String of(Method m) {
        return m.getName() + "(" + Arrays.stream(m.getParameterTypes()).map(Class::getTypeName)
                .collect(Collectors.joining(",")) + ")";
    }
}
