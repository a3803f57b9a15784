package io.bpf4j.testkit.internal;

import io.bpf4j.testkit.BpfTest;
import java.util.List;
import io.bpf4j.syscall.CreationSites;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The leak check of {@link BpfTest}: a snapshot of the process's BPF
 * resources before the test, compared with one taken when the test's
 * extension store closes, that is after the objects and fixtures the testkit
 * injected have been closed (JUnit closes stored resources in reverse order
 * of storing, and the snapshot is stored first). What is new fails the test.
 */
public final class LeakCheckExtension implements BeforeEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakCheckExtension.class);

    /** Called by JUnit. */
    public LeakCheckExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (VmInvocations.kernelOnHost(context).isPresent() || !enabled(context)) {
            return;
        }
        // So a leaked descriptor can be reported with the code that created it.
        CreationSites.enable();
        BpfResourceSnapshot before = BpfResourceSnapshot.take();
        String test = context.getDisplayName();
        context.getStore(NAMESPACE).put("leak-check", new Check(before, test));
    }

    /** Compares when the store closes. */
    private record Check(BpfResourceSnapshot before, String test)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            List<String> leaks = before.leakedIn(BpfResourceSnapshot.take());
            if (!leaks.isEmpty()) {
                throw new AssertionFailedError("BPF resources leaked by " + test + " (close the object, link or"
                        + " reader; unlink the pin):\n  " + String.join("\n  ", leaks));
            }
        }
    }

    private static boolean enabled(ExtensionContext context) {
        var onMethod = context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, BpfTest.class));
        if (onMethod.isPresent()) {
            return onMethod.get().leakCheck();
        }
        return context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, BpfTest.class))
                .map(BpfTest::leakCheck).orElse(true);
    }
}
