package io.bpf4j.syscall;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.bpf4j.syscall.internal.PerfEventAttrLayout.BP_TYPE;
import static io.bpf4j.syscall.internal.PerfEventAttrLayout.CONFIG;
import static io.bpf4j.syscall.internal.PerfEventAttrLayout.CONFIG1;
import static io.bpf4j.syscall.internal.PerfEventAttrLayout.CONFIG2;
import static io.bpf4j.syscall.internal.PerfEventAttrLayout.FLAGS;
import static io.bpf4j.syscall.internal.PerfEventAttrLayout.READ_FORMAT;
import static io.bpf4j.syscall.internal.PerfEventAttrLayout.SAMPLE_PERIOD;
import static io.bpf4j.syscall.internal.PerfEventAttrLayout.SAMPLE_TYPE;
import static io.bpf4j.syscall.internal.PerfEventAttrLayout.SIZE;
import static io.bpf4j.syscall.internal.PerfEventAttrLayout.SIZE_FIELD;
import static io.bpf4j.syscall.internal.PerfEventAttrLayout.TYPE;
import static io.bpf4j.syscall.internal.PerfEventAttrLayout.WAKEUP_EVENTS;

/**
 * The {@code struct perf_event_attr} of {@link Bpf#perfEventOpen}
 * ({@code include/uapi/linux/perf_event.h}), immutable, made with {@link #builder(int, long)}.
 *
 * <pre>{@code
 * PerfEventAttr clock = PerfEventAttr.builder(PerfEventAttr.TYPE_SOFTWARE, PerfEventAttr.COUNT_SW_CPU_CLOCK)
 *         .samplePeriod(1_000_000).disabled(true).build();
 * PerfEventAttr uprobe = PerfEventAttr.builder(uprobePmuType, 0)
 *         .uprobePath("/usr/bin/bash").probeOffset(0x3f2a0).build();
 * }</pre>
 *
 * <p>A uprobe's path is written to native memory owned by this object; {@code config1} receives
 * its address when the attribute is handed to the kernel, and the object stays reachable until
 * {@code perf_event_open} returns.
 */
public final class PerfEventAttr {
    /** {@code PERF_TYPE_HARDWARE}. */
    public static final int TYPE_HARDWARE = 0;
    /** {@code PERF_TYPE_SOFTWARE}. */
    public static final int TYPE_SOFTWARE = 1;
    /** {@code PERF_TYPE_TRACEPOINT}: {@code config} is the tracepoint id from tracefs. */
    public static final int TYPE_TRACEPOINT = 2;
    /** {@code PERF_TYPE_HW_CACHE}. */
    public static final int TYPE_HW_CACHE = 3;
    /** {@code PERF_TYPE_RAW}. */
    public static final int TYPE_RAW = 4;
    /** {@code PERF_TYPE_BREAKPOINT}. */
    public static final int TYPE_BREAKPOINT = 5;

    /** {@code PERF_COUNT_SW_CPU_CLOCK}. */
    public static final long COUNT_SW_CPU_CLOCK = 0;
    /** {@code PERF_COUNT_SW_TASK_CLOCK}. */
    public static final long COUNT_SW_TASK_CLOCK = 1;
    /** {@code PERF_COUNT_SW_PAGE_FAULTS}. */
    public static final long COUNT_SW_PAGE_FAULTS = 2;
    /** {@code PERF_COUNT_SW_CONTEXT_SWITCHES}. */
    public static final long COUNT_SW_CONTEXT_SWITCHES = 3;
    /** {@code PERF_COUNT_SW_CPU_MIGRATIONS}. */
    public static final long COUNT_SW_CPU_MIGRATIONS = 4;
    /** {@code PERF_COUNT_SW_DUMMY}. */
    public static final long COUNT_SW_DUMMY = 9;
    /** {@code PERF_COUNT_SW_BPF_OUTPUT}: the event behind a perf buffer. */
    public static final long COUNT_SW_BPF_OUTPUT = 10;

    /** {@code PERF_SAMPLE_RAW}: samples carry raw data (perf buffers). */
    public static final long SAMPLE_RAW = 1L << 10;

