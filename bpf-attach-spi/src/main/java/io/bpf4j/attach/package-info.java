/**
 * The attach SPI: how a BPF program's section name becomes a program type at load and an
 * attachment afterwards, and how to teach bpf4j a new kind of section.
 *
 * <h2>What the loader does with it</h2>
 *
 * For every program of an object file, the loader asks the registry for the plugin owning the
 * program's section, asks that plugin how to load the program, loads it, and, when asked to
 * attach everything, lets the plugin attach it:
 *
 * <pre>{@code
 * AttachPlugins plugins = AttachPlugins.load();                 // ServiceLoader, once
 * AttachPlugin plugin = plugins.pluginFor("tp/sched/sched_process_exec");
 * ProgramDefinition def = plugin.define("tp/sched/sched_process_exec", LoadContext.system());
 * // BPF_PROG_LOAD with def.type(), def.expectedAttachType(), def.attachBtfId(), def.programFlags()
 * if (def.autoAttach()) {
 *     try (Link link = plugin.attach(AttachContext.of(progFd, "handle_exec",
 *             "tp/sched/sched_process_exec", def.type()))) {
 *         // the program runs until the link is closed
 *     }
 * }
 * }</pre>
 *
 * A program whose section names no target ({@code SEC("uprobe")}) is attached by hand with the
 * plugin's typed options, such as {@code plugin.attach(context, UprobeOptions.builder(path)
 * .function("getpid").build())}.
 *
 * <h2>Writing a plugin</h2>
 *
 * A plugin is a public class with a public no-argument constructor implementing
 * {@link io.bpf4j.attach.AttachPlugin}. It claims section prefixes, defines programs, and attaches
 * them with the kernel facade it is handed ({@link io.bpf4j.attach.AttachContext#bpf()}). A sketch
 * of a plugin for software perf events ({@code SEC("perf/cpu_clock")}):
 *
 * <pre>{@code
 * package com.example.bpf;
 *
 * public final class CpuClockPlugin implements AttachPlugin {
 *     static final long PERF_FLAG_FD_CLOEXEC = 1L << 3;   // include/uapi/linux/perf_event.h
 *
 *     public String name() { return "perf-cpu-clock"; }
 *
 *     // Claims "perf" and "perf/<anything>"; a longer prefix than another plugin's wins.
 *     public Set<String> sectionPrefixes() { return Set.of("perf"); }
 *
 *     public ProgramDefinition define(String section, LoadContext ctx) {
 *         if (!section.equals("perf/cpu_clock")) {
 *             throw new AttachException("section '" + section + "': expected perf/cpu_clock");
 *         }
 *         return new ProgramDefinition(ProgramType.PERF_EVENT, null, 0, false, true);
 *     }
 *
 *     public Link attach(AttachContext ctx) {
 *         PerfEventAttr attr = PerfEventAttr.builder(PerfEventAttr.TYPE_SOFTWARE,
 *                         PerfEventAttr.COUNT_SW_CPU_CLOCK)
 *                 .samplePeriod(1_000_000).build();
 *         OwnedFd event = ctx.bpf().perfEventOpen(attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
 *         // Links the program (BPF_LINK_CREATE, or the ioctl on old kernels) and owns the event.
 *         return PerfEventLink.attach(ctx.bpf(), event, ctx.programFd(), 0,
 *                 "program " + ctx.programName() + " -> cpu_clock");
 *     }
 *
 *     // Optional: typed options for attaching by hand.
 *     public Link attach(AttachContext ctx, AttachOptions options) {
 *         if (options instanceof CpuClockOptions o) { ... }
 *         return AttachPlugin.super.attach(ctx, options);   // throws UnsupportedOperationException
 *     }
 * }
 * }</pre>
 *
 * Rules a plugin keeps:
 * <ul>
 *   <li>One instance serves the whole process: keep it stateless or thread safe.</li>
 *   <li>{@code define} is deterministic apart from the kernel's BTF ({@link
 *       io.bpf4j.attach.LoadContext#kernelBtf()}): it resolves load-time targets (an
 *       {@code attach_btf_id}) and rejects malformed section names with an
 *       {@link io.bpf4j.attach.AttachException} naming the section. Everything else about the
 *       running kernel waits for {@code attach}.</li>
 *   <li>{@code attach} never closes the program's descriptor; it returns a {@link
 *       io.bpf4j.attach.Link} owning every descriptor it opened ({@link io.bpf4j.attach.BpfLink}
 *       for a {@code bpf_link}, {@link io.bpf4j.attach.PerfEventLink} for a perf event) and
 *       closes them itself if it fails half-way. Kernel refusals are reported as an
 *       {@code AttachException} naming the program and section, with the {@code BpfException}
 *       as cause.</li>
 *   <li>Options are a record implementing the marker {@link io.bpf4j.attach.AttachOptions}.</li>
 * </ul>
 *
 * When a section may name its target ({@code kprobe/vfs_unlink}) and the bare prefix attaches by
 * hand, extend {@link io.bpf4j.attach.SectionTargetPlugin} instead: it reads the section into
 * the same options record a user passes, so both ways attach through one method, and it refuses
 * a bare prefix with the plugin's {@code manualAttachHint}. The kprobe, uprobe, USDT and
 * tracepoint plugins are written that way.
 *
 * <h2>Registering a plugin</h2>
 *
 * On the module path, declare the provider in the plugin's {@code module-info.java}:
 *
 * <pre>{@code
 * module com.example.bpf {
 *     requires io.bpf4j.attach;
 *     provides io.bpf4j.attach.AttachPlugin with com.example.bpf.CpuClockPlugin;
 * }
 * }</pre>
 *
 * On the class path, list it in the jar's
 * {@code META-INF/services/io.bpf4j.attach.AttachPlugin}, one class name per line:
 *
 * <pre>{@code
 * com.example.bpf.CpuClockPlugin
 * }</pre>
 *
 * Ship both and the jar works either way. {@link io.bpf4j.attach.AttachPlugins#load()} then finds
 * the plugin beside the built-ins; no bpf4j code changes. If two plugins claim a section with
 * prefixes of the same length, {@link io.bpf4j.attach.AttachPlugins#pluginFor} throws
 * {@link io.bpf4j.attach.AmbiguousSectionException} naming both; a section nobody claims gives
 * {@link io.bpf4j.attach.UnknownSectionException}.
 *
 * <h2>Section names</h2>
 *
 * <pre>
 * section   := prefix | prefix "/" target
 * prefix    := claimed by exactly one plugin; the longest claimed prefix wins
 * target    := plugin specific, for the built-ins:
 *   tp, tracepoint             category "/" name
 *   raw_tp, raw_tracepoint,
 *   raw_tp.w, raw_tracepoint.w name
 *   tp_btf                     name                       (required)
 *   uprobe, uretprobe,
 *   uprobe.s, uretprobe.s      binary ":" function [ "+" offset ] | binary ":" offset
 * </pre>
 *
 * A bare prefix (no target) loads but attaches only by hand with options.
 */
package io.bpf4j.attach;
