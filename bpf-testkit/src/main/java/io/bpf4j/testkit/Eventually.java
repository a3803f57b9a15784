package io.bpf4j.testkit;

import static org.awaitility.Awaitility.await;

import io.bpf4j.loader.BpfMap;
import io.bpf4j.loader.GlobalVariables;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * Awaitility conditions for what BPF programs change asynchronously: a
 * global variable reaching a value, a map holding an entry. Each fails with a
 * message naming what was awaited and the last value seen.
 */
public final class Eventually {
    /** How long a condition is awaited unless said otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private Eventually() {
    }

    /**
     * Waits until an 8-byte global variable satisfies a condition.
     *
     * @param globals   the data section
     * @param name      the variable
     * @param condition what it must satisfy
     * @return the value that satisfied it
     */
    public static long globalLong(GlobalVariables globals, String name, LongPredicate condition) {
        return await("global " + globals.section() + "." + name)
                .atMost(DEFAULT_TIMEOUT)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> globals.getLong(name), condition::test);
    }

    /**
     * Waits until a map holds a value for {@code key} that satisfies a condition.
     *
     * @param map       a loaded map
     * @param key       the key's bytes
     * @param condition what the value must satisfy
     * @return the value that satisfied it
     */
    public static byte[] mapValue(BpfMap map, byte[] key, Predicate<byte[]> condition) {
        return await("map " + map.name() + " entry")
                .atMost(DEFAULT_TIMEOUT)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> map.lookup(key), v -> v.isPresent() && condition.test(v.get()))
                .orElseThrow();
    }

    /**
     * Waits until a map has no entry for {@code key}.
     *
     * @param map a loaded map
     * @param key the key's bytes
     */
    public static void mapLacks(BpfMap map, byte[] key) {
        await("map " + map.name() + " without the entry")
                .atMost(DEFAULT_TIMEOUT)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> map.lookup(key), Optional::isEmpty);
    }
}
