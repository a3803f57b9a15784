package io.bpf4j.elf.object;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A BTF-defined map of the {@code .maps} section, as written with libbpf's {@code __uint},
 * {@code __type}, {@code __ulong} and {@code __array} macros. Attributes the source leaves out
 * are 0; the loader fills defaults where the kernel needs them (for example a perf event
 * array's {@code max_entries} = number of CPUs).
 *
 * @param name the map's name (the variable name; {@code "<outer>.inner"} for an inner map definition)
 * @param type the {@code enum bpf_map_type} value (bpf-elf cannot see bpf-syscall's {@code MapType})
 * @param keySize the key size in bytes, from {@code key_size} or the size of the {@code key} type
 * @param valueSize the value size in bytes, from {@code value_size} or the size of the
 *     {@code value} type; 4 (a map fd or a program fd) for map-in-map and program arrays with {@code values}
 * @param maxEntries {@code max_entries}
 * @param flags {@code map_flags}
 * @param numaNode {@code numa_node}
 * @param pinning {@code pinning}: {@link #PIN_NONE} or {@link #PIN_BY_NAME}
 * @param mapExtra {@code map_extra} (bloom filter hashes, arena address ...)
 * @param btfKeyTypeId the BTF id of the {@code key} type, 0 if given by size only
 * @param btfValueTypeId the BTF id of the {@code value} type, 0 if given by size only
 * @param innerMap the inner map definition of a map-in-map ({@code __array(values, struct ...)})
 * @param initialSlots slots filled at load time from the definition's initializer
 *     ({@code .values = { [0] = &inner_a }}): slot index to the name of a map (map-in-map) or
 *     of a program (program array), in slot order
 */
public record MapSpec(String name, int type, int keySize, int valueSize, int maxEntries, int flags, int numaNode,
        int pinning, long mapExtra, int btfKeyTypeId, int btfValueTypeId, Optional<MapSpec> innerMap,
        Map<Integer, String> initialSlots) {

    /** {@code LIBBPF_PIN_NONE} (libbpf's {@code bpf_helpers.h}): not pinned. */
    public static final int PIN_NONE = 0;
    /** {@code LIBBPF_PIN_BY_NAME}: pinned under the pin root path by the map's name. */
    public static final int PIN_BY_NAME = 1;

    /** Copies the mutable parts and validates. */
    public MapSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(innerMap, "innerMap");
        initialSlots = Collections.unmodifiableMap(new TreeMap<>(initialSlots));
    }
}
