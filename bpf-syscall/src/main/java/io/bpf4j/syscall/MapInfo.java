package io.bpf4j.syscall;

/**
 * What the kernel says about a map ({@code struct bpf_map_info}, from {@link Bpf#mapInfo}).
 *
 * @param type the map type
 * @param id the kernel-wide map id
 * @param name the name (at most 15 bytes)
 * @param keySize key size in bytes
 * @param valueSize value size in bytes
 * @param maxEntries capacity
 * @param flags {@code map_flags}
 * @param ifindex offload device, or 0
 * @param btfId id of the map's BTF object, or 0
 * @param btfKeyTypeId key type id in that BTF, or 0
 * @param btfValueTypeId value type id in that BTF, or 0
 * @param btfVmlinuxValueTypeId struct_ops value type id in vmlinux BTF, or 0
 * @param mapExtra {@code map_extra}
 */
public record MapInfo(MapType type, int id, String name, int keySize, int valueSize, int maxEntries, int flags,
                      int ifindex, int btfId, int btfKeyTypeId, int btfValueTypeId, int btfVmlinuxValueTypeId,
                      long mapExtra) {
}
