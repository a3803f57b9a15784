/**
 * bpf4j's system calls: {@code bpf(2)} command by command, plus {@code perf_event_open(2)},
 * {@code ioctl(2)}, {@code mmap(2)} and {@code epoll(7)} — the only place bpf4j talks to the
 * kernel.
 *
 * <h2>A tour</h2>
 *
 * <p>Everything starts at {@link io.bpf4j.syscall.Bpf#system()}. Kernel objects come back as
 * {@link io.bpf4j.syscall.OwnedFd}s: close them (try-with-resources) and the kernel frees the
 * object once nothing else holds it.
 *
 * <pre>{@code
 * Bpf bpf = Bpf.system();
 * try (OwnedFd map = bpf.mapCreate(MapCreateRequest.builder(MapType.HASH, 4, 8, 1024).name("counts").build())) {
 *     byte[] key = {1, 0, 0, 0};
 *     bpf.mapUpdateElem(map.fd(), key, new byte[8], MapUpdateFlags.BPF_ANY);
 *     byte[] value = new byte[8];
 *     boolean found = bpf.mapLookupElem(map.fd(), key, value);     // false means ENOENT
 *
 *     byte[] next = new byte[4];
 *     for (byte[] k = null; bpf.mapGetNextKey(map.fd(), k, next); k = next.clone()) {
 *         // visit next
 *     }
 * }
 * }</pre>
 *
 * <p>On a hot path, keep keys and values in native memory (a direct {@code ByteBuffer} or JNA
 * {@code Memory}) and pass addresses: {@link io.bpf4j.syscall.Bpf#mapLookupElem(int, long, long, long)}
 * allocates nothing; the attribute struct is a per-thread buffer filled in place.
 *
 * <p>Programs are loaded from raw instructions (8 bytes each, little endian, as in an ELF object):
 *
 * <pre>{@code
 * byte[] insns = ...;                                   // r0 = 2 (XDP_PASS); exit
 * try (OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.XDP, insns).name("pass").build())) {
 *     TestRunResult run = bpf.progTestRun(TestRunRequest.builder(prog.fd()).dataIn(new byte[64]).build());
 *     assert run.retval() == 2;
 * } catch (BpfException e) {
 *     // "bpf(BPF_PROG_LOAD) failed: EACCES (Permission denied): program pass" + the log's last lines
 *     e.log().ifPresent(System.err::println);           // the whole verifier log
 * }
 * }</pre>
 *
 * <p>A failed load is retried with a verifier log so the exception can say why; ask for a log
 * on success too with {@link io.bpf4j.syscall.ProgLoadRequest#logLevel()} and
 * {@link io.bpf4j.syscall.Bpf#progLoadWithLog}.
 *
 * <p>Attaching: {@link io.bpf4j.syscall.Bpf#linkCreate(int, int, AttachType, long)} (bpf_link),
 * {@link io.bpf4j.syscall.Bpf#rawTracepointOpen}, or a perf event:
 * {@link io.bpf4j.syscall.Bpf#perfEventOpen} with a {@link io.bpf4j.syscall.PerfEventAttr}, then a
 * {@link io.bpf4j.syscall.AttachType#PERF_EVENT} link or
 * {@link io.bpf4j.syscall.Bpf#perfEventSetBpf}. Ring buffers are read through
 * {@link io.bpf4j.syscall.Bpf#mmap} ({@link io.bpf4j.syscall.MappedRegion}) and waited on with
 * {@link io.bpf4j.syscall.Epoll}.
 *
 * <h2>The model</h2>
 *
 * <pre>
 * Bpf            one method per command; stateless; thread-safe
 * OwnedFd        a descriptor with exactly one owner; idempotent close
 * *Request       what a command sends (records with builders)
 * *Info, *Result what a command returns (records)
 * MapType, ProgramType, AttachType, LinkType, BpfCommand   UAPI enums with value() and of(int)
 * BpfException   call + errno (+ detail, + the whole log); Errno names the numbers
 * MappedRegion   an mmap'ed range and its direct ByteBuffer
 * Epoll          readiness of descriptors, as caller-chosen tokens
 * IdKind         program, map, BTF, link: the objects with kernel-wide ids
 * </pre>
 *
 * <h2>Finding objects by id</h2>
 *
 * <p>Every program, map, BTF object (vmlinux's and each module's too) and link has a kernel-wide
 * id. {@link io.bpf4j.syscall.Bpf#nextId} walks them in ascending order (-1 at the end) and
 * {@link io.bpf4j.syscall.Bpf#fdById} opens one:
 *
 * <pre>{@code
 * for (int id = bpf.nextId(IdKind.BTF, 0); id > 0; id = bpf.nextId(IdKind.BTF, id)) {
 *     try (OwnedFd btf = bpf.btfGetFdById(id)) {
 *         BtfInfo info = bpf.btfInfo(btf.fd());      // name "vmlinux", "9pnet", ... or "" for user BTF
 *     }
 * }
 * }</pre>
 *
 * <p>Kernels before 5.11 charge BPF memory to {@code RLIMIT_MEMLOCK}; the first map, program or
 * BTF object created through {@code Bpf} raises it there, once ({@link
 * io.bpf4j.syscall.MemlockLimit}, as libbpf does).
 *
 * <p>Kernel symbols by name come from {@link io.bpf4j.syscall.Kallsyms}, the one reader of
 * {@code /proc/kallsyms}: the loader takes untyped {@code __ksym} addresses from it, the kprobe
 * plugins the functions they may probe.
 *
 * <h2>Attaching without bpf_link</h2>
 *
 * <p>Older attach paths are here too: {@link io.bpf4j.syscall.Bpf#progAttach} /
 * {@link io.bpf4j.syscall.Bpf#progDetach} / {@link io.bpf4j.syscall.Bpf#progQuery} for cgroups,
 * sockmaps and the flow dissector; {@link io.bpf4j.syscall.Bpf#setsockopt} for socket filters;
 * and {@link io.bpf4j.syscall.Rtnetlink} for XDP ({@code IFLA_XDP}), tc ({@code clsact} +
 * {@code cls_bpf}, or {@code matchall} + {@code act_bpf} for action programs), routes whose
 * encapsulation is a BPF program ({@link io.bpf4j.syscall.LwtBpfRoute}) and netkit pairs,
 * encoded in Java over a {@link io.bpf4j.syscall.NetlinkSocket}:
 *
 * <pre>{@code
 * int ifindex = bpf.interfaceIndex("veth0");
 * try (Rtnetlink rtnl = Rtnetlink.open()) {
 *     rtnl.setXdp(ifindex, prog.fd(), Rtnetlink.XDP_FLAGS_SKB_MODE, -1);   // attach, generic mode
 *     rtnl.xdpProgramId(ifindex, Rtnetlink.XDP_FLAGS_SKB_MODE);             // Optional[id]
 *     rtnl.setXdp(ifindex, -1, Rtnetlink.XDP_FLAGS_SKB_MODE, -1);           // detach
 * }
 * }</pre>
 *
 * <p>Iterators: {@link io.bpf4j.syscall.Bpf#iterCreate} turns an iterator link into a descriptor
 * whose {@link io.bpf4j.syscall.Bpf#read reads} run the program.
 */
package io.bpf4j.syscall;
