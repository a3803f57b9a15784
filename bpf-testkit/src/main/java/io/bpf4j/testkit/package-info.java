/**
 * Test BPF code with JUnit 5 against real kernels: the host's, a container's
 * namespaces, and other kernels booted in QEMU.
 *
 * <h2>A test class</h2>
 * <pre>{@code
 * @BpfTest                                                   // objects, fixtures, requirements, leak check
 * class UnlinkCounterTest {
 *
 *     @OnKernels({"5.10", "6.1", "6.12", "latest"})           // [host], [5.10], [6.1], ... each its own test
 *     @RequiresFeature(programTypes = ProgramType.KPROBE)    // skipped with the reason where kprobes are missing
 *     void countsUnlinks(@BpfObjectResource("/META-INF/bpf/unlinks.bpf.o") BpfObject obj, @TempDir Path dir) {
 *         obj.rodata().setInt("target_tgid", (int) ProcessHandle.current().pid());
 *         obj.load();
 *         obj.attachAll();
 *         Triggers.unlinkFiles(dir, 3);                      // make the kernel do it
 *         Eventually.globalLong(obj.bss(), "unlinks", n -> n >= 3);
 *     }                                                      // closed by the extension; leaks fail the test
 *
 *     @BpfTest
 *     @RequiresKernel("5.8")
 *     void xdpOnVeth(@BpfObjectResource(value = "/META-INF/bpf/xdp_count.bpf.o", load = true) BpfObject obj,
 *                    NetworkNamespace net) {                 // a veth pair into a fresh namespace
 *         ...
 *         net.exec("ping", "-c", "1", net.hostAddress());
 *     }
 * }
 * }</pre>
 *
 * <h2>What is where</h2>
 * <ul>
 *   <li>{@link io.bpf4j.testkit.BpfTest}, {@link io.bpf4j.testkit.BpfObjectResource}: objects from
 *       the class path (compiled from {@code src/test/bpf} by bpf4j-maven-plugin into
 *       {@code META-INF/bpf}), closed through the extension store; the leak check.</li>
 *   <li>{@link io.bpf4j.testkit.RequiresKernel}, {@link io.bpf4j.testkit.RequiresFeature},
 *       {@link io.bpf4j.testkit.RequiresCapability}: skip with the reason, or fail where the
 *       kernel's version says a feature must exist ({@link io.bpf4j.testkit.FeatureProbes},
 *       {@link io.bpf4j.testkit.UnsupportedFeatureError}).</li>
 *   <li>{@link io.bpf4j.testkit.NetworkNamespace}, {@link io.bpf4j.testkit.CgroupDirectory},
 *       {@link io.bpf4j.testkit.Triggers}, {@link io.bpf4j.testkit.Eventually}: fixtures and
 *       waiting for asynchronous effects.</li>
 *   <li>{@link io.bpf4j.testkit.BpfContainer}: a workload in a container (Testcontainers, local
 *       image, host JDK bind-mounted).</li>
 *   <li>{@link io.bpf4j.testkit.OnKernels}: the same test inside QEMU on Debian's kernels.</li>
 *   <li>{@link io.bpf4j.testkit.GuestKernel}: inside such a VM, the booted kernel's label, configuration
 *       and modules (inserted from the kernel cache: the guest shares the host's {@code /lib/modules}).</li>
 * </ul>
 *
 * <h2>A downstream project</h2>
 * <pre>{@code
 * <dependencyManagement>
 *   <dependencies>
 *     <dependency>
 *       <groupId>io.bpf4j</groupId>
 *       <artifactId>bpf4j-bom</artifactId>
 *       <version>0.1.0-SNAPSHOT</version>
 *       <type>pom</type>
 *       <scope>import</scope>
 *     </dependency>
 *   </dependencies>
 * </dependencyManagement>
 * <dependencies>
 *   <dependency>
 *     <groupId>io.bpf4j</groupId>
 *     <artifactId>bpf-testkit</artifactId>
 *     <scope>test</scope>
 *   </dependency>
 * </dependencies>
 * <build>
 *   <plugins>
 *     <plugin>                       <!-- compiles src/test/bpf/*.bpf.c into META-INF/bpf -->
 *       <groupId>io.bpf4j</groupId>
 *       <artifactId>bpf4j-maven-plugin</artifactId>
 *       <version>0.1.0-SNAPSHOT</version>
 *       <executions><execution><goals><goal>test-compile</goal></goals></execution></executions>
 *     </plugin>
 *     <plugin>
 *       <artifactId>maven-surefire-plugin</artifactId>
 *       <configuration>
 *         <environmentVariables>    <!-- Testcontainers reads these from the environment only -->
 *           <TESTCONTAINERS_RYUK_DISABLED>true</TESTCONTAINERS_RYUK_DISABLED>
 *           <TESTCONTAINERS_CHECKS_DISABLE>true</TESTCONTAINERS_CHECKS_DISABLE>
 *         </environmentVariables>
 *       </configuration>
 *     </plugin>
 *   </plugins>
 * </build>
 * }</pre>
 * The machine running the tests needs root (or CAP_BPF, CAP_PERFMON, CAP_NET_ADMIN), and for
 * {@code @OnKernels} {@code qemu-system-x86}, {@code busybox-static}, {@code xz-utils} and
 * {@code apt-get}/{@code dpkg-deb} (Debian, Ubuntu); kernels are cached in
 * {@code ~/.cache/bpf4j/kernels}. Without them those runs are skipped with the reason.
 */
package io.bpf4j.testkit;
