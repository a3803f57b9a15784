/**
 * Load BPF objects into the kernel and use them: libbpf's lifecycle in Java.
 *
 * <h2>The lifecycle</h2>
 * <pre>{@code
 * try (BpfObject obj = BpfObject.openResource(App.class, "/META-INF/bpf/bootstrap.bpf.o")) {
 *     // 1. opened: ELF, BTF, programs, maps and globals are parsed; nothing is in the kernel.
 *     obj.rodata().setLong("min_duration_ns", 1_000_000);   // initial value of a const volatile global
 *     obj.map("exec_start").setMaxEntries(16_384);           // map definitions can still change
 *
 *     // 2. load: maps are created, global data written (.rodata then frozen), programs
 *     //    linked, CO-RE relocated against the running kernel's BTF, and verified.
 *     obj.load();
 *
 *     // 3. attach: each program through the attach plugin owning its SEC() name.
 *     obj.attachAll();
 *
 *     // 4. use: ring buffers, maps and globals (now live, through mmap).
 *     try (RingBufferReader events = obj.ringBuffer("events", record -> print(record))) {
 *         while (running) {
 *             events.poll(Duration.ofMillis(100));
 *         }
 *     }
 *     long dropped = obj.bss().getLong("dropped_events");
 * }   // 5. close: links detached, mappings unmapped, programs and maps closed.
 * }</pre>
 *
 * <h2>The model</h2>
 * <ul>
 *   <li>{@link io.bpf4j.loader.BpfObject} owns everything below it; closing it closes them.</li>
 *   <li>{@link io.bpf4j.loader.BpfProgram}: type and attach target come from its section name's
 *       attach plugin ({@code io.bpf4j.attach.AttachPlugin}); {@code attach()} returns a
 *       {@code Link}.</li>
 *   <li>{@link io.bpf4j.loader.BpfMap}: keys and values as bytes in host order; data sections
 *       ({@code .rodata}, {@code .bss} ...) are maps too, and so are struct_ops variables
 *       ({@code SEC(".struct_ops")}, {@code SEC(".struct_ops.link")}): {@code load()} lays them
 *       out as the running kernel's ops struct and loads their callback programs
 *       ({@code SEC("struct_ops/...")}) for their members; {@code map.attachStructOps()} (or
 *       {@code attachAll()}) registers them, e.g. a TCP congestion control, and closing the
 *       returned link unregisters them.</li>
 *   <li>{@link io.bpf4j.loader.GlobalVariables}: a data section's variables by name.</li>
 *   <li>{@link io.bpf4j.loader.RingBufferReader}: records of {@code BPF_MAP_TYPE_RINGBUF} maps,
 *       read in place.</li>
 *   <li>{@link io.bpf4j.loader.BpfLog}: where messages go ({@code BPF4J_LOG_LEVEL}).</li>
 * </ul>
 *
 * <h2>Externs</h2>
 * Programs may use what only the running kernel knows, declared {@code extern} as with libbpf,
 * and resolved at {@code load()}: {@code __kconfig} variables ({@code CONFIG_*} from
 * {@code /proc/config.gz} or {@code /boot/config-<release>}, or from
 * {@link io.bpf4j.loader.BpfObject#kconfig(String)} first; {@code LINUX_KERNEL_VERSION},
 * {@code LINUX_HAS_BPF_COOKIE}, {@code LINUX_HAS_SYSCALL_WRAPPER}), read from the object's
 * {@code .kconfig} map; {@code __ksym} variables (typed ones by BTF id, {@code const void} ones
 * by their {@code /proc/kallsyms} address); and kfuncs, called by BTF id in vmlinux or a
 * module. A {@code __weak} extern the kernel lacks is zero ({@code bpf_ksym_exists()} tells),
 * and a call of such a kfunc must be dead code; any other that does not resolve is an
 * {@link io.bpf4j.loader.ExternResolutionException}.
 * <pre>{@code
 * extern int CONFIG_HZ __kconfig;                                  // in the BPF C
 * extern struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
 *
 * obj.kconfig("CONFIG_HZ=1000");                                    // in Java, before load
 * }</pre>
 *
 * <h2>CO-RE</h2>
 * Field offsets, sizes, existence, enum values and type ids the program was compiled with are
 * rewritten for the running kernel ({@code io.bpf4j.core}): candidates in vmlinux, then in the
 * modules' BTF. For a kernel without {@code /sys/kernel/btf/vmlinux}, ship its BTF and call
 * {@link io.bpf4j.loader.BpfObject#coreBtf(java.nio.file.Path)} before load. A relocation that
 * cannot be resolved is poisoned as libbpf does; if the verifier reaches it, the
 * {@code BpfException} names the relocation and its source line.
 *
 * <h2>Failures</h2>
 * A kernel refusal is an {@code io.bpf4j.syscall.BpfException} naming the call, the errno
 * and, for programs, carrying the verifier's whole log (its message ends with the log's last
 * meaningful lines). A malformed file is an {@code io.bpf4j.elf.ElfFormatException} naming
 * the file and offset. A struct_ops map that does not fit the running kernel is a
 * {@link io.bpf4j.loader.StructOpsException} naming the object, map and member. What bpf4j
 * cannot do yet is an {@link UnsupportedOperationException} saying what is missing. A failed {@code load()} has already closed everything it created.
 */
package io.bpf4j.loader;
