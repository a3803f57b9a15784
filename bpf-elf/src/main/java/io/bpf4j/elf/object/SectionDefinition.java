package io.bpf4j.elf.object;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One row of libbpf's table of program section names ({@code section_defs[]} in
 * {@code libbpf.c}): which {@code SEC()} names it matches, the program type and expected attach
 * type a program in such a section is loaded with, its {@link SectionFlag flags}, and whether
 * libbpf can attach it from the section name alone.
 *
 * <p>The types are UAPI numbers with their C names: bpf-elf cannot see bpf-syscall's enums, and
 * the loader maps the numbers onto its own types.
 *
 * <p>The pattern follows libbpf's {@code sec_def_matches()}: a pattern ending in {@code '+'}
 * matches the name without the {@code '+'} exactly or followed by {@code '/'} and a target
 * ({@code "kprobe+"} matches {@code kprobe} and {@code kprobe/do_unlinkat}, not
 * {@code kprobex}); a pattern ending in {@code '/'} matches every name starting with it; any
 * other pattern matches only itself.
 *
 * @param pattern the section name pattern, as in libbpf's table
 * @param programType the {@code enum bpf_prog_type} value ({@code include/uapi/linux/bpf.h})
 * @param programTypeName the C name of {@code programType}, such as {@code BPF_PROG_TYPE_KPROBE}
 * @param expectedAttachType the {@code enum bpf_attach_type} value given at load; 0 when
 *     {@link #hasExpectedAttachType()} is false
 * @param expectedAttachTypeName the C name of the expected attach type, such as
 *     {@code BPF_TRACE_FENTRY}; empty when the table gives none
 * @param flags the table's flags
 * @param autoAttach true if libbpf has an attach function for the section, so that
 *     {@code bpf_object__attach_skeleton} attaches it from the name alone
 */
public record SectionDefinition(String pattern, int programType, String programTypeName, int expectedAttachType,
        String expectedAttachTypeName, Set<SectionFlag> flags, boolean autoAttach) {

    /** Validates and copies the flags. */
    public SectionDefinition {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(programTypeName, "programTypeName");
        Objects.requireNonNull(expectedAttachTypeName, "expectedAttachTypeName");
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("empty section pattern");
        }
        EnumSet<SectionFlag> copy = EnumSet.noneOf(SectionFlag.class);
        copy.addAll(flags);
        flags = Collections.unmodifiableSet(copy);
    }

    /** {@return the pattern without its trailing {@code '+'}: the name a section starts with} */
    public String prefix() {
        return pattern.endsWith("+") ? pattern.substring(0, pattern.length() - 1) : pattern;
    }

    /** {@return true if the table names an expected attach type (which may be 0, {@code BPF_CGROUP_INET_INGRESS})} */
    public boolean hasExpectedAttachType() {
        return !expectedAttachTypeName.isEmpty();
    }

    /** {@return true for the sleepable variants ({@code fentry.s}, {@code uprobe.s} ...) and {@code syscall}} */
    public boolean sleepable() {
        return flags.contains(SectionFlag.SLEEPABLE);
    }

    /**
     * {@return true if a section of this name belongs to this definition (libbpf's {@code sec_def_matches})}
     *
     * @param sectionName the section name without a leading {@code '?'}
     */
    public boolean matches(String sectionName) {
        if (pattern.endsWith("/")) {
            return sectionName.startsWith(pattern);
        }
        if (pattern.endsWith("+")) {
            String p = prefix();
            return sectionName.startsWith(p)
                    && (sectionName.length() == p.length() || sectionName.charAt(p.length()) == '/');
        }
        return sectionName.equals(pattern);
    }
}
