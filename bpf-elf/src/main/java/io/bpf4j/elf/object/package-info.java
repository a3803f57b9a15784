/**
 * The BPF object as a deterministic spec: {@link io.bpf4j.elf.object.ObjectSpec} holds the
 * linked {@link io.bpf4j.elf.object.ProgramSpec programs}, the BTF-defined
 * {@link io.bpf4j.elf.object.MapSpec maps} and the global
 * {@link io.bpf4j.elf.object.DataSectionSpec data sections} of one object file, read without
 * consulting the kernel. The loader turns a spec into kernel objects.
 *
 * <p>Linking follows libbpf: each entry program gets its own copy of every function it calls,
 * appended after its body; relocations that remain for the loader (map fds, data section
 * addresses, externs) are listed per instruction.
 */
package io.bpf4j.elf.object;
