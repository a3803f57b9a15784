/**
 * Test BPF code against the real kernel with JUnit 5.
 *
 * <pre>{@code
 * @ExtendWith(BpfObjectExtension.class)
 * class CounterTest {
 *     @Test
 *     void counts(@BpfObjectResource("/META-INF/bpf/counter.bpf.o") BpfObject obj) {
 *         KernelAssumptions.assumeTracefs();   // skipped, with the reason, where tracefs is missing
 *         obj.load();
 *         obj.attachAll();
 *         runCommand("/bin/true");
 *         Eventually.globalLong(obj.bss(), "execs", n -> n > 0);
 *     }                                        // the extension closes obj: detach, unload, free
 * }
 * }</pre>
 *
 * <p>The objects come from {@code src/test/bpf/*.bpf.c}, compiled by
 * bpf4j-maven-plugin into {@code target/test-classes/META-INF/bpf}.
 */
package io.bpf4j.testkit;
