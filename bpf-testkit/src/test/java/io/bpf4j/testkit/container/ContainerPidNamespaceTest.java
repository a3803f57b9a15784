package io.bpf4j.testkit.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.loader.BpfObject;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.testkit.BpfContainer;
import io.bpf4j.testkit.BpfObjectResource;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.KernelAssumptions;
import io.bpf4j.testkit.RequiresFeature;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.UUID;

/**
 * A BPF workload inside a container (Testcontainers, local image, SYS_ADMIN +
 * NET_ADMIN): its task iterator sees only the container's PID namespace (one
 * process: the JVM itself), where the same iterator on the host sees many;
 * and the map it pins inside is visible outside, with what it stored.
 */
@BpfTest
@RequiresFeature(attachTypes = AttachType.TRACE_ITER)
class ContainerPidNamespaceTest {

    @BpfTest
    void taskIteratorSeesOnlyTheContainersProcessesAndThePinIsVisibleOutside(
            @BpfObjectResource(value = "/META-INF/bpf/task_tgids.bpf.o", load = true) BpfObject onHost) throws Exception {
        BpfContainer.assumeDocker();
        KernelAssumptions.assumeBpffs();
        int hostProcesses = new HashSet<>(TaskIterator.tgids(onHost.program("dump_tgid"))).size();
        assertTrue(hostProcesses > 1, "the host's iterator sees the host's processes: " + hostProcesses);

        Path pin = Path.of("/sys/fs/bpf/bpf4j-testkit-" + UUID.randomUUID().toString().substring(0, 8));
        try (BpfContainer container = BpfContainer.java(PidNamespaceWorkload.class, pin.toString())) {
            container.start();
            System.out.print(container.getLogs());
            assertTrue(Files.exists(pin), "the pin made inside the container is visible outside: " + pin);
            try (OwnedFd map = Bpf.system().objGet(pin.toString())) {
                long processes = read(map, 0);
                long tasks = read(map, 1);
                assertEquals(1, processes, "inside its PID namespace the iterator sees only the container's JVM"
                        + " (the host sees " + hostProcesses + " processes)");
                assertTrue(tasks >= 1, "tasks seen inside: " + tasks);
            }
        } finally {
            Files.deleteIfExists(pin);
        }
    }

    private static long read(OwnedFd map, int key) {
        byte[] value = new byte[8];
        assertTrue(Bpf.system().mapLookupElem(map.fd(), PidNamespaceWorkload.key(key), value));
        return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getLong();
    }
}
