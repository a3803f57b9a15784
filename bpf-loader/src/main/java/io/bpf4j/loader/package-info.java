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
 *       ({@code .rodata}, {@code .bss} ...) are maps too.</li>
 *   <li>{@link io.bpf4j.loader.GlobalVariables}: a data section's variables by name.</li>
 *   <li>{@link io.bpf4j.loader.RingBufferReader}: records of {@code BPF_MAP_TYPE_RINGBUF} maps,
 *       read in place.</li>
 *   <li>{@link io.bpf4j.loader.BpfLog}: where messages go ({@code BPF4J_LOG_LEVEL}).</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * A kernel refusal is an {@code io.bpf4j.syscall.BpfException} naming the call, the errno
 * and, for programs, carrying the verifier's whole log (its message ends with the log's last
 * meaningful lines). A malformed file is an {@code io.bpf4j.elf.ElfFormatException} naming
 * the file and offset. What bpf4j cannot do yet is an {@link UnsupportedOperationException}
 * saying what is missing. A failed {@code load()} has already closed everything it created.
 */
package io.bpf4j.loader;
