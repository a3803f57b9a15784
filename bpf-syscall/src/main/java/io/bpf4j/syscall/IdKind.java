package io.bpf4j.syscall;

/**
 * The four kinds of kernel BPF objects that carry a kernel-wide id: programs, maps, BTF objects
 * and links. Each kind has its own {@code BPF_*_GET_NEXT_ID} command to walk the ids in
 * ascending order and its own {@code BPF_*_GET_FD_BY_ID} command to open one
 * ({@link Bpf#nextId}, {@link Bpf#fdById}).
 */
public enum IdKind {
    /** Programs: {@code BPF_PROG_GET_NEXT_ID}, {@code BPF_PROG_GET_FD_BY_ID} (since 4.13). */
    PROG("program", BpfCommand.PROG_GET_NEXT_ID, BpfCommand.PROG_GET_FD_BY_ID),
    /** Maps: {@code BPF_MAP_GET_NEXT_ID}, {@code BPF_MAP_GET_FD_BY_ID} (since 4.13). */
    MAP("map", BpfCommand.MAP_GET_NEXT_ID, BpfCommand.MAP_GET_FD_BY_ID),
    /**
     * BTF objects, vmlinux's and each module's included: {@code BPF_BTF_GET_NEXT_ID} (since 5.4),
     * {@code BPF_BTF_GET_FD_BY_ID} (since 4.18).
     */
    BTF("BTF", BpfCommand.BTF_GET_NEXT_ID, BpfCommand.BTF_GET_FD_BY_ID),
    /** Links: {@code BPF_LINK_GET_NEXT_ID}, {@code BPF_LINK_GET_FD_BY_ID} (since 5.8). */
    LINK("link", BpfCommand.LINK_GET_NEXT_ID, BpfCommand.LINK_GET_FD_BY_ID);

    private final String noun;
    private final BpfCommand nextIdCommand;
    private final BpfCommand fdByIdCommand;

    IdKind(String noun, BpfCommand nextIdCommand, BpfCommand fdByIdCommand) {
        this.noun = noun;
        this.nextIdCommand = nextIdCommand;
        this.fdByIdCommand = fdByIdCommand;
    }

    /** {@return what an object of this kind is called in messages ("program", "BTF" ...)} */
    public String noun() {
        return noun;
    }

    /** {@return the command that walks this kind's ids} */
    public BpfCommand nextIdCommand() {
        return nextIdCommand;
    }

    /** {@return the command that opens an object of this kind by id} */
    public BpfCommand fdByIdCommand() {
        return fdByIdCommand;
    }
}
