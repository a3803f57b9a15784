/**
 * The built-in attach plugins and their typed options, under libbpf's section names so a libbpf
 * program loads unchanged.
 *
 * <p>Programs whose section names their target attach from it ({@code obj.attachAll()}); the
 * others attach by hand with their plugin's options record, and
 * {@link io.bpf4j.attach.AttachPlugin#manualAttachHint} says which:
 *
 * <pre>{@code
 * obj.program("count_xdp").attach(XdpOptions.of("eth0").mode(XdpMode.NATIVE));           // bpf_link
 * obj.program("count_xdp").attach(XdpOptions.of("eth0").mode(XdpMode.GENERIC).viaNetlink());
 * obj.program("ingress").attach(TcxOptions.of("eth0", TcDirection.INGRESS));              // tcx, 6.6
 * obj.program("ingress").attach(TcOptions.of("eth0", TcDirection.INGRESS).at(1, 1));      // clsact + cls_bpf
 * obj.program("egress").attach(CgroupOptions.of(Path.of("/sys/fs/cgroup/my.slice")));
 * obj.program("sample").attach(PerfEventOptions.cpuClockFrequency(99));                   // every CPU
 * try (Stream<String> tasks = ((IteratorLink) obj.program("dump_task").attach()).lines()) { ... }
 * }</pre>
 *
 * <pre>
 * plugin            sections                                          options
 * TracepointPlugin  tp/, tracepoint/                                   TracepointOptions
 * RawTracepoint...  raw_tp/, raw_tracepoint/, raw_tp.w/, ...          RawTracepointOptions
 * BtfTracepoint...  tp_btf/                                            -
 * UprobePlugin      uprobe/, uretprobe/, uprobe.s/, uretprobe.s/       UprobeOptions
 * KprobePlugin      kprobe/, kretprobe/, ksyscall/, kretsyscall/       KprobeOptions
 * KprobeMultiPlugin kprobe.multi/, kretprobe.multi/, kprobe.session/   KprobeMultiOptions
 * TrampolinePlugin  fentry/, fexit/, fmod_ret/ (+.s), lsm/, lsm.s/,    CgroupOptions (lsm_cgroup),
 *                   lsm_cgroup/, freplace/                             FreplaceOptions
 * CgroupPlugin      cgroup_skb/, cgroup/..., sockops                   CgroupOptions
 * XdpPlugin         xdp, xdp.frags, xdp/devmap, xdp/cpumap             XdpOptions
 * TcPlugin          tc, classifier, tcx/, tc/ingress|egress, netkit/   TcxOptions, TcOptions
 * SocketPlugin      socket, sk_reuseport, sk_reuseport/migrate         SocketOptions
 * NetnsPlugin       sk_lookup, flow_dissector                          NetnsOptions
 * SockmapPlugin     sk_msg, sk_skb/...                                 SockmapOptions
 * NetfilterPlugin   netfilter                                          NetfilterOptions
 * LwtPlugin         lwt_in, lwt_out, lwt_xmit, lwt_seg6local           (load only)
 * PerfEventPlugin   perf_event                                         PerfEventOptions
 * IteratorPlugin    iter/, iter.s/                                     IteratorOptions
 * </pre>
 *
 * <p>Defining a program reads only the section name and, for BTF targets ({@code tp_btf/},
 * trampolines, iterators), the kernel's BTF; the kernel, tracefs, sysfs and the probed binaries
 * are consulted when attaching. Where the kernel has a {@code bpf_link} for the hook it is used;
 * the older paths ({@code BPF_PROG_ATTACH}, rtnetlink, {@code setsockopt}, tracefs
 * {@code kprobe_events}) are the fallback or an explicit choice. Tracepoints need tracefs mounted at
 * {@code /sys/kernel/tracing} or {@code /sys/kernel/debug/tracing}.
 */
package io.bpf4j.attach.plugins;
