/**
 * A third-party attach plugin, as a team outside bpf4j would write it: it adds
 * the section prefix {@code syscall_enter/<name>} (a program run on entry to
 * one system call) with nothing changed in bpf4j. It is found by
 * {@link java.util.ServiceLoader}: declared here with {@code provides} for the
 * module path and in {@code META-INF/services} for the class path.
 */
module com.example.bpf4j.syscalls {
    requires io.bpf4j.attach;

    exports com.example.bpf4j.syscalls;

    provides io.bpf4j.attach.AttachPlugin with com.example.bpf4j.syscalls.SyscallEnterPlugin;
}
