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
 * obj.program("filter").attach(new SocketOptions(socketFd));                              // SO_ATTACH_BPF
 * obj.program("verdict").attach(new SockmapOptions(obj.map("socks").fd()));               // before inserting sockets
 * obj.program("nf").attach(new NetfilterOptions(NFPROTO_IPV4, NF_INET_LOCAL_IN, 4242, false));
 * obj.program("encap").attach(LwtOptions.route("10.77.0.0/24", "eth0"));                  // route deleted at close
 * try (Stream<String> tasks = ((IteratorLink) obj.program("dump_task").attach()).lines()) { ... }
 * }</pre>
 *
 * <pre>
 * plugin            sections                                          options
 * TracepointPlugin  tp/, tracepoint/                                   TracepointOptions
 * RawTracepoint...  raw_tp/, raw_tracepoint/, raw_tp.w/, ...          RawTracepointOptions
 * BtfTracepoint...  tp_btf/                                            -
 * UprobePlugin      uprobe/, uretprobe/, uprobe.s/, uretprobe.s/       UprobeOptions
 * UprobeMultiPlugin uprobe.multi/, uretprobe.multi/ (+.s)             UprobeMultiOptions
 * UsdtPlugin        usdt/, usdt.s/                                     UsdtOptions
 * KprobePlugin      kprobe/, kretprobe/, ksyscall/, kretsyscall/       KprobeOptions
 * KprobeMultiPlugin kprobe.multi/, kretprobe.multi/, kprobe.session/   KprobeMultiOptions
 * TrampolinePlugin  fentry/, fexit/, fmod_ret/ (+.s), lsm/, lsm.s/,    TrampolineOptions (cookie),
 *                   lsm_cgroup/, freplace/                             CgroupOptions (lsm_cgroup),
 *                                                                      FreplaceOptions
 * CgroupPlugin      cgroup_skb/, cgroup/..., sockops                   CgroupOptions
 * XdpPlugin         xdp, xdp.frags, xdp/devmap, xdp/cpumap             XdpOptions
 * TcPlugin          tc, classifier, tcx/, tc/ingress|egress, netkit/,  TcxOptions, TcOptions,
 *                   action                                             TcActionOptions (matchall + act_bpf)
 * SocketPlugin      socket, sk_reuseport, sk_reuseport/migrate         SocketOptions
 * NetnsPlugin       sk_lookup, flow_dissector                          NetnsOptions
 * SockmapPlugin     sk_msg, sk_skb/...                                 SockmapOptions
 * NetfilterPlugin   netfilter                                          NetfilterOptions
 * LwtPlugin         lwt_in, lwt_out, lwt_xmit (lwt_seg6local: load)    LwtOptions (adds the route)
 * PerfEventPlugin   perf_event                                         PerfEventOptions
 * IteratorPlugin    iter/, iter.s/                                     IteratorOptions
 * StructOpsPlugin   struct_ops/, struct_ops.s/                         (through the struct_ops map)
 * SyscallProgramPlugin syscall                                        (run with testRun, never attached)
 * </pre>
 *
 * <h2>User-space probes, USDT and cookies</h2>
 * A uprobe is a perf event of the {@code uprobe} PMU at a file offset of a binary (the function
 * symbol's address moved through its {@code PT_LOAD} segment); a multi-uprobe is one
 * {@code bpf_link} over many offsets (6.6). A USDT probe is a uprobe at the address a
 * {@code .note.stapsdt} note gives ({@link io.bpf4j.attach.plugins.UsdtProbes}); its argument
 * locations become a spec in the object's {@code __bpf_usdt_specs} map, which
 * {@code bpf/usdt.bpf.h} reads, found through the uprobe's BPF cookie (or, before 5.15, the
 * instruction pointer). A probe's semaphore is the uprobe's reference counter: the kernel
 * counts it up in every process while attached. Cookies ({@code bpf_get_attach_cookie()})
 * come from the options: {@code UprobeOptions.cookie}, {@code KprobeOptions.cookie},
 * {@code KprobeMultiOptions.cookies}, {@code UprobeMultiOptions.cookies},
 * {@code TrampolineOptions.cookie}.
 *
 * <pre>{@code
 * obj.program("on_query").attach(UsdtOptions.builder(Path.of("/usr/sbin/mysqld"), "mysql", "query__start").build());
 * obj.program("on_cmp").attach(UprobeMultiOptions.matching(Path.of("libc.so.6"), "str*cmp").build());
 * obj.program("fentry_prog").attach(TrampolineOptions.cookie(42));
 * }</pre>
 *
 * <p>Defining a program reads only the section name and, for BTF targets ({@code tp_btf/},
 * trampolines, iterators), the kernel's BTF; the kernel, tracefs, sysfs and the probed binaries
 * are consulted when attaching. Where the kernel has a {@code bpf_link} for the hook it is used;
 * the older paths ({@code BPF_PROG_ATTACH}, rtnetlink, {@code setsockopt}, tracefs
 * {@code kprobe_events}) are the fallback or an explicit choice. Tracepoints need tracefs mounted at
 * {@code /sys/kernel/tracing} or {@code /sys/kernel/debug/tracing}.
 */
package io.bpf4j.attach.plugins;
