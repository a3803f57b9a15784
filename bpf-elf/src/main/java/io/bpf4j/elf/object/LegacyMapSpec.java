package io.bpf4j.elf.object;

import java.util.Objects;
import java.util.Optional;

/**
 * A map of the legacy {@code maps} section, as written before BTF-defined maps: a
 * {@code struct bpf_map_def} (five {@code __u32}: type, key_size, value_size, max_entries,
 * map_flags; 20 bytes), or iproute2's longer {@code struct bpf_elf_map} (36 bytes: the same five
 * then id, pinning, inner_id, inner_idx). libbpf 1.0 dropped these; bpf4j reads them as
 * cilium/ebpf does, and {@link ObjectSpec#maps()} lists each as a plain {@link MapSpec} so that the
 * loader creates it like any other map.
 *
 * @param name the map's symbol name
 * @param offset the definition's byte offset in the {@code maps} section
 * @param definitionSize the size of one definition in bytes (20, 36, or another size of 20 or more)
 * @param type {@code type} ({@code enum bpf_map_type})
 * @param keySize {@code key_size}
 * @param valueSize {@code value_size}
 * @param maxEntries {@code max_entries}
 * @param flags {@code map_flags}
 * @param iproute2 iproute2's extra fields, when the definition is at least 36 bytes long
 */
public record LegacyMapSpec(String name, int offset, int definitionSize, int type, int keySize, int valueSize,
        int maxEntries, int flags, Optional<Iproute2> iproute2) {

    /** {@code struct bpf_map_def}'s size: five {@code __u32}. */
    public static final int BPF_MAP_DEF_SIZE = 20;
    /** iproute2's {@code struct bpf_elf_map}'s size: nine {@code __u32}. */
    public static final int BPF_ELF_MAP_SIZE = 36;

    /**
     * The fields iproute2's {@code struct bpf_elf_map} ({@code include/bpf_elf.h} of iproute2)
     * adds after {@code map_flags}. Modelled, not acted on: the pinning values are iproute2's
     * ({@code PIN_NONE} 0, {@code PIN_OBJECT_NS} 1, {@code PIN_GLOBAL_NS} 2), not libbpf's.
     *
     * @param id an object-local id that inner maps are referred to by
     * @param pinning iproute2's pinning mode
     * @param innerId the {@code id} of the inner map's template (map-in-map)
     * @param innerIndex the slot of the outer map the inner map goes into
     */
    public record Iproute2(int id, int pinning, int innerId, int innerIndex) {
    }

    /** Validates the fields. */
    public LegacyMapSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(iproute2, "iproute2");
    }

    /** {@return the map as a {@link MapSpec}, without BTF and not pinned} */
    public MapSpec toMapSpec() {
        return new MapSpec(name, type, keySize, valueSize, maxEntries, flags, 0, MapSpec.PIN_NONE, 0, 0, 0,
                Optional.empty(), java.util.Map.of());
    }
}
