package io.bpf4j.attach;

import java.util.Set;

/**
 * A plugin that owns one family of ELF section names ({@code SEC("...")} in BPF C) end to end:
 * the program type and expected attach type used at load, the load-time target (such as the BTF
 * id of a traced function), auto-attach from the section name, and typed options for attaching
 * by hand.
 *
 * <p>Plugins are found by {@link java.util.ServiceLoader} (see {@link AttachPlugins}); an
 * implementation needs a public no-argument constructor and must be stateless or thread safe:
 * one instance serves every program of every object in the process.
 *
 * <p>See the {@linkplain io.bpf4j.attach package documentation} for a tutorial.
 */
public interface AttachPlugin {

    /** {@return a short, unique, human-readable name of this plugin, used in messages} */
    String name();

    /**
     * {@return the section prefixes this plugin claims}
     *
     * <p>A prefix {@code p} claims the section named exactly {@code p} and every section that
     * starts with {@code p + "/"}: the prefix {@code "tp"} claims {@code "tp"} and
     * {@code "tp/sched/sched_switch"} but not {@code "tp_btf/sched_switch"}. A prefix may itself
     * contain slashes ({@code "tp/sched"}), which makes it more specific than {@code "tp"}.
     */
    Set<String> sectionPrefixes();

    /**
     * {@return how specifically this plugin claims {@code sectionName}: the length of the
     * longest claimed prefix that matches, or -1 if this plugin does not claim it}
     *
     * <p>{@link AttachPlugins} gives a section to the plugin with the greatest match length.
     * The default derives the answer from {@link #sectionPrefixes()}; override it only for
     * matching that prefixes cannot express, and keep it consistent with {@link #accepts}.
     *
     * @param sectionName the section name as written in the object file, without a leading
     *     {@code '?'}
     */
    default int matchLength(String sectionName) {
        int best = -1;
        for (String prefix : sectionPrefixes()) {
            if (SectionNames.hasPrefix(sectionName, prefix) && prefix.length() > best) {
                best = prefix.length();
            }
        }
        return best;
    }

    /**
     * {@return whether this plugin claims {@code sectionName}}
     *
     * @param sectionName the section name as written in the object file
     */
    default boolean accepts(String sectionName) {
        return matchLength(sectionName) >= 0;
    }

    /**
     * Describes how the program in {@code sectionName} must be loaded. Called once per program,
     * before {@code BPF_PROG_LOAD}; may consult the kernel's BTF through {@code context}.
     *
     * @param sectionName a section name this plugin {@linkplain #accepts accepts}
     * @param context what the loader offers at load time
     * @return the program type, expected attach type, load-time target and flags
     * @throws AttachException if the section name is malformed for this plugin or its target
     *     does not exist in the running kernel (the message names the section)
     */
    ProgramDefinition define(String sectionName, LoadContext context);

    /**
     * Attaches a loaded program as its section name says (auto-attach). Only called for programs
     * whose {@link ProgramDefinition#autoAttach()} is true.
     *
     * @param context the loaded program and the kernel facade
     * @return the attachment, owned by the caller
     * @throws AttachException if the kernel refuses, naming the program and section
     */
    Link attach(AttachContext context);

    /**
     * {@return why a program in {@code sectionName} is not attached automatically and how to
     * attach it by hand} Called for programs whose {@link ProgramDefinition#autoAttach()} is
     * false, so that a loader's {@code attachAll} can say what it skipped, and used as the
     * message when {@link #attach(AttachContext)} is called on such a program.
     *
     * <p>The default names the plugin; plugins override it to name their options record.
     *
     * @param sectionName a section name this plugin {@linkplain #accepts accepts}
     */
    default String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' names no target for attach plugin " + name()
                + ": attach the program by hand with that plugin's options";
    }

    /**
     * Attaches a loaded program by hand, with options typed by this plugin.
     *
     * <p>The default refuses: a plugin that has no typed options keeps it.
     *
     * @param context the loaded program and the kernel facade
     * @param options this plugin's own options record
     * @return the attachment, owned by the caller
     * @throws UnsupportedOperationException if this plugin has no options of that class
     * @throws AttachException if the kernel refuses, naming the program and section
     */
    default Link attach(AttachContext context, AttachOptions options) {
        throw new UnsupportedOperationException("attach plugin " + name()
                + " does not attach by hand with " + options.getClass().getName()
                + " (program " + context.programName() + " in section " + context.sectionName() + ")");
    }
}
