package io.bpf4j.attach;

import java.util.Objects;

/**
 * An attach plugin whose sections may name their target ({@code kprobe/vfs_unlink},
 * {@code usdt/<binary>:<provider>:<name>}) and whose bare prefixes attach only by hand.
 *
 * <p>Both ways in end in one method: a subclass turns a section name into its options record
 * ({@link #optionsFromSection}) and attaches with options ({@link #attachWith}), so a section's
 * target and the same options given by hand attach alike. This class supplies the two
 * {@link AttachPlugin} entry points around them: auto-attach refuses a bare prefix with the
 * plugin's {@link #manualAttachHint}, and attaching by hand refuses another plugin's options.
 *
 * @param <O> the plugin's options record
 */
public abstract class SectionTargetPlugin<O extends AttachOptions> implements AttachPlugin {

    private final Class<O> optionsType;

    /**
     * @param optionsType the options record this plugin attaches with by hand
     */
    protected SectionTargetPlugin(Class<O> optionsType) {
        this.optionsType = Objects.requireNonNull(optionsType, "optionsType");
    }

    /**
     * {@return the options {@code sectionName} names, or null when it is a bare prefix}
     *
     * @param sectionName a section name this plugin accepts
     * @throws AttachException when the section names a target this plugin cannot read
     */
    protected abstract O optionsFromSection(String sectionName);

    /**
     * Attaches a loaded program with options from its section or from the user.
     *
     * @param context the loaded program and the kernel facade
     * @param options where to attach
     * @return the attachment, owned by the caller
     * @throws AttachException if the kernel refuses, naming the program and section
     */
    protected abstract Link attachWith(AttachContext context, O options);

    /** {@return whether {@code sectionName} names a target, so the program auto-attaches} */
    protected final boolean namesTarget(String sectionName) {
        return optionsFromSection(sectionName) != null;
    }

    @Override
    public final Link attach(AttachContext context) {
        O options = optionsFromSection(context.sectionName());
        if (options == null) {
            throw new AttachException("program " + context.programName() + ": "
                    + manualAttachHint(context.sectionName()));
        }
        return attachWith(context, options);
    }

    @Override
    public final Link attach(AttachContext context, AttachOptions options) {
        if (optionsType.isInstance(options)) {
            return attachWith(context, optionsType.cast(options));
        }
        return AttachPlugin.super.attach(context, options);
    }
}
