package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import io.bpf4j.syscall.PerfEventAttr;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@link PerfEventPlugin}: which event to sample, how often, and where.
 *
 * @param type {@code PERF_TYPE_*}, e.g. {@link PerfEventAttr#TYPE_SOFTWARE} or
 *     {@link PerfEventAttr#TYPE_HARDWARE}
 * @param config the event within the type, e.g. {@link PerfEventAttr#COUNT_SW_CPU_CLOCK}
 * @param frequency true: {@code rate} samples per second ({@code attr.freq}); false: one
 *     sample every {@code rate} events ({@code sample_period})
 * @param rate the frequency in Hz or the period in events, positive
 * @param cpus the CPUs to sample on; empty for every online CPU
 * @param pid the process to sample, or -1 for every process
 * @param cookie the BPF cookie of every sample's program run, 0 for none
 */
public record PerfEventOptions(int type, long config, boolean frequency, long rate, List<Integer> cpus, int pid,
        long cookie) implements AttachOptions {

    /** Checks the fields. */
    public PerfEventOptions {
        Objects.requireNonNull(cpus, "cpus");
        cpus = List.copyOf(cpus);
        if (rate <= 0) {
            throw new IllegalArgumentException("the sampling " + (frequency ? "frequency" : "period")
                    + " must be positive: " + rate);
        }
        if (pid < -1) {
            throw new IllegalArgumentException("pid must be -1 or a process id: " + pid);
        }
    }

    /** {@return {@code hz} samples a second of the software CPU clock on every CPU (works without a hardware PMU)} */
    public static PerfEventOptions cpuClockFrequency(long hz) {
        return new PerfEventOptions(PerfEventAttr.TYPE_SOFTWARE, PerfEventAttr.COUNT_SW_CPU_CLOCK, true, hz, List.of(),
                -1, 0);
    }

    /** {@return one sample every {@code period} events of ({@code type}, {@code config}) on every CPU} */
    public static PerfEventOptions period(int type, long config, long period) {
        return new PerfEventOptions(type, config, false, period, List.of(), -1, 0);
    }

    /** {@return {@code hz} samples a second of ({@code type}, {@code config}) on every CPU} */
    public static PerfEventOptions frequency(int type, long config, long hz) {
        return new PerfEventOptions(type, config, true, hz, List.of(), -1, 0);
    }

    /** {@return these options on {@code cpus} only} */
    public PerfEventOptions onCpus(List<Integer> cpus) {
        return new PerfEventOptions(type, config, frequency, rate, cpus, pid, cookie);
    }

    /** {@return these options with a BPF cookie} */
    public PerfEventOptions withCookie(long cookie) {
        return new PerfEventOptions(type, config, frequency, rate, cpus, pid, cookie);
    }
}
