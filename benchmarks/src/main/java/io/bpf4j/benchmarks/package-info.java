/**
 * JMH benchmarks of bpf4j, each beside the same operation on Debian's libbpf in C
 * ({@code src/main/c}); {@code run.sh} (BTF and objects) and {@code run-core.sh} (CO-RE
 * relocation) run both sides in one go and print the time ratios.
 */
package io.bpf4j.benchmarks;
