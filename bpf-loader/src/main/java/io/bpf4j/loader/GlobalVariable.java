package io.bpf4j.loader;

/**
 * One global variable of a BPF object: where it lives in its data section.
 *
 * @param name    the C name, e.g. {@code min_duration_ns}
 * @param section the data section, e.g. {@code .rodata}
 * @param offset  byte offset in the section
 * @param size    size in bytes
 */
public record GlobalVariable(String name, String section, int offset, int size) {
}
