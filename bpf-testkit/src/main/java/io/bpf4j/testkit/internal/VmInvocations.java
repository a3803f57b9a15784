package io.bpf4j.testkit.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.UniqueId;

/**
 * Tells the other extensions whether a test invocation is the host's stand-in
 * for a run inside a VM: then nothing of the test happens on the host (no
 * condition, no object, no fixture, no leak check) and the guest decides.
 */
public final class VmInvocations {
    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(VmInvocations.class);
    static final String LABELS = "invocation-labels";
    private static final String INVOCATION = "test-template-invocation";

    private VmInvocations() {
    }

    /** {@return true inside a guest JVM started by the VM runner} */
    public static boolean inGuest() {
        return System.getProperty(GuestRun.GUEST_PROPERTY) != null;
    }

    /**
     * @param context any extension context
     * @return true when {@code context} is an {@code OnKernels} template on the host,
     *         whose invocations decide for themselves
     */
    public static boolean isKernelTemplateOnHost(ExtensionContext context) {
        if (inGuest() || context.getTestMethod().isEmpty()) {
            return false;
        }
        List<UniqueId.Segment> segments = UniqueId.parse(context.getUniqueId()).getSegments();
        return "test-template".equals(segments.get(segments.size() - 1).getType())
                && org.junit.platform.commons.support.AnnotationSupport.isAnnotated(context.getTestMethod().get(),
                io.bpf4j.testkit.OnKernels.class);
    }

    /**
     * @param context any extension context
     * @return the kernel label when {@code context} (or an ancestor) is a host
     *         invocation standing for a VM run
     */
    public static Optional<String> kernelOnHost(ExtensionContext context) {
        if (inGuest()) {
            return Optional.empty();
        }
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            List<UniqueId.Segment> segments = UniqueId.parse(c.getUniqueId()).getSegments();
            UniqueId.Segment last = segments.get(segments.size() - 1);
            if (INVOCATION.equals(last.getType()) && c.getParent().isPresent()) {
                @SuppressWarnings("unchecked")
                Map<Integer, String> labels = c.getParent().get().getStore(NAMESPACE).get(LABELS, Map.class);
                if (labels == null) {
                    return Optional.empty();
                }
                int index = Integer.parseInt(last.getValue().substring(1));
                return Optional.ofNullable(labels.get(index));
            }
        }
        return Optional.empty();
    }
}
