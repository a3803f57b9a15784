package io.bpf4j.attach;

import io.bpf4j.btf.Btf;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.ProgramType;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A loaded program about to be attached, as the loader hands it to an {@link AttachPlugin}.
 *
 * <p>The program's file descriptor stays owned by the loader: a plugin never closes it. The
 * kernel keeps the program alive as long as a link refers to it.
 */
public interface AttachContext {

    /** {@return the loaded program's file descriptor} */
    int programFd();

    /** {@return the program's name (its function name in the object file)} */
    String programName();

    /** {@return the program's section name, without a leading {@code '?'}} */
    String sectionName();

    /** {@return the type the program was loaded with} */
    ProgramType programType();

    /** {@return the kernel facade to attach with} */
    Bpf bpf();

    /** {@return the running kernel's BTF, parsed lazily} */
    Btf kernelBtf();

    /**
     * {@return the descriptor of the map called {@code name} in the program's object, if the
     * loader offers its maps} Plugins that hand the program data through maps the BPF side
     * declares (USDT's {@code __bpf_usdt_specs}) look them up here. The descriptor stays owned
     * by the loader. The default offers none.
     *
     * @param name the map's name in the object file (not the kernel's 15-byte name)
     */
    default OptionalInt mapFd(String name) {
        return OptionalInt.empty();
    }

    /**
     * {@return a context over {@link Bpf#system()} and {@link Btf#kernel()}}
     *
     * @param programFd the loaded program's descriptor (not taken over)
     * @param programName the program's name
     * @param sectionName the program's section name
     * @param programType the program's type
     */
    static AttachContext of(int programFd, String programName, String sectionName, ProgramType programType) {
        Objects.requireNonNull(programName, "programName");
        Objects.requireNonNull(sectionName, "sectionName");
        Objects.requireNonNull(programType, "programType");
        return new AttachContext() {
            @Override
            public int programFd() {
                return programFd;
            }

            @Override
            public String programName() {
                return programName;
            }

            @Override
            public String sectionName() {
                return sectionName;
            }

            @Override
            public ProgramType programType() {
                return programType;
            }

            @Override
            public Bpf bpf() {
                return Bpf.system();
            }

            @Override
            public Btf kernelBtf() {
                return Btf.kernel();
            }

            @Override
            public String toString() {
                return "program " + programName + " (" + sectionName + ", fd " + programFd + ")";
            }
        };
    }
}
