package io.bpf4j.testkit.internal;

import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.MapType;
import io.bpf4j.syscall.ProgramType;
import io.bpf4j.testkit.Capability;
import io.bpf4j.testkit.FeatureProbes;
import io.bpf4j.testkit.KernelVersion;
import io.bpf4j.testkit.ProbeResult;
import io.bpf4j.testkit.RequiresCapability;
import io.bpf4j.testkit.RequiresFeature;
import io.bpf4j.testkit.RequiresKernel;
import io.bpf4j.testkit.UnsupportedFeatureError;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Evaluates {@link RequiresKernel}, {@link RequiresCapability} and
 * {@link RequiresFeature} on the test class and method. A skip prints its
 * reason (and JUnit reports it); a feature missing where the kernel's version
 * says it must exist throws {@link UnsupportedFeatureError}, which fails the
 * test. On the host's stand-in for a VM run the guest decides: enabled.
 */
public final class RequirementsCondition implements ExecutionCondition {

    /** Called by JUnit. */
    public RequirementsCondition() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> vm = VmInvocations.kernelOnHost(context);
        if (vm.isPresent()) {
            return ConditionEvaluationResult.enabled("requirements are evaluated in the " + vm.get() + " VM");
        }
        if (VmInvocations.isKernelTemplateOnHost(context)) {
            return ConditionEvaluationResult.enabled("requirements are evaluated per kernel");
        }
        List<AnnotatedElement> elements = new ArrayList<>();
        context.getTestClass().ifPresent(elements::add);
        context.getTestMethod().ifPresent(elements::add);
        KernelVersion running = KernelVersion.running();
        for (AnnotatedElement e : elements) {
            Optional<RequiresKernel> kernel = AnnotationSupport.findAnnotation(e, RequiresKernel.class);
            if (kernel.isPresent()) {
                KernelVersion needed = parse(kernel.get().value(), e);
                if (!running.atLeast(needed)) {
                    return skip(context, "needs kernel " + kernel.get().value() + " or newer; running "
                            + KernelVersion.runningRelease());
                }
            }
            Optional<RequiresCapability> caps = AnnotationSupport.findAnnotation(e, RequiresCapability.class);
            if (caps.isPresent()) {
                BigInteger effective = effectiveCapabilities();
                for (Capability c : caps.get().value()) {
                    if (effective != null && !effective.testBit(c.bit())) {
                        return skip(context, "needs CAP_" + c.name() + ", which this process lacks");
                    }
                }
            }
            Optional<RequiresFeature> feature = AnnotationSupport.findAnnotation(e, RequiresFeature.class);
            if (feature.isPresent()) {
                String why = features(feature.get(), running);
                if (why != null) {
                    return skip(context, why);
                }
            }
        }
        return ConditionEvaluationResult.enabled("the kernel meets the test's requirements");
    }

    /** {@return null when everything is supported, else the skip reason} @throws UnsupportedFeatureError */
    private static String features(RequiresFeature f, KernelVersion running) {
        List<ProbeResult> probes = new ArrayList<>();
        List<KernelVersion> minimums = new ArrayList<>();
        for (ProgramType t : f.programTypes()) {
            probes.add(FeatureProbes.programType(t));
            minimums.add(KnownMinimums.of(t));
        }
        for (MapType t : f.mapTypes()) {
            probes.add(FeatureProbes.mapType(t));
            minimums.add(KnownMinimums.of(t));
        }
        for (AttachType t : f.attachTypes()) {
            probes.add(FeatureProbes.attachType(t));
            minimums.add(KnownMinimums.of(t));
        }
        for (String h : f.helpers()) {
            try {
                probes.add(FeatureProbes.helper(f.helperProgramType(), h));
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("@RequiresFeature(helpers): " + e.getMessage(), e);
            }
            minimums.add(null);
        }
        for (int i = 0; i < probes.size(); i++) {
            ProbeResult p = probes.get(i);
            KernelVersion min = minimums.get(i);
            if (p.support() == ProbeResult.Support.UNSUPPORTED && min != null && running.atLeast(min)) {
                throw new UnsupportedFeatureError(p, min, running);
            }
            if (!p.supported()) {
                return p.feature() + " is not available on kernel " + KernelVersion.runningRelease() + ": "
                        + p.reason() + (min != null && p.support() == ProbeResult.Support.UNSUPPORTED
                        ? " (it needs " + min.major() + "." + min.minor() + ")" : "");
            }
        }
        return null;
    }

    private static ConditionEvaluationResult skip(ExtensionContext context, String reason) {
        System.out.println("bpf4j-testkit: SKIPPED " + context.getDisplayName() + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    private static KernelVersion parse(String version, AnnotatedElement on) {
        try {
            return KernelVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@RequiresKernel on " + on + ": " + e.getMessage(), e);
        }
    }

    private static BigInteger effectiveCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
