package io.bpf4j.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helper names to their {@code BPF_FUNC_*} numbers, read from the
 * {@code bpf_helper_defs.h} that bpf-helpers-headers ships (generated from the
 * kernel's UAPI {@code include/uapi/linux/bpf.h}).
 */
public final class HelperIds {
    private static final String RESOURCE = "/bpf4j-include/bpf/bpf_helper_defs.h";
    private static final Pattern DEF = Pattern.compile("\\(\\*\\s*(?:const\\s+)?(bpf_\\w+)\\)\\(.*?=\\s*\\(void \\*\\)\\s*(\\d+);",
            Pattern.DOTALL);
    private static volatile Map<String, Integer> ids;

    private HelperIds() {
    }

    /**
     * @param name e.g. {@code bpf_ringbuf_output}
     * @return its helper id
     * @throws IllegalArgumentException naming the header when the helper is unknown
     */
    public static int of(String name) {
        Integer id = table().get(name);
        if (id == null) {
            throw new IllegalArgumentException("unknown BPF helper '" + name + "' (not in bpf4j's " + RESOURCE + ")");
        }
        return id;
    }

    private static Map<String, Integer> table() {
        Map<String, Integer> t = ids;
        if (t == null) {
            try (InputStream in = io.bpf4j.headers.BpfHeaders.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the class path (bpf-helpers-headers)");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                t = new HashMap<>();
                Matcher m = DEF.matcher(text);
                while (m.find()) {
                    t.put(m.group(1), Integer.parseInt(m.group(2)));
                }
                ids = t;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return t;
    }
}
