package io.bpf4j.testkit.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.bpf4j.loader.BpfObject;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.KernelAssumptions;
import io.bpf4j.testkit.KernelVersion;
import io.bpf4j.testkit.OnKernels;
import io.bpf4j.testkit.RequiresKernel;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The testkit's behaviour, seen from outside through the JUnit Platform's
 * engine test kit: each fixture class below is run as a user's test class
 * would be, and the events it produced are checked.
 */
class TestkitBehaviourTest {
    private static final AtomicReference<BpfObject> LEAKED = new AtomicReference<>();

    /** A test needing a kernel from the future: skipped, with the reason. */
    static class NeedsAFutureKernel {
        @BpfTest
        @RequiresKernel("99.0")
        void onlyOnKernel99() {
            fail("must not run on " + KernelVersion.runningRelease());
        }
    }

    /** A test that loads an object and never closes it. */
    static class LeaksAnObject {
        @BpfTest
        void forgetsToClose() {
            BpfObject obj = BpfObject.openResource(TestkitBehaviourTest.class, "/META-INF/bpf/child_execs.bpf.o");
            LEAKED.set(obj);
            obj.load();
        }
    }

    /** The same, closing it: passes. */
    static class ClosesItsObject {
        @BpfTest
        void closes() {
            try (BpfObject obj = BpfObject.openResource(TestkitBehaviourTest.class, "/META-INF/bpf/child_execs.bpf.o")) {
                obj.load();
            }
        }
    }

    /** A test that fails inside the VM, after printing something there. */
    static class FailsInTheGuest {
        @OnKernels(value = "6.1", host = false)
        void failsDeliberately() {
            System.out.println("hello from the guest, kernel " + KernelVersion.runningRelease());
            fail("deliberate failure inside the VM");
        }
    }

    @Test
    void aSkippedTestSaysWhy() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(NeedsAFutureKernel.class))
                .execute().testEvents();
        tests.assertStatistics(s -> s.skipped(1).started(0));
        String reason = tests.skipped().stream().findFirst().flatMap(e -> e.getPayload(String.class)).orElse("");
        assertTrue(reason.contains("needs kernel 99.0 or newer; running " + KernelVersion.runningRelease()), reason);
    }

    @Test
    void aLeakFailsTheTestAndNamesWhatLeaked() {
        KernelAssumptions.assumeTracefs();
        try {
            Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(LeaksAnObject.class))
                    .execute().testEvents();
            tests.assertStatistics(s -> s.started(1).failed(1));
            String message = failureMessage(tests.failed().list().get(0));
            assertTrue(message.contains("BPF resources leaked by forgetsToClose()"), message);
            // The kernel keeps 15 characters of a program's name.
            assertTrue(message.contains("program 'count_child_exe'"), message);
            assertTrue(message.contains("map 'child_ex.bss'") || message.contains("child_ex"), message);
            // ... and where: the line of the test that loaded it.
            assertTrue(message.contains("created at " + LeaksAnObject.class.getName() + ".forgetsToClose("), message);
        } finally {
            BpfObject obj = LEAKED.getAndSet(null);
            if (obj != null) {
                obj.close();
            }
        }
    }

    @Test
    void aTestThatClosesItsObjectsPassesTheLeakCheck() {
        KernelAssumptions.assumeTracefs();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ClosesItsObject.class)).execute().testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void aFailureInTheVmFailsTheHostsRunWithTheGuestsOutput() {
        String only = System.getProperty("bpf4j.kernels", System.getenv("BPF4J_KERNELS"));
        assumeTrue(only == null || only.isBlank() || List.of(only.split(",")).contains("6.1"),
                "kernel 6.1 is not selected (bpf4j.kernels=" + only + ")");
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailsInTheGuest.class))
                .execute().testEvents();
        List<Event> finished = tests.finished().list();
        assertEquals(1, finished.size(), "one run: [6.1]");
        Event run = finished.get(0);
        assertEquals("[6.1] failsDeliberately()", run.getTestDescriptor().getDisplayName());
        TestExecutionResult result = run.getRequiredPayload(TestExecutionResult.class);
        assumeFalse(result.getStatus() == TestExecutionResult.Status.ABORTED,
                () -> "the VM could not run here: " + result.getThrowable().map(Throwable::getMessage).orElse(""));
        assertEquals(TestExecutionResult.Status.FAILED, result.getStatus());
        String message = result.getThrowable().orElseThrow().getMessage();
        assertTrue(message.contains("deliberate failure inside the VM"), message);
        assertTrue(message.contains("hello from the guest, kernel 6.1."), "the guest's output is shown: " + message);
    }

    private static String failureMessage(Event event) {
        return event.getRequiredPayload(TestExecutionResult.class).getThrowable().map(Throwable::getMessage).orElse("");
    }

}
