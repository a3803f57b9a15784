/**
 * The attach SPI of bpf4j and its built-in plugins.
 *
 * <p>An {@link io.bpf4j.attach.AttachPlugin} owns a family of ELF section names: it tells the
 * loader how to load the programs in them ({@link io.bpf4j.attach.ProgramDefinition}) and
 * attaches them, from the section name or from typed options, returning an
 * {@link io.bpf4j.attach.Link}. {@link io.bpf4j.attach.AttachPlugins} finds plugins with
 * {@link java.util.ServiceLoader}, so a third party adds an attach type by putting a jar on the
 * module path or class path.
 *
 * <p>Built in ({@link io.bpf4j.attach.plugins}): tracepoints ({@code tp/}, {@code tracepoint/}),
 * raw tracepoints ({@code raw_tp/}, {@code raw_tracepoint/}, writable {@code .w} variants),
 * BTF tracepoints ({@code tp_btf/}), user-space probes ({@code uprobe/}, {@code uretprobe/},
 * sleepable {@code .s} variants, {@code uprobe.multi/}, {@code uretprobe.multi/}), USDT probes ({@code usdt/}), kernel probes ({@code kprobe/}, {@code kretprobe/},
 * {@code ksyscall/}, {@code kretsyscall/}, {@code kprobe.multi/}, {@code kretprobe.multi/},
 * {@code kprobe.session/}), trampolines ({@code fentry/}, {@code fexit/}, {@code fmod_ret/},
 * {@code lsm/}, {@code lsm_cgroup/}, {@code freplace/}), cgroup hooks, XDP, tc and tcx, socket
 * filters and reuseport, sk_lookup and the flow dissector, sockmap programs, netfilter, lwt
 * (load only), perf_event sampling, iterators ({@code iter/}) and struct_ops callbacks (attached through their map).
 *
 * @uses io.bpf4j.attach.AttachPlugin
 * @provides io.bpf4j.attach.AttachPlugin the built-in plugins of {@link io.bpf4j.attach.plugins}
 */
module io.bpf4j.attach {
    requires transitive io.bpf4j.syscall;
    requires transitive io.bpf4j.btf;
    requires io.bpf4j.elf;

    exports io.bpf4j.attach;
    exports io.bpf4j.attach.plugins;

    // AttachPlugins calls ServiceLoader from this module, which must declare the use.
    uses io.bpf4j.attach.AttachPlugin;

    provides io.bpf4j.attach.AttachPlugin with
            io.bpf4j.attach.plugins.TracepointPlugin,
            io.bpf4j.attach.plugins.RawTracepointPlugin,
            io.bpf4j.attach.plugins.BtfTracepointPlugin,
            io.bpf4j.attach.plugins.UprobePlugin,
            io.bpf4j.attach.plugins.UprobeMultiPlugin,
            io.bpf4j.attach.plugins.UsdtPlugin,
            io.bpf4j.attach.plugins.KprobePlugin,
            io.bpf4j.attach.plugins.KprobeMultiPlugin,
            io.bpf4j.attach.plugins.TrampolinePlugin,
            io.bpf4j.attach.plugins.CgroupPlugin,
            io.bpf4j.attach.plugins.XdpPlugin,
            io.bpf4j.attach.plugins.TcPlugin,
            io.bpf4j.attach.plugins.SocketPlugin,
            io.bpf4j.attach.plugins.NetnsPlugin,
            io.bpf4j.attach.plugins.SockmapPlugin,
            io.bpf4j.attach.plugins.NetfilterPlugin,
            io.bpf4j.attach.plugins.LwtPlugin,
            io.bpf4j.attach.plugins.PerfEventPlugin,
            io.bpf4j.attach.plugins.IteratorPlugin,
            io.bpf4j.attach.plugins.StructOpsPlugin,
            io.bpf4j.attach.plugins.SyscallProgramPlugin;
}
