package io.bpf4j.syscall;

import java.util.Objects;

/**
 * What {@link Bpf#mapCreate} asks the kernel for: the {@code BPF_MAP_CREATE} member of
 * {@code union bpf_attr}. Build one with {@link #builder}; fields not set are 0 (none).
 *
 * @param type the map type
 * @param name the map name; the kernel keeps the first 15 bytes (letters, digits, {@code _} and
 *     {@code .}); empty for none
 * @param keySize key size in bytes (0 for queue, stack, ring buffer)
 * @param valueSize value size in bytes
 * @param maxEntries capacity (for a ring buffer, its data size in bytes: a power of 2 multiple of
 *     the page size)
 * @param flags {@code map_flags}, see {@link MapCreateFlags}
 * @param innerMapFd template map of a map-in-map, else 0
 * @param numaNode NUMA node, used with {@link MapCreateFlags#BPF_F_NUMA_NODE}
 * @param btfFd BTF object describing key and value, else 0
 * @param btfKeyTypeId BTF type id of the key, else 0
 * @param btfValueTypeId BTF type id of the value, else 0
 * @param btfVmlinuxValueTypeId vmlinux BTF type id of a struct_ops value, else 0
 * @param mapExtra {@code map_extra} (bloom filter hash count, arena address), else 0
 * @param ifindex network device to offload to, else 0
 */
public record MapCreateRequest(MapType type, String name, int keySize, int valueSize, int maxEntries,
                               int flags, int innerMapFd, int numaNode, int btfFd, int btfKeyTypeId,
                               int btfValueTypeId, int btfVmlinuxValueTypeId, long mapExtra,
                               int ifindex) {
    /** Checks the arguments. */
    public MapCreateRequest {
        Objects.requireNonNull(type, "type");
        name = name == null ? "" : name;
        if (keySize < 0 || valueSize < 0 || maxEntries < 0) {
            throw new IllegalArgumentException("negative size in map " + name + ": key " + keySize
                    + ", value " + valueSize + ", max entries " + maxEntries);
        }
    }

    /** {@return a builder with the four essentials set} */
    public static Builder builder(MapType type, int keySize, int valueSize, int maxEntries) {
        return new Builder(type, keySize, valueSize, maxEntries);
    }

    /** Builds a {@link MapCreateRequest}. */
    public static final class Builder {
        private final MapType type;
        private final int keySize;
        private final int valueSize;
        private final int maxEntries;
        private String name = "";
        private int flags;
        private int innerMapFd;
        private int numaNode;
        private int btfFd;
        private int btfKeyTypeId;
        private int btfValueTypeId;
        private int btfVmlinuxValueTypeId;
        private long mapExtra;
        private int ifindex;

        private Builder(MapType type, int keySize, int valueSize, int maxEntries) {
            this.type = type;
            this.keySize = keySize;
            this.valueSize = valueSize;
            this.maxEntries = maxEntries;
        }

        /** Sets the map name (at most 15 bytes are kept). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code map_flags} ({@link MapCreateFlags}). */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /** Sets the inner map template of a map-in-map. */
        public Builder innerMapFd(int innerMapFd) {
            this.innerMapFd = innerMapFd;
            return this;
        }

        /** Sets the NUMA node (also set {@link MapCreateFlags#BPF_F_NUMA_NODE}). */
        public Builder numaNode(int numaNode) {
            this.numaNode = numaNode;
            return this;
        }

        /** Sets the BTF object and the key and value type ids in it. */
        public Builder btf(int btfFd, int btfKeyTypeId, int btfValueTypeId) {
            this.btfFd = btfFd;
            this.btfKeyTypeId = btfKeyTypeId;
            this.btfValueTypeId = btfValueTypeId;
            return this;
        }

        /** Sets the vmlinux BTF type id of a struct_ops map's value. */
        public Builder btfVmlinuxValueTypeId(int id) {
            this.btfVmlinuxValueTypeId = id;
            return this;
        }

        /** Sets {@code map_extra}. */
        public Builder mapExtra(long mapExtra) {
            this.mapExtra = mapExtra;
            return this;
        }

        /** Sets the offload device. */
        public Builder ifindex(int ifindex) {
            this.ifindex = ifindex;
            return this;
        }

        /** {@return the request} */
        public MapCreateRequest build() {
            return new MapCreateRequest(type, name, keySize, valueSize, maxEntries, flags, innerMapFd,
                    numaNode, btfFd, btfKeyTypeId, btfValueTypeId, btfVmlinuxValueTypeId, mapExtra, ifindex);
        }
    }
}
