package io.bpf4j.testkit.internal;

import io.bpf4j.testkit.CgroupDirectory;
import io.bpf4j.testkit.NetworkNamespace;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Resolves {@link NetworkNamespace} and {@link CgroupDirectory} parameters:
 * made fresh for each test and closed through its extension store. Where the
 * host cannot make one (no {@code ip}, no CAP_NET_ADMIN, no cgroup2 mount),
 * the test is skipped with the reason.
 */
public final class FixtureExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FixtureExtension.class);

    /** Called by JUnit. */
    public FixtureExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == NetworkNamespace.class || type == CgroupDirectory.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (VmInvocations.kernelOnHost(context).isPresent()) {
            return null;
        }
        Class<?> type = parameter.getParameter().getType();
        AutoCloseable fixture;
        try {
            fixture = type == NetworkNamespace.class ? NetworkNamespace.create() : CgroupDirectory.create();
        } catch (IllegalStateException e) {
            String reason = "cannot make a " + type.getSimpleName() + " here: " + e.getMessage();
            System.out.println("bpf4j-testkit: SKIPPED " + context.getDisplayName() + ": " + reason);
            throw new TestAbortedException(reason, e);
        }
        context.getStore(NAMESPACE).put(new Object(), new Closing(fixture));
        return fixture;
    }

    /** Lets JUnit close the fixture with the test's store. */
    private record Closing(AutoCloseable fixture) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            fixture.close();
        }
    }
}
