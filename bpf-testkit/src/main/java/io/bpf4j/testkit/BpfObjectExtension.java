package io.bpf4j.testkit;

import io.bpf4j.loader.BpfObject;
import io.bpf4j.testkit.internal.VmInvocations;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link BpfObjectResource} parameters: opens the object from the
 * test class's class path (and loads it when asked) and registers it in the
 * test's extension store, so JUnit closes it (detaching and freeing
 * everything) when the test ends, even when it fails. Registered by
 * {@link BpfObjectResource} itself; misuse (wrong parameter type, missing
 * resource) is an {@link ExtensionConfigurationException} saying what to do.
 */
public final class BpfObjectExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(BpfObjectExtension.class);

    /** Called by JUnit. */
    public BpfObjectExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(BpfObjectResource.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() != BpfObject.class) {
            throw new ExtensionConfigurationException("@BpfObjectResource goes on a BpfObject parameter, not on "
                    + parameter.getParameter().getType().getName() + " " + parameter.getParameter().getName());
        }
        if (VmInvocations.kernelOnHost(context).isPresent()) {
            return null;   // the host's stand-in for a VM run: the guest opens the object
        }
        BpfObjectResource annotation = parameter.findAnnotation(BpfObjectResource.class).orElseThrow();
        String resource = annotation.value();
        Class<?> anchor = context.getRequiredTestClass();
        if (anchor.getResource(resource) == null) {
            throw new ExtensionConfigurationException("no resource " + resource + " on the class path of "
                    + anchor.getName() + ": is src/test/bpf compiled by bpf4j-maven-plugin?");
        }
        BpfObject object = BpfObject.openResource(anchor, resource);
        context.getStore(NAMESPACE).put(new Object(), new ClosingObject(object));
        if (annotation.load()) {
            object.load();
        }
        return object;
    }

    /** Lets JUnit close the object with the test's store. */
    private record ClosingObject(BpfObject object) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            object.close();
        }
    }
}
