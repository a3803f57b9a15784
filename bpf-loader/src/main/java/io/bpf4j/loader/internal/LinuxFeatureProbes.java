package io.bpf4j.loader.internal;

import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Instructions;
import io.bpf4j.elf.insn.Opcodes;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.PerfEventAttr;
import io.bpf4j.syscall.ProgLoadRequest;
import io.bpf4j.syscall.ProgramType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * The probes behind libbpf's virtual {@code LINUX_HAS_*} kconfig externs, done the way libbpf
 * does them (libbpf.c, {@code probe_kern_bpf_cookie}, {@code probe_kern_syscall_wrapper}) and
 * cached for the process.
 */
public final class LinuxFeatureProbes {
    /** {@code BPF_FUNC_get_attach_cookie} (UAPI linux/bpf.h, Linux 5.15). */
    private static final int BPF_FUNC_GET_ATTACH_COOKIE = 174;
    /** The kprobe PMU (Linux 4.17): its perf event type is in this file. */
    private static final Path KPROBE_PMU_TYPE = Path.of("/sys/bus/event_source/devices/kprobe/type");
    private static final List<Path> TRACEFS = List.of(Path.of("/sys/kernel/tracing"), Path.of("/sys/kernel/debug/tracing"));

    private static volatile Boolean bpfCookie;
    private static volatile Boolean syscallWrapper;

    private LinuxFeatureProbes() {
    }

    /**
     * {@return whether a tracepoint program may call {@code bpf_get_attach_cookie} (BPF cookies,
     * Linux 5.15): {@code LINUX_HAS_BPF_COOKIE}}
     */
    public static boolean bpfCookie(Bpf bpf) {
        Boolean known = bpfCookie;
        if (known == null) {
            byte[] insns = Instructions.encode(List.of(
                    Instruction.of(Opcodes.BPF_JMP | Opcodes.BPF_CALL, 0, 0, 0, BPF_FUNC_GET_ATTACH_COOKIE),
                    Instruction.of(Opcodes.BPF_JMP | Opcodes.BPF_EXIT, 0, 0, 0, 0)));
            try (OwnedFd fd = bpf.progLoad(ProgLoadRequest.builder(ProgramType.TRACEPOINT, insns).license("GPL")
                    .name("bpf4j_cookie").build())) {
                known = true;
            } catch (BpfException e) {
                known = false;
            }
            bpfCookie = known;
        }
        return known;
    }

    /**
     * {@return whether the kernel's system calls go through architecture wrappers
     * ({@code __x64_sys_bpf}, Linux 4.17): {@code LINUX_HAS_SYSCALL_WRAPPER}. As libbpf decides
     * it: a kprobe on the wrapper of {@code bpf(2)} can be created (through the kprobe PMU, or
     * tracefs's {@code kprobe_events} without it), so a kernel without kprobes says false}
     */
    public static boolean syscallWrapper(Bpf bpf) {
        Boolean known = syscallWrapper;
        if (known == null) {
            known = probeSyscallWrapper(bpf);
            syscallWrapper = known;
        }
        return known;
    }

    private static boolean probeSyscallWrapper(Bpf bpf) {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String prefix = switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            default -> null;
        };
        if (prefix == null) {
            return false;
        }
        String function = "__" + prefix + "_sys_bpf";
        if (Files.isReadable(KPROBE_PMU_TYPE)) {
            try {
                int type = Integer.parseInt(Files.readString(KPROBE_PMU_TYPE, StandardCharsets.US_ASCII).strip());
                PerfEventAttr attr = PerfEventAttr.builder(type, 0).kprobeFunction(function).build();
                try (OwnedFd fd = bpf.perfEventOpen(attr, (int) ProcessHandle.current().pid(), -1, -1, 0)) {
                    return true;
                }
            } catch (IOException | NumberFormatException | BpfException e) {
                return false;
            }
        }
        for (Path root : TRACEFS) {
            Path events = root.resolve("kprobe_events");
            if (!Files.exists(events)) {
                continue;
            }
            String event = "bpf4j_syscall_wrapper_" + ProcessHandle.current().pid();
            try {
                append(events, "p:bpf4j/" + event + " " + function + "\n");
            } catch (IOException e) {
                return false;
            }
            try {
                append(events, "-:bpf4j/" + event + "\n");
            } catch (IOException ignored) {
                // the probe existed, which is the answer; nothing else to undo
            }
            return true;
        }
        return false;
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
}
