package io.bpf4j.loader;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachOptions;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.Link;
import io.bpf4j.btf.Btf;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgramType;
import io.bpf4j.syscall.TestRunRequest;
import io.bpf4j.syscall.TestRunResult;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One program of a {@link BpfObject}: an entry function in a {@code SEC()}
 * section, with every subprogram it calls linked in.
 *
 * <p>Its type and expected attach type come from the attach plugin that owns
 * its section name; before load they may be changed, as may whether it is
 * loaded at all ({@link #setAutoLoad}). After load it is attached through the
 * same plugin: from its section name ({@link #attach()}) or with the plugin's
 * typed options ({@link #attach(AttachOptions)}).
 */
public final class BpfProgram {
    private final BpfObject owner;
    private final String name;
    private final String sectionName;
    private final AttachPlugin plugin;
    private ProgramType type;
    private AttachType expectedAttachType;
    private int attachBtfId;
    private int attachBtfObjId;
    private int attachProgFd = -1;
    private int flags;
    private boolean autoLoad;
    private boolean autoAttach;
    private final boolean sectionNamesTarget;
    OwnedFd fd;

    BpfProgram(BpfObject owner, String name, String sectionName, AttachPlugin plugin, ProgramType type,
               AttachType expectedAttachType, int attachBtfId, int flags, boolean autoLoad, boolean autoAttach,
               int attachBtfObjId) {
        this.owner = owner;
        this.name = name;
        this.sectionName = sectionName;
        this.plugin = plugin;
        this.type = type;
        this.expectedAttachType = expectedAttachType;
        this.attachBtfId = attachBtfId;
        this.attachBtfObjId = attachBtfObjId;
        this.flags = flags;
        this.autoLoad = autoLoad;
        this.autoAttach = autoAttach;
        this.sectionNamesTarget = autoAttach;
    }

    /** {@return the program's function name} */
    public String name() {
        return name;
    }

    /** {@return the section name it was found in, as written in {@code SEC()} (without a leading '?')} */
    public String sectionName() {
        return sectionName;
    }

    /** {@return the program type, or null when no attach plugin knows the section and none was set} */
    public ProgramType type() {
        return type;
    }

    /** {@return the expected attach type, or null when the type needs none} */
    public AttachType expectedAttachType() {
        return expectedAttachType;
    }

    /** {@return the BTF id of the load-time target (traced function, tracepoint ...), 0 when none} */
    public int attachBtfId() {
        return attachBtfId;
    }

    /**
     * {@return the kernel's id of the module BTF object holding {@link #attachBtfId()} (a
     * trampoline on a module function, e.g. {@code fentry/9pnet:p9_client_walk}); 0 for vmlinux}
     */
    public int attachBtfObjId() {
        return attachBtfObjId;
    }

    /** {@return the descriptor of the program this one extends ({@code freplace}), or -1} */
    public int attachProgFd() {
        return attachProgFd;
    }

    /**
     * Makes this program ({@code freplace}, or fentry/fexit of a BPF program) target a
     * function of another loaded program, as libbpf's {@code bpf_program__set_attach_target}.
     * The function's BTF id is looked up in the target's object: the kernel keeps the type ids
     * of the BTF it was loaded with.
     *
     * @param target   a loaded program of another (loaded) object
     * @param function the global function of {@code target}'s object to replace or trace
     */
    public void setAttachTarget(BpfProgram target, String function) {
        owner.ensureOpenedNotLoaded("set the attach target of program '" + name + "'");
        Objects.requireNonNull(function, "function");
        int btfId = target.owner.spec().btf()
                .map(btf -> btf.findByName(function, io.bpf4j.btf.BtfKind.FUNC))
                .orElse(-1);
        if (btfId <= 0) {
            throw new java.util.NoSuchElementException("program '" + name + "': no function '" + function
                    + "' in the BTF of " + target.owner.name() + " (the object of '" + target.name() + "')");
        }
        setAttachTarget(target.fd(), btfId);
    }

    /**
     * Makes this program target a function of a loaded program given by descriptor and the
     * function's BTF id in that program's BTF.
     *
     * @param targetProgFd the target program's descriptor
     * @param btfId        the function's id in the target program's BTF
     */
    public void setAttachTarget(int targetProgFd, int btfId) {
        owner.ensureOpenedNotLoaded("set the attach target of program '" + name + "'");
        if (targetProgFd < 0 || btfId <= 0) {
            throw new IllegalArgumentException("target program fd must be >= 0 and BTF id > 0, got "
                    + targetProgFd + " and " + btfId);
        }
        this.attachProgFd = targetProgFd;
        this.attachBtfId = btfId;
        this.attachBtfObjId = 0;
    }

    /** {@return BPF_F_* program flags (e.g. BPF_F_SLEEPABLE)} */
    public int flags() {
        return flags;
    }

    /** {@return the name of the attach plugin owning the section, or null} */
    public String pluginName() {
        return plugin == null ? null : plugin.name();
    }

    /** {@return whether {@link BpfObject#load()} loads this program} */
    public boolean autoLoad() {
        return autoLoad;
    }

    /** {@return whether {@link BpfObject#attachAll()} attaches this program} */
    public boolean autoAttach() {
        return autoAttach;
    }

    /**
     * Sets the program type before load (libbpf's {@code bpf_program__set_type}).
     *
     * @param type the new type
     */
    public void setType(ProgramType type) {
        owner.ensureOpenedNotLoaded("set the type of program '" + name + "'");
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Sets the expected attach type before load.
     *
     * @param expectedAttachType the new one, or null for none
     */
    public void setExpectedAttachType(AttachType expectedAttachType) {
        owner.ensureOpenedNotLoaded("set the expected attach type of program '" + name + "'");
        this.expectedAttachType = expectedAttachType;
    }

    /**
     * Sets BPF_F_* program flags before load.
     *
     * @param flags e.g. BPF_F_SLEEPABLE
     */
    public void setFlags(int flags) {
        owner.ensureOpenedNotLoaded("set the flags of program '" + name + "'");
        this.flags = flags;
    }

    /**
     * Chooses whether {@link BpfObject#load()} loads this program (a section
     * name starting with '?' starts with false).
     *
     * @param autoLoad true to load
     */
    public void setAutoLoad(boolean autoLoad) {
        owner.ensureOpenedNotLoaded("change auto-load of program '" + name + "'");
        this.autoLoad = autoLoad;
    }

    /**
     * Chooses whether {@link BpfObject#attachAll()} attaches this program.
     *
     * @param autoAttach true to attach
     */
    public void setAutoAttach(boolean autoAttach) {
        this.autoAttach = autoAttach;
    }

    /** {@return true once loaded} */
    public boolean isLoaded() {
        return fd != null && fd.isOpen();
    }

    /** {@return the program's file descriptor} @throws IllegalStateException when not loaded */
    public int fd() {
        if (!isLoaded()) {
            throw new IllegalStateException("program '" + name + "' is not loaded");
        }
        return fd.fd();
    }

    /**
     * Attaches the program as its section name says, through the plugin that
     * owns the section. The link is also kept by the object and closed with it.
     *
     * @return the link; closing it detaches the program
     */
    public Link attach() {
        AttachPlugin p = requirePlugin();
        Link link = p.attach(context());
        return owner.track(link);
    }

    /**
     * Attaches the program by hand with the typed options of its plugin
     * (e.g. {@code TracepointOptions}, {@code UprobeOptions}).
     *
     * @param options the plugin's options
     * @return the link; closing it detaches the program
     */
    public Link attach(AttachOptions options) {
        Objects.requireNonNull(options, "options");
        AttachPlugin p = plugin != null ? plugin : owner.pluginForOptions(options, this);
        return owner.track(p.attach(context(), options));
    }

    /**
     * Runs the program once in the kernel on the given input, without
     * attaching it (BPF_PROG_TEST_RUN), for the program types that support
     * it (XDP, tc, socket filters, raw tracepoints, tracing, syscall ...).
     *
     * @param data input packet, or null
     * @param ctx  input context (for raw tracepoints: the arguments), or null
     * @return the return value and outputs
     */
    public TestRunResult testRun(byte[] data, byte[] ctx) {
        TestRunRequest.Builder request = TestRunRequest.builder(fd());
        if (data != null) {
            request.dataIn(data).dataSizeOut(data.length);
        }
        if (ctx != null) {
            request.ctxIn(ctx);
        }
        return bpf().progTestRun(request.build());
    }

    /**
     * Pins the program in a BPF file system.
     *
     * @param path e.g. {@code /sys/fs/bpf/my_prog}
     */
    public void pin(Path path) {
        bpf().objPin(fd(), path.toString());
    }

    /** {@return why {@link BpfObject#attachAll()} leaves this program alone, and how to attach it} */
    String skipReason() {
        if (plugin == null) {
            return "no attach plugin owns section '" + sectionName + "'";
        }
        if (!sectionNamesTarget) {
            return plugin.manualAttachHint(sectionName);
        }
        return "auto-attach was turned off (setAutoAttach(false))";
    }

    private AttachPlugin requirePlugin() {
        if (plugin == null) {
            throw new UnsupportedOperationException("program '" + name + "' in section '" + sectionName
                    + "': no attach plugin owns this section name, so it cannot be attached automatically;"
                    + " attach it by hand with options");
        }
        return plugin;
    }

    private Bpf bpf() {
        return owner.bpf();
    }

    private AttachContext context() {
        int progFd = fd();
        Bpf bpf = bpf();
        BpfObject obj = owner;
        ProgramType t = type;
        String n = name;
        String s = sectionName;
        return new AttachContext() {
            @Override
            public int programFd() {
                return progFd;
            }

            @Override
            public String programName() {
                return n;
            }

            @Override
            public String sectionName() {
                return s;
            }

            @Override
            public ProgramType programType() {
                return t;
            }

            @Override
            public Bpf bpf() {
                return bpf;
            }

            @Override
            public Btf kernelBtf() {
                return obj.kernelBtf();
            }

            @Override
            public java.util.OptionalInt mapFd(String mapName) {
                // The object's maps, for plugins that talk to the program through them (usdt).
                return obj.maps().stream().filter(m -> m.name().equals(mapName)).mapToInt(BpfMap::fd).findFirst();
            }

            @Override
            public String toString() {
                return "program " + n + " (" + s + ")";
            }
        };
    }

    void closeFd() {
        if (fd != null) {
            fd.close();
        }
    }

    @Override
    public String toString() {
        return "BpfProgram[" + name + ", " + sectionName + ", " + type + (isLoaded() ? ", fd " + fd.fd() : "") + "]";
    }
}
