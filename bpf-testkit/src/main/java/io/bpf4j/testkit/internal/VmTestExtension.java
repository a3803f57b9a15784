package io.bpf4j.testkit.internal;

import io.bpf4j.testkit.OnKernels;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Behind {@link OnKernels}: on the host, one invocation that runs the test here
 * and one per kernel that reports the guest's result; in a guest JVM, the one
 * invocation that really runs it.
 */
public final class VmTestExtension implements TestTemplateInvocationContextProvider {
    private static final ExtensionContext.Namespace RUNS = ExtensionContext.Namespace.create(VmTestExtension.class);

    /** Called by JUnit. */
    public VmTestExtension() {
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, OnKernels.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        OnKernels on = AnnotationSupport.findAnnotation(method, OnKernels.class).orElseThrow();
        if (VmInvocations.inGuest()) {
            return Stream.of(invocation("[" + System.getProperty(GuestRun.GUEST_PROPERTY) + "] " + context.getDisplayName(),
                    List.of()));
        }
        List<TestTemplateInvocationContext> all = new ArrayList<>();
        Map<Integer, String> labels = new HashMap<>();
        if (on.host()) {
            all.add(invocation("[host] " + context.getDisplayName(), List.of()));
        }
        for (String label : kernels(on, method)) {
            all.add(invocation("[" + label + "] " + context.getDisplayName(),
                    List.of(new GuestResultInterceptor(label))));
            labels.put(all.size(), label);
        }
        context.getStore(VmInvocations.NAMESPACE).put(VmInvocations.LABELS, labels);
        return all.stream();
    }

    /** The kernels of {@code on}, checked, narrowed by {@code bpf4j.kernels} / {@code BPF4J_KERNELS}. */
    static List<String> kernels(OnKernels on, Method method) {
        Set<String> kernels = new LinkedHashSet<>();
        for (String k : on.value()) {
            if (!KernelImages.SUITES.containsKey(k)) {
                throw new ExtensionConfigurationException("@OnKernels on " + method.getName() + " names kernel '" + k
                        + "': use one of " + KernelImages.SUITES.keySet());
            }
            kernels.add(k);
        }
        String only = System.getProperty("bpf4j.kernels", System.getenv("BPF4J_KERNELS"));
        if (only != null && !only.isBlank()) {
            Set<String> allowed = new LinkedHashSet<>(Arrays.asList(only.trim().split("\\s*,\\s*")));
            kernels.retainAll(allowed);
        }
        return new ArrayList<>(kernels);
    }

    static GuestRun run(ExtensionContext context, String label) {
        Class<?> testClass = context.getRequiredTestClass();
        ExtensionContext.Store store = context.getRoot().getStore(RUNS);
        return store.getOrComputeIfAbsent(testClass.getName() + "@" + label,
                k -> GuestRun.execute(testClass, label, methodsFor(testClass, label)), GuestRun.class);
    }

    private static List<Method> methodsFor(Class<?> testClass, String label) {
        List<Method> methods = new ArrayList<>();
        for (Method m : AnnotationSupport.findAnnotatedMethods(testClass, OnKernels.class,
                HierarchyTraversalMode.TOP_DOWN)) {
            OnKernels on = AnnotationSupport.findAnnotation(m, OnKernels.class).orElseThrow();
            if (kernels(on, m).contains(label)) {
                methods.add(m);
            }
        }
        return methods;
    }

    private static TestTemplateInvocationContext invocation(String name, List<Extension> extensions) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return name;
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return extensions;
            }
        };
    }

    /** Replaces the host's run of the method (and its before/after-each methods) by the guest's result. */
    private static final class GuestResultInterceptor implements InvocationInterceptor {
        private final String label;

        GuestResultInterceptor(String label) {
            this.label = label;
        }

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) {
            invocation.skip();
            run(context, label).report(invocationContext.getExecutable());
        }

        @Override
        public void interceptBeforeEachMethod(Invocation<Void> invocation,
                ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) {
            invocation.skip();
        }

        @Override
        public void interceptAfterEachMethod(Invocation<Void> invocation,
                ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) {
            invocation.skip();
        }
    }
}
