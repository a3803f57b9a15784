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
 * BTF tracepoints ({@code tp_btf/}) and user-space probes ({@code uprobe/}, {@code uretprobe/},
 * sleepable {@code .s} variants).
 *
 * @uses io.bpf4j.attach.AttachPlugin
 * @provides io.bpf4j.attach.AttachPlugin the built-in tracepoint, raw tracepoint, tp_btf and
 *     uprobe plugins
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
            io.bpf4j.attach.plugins.UprobePlugin;
}
