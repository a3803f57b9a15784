/**
 * The bpf4j Maven plugin: compiles a module's BPF C programs with clang against bpf4j's headers
 * and a {@code vmlinux.h} of the build machine's kernel.
 *
 * <p>Put programs in {@code src/main/bpf/*.bpf.c} (shipped in the jar) or
 * {@code src/test/bpf/*.bpf.c} (for tests) and enable the plugin; in the bpf4j reactor the root
 * pom's {@code pluginManagement} already binds both goals, so a module only lists it:
 * <pre>{@code
 * <build>
 *   <plugins>
 *     <plugin>
 *       <groupId>io.bpf4j</groupId>
 *       <artifactId>bpf4j-maven-plugin</artifactId>
 *     </plugin>
 *   </plugins>
 * </build>
 * }</pre>
 * Outside the reactor, add a version and an execution with the goals {@code compile} and/or
 * {@code test-compile}. Each {@code x.bpf.c} becomes {@code bpf/x.bpf.o} on the class path:
 * <pre>{@code
 * // src/test/bpf/hello.bpf.c
 * #include "vmlinux.h"
 * #include <bpf/bpf_helpers.h>
 *
 * SEC("tp/syscalls/sys_enter_getpid")
 * int hello(void *ctx) { bpf_printk("hello"); return 0; }
 *
 * char LICENSE[] SEC("license") = "GPL";
 * }</pre>
 * is loaded by a test from the resource {@code /bpf/hello.bpf.o}. The compile runs
 * {@code clang-19 -target bpf -g -O2 -D__TARGET_ARCH_<arch> -I<headers> -I<vmlinux.h dir> -I<source dir>},
 * only for sources whose object is older than the source or than any header; parameters (each
 * also a {@code bpf4j.*} property) set the clang, extra arguments, the vmlinux BTF or a ready
 * {@code vmlinux.h}, the target architecture and the parallelism. {@code vmlinux.h} is bpf4j's
 * own, dumped from the BTF by bpf-btf's {@code CDumper} (no bpftool). A missing clang fails the
 * build once, naming the Debian package to install.
 */
package io.bpf4j.maven;
