package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Which entries of each {@code __bpf_usdt_specs} map are in use. Every USDT program of an
 * object shares that object's map (its definition is weak), and links of several programs may
 * be made and closed in any order, so the slots are counted per map, identified by its
 * kernel-wide id, for the whole process.
 */
final class UsdtSpecSlots {

    private static final Map<Integer, BitSet> USED = new HashMap<>();

    private UsdtSpecSlots() {
    }

    /**
     * {@return a free slot of map {@code mapId}, now taken}
     *
     * @param capacity the map's max_entries
     * @throws AttachException if every slot is taken
     */
    static synchronized int take(int mapId, int capacity, String description) {
        BitSet used = USED.computeIfAbsent(mapId, id -> new BitSet());
        int slot = used.nextClearBit(0);
        if (slot >= capacity) {
            throw new AttachException("cannot attach " + description + ": all " + capacity
                    + " entries of __bpf_usdt_specs are in use (raise BPF_USDT_MAX_SPEC_CNT before including"
                    + " bpf/usdt.bpf.h)");
        }
        used.set(slot);
        return slot;
    }

    /** Frees {@code slot} of map {@code mapId}. */
    static synchronized void release(int mapId, int slot) {
        BitSet used = USED.get(mapId);
        if (used != null) {
            used.clear(slot);
            if (used.isEmpty()) {
                USED.remove(mapId);
            }
        }
    }

    /** {@return how many slots of map {@code mapId} are taken} (for tests) */
    static synchronized int inUse(int mapId) {
        BitSet used = USED.get(mapId);
        return used == null ? 0 : used.cardinality();
    }
}
