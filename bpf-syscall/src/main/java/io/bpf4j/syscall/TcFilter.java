package io.bpf4j.syscall;

/**
 * One tc filter as {@link Rtnetlink#filters} lists it ({@code RTM_GETTFILTER} dump).
 *
 * @param parent the filter's parent, e.g. {@link Rtnetlink#TC_PARENT_INGRESS}
 * @param priority its priority (lower runs first)
 * @param handle its handle within the priority
 * @param kind the classifier, e.g. {@code "bpf"}
 * @param programId for {@code cls_bpf}, the program's id ({@code TCA_BPF_ID}, 4.13), else 0
 * @param name for {@code cls_bpf}, the name it was given ({@code TCA_BPF_NAME}), else ""
 */
public record TcFilter(int parent, int priority, int handle, String kind, int programId, String name) {
}
