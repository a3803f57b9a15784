/**
 * Internal: how {@link io.bpf4j.loader.BpfObject} turns an object spec into
 * kernel objects. Not exported; nothing here is API.
 *
 * <p>The kernel-facing services (the {@code bpf(2)} facade, the attach
 * plugins, the kernel's BTF) are wired by Dagger in {@link
 * io.bpf4j.loader.internal.LoaderComponent}. The kernel's BTF is vmlinux's
 * plus each loaded module's split BTF: {@link
 * io.bpf4j.loader.internal.KernelBtfs} reads them lazily and knows each
 * one's kernel object id ({@link io.bpf4j.loader.internal.ModuleBtf}), and
 * answers where a named type lives ({@link
 * io.bpf4j.loader.internal.KernelBtfType}); the loading steps are small
 * classes, each owning one transformation: {@link
 * io.bpf4j.loader.internal.DatasecLayout} (BTF fixed up for the kernel),
 * {@link io.bpf4j.loader.internal.MapReferencePatcher} (map fds into
 * instructions), {@link io.bpf4j.loader.internal.BtfExtEncoder} (func_info
 * and line_info records), {@link io.bpf4j.loader.internal.ResourceScope}
 * (everything created so far, closed on failure).
 *
 * <p>When the verifier rejects a program at an instruction the loader made
 * invalid on purpose (a {@link io.bpf4j.loader.internal.PoisonedInstruction}:
 * a CO-RE relocation that did not resolve, a weak kfunc the kernel lacks),
 * {@link io.bpf4j.loader.internal.VerifierLogRewriter} says in the log and
 * the exception what was missing, with the instruction's C source line
 * ({@link io.bpf4j.loader.internal.SourceLines}).
 *
 * <p>Externs, as libbpf resolves them, before anything is created: {@link
 * io.bpf4j.loader.internal.ExternResolver} decides what each extern of an
 * object becomes ({@link io.bpf4j.loader.internal.ExternTarget}) and {@link
 * io.bpf4j.loader.internal.ResolvedExterns} patches the programs with it
 * ({@link io.bpf4j.loader.internal.ExternPatch}) and creates the {@code
 * .kconfig} map. {@code __kconfig} externs live in that map, laid out by
 * {@link io.bpf4j.loader.internal.KconfigLayout} (one {@link
 * io.bpf4j.loader.internal.KconfigExtern} per variable, typed by {@link
 * io.bpf4j.loader.internal.KconfigType}) and filled by {@link
 * io.bpf4j.loader.internal.KconfigValues} from the user's text, the
 * kernel's configuration ({@link io.bpf4j.loader.internal.KernelConfigFile})
 * and libbpf's virtual {@code LINUX_*} values ({@link
 * io.bpf4j.loader.internal.LinuxKernelVersion}, {@link
 * io.bpf4j.loader.internal.LinuxFeatureProbes}, from {@link
 * io.bpf4j.loader.internal.UnameInfo}); typed {@code __ksym}s and kfuncs
 * are found in {@link io.bpf4j.loader.internal.KernelBtfs}, untyped ones in
 * {@link io.bpf4j.loader.internal.KallsymsAddresses}. {@link
 * io.bpf4j.loader.internal.ExternBtf} rewrites the object's {@code .kconfig}
 * and {@code .ksyms} DATASECs into BTF the kernel accepts.
 *
 * <p>struct_ops maps: {@link io.bpf4j.loader.internal.StructOpsLayout}
 * matches the object's ops struct to the running kernel's by member name
 * (data members copied to the kernel's offsets inside {@code struct
 * bpf_struct_ops_<name>}, function pointers turned into program
 * descriptors, each callback's member index and struct id for its load);
 * {@link io.bpf4j.loader.internal.StructOpsRegistration} undoes a legacy
 * registration by deleting the map's element.
 */
package io.bpf4j.loader.internal;
