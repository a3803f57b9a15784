/**
 * The BPF instruction set as data: {@link io.bpf4j.elf.insn.Instruction} is one immutable
 * instruction ({@code struct bpf_insn}, with {@code ld_imm64} as a single two-slot
 * instruction), {@link io.bpf4j.elf.insn.Instructions} decodes and encodes instruction streams,
 * {@link io.bpf4j.elf.insn.Opcodes} names the opcode fields and pseudo register values as the
 * UAPI header does, and {@link io.bpf4j.elf.insn.Disassembler} prints them as LLVM does.
 *
 * <p>Two units of position appear around instructions and must not be confused: the
 * <em>index</em> in a {@code List<Instruction>} (an {@code ld_imm64} counts once) and the
 * <em>slot</em>, the 8-byte unit the kernel counts in (an {@code ld_imm64} counts twice). Jump
 * and call offsets, {@code bpf_func_info.insn_off} and verifier messages are in slots.
 */
package io.bpf4j.elf.insn;
