package io.bpf4j.elf;

/**
 * One program header: a segment as the dynamic loader maps it. Uprobes turn a symbol's
 * virtual address into a file offset with the {@code PT_LOAD} segment that contains it:
 * {@code address - virtualAddress + offset}.
 *
 * @param index the header's index in the program header table
 * @param type {@code p_type}, one of {@code ElfConstants.PT_*}
 * @param flags {@code p_flags}, {@code ElfConstants.PF_*} bits
 * @param offset {@code p_offset}, where the segment starts in the file
 * @param virtualAddress {@code p_vaddr}
 * @param physicalAddress {@code p_paddr}
 * @param fileSize {@code p_filesz}
 * @param memorySize {@code p_memsz}
 * @param align {@code p_align}
 */
public record ElfSegment(int index, int type, int flags, long offset, long virtualAddress, long physicalAddress,
        long fileSize, long memorySize, long align) {

    /** {@return true for a loadable segment ({@code PT_LOAD})} */
    public boolean isLoad() {
        return type == ElfConstants.PT_LOAD;
    }

    /** {@return true if the segment is executable ({@code PF_X})} */
    public boolean isExecutable() {
        return (flags & ElfConstants.PF_X) != 0;
    }

    /**
     * {@return true if {@code address} falls inside the bytes of this segment that come from the file}
     *
     * @param address a virtual address
     */
    public boolean containsInFile(long address) {
        return Long.compareUnsigned(address, virtualAddress) >= 0
                && Long.compareUnsigned(address - virtualAddress, fileSize) < 0;
    }
}