    // Bits of the flags word at offset 40, in declaration order of the UAPI bit fields.
    /** {@code disabled}: created off; enable with {@link Bpf#perfEventEnable}. */
    public static final long FLAG_DISABLED = 1L;
    /** {@code inherit}: children inherit the event. */
    public static final long FLAG_INHERIT = 1L << 1;
    /** {@code pinned}. */
    public static final long FLAG_PINNED = 1L << 2;
    /** {@code exclusive}. */
    public static final long FLAG_EXCLUSIVE = 1L << 3;
    /** {@code exclude_user}. */
    public static final long FLAG_EXCLUDE_USER = 1L << 4;
    /** {@code exclude_kernel}. */
    public static final long FLAG_EXCLUDE_KERNEL = 1L << 5;
    /** {@code exclude_hv}. */
    public static final long FLAG_EXCLUDE_HV = 1L << 6;
    /** {@code exclude_idle}. */
    public static final long FLAG_EXCLUDE_IDLE = 1L << 7;
    /** {@code freq}: {@code sample_freq} instead of {@code sample_period}. */
    public static final long FLAG_FREQ = 1L << 10;
    /** {@code enable_on_exec}. */
    public static final long FLAG_ENABLE_ON_EXEC = 1L << 12;
    /** {@code watermark}: {@code wakeup_watermark} instead of {@code wakeup_events}. */
    public static final long FLAG_WATERMARK = 1L << 14;

    private final int type;
    private final long config;
    private final long config1;
    private final long config2;
    private final long samplePeriodOrFreq;
    private final long sampleType;
    private final long readFormat;
    private final long flags;
    private final int wakeup;
    private final int bpType;
    private final String uprobePath;
    private final Memory uprobePathMemory;

    private PerfEventAttr(Builder b) {
        this.type = b.type;
        this.config = b.config;
        this.config1 = b.config1;
        this.config2 = b.config2;
        this.samplePeriodOrFreq = b.samplePeriodOrFreq;
        this.sampleType = b.sampleType;
        this.readFormat = b.readFormat;
        this.flags = b.flags;
        this.wakeup = b.wakeup;
        this.bpType = b.bpType;
        this.uprobePath = b.uprobePath;
        if (uprobePath != null) {
            byte[] bytes = uprobePath.getBytes(StandardCharsets.UTF_8);
            uprobePathMemory = new Memory(bytes.length + 1L);
            uprobePathMemory.write(0, bytes, 0, bytes.length);
            uprobePathMemory.setByte(bytes.length, (byte) 0);
        } else {
            uprobePathMemory = null;
        }
    }

    /** {@return a builder for an event of PMU {@code type} with {@code config}} */
    public static Builder builder(int type, long config) {
        return new Builder(type, config);
    }

    /** {@return {@code type}: the PMU} */
    public int type() {
        return type;
    }

    /** {@return {@code config}} */
    public long config() {
        return config;
    }

    /** {@return {@code config1}, or the uprobe path's address placeholder 0 when a path is set} */
    public long config1() {
        return config1;
    }

    /** {@return {@code config2} (a probe's offset)} */
    public long config2() {
        return config2;
    }

    /** {@return {@code sample_period}, or {@code sample_freq} when {@link #FLAG_FREQ} is set} */
    public long samplePeriodOrFreq() {
        return samplePeriodOrFreq;
    }

    /** {@return {@code sample_type}} */
    public long sampleType() {
        return sampleType;
    }

    /** {@return the bit-field word ({@code FLAG_*} bits)} */
    public long flags() {
        return flags;
    }

    /** {@return {@code wakeup_events}, or {@code wakeup_watermark} when {@link #FLAG_WATERMARK} is set} */
    public int wakeup() {
        return wakeup;
    }

    /** {@return the uprobe's binary path, or null} */
    public String uprobePath() {
        return uprobePath;
    }

    /** Writes the struct into {@code buffer} at 0; the caller zeroed {@code SIZE} bytes. */
    void writeTo(ByteBuffer buffer) {
        buffer.putInt(TYPE, type);
        buffer.putInt(SIZE_FIELD, SIZE);
        buffer.putLong(CONFIG, config);
        buffer.putLong(SAMPLE_PERIOD, samplePeriodOrFreq);
        buffer.putLong(SAMPLE_TYPE, sampleType);
        buffer.putLong(READ_FORMAT, readFormat);
        buffer.putLong(FLAGS, flags);
        buffer.putInt(WAKEUP_EVENTS, wakeup);
        buffer.putInt(BP_TYPE, bpType);
        buffer.putLong(CONFIG1, uprobePathMemory != null ? Pointer.nativeValue(uprobePathMemory) : config1);
        buffer.putLong(CONFIG2, config2);
    }

    @Override
    public String toString() {
        return "PerfEventAttr[type " + type + ", config " + config
                + (uprobePath != null ? ", uprobe " + uprobePath : ", config1 " + config1)
                + ", config2 " + config2 + ", flags 0x" + Long.toHexString(flags) + "]";
    }

