/**
 * bpf-elf: reads ELF64 files (BPF objects, and the executables and shared libraries uprobes
 * attach to), models BPF instructions, and turns a BPF object into a deterministic spec of
 * programs, maps and global data.
 *
 * <p>Packages: {@link io.bpf4j.elf} (the ELF reader), {@link io.bpf4j.elf.insn} (instructions)
 * and {@link io.bpf4j.elf.object} (the object spec the loader consumes). The module makes no
 * system call beyond reading the file it is given, and runs on any operating system.
 */
module io.bpf4j.elf {
    requires transitive io.bpf4j.btf;

    exports io.bpf4j.elf;
    exports io.bpf4j.elf.insn;
    exports io.bpf4j.elf.object;
}
