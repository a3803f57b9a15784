package io.bpf4j.maven.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfFormatException;
import io.bpf4j.btf.CDumper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Provides the {@code vmlinux.h} that BPF programs include: every kernel type, dumped as C from
 * the kernel's BTF.
 *
 * <p>The header is made by bpf-btf's {@link CDumper}, in this JVM: no bpftool is needed. Its
 * differential test shows it declares what {@code bpftool btf dump file <btf> format c} declares,
 * with every size and member offset of the BTF. Dumping takes about a second and the result only
 * depends on the BTF and on the dumper, so it is cached across modules and builds under a name
 * made of the kernel release, the BTF's size, a digest of its bytes and a digest of the dumper's
 * classes; each module then gets a copy at {@code <work dir>/vmlinux/vmlinux.h}, rewritten only
 * when its content changes (its timestamp drives recompilation). A user-supplied header replaces
 * all of this.
 */
public final class VmlinuxHeader {

    /** Where the kernel publishes its own BTF (kernel 5.4+, CONFIG_DEBUG_INFO_BTF). */
    public static final Path KERNEL_BTF = Path.of("/sys/kernel/btf/vmlinux");

    /** The classes whose code decides the header's text: a change to any of them is a new cache key. */
    private static final String[] DUMPER_CLASSES = {
        "io/bpf4j/btf/CDumper.class", "io/bpf4j/btf/internal/CEmitter.class",
        "io/bpf4j/btf/internal/CLayout.class", "io/bpf4j/btf/internal/CNames.class",
    };

    private final Optional<Path> cacheDir;

    /**
     * Creates a provider.
     *
     * @param cacheDir the shared cache directory, or empty to dump into each module
     */
    public VmlinuxHeader(Optional<Path> cacheDir) {
        this.cacheDir = cacheDir;
    }

    /**
     * Makes {@code <targetDir>/vmlinux.h} hold the right header.
     *
     * @param userHeader a header the user supplied (then no BTF is read), or null
     * @param btf        the BTF to dump, usually {@link #KERNEL_BTF}
     * @param targetDir  the directory to put {@code vmlinux.h} in (passed to clang as {@code -I})
     * @return {@code targetDir/vmlinux.h}
     * @throws BpfBuildException when the header or BTF is missing, or the BTF is malformed
     */
    public Path provide(Path userHeader, Path btf, Path targetDir) throws BpfBuildException {
        Path target = targetDir.resolve("vmlinux.h");
        try {
            Files.createDirectories(targetDir);
            if (userHeader != null) {
                if (!Files.isRegularFile(userHeader)) {
                    throw new BpfBuildException("the vmlinuxHeader " + userHeader + " does not exist");
                }
                copyIfChanged(userHeader, target);
                return target;
            }
            if (!Files.isRegularFile(btf)) {
                throw new BpfBuildException("no BTF at " + btf + ": the kernel needs CONFIG_DEBUG_INFO_BTF"
                        + " (or point <vmlinuxBtf> at a BTF file, or give <vmlinuxHeader>)");
            }
            byte[] btfBytes = Files.readAllBytes(btf);
            Optional<Path> cached = cacheDir.map(d -> d.resolve(cacheName(btf, btfBytes)));
            if (cached.isPresent() && Files.isRegularFile(cached.get())) {
                copyIfChanged(cached.get(), target);
                return target;
            }
            Path dumped = dump(btf, btfBytes, cached.isPresent() ? cached.get() : target);
            if (!dumped.equals(target)) {
                copyIfChanged(dumped, target);
            }
            return target;
        } catch (IOException e) {
            throw new BpfBuildException("cannot prepare vmlinux.h in " + targetDir + ": " + e, e);
        }
    }

    /** Dumps the BTF into a temporary file beside {@code destination}, then moves it in place whole. */
    private static Path dump(Path btf, byte[] btfBytes, Path destination) throws BpfBuildException, IOException {
        String header;
        try {
            header = CDumper.header(Btf.parse(ByteBuffer.wrap(btfBytes), btf.toString()));
        } catch (BtfFormatException e) {
            throw new BpfBuildException("cannot make vmlinux.h from " + btf + ": " + e.getMessage()
                    + " (give <vmlinuxHeader> to use a header of your own)", e);
        }
        Files.createDirectories(destination.getParent());
        Path temp = Files.createTempFile(destination.getParent(), ".vmlinux-", ".h.tmp");
        try {
            Files.writeString(temp, header, StandardCharsets.UTF_8);
            moveInPlace(temp, destination);
            return destination;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * {@return the cache file name for a BTF}: kernel release (for the running kernel's BTF) or the
     * file name, the size, a digest prefix so that two kernels built alike never collide, and a
     * digest of the dumper's code so that a new dumper never reuses an old header
     */
    static String cacheName(Path btf, byte[] bytes) {
        String origin = btf.equals(KERNEL_BTF) ? kernelRelease() : btf.getFileName().toString();
        return "vmlinux-" + origin.replaceAll("[^A-Za-z0-9._+-]", "_") + "-" + bytes.length + "-"
                + HexFormat.of().formatHex(sha256(bytes), 0, 6) + "-bpf4j-" + DUMPER_FINGERPRINT + ".h";
    }

    private static final String DUMPER_FINGERPRINT = dumperFingerprint();

    private static String dumperFingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : DUMPER_CLASSES) {
                try (InputStream in = CDumper.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalStateException("bpf-btf lacks " + name + ": a broken plugin class path");
                    }
                    digest.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 4);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bpf-btf's classes", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static String kernelRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease"), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return System.getProperty("os.version", "unknown");
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** Copies unless the target already holds the same bytes, keeping its timestamp then. */
    static void copyIfChanged(Path source, Path target) throws IOException {
        if (Files.isRegularFile(target) && Files.size(source) == Files.size(target) && sameContent(source, target)) {
            return;
        }
        Path temp = Files.createTempFile(target.getParent(), ".vmlinux-", ".h.tmp");
        try {
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            moveInPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean sameContent(Path a, Path b) throws IOException {
        try (InputStream ia = Files.newInputStream(a); InputStream ib = Files.newInputStream(b)) {
            byte[] ba = new byte[1 << 16];
            byte[] bb = new byte[1 << 16];
            while (true) {
                int na = ia.readNBytes(ba, 0, ba.length);
                int nb = ib.readNBytes(bb, 0, bb.length);
                if (na != nb || !Arrays.equals(ba, 0, na, bb, 0, nb)) {
                    return false;
                }
                if (na == 0) {
                    return true;
                }
            }
        }
    }

    // Modules build in parallel (mvn -T) and share the cache: readers must never see half a file.
    // Temporary files are owner-only; the header is no secret and other users may share the cache.
    private static void moveInPlace(Path temp, Path target) throws IOException {
        if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