    /** Builds a {@link PerfEventAttr}. */
    public static final class Builder {
        private final int type;
        private final long config;
        private long config1;
        private long config2;
        private long samplePeriodOrFreq;
        private long sampleType;
        private long readFormat;
        private long flags;
        private int wakeup;
        private int bpType;
        private String uprobePath;

        private Builder(int type, long config) {
            this.type = type;
            this.config = config;
        }

        /** Sets {@code config1} (clears a uprobe path). */
        public Builder config1(long config1) {
            this.config1 = config1;
            this.uprobePath = null;
            return this;
        }

        /** Sets {@code config2}. */
        public Builder config2(long config2) {
            this.config2 = config2;
            return this;
        }

        /**
         * Names the kernel function of a kprobe PMU event ({@code config1} is {@code kprobe_func},
         * in a union with {@code uprobe_path}; the name is copied to native memory this object owns).
         *
         * @param function the kernel function, e.g. {@code vfs_unlink}
         * @return this builder
         */
        public Builder kprobeFunction(String function) {
            return uprobePath(function);
        }

        /** Sets {@code uprobe_path}: {@code config1} becomes the address of this path, NUL-terminated. */
        public Builder uprobePath(String path) {
            this.uprobePath = path;
            this.config1 = 0;
            return this;
        }

        /** Sets {@code probe_offset} ({@code config2}): the uprobe's file offset. */
        public Builder probeOffset(long offset) {
            this.config2 = offset;
            return this;
        }

        /** Sets {@code sample_period} (clears {@link #FLAG_FREQ}). */
        public Builder samplePeriod(long period) {
            this.samplePeriodOrFreq = period;
            this.flags &= ~FLAG_FREQ;
            return this;
        }

        /** Sets {@code sample_freq} (sets {@link #FLAG_FREQ}). */
        public Builder sampleFreq(long freq) {
            this.samplePeriodOrFreq = freq;
            this.flags |= FLAG_FREQ;
            return this;
        }

        /** Sets {@code sample_type} ({@code PERF_SAMPLE_*}). */
        public Builder sampleType(long sampleType) {
            this.sampleType = sampleType;
            return this;
        }

        /** Sets {@code read_format}. */
        public Builder readFormat(long readFormat) {
            this.readFormat = readFormat;
            return this;
        }

        /** Sets {@code wakeup_events} (clears {@link #FLAG_WATERMARK}). */
        public Builder wakeupEvents(int events) {
            this.wakeup = events;
            this.flags &= ~FLAG_WATERMARK;
            return this;
        }

        /** Sets {@code wakeup_watermark} in bytes (sets {@link #FLAG_WATERMARK}). */
        public Builder wakeupWatermark(int bytes) {
            this.wakeup = bytes;
            this.flags |= FLAG_WATERMARK;
            return this;
        }

        /** Sets {@code bp_type} (breakpoints). */
        public Builder bpType(int bpType) {
            this.bpType = bpType;
            return this;
        }

        /** Sets or clears {@code disabled}. */
        public Builder disabled(boolean on) {
            return flag(FLAG_DISABLED, on);
        }

        /** Sets or clears {@code inherit}. */
        public Builder inherit(boolean on) {
            return flag(FLAG_INHERIT, on);
        }

        /** Sets or clears {@code exclude_user}. */
        public Builder excludeUser(boolean on) {
            return flag(FLAG_EXCLUDE_USER, on);
        }

        /** Sets or clears {@code exclude_kernel}. */
        public Builder excludeKernel(boolean on) {
            return flag(FLAG_EXCLUDE_KERNEL, on);
        }

        /** Sets or clears {@code exclude_hv}. */
        public Builder excludeHv(boolean on) {
            return flag(FLAG_EXCLUDE_HV, on);
        }

        /** Sets or clears {@code exclude_idle}. */
        public Builder excludeIdle(boolean on) {
            return flag(FLAG_EXCLUDE_IDLE, on);
        }

        /** Sets or clears {@code enable_on_exec}. */
        public Builder enableOnExec(boolean on) {
            return flag(FLAG_ENABLE_ON_EXEC, on);
        }

        /** Sets or clears any bits of the bit-field word ({@code FLAG_*}, or others by position). */
        public Builder flag(long bits, boolean on) {
            flags = on ? flags | bits : flags & ~bits;
            return this;
        }

        /** {@return the attribute} */
        public PerfEventAttr build() {
            return new PerfEventAttr(this);
        }
    }
}
