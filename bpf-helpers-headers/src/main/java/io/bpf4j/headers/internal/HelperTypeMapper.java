package io.bpf4j.headers.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a type as spelled in the kernel's helper documentation to the type a BPF program sees.
 *
 * <p>The kernel documents helpers with its internal types; a BPF program only knows the UAPI
 * ones. The correspondence is the one libbpf's {@code scripts/bpf_doc.py} applies (the facts:
 * {@code u64} is {@code __u64}, {@code size_t} is {@code unsigned long}, a {@code struct bpf_map *}
 * is an opaque {@code void *}, and the kernel's socket buffer, sk_msg and xdp buffer structs are
 * seen through their UAPI context structs {@code __sk_buff}, {@code sk_msg_md} and {@code xdp_md}).
 * Every other type passes through unchanged.
 */
public final class HelperTypeMapper {

    private static final Map<String, String> BASE_TYPES = Map.ofEntries(
            Map.entry("u8", "__u8"),
            Map.entry("u16", "__u16"),
            Map.entry("u32", "__u32"),
            Map.entry("u64", "__u64"),
            Map.entry("s8", "__s8"),
            Map.entry("s16", "__s16"),
            Map.entry("s32", "__s32"),
            Map.entry("s64", "__s64"),
            Map.entry("size_t", "unsigned long"),
            Map.entry("struct bpf_map", "void"),
            Map.entry("struct sk_buff", "struct __sk_buff"),
            Map.entry("struct sk_msg_buff", "struct sk_msg_md"),
            Map.entry("struct xdp_buff", "struct xdp_md"));

    /** An optional "const", a base type, then the pointer stars. */
    private static final Pattern TYPE = Pattern.compile("^(const )?(.*?)\\s*(\\**)$");

    private HelperTypeMapper() {
    }

    /**
     * Maps one type.
     *
     * @param kernelType a type such as {@code const struct sk_buff *} or {@code u32}
     * @return the BPF-side type, e.g. {@code const struct __sk_buff *} or {@code __u32}
     */
    public static String map(String kernelType) {
        if (kernelType.equals("...")) {
            return kernelType;
        }
        Matcher m = TYPE.matcher(kernelType.strip());
        if (!m.matches()) {
            return kernelType;
        }
        String constness = m.group(1) == null ? "" : m.group(1);
        String base = BASE_TYPES.getOrDefault(m.group(2), m.group(2));
        String stars = m.group(3);
        return constness + base + (stars.isEmpty() ? "" : " " + stars);
    }

    /**
     * {@return the struct tag a mapped type names, e.g. {@code bpf_sock} for {@code struct bpf_sock *},
     * or null when the type is not a struct}
     *
     * @param mappedType a type already passed through {@link #map(String)}
     */
    public static String structTag(String mappedType) {
        Matcher m = Pattern.compile("\\bstruct ([A-Za-z_][A-Za-z0-9_]*)").matcher(mappedType);
        return m.find() ? m.group(1) : null;
    }
}
