package io.bpf4j.loader.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of the {@code LINUX_KERNEL_VERSION} extern: the running kernel's
 * {@code LINUX_VERSION_CODE}, {@code (major << 16) + (minor << 8) + min(patch, 255)}, found as
 * libbpf finds it ({@code get_kernel_version} in libbpf_probes.c): Ubuntu's
 * {@code /proc/version_signature} ("Ubuntu 5.4.0-12.15-generic 5.4.8": the last field is the
 * upstream version, while the release says 5.4.0); else, for Debian kernels, the upstream
 * version in {@code uname -v} ("#1 SMP Debian 6.1.76-1 (2024-02-01)", while the release says
 * 6.1.0-18-amd64); else the release's first three numbers.
 */
public final class LinuxKernelVersion {
    private static final Path UBUNTU_SIGNATURE = Path.of("/proc/version_signature");
    private static final Pattern THREE_NUMBERS = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Pattern DEBIAN = Pattern.compile("Debian (\\d+)\\.(\\d+)\\.(\\d+)");

    private LinuxKernelVersion() {
    }

    /** {@return the running kernel's version code, 0 if it cannot be told} */
    public static int running() {
        String signature = "";
        try {
            if (Files.isReadable(UBUNTU_SIGNATURE)) {
                signature = Files.readString(UBUNTU_SIGNATURE, StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            signature = "";
        }
        return of(signature, UnameInfo.release(), UnameInfo.version());
    }

    /**
     * @param ubuntuSignature the content of {@code /proc/version_signature}, empty if none
     * @param release         {@code uname -r}
     * @param version         {@code uname -v}
     * @return the version code, 0 if none of them says
     */
    public static int of(String ubuntuSignature, String release, String version) {
        String[] fields = ubuntuSignature.strip().split("\\s+");
        if (fields.length >= 3) {
            Matcher m = THREE_NUMBERS.matcher(fields[2]);
            if (m.find()) {
                return code(m);
            }
        }
        Matcher debian = DEBIAN.matcher(version);
        if (debian.find()) {
            return code(debian);
        }
        Matcher m = THREE_NUMBERS.matcher(release);
        return m.find() ? code(m) : 0;
    }

    /** libbpf's {@code KERNEL_VERSION(a, b, c)}: the patch level saturates at 255. */
    public static int code(int major, int minor, int patch) {
        return (major << 16) + (minor << 8) + Math.min(patch, 255);
    }

    private static int code(Matcher m) {
        return code(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }
}
