package io.bpf4j.core;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.CoreRelocationRecord;
import io.bpf4j.elf.object.ExternSpec;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an object's CO-RE relocations and externs come to against a target BTF, computed without
 * loading anything: the target is any BTF, typically another kernel's
 * {@code /sys/kernel/btf/vmlinux} saved to a file.
 *
 * <pre>{@code
 * CoreReport report = CoreReport.of(ObjectSpec.open(Path.of("prog.bpf.o")), Btf.read(Path.of("vmlinux-5.10.btf")));
 * System.out.println(report.format());
 * report.programs().forEach(p -> p.relocations().stream()
 *         .filter(r -> r.status() != RelocationStatus.RESOLVED).forEach(System.out::println));
 * }</pre>
 *
 * <p>Each program is relocated as {@link CoreRelocator} does at load. Where the loader stops at
 * the first ambiguous or invalid relocation, the report records it and goes on with the
 * program's next relocation; those later relocations start with a fresh candidate list (libbpf
 * drops, within a program, candidates that failed earlier relocations of the same type), which
 * can only matter for a program that would not load anyway.
 *
 * <p>Externs: a typed {@code __ksym} variable or a kfunc is looked up by name among the target's
 * VARs or FUNCs and its type checked for compatibility, as the loader does
 * ({@link ExternReport#against}); {@code __kconfig} values and untyped {@code __ksym}s cannot be
 * decided from BTF and are reported {@link ExternStatus#RESOLVED_AT_LOAD}.
 *
 * @param objectName the object's name
 * @param targetOrigin where the target BTF came from
 * @param programs one report per program, in the object's order
 * @param externs one report per extern the object declares
 */
public record CoreReport(String objectName, String targetOrigin, List<ProgramReport> programs, List<ExternReport> externs) {
    /** Copies the lists. */
    public CoreReport {
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(targetOrigin, "targetOrigin");
        programs = List.copyOf(programs);
        externs = List.copyOf(externs);
    }

    /**
     * Computes the report of an object against a target BTF. No system call.
     *
     * @param object the parsed object
     * @param target the BTF its programs would run against
     * @return the report
     */
    public static CoreReport of(ObjectSpec object, Btf target) {
        return of(object, target, Map.of());
    }

    /**
     * Computes the report of an object against a kernel's BTF with its modules' BTF, as the loader
     * relocates on that kernel: a type with no candidate in {@code vmlinux} is looked for in the
     * modules' own types ({@link CoreRelocator#against(Btf, Map)}). Modules' BTF files are split
     * BTF: read them with {@code Btf.readSplit(moduleFile, vmlinux)}. No system call.
     *
     * @param object the parsed object
     * @param vmlinux the kernel's BTF
     * @param modules each module's split BTF over {@code vmlinux} by module name, in search order
     * @return the report; its target origin names the modules too
     * @throws IllegalArgumentException if a module's BTF is not split over {@code vmlinux}
     */
    public static CoreReport of(ObjectSpec object, Btf vmlinux, Map<String, Btf> modules) {
        Objects.requireNonNull(object, "object");
        Btf target = vmlinux;
        CoreRelocator relocator = CoreRelocator.against(vmlinux, modules);
        Optional<Btf> localBtf = object.btf();
        List<ProgramReport> programs = new ArrayList<>();
        for (ProgramSpec program : object.programs()) {
            programs.add(new ProgramReport(program.name(), program.sectionName(), relocations(relocator, program, localBtf)));
        }
        List<ExternReport> externs = new ArrayList<>();
        for (ExternSpec extern : object.externs()) {
            externs.add(ExternReport.against(extern, localBtf.orElse(null), target));
        }
        String origin = modules.isEmpty() ? target.origin() : target.origin() + " + modules " + modules.keySet();
        return new CoreReport(object.name(), origin, programs, externs);
    }

    /** {@return the report of one program} */
    public Optional<ProgramReport> program(String name) {
        return programs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static List<RelocationReport> relocations(CoreRelocator relocator, ProgramSpec program, Optional<Btf> localBtf) {
        List<CoreRelocationRecord> records = program.coreRelocations();
        List<RelocationReport> out = new ArrayList<>(records.size());
        if (localBtf.isEmpty()) {
            for (CoreRelocationRecord record : records) {
                out.add(new RelocationReport(record.insnOffset() / 8, record.kind(), record.accessString(),
                        RelocationStatus.INVALID, 0, 0, "the object has no .BTF for the record's type ids"));
            }
            return out;
        }
        int start = 0;
        while (start < records.size()) {
            try {
                addAll(out, relocator.relocate(program.name(), program.instructions(), records.subList(start, records.size()),
                        localBtf.get()));
                break;
            } catch (CoreRelocationException e) {
                int failed = start + e.relocationIndex();
                if (failed > start) {
                    // Deterministic: the records before the failing one relocate again as they just did.
                    addAll(out, relocator.relocate(program.name(), program.instructions(), records.subList(start, failed),
                            localBtf.get()));
                }
                CoreRelocationRecord record = records.get(failed);
                // Both ambiguity messages come from CoreRelocator.compute ("field offset ambiguity",
                // "relocation decision ambiguity"), named after libbpf's.
                RelocationStatus status = e.reason().contains("ambiguity") ? RelocationStatus.AMBIGUOUS : RelocationStatus.INVALID;
                out.add(new RelocationReport(e.slot(), record.kind(), "\"" + record.accessString() + "\" of type ["
                        + Integer.toUnsignedLong(record.typeId()) + "] " + localBtf.get().name(record.typeId()), status, 0, 0,
                        e.reason()));
                start = failed + 1;
            }
        }
        return out;
    }

    private static void addAll(List<RelocationReport> out, CoreRelocation relocation) {
        for (CoreRelocationResult r : relocation.results()) {
            if (r.outcome() instanceof CoreRelocationOutcome.Resolved res) {
                out.add(new RelocationReport(r.slot(), r.kind(), r.localSpec(), RelocationStatus.RESOLVED, res.localValue(),
                        res.value(), res.targetSpec()));
            } else if (r.outcome() instanceof CoreRelocationOutcome.Poisoned p) {
                out.add(new RelocationReport(r.slot(), r.kind(), r.localSpec(), RelocationStatus.POISONED, 0, 0, p.reason()));
            }
        }
    }

    /**
     * {@return the report as a table: one block per program with one line per relocation, then
     * the externs}
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("CO-RE report: ").append(objectName).append(" against ").append(targetOrigin).append('\n');
        sb.append("(RESOLVED * : the target's value differs from the one clang compiled)\n");
        for (ProgramReport p : programs) {
            sb.append("\nprogram ").append(p.name()).append(" (SEC \"").append(p.sectionName()).append("\"): ")
                    .append(p.relocations().size()).append(" relocation(s)").append(p.relocatable() ? "" : ", WILL NOT LOAD")
                    .append('\n');
            if (p.relocations().isEmpty()) {
                continue;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"insn", "kind", "local access", "status", "local", "target", "detail"});
            for (RelocationReport r : p.relocations()) {
                boolean resolved = r.status() == RelocationStatus.RESOLVED;
                rows.add(new String[] {"#" + r.slot(), r.kind().name(), r.localSpec(), r.status().name() + (r.changed() ? " *" : ""),
                    resolved ? Long.toString(r.localValue()) : "-", resolved ? Long.toString(r.value()) : "-", r.detail()});
            }
            table(sb, rows);
        }
        sb.append("\nexterns: ").append(externs.size()).append('\n');
        if (!externs.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"name", "kind", "weak", "status", "target id"});
            for (ExternReport e : externs) {
                rows.add(new String[] {e.name(), e.kind().name(), e.weak() ? "weak" : "", e.status().name(),
                    e.status() == ExternStatus.FOUND ? Integer.toString(e.targetTypeId()) : "-"});
            }
            table(sb, rows);
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            sb.append("  ");
            for (int c = 0; c < row.length; c++) {
                sb.append(row[c]);
                if (c < row.length - 1) {
                    sb.append(" ".repeat(width[c] - row[c].length() + 2));
                }
            }
            sb.append('\n');
        }
    }

    /** {@return {@link #format()}} */
    @Override
    public String toString() {
        return format();
    }
}
